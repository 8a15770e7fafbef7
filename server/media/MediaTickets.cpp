// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaTickets.h"

#include "protocol/Limits.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sodium.h>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

static_assert(MediaTickets::kKeyBytes == crypto_auth_hmacsha256_KEYBYTES);
static_assert(MediaTickets::kTicketBytes <= protocol::kMaxTicketBytes);
constexpr qsizetype kBodyBytes = MediaTickets::kTicketBytes - crypto_auth_hmacsha256_BYTES;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace

MediaTickets::MediaTickets(QByteArray key) : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() == kKeyBytes);
}

protocol::Result<QByteArray> MediaTickets::loadOrCreateKey(const QString &path)
{
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot read the media ticket key %1: %2")
                                 .arg(path, file.errorString()));
        const QByteArray key = file.readAll();
        if (key.size() != kKeyBytes)
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("the media ticket key %1 has %2 bytes, not %3; "
                                            "delete it to make a new one (tickets given out "
                                            "so far stop working)")
                                 .arg(path)
                                 .arg(key.size())
                                 .arg(kKeyBytes));
        return key;
    }
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    crypto_auth_hmacsha256_keygen(reinterpret_cast<unsigned char *>(key.data()));
    // Private before the secret is in it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(key) != kKeyBytes || !file.flush()) {
        const QString why = file.errorString();
        file.remove();
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot write the media ticket key %1: %2").arg(path, why));
    }
    return key;
}

QByteArray MediaTickets::issue(const Ticket &ticket) const
{
    Q_ASSERT(ticket.blob.size() == protocol::kBlobIdBytes);
    QByteArray out;
    out.reserve(kTicketBytes);
    out.append(char(kVersion));
    out.append(char(ticket.direction));
    out.append(ticket.blob);
    char number[8];
    qToBigEndian(ticket.device, number);
    out.append(number, 8);
    qToBigEndian(ticket.expiresMs, number);
    out.append(number, 8);
    out.resize(kTicketBytes);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(out.data()) + kBodyBytes, bytes(out),
                           kBodyBytes, bytes(m_key));
    return out;
}

std::variant<Ticket, TicketRefusal> MediaTickets::verify(QByteArrayView in, qint64 nowMs) const
{
    auto refuse = [](const char *why) { return TicketRefusal{401, QString::fromLatin1(why)}; };
    if (in.size() != kTicketBytes)
        return refuse("malformed ticket");
    // The MAC first, in constant time: nothing of a forged ticket is looked at.
    if (crypto_auth_hmacsha256_verify(bytes(in.sliced(kBodyBytes)), bytes(in), kBodyBytes,
                                      bytes(m_key)) != 0)
        return refuse("invalid ticket");
    if (quint8(in[0]) != kVersion)
        return refuse("unknown ticket version");
    const quint8 direction = quint8(in[1]);
    if (direction != quint8(TicketDirection::Upload) &&
        direction != quint8(TicketDirection::Download))
        return refuse("malformed ticket");
    Ticket ticket;
    ticket.direction = TicketDirection(direction);
    ticket.blob = in.sliced(2, protocol::kBlobIdBytes).toByteArray();
    ticket.device = qFromBigEndian<qint64>(in.data() + 18);
    ticket.expiresMs = qFromBigEndian<qint64>(in.data() + 26);
    if (ticket.device <= 0)
        return refuse("malformed ticket");
    if (nowMs > ticket.expiresMs)
        return refuse("expired ticket; ask for a new one");
    return ticket;
}

std::variant<Ticket, TicketRefusal> MediaTickets::check(QByteArrayView bytesIn,
                                                        const QByteArray &blob,
                                                        TicketDirection direction,
                                                        qint64 nowMs) const
{
    auto verified = verify(bytesIn, nowMs);
    const Ticket *ticket = std::get_if<Ticket>(&verified);
    if (!ticket)
        return verified;
    if (ticket->blob != blob)
        return TicketRefusal{403, QStringLiteral("the ticket is for another blob")};
    if (ticket->direction != direction)
        return TicketRefusal{403, direction == TicketDirection::Upload
                                      ? QStringLiteral("a download ticket cannot upload")
                                      : QStringLiteral("an upload ticket cannot download")};
    return verified;
}

} // namespace linnet::server
