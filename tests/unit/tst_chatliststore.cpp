// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ChatListStore.h"

#include "models/ConversationListModel.h"
#include "store/ClientMigrations.h"
#include "store/LocalStore.h"
#include "store/SearchStore.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

namespace {

ChatMessage message(const QString &conversation, quint64 seq, const QString &text, qint64 at,
                    bool outgoing = false)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = outgoing ? QStringLiteral("me") : conversation;
    m.outgoing = outgoing;
    m.text = text;
    m.seq = seq;
    m.sentAt = at;
    m.state = outgoing ? DeliveryState::Queued : DeliveryState::Delivered;
    return m;
}

QStringList keysOf(const QList<Conversation> &list)
{
    QStringList keys;
    for (const Conversation &c : list)
        keys << c.key;
    return keys;
}

} // namespace

/** ChatListStore: pin, mute, archive, mark unread, clear history (issue 30). */
class TestChatListStore : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalStore> m_store;

    void chat(const QString &key, qint64 at)
    {
        QVERIFY(
            m_store->addIncoming(message(key, 1, key + QStringLiteral(" says hi"), at), 0).value());
    }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init()
    {
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open().ok());
        chat(QStringLiteral("old"), 100);
        chat(QStringLiteral("mid"), 200);
        chat(QStringLiteral("new"), 300);
    }
    void cleanup() { m_store.reset(); }

    void pinnedChatsComeFirstInTheStoreAndTheModel()
    {
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(
            keysOf(m_store->conversations()),
            (QStringList{QStringLiteral("new"), QStringLiteral("mid"), QStringLiteral("old")}));
        ChatListStore chats(*m_store);
        QVERIFY(chats.setPinned(QStringLiteral("old"), true));
        model.refreshConversation(QStringLiteral("old"));
        QCOMPARE(
            keysOf(m_store->conversations()),
            (QStringList{QStringLiteral("old"), QStringLiteral("new"), QStringLiteral("mid")}));
        QCOMPARE(model.index(0).data(ConversationListModel::KeyRole).toString(),
                 QStringLiteral("old"));
        QVERIFY(model.index(0).data(ConversationListModel::PinnedRole).toBool());
        // New activity elsewhere does not pass a pinned chat.
        QVERIFY(m_store->addIncoming(message(QStringLiteral("mid"), 2, QStringLiteral("x"), 400), 0)
                    .value());
        model.refreshConversation(QStringLiteral("mid"));
        QCOMPARE(model.index(0).data(ConversationListModel::KeyRole).toString(),
                 QStringLiteral("old"));
        QCOMPARE(model.index(1).data(ConversationListModel::KeyRole).toString(),
                 QStringLiteral("mid"));
        QVERIFY(chats.setPinned(QStringLiteral("old"), false));
        model.refreshConversation(QStringLiteral("old"));
        QCOMPARE(model.index(2).data(ConversationListModel::KeyRole).toString(),
                 QStringLiteral("old"));
        QVERIFY(!chats.setPinned(QStringLiteral("nobody"), true));
    }

    void aMuteLastsUntilItsTimeOrForGood()
    {
        ChatListStore chats(*m_store);
        QVERIFY(!chats.isMuted(QStringLiteral("mid"), 1000));
        QVERIFY(chats.setMutedUntil(QStringLiteral("mid"), 5000));
        QVERIFY(chats.isMuted(QStringLiteral("mid"), 4999));
        QVERIFY(!chats.isMuted(QStringLiteral("mid"), 5000));
        QVERIFY(chats.setMutedUntil(QStringLiteral("mid"), ChatListStore::kMutedForever));
        QVERIFY(chats.isMuted(QStringLiteral("mid"), std::numeric_limits<qint64>::max()));
        QCOMPARE(m_store->conversation(QStringLiteral("mid"))->mutedUntil, -1);
        QVERIFY(chats.setMutedUntil(QStringLiteral("mid"), 0));
        QVERIFY(!chats.isMuted(QStringLiteral("mid"), 0));
        QVERIFY(!chats.isMuted(QStringLiteral("nobody"), 0));
        QVERIFY(!chats.setMutedUntil(QStringLiteral("nobody"), 5000));
    }

    void archivedAndMarkedUnreadAreKept()
    {
        ChatListStore chats(*m_store);
        QVERIFY(chats.setArchived(QStringLiteral("new"), true));
        QVERIFY(chats.setMarkedUnread(QStringLiteral("old"), true));
        QVERIFY(m_store->conversation(QStringLiteral("new"))->archived);
        QVERIFY(m_store->conversation(QStringLiteral("old"))->markedUnread);
        ConversationListModel model(*m_store);
        const int row = model.rowOf(QStringLiteral("new"));
        QVERIFY(model.index(row).data(ConversationListModel::ArchivedRole).toBool());
        QVERIFY(chats.setArchived(QStringLiteral("new"), false));
        QVERIFY(!m_store->conversation(QStringLiteral("new"))->archived);
        QVERIFY(!chats.setArchived(QStringLiteral("nobody"), true));
    }

    void clearingHistoryKeepsTheChatItsCursorsAndWhatIsStillQueued()
    {
        const QString key = QStringLiteral("mid");
        QVERIFY(m_store->addIncoming(message(key, 2, QStringLiteral("zweite Nachricht"), 210), 0)
                    .value());
        const ChatMessage queued = message(key, 0, QStringLiteral("not sent yet"), 220, true);
        QVERIFY(m_store->addOutgoing(queued, QByteArrayLiteral("body")).ok());
        const auto before = *m_store->conversation(key);
        QVERIFY(ChatListStore(*m_store).setMarkedUnread(key, true));

        const auto files = ChatListStore(*m_store).clearHistory(key);
        QVERIFY(files.has_value());
        QVERIFY(files->isEmpty());
        const QList<ChatMessage> left = m_store->messages(key, 100);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().id, queued.id);
        QCOMPARE(m_store->outbox().size(), 1);
        const auto after = *m_store->conversation(key);
        QCOMPARE(after.unread, 0);
        QVERIFY(!after.markedUnread);
        QCOMPARE(after.lastMessage, QString());
        QCOMPARE(after.maxSeq, before.maxSeq); // nothing is fetched or numbered again
        QCOMPARE(after.contiguousSeq, before.contiguousSeq);
        QCOMPARE(after.lastActivity, before.lastActivity);
        // Gone from search as well; other chats keep theirs.
        QCOMPARE(SearchStore(*m_store).search(QStringLiteral("zweite")).value().size(), 0);
        QCOMPARE(m_store->messageCount(QStringLiteral("old")), 1);
        QVERIFY(!ChatListStore(*m_store).clearHistory(QStringLiteral("nobody")));
    }

    void theMigrationGivesExistingChatsNoFlags()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("linnet.db"));
        const int before = latestClientSchemaVersion() - 1;
        {
            test::SqlConnection c(file);
            QSqlDatabase db = c.db();
            const std::vector<ClientMigration> older(clientMigrations().begin(),
                                                     clientMigrations().begin() + before);
            QCOMPARE(migrateClientDatabase(db, older).value(), before);
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO conversations (key, kind, peer, last_activity) "
                                      "VALUES ('ana', 0, 'ana', 7)")));
        }
        LocalStore store(file);
        QVERIFY(store.open().ok());
        const auto c = store.conversation(QStringLiteral("ana"));
        QVERIFY(c);
        QVERIFY(!c->pinned && !c->archived && !c->markedUnread);
        QCOMPARE(c->mutedUntil, 0);
        QCOMPARE(c->lastActivity, 7);
    }
};

QTEST_GUILESS_MAIN(TestChatListStore)
#include "tst_chatliststore.moc"
