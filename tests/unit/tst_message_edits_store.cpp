// SPDX-License-Identifier: GPL-3.0-or-later
// Edits and deletes for everyone in the local store (issue 30, EditStore): applied to
// their message only when its author sent them within the window, kept until the
// message arrives, the newest edit winning; a delete leaves nothing of the text behind
// (not in the message, its edits, the preview or search). Delete for me is local.
#include "store/EditStore.h"
#include "store/LocalStore.h"
#include "store/SearchStore.h"
#include "TestBase.h"

#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

class TestMessageEditsStore : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalStore> m_store;
    quint64 m_seq = 0;
    qint64 m_clock = 1'000'000;
    const QString m_chat = QStringLiteral("ben");

    ChatMessage message(const QString &from, const QString &text)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = m_chat;
        m.sender = from;
        m.outgoing = from == QLatin1String("me");
        m.text = text;
        m.seq = ++m_seq;
        m.sentAt = ++m_clock;
        m.senderTime = m.sentAt;
        m.state = DeliveryState::Delivered;
        return m;
    }
    /** An action by @p from on @p target, written @p afterMs after @p target was. */
    ChatMessage action(MessageKind kind, const QString &from, const ChatMessage &target,
                       qint64 afterMs, const QString &text = {})
    {
        ChatMessage m = message(from, text);
        m.kind = kind;
        m.target = target.id;
        m.senderTime = target.senderTime + afterMs;
        return m;
    }
    void store(const ChatMessage &m)
    {
        const auto added = m_store->addIncoming(m, 0);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().reason));
        QVERIFY(added.value());
    }
    int searchHits(const QString &text)
    {
        return int(SearchStore(*m_store).search(text).value().size());
    }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init()
    {
        m_seq = 0;
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open().ok());
    }

    void anEditByTheAuthorReplacesTheTextEverywhereItIsRead()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("see you at 8"));
        store(hi);
        const ChatMessage edit =
            action(MessageKind::Edit, m_chat, hi, 60'000, QStringLiteral("see you at nine"));
        store(edit);
        const auto now = m_store->message(hi.id);
        QCOMPARE(now->text, QStringLiteral("see you at nine"));
        QCOMPARE(now->editedAt, edit.senderTime);
        QVERIFY(!now->deleted);
        // The page, the preview and search read the new text; the old one is gone.
        QCOMPARE(m_store->messages(m_chat, 10).size(), 1);
        QCOMPARE(m_store->messages(m_chat, 10).first().text, QStringLiteral("see you at nine"));
        QCOMPARE(m_store->conversation(m_chat)->lastMessage, QStringLiteral("see you at nine"));
        QCOMPARE(searchHits(QStringLiteral("nine")), 1);
        QCOMPARE(searchHits(QStringLiteral("8")), 0);
    }

    void theNewestEditWinsWhicheverArrivesFirst()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("v1"));
        store(hi);
        const ChatMessage second =
            action(MessageKind::Edit, m_chat, hi, 2000, QStringLiteral("v3"));
        const ChatMessage first = action(MessageKind::Edit, m_chat, hi, 1000, QStringLiteral("v2"));
        store(second);
        store(first); // late, older by the author's clock: changes nothing
        QCOMPARE(m_store->message(hi.id)->text, QStringLiteral("v3"));
        QCOMPARE(m_store->message(hi.id)->editedAt, second.senderTime);
    }

    void anEditThatArrivesBeforeItsMessageIsAppliedWhenTheMessageComes()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("typo"));
        const ChatMessage edit =
            action(MessageKind::Edit, m_chat, hi, 5000, QStringLiteral("fixed"));
        const ChatMessage del = message(m_chat, QStringLiteral("gone soon"));
        store(edit);
        store(action(MessageKind::Delete, m_chat, del, 5000));
        QVERIFY(!m_store->message(hi.id));
        store(hi);
        store(del);
        QCOMPARE(m_store->message(hi.id)->text, QStringLiteral("fixed"));
        QVERIFY(m_store->message(del.id)->deleted);
        QCOMPARE(m_store->message(del.id)->text, QString());
        QCOMPARE(searchHits(QStringLiteral("soon")), 0);
    }

    void anEditOrDeleteBySomeoneElseIsIgnored()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("mine"));
        store(hi);
        store(action(MessageKind::Edit, QStringLiteral("me"), hi, 1000, QStringLiteral("yours")));
        store(action(MessageKind::Delete, QStringLiteral("me"), hi, 1000));
        const auto now = m_store->message(hi.id);
        QCOMPARE(now->text, QStringLiteral("mine"));
        QCOMPARE(now->editedAt, 0);
        QVERIFY(!now->deleted);
    }

    void anActionInAnotherChatIsIgnored()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("here"));
        store(hi);
        ChatMessage elsewhere = action(MessageKind::Edit, m_chat, hi, 1000, QStringLiteral("x"));
        elsewhere.conversation = QStringLiteral("cy");
        store(elsewhere);
        QCOMPARE(m_store->message(hi.id)->text, QStringLiteral("here"));
    }

    void anEditOrDeleteAfterItsWindowIsIgnored()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("old news"));
        store(hi);
        store(action(MessageKind::Edit, m_chat, hi, protocol::kEditWindowMs + 1,
                     QStringLiteral("rewritten")));
        store(action(MessageKind::Delete, m_chat, hi, protocol::kDeleteWindowMs + 1));
        QCOMPARE(m_store->message(hi.id)->text, QStringLiteral("old news"));
        QVERIFY(!m_store->message(hi.id)->deleted);
        // At the edge of the window it still counts.
        store(action(MessageKind::Edit, m_chat, hi, protocol::kEditWindowMs,
                     QStringLiteral("just in time")));
        QCOMPARE(m_store->message(hi.id)->text, QStringLiteral("just in time"));
    }

    void aDeleteLeavesNothingOfTheTextAndNoLaterEditBringsItBack()
    {
        ChatMessage hi = message(m_chat, QStringLiteral("secret plan"));
        hi.replyTo = protocol::ReplyRef{MessageId::generate(), QStringLiteral("me"),
                                        QStringLiteral("quoted words")};
        store(hi);
        store(action(MessageKind::Edit, m_chat, hi, 1000, QStringLiteral("secret plan b")));
        store(action(MessageKind::Delete, m_chat, hi, 2000));
        store(action(MessageKind::Edit, m_chat, hi, 3000, QStringLiteral("back again")));
        const auto now = m_store->message(hi.id);
        QVERIFY(now->deleted);
        QCOMPARE(now->text, QString());
        QVERIFY(!now->replyTo);
        QCOMPARE(m_store->conversation(m_chat)->lastMessage, QString());
        QCOMPARE(searchHits(QStringLiteral("secret")), 0);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM messages WHERE text LIKE '%plan%'")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Still a row of the chat, shown as deleted.
        QCOMPARE(m_store->messageCount(m_chat), 1);
    }

    void actionsAreNotUnreadAndDoNotMoveThePreview()
    {
        const ChatMessage first = message(m_chat, QStringLiteral("first"));
        const ChatMessage second = message(m_chat, QStringLiteral("second"));
        store(first);
        store(second);
        const int unread = m_store->conversation(m_chat)->unread;
        store(action(MessageKind::Edit, m_chat, first, 1000, QStringLiteral("first, edited")));
        QCOMPARE(m_store->conversation(m_chat)->unread, unread);
        QCOMPARE(m_store->conversation(m_chat)->lastMessage, QStringLiteral("second"));
        store(action(MessageKind::Delete, m_chat, first, 1000));
        QCOMPARE(m_store->conversation(m_chat)->lastMessage, QStringLiteral("second"));
    }

    void deleteForMeRemovesTheMessageAndWhatActsOnItHereOnly()
    {
        const ChatMessage hi = message(m_chat, QStringLiteral("hello"));
        const ChatMessage bye = message(m_chat, QStringLiteral("bye"));
        store(hi);
        store(bye);
        const ChatMessage edit =
            action(MessageKind::Edit, m_chat, bye, 1000, QStringLiteral("ciao"));
        store(edit);
        EditStore edits(*m_store);
        QVERIFY(edits.deleteForMe(bye.id));
        QVERIFY(!m_store->message(bye.id));
        QVERIFY(!m_store->message(edit.id));
        QCOMPARE(m_store->conversation(m_chat)->lastMessage, QStringLiteral("hello"));
        QCOMPARE(searchHits(QStringLiteral("ciao")), 0);
        // Unknown, already gone, or an action itself: refused.
        QVERIFY(!edits.deleteForMe(bye.id));
        QVERIFY(!edits.deleteForMe(MessageId::generate()));
        const ChatMessage react =
            action(MessageKind::Reaction, m_chat, hi, 1000, QStringLiteral("👍"));
        store(react);
        QVERIFY(!edits.deleteForMe(react.id));
        QVERIFY(m_store->message(hi.id));
    }
};

QTEST_GUILESS_MAIN(TestMessageEditsStore)
#include "tst_message_edits_store.moc"
