// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace linnet::protocol {

/**
 * An invite as one text to hand to a new teammate (docs/protocol.md "Invite links"):
 * the server's WebSocket URL, the SHA-256 of its TLS certificate's public key (the pin;
 * empty for a server checked by a certificate authority, or without TLS) and the invite
 * code, as
 * `linnet://invite?server=wss://HOST:PORT/v1/ws&pin=BASE64URL&code=XXXX-XXXX-XXXX-XXXX`.
 * A client that joins with it trusts that public key alone for that server.
 */
struct InviteLink {
    QUrl server;    ///< ws:// or wss://
    QByteArray pin; ///< 32 bytes (kPinBytes), or empty
    QString code;   ///< the invite code, as the server printed it

    bool operator==(const InviteLink &) const = default;

    /** The link's text (server, then pin if any, then code). */
    QString toString() const;
    /** Reads a link; a specific error for each way it can be wrong. */
    static Result<InviteLink> parse(const QString &text);
    /** Whether @p text is meant as a link (starts with "linnet:"), not as a bare code. */
    static bool looksLikeLink(const QString &text);
};

/** The path the server speaks the Linnet protocol on (docs/protocol.md §1). */
inline constexpr char kWebSocketPath[] = "/v1/ws";

/** @p server as clients connect to it: a ws:// or wss:// URL given without a path (as
 *  people write "wss://chat.example.org:7480") gets kWebSocketPath; any other is kept. */
QUrl withWebSocketPath(QUrl server);

/** Bytes of a pin: a SHA-256. */
inline constexpr int kPinBytes = 32;

/** The pin of a certificate whose public key (SubjectPublicKeyInfo, DER) is @p spkiDer. */
QByteArray pinOfPublicKey(const QByteArray &spkiDer);
/** A pin as people and links carry it: base64url without padding (43 characters). */
QString pinToText(const QByteArray &pin);
/** The pin in @p text (base64url, with or without padding, or hex with optional colons);
 *  an error if it is not 32 bytes. */
Result<QByteArray> pinFromText(const QString &text);

} // namespace linnet::protocol
