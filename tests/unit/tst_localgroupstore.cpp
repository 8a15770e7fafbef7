// SPDX-License-Identifier: GPL-3.0-or-later
// LocalGroupStore and SenderKeyStore on a real (temporary) client database: group
// state from events, events stored once and in seq order, joining later is not
// a gap, per-member receipts combine into the message's state, sender keys are
// sealed at rest and read back only with the right state key.
#include "e2e/CryptoStore.h"
#include "groups/GroupMessaging.h"
#include "groups/LocalGroupStore.h"
#include "store/LocalStore.h"
#include "groups/SenderKeyStore.h"
#include "TestBase.h"
#include "crypto/Sodium.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
namespace crypto = linnet::crypto;

namespace {
GroupEvent groupEvent(quint64 seq, GroupOp op, const QString &by, const QString &user = {},
                      const QString &name = QStringLiteral("team"))
{
    return GroupEvent{100 + seq, 9, seq, by, op, user, name, qint64(1000 + seq)};
}

ChatMessage outgoing(quint64 seq)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = groupKey(9);
    m.sender = QStringLiteral("ana");
    m.outgoing = true;
    m.text = QStringLiteral("hi %1").arg(seq);
    m.sentAt = 5;
    return m;
}
} // namespace

class TestLocalGroupStore : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("t.db")));
        QVERIFY(m_store->open());
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void keys()
    {
        QCOMPARE(groupKey(42), QStringLiteral("group:42"));
        QVERIFY(isGroupKey(QStringLiteral("group:42")));
        QVERIFY(!isGroupKey(QStringLiteral("ana")));
        QCOMPARE(groupIdOf(QStringLiteral("group:42")), 42);
        QCOMPARE(groupIdOf(QStringLiteral("group:x")), 0);
        QCOMPARE(groupIdOf(QStringLiteral("ana")), 0);
        QVERIFY(LocalGroupStore::eventMessageId(9, 1) != LocalGroupStore::eventMessageId(9, 2));
        QVERIFY(LocalGroupStore::eventMessageId(9, 1) != LocalGroupStore::eventMessageId(10, 1));
        QCOMPARE(LocalGroupStore::eventMessageId(9, 1), LocalGroupStore::eventMessageId(9, 1));
    }

    void eventsBuildTheStateOnce()
    {
        LocalGroupStore groups(*m_store);
        const QString me = QStringLiteral("ben");
        auto created = groups.addEvent(groupEvent(1, GroupOp::Create, QStringLiteral("ana")), me,
                                       QStringLiteral("ana created"));
        QVERIFY(created && created.value());
        QCOMPARE(created.value()->kind, MessageKind::GroupEvent);
        QCOMPARE(created.value()->seq, 1u);
        // Delivered again (ack lost): stored once, nothing changes.
        auto again = groups.addEvent(groupEvent(1, GroupOp::Create, QStringLiteral("ana")), me,
                                     QStringLiteral("ana created"));
        QVERIFY(again && !again.value());
        QVERIFY(groups.addEvent(
            groupEvent(2, GroupOp::Add, QStringLiteral("ana"), QStringLiteral("cy")), me,
            QStringLiteral("ana added cy")));
        QVERIFY(groups.addEvent(groupEvent(3, GroupOp::MakeAdmin, QStringLiteral("ana"), me), me,
                                QStringLiteral("x")));
        QVERIFY(groups.addEvent(
            groupEvent(4, GroupOp::Rename, QStringLiteral("ana"), {}, QStringLiteral("crew")), me,
            QStringLiteral("renamed")));
        QVERIFY(groups.addEvent(groupEvent(5, GroupOp::Leave, QStringLiteral("cy"),
                                           QStringLiteral("cy"), QStringLiteral("crew")),
                                me, QStringLiteral("cy left")));

        const auto g = groups.group(groupKey(9));
        QVERIFY(g);
        QCOMPARE(g->name, QStringLiteral("crew"));
        QVERIFY(g->member);
        QCOMPARE(groups.memberNames(g->key), (QStringList{QStringLiteral("ana"), me}));
        QVERIFY(g->isAdmin(QStringLiteral("ana")));
        QVERIFY(g->isAdmin(me));
        QCOMPARE(groups.keysNamed(QStringLiteral("crew")), QStringList{g->key});
        QVERIFY(groups.keysNamed(QStringLiteral("team")).isEmpty());

        // The conversation: a group, named, with the events in seq order and no unread.
        const auto c = m_store->conversation(g->key);
        QVERIFY(c && c->isGroup);
        QCOMPARE(c->peer, QStringLiteral("crew"));
        QCOMPARE(c->serverId, 9);
        QCOMPARE(c->contiguousSeq, 5u);
        QCOMPARE(c->unread, 0);
        const auto messages = m_store->messages(g->key, 100);
        QCOMPARE(messages.size(), 5);
        for (int i = 0; i < messages.size(); ++i)
            QCOMPARE(messages.at(i).seq, quint64(i + 1));
        const auto leave = groups.event(messages.last().id);
        QVERIFY(leave);
        QCOMPARE(leave->op, GroupOp::Leave);
        QCOMPARE(leave->by, QStringLiteral("cy"));

        // Removed: no longer a member.
        QVERIFY(groups.addEvent(
            groupEvent(6, GroupOp::Remove, QStringLiteral("ana"), me, QStringLiteral("crew")), me,
            QStringLiteral("removed")));
        QVERIFY(!groups.group(g->key)->member);
        QCOMPARE(groups.lastEventSeq(g->key), 6u);
        QCOMPARE(groups.lastEventSeq(groupKey(1234)), 0u);
        QCOMPARE(groups.memberNames(g->key), QStringList{QStringLiteral("ana")});
    }

    void joiningLaterIsNoGap()
    {
        LocalGroupStore groups(*m_store);
        QVERIFY(groups.addEvent(
            groupEvent(7, GroupOp::Add, QStringLiteral("ana"), QStringLiteral("ben")),
            QStringLiteral("ben"), QStringLiteral("ana added ben")));
        const auto c = m_store->conversation(groupKey(9));
        QVERIFY(c);
        QCOMPARE(c->contiguousSeq, 7u); // 1..6 happened before ben was in
        QCOMPARE(c->maxSeq, 7u);
    }

    void saveGroupReplacesMembers()
    {
        LocalGroupStore groups(*m_store);
        Group g{
            groupKey(9),
            9,
            QStringLiteral("team"),
            {GroupMember{QStringLiteral("ana"), true}, GroupMember{QStringLiteral("ben"), false}},
            true};
        QVERIFY(groups.saveGroup(g, 1));
        g.members = {GroupMember{QStringLiteral("cy"), true}};
        g.name = QStringLiteral("other");
        QVERIFY(groups.saveGroup(g, 2));
        const auto read = groups.group(g.key);
        QVERIFY(read);
        QCOMPARE(*read, g);
        QCOMPARE(groups.groups().size(), 1);
        QVERIFY(!groups.ensureGroup(9, QStringLiteral("ignored"), 3));
        QCOMPARE(groups.groupById(9)->name, QStringLiteral("other"));
        QCOMPARE(m_store->conversation(g.key)->peer, QStringLiteral("other"));
    }

    void receiptsCombinePerMember()
    {
        LocalGroupStore groups(*m_store);
        QVERIFY(groups.ensureGroup(9, QStringLiteral("team"), 1));
        ChatMessage m = outgoing(1);
        QVERIFY(m_store->addOutgoing(m, "body"));
        QVERIFY(m_store->markSent(m.id, 9, 1, 10));
        QVERIFY(!groups.combinedState(m.id)); // no recipients recorded yet
        // A receipt can overtake the recipients (the ack).
        QCOMPARE(groups.noteDelivered({m.id}, QStringLiteral("ben"), 11), QList<MessageId>{m.id});
        QVERIFY(groups.setRecipients(m.id, {QStringLiteral("ben"), QStringLiteral("cy")}));
        QCOMPARE(groups.combinedState(m.id), DeliveryState::Sent);
        // Twice from ben's second device: idempotent.
        QVERIFY(groups.noteDelivered({m.id}, QStringLiteral("ben"), 12).isEmpty());
        QCOMPARE(groups.combinedState(m.id), DeliveryState::Sent);
        QCOMPARE(groups.noteDelivered({m.id}, QStringLiteral("cy"), 13), QList<MessageId>{m.id});
        QCOMPARE(groups.combinedState(m.id), DeliveryState::Delivered);

        QCOMPARE(groups.noteReadUpTo(groupKey(9), QStringLiteral("cy"), 1, 14),
                 QList<MessageId>{m.id});
        QCOMPARE(groups.combinedState(m.id), DeliveryState::Delivered);
        QVERIFY(groups.noteReadUpTo(groupKey(9), QStringLiteral("cy"), 1, 15).isEmpty());
        // Delivered after read does not go back.
        QVERIFY(groups.noteDelivered({m.id}, QStringLiteral("cy"), 16).isEmpty());
        QCOMPARE(groups.noteReadUpTo(groupKey(9), QStringLiteral("ben"), 5, 17),
                 QList<MessageId>{m.id});
        QCOMPARE(groups.combinedState(m.id), DeliveryState::Read);

        const auto list = groups.receipts(m.id);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0), (MemberReceipt{QStringLiteral("ben"), DeliveryState::Read, 17}));
        QCOMPARE(list.at(1), (MemberReceipt{QStringLiteral("cy"), DeliveryState::Read, 14}));
        // A message not sent to anyone: no receipts, no state change.
        QVERIFY(groups.noteDelivered({MessageId::generate()}, QStringLiteral("ben"), 1).isEmpty());
    }

    void senderKeysAreSealed()
    {
        CryptoStore crypto(*m_store);
        crypto.setStateKey(crypto::randomBytes(32));
        SenderKeyStore keys(*m_store, crypto);
        QVERIFY(!keys.ownKey(9));
        auto own = crypto::OwnSenderKey::generate();
        QVERIFY(keys.saveOwnKey(9, own, 1));
        const QByteArray ad = GroupMessaging::associatedData(9, 3, QStringLiteral("ana"));
        const auto first = own.encrypt("one", ad);
        QVERIFY(first);
        QVERIFY(keys.saveOwnKey(9, own, 2));
        const auto loaded = keys.ownKey(9);
        QVERIFY(loaded);
        QCOMPARE(loaded->keyId(), own.keyId());
        QCOMPARE(loaded->iteration(), 1u);

        // What a member keeps, read back and used.
        auto received = keys.received(9, QStringLiteral("ana"), 3);
        QVERIFY(received.keyIds().isEmpty());
        QVERIFY(received.add(loaded->distribution()));
        QVERIFY(keys.saveReceived(9, QStringLiteral("ana"), 3, received, 3));
        auto again = keys.received(9, QStringLiteral("ana"), 3);
        auto later = *loaded;
        const auto second = later.encrypt("two", ad);
        QVERIFY(second);
        QCOMPARE(again.decrypt(second.value(), ad).value(), QByteArray("two"));
        // From the distribution on only; another group's associated data fails.
        QVERIFY(!again.decrypt(first.value(), ad));
        QVERIFY(!again.decrypt(second.value(),
                               GroupMessaging::associatedData(8, 3, QStringLiteral("ana"))));

        // Nothing readable in the file, and nothing without the right state key.
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT record FROM own_sender_keys")) && q.next());
        QVERIFY(!q.value(0).toByteArray().contains(own.serialize().mid(9, 32)));
        CryptoStore otherKey(*m_store);
        otherKey.setStateKey(crypto::randomBytes(32));
        SenderKeyStore wrong(*m_store, otherKey);
        QVERIFY(!wrong.ownKey(9));
        QVERIFY(wrong.received(9, QStringLiteral("ana"), 3).keyIds().isEmpty());

        // Holders belong to a key id; rotation forgets key and holders.
        QVERIFY(keys.addHolders(9, own.keyId(), {{QStringLiteral("ben"), 4}}));
        QCOMPARE(keys.holders(9, own.keyId()).size(), 1);
        QVERIFY(keys.holders(9, own.keyId() + 1).isEmpty());
        QVERIFY(keys.dropOwnKey(9));
        QVERIFY(!keys.ownKey(9));
        QVERIFY(keys.holders(9, own.keyId()).isEmpty());
    }

    void payloadNamesTheGroup()
    {
        const auto key = crypto::OwnSenderKey::generate();
        const QByteArray p = GroupMessaging::distributionPayload(9, key.distribution());
        QCOMPARE(p.size(), 1 + 8 + crypto::SenderKeyDistribution::kEncodedSize);
        QCOMPARE(quint8(p.at(0)), 1);
        QCOMPARE(p.mid(1, 8), QByteArray::fromHex("0000000000000009"));
        const QByteArray ad = GroupMessaging::associatedData(9, 3, QStringLiteral("ana"));
        QCOMPARE(ad, QByteArray::fromHex("0000000000000009") +
                         QByteArray::fromHex("0000000000000003") + char(3) + "ana");
    }
};

QTEST_GUILESS_MAIN(TestLocalGroupStore)
#include "tst_localgroupstore.moc"
