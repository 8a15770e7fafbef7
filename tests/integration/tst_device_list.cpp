// SPDX-License-Identifier: GPL-3.0-or-later
// The device list through the real server (issue 27): every device of an account lists
// them all with name, times and fingerprint, renames and revokes them. A revoked device
// is closed at once, cannot come back with its token, receives nothing new, is left out
// by senders, and the group sender keys rotate so that it cannot read what follows.
#include "E2eTestSupport.h"
#include "HostileServerSupport.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "crypto/SenderKey.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {
constexpr int kTimeout = 30000;

std::optional<OwnDevice> listed(Profile &p, qint64 device)
{
    for (const OwnDevice &d : p.client->devices().devices())
        if (d.id == device)
            return d;
    return std::nullopt;
}
} // namespace

class TestDeviceList : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }
    std::unique_ptr<Profile> device(const QString &name, Profile *approvedBy = nullptr,
                                    bool login = false)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      login || approvedBy != nullptr, approvedBy);
    }
    /** ana with an approved second device, and bob; null profiles if any failed. */
    std::tuple<std::unique_ptr<Profile>, std::unique_ptr<Profile>, std::unique_ptr<Profile>>
    anaWithTwoDevicesAndBob()
    {
        auto a1 = device(nextName("ana"));
        auto b = device(nextName("bob"));
        if (!a1 || !b)
            return {};
        auto a2 = device(a1->client->username(), a1.get());
        return {std::move(a1), std::move(a2), std::move(b)};
    }
    /** Asks for the list and waits for it; false if it failed or did not come. */
    static bool refreshed(Profile &p)
    {
        QSignalSpy done(&p.client->devices(), &DeviceListController::requestFinished);
        const quint32 id = p.client->devices().refresh();
        return id != 0 && QTest::qWaitFor(
                              [&] {
                                  for (const auto &args : done)
                                      if (args.at(0).toUInt() == id)
                                          return true;
                                  return false;
                              },
                              kTimeout);
    }
    /** Runs @p request and waits for its answer: the error code, or nullopt if it succeeded. */
    template <typename Request>
    static std::optional<ErrorCode> answer(Profile &p, Request request, bool *answered)
    {
        auto &devices = p.client->devices();
        QSignalSpy done(&devices, &DeviceListController::requestFinished);
        QSignalSpy failed(&devices, &DeviceListController::requestFailed);
        const quint32 id = request(devices);
        *answered = id != 0 && QTest::qWaitFor(
                                   [&] {
                                       for (const auto &a : done)
                                           if (a.at(0).toUInt() == id)
                                               return true;
                                       for (const auto &a : failed)
                                           if (a.at(0).toUInt() == id)
                                               return true;
                                       return false;
                                   },
                                   kTimeout);
        for (const auto &a : failed)
            if (a.at(0).toUInt() == id)
                return a.at(1).value<ErrorCode>();
        return std::nullopt;
    }
    QString serverDb() const
    {
        return QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db"));
    }
    /** Inbox rows the server keeps for @p device. */
    int inboxRows(qint64 device)
    {
        SqlConnection db(serverDb());
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM inbox WHERE device_id = :device"));
        q.bindValue(QStringLiteral(":device"), device);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void everyDeviceListsAllWithNameTimesFingerprintAndWhichIsItself()
    {
        const QString ana = nextName("ana");
        auto a1 = device(ana);
        QVERIFY(a1);
        auto a2 = device(ana, a1.get());
        QVERIFY(a2);
        const qint64 id1 = a1->client->deviceId(), id2 = a2->client->deviceId();
        QVERIFY(id1 > 0 && id2 > id1);

        QVERIFY(refreshed(*a1));
        QCOMPARE(a1->client->devices().devices().size(), 2);
        const auto first = listed(*a1, id1), second = listed(*a1, id2);
        QVERIFY(first && second);
        QVERIFY(first->current);
        QVERIFY(!second->current);
        QCOMPARE(second->name, QStringLiteral("Linnet"));
        QVERIFY(second->linkedAt > 0);
        QVERIFY(second->lastSeen >= second->linkedAt); // it connected after it was made
        QVERIFY(first->approved && second->approved);
        QCOMPARE(second->fingerprint.size(), 39); // eight groups of four and seven spaces
        QVERIFY(first->fingerprint != second->fingerprint);

        // The other device sees the same list, with itself marked.
        QVERIFY(refreshed(*a2));
        const auto seenBy2 = listed(*a2, id2);
        QVERIFY(seenBy2 && seenBy2->current);
        QCOMPARE(seenBy2->fingerprint, second->fingerprint);
        QVERIFY(!listed(*a2, id1)->current);
    }

    void aDeviceWithoutTheAccountKeyIsListedAsNotApproved()
    {
        // A password alone no longer adds a device (423, tst_linked_devices): the only way
        // to an uncertified device is a server that writes one in, as a hostile one would.
        const QString ana = nextName("ana");
        auto a1 = device(ana);
        QVERIFY(a1);
        const qint64 ghost = injectDevice(serverDb(), ana);
        QVERIFY(ghost > 0);
        QVERIFY(refreshed(*a1));
        const auto seen = listed(*a1, ghost);
        QVERIFY(seen);
        QVERIFY(!seen->approved);
        QVERIFY(!seen->fingerprint.isEmpty()); // it has keys, uncertified
        QVERIFY(listed(*a1, a1->client->deviceId())->approved);
    }

    void renameShowsOnEveryDeviceAndBadNamesAreRefused()
    {
        auto [a1, a2, b] = anaWithTwoDevicesAndBob();
        QVERIFY(a1 && a2 && b);
        const qint64 id2 = a2->client->deviceId();
        bool answered = false;
        const QString kitchen = QStringLiteral("Küchen-Laptop ✓");
        QCOMPARE(answer(
                     *a1, [&](auto &d) { return d.rename(id2, kitchen); }, &answered),
                 std::nullopt);
        QVERIFY(answered);
        QTRY_COMPARE_WITH_TIMEOUT(listed(*a1, id2)->name, kitchen, kTimeout);
        QVERIFY(refreshed(*a2));
        QCOMPARE(listed(*a2, id2)->name, kitchen);

        // Refused before anything is sent: empty, spaces only, too long.
        for (const QString &bad : {QString(), QStringLiteral("   "), QString(65, u'x')}) {
            QVERIFY(!DeviceListController::nameProblem(bad).isEmpty());
            QCOMPARE(a1->client->devices().rename(id2, bad), 0u);
        }
        // Refused by the server: no such device, and another account's device.
        QCOMPARE(answer(
                     *a1, [](auto &d) { return d.rename(999999, QStringLiteral("x")); }, &answered),
                 ErrorCode::UnknownDevice);
        QVERIFY(answered);
        QCOMPARE(answer(
                     *a1,
                     [&](auto &d) { return d.rename(b->client->deviceId(), QStringLiteral("x")); },
                     &answered),
                 ErrorCode::UnknownDevice);
        QVERIFY(answered);
        QVERIFY(refreshed(*b));
        QCOMPARE(listed(*b, b->client->deviceId())->name, QStringLiteral("Linnet"));
        QCOMPARE(listed(*a1, id2)->name, kitchen);
    }

    void aRevokedDeviceIsClosedAtOnceAndItsTokenNoLongerWorks()
    {
        const QString ana = nextName("ana");
        auto a1 = device(ana);
        QVERIFY(a1);
        auto a2 = device(ana, a1.get());
        QVERIFY(a2);
        const qint64 id2 = a2->client->deviceId();
        QSignalSpy told(a2->client.get(), &ChatClient::errorOccurred);
        QSignalSpy revoked(&a1->client->devices(), &DeviceListController::deviceRevoked);
        bool answered = false;
        QCOMPARE(answer(
                     *a1, [&](auto &d) { return d.revoke(id2); }, &answered),
                 std::nullopt);
        QVERIFY(answered);
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(revoked.first().at(0).toLongLong(), id2);
        // Its live connection was closed with the specific error; it does not reconnect.
        QTRY_COMPARE_WITH_TIMEOUT(a2->client->state(), ConnectionState::AuthFailed, kTimeout);
        QVERIFY(std::any_of(told.cbegin(), told.cend(), [](const QList<QVariant> &args) {
            return args.at(0).value<ErrorCode>() == ErrorCode::DeviceRevoked;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!listed(*a1, id2), kTimeout); // the list came again without it

        // Its token: refused with the same error on a fresh start.
        told.clear();
        a2->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(told.cbegin(), told.cend(),
                                             [](const QList<QVariant> &args) {
                                                 return args.at(0).value<ErrorCode>() ==
                                                        ErrorCode::DeviceRevoked;
                                             }),
                                 kTimeout);
        QCOMPARE(a2->client->state(), ConnectionState::AuthFailed);

        // Twice, this device itself, and no such device: refused, nothing changes.
        QCOMPARE(answer(
                     *a1, [&](auto &d) { return d.revoke(id2); }, &answered),
                 ErrorCode::UnknownDevice);
        QVERIFY(answered);
        QCOMPARE(a1->client->devices().revoke(a1->client->deviceId()), 0u);
        QCOMPARE(answer(
                     *a1, [](auto &d) { return d.revoke(999999); }, &answered),
                 ErrorCode::UnknownDevice);
        QVERIFY(refreshed(*a1));
        QCOMPARE(a1->client->devices().devices().size(), 1);
        QCOMPARE(a1->client->state(), ConnectionState::Online);
    }

    void theServerRefusesARevokeOfTheAskingDeviceAndOfAnotherAccountsDevice()
    {
        const QString ana = nextName("ana"), bob = nextName("bob");
        auto b = device(bob);
        QVERIFY(b);
        RawClient raw;
        QVERIFY(raw.connectTo(m_server->url()));
        QVERIFY(raw.registerUser(ana, QStringLiteral("correct horse")));
        raw.send(DeviceRevoke{5, raw.deviceId()});
        auto error = raw.waitFor<ErrorFrame>();
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InvalidField);
        QCOMPARE(error->requestId, 5u);
        raw.send(DeviceRevoke{6, b->client->deviceId()});
        error = raw.waitFor<ErrorFrame>();
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::UnknownDevice);
        // Bob's device is untouched.
        QVERIFY(refreshed(*b));
        QCOMPARE(b->client->state(), ConnectionState::Online);
    }

    void aRevokedDeviceReceivesNothingNewAndPeersStopEncryptingToIt()
    {
        auto [a1, a2, b] = anaWithTwoDevicesAndBob();
        QVERIFY(a1 && a2 && b);
        const QString ana = a1->client->username(), bob = b->client->username();
        b->client->sendText(ana, QStringLiteral("to both"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a2->messages(bob), QStringLiteral("to both")), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(findText(a1->messages(bob), QStringLiteral("to both")), kTimeout);
        const QString number = b->client->safetyNumber(ana);

        const qint64 id2 = a2->client->deviceId();
        bool answered = false;
        QCOMPARE(answer(
                     *a1, [&](auto &d) { return d.revoke(id2); }, &answered),
                 std::nullopt);
        QVERIFY(answered);
        QTRY_COMPARE_WITH_TIMEOUT(a2->client->state(), ConnectionState::AuthFailed, kTimeout);

        // Bob still lists a2: his send is refused (412), he fetches ana's devices again and
        // encrypts for a1 alone. a1 sends to bob too: no copy for a2 as its own device.
        QSignalSpy sent(b->client.get(), &ChatClient::messageSent);
        b->client->sendText(ana, QStringLiteral("after the revoke"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a1->messages(bob), QStringLiteral("after the revoke")),
                                 kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, kTimeout); // the ack may come after a1 has it
        a1->client->sendText(bob, QStringLiteral("own copy"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(ana), QStringLiteral("own copy")), kTimeout);
        QCOMPARE(inboxRows(id2), 0);
        QVERIFY(!findText(a2->messages(bob), QStringLiteral("after the revoke")));
        // Revoking a device is no security code change.
        QCOMPARE(b->client->safetyNumber(ana), number);
    }

    void groupSenderKeysRotateSoTheRevokedDeviceCannotReadWhatFollows()
    {
        auto [a1, a2, b] = anaWithTwoDevicesAndBob();
        QVERIFY(a1 && a2 && b);
        const QString ana = a1->client->username(), bob = b->client->username();
        // A raw member receives every group message as each device does.
        RawClient spy;
        QVERIFY(spy.connectTo(m_server->url()));
        QVERIFY(spy.registerUser(nextName("spy"), QStringLiteral("correct horse")));
        QSignalSpy created(&a1->client->groups(), &GroupClient::requestFinished);
        a1->client->groups().createGroup(QStringLiteral("crew"), {bob, spy.username()});
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        const QString key = created.first().at(1).toString();
        const qint64 group = key.mid(key.indexOf(u':') + 1).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(b->client->groups().group(key).has_value(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(a2->client->groups().group(key).has_value(), kTimeout);

        const auto before = [&](Profile &from, const QString &text) {
            from.client->sendText(key, text);
            return QTest::qWaitFor([&] { return findText(a2->messages(key), text).has_value(); },
                                   kTimeout);
        };
        QVERIFY(before(*a1, QStringLiteral("ana before")));
        QVERIFY(before(*b, QStringLiteral("bob before")));

        bool answered = false;
        QCOMPARE(answer(
                     *a1, [&](auto &d) { return d.revoke(a2->client->deviceId()); }, &answered),
                 std::nullopt);
        QVERIFY(answered);
        QTRY_COMPARE_WITH_TIMEOUT(a2->client->state(), ConnectionState::AuthFailed, kTimeout);

        // Ana's device rotated at once; bob's when he next fetches ana's devices (here: his
        // next connection).
        const MessageId fromAna = a1->client->sendText(key, QStringLiteral("ana after"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(key), QStringLiteral("ana after")), kTimeout);
        b->client->abortConnection();
        const MessageId fromBob = b->client->sendText(key, QStringLiteral("bob after"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a1->messages(key), QStringLiteral("bob after")),
                                 kTimeout);

        for (const auto &[id, from] : {std::pair{fromAna, ana}, std::pair{fromBob, bob}}) {
            std::optional<Deliver> frame;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    for (const auto &f : spy.queue())
                        if (const auto *d = std::get_if<Deliver>(&f); d && d->id == id)
                            frame = *d;
                    return frame.has_value();
                },
                kTimeout));
            const auto byRevoked =
                a2->client->groups().tryOpen(group, from, frame->fromDevice, frame->body);
            QVERIFY2(!byRevoked.ok, qPrintable(from));
        }
        QCOMPARE(findText(a1->messages(key), QStringLiteral("bob after"))->kind, MessageKind::Text);
    }
};

QTEST_GUILESS_MAIN(TestDeviceList)
#include "tst_device_list.moc"
