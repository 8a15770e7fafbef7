// SPDX-License-Identifier: GPL-3.0-or-later
// Groups in the item models: the chat list shows a group by its name, with the
// typing members and without anyone's presence; the message model gives the
// sender of each group message and the structured membership events.
#include "models/ConversationListModel.h"
#include "groups/LocalGroupStore.h"
#include "store/LocalStore.h"
#include "models/MessageInfoModel.h"
#include "models/MessageModel.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;

namespace {
constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;
}

class TestGroupModels : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

    void event(quint64 seq, GroupOp op, const QString &by, const QString &user, const QString &name)
    {
        LocalGroupStore groups(*m_store);
        const GroupEvent e{seq, 7, seq, by, op, user, name, qint64(100 * seq)};
        QVERIFY(groups.addEvent(e, QStringLiteral("me"), QStringLiteral("fallback %1").arg(seq)));
    }

    void message(quint64 seq, const QString &from, const QString &text)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = groupKey(7);
        m.sender = from;
        m.text = text;
        m.seq = seq;
        m.sentAt = qint64(100 * seq);
        m.state = DeliveryState::Delivered;
        QVERIFY(m_store->addIncoming(m, 7));
    }

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

    void chatListShowsGroupsByName()
    {
        event(1, GroupOp::Create, QStringLiteral("ana"), {}, QStringLiteral("ben"));
        ChatMessage direct;
        direct.id = MessageId::generate();
        direct.conversation = QStringLiteral("ben");
        direct.sender = QStringLiteral("ben");
        direct.text = QStringLiteral("hi");
        direct.seq = 1;
        direct.sentAt = 50;
        QVERIFY(m_store->addIncoming(direct, 3));

        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex group = model.index(model.rowOf(groupKey(7)));
        const QModelIndex ben = model.index(model.rowOf(QStringLiteral("ben")));
        // A group named like a user is still the group: its title, not that user's presence.
        QCOMPARE(group.data(ConversationListModel::TitleRole).toString(), QStringLiteral("ben"));
        QVERIFY(group.data(ConversationListModel::IsGroupRole).toBool());
        QVERIFY(!ben.data(ConversationListModel::IsGroupRole).toBool());
        QCOMPARE(group.data(ConversationListModel::LastMessageRole).toString(),
                 QStringLiteral("fallback 1"));
        QCOMPARE(group.data(ConversationListModel::UnreadRole).toInt(), 0); // events are not unread
        model.setPresence(QStringLiteral("ben"), true, 0);
        QVERIFY(ben.data(ConversationListModel::OnlineRole).toBool());
        QVERIFY(!group.data(ConversationListModel::OnlineRole).toBool());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setGroupTyping(groupKey(7), QStringLiteral("cy"), true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(group.data(ConversationListModel::TypingRole).toBool());
        QCOMPARE(group.data(ConversationListModel::TypingUsersRole).toStringList(),
                 QStringList{QStringLiteral("cy")});
        QVERIFY(!ben.data(ConversationListModel::TypingRole).toBool());
        model.setGroupTyping(groupKey(7), QStringLiteral("cy"), true); // no change
        QCOMPARE(changed.size(), 1);
        model.setGroupTyping(groupKey(7), QStringLiteral("cy"), false);
        QVERIFY(!group.data(ConversationListModel::TypingRole).toBool());

        // A rename shows at once after a refresh.
        event(2, GroupOp::Rename, QStringLiteral("ana"), {}, QStringLiteral("crew"));
        model.refreshConversation(groupKey(7));
        QCOMPARE(model.index(model.rowOf(groupKey(7))).data(ConversationListModel::TitleRole),
                 QVariant(QStringLiteral("crew")));
    }

    void messagesShowSenderAndEvents()
    {
        event(1, GroupOp::Create, QStringLiteral("ana"), {}, QStringLiteral("crew"));
        message(2, QStringLiteral("ana"), QStringLiteral("hello"));
        event(3, GroupOp::Add, QStringLiteral("ana"), QStringLiteral("dan"),
              QStringLiteral("crew"));
        message(4, QStringLiteral("dan"), QStringLiteral("hi all"));

        MessageModel model(*m_store, groupKey(7));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(1).data(MessageModel::SenderRole).toString(), QStringLiteral("ana"));
        QCOMPARE(model.index(3).data(MessageModel::SenderRole).toString(), QStringLiteral("dan"));
        QVERIFY(model.index(1).data(MessageModel::GroupEventRole).toMap().isEmpty());
        QCOMPARE(model.index(2).data(MessageModel::KindRole).toInt(), int(MessageKind::GroupEvent));
        const QVariantMap added = model.index(2).data(MessageModel::GroupEventRole).toMap();
        QCOMPARE(added.value(QStringLiteral("op")).toString(), QStringLiteral("add"));
        QCOMPARE(added.value(QStringLiteral("by")).toString(), QStringLiteral("ana"));
        QCOMPARE(added.value(QStringLiteral("user")).toString(), QStringLiteral("dan"));
        QCOMPARE(added.value(QStringLiteral("name")).toString(), QStringLiteral("crew"));
        QCOMPARE(
            model.index(0).data(MessageModel::GroupEventRole).toMap().value(QStringLiteral("op")),
            QVariant(QStringLiteral("create")));
        QVERIFY(model.roleNames().values().contains("groupEvent"));
    }

    void messageInfoListsMembers()
    {
        LocalGroupStore groups(*m_store);
        QVERIFY(groups.ensureGroup(7, QStringLiteral("crew"), 1));
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = groupKey(7);
        m.sender = QStringLiteral("me");
        m.outgoing = true;
        m.text = QStringLiteral("who read this?");
        m.sentAt = 5;
        QVERIFY(m_store->addOutgoing(m, "body"));

        MessageInfoModel info(*m_store, m.id);
        QAbstractItemModelTester tester(&info, kTester);
        QCOMPARE(info.rowCount(), 0); // not sent yet: no recipients
        QVERIFY(m_store->markSent(m.id, 7, 1, 10));
        QVERIFY(groups.setRecipients(m.id, {QStringLiteral("cy"), QStringLiteral("ben")}));
        info.refresh(m.id);
        QCOMPARE(info.rowCount(), 2);
        QCOMPARE(info.index(0).data(MessageInfoModel::MemberRole).toString(),
                 QStringLiteral("ben"));
        QCOMPARE(info.index(0).data(MessageInfoModel::StateNameRole).toString(),
                 QStringLiteral("sent"));
        QCOMPARE(info.deliveredCount(), 0);

        QSignalSpy changed(&info, &QAbstractItemModel::dataChanged);
        groups.noteDelivered({m.id}, QStringLiteral("cy"), 20);
        info.refresh(MessageId::generate()); // another message: nothing happens
        QCOMPARE(changed.size(), 0);
        info.refresh(m.id);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(info.index(1).data(MessageInfoModel::StateNameRole).toString(),
                 QStringLiteral("delivered"));
        QCOMPARE(info.index(1).data(MessageInfoModel::UpdatedAtRole).toLongLong(), 20);
        groups.noteReadUpTo(groupKey(7), QStringLiteral("ben"), 1, 30);
        info.refresh(m.id);
        QCOMPARE(info.deliveredCount(), 2);
        QCOMPARE(info.readCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGroupModels)
#include "tst_groupmodels.moc"
