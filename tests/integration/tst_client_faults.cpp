// SPDX-License-Identifier: GPL-3.0-or-later
// The client engine when its own storage fails it (issue 29): a profile whose database
// refuses writes or whose disk is full. What could not be stored is never acknowledged
// (the server keeps it), the user is told why, what was queued stays queued, and all of
// it flows once there is room again. Real ChatClients against the real server.
#include "ChatClient.h"
#include "E2eTestSupport.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "SmallDisk.h"
#include "TestBase.h"
#include "store/LocalStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr int kTimeout = 30000;

/** Every message of @p conversation with @p text (to count copies). */
QList<ChatMessage> withText(Profile &p, const QString &conversation, const QString &text)
{
    QList<ChatMessage> out;
    for (const auto &m : p.messages(conversation))
        if (m.text == text)
            out << m;
    return out;
}

/** Reasons given by errorOccurred so far. */
QStringList reasons(const QSignalSpy &errors)
{
    QStringList out;
    for (const auto &args : errors)
        out << args.at(1).toString();
    return out;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/** @p count incoming messages from "zoe" numbered from 1, each in its own transaction. */
bool addMessages(LocalStore &store, int count)
{
    for (int i = 1; i <= count; ++i) {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = QStringLiteral("zoe");
        m.sender = QStringLiteral("zoe");
        m.text = QStringLiteral("message %1 %2").arg(i).arg(QString(200, QLatin1Char('x')));
        m.seq = quint64(i);
        m.sentAt = i;
        m.state = DeliveryState::Delivered;
        if (!store.addIncoming(m, 1))
            return false;
    }
    return true;
}

/** A database and its write-ahead log as a crash leaves them: copied while still open,
 *  with nothing checkpointed (@p count messages, all in the log). */
bool makeCrashImage(const QString &dir, int count)
{
    QDir().mkpath(dir);
    LocalStore store(dir + QStringLiteral("/live.db"));
    if (!store.open() ||
        !execSql(store.database(), QStringLiteral("PRAGMA wal_autocheckpoint = 0")) ||
        !execSql(store.database(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) ||
        !addMessages(store, count))
        return false;
    return QFile::copy(dir + QStringLiteral("/live.db"), dir + QStringLiteral("/linnet.db")) &&
           QFile::copy(dir + QStringLiteral("/live.db-wal"),
                       dir + QStringLiteral("/linnet.db-wal"));
}

/** The write-ahead log's page size (from its header). */
qsizetype walPageSize(const QByteArray &wal)
{
    return qsizetype(qFromBigEndian<quint32>(wal.constData() + 8));
}

} // namespace

class TestClientFaults : public QObject {
    Q_OBJECT

private:
    EngineTestBed m_bed;

    /** Two new accounts, online, each with a session with the other. */
    struct Pair {
        QString ana, ben;
        std::unique_ptr<Profile> a, b;
    };
    /** @p from sends @p text to @p to, and @p to has it. */
    static bool exchange(Profile &from, const QString &fromName, Profile &to, const QString &toName,
                         const QString &text)
    {
        from.client->sendText(toName, text);
        return QTest::qWaitFor([&] { return findText(to.messages(fromName), text).has_value(); },
                               kTimeout);
    }
    /** Ana (in @p anaDir if given) and ben, who have said hello to each other. */
    std::optional<Pair> pair(const QString &anaDir = {})
    {
        Pair p{m_bed.nextName("ana"), m_bed.nextName("ben"), nullptr, nullptr};
        p.a = m_bed.account(p.ana, anaDir);
        p.b = m_bed.account(p.ben);
        if (!p.a || !p.b || !exchange(*p.b, p.ben, *p.a, p.ana, QStringLiteral("hello")) ||
            !exchange(*p.a, p.ana, *p.b, p.ben, QStringLiteral("hello back")))
            return std::nullopt;
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_bed.start());
    }

    void aMessageThatCannotBeStoredStaysOnTheServerAndStillOpensWhenItComesAgain()
    {
        auto p = pair();
        QVERIFY(p);
        auto &[ana, ben, a, b] = *p;

        // Ana's database refuses every new message, as a full disk would; the rest of it
        // (the ratchet's sessions among them) still takes writes.
        QVERIFY(execSql(a->store->database(),
                        QStringLiteral("CREATE TEMP TRIGGER refuse_messages BEFORE INSERT ON "
                                       "main.messages BEGIN SELECT RAISE(ABORT, 'refused by the "
                                       "test'); END")));
        QSignalSpy errors(a->client.get(), &ChatClient::errorOccurred);
        const QString one = QStringLiteral("while refused 1"),
                      two = QStringLiteral("while refused 2");
        const MessageId first = b->client->sendText(ana, one);
        const MessageId second = b->client->sendText(ana, two);
        QVERIFY(!first.isNull() && !second.isNull());
        // Refused, said with SQLite's reason, and asked for again (each retry fails anew).
        QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 3, kTimeout);
        QVERIFY2(!reasons(errors).filter(QStringLiteral("refused by the test")).isEmpty(),
                 qPrintable(reasons(errors).join(QLatin1Char('\n'))));
        QVERIFY(withText(*a, ben, one).isEmpty());
        // Never acknowledged: the server still holds both for ana, so ben has no delivery.
        QTRY_COMPARE_WITH_TIMEOUT(findText(b->messages(ana), two)->state, DeliveryState::Sent,
                                  kTimeout);
        QCOMPARE(findText(b->messages(ana), one)->state, DeliveryState::Sent);

        // Room again: both arrive, readable (their keys were not used up by the failed
        // attempts), once each, in the order ben wrote them.
        QVERIFY(execSql(a->store->database(), QStringLiteral("DROP TRIGGER temp.refuse_messages")));
        QTRY_COMPARE_WITH_TIMEOUT(withText(*a, ben, two).size(), 1, kTimeout);
        QCOMPARE(withText(*a, ben, one).size(), 1);
        const ChatMessage got1 = withText(*a, ben, one).first();
        const ChatMessage got2 = withText(*a, ben, two).first();
        QCOMPARE(got1.kind, MessageKind::Text);
        QCOMPARE(got2.kind, MessageKind::Text);
        QVERIFY(got1.seq < got2.seq);
        QTRY_COMPARE_WITH_TIMEOUT(findText(b->messages(ana), one)->state, DeliveryState::Delivered,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(findText(b->messages(ana), two)->state, DeliveryState::Delivered,
                                  kTimeout);
    }

    void aFullDiskRefusesASendClearlyKeepsTheOutboxAndCatchesUpWhenThereIsRoom()
    {
        if (!SmallDisk::possible())
            QSKIP(SmallDisk::kSkipReason);
        const QString anaDir = m_bed.dir(m_bed.nextName("disk"));
        std::optional<Pair> p;
        const SmallDisk disk(anaDir, 16, [&p] { p.reset(); });
        QVERIFY(disk.mounted());
        p = pair(anaDir);
        QVERIFY(p);
        auto &[ana, ben, a, b] = *p;

        // Written while offline: it waits in the outbox (which has nothing else).
        QTRY_VERIFY_WITH_TIMEOUT(a->store->outbox().isEmpty(), kTimeout);
        a->client->stop();
        const QString queued = QStringLiteral("written offline");
        const MessageId queuedId = a->client->sendText(ben, queued);
        QVERIFY(!queuedId.isNull());
        // Then the disk fills, the WAL emptied first so that no old room is left in it.
        QVERIFY(execSql(a->store->database(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        QVERIFY(disk.fill());

        QSignalSpy errors(a->client.get(), &ChatClient::errorOccurred);
        const QString refused = QStringLiteral("written on a full disk");
        QVERIFY(a->client->sendText(ben, refused).isNull());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(reasons(errors).first().contains(QStringLiteral("full")),
                 qPrintable(reasons(errors).first()));
        QVERIFY(withText(*a, ben, refused).isEmpty());
        QCOMPARE(a->store->outbox().size(), 1);
        QCOMPARE(a->store->outbox().first().id, queuedId);

        // Online on the full disk: the queued message cannot be encrypted (the ratchet
        // cannot be stored), so it waits instead of failing; ben's message is not stored
        // and so not acknowledged.
        a->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(a->client->state(), ConnectionState::Online, kTimeout);
        const QString incoming = QStringLiteral("to ana on a full disk");
        b->client->sendText(ana, incoming);
        QTRY_VERIFY_WITH_TIMEOUT(
            reasons(errors).filter(QStringLiteral("cannot store an incoming message")).size() >= 1,
            kTimeout);
        QVERIFY2(reasons(errors).filter(QStringLiteral("full")).size() >= 2,
                 qPrintable(reasons(errors).join(QLatin1Char('\n'))));
        QVERIFY(withText(*a, ben, incoming).isEmpty());
        QCOMPARE(findText(a->messages(ben), queued)->state, DeliveryState::Queued);
        QTRY_COMPARE_WITH_TIMEOUT(findText(b->messages(ana), incoming)->state, DeliveryState::Sent,
                                  kTimeout);

        // Room again: everything flows, once each, readable.
        QVERIFY(disk.unfill());
        QTRY_COMPARE_WITH_TIMEOUT(withText(*b, ana, queued).size(), 1, kTimeout);
        QCOMPARE(withText(*b, ana, queued).first().kind, MessageKind::Text);
        QTRY_COMPARE_WITH_TIMEOUT(withText(*a, ben, incoming).size(), 1, kTimeout);
        QCOMPARE(withText(*a, ben, incoming).first().kind, MessageKind::Text);
        QTRY_VERIFY_WITH_TIMEOUT(a->store->outbox().isEmpty(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(findText(b->messages(ana), incoming)->state,
                                  DeliveryState::Delivered, kTimeout);
        QVERIFY(withText(*b, ana, refused).isEmpty());
    }

    void aTruncatedDatabaseIsRefusedNamingTheFileAndIsNotChanged()
    {
        const QString dir = m_bed.dir(m_bed.nextName("truncated"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/linnet.db");
        {
            LocalStore store(file);
            QVERIFY(store.open());
            QVERIFY(addMessages(store, 300));
        } // closed: everything checkpointed into the file
        QByteArray bytes = fileBytes(file);
        QVERIFY(bytes.size() > 64 * 1024);
        bytes.truncate(bytes.size() / 2);
        QVERIFY(writeFile(file, bytes));

        LocalStore store(file);
        const auto opened = store.open();
        QVERIFY(!opened);
        const QString reason = opened.error().reason;
        QVERIFY2(reason.contains(file) && reason.contains(QStringLiteral("is damaged")),
                 qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("backup")), qPrintable(reason));
        QCOMPARE(fileBytes(file), bytes);
    }

    void aHealthyLogAfterACrashOpensWithEverythingInIt()
    {
        const QString dir = m_bed.dir(m_bed.nextName("crash"));
        QVERIFY(makeCrashImage(dir, 50));
        LocalStore store(dir + QStringLiteral("/linnet.db"));
        const auto opened = store.open();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().reason));
        QCOMPARE(store.messageCount(QStringLiteral("zoe")), 50);
    }

    void aTornLastTransactionIsDroppedAsSqliteDoesAndTheRestOpens()
    {
        const QString dir = m_bed.dir(m_bed.nextName("torn"));
        QVERIFY(makeCrashImage(dir, 50));
        const QString wal = dir + QStringLiteral("/linnet.db-wal");
        QByteArray bytes = fileBytes(wal);
        // The last frame (the commit of the last message) half written.
        const qsizetype frame = 24 + walPageSize(bytes);
        QVERIFY((bytes.size() - 32) % frame == 0);
        bytes.replace(bytes.size() - frame / 2, frame / 2, QByteArray(frame / 2, '\x5a'));
        QVERIFY(writeFile(wal, bytes));
        LocalStore store(dir + QStringLiteral("/linnet.db"));
        const auto opened = store.open();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().reason));
        QCOMPARE(store.messageCount(QStringLiteral("zoe")), 49);
    }

    void aDamagedLogIsRefusedBeforeSqliteSilentlyDropsWhatItHolds_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("garbage header") << QStringLiteral("header");
        QTest::newRow("garbage frame in the middle") << QStringLiteral("middle");
    }

    void aDamagedLogIsRefusedBeforeSqliteSilentlyDropsWhatItHolds()
    {
        QFETCH(QString, damage);
        const QString dir = m_bed.dir(m_bed.nextName("wal"));
        QVERIFY(makeCrashImage(dir, 50));
        const QString wal = dir + QStringLiteral("/linnet.db-wal");
        QByteArray bytes = fileBytes(wal);
        const qsizetype frame = 24 + walPageSize(bytes);
        if (damage == QLatin1String("header"))
            bytes.replace(0, 32, QByteArray(32, '\x5a'));
        else // the page of the fifth frame: what was committed after it would be dropped
            bytes.replace(32 + 4 * frame + 24, 100, QByteArray(100, '\x5a'));
        QVERIFY(writeFile(wal, bytes));
        const QByteArray database = fileBytes(dir + QStringLiteral("/linnet.db"));

        LocalStore store(dir + QStringLiteral("/linnet.db"));
        const auto opened = store.open();
        QVERIFY(!opened);
        const QString reason = opened.error().reason;
        QVERIFY2(reason.contains(wal) && reason.contains(QStringLiteral("is damaged")),
                 qPrintable(reason));
        // Nothing was touched: SQLite never saw the log.
        QCOMPARE(fileBytes(wal), bytes);
        QCOMPARE(fileBytes(dir + QStringLiteral("/linnet.db")), database);
    }

    void aSecretStoreThatDoesNotOpenTheSealedStateIsRefusedAndNothingIsWiped()
    {
        auto p = pair();
        QVERIFY(p);
        auto &[ana, ben, a, b] = *p;
        QVERIFY(exchange(*b, ben, *a, ana, QStringLiteral("before")));
        // Another state key in ana's secret store (as if it were another profile's).
        const auto original = a->secrets->read(QStringLiteral("state_key"));
        QVERIFY(original && original.value().size() == 32);
        a->close();
        {
            Profile other(a->path);
            QVERIFY(other.open());
            QVERIFY(other.secrets->write(QStringLiteral("state_key"), QByteArray(32, '\x07')));
        }
        QVERIFY(a->open());
        QSignalSpy errors(a->client.get(), &ChatClient::errorOccurred);
        a->client->start();
        QCOMPARE(errors.size(), 1);
        QVERIFY2(reasons(errors).first().contains(QStringLiteral("does not open")),
                 qPrintable(reasons(errors).first()));
        QCOMPARE(a->client->state(), ConnectionState::Offline);
        QVERIFY(findText(a->messages(ben), QStringLiteral("before")));

        // The right secret store back: the same sessions, nothing started over.
        QVERIFY(a->secrets->write(QStringLiteral("state_key"), original.value()));
        a->close();
        QVERIFY(a->open());
        a->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(a->client->state(), ConnectionState::Online, kTimeout);
        QVERIFY(exchange(*b, ben, *a, ana, QStringLiteral("after")));
        QCOMPARE(findText(a->messages(ben), QStringLiteral("after"))->kind, MessageKind::Text);
        QVERIFY(exchange(*a, ana, *b, ben, QStringLiteral("reply")));
        QCOMPARE(findText(b->messages(ana), QStringLiteral("reply"))->kind, MessageKind::Text);
    }
};

QTEST_GUILESS_MAIN(TestClientFaults)
#include "tst_client_faults.moc"
