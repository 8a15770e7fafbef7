// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

namespace {

const QString kBob = QStringLiteral("bob");
const QString kMe = QStringLiteral("alice");

ChatMessage outgoing(const QString &conversation, const QString &text, qint64 at)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = kMe;
    m.outgoing = true;
    m.text = text;
    m.sentAt = at;
    m.state = DeliveryState::Queued;
    return m;
}

ChatMessage incoming(const QString &conversation, quint64 seq, const QString &text, qint64 at)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = conversation;
    m.outgoing = false;
    m.text = text;
    m.seq = seq;
    m.sentAt = at;
    m.state = DeliveryState::Delivered;
    return m;
}

QList<MessageId> idsOf(const QList<ChatMessage> &list)
{
    QList<MessageId> ids;
    for (const auto &m : list)
        ids.append(m.id);
    return ids;
}

} // namespace

/** LocalStore: outbox lifecycle, receipts, dedup, unread, seq cursors, paging, persistence. */
class TestLocalStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        const auto opened = m_store->open();
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().reason));
    }
    void cleanup() { m_store.reset(); }

    void outgoingLifecycle()
    {
        LocalStore &s = *m_store;
        const ChatMessage a = outgoing(kBob, QStringLiteral("first"), 100);
        const ChatMessage b = outgoing(kBob, QStringLiteral("second"), 200);
        QVERIFY(s.addOutgoing(a, QByteArrayLiteral("wire-a")).ok());
        QVERIFY(s.addOutgoing(b, QByteArrayLiteral("wire-b")).ok());

        QCOMPARE(s.message(a.id).value(), a);
        const auto queued = s.outbox();
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued[0].id, a.id);
        QCOMPARE(queued[0].recipient, kBob);
        QCOMPARE(queued[0].body, QByteArrayLiteral("wire-a"));
        QCOMPARE(queued[0].createdAt, 100);
        QCOMPARE(queued[1].id, b.id);
        s.countAttempt(a.id);
        s.countAttempt(a.id);
        QCOMPARE(s.outbox()[0].attempts, 2);
        QCOMPARE(s.outbox()[1].attempts, 0);

        auto conv = s.conversation(kBob);
        QVERIFY(conv);
        QCOMPARE(conv->peer, kBob);
        QCOMPARE(conv->lastMessage, QStringLiteral("second"));
        QCOMPARE(conv->lastActivity, 200);
        QCOMPARE(conv->unread, 0);
        QCOMPARE(conv->serverId, 0);

        QVERIFY(s.markSent(a.id, 77, 1, 1000));
        const auto sent = s.message(a.id).value();
        QCOMPARE(sent.state, DeliveryState::Sent);
        QCOMPARE(sent.seq, 1u);
        QCOMPARE(sent.sentAt, 1000);
        QCOMPARE(idsOf(s.messages(kBob, 10)), (QList<MessageId>{a.id, b.id}));
        QCOMPARE(s.outbox().size(), 1);
        QCOMPARE(s.outbox()[0].id, b.id);
        QCOMPARE(s.conversationForServerId(77).value_or(QString()), kBob);
        conv = s.conversation(kBob);
        QCOMPARE(conv->serverId, 77);
        QCOMPARE(conv->contiguousSeq, 1u);
        QCOMPARE(conv->maxSeq, 1u);
        QVERIFY(!s.markSent(MessageId::generate(), 77, 9, 1)); // unknown id

        QCOMPARE(s.advanceState({a.id}, DeliveryState::Delivered), QList<MessageId>{a.id});
        QCOMPARE(s.message(a.id)->state, DeliveryState::Delivered);
        QVERIFY(s.advanceState({a.id}, DeliveryState::Delivered).isEmpty()); // no change twice

        QVERIFY(s.markSent(b.id, 77, 2, 1100));
        QCOMPARE(s.markPeerReadUpTo(kBob, 1), QList<MessageId>{a.id});
        QCOMPARE(s.message(a.id)->state, DeliveryState::Read);
        QCOMPARE(s.message(b.id)->state, DeliveryState::Sent);
        QCOMPARE(s.markPeerReadUpTo(kBob, 2), QList<MessageId>{b.id});
        QVERIFY(s.markPeerReadUpTo(kBob, 2).isEmpty());
        QVERIFY(s.outbox().isEmpty());
    }

    void duplicateOutgoingChangesNothing()
    {
        LocalStore &s = *m_store;
        const ChatMessage a = outgoing(kBob, QStringLiteral("once"), 100);
        QVERIFY(s.addOutgoing(a, QByteArrayLiteral("x")).ok());
        ChatMessage again = a;
        again.text = QStringLiteral("twice");
        again.sentAt = 500;
        const auto second = s.addOutgoing(again, QByteArrayLiteral("y"));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, protocol::ErrorCode::InvalidField);
        QCOMPARE(s.messageCount(kBob), 1);
        QCOMPARE(s.outbox().size(), 1);
        QCOMPARE(s.outbox()[0].body, QByteArrayLiteral("x"));
        QCOMPARE(s.message(a.id)->text, QStringLiteral("once"));
        QCOMPARE(s.conversation(kBob)->lastMessage, QStringLiteral("once"));
        QCOMPARE(s.conversation(kBob)->lastActivity, 100);

        QVERIFY(!s.addOutgoing(outgoing(QString(), QStringLiteral("no conv"), 1), {}).ok());
        ChatMessage nullId = outgoing(kBob, QStringLiteral("null id"), 1);
        nullId.id = MessageId();
        QVERIFY(!s.addOutgoing(nullId, {}).ok());
        QCOMPARE(s.messageCount(kBob), 1);
    }

    void emptyTextAndBodyAreStored()
    {
        LocalStore &s = *m_store;
        ChatMessage m = outgoing(kBob, QString(), 5);
        m.sender = QString();
        QVERIFY(s.addOutgoing(m, QByteArray()).ok());
        QCOMPARE(s.message(m.id)->text, QString());
        QCOMPARE(s.outbox().size(), 1);
        QVERIFY(s.outbox()[0].body.isEmpty());
    }

    void statesNeverGoBackwards()
    {
        LocalStore &s = *m_store;
        const ChatMessage a = outgoing(kBob, QStringLiteral("a"), 1);
        QVERIFY(s.addOutgoing(a, "a").ok());
        QVERIFY(s.markSent(a.id, 5, 1, 10));
        QCOMPARE(s.markPeerReadUpTo(kBob, 1), QList<MessageId>{a.id});
        // a late delivery receipt and a repeated ack leave Read alone
        QVERIFY(s.advanceState({a.id}, DeliveryState::Delivered).isEmpty());
        QVERIFY(s.advanceState({a.id}, DeliveryState::Sent).isEmpty());
        QVERIFY(s.markSent(a.id, 5, 1, 10));
        QCOMPARE(s.message(a.id)->state, DeliveryState::Read);

        // the receipt overtook the ack: markSent keeps Delivered but records seq
        const ChatMessage b = outgoing(kBob, QStringLiteral("b"), 2);
        QVERIFY(s.addOutgoing(b, "b").ok());
        QCOMPARE(s.advanceState({b.id}, DeliveryState::Delivered), QList<MessageId>{b.id});
        QVERIFY(s.markSent(b.id, 5, 2, 20));
        const auto stored = s.message(b.id).value();
        QCOMPARE(stored.state, DeliveryState::Delivered);
        QCOMPARE(stored.seq, 2u);
        QVERIFY(s.outbox().isEmpty());

        // Failed is never changed by receipts; Queued/Failed are not receipt targets
        const ChatMessage c = outgoing(kBob, QStringLiteral("c"), 3);
        QVERIFY(s.addOutgoing(c, "c").ok());
        QVERIFY(s.advanceState({c.id}, DeliveryState::Queued).isEmpty());
        QVERIFY(s.advanceState({b.id}, DeliveryState::Failed).isEmpty());
        QVERIFY(s.markFailed(c.id));
        QCOMPARE(s.message(c.id)->state, DeliveryState::Failed);
        QVERIFY(s.outbox().isEmpty());
        QVERIFY(!s.markFailed(c.id));                  // nothing left to change
        QVERIFY(!s.markFailed(MessageId::generate())); // unknown
        QVERIFY(!s.markFailed(b.id));                  // acked messages cannot fail
        QCOMPARE(s.message(b.id)->state, DeliveryState::Delivered);
        QVERIFY(s.advanceState({c.id}, DeliveryState::Read).isEmpty());
        QVERIFY(!s.markPeerReadUpTo(kBob, 100).contains(c.id));
        QCOMPARE(s.message(c.id)->state, DeliveryState::Failed);
    }

    void receiptsOnlyTouchOwnMessages()
    {
        LocalStore &s = *m_store;
        const ChatMessage in = incoming(kBob, 1, QStringLiteral("hi"), 1);
        QVERIFY(s.addIncoming(in, 9).value());
        const ChatMessage own = outgoing(kBob, QStringLiteral("yo"), 2);
        QVERIFY(s.addOutgoing(own, "yo").ok());
        QVERIFY(s.markSent(own.id, 9, 2, 3));
        QCOMPARE(s.advanceState({in.id, own.id, own.id}, DeliveryState::Read),
                 QList<MessageId>{own.id});
        QCOMPARE(s.message(in.id)->state, DeliveryState::Delivered);
        QVERIFY(s.markPeerReadUpTo(QStringLiteral("nobody"), 5).isEmpty());
    }

    void incomingIsDeduplicated()
    {
        LocalStore &s = *m_store;
        const ChatMessage m = incoming(kBob, 1, QStringLiteral("hello"), 50);
        const auto first = s.addIncoming(m, 42);
        QVERIFY(first.ok());
        QVERIFY(first.value());
        QCOMPARE(s.conversation(kBob)->unread, 1);
        ChatMessage dup = m;
        dup.text = QStringLiteral("changed");
        const auto second = s.addIncoming(dup, 42);
        QVERIFY(second.ok());
        QVERIFY(!second.value());
        const auto conv = s.conversation(kBob).value();
        QCOMPARE(conv.unread, 1);
        QCOMPARE(conv.serverId, 42);
        QCOMPARE(conv.lastMessage, QStringLiteral("hello"));
        QCOMPARE(s.messageCount(kBob), 1);
        QCOMPARE(s.message(m.id)->text, QStringLiteral("hello"));
        QCOMPARE(s.conversationForServerId(42).value_or(QString()), kBob);
        QVERIFY(!s.conversationForServerId(43));
    }

    void aReplyKeepsItsQuoteAndOthersHaveNone()
    {
        LocalStore &s = *m_store;
        const ChatMessage question = incoming(kBob, 1, QStringLiteral("lunch?"), 50);
        ChatMessage answer = outgoing(kBob, QStringLiteral("yes"), 60);
        answer.replyTo = protocol::ReplyRef{question.id, kBob, QStringLiteral("lunch?")};
        ChatMessage photoReply = incoming(kBob, 2, QStringLiteral("nice"), 70);
        photoReply.replyTo =
            protocol::ReplyRef{MessageId::generate(), kMe, QString(), protocol::FileKind::Image};
        QVERIFY(s.addIncoming(question, 42).ok());
        QVERIFY(s.addOutgoing(answer, QByteArray("body")).ok());
        QVERIFY(s.addIncoming(photoReply, 42).ok());
        QCOMPARE(s.message(answer.id)->replyTo, answer.replyTo);
        QCOMPARE(s.message(photoReply.id)->replyTo, photoReply.replyTo);
        QVERIFY(!s.message(question.id)->replyTo);
        // Pages carry it too, and it outlives the message it quotes.
        QVERIFY(HistoryEditStore(s).removeMessage(question.id));
        const auto page = s.messages(kBob, 10);
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.at(1).replyTo, answer.replyTo);
    }

    void unreadAndMarkViewed()
    {
        LocalStore &s = *m_store;
        for (quint64 seq = 1; seq <= 3; ++seq)
            QVERIFY(
                s.addIncoming(incoming(kBob, seq, QStringLiteral("m"), qint64(seq)), 1).value());
        ChatMessage mine = outgoing(kBob, QStringLiteral("from my phone"), 4);
        mine.seq = 4;
        mine.state = DeliveryState::Sent;
        QVERIFY(s.addIncoming(mine, 1).value()); // own message from another device
        QCOMPARE(s.message(mine.id)->state, DeliveryState::Sent);
        QVERIFY(s.message(mine.id)->outgoing);
        QCOMPARE(s.conversation(kBob)->unread, 3);
        QCOMPARE(s.conversation(kBob)->lastMessage, QStringLiteral("from my phone"));

        QCOMPARE(s.markViewed(kBob), std::optional<quint64>(3));
        QCOMPARE(s.conversation(kBob)->unread, 0);
        QCOMPARE(s.conversation(kBob)->readUpToSeq, 3u);
        QCOMPARE(s.markViewed(kBob), std::nullopt);

        QVERIFY(s.addIncoming(incoming(kBob, 5, QStringLiteral("more"), 5), 1).value());
        QCOMPARE(s.conversation(kBob)->unread, 1);
        QCOMPARE(s.markViewed(kBob), std::optional<quint64>(5));
        QCOMPARE(s.conversation(kBob)->readUpToSeq, 5u);
        QCOMPARE(s.markViewed(QStringLiteral("nobody")), std::nullopt);
    }

    void seqCursorsWithOutOfOrderArrival()
    {
        LocalStore &s = *m_store;
        QVERIFY(s.addIncoming(incoming(kBob, 1, QStringLiteral("one"), 10), 3).value());
        QVERIFY(s.addIncoming(incoming(kBob, 3, QStringLiteral("three"), 30), 3).value());
        auto conv = s.conversation(kBob).value();
        QCOMPARE(conv.contiguousSeq, 1u);
        QCOMPARE(conv.maxSeq, 3u);
        QCOMPARE(conv.lastMessage, QStringLiteral("three"));

        QVERIFY(s.addIncoming(incoming(kBob, 2, QStringLiteral("two"), 20), 3).value());
        conv = s.conversation(kBob).value();
        QCOMPARE(conv.contiguousSeq, 3u);
        QCOMPARE(conv.maxSeq, 3u);
        QCOMPARE(conv.lastMessage, QStringLiteral("three")); // not the newest by seq
        QCOMPARE(conv.lastActivity, 30);
        QCOMPARE(conv.unread, 3);

        // an acked own message fills the next gap too
        QVERIFY(s.addIncoming(incoming(kBob, 6, QStringLiteral("six"), 60), 3).value());
        const ChatMessage own = outgoing(kBob, QStringLiteral("four"), 40);
        QVERIFY(s.addOutgoing(own, "4").ok());
        QVERIFY(s.markSent(own.id, 3, 4, 40));
        conv = s.conversation(kBob).value();
        QCOMPARE(conv.contiguousSeq, 4u);
        QCOMPARE(conv.maxSeq, 6u);
        QVERIFY(s.addIncoming(incoming(kBob, 5, QStringLiteral("five"), 50), 3).value());
        QCOMPARE(s.conversation(kBob)->contiguousSeq, 6u);

        QList<quint64> seqs;
        for (const auto &m : s.messages(kBob, 100))
            seqs.append(m.seq);
        QCOMPARE(seqs, (QList<quint64>{1, 2, 3, 4, 5, 6}));
    }

    void pagingAcrossQueuedMessages()
    {
        LocalStore &s = *m_store;
        QList<MessageId> sequenced(111);
        QList<MessageId> queued;
        // 110 sequenced messages arriving out of order, with queued ones created in between
        QList<quint64> order;
        for (quint64 seq = 1; seq <= 110; ++seq)
            order.append(seq);
        std::reverse(order.begin() + 20, order.begin() + 70);
        for (int i = 0; i < order.size(); ++i) {
            const quint64 seq = order[i];
            const ChatMessage m =
                incoming(kBob, seq, QStringLiteral("in %1").arg(seq), qint64(seq));
            QVERIFY(s.addIncoming(m, 8).value());
            sequenced[qsizetype(seq)] = m.id;
            if (i % 11 == 5) {
                const ChatMessage q = outgoing(kBob, QStringLiteral("queued"), 1000 + i);
                QVERIFY(s.addOutgoing(q, "q").ok());
                queued.append(q.id);
            }
        }
        QCOMPARE(queued.size(), 10);
        QList<MessageId> expected(sequenced.begin() + 1, sequenced.end());
        expected += queued;
        QCOMPARE(s.messageCount(kBob), 120);
        QCOMPARE(idsOf(s.messages(kBob, 1000)), expected);

        QList<QList<ChatMessage>> pages;
        qint64 before = 0;
        for (;;) {
            const auto page = s.messages(kBob, 50, before);
            if (page.isEmpty())
                break;
            QVERIFY(page.size() <= 50);
            pages.prepend(page);
            before = s.messagePosition(page.first().id);
            QVERIFY(before > 0);
            QVERIFY(pages.size() < 10);
        }
        QCOMPARE(pages.size(), 3);
        QCOMPARE(pages[0].size(), 20);
        QCOMPARE(pages[1].size(), 50);
        QCOMPARE(pages[2].size(), 50);
        QList<MessageId> joined;
        for (const auto &page : pages)
            joined += idsOf(page);
        QCOMPARE(joined, expected); // no overlap, no gap, oldest first
        QCOMPARE(idsOf(pages[2]).mid(40), queued);

        // positions follow display order
        QCOMPARE(s.messagePosition(expected.first()), 1);
        QCOMPARE(s.messagePosition(expected.last()), 120);
        QCOMPARE(s.messagePosition(sequenced[110]), 110);
        QCOMPARE(s.messagePosition(MessageId::generate()), -1);
        QVERIFY(s.messages(kBob, 50, -1).isEmpty());
        QVERIFY(s.messages(kBob, 0).isEmpty());
        QVERIFY(s.messages(kBob, 50, 1).isEmpty());
        QCOMPARE(idsOf(s.messages(kBob, 3, 5)), expected.mid(1, 3));
        QVERIFY(s.messages(QStringLiteral("nobody"), 50).isEmpty());
    }

    void conversationsNewestFirst()
    {
        LocalStore &s = *m_store;
        s.ensureConversation(QStringLiteral("empty"), QStringLiteral("empty"));
        QVERIFY(s.addIncoming(incoming(QStringLiteral("carol"), 1, QStringLiteral("c"), 300), 1)
                    .value());
        QVERIFY(s.addOutgoing(outgoing(kBob, QStringLiteral("b"), 100), "b").ok());
        QVERIFY(s.addIncoming(incoming(QStringLiteral("dave"), 1, QStringLiteral("d"), 200), 2)
                    .value());
        QStringList keys;
        for (const auto &c : s.conversations())
            keys.append(c.key);
        QCOMPARE(keys, (QStringList{QStringLiteral("carol"), QStringLiteral("dave"), kBob,
                                    QStringLiteral("empty")}));

        QVERIFY(s.addOutgoing(outgoing(kBob, QStringLiteral("b2"), 400), "b2").ok());
        QCOMPARE(s.conversations().first().key, kBob);
        QCOMPARE(s.conversations().first().lastMessage, QStringLiteral("b2"));

        s.ensureConversation(kBob, QStringLiteral("someone else")); // existing: unchanged
        QCOMPARE(s.conversation(kBob)->peer, kBob);
        QCOMPARE(s.conversation(QStringLiteral("empty"))->lastActivity, 0);
        QVERIFY(!s.conversation(QStringLiteral("nobody")));
        QCOMPARE(s.messageCount(QStringLiteral("nobody")), 0);
        s.ensureConversation(QString(), QString()); // ignored, no crash
        QCOMPARE(s.conversations().size(), 4);
    }

    void settingsRoundTrip()
    {
        LocalStore &s = *m_store;
        QCOMPARE(s.setting(QStringLiteral("k"), QStringLiteral("fb")), QStringLiteral("fb"));
        s.setSetting(QStringLiteral("k"), QStringLiteral("v1"));
        QCOMPARE(s.setting(QStringLiteral("k")), QStringLiteral("v1"));
        s.setSetting(QStringLiteral("k"), QStringLiteral("v2"));
        QCOMPARE(s.setting(QStringLiteral("k"), QStringLiteral("fb")), QStringLiteral("v2"));
        s.setSetting(QStringLiteral("empty"), QString());
        QCOMPARE(s.setting(QStringLiteral("empty"), QStringLiteral("fb")), QString());
    }

    void deletedRowsAreOverwritten()
    {
        // Issue 22.12: deleted sessions, prekeys and messages must not linger in free pages.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LocalStore s(dir.filePath(QStringLiteral("linnet.db")));
        QVERIFY(s.open().ok());
        QSqlQuery q(s.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA secure_delete")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void persistsAcrossReopen()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("linnet.db"));
        const ChatMessage out = outgoing(kBob, QStringLiteral("pending"), 10);
        const ChatMessage in = incoming(kBob, 1, QStringLiteral("hello"), 5);
        {
            LocalStore s(file);
            QVERIFY(s.open().ok());
            QSqlQuery q(s.database());
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            q.finish();
            QVERIFY(s.addIncoming(in, 12).value());
            QVERIFY(s.addOutgoing(out, "wire").ok());
            s.setSetting(QStringLiteral("username"), kMe);
        }
        LocalStore s(file);
        QVERIFY(s.open().ok());
        QCOMPARE(s.message(in.id).value(), in);
        QCOMPARE(s.message(out.id).value(), out);
        QCOMPARE(s.outbox().size(), 1);
        QCOMPARE(s.outbox()[0].body, QByteArrayLiteral("wire"));
        const auto conv = s.conversation(kBob).value();
        QCOMPARE(conv.unread, 1);
        QCOMPARE(conv.serverId, 12);
        QCOMPARE(conv.lastMessage, QStringLiteral("pending"));
        QCOMPARE(s.setting(QStringLiteral("username")), kMe);
        QCOMPARE(idsOf(s.messages(kBob, 10)), (QList<MessageId>{in.id, out.id}));
    }

    void twoStoresAreIndependent()
    {
        LocalStore other(QStringLiteral(":memory:"));
        QVERIFY(other.open().ok());
        QVERIFY(other.open().ok()); // a second open is harmless
        QVERIFY(m_store->addOutgoing(outgoing(kBob, QStringLiteral("x"), 1), "x").ok());
        QCOMPARE(other.messageCount(kBob), 0);
        QVERIFY(other.database().connectionName() != m_store->database().connectionName());
    }

private:
    std::unique_ptr<LocalStore> m_store;
};

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
