// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <variant>

namespace linnet::server {

/** What a ticket allows (docs/protocol.md 10). */
enum class TicketDirection : quint8 { Upload = 1, Download = 2 };

/** A ticket's contents once its MAC is checked. */
struct Ticket {
    TicketDirection direction = TicketDirection::Download;
    QByteArray blob; ///< protocol::kBlobIdBytes
    qint64 device = 0;
    qint64 expiresMs = 0; ///< ms UTC
    bool operator==(const Ticket &) const = default;
};

/** Why a ticket was refused: the HTTP status says which class (401 or 403). */
struct TicketRefusal {
    int status = 401;
    QString reason;
};

/**
 * Issues and checks the tickets of media transfers: a binary record (version,
 * direction, blob, device, expiry) with an HMAC-SHA-256 (libsodium
 * crypto_auth_hmacsha256) under a 32-byte key that never leaves the server.
 * Parsing is strict (exact length, known version and direction) and the MAC is
 * compared in constant time before anything else is believed.
 */
class MediaTickets {
public:
    static constexpr qsizetype kKeyBytes = 32;
    static constexpr quint8 kVersion = 1;
    /** version 1 + direction 1 + blob 16 + device 8 + expiry 8 + MAC 32. */
    static constexpr qsizetype kTicketBytes = 66;

    /** @p key: kKeyBytes secret bytes (loadOrCreateKey()). */
    explicit MediaTickets(QByteArray key);

    /**
     * The key in @p path (kKeyBytes, mode 0600), made from random bytes at the first
     * start. An error if the file cannot be read or written or has another size.
     */
    static protocol::Result<QByteArray> loadOrCreateKey(const QString &path);

    QByteArray issue(const Ticket &ticket) const;
    /**
     * The ticket @p bytes, if it is well-formed, was issued with this key and has
     * not expired at @p nowMs; otherwise a 401 refusal. The caller checks the blob
     * and direction against the request (403).
     */
    std::variant<Ticket, TicketRefusal> verify(QByteArrayView bytes, qint64 nowMs) const;
    /**
     * verify(), then that the ticket is for @p blob in @p direction (403 if not).
     */
    std::variant<Ticket, TicketRefusal> check(QByteArrayView bytes, const QByteArray &blob,
                                              TicketDirection direction, qint64 nowMs) const;

private:
    QByteArray m_key;
};

} // namespace linnet::server
