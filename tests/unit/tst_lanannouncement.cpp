// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Keys.h"
#include "lan/AnnouncementVerifier.h"
#include "lan/LanAnnouncement.h"
#include "lan/SourceRateLimit.h"
#include "LanTestSupport.h"

#include <QtTest>

using namespace linnet::lan;
using linnet::crypto::IdentityKeyPair;

namespace {

constexpr qint64 kNow = 1'765'000'000'000;

struct TestDevice : linnet::test::LanTestDevice {
    using LanTestDevice::LanTestDevice;
    QByteArray announce(qint64 ts = kNow, quint16 port = 40001) const
    {
        return makeAnnouncement(keys, device, ts, port);
    }
};

QByteArray rawMap(const linnet::test::CborFieldList &fields)
{
    return linnet::test::cborMap(fields);
}

} // namespace

/**
 * The LAN announcement (docs/protocol.md §12.2): what it carries, and every reason a
 * receiver refuses one.
 */
class TestLanAnnouncement : public QObject {
    Q_OBJECT

    TestDevice ana{"ana", 11};
    TestDevice ben{"ben", 21};
    TestDevice stranger{"mallory", 66};

    AnnouncementVerifier verifierFor(const TestDevice &self, const QList<LanDevice> &known) const
    {
        AnnouncementVerifier v(self.device);
        v.setKnownDevices(known);
        return v;
    }

