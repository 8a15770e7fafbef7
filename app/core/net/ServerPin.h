// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QSslCertificate>
#include <QString>

class QSslSocket;

namespace linnet::client {

/**
 * Trust in a server by the pin of its TLS certificate (protocol::InviteLink): with a pin,
 * exactly the certificate whose public key has that SHA-256 is accepted, self-signed or
 * not, whatever host name it names, and any other is refused, even one a certificate
 * authority signed. Without a pin, the system's CAs decide as usual.
 */
class ServerPin {
    Q_DECLARE_TR_FUNCTIONS(ServerPin)
public:
    /** The pin of @p certificate (SHA-256 of its SubjectPublicKeyInfo). */
    static QByteArray of(const QSslCertificate &certificate);
    /** Empty if @p peer has the pin @p pin; else why it is refused, for people. */
    static QString refusal(const QSslCertificate &peer, const QByteArray &pin);
    /** The TLS socket that carries @p webSocket now (a QWebSocket's child), or null. */
    static QSslSocket *tlsSocketOf(const QObject &webSocket);
    /** @p socket ignores its certificate errors (self-signed, host name) when its peer has
     *  @p pin; the caller still checks refusal() once encrypted (a CA-signed impostor
     *  raises no error). */
    static void acceptPinned(QSslSocket &socket, const QByteArray &pin);
};

} // namespace linnet::client
