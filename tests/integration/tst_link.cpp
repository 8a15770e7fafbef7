// SPDX-License-Identifier: GPL-3.0-or-later
// Linking a new device through the real server (issue 27, docs/crypto.md "Linking"):
// the new device shows a code, a device of the account approves it after seeing its name
// and fingerprint, the new device gets the account key and, if asked, the history (1,000
// messages and a group, in the same order). Peers see no security code change. Wrong,
// foreign, expired and abandoned codes are refused with unknown_link, and nothing is
// created on the server before the approval.
#include "E2eTestSupport.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "devices/LinkApprover.h"
#include "groups/GroupClient.h"
#include "history/HistoryTransfer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {
constexpr int kTimeout = 60000;
constexpr int kMessages = 1000;
const QString kCarol = QStringLiteral("carol"); // a chat of the old device's past

QList<MessageId> idsOf(const QList<ChatMessage> &messages)
{
    QList<MessageId> ids;
    for (const ChatMessage &m : messages)
        ids.append(m.id);
    return ids;
}

/** The new device's side of one link: its code once the server filed it. */
struct Waiting {
    explicit Waiting(Profile &p)
        : code(p.client.get(), &ChatClient::linkCodeReady),
          ready(p.client.get(), &ChatClient::accountReady),
          failed(p.client.get(), &ChatClient::accountFailed),
          published(p.client.get(), &ChatClient::keysPublished)
    {
    }
    QString codeText() const { return code.isEmpty() ? QString() : code.first().at(0).toString(); }
    QSignalSpy code, ready, failed, published;
};
} // namespace

