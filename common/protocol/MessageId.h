// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHashFunctions>
#include <QString>

#include <array>
#include <optional>

namespace linnet::protocol {

/**
 * A client-generated 128-bit message id. The sender picks it, keeps it across
 * every resend, and the server dedupes on (sender device, id).
 *
 * A generated id starts with the time it was made (48 bits of milliseconds since
 * the epoch, big-endian) followed by 80 random bits, like a UUIDv7: ids made
 * later sort later, so the server's index of them grows at one end instead of
 * being written at random places (docs/perf/findings.md, finding 19). The time says
 * nothing the server and the recipient do not see anyway.
 */
class MessageId {
public:
    static constexpr qsizetype kSize = 16;

    MessageId() = default; ///< the all-zero id, which isNull()

    /** A fresh id: the current time, then random bytes (libsodium randombytes). */
    static MessageId generate();
    /** A fresh id made at @p msSinceEpoch (0 .. 2^48 - 1). */
    static MessageId generate(qint64 msSinceEpoch);
    /** Exactly 16 bytes, else nullopt. */
    static std::optional<MessageId> fromBytes(QByteArrayView bytes);
    /** 32 hex digits, else nullopt. */
    static std::optional<MessageId> fromHex(QStringView hex);

    QByteArray toBytes() const;
    QString toHex() const;
    bool isNull() const;

    bool operator==(const MessageId &) const = default;
    auto operator<=>(const MessageId &) const = default;

    const std::array<quint8, kSize> &data() const { return m_bytes; }

private:
    std::array<quint8, kSize> m_bytes{};
};

inline size_t qHash(const MessageId &id, size_t seed = 0)
{
    return qHashBits(id.data().data(), id.data().size(), seed);
}

} // namespace linnet::protocol
