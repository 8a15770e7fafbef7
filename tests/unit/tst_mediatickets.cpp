// SPDX-License-Identifier: GPL-3.0-or-later
// The tickets of media transfers: what a forged, expired, truncated or misdirected
// ticket gets, and the key kept in the data directory.
#include "media/MediaTickets.h"
#include "protocol/Limits.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sodium.h>

using namespace linnet::server;

namespace {

QByteArray blobId(char fill)
{
    return QByteArray(linnet::protocol::kBlobIdBytes, fill);
}

constexpr qint64 kNow = 1'765'000'000'000;

Ticket sample(TicketDirection direction = TicketDirection::Download)
{
    return Ticket{direction, blobId('\x5a'), 42, kNow + 3'600'000};
}

int statusOf(const std::variant<Ticket, TicketRefusal> &result)
{
    if (const auto *refusal = std::get_if<TicketRefusal>(&result))
        return refusal->status;
    return 200;
}

} // namespace

class TestMediaTickets : public QObject {
    Q_OBJECT

private:
    MediaTickets m_tickets{QByteArray(MediaTickets::kKeyBytes, '\x11')};

private Q_SLOTS:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void anIssuedTicketVerifiesToWhatWasIssued()
    {
        const QByteArray bytes = m_tickets.issue(sample());
        QCOMPARE(bytes.size(), MediaTickets::kTicketBytes);
        QVERIFY(bytes.size() <= linnet::protocol::kMaxTicketBytes);
        const auto verified = m_tickets.verify(bytes, kNow);
        QCOMPARE(std::get<Ticket>(verified), sample());
        QCOMPARE(statusOf(m_tickets.check(bytes, blobId('\x5a'), TicketDirection::Download, kNow)),
                 200);
    }

    void aTicketWithAnyBitChangedIsForged()
    {
        const QByteArray bytes = m_tickets.issue(sample());
        // Every field, the device and the expiry included, is under the MAC.
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            QByteArray forged = bytes;
            forged[i] = char(forged[i] ^ 0x01);
            QCOMPARE(statusOf(m_tickets.verify(forged, kNow)), 401);
        }
    }

    void aTicketOfAnotherKeyIsForged()
    {
        const MediaTickets other(QByteArray(MediaTickets::kKeyBytes, '\x22'));
        QCOMPARE(statusOf(m_tickets.verify(other.issue(sample()), kNow)), 401);
    }

    void anExpiredTicketIsRefusedWith401()
    {
        const QByteArray bytes = m_tickets.issue(sample());
        QCOMPARE(statusOf(m_tickets.verify(bytes, sample().expiresMs)), 200);
        const auto late = m_tickets.verify(bytes, sample().expiresMs + 1);
        QCOMPARE(statusOf(late), 401);
        QVERIFY(std::get<TicketRefusal>(late).reason.contains(QStringLiteral("expired")));
    }

    void aTicketForAnotherBlobIsRefusedWith403()
    {
        const QByteArray bytes = m_tickets.issue(sample());
        QCOMPARE(statusOf(m_tickets.check(bytes, blobId('\x5b'), TicketDirection::Download, kNow)),
                 403);
    }

    void aTicketOfTheWrongDirectionIsRefusedWith403()
    {
        const QByteArray upload = m_tickets.issue(sample(TicketDirection::Upload));
        QCOMPARE(statusOf(m_tickets.check(upload, blobId('\x5a'), TicketDirection::Download, kNow)),
                 403);
        const QByteArray download = m_tickets.issue(sample(TicketDirection::Download));
        QCOMPARE(statusOf(m_tickets.check(download, blobId('\x5a'), TicketDirection::Upload, kNow)),
                 403);
    }

    void aTicketNamesItsDevice()
    {
        // Bound to one device: another device's ticket says that device, never the bearer's.
        Ticket ofAnother = sample();
        ofAnother.device = 43;
        const auto verified = m_tickets.verify(m_tickets.issue(ofAnother), kNow);
        QCOMPARE(std::get<Ticket>(verified).device, 43);
        QVERIFY(m_tickets.issue(ofAnother) != m_tickets.issue(sample()));
    }

    void truncatedOrPaddedTicketsAreMalformed()
    {
        const QByteArray bytes = m_tickets.issue(sample());
        for (qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(34), bytes.size() - 1})
            QCOMPARE(statusOf(m_tickets.verify(bytes.first(size), kNow)), 401);
        QCOMPARE(statusOf(m_tickets.verify(bytes + '\0', kNow)), 401);
    }

    void unknownVersionsAndDirectionsAreRefusedEvenWithAValidMac()
    {
        // A record the server never issues, MACed with the right key: still refused.
        const QByteArray key(MediaTickets::kKeyBytes, '\x11');
        auto withMac = [&key](QByteArray body) {
            body.resize(MediaTickets::kTicketBytes);
            crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(body.data()) + 34,
                                   reinterpret_cast<const unsigned char *>(body.constData()), 34,
                                   reinterpret_cast<const unsigned char *>(key.constData()));
            return body;
        };
        const QByteArray good = m_tickets.issue(sample());
        QByteArray version = good.first(34);
        version[0] = 2;
        QCOMPARE(statusOf(m_tickets.verify(withMac(version), kNow)), 401);
        QByteArray direction = good.first(34);
        direction[1] = 3;
        QCOMPARE(statusOf(m_tickets.verify(withMac(direction), kNow)), 401);
        QByteArray device = good.first(34);
        std::fill(device.begin() + 18, device.begin() + 26, '\0');
        QCOMPARE(statusOf(m_tickets.verify(withMac(device), kNow)), 401);
        QCOMPARE(statusOf(m_tickets.verify(withMac(good.first(34)), kNow)), 200);
    }

    void theKeyIsMadeOnceKeptPrivateAndReadBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("media-ticket.key"));
        const auto made = MediaTickets::loadOrCreateKey(path);
        QVERIFY(made);
        QCOMPARE(made.value().size(), MediaTickets::kKeyBytes);
        QCOMPARE(QFile::permissions(path) & 0x0077, QFileDevice::Permissions());
        const auto again = MediaTickets::loadOrCreateKey(path);
        QVERIFY(again);
        QCOMPARE(again.value(), made.value());
        // A ticket survives a restart: the same key checks it.
        const QByteArray bytes = MediaTickets(made.value()).issue(sample());
        QCOMPARE(statusOf(MediaTickets(again.value()).verify(bytes, kNow)), 200);
    }

    void aDamagedKeyFileIsAnErrorNotANewKey()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("media-ticket.key"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("short");
        file.close();
        const auto loaded = MediaTickets::loadOrCreateKey(path);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().reason.contains(path));
    }
};

QTEST_GUILESS_MAIN(TestMediaTickets)
#include "tst_mediatickets.moc"
