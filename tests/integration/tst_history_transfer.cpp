// SPDX-License-Identifier: GPL-3.0-or-later
// History transfer between two devices of one account through the real server (issue
// 27, docs/protocol.md 13): the old device's 1,000 messages and its group arrive on the
// new device in the same order, with progress on both sides; live messages that came
// first are not doubled and later ones sort after the history; the account's other
// devices keep the message but import nothing; a device that is not this account's
// approved one is refused.
#include "E2eTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"
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

qint64 deviceIdOf(Profile &p)
{
    return p.store->setting(QStringLiteral("account/device_id")).toLongLong();
}

QList<MessageId> idsOf(const QList<ChatMessage> &messages)
{
    QList<MessageId> ids;
    for (const ChatMessage &m : messages)
        ids.append(m.id);
    return ids;
}
} // namespace

class TestHistoryTransfer : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }
    std::unique_ptr<Profile> device(const QString &name, Profile *approvedBy = nullptr)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      approvedBy != nullptr, approvedBy);
    }
    /** The old device's past: kMessages in a chat with carol, as if they had come. */
    static void fillPast(Profile &old)
    {
        for (int seq = 1; seq <= kMessages; ++seq) {
            ChatMessage m;
            m.id = MessageId::generate();
            m.conversation = kCarol;
            m.sender = seq % 2 ? kCarol : QStringLiteral("me");
            m.outgoing = seq % 2 == 0;
            m.text = QStringLiteral("old message %1").arg(seq);
            m.seq = quint64(seq);
            m.sentAt = 1'600'000'000'000 + seq;
            m.state = m.outgoing ? DeliveryState::Read : DeliveryState::Delivered;
            QVERIFY(old.store->addIncoming(m, 0).value());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void aThousandMessagesAndAGroupArriveOnTheNewDeviceInTheSameOrder()
    {
        const QString ana = nextName("ana"), bob = nextName("bob");
        auto old = device(ana);
        auto b = device(bob);
        QVERIFY(old && b);
        fillPast(*old);
        // A group with bob and a message in it, and a one-to-one chat, through the server.
        QSignalSpy created(&old->client->groups(), &GroupClient::requestFinished);
        old->client->groups().createGroup(QStringLiteral("climbers"), {bob});
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        const QString group = created.first().at(1).toString();
        old->client->sendText(group, QStringLiteral("rope at 8"));
        old->client->sendText(bob, QStringLiteral("hello bob"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(group), QStringLiteral("rope at 8")),
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(ana), QStringLiteral("hello bob")), kTimeout);

        auto fresh = device(ana, old.get());
        auto other = device(ana, old.get()); // a third device of the account
        QVERIFY(fresh && other);
        QVERIFY(fresh->messages(kCarol).isEmpty());
        QSignalSpy uploaded(&old->client->history(), &HistoryTransfer::progress);
        QSignalSpy downloaded(&fresh->client->history(), &HistoryTransfer::progress);
        QSignalSpy counted(&fresh->client->history(), &HistoryTransfer::importProgress);
        QSignalSpy imported(&fresh->client->history(), &HistoryTransfer::imported);
        QSignalSpy failed(&fresh->client->history(), &HistoryTransfer::failed);

        const int held = int(old->messages(kCarol).size() + old->messages(group).size() +
                             old->messages(bob).size());
        QVERIFY(held > kMessages + 1);
        const MessageId transfer = old->client->history().sendTo(deviceIdOf(*fresh));
        QVERIFY(!transfer.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, kTimeout);
        QVERIFY(failed.isEmpty());
        const int total = imported.first().at(1).toInt();
        QCOMPARE(total, held);
        QCOMPARE(imported.first().at(0).toInt(), total); // nothing of it was here before
        QVERIFY(!uploaded.isEmpty());
        QVERIFY(!downloaded.isEmpty());
        QCOMPARE(counted.last().at(0).toInt(), total);

        // Same messages in the same order, the group with its members.
        QCOMPARE(idsOf(fresh->messages(kCarol)), idsOf(old->messages(kCarol)));
        QCOMPARE(fresh->messages(kCarol), old->messages(kCarol));
        QCOMPARE(idsOf(fresh->messages(group)), idsOf(old->messages(group)));
        QCOMPARE(idsOf(fresh->messages(bob)), idsOf(old->messages(bob)));
        const auto theirs = fresh->client->groups().group(group);
        QVERIFY(theirs);
        QCOMPARE(theirs->members, old->client->groups().group(group)->members);

        // Later messages sort after the history; the other device imported nothing.
        b->client->sendText(ana, QStringLiteral("after the move"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(fresh->messages(bob), QStringLiteral("after the move")),
                                 kTimeout);
        QCOMPARE(fresh->messages(bob).last().text, QStringLiteral("after the move"));
        QCOMPARE(fresh->messages(bob).first().text, QStringLiteral("hello bob"));
        QTRY_VERIFY_WITH_TIMEOUT(!other->messages(ana).isEmpty(), kTimeout); // the transfer
        QVERIFY(other->messages(kCarol).isEmpty());
        // The transfer is no part of a later history.
        QSignalSpy again(&fresh->client->history(), &HistoryTransfer::imported);
        QVERIFY(!old->client->history().sendTo(deviceIdOf(*fresh)).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(again.size(), 1, kTimeout);
        QCOMPARE(again.first().at(0).toInt(), 0); // nothing new: imported once, or came live
        QCOMPARE(again.first().at(1).toInt(), total + 1); // bob's latest; not the transfer
    }

    void aHistoryCutOffByARestartIsFetchedAndImportedAfterIt()
    {
        const QString ana = nextName("ana");
        auto old = device(ana);
        QVERIFY(old);
        fillPast(*old);
        auto fresh = device(ana, old.get());
        QVERIFY(fresh);
        // The new device goes offline the moment the transfer's message is stored: before
        // its attachment could be fetched.
        QSignalSpy stored(fresh->client.get(), &ChatClient::messageAdded);
        connect(fresh->client.get(), &ChatClient::messageAdded, fresh->client.get(),
                [&fresh](const ChatMessage &m) {
                    if (m.kind == MessageKind::File)
                        fresh->client->stop();
                });
        QSignalSpy cutImports(&fresh->client->history(), &HistoryTransfer::imported);
        const MessageId transfer = old->client->history().sendTo(deviceIdOf(*fresh));
        QVERIFY(!transfer.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(fresh->store->message(transfer), kTimeout);
        QCOMPARE(fresh->client->state(), ConnectionState::Offline);
        QVERIFY(cutImports.isEmpty());
        QVERIFY(fresh->messages(kCarol).isEmpty());

        fresh->close(); // the app quits
        QVERIFY(fresh->open());
        QSignalSpy imported(&fresh->client->history(), &HistoryTransfer::imported);
        fresh->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, kTimeout);
        QCOMPARE(imported.first().at(0).toInt(), kMessages);
        QCOMPARE(idsOf(fresh->messages(kCarol)), idsOf(old->messages(kCarol)));
        // Done is done: the next start imports nothing again.
        fresh->close();
        QVERIFY(fresh->open());
        QSignalSpy none(&fresh->client->history(), &HistoryTransfer::imported);
        fresh->client->start(); // resuming imports at once, inside start()
        QVERIFY(none.isEmpty());
        QCOMPARE(fresh->messages(kCarol).size(), kMessages);
    }

    void linnetCliListenSaysHowManyMessagesTheHistoryHeld()
    {
        const QString ana = nextName("ana");
        auto old = device(ana);
        QVERIFY(old);
        fillPast(*old);
        // Two linnet-cli profiles that hold the account key (what linking hands over).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LINNET_PASSPHRASE"), QStringLiteral("history cli"));
        const auto cliDevice = [&](const QString &cli) -> qint64 {
            QDir().mkpath(cli);
            {
                auto secrets = PassphraseSecretStore::open(cli + QStringLiteral("/secrets.bin"),
                                                           QByteArrayLiteral("history cli"));
                if (!secrets || !copyAccountKey(*old->secrets, *secrets.value()))
                    return 0;
            }
            const ProcessResult login =
                runProcess(cliBinary(),
                           {QStringLiteral("--profile"), cli, QStringLiteral("--server"),
                            m_server->url().toString(), QStringLiteral("login"), ana,
                            QStringLiteral("--password-stdin")},
                           "correct horse\n", kTimeout, env);
            if (login.exitCode != 0)
                qWarning("login failed: %s", login.err.constData());
            LocalStore store(cli + QStringLiteral("/linnet.db"));
            return login.exitCode == 0 && store.open()
                       ? store.setting(QStringLiteral("account/device_id")).toLongLong()
                       : 0;
        };
        const QString cli = m_root.filePath(QStringLiteral("cli-") + ana);
        const QString bystander = m_root.filePath(QStringLiteral("cli-other-") + ana);
        const qint64 target = cliDevice(cli);
        QVERIFY(target > 0);
        QVERIFY(cliDevice(bystander) > 0);
        const MessageId transfer = old->client->history().sendTo(target);
        QVERIFY(!transfer.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(old->store->message(transfer)->state != DeliveryState::Queued,
                                 kTimeout); // on the server

        const ProcessResult listen = runProcess(
            cliBinary(),
            {QStringLiteral("--profile"), cli, QStringLiteral("listen"), QStringLiteral("--count"),
             QStringLiteral("1"), QStringLiteral("--timeout"), QStringLiteral("60")},
            {}, 2 * kTimeout, env);
        QVERIFY2(listen.exitCode == 0, listen.err.constData());
        QVERIFY2(listen.err.contains(
                     QStringLiteral("history: %1 messages (%1 new)").arg(kMessages).toUtf8()),
                 listen.err.constData());
        LocalStore store(cli + QStringLiteral("/linnet.db"));
        QVERIFY(store.open());
        QCOMPARE(store.messages(kCarol, 100000).size(), kMessages);
        QVERIFY(QDir(cli + QStringLiteral("/files")).isEmpty()); // the plaintext is gone

        // The account's other device prints the message, and fetches and imports nothing.
        const ProcessResult other =
            runProcess(cliBinary(),
                       {QStringLiteral("--profile"), bystander, QStringLiteral("listen"),
                        QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--timeout"),
                        QStringLiteral("60")},
                       {}, 2 * kTimeout, env);
        QVERIFY2(other.exitCode == 0, other.err.constData());
        QVERIFY2(!other.err.contains("history:"), other.err.constData());
        QVERIFY(QDir(bystander + QStringLiteral("/files")).isEmpty());
        LocalStore its(bystander + QStringLiteral("/linnet.db"));
        QVERIFY(its.open());
        QVERIFY(its.messages(kCarol, 100000).isEmpty());
        QCOMPARE(its.messages(ana, 10).size(), 1);
    }

    void aDeviceThatIsNotAnotherApprovedOneOfTheAccountIsRefused()
    {
        auto old = device(nextName("ana"));
        QVERIFY(old);
        QSignalSpy failed(&old->client->history(), &HistoryTransfer::failed);
        QVERIFY(old->client->history().sendTo(deviceIdOf(*old)).isNull());
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(0).toString().contains(QString::number(deviceIdOf(*old))));
    }
};

QTEST_GUILESS_MAIN(TestHistoryTransfer)
#include "tst_history_transfer.moc"
