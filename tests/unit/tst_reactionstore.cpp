// SPDX-License-Identifier: GPL-3.0-or-later
// Reactions in the local store (issue 30): one per person, replaced and taken back, kept
// until their message arrives, never shown, counted or previewed as messages.
#include "store/LocalStore.h"
#include "store/ReactionStore.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

class TestReactionStore : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalStore> m_store;
    quint64 m_seq = 0;
    qint64 m_clock = 1000;

    ChatMessage message(const QString &chat, const QString &from, const QString &text)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = chat;
        m.sender = from;
        m.text = text;
        m.seq = ++m_seq;
        m.sentAt = ++m_clock;
        m.senderTime = m.sentAt;
        m.state = DeliveryState::Delivered;
        return m;
    }
    ChatMessage reaction(const QString &chat, const QString &from, const MessageId &target,
                         const QString &emoji)
    {
        ChatMessage m = message(chat, from, emoji);
        m.kind = MessageKind::Reaction;
        m.target = target;
        return m;
    }
    void store(const ChatMessage &m)
    {
        const auto added = m_store->addIncoming(m, 0);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().reason));
        QVERIFY(added.value());
    }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init()
    {
        m_seq = 0;
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open().ok());
    }

    void eachPersonHasOneReactionTheNewestCounts()
    {
        const ChatMessage hi =
            message(QStringLiteral("ben"), QStringLiteral("ben"), QStringLiteral("hi"));
        store(hi);
        store(reaction(QStringLiteral("ben"), QStringLiteral("ben"), hi.id, QStringLiteral("👍")));
        store(reaction(QStringLiteral("ben"), QStringLiteral("me"), hi.id, QStringLiteral("👍")));
        store(reaction(QStringLiteral("ben"), QStringLiteral("ben"), hi.id,
                       QStringLiteral("❤️")));
        ReactionStore reactions(*m_store);
        QCOMPARE(reactions.reactionsTo(hi.id),
                 (QList<Reaction>{{QStringLiteral("👍"), {QStringLiteral("me")}},
                                  {QStringLiteral("❤️"), {QStringLiteral("ben")}}}));
        QCOMPARE(reactions.reactionOf(hi.id, QStringLiteral("ben")), QStringLiteral("❤️"));
        // Taken back: an empty reaction.
        store(reaction(QStringLiteral("ben"), QStringLiteral("ben"), hi.id, QString()));
        QCOMPARE(reactions.reactionsTo(hi.id),
                 (QList<Reaction>{{QStringLiteral("👍"), {QStringLiteral("me")}}}));
        QCOMPARE(reactions.reactionOf(hi.id, QStringLiteral("ben")), QString());
    }

    void theMostChosenComeFirst()
    {
        const ChatMessage hi =
            message(QStringLiteral("group:1"), QStringLiteral("ana"), QStringLiteral("hi"));
        store(hi);
        store(
            reaction(QStringLiteral("group:1"), QStringLiteral("ana"), hi.id, QStringLiteral("😮")));
        store(
            reaction(QStringLiteral("group:1"), QStringLiteral("ben"), hi.id, QStringLiteral("🙏")));
        store(
            reaction(QStringLiteral("group:1"), QStringLiteral("cy"), hi.id, QStringLiteral("🙏")));
        const auto list = ReactionStore(*m_store).reactionsTo(hi.id);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.first(),
                 (Reaction{QStringLiteral("🙏"), {QStringLiteral("ben"), QStringLiteral("cy")}}));
    }

    void aReactionThatArrivesBeforeItsMessageCountsOnceItIsThere()
    {
        ChatMessage hi =
            message(QStringLiteral("ben"), QStringLiteral("ben"), QStringLiteral("hi"));
        store(reaction(QStringLiteral("ben"), QStringLiteral("ben"), hi.id, QStringLiteral("👍")));
        ReactionStore reactions(*m_store);
        QVERIFY(reactions.reactionsTo(hi.id).isEmpty());
        hi.seq = 0; // it came later, e.g. with the history of another device
        store(hi);
        QCOMPARE(reactions.reactionsTo(hi.id),
                 (QList<Reaction>{{QStringLiteral("👍"), {QStringLiteral("ben")}}}));
    }

    void aReactionFromAnotherChatNeverCounts()
    {
        const ChatMessage hi =
            message(QStringLiteral("ben"), QStringLiteral("ben"), QStringLiteral("hi"));
        store(hi);
        store(reaction(QStringLiteral("cy"), QStringLiteral("cy"), hi.id, QStringLiteral("👎")));
        QVERIFY(ReactionStore(*m_store).reactionsTo(hi.id).isEmpty());
    }

    void reactionsAreNoMessagesOfTheChat()
    {
        const ChatMessage hi =
            message(QStringLiteral("ben"), QStringLiteral("ben"), QStringLiteral("hi"));
        store(hi);
        QVERIFY(m_store->markViewed(QStringLiteral("ben")));
        const ChatMessage like =
            reaction(QStringLiteral("ben"), QStringLiteral("ben"), hi.id, QStringLiteral("👍"));
        store(like);
        // Not a row, not unread, not the preview, not a position; but stored and sequenced.
        QCOMPARE(m_store->messages(QStringLiteral("ben"), 10).size(), 1);
        QCOMPARE(m_store->messageCount(QStringLiteral("ben")), 1);
        const auto chat = m_store->conversation(QStringLiteral("ben")).value();
        QCOMPARE(chat.unread, 0);
        QCOMPARE(chat.lastMessage, QStringLiteral("hi"));
        QCOMPARE(chat.contiguousSeq, like.seq);
        QCOMPARE(m_store->messagePosition(like.id), -1);
        QCOMPARE(m_store->message(like.id)->target, hi.id);
        QCOMPARE(m_store->message(like.id)->kind, MessageKind::Reaction);
    }
};

QTEST_GUILESS_MAIN(TestReactionStore)
#include "tst_reactionstore.moc"