class TestLink : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }
    std::unique_ptr<Profile> account(const QString &name, ServerProcess *server = nullptr)
    {
        return signIn(m_root.filePath(nextName("p")), (server ? server : m_server.get())->url(),
                      name, false);
    }
    std::unique_ptr<Profile> fresh()
    {
        auto p = std::make_unique<Profile>(m_root.filePath(nextName("new")));
        return p->open() ? std::move(p) : nullptr;
    }
    /** Approves the device waiting under @p code from @p by; the new device's fingerprint. */
    static QString approve(Profile &by, const QString &code, bool history)
    {
        QSignalSpy fetched(&by.client->linking(), &LinkApprover::requestFetched);
        QSignalSpy approved(&by.client->linking(), &LinkApprover::approved);
        by.client->linking().fetch(code);
        if (!QTest::qWaitFor([&] { return !fetched.isEmpty(); }, kTimeout))
            return {};
        by.client->linking().approve(history);
        if (!QTest::qWaitFor([&] { return !approved.isEmpty(); }, kTimeout))
            return {};
        return fetched.first().at(1).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void aLinkedDeviceReadsAndWritesAndNoSafetyNumberChanges()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = account(alice);
        auto b1 = account(bob);
        QVERIFY(a && b1);
        a->client->sendText(bob, QStringLiteral("first"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("first")), kTimeout);
        const QString number = a->client->safetyNumber(bob);
        a->client->setVerified(bob, true);

        auto b2 = fresh();
        QVERIFY(b2);
        Waiting waiting(*b2);
        b2->client->linkNewDevice(m_server->url(), bob, QStringLiteral("Laptop"));
        QTRY_COMPARE_WITH_TIMEOUT(waiting.code.size(), 1, kTimeout);
        const QString code = waiting.codeText();
        QCOMPARE(code.size(), 19); // four groups of four and three dashes
        QVERIFY(waiting.code.first().at(1).toString().startsWith(QStringLiteral("linnet://link?")));
        // Nothing exists before the approval: no account on the new profile.
        QVERIFY(!b2->client->hasAccount());

        // Typed as a person might: lower case, spaces for dashes.
        const QString typed = code.toLower().replace(u'-', u' ');
        const QString fingerprint = approve(*b1, typed, false);
        QVERIFY(!fingerprint.isEmpty());
        QCOMPARE(fingerprint, b2->client->deviceFingerprint()); // what both screens show
        QTRY_COMPARE_WITH_TIMEOUT(waiting.published.size(), 1, kTimeout);
        QCOMPARE(waiting.ready.size(), 1);
        QVERIFY(waiting.failed.isEmpty());
        QVERIFY(b2->client->hasAccount());
        QCOMPARE(b2->client->username(), bob);

        // Peers encrypt to it (its certificate is the account key's) and nothing changed
        // for them: same safety number, still verified, nothing held.
        a->client->sendText(bob, QStringLiteral("second"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b2->messages(alice), QStringLiteral("second")), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("second")), kTimeout);
        QCOMPARE(a->client->safetyNumber(bob), number);
        QVERIFY(a->client->isVerified(bob));
        QVERIFY(!a->client->isHeld(bob));
        // It writes, and the account's first device gets its own copy.
        b2->client->sendText(alice, QStringLiteral("from the laptop"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("from the laptop")),
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("from the laptop")),
                                 kTimeout);
        // The device list shows it, named as it asked, approved by the account key.
        b1->client->devices().refresh();
        QTRY_COMPARE_WITH_TIMEOUT(b1->client->devices().devices().size(), 2, kTimeout);
        const OwnDevice listed = b1->client->devices().devices().last();
        QCOMPARE(listed.id, b2->client->deviceId());
        QCOMPARE(listed.name, QStringLiteral("Laptop"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                b1->client->devices().refresh();
                return b1->client->devices().devices().last().approved;
            }(),
            kTimeout);
        QCOMPARE(b1->client->devices().devices().last().fingerprint, fingerprint);
    }

    void theHistoryArrivesOnTheNewDeviceInTheSameOrder()
    {
        const QString ana = nextName("ana"), bob = nextName("bob");
        auto old = account(ana);
        auto b = account(bob);
        QVERIFY(old && b);
        for (int seq = 1; seq <= kMessages; ++seq) {
            ChatMessage m;
            m.id = MessageId::generate();
            m.conversation = kCarol;
            m.sender = seq % 2 ? kCarol : ana;
            m.outgoing = seq % 2 == 0;
            m.text = QStringLiteral("old message %1").arg(seq);
            m.seq = quint64(seq);
            m.sentAt = 1'600'000'000'000 + seq;
            m.state = m.outgoing ? DeliveryState::Read : DeliveryState::Delivered;
            QVERIFY(old->store->addIncoming(m, 0).value());
        }
        QSignalSpy created(&old->client->groups(), &GroupClient::requestFinished);
        old->client->groups().createGroup(QStringLiteral("climbers"), {bob});
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        QString group;
        for (const Conversation &c : old->store->conversations())
            if (isGroupKey(c.key))
                group = c.key;
        QVERIFY(!group.isEmpty());
        old->client->sendText(group, QStringLiteral("rope at 8"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(group), QStringLiteral("rope at 8")),
                                 kTimeout);

        auto fresh = this->fresh();
        QVERIFY(fresh);
        Waiting waiting(*fresh);
        QSignalSpy imported(&fresh->client->history(), &HistoryTransfer::imported);
        QSignalSpy started(&old->client->linking(), &LinkApprover::historyStarted);
        QSignalSpy sent(&old->client->history(), &HistoryTransfer::progress);
        fresh->client->linkNewDevice(m_server->url(), ana);
        QTRY_COMPARE_WITH_TIMEOUT(waiting.code.size(), 1, kTimeout);
        QVERIFY(!approve(*old, waiting.codeText(), true).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(waiting.published.size(), 1, kTimeout);
        // The history goes once the new device's keys are on the server.
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, kTimeout);
        QVERIFY(!sent.isEmpty()); // progress on the sending side

        QCOMPARE(idsOf(fresh->messages(kCarol)), idsOf(old->messages(kCarol)));
        QCOMPARE(fresh->messages(kCarol).size(), kMessages);
        QVERIFY(findText(fresh->messages(group), QStringLiteral("rope at 8")));
        // The new device is in the group: it reads what bob writes there next.
        b->client->sendText(group, QStringLiteral("belay on"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(fresh->messages(group), QStringLiteral("belay on")),
                                 kTimeout);
    }

    void wrongAndForeignCodesAreRefusedAndTheDeviceKeepsWaiting()
    {
        const QString bob = nextName("bob"), carol = nextName("carol");
        auto b1 = account(bob);
        auto c = account(carol);
        auto b2 = fresh();
        QVERIFY(b1 && c && b2);
        Waiting waiting(*b2);
        b2->client->linkNewDevice(m_server->url(), bob);
        QTRY_COMPARE_WITH_TIMEOUT(waiting.code.size(), 1, kTimeout);

        QSignalSpy failed(&b1->client->linking(), &LinkApprover::failed);
        b1->client->linking().fetch(QStringLiteral("0000-0000-0000-0000")); // nobody's
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
        QCOMPARE(failed.first().at(0).value<ErrorCode>(), ErrorCode::UnknownLink);
        b1->client->linking().fetch(QStringLiteral("not a code"));
        QCOMPARE(failed.size(), 2); // refused before anything is sent
        QCOMPARE(failed.last().at(0).value<ErrorCode>(), ErrorCode::InvalidField);
        b1->client->linking().approve(false); // nothing fetched: nothing to approve
        QCOMPARE(failed.size(), 3);

        // Another account's device is told exactly what a wrong code gets.
        QSignalSpy foreign(&c->client->linking(), &LinkApprover::failed);
        c->client->linking().fetch(waiting.codeText());
        QTRY_COMPARE_WITH_TIMEOUT(foreign.size(), 1, kTimeout);
        QCOMPARE(foreign.first().at(0).value<ErrorCode>(), ErrorCode::UnknownLink);

        // The device still waits, and the right code (as a scanned QR URL) works.
        QVERIFY(waiting.failed.isEmpty());
        QVERIFY(!approve(*b1, waiting.code.first().at(1).toString(), false).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(waiting.published.size(), 1, kTimeout);
        QCOMPARE(b2->client->username(), bob);
    }

    void aCodeWhoseDeviceGaveUpIsRefused()
    {
        const QString bob = nextName("bob");
        auto b1 = account(bob);
        auto b2 = fresh();
        QVERIFY(b1 && b2);
        Waiting waiting(*b2);
        b2->client->linkNewDevice(m_server->url(), bob);
        QTRY_COMPARE_WITH_TIMEOUT(waiting.code.size(), 1, kTimeout);
        const QString code = waiting.codeText();
        b2->close(); // the new device's window was closed
        QSignalSpy failed(&b1->client->linking(), &LinkApprover::failed);
        // The server drops the request once it sees the connection closed; a fetch that
        // came first still finds it, so ask until the answer is the refusal.
        for (int i = 0; i < 30 && failed.isEmpty(); ++i) {
            b1->client->linking().fetch(code);
            (void)QTest::qWaitFor([&] { return !failed.isEmpty(); }, 2000);
        }
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).value<ErrorCode>(), ErrorCode::UnknownLink);
    }

    void anExpiredCodeIsToldToBothSides()
    {
        ServerProcess quick(ServerProcess::openRegistration(), "link_timeout_seconds = 10\n");
        QVERIFY2(quick.start(), qPrintable(quick.errorString()));
        const QString bob = nextName("bob");
        auto b1 = account(bob, &quick);
        auto b2 = fresh();
        QVERIFY(b1 && b2);
        Waiting waiting(*b2);
        b2->client->linkNewDevice(quick.url(), bob);
        QTRY_COMPARE_WITH_TIMEOUT(waiting.code.size(), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(waiting.failed.size(), 1, kTimeout);
        QCOMPARE(waiting.failed.first().at(0).value<ErrorCode>(), ErrorCode::UnknownLink);
        QVERIFY(!b2->client->hasAccount());
        QSignalSpy failed(&b1->client->linking(), &LinkApprover::failed);
        b1->client->linking().fetch(waiting.codeText());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
        QCOMPARE(failed.first().at(0).value<ErrorCode>(), ErrorCode::UnknownLink);
        QCOMPARE(quick.stop(), 0);
    }

    void aLinkToAnUnknownAccountIsRefused()
    {
        auto b2 = fresh();
        QVERIFY(b2);
        Waiting waiting(*b2);
        b2->client->linkNewDevice(m_server->url(), nextName("nobody"));
        QTRY_COMPARE_WITH_TIMEOUT(waiting.failed.size(), 1, kTimeout);
        QCOMPARE(waiting.failed.first().at(0).value<ErrorCode>(), ErrorCode::UnknownUser);
        QVERIFY(waiting.code.isEmpty());
        QVERIFY(!b2->client->hasAccount());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