    void expectReject(AnnouncementVerifier &v, const QByteArray &datagram, AnnouncementError error,
                      qint64 now = kNow)
    {
        const auto result = v.verify(datagram, now);
        QVERIFY2(!result.ok(), "the announcement was taken");
        QVERIFY2(result.error().error == error,
                 qPrintable(QStringLiteral("rejected as %1 (%2), expected %3")
                                .arg(announcementErrorName(result.error().error),
                                     result.error().reason, announcementErrorName(error))));
    }

private Q_SLOTS:
    void anEncodedAnnouncementDecodesToTheSameFields()
    {
        Announcement a{kNow, 47001, QByteArray(16, 'T'), QByteArray(64, 'S')};
        const QByteArray bytes = encodeAnnouncement(a);
        QVERIFY(bytes.size() < 160);
        const auto decoded = decodeAnnouncement(bytes);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value(), a);
    }

    void theDatagramNamesNeitherAccountNorDeviceNorIdentity()
    {
        const QByteArray bytes = ana.announce();
        QVERIFY(!bytes.contains("ana"));
        QVERIFY(!bytes.contains(ana.device.identity));
        QVERIFY(bytes.contains("lan_announce"));
    }

    void theTagIsPerIdentityAndChangesWithTheWindow()
    {
        const QByteArray t1 = announcementTag(ana.device.identity, kNow);
        QCOMPARE(t1.size(), kAnnouncementTagBytes);
        QCOMPARE(announcementTag(ana.device.identity, kNow - kNow % kAnnouncementTagWindowMs), t1);
        QVERIFY(announcementTag(ana.device.identity, kNow + kAnnouncementTagWindowMs) != t1);
        QVERIFY(announcementTag(ben.device.identity, kNow) != t1);
    }

    void aFreshAnnouncementOfAKnownDeviceIsTakenWithItsAccountDeviceAndPort()
    {
        auto v = verifierFor(ben, {ana.device});
        const auto heard = v.verify(ana.announce(kNow - 1000, 40123), kNow);
        QVERIFY2(heard.ok(), heard.ok() ? "" : qPrintable(heard.error().reason));
        QCOMPARE(heard.value().device, ana.device);
        QCOMPARE(heard.value().port, quint16(40123));
        QCOMPARE(heard.value().timestamp, kNow - 1000);
    }

    void announcementsOfEveryTagWindowWithinFreshnessAreTaken()
    {
        auto v = verifierFor(ben, {ana.device});
        const qint64 windowStart = kNow - kNow % kAnnouncementTagWindowMs;
        QVERIFY(v.verify(ana.announce(windowStart - 1), windowStart + 100).ok());
        QVERIFY(v.verify(ana.announce(windowStart + 50), windowStart + 100).ok());
    }

    void eachOfSeveralKnownDevicesIsRecognisedAsItself()
    {
        TestDevice ana2{"ana", 12};
        auto v = verifierFor(ben, {ana.device, ana2.device, stranger.device});
        QCOMPARE(v.verify(ana2.announce(), kNow).value().device, ana2.device);
        QCOMPARE(v.verify(ana.announce(), kNow).value().device, ana.device);
    }

    void malformedDatagramsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::addColumn<int>("error");
        const QByteArray tag(16, 't');
        const QByteArray sig(64, 's');
        const int malformed = int(AnnouncementError::Malformed);
        auto map = [&](QList<QPair<const char *, QVariant>> fields) { return rawMap(fields); };
        using F = QList<QPair<const char *, QVariant>>;
        const F good{{"v", 1},     {"t", QStringLiteral("lan_announce")},
                     {"ts", kNow}, {"port", 40000},
                     {"tag", tag}, {"sig", sig}};
        auto without = [&](const char *key) {
            F f = good;
            f.removeIf([&](const auto &p) { return qstrcmp(p.first, key) == 0; });
            return map(f);
        };
        auto with = [&](const char *key, QVariant value) {
            F f = good;
            for (auto &p : f)
                if (qstrcmp(p.first, key) == 0)
                    p.second = value;
            return map(f);
        };
        QTest::newRow("empty") << QByteArray() << malformed;
        QTest::newRow("not CBOR") << QByteArray("\xff\xfe garbage", 10) << malformed;
        QTest::newRow("an array") << QByteArray::fromHex("820102") << malformed;
        QTest::newRow("trailing bytes") << map(good) + QByteArray(1, '\0') << malformed;
        QTest::newRow("over 512 bytes")
            << map(F(good) << QPair<const char *, QVariant>("pad", QByteArray(500, 'p')))
            << malformed;
        QTest::newRow("no v") << without("v") << malformed;
        QTest::newRow("v is text") << with("v", QStringLiteral("1")) << malformed;
        QTest::newRow("v is 2") << with("v", 2) << int(AnnouncementError::UnsupportedVersion);
        QTest::newRow("no t") << without("t") << malformed;
        QTest::newRow("another type") << with("t", QStringLiteral("deliver")) << malformed;
        QTest::newRow("no ts") << without("ts") << malformed;
        QTest::newRow("negative ts") << with("ts", -5) << malformed;
        QTest::newRow("no port") << without("port") << malformed;
        QTest::newRow("port 0") << with("port", 0) << malformed;
        QTest::newRow("port 65536") << with("port", 65536) << malformed;
        QTest::newRow("port is bytes") << with("port", QByteArray("1")) << malformed;
        QTest::newRow("no tag") << without("tag") << malformed;
        QTest::newRow("short tag") << with("tag", QByteArray(15, 't')) << malformed;
        QTest::newRow("no sig") << without("sig") << malformed;
        QTest::newRow("long sig") << with("sig", QByteArray(65, 's')) << malformed;
        QTest::newRow("sig is text") << with("sig", QString(64, QLatin1Char('s'))) << malformed;
        QTest::newRow("duplicate key")
            << map(F(good) << QPair<const char *, QVariant>("ts", kNow)) << malformed;
    }

    void malformedDatagramsAreRejected()
    {
        QFETCH(QByteArray, datagram);
        QFETCH(int, error);
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, datagram, AnnouncementError(error));
    }

    void unknownKeysAreIgnoredSoANewerPeerMayAddFields()
    {
        const auto decoded = decodeAnnouncement(rawMap({{"v", 1},
                                                        {"t", QStringLiteral("lan_announce")},
                                                        {"ts", kNow},
                                                        {"port", 1},
                                                        {"tag", QByteArray(16, 't')},
                                                        {"sig", QByteArray(64, 's')},
                                                        {"new", 7}}));
        QVERIFY(decoded.ok());
    }

    void anAnnouncementOlderThanTheFreshnessWindowIsStale()
    {
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, ana.announce(kNow - 30'001), AnnouncementError::Stale);
        QVERIFY(v.verify(ana.announce(kNow - 30'000), kNow).ok());
    }

    void anAnnouncementTooFarAheadOfThisClockIsRefused()
    {
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, ana.announce(kNow + 30'001), AnnouncementError::FromTheFuture);
        QVERIFY(v.verify(ana.announce(kNow + 30'000), kNow).ok());
    }

    void theFreshnessWindowIsAnOption()
    {
        AnnouncementVerifier v(ben.device, {/*maxAgeMs=*/2000, /*maxAheadMs=*/500});
        v.setKnownDevices({ana.device});
        expectReject(v, ana.announce(kNow - 2001), AnnouncementError::Stale);
        expectReject(v, ana.announce(kNow + 501), AnnouncementError::FromTheFuture);
    }

    void itsOwnAnnouncementLoopedBackIsIgnored()
    {
        auto v = verifierFor(ana, {ana.device, ben.device});
        expectReject(v, ana.announce(), AnnouncementError::Own);
    }

    void anAnnouncementOfAnUnknownDeviceIsRefused()
    {
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, stranger.announce(), AnnouncementError::UnknownDevice);
    }

    void aDeviceNoLongerKnownIsRefused()
    {
        auto v = verifierFor(ben, {ana.device});
        QVERIFY(v.verify(ana.announce(kNow - 10), kNow).ok());
        v.setKnownDevices({});
        expectReject(v, ana.announce(), AnnouncementError::UnknownDevice);
    }

    void aKnownDeviceUnderANewIdentityKeyIsUnknown()
    {
        TestDevice reinstalled{"ana", 11}; // same account and device id, another key
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, reinstalled.announce(), AnnouncementError::UnknownDevice);
    }

    void aForgedSignatureUnderAKnownDevicesTagIsRefused()
    {
        // A stranger copies ana's tag (anyone with her public key can compute it) and signs
        // with its own key.
        Announcement forged{kNow, 40001, announcementTag(ana.device.identity, kNow), {}};
        forged.signature =
            stranger.keys.sign(announcementStatement(ana.device, forged.timestamp, forged.port));
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, encodeAnnouncement(forged), AnnouncementError::BadSignature);
    }

    void aKnownDeviceCannotPassItselfOffAsAnother()
    {
        TestDevice carl{"carl", 31};
        Announcement forged{kNow, 40001, announcementTag(ana.device.identity, kNow), {}};
        forged.signature =
            carl.keys.sign(announcementStatement(ana.device, forged.timestamp, forged.port));
        auto v = verifierFor(ben, {ana.device, carl.device});
        expectReject(v, encodeAnnouncement(forged), AnnouncementError::BadSignature);
    }

    void aChangedPortOrTimestampBreaksTheSignature()
    {
        const auto original = decodeAnnouncement(ana.announce(kNow, 40001)).value();
        Announcement otherPort = original;
        otherPort.port = 40002;
        Announcement otherTime = original;
        otherTime.timestamp = kNow + 1;
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, encodeAnnouncement(otherPort), AnnouncementError::BadSignature);
        expectReject(v, encodeAnnouncement(otherTime), AnnouncementError::BadSignature);
    }

    void theSameAnnouncementAgainIsADuplicate()
    {
        auto v = verifierFor(ben, {ana.device});
        const QByteArray once = ana.announce();
        QVERIFY(v.verify(once, kNow).ok());
        expectReject(v, once, AnnouncementError::Duplicate, kNow + 5);
    }

    void anOlderAnnouncementAfterANewerOneIsAReplay()
    {
        auto v = verifierFor(ben, {ana.device});
        const QByteArray older = ana.announce(kNow - 2000);
        QVERIFY(v.verify(ana.announce(kNow - 1000), kNow).ok());
        expectReject(v, older, AnnouncementError::Replayed);
    }

    void anotherAnnouncementWithTheTimeOfTheLastOneIsAReplay()
    {
        auto v = verifierFor(ben, {ana.device});
        QVERIFY(v.verify(ana.announce(kNow, 40001), kNow).ok());
        expectReject(v, ana.announce(kNow, 40999), AnnouncementError::Replayed);
    }

    void theReplayWindowIsPerDevice()
    {
        TestDevice ana2{"ana", 12};
        auto v = verifierFor(ben, {ana.device, ana2.device});
        QVERIFY(v.verify(ana.announce(kNow), kNow).ok());
        QVERIFY(v.verify(ana2.announce(kNow - 5000), kNow).ok());
    }

    void aRefusedForgeryDoesNotMoveTheReplayWindow()
    {
        Announcement forged{kNow + 20'000, 40001,
                            announcementTag(ana.device.identity, kNow + 20'000),
                            QByteArray(64, 'x')};
        auto v = verifierFor(ben, {ana.device});
        expectReject(v, encodeAnnouncement(forged), AnnouncementError::BadSignature);
        QVERIFY(v.verify(ana.announce(kNow), kNow).ok());
    }

    // --- the rate limit per source (protocol.md 12.2, "Rate") ---------------------------

    void aSourceMaySendItsBurstAtOnceAndThenOnlyAtTheSteadyRate()
    {
        SourceRateLimit limit({10.0, 5.0, 16});
        const QString a = QStringLiteral("192.0.2.1");
        for (int i = 0; i < 5; ++i)
            QVERIFY(limit.allow(a, 1000));
        QVERIFY(!limit.allow(a, 1000)); // the burst is spent
        QVERIFY(!limit.allow(a, 1050)); // half a token in 50 ms
        QVERIFY(limit.allow(a, 1100));  // one token in 100 ms at 10/s
        QVERIFY(!limit.allow(a, 1100));
        for (int i = 0; i < 5; ++i)
            QVERIFY(limit.allow(a, 60000)); // a quiet minute refills the burst, no more
        QVERIFY(!limit.allow(a, 60000));
    }

    void aFloodFromOneSourceLeavesTheOthersAlone()
    {
        SourceRateLimit limit({10.0, 5.0, 16});
        int taken = 0;
        for (int i = 0; i < 1000; ++i)
            taken += limit.allow(QStringLiteral("192.0.2.66"), 1000) ? 1 : 0;
        QCOMPARE(taken, 5);
        QVERIFY(limit.allow(QStringLiteral("192.0.2.2"), 1000));
        QVERIFY(limit.allow(QStringLiteral("fe80::2%eth0"), 1000));
    }

    void aDropIsLoggedOnceASecondPerSource()
    {
        SourceRateLimit limit({10.0, 1.0, 16});
        const QString a = QStringLiteral("192.0.2.1");
        QVERIFY(limit.allow(a, 0));
        QVERIFY(!limit.allow(a, 0));
        QVERIFY(limit.shouldLogDrop(a, 0));
        QVERIFY(!limit.shouldLogDrop(a, 999));
        QVERIFY(limit.shouldLogDrop(a, 1000));
    }

    void theNumberOfSourcesTrackedIsBoundedAndTheIdlestGoesFirst()
    {
        SourceRateLimit limit({10.0, 1.0, 3});
        QVERIFY(limit.allow(QStringLiteral("10.0.0.1"), 0));
        QVERIFY(limit.allow(QStringLiteral("10.0.0.2"), 10));
        QVERIFY(limit.allow(QStringLiteral("10.0.0.3"), 20));
        QVERIFY(!limit.allow(QStringLiteral("10.0.0.3"), 20));
        for (int i = 4; i < 100; ++i)
            QVERIFY(limit.allow(QStringLiteral("10.0.0.%1").arg(i), 20 + i));
        QCOMPARE(limit.trackedSources(), 3);
    }
};

QTEST_GUILESS_MAIN(TestLanAnnouncement)
#include "tst_lanannouncement.moc"
