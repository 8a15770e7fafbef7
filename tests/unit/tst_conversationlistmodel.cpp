// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationListModel.h"
#include "LocalStore.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using linnet::protocol::MessageId;

class TestConversationListModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    quint64 m_seq = 0;

    void incoming(const QString &from, qint64 at, qint64 serverConv)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = from;
        m.sender = from;
        m.text = QStringLiteral("hi from %1").arg(from);
        m.seq = ++m_seq;
        m.sentAt = at;
        m.state = DeliveryState::Delivered;
        QVERIFY(m_store->addIncoming(m, serverConv));
    }

    static QStringList order(const ConversationListModel &model)
    {
        QStringList keys;
        for (int i = 0; i < model.rowCount(); ++i)
            keys << model.index(i).data(ConversationListModel::KeyRole).toString();
        return keys;
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("t.db")));
        QVERIFY(m_store->open());
        m_seq = 0;
    }

    void loadsNewestFirstWithRoles()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        incoming(QStringLiteral("ben.castro"), 3000, 2);
        incoming(QStringLiteral("cleo"), 2000, 3);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben.castro"), QStringLiteral("cleo"),
                                            QStringLiteral("ana")}));
        const QModelIndex ben = model.index(0);
        QCOMPARE(ben.data(Qt::DisplayRole).toString(), QStringLiteral("ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::LastMessageRole).toString(),
                 QStringLiteral("hi from ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::LastActivityRole).toLongLong(), 3000);
        QCOMPARE(ben.data(ConversationListModel::UnreadRole).toInt(), 1);
        QCOMPARE(ben.data(ConversationListModel::InitialsRole).toString(), QStringLiteral("BC"));
        QCOMPARE(model.totalUnread(), 3);
        QVERIFY(model.roleNames().contains(ConversationListModel::UnreadRole));
    }

    void refreshMovesAndInserts()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        incoming(QStringLiteral("ben"), 2000, 2);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy unread(&model, &ConversationListModel::totalUnreadChanged);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben"), QStringLiteral("ana")}));

        incoming(QStringLiteral("ana"), 5000, 1); // ana writes again: she moves to the top
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("ben")}));
        QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toInt(), 2);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread.last().first().toInt(), 3);

        incoming(QStringLiteral("cleo"), 4000, 3); // a new conversation lands in the middle
        model.refreshConversation(QStringLiteral("cleo"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("cleo"),
                                            QStringLiteral("ben")}));

        QVERIFY(m_store->markViewed(QStringLiteral("ana")));
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toInt(), 0);
        QCOMPARE(model.totalUnread(), 2);
        QCOMPARE(unread.last().first().toInt(), 2);

        incoming(QStringLiteral("ben"), 9000, 2); // from the bottom to the top
        model.refreshConversation(QStringLiteral("ben"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben"), QStringLiteral("ana"),
                                            QStringLiteral("cleo")}));
    }

    void presenceAndTyping()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPresence(QStringLiteral("ana"), true, 0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(0).data(ConversationListModel::OnlineRole).toBool());
        model.setTyping(QStringLiteral("ana"), true);
        QVERIFY(model.index(0).data(ConversationListModel::TypingRole).toBool());
        model.setPresence(QStringLiteral("ana"), false, 777);
        QVERIFY(!model.index(0).data(ConversationListModel::OnlineRole).toBool());
        QCOMPARE(model.index(0).data(ConversationListModel::LastSeenRole).toLongLong(), 777);

        // Presence of someone without a row yet is kept for when the row appears.
        model.setPresence(QStringLiteral("ben"), true, 0);
        incoming(QStringLiteral("ben"), 2000, 2);
        model.refreshConversation(QStringLiteral("ben"));
        QVERIFY(model.index(model.rowOf(QStringLiteral("ben")))
                    .data(ConversationListModel::OnlineRole)
                    .toBool());
    }

    void initials()
    {
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("ana")), QStringLiteral("A"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("ana.maria")),
                 QStringLiteral("AM"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("x_y-z")), QStringLiteral("XY"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("42")), QStringLiteral("4"));
    }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
