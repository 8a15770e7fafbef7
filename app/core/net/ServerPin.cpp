// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/ServerPin.h"

#include "protocol/InviteLink.h"

#include <QSslKey>
#include <QSslSocket>

namespace linnet::client {

QByteArray ServerPin::of(const QSslCertificate &certificate)
{
    return protocol::pinOfPublicKey(certificate.publicKey().toDer());
}

QString ServerPin::refusal(const QSslCertificate &peer, const QByteArray &pin)
{
    if (peer.isNull())
        return tr("the server showed no TLS certificate");
    const QByteArray got = of(peer);
    if (got == pin)
        return {};
    return tr("the server's certificate is not the one this account trusts (its fingerprint "
              "is %1, the invite's %2): someone may be intercepting the connection, or the "
              "server got a new certificate; ask its admin for a new invite link")
        .arg(protocol::pinToText(got), protocol::pinToText(pin));
}

QSslSocket *ServerPin::tlsSocketOf(const QObject &webSocket)
{
    // A QWebSocket makes a new socket per open(); old ones wait unconnected for deleteLater.
    QSslSocket *live = nullptr;
    for (QSslSocket *socket : webSocket.findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly)) {
        if (socket->state() != QAbstractSocket::UnconnectedState)
            live = socket;
    }
    return live;
}

void ServerPin::acceptPinned(QSslSocket &socket, const QByteArray &pin)
{
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket, [&socket, pin] {
        if (refusal(socket.peerCertificate(), pin).isEmpty())
            socket.ignoreSslErrors();
    });
}

} // namespace linnet::client
