// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConversationListModel.h"
#include "media/AttachmentStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using linnet::protocol::MessageId;

namespace {
constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;
}

class TestConversationListModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    QHash<QString, quint64> m_seq; ///< per conversation

    void incoming(const QString &from, qint64 at, qint64 serverConv)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = from;
        m.sender = from;
        m.text = QStringLiteral("hi from %1").arg(from);
        m.seq = ++m_seq[from];
        m.sentAt = at;
        m.state = DeliveryState::Delivered;
        QVERIFY(m_store->addIncoming(m, serverConv));
    }

    void outgoing(const QString &to, const QString &text, qint64 at)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = to;
        m.sender = QStringLiteral("me");
        m.outgoing = true;
        m.text = text;
        m.sentAt = at;
        QVERIFY(m_store->addOutgoing(m, QByteArrayLiteral("body")));
    }

    static QStringList order(const ConversationListModel &model)
    {
        QStringList keys;
        for (int i = 0; i < model.rowCount(); ++i)
            keys << model.index(i).data(ConversationListModel::KeyRole).toString();
        return keys;
    }

    static QVariant roleOf(const ConversationListModel &model, const QString &key, int role)
    {
        return model.index(model.rowOf(key)).data(role);
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("t.db")));
        QVERIFY(m_store->open());
        m_seq.clear();
    }

    void anAttachmentIsPreviewedByItsKindAndCaption_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("caption");
        QTest::addColumn<QString>("preview");
        using linnet::protocol::FileKind;
        QTest::newRow("photo") << int(FileKind::Image) << QString() << QStringLiteral("📷 Photo");
        QTest::newRow("photo with caption") << int(FileKind::Image) << QStringLiteral("the beach")
                                            << QStringLiteral("📷 Photo · the beach");
        QTest::newRow("video") << int(FileKind::Video) << QString() << QStringLiteral("🎥 Video");
        QTest::newRow("audio") << int(FileKind::Audio) << QString() << QStringLiteral("🎵 Audio");
        QTest::newRow("voice") << int(FileKind::Voice) << QString()
                               << QStringLiteral("🎤 Voice message");
        QTest::newRow("file") << int(FileKind::File) << QString() << QStringLiteral("📄 report.pdf");
    }
    void anAttachmentIsPreviewedByItsKindAndCaption()
    {
        QFETCH(int, kind);
        QFETCH(QString, caption);
        QFETCH(QString, preview);
        incoming(QStringLiteral("ana"), 1000, 1);
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = QStringLiteral("ana");
        m.sender = QStringLiteral("ana");
        m.text = caption;
        m.seq = ++m_seq[QStringLiteral("ana")];
        m.sentAt = 2000;
        m.state = DeliveryState::Delivered;
        m.kind = MessageKind::File;
        linnet::protocol::FileRef f;
        f.blob = QByteArray(16, 'b');
        f.key = QByteArray(32, 'k');
        f.size = 10;
        f.cipherSize = 51;
        f.mime = QStringLiteral("application/pdf");
        f.name = QStringLiteral("report.pdf");
        f.kind = linnet::protocol::FileKind(kind);
        QVERIFY(m_store->addIncoming(m, 1, AttachmentStore::incoming(m.id, f)));
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(
            roleOf(model, QStringLiteral("ana"), ConversationListModel::LastMessageRole).toString(),
            preview);
        // A text after it is previewed as text again.
        incoming(QStringLiteral("ana"), 3000, 1);
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(
            roleOf(model, QStringLiteral("ana"), ConversationListModel::LastMessageRole).toString(),
            QStringLiteral("hi from ana"));
    }

    void loadsNewestFirstWithRoles()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        incoming(QStringLiteral("ben.castro"), 3000, 2);
        incoming(QStringLiteral("cleo"), 2000, 3);
        outgoing(QStringLiteral("dan"), QStringLiteral("hello dan"), 500);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben.castro"), QStringLiteral("cleo"),
                                            QStringLiteral("ana"), QStringLiteral("dan")}));
        const QModelIndex ben = model.index(0);
        QCOMPARE(ben.data(Qt::DisplayRole).toString(), QStringLiteral("ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::TitleRole).toString(),
                 QStringLiteral("ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::PeerRole).toString(),
                 QStringLiteral("ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::LastMessageRole).toString(),
                 QStringLiteral("hi from ben.castro"));
        QCOMPARE(ben.data(ConversationListModel::LastActivityRole).toLongLong(), 3000);
        QCOMPARE(ben.data(ConversationListModel::UnreadRole).toInt(), 1);
        QCOMPARE(ben.data(ConversationListModel::OnlineRole).toBool(), false);
        QCOMPARE(ben.data(ConversationListModel::LastSeenRole).toLongLong(), 0);
        QCOMPARE(ben.data(ConversationListModel::TypingRole).toBool(), false);
        QCOMPARE(ben.data(ConversationListModel::InitialsRole).toString(), QStringLiteral("BC"));
        QCOMPARE(roleOf(model, QStringLiteral("dan"), ConversationListModel::UnreadRole).toInt(),
                 0); // own messages are not unread
        QCOMPARE(
            roleOf(model, QStringLiteral("dan"), ConversationListModel::LastMessageRole).toString(),
            QStringLiteral("hello dan"));
        QCOMPARE(model.totalUnread(), 3);

        const auto names = model.roleNames();
        QCOMPARE(int(ConversationListModel::KeyRole), Qt::UserRole + 1);
        QCOMPARE(names.value(ConversationListModel::UnreadRole), QByteArray("unread"));
        QCOMPARE(names.value(ConversationListModel::InitialsRole), QByteArray("initials"));
        QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    }

    void refreshMovesAndInserts()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        incoming(QStringLiteral("ben"), 2000, 2);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy unread(&model, &ConversationListModel::totalUnreadChanged);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben"), QStringLiteral("ana")}));

        incoming(QStringLiteral("ana"), 5000, 1); // ana writes again: she moves to the top
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("ben")}));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toInt(), 2);
        QCOMPARE(model.index(0).data(ConversationListModel::LastActivityRole).toLongLong(), 5000);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread.last().first().toInt(), 3);

        incoming(QStringLiteral("cleo"), 4000, 3); // a new conversation lands in the middle
        model.refreshConversation(QStringLiteral("cleo"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("cleo"),
                                            QStringLiteral("ben")}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.last().at(1).toInt(), 1);
        QCOMPARE(unread.last().first().toInt(), 4);

        incoming(QStringLiteral("ben"), 9000, 2); // from the bottom to the top
        model.refreshConversation(QStringLiteral("ben"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben"), QStringLiteral("ana"),
                                            QStringLiteral("cleo")}));
        QCOMPARE(moved.size(), 2);

        // Nothing changed: no move, no unread signal.
        const auto unreadSignals = unread.size();
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(moved.size(), 2);
        QCOMPARE(unread.size(), unreadSignals);

        // A conversation the store does not know: nothing happens.
        model.refreshConversation(QStringLiteral("nobody"));
        QCOMPARE(model.rowCount(), 3);
    }

    void unreadFollowsTheStore()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        incoming(QStringLiteral("ana"), 1100, 1);
        incoming(QStringLiteral("ben"), 2000, 2);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy unread(&model, &ConversationListModel::totalUnreadChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.totalUnread(), 3);

        QVERIFY(m_store->markViewed(QStringLiteral("ana")));
        model.refreshConversation(QStringLiteral("ana"));
        QCOMPARE(roleOf(model, QStringLiteral("ana"), ConversationListModel::UnreadRole).toInt(),
                 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.last().at(0).toModelIndex(),
                 model.index(model.rowOf(QStringLiteral("ana"))));
        QCOMPARE(model.totalUnread(), 1);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread.last().first().toInt(), 1);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ben"), QStringLiteral("ana")}));

        QVERIFY(m_store->markViewed(QStringLiteral("ben")));
        model.refreshConversation(QStringLiteral("ben"));
        QCOMPARE(unread.size(), 2);
        QCOMPARE(unread.last().first().toInt(), 0);
        QCOMPARE(model.totalUnread(), 0);
    }

    void tiesKeepTheStoreOrder()
    {
        m_store->ensureConversation(QStringLiteral("cleo"), QStringLiteral("cleo"));
        m_store->ensureConversation(QStringLiteral("ana"), QStringLiteral("ana"));
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("cleo")}));
        m_store->ensureConversation(QStringLiteral("ben"), QStringLiteral("ben"));
        model.refreshConversation(QStringLiteral("ben"));
        QCOMPARE(order(model), (QStringList{QStringLiteral("ana"), QStringLiteral("ben"),
                                            QStringLiteral("cleo")}));
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        model.refreshConversation(QStringLiteral("ana")); // unchanged: stays first
        model.refreshConversation(QStringLiteral("cleo"));
        QCOMPARE(moved.size(), 0);
        const QStringList incremental = order(model);
        model.reload();
        QCOMPARE(order(model), incremental);
    }

    void presenceAndTyping()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPresence(QStringLiteral("ana"), true, 0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(
            changed.last().at(2).value<QList<int>>().contains(ConversationListModel::OnlineRole));
        QVERIFY(model.index(0).data(ConversationListModel::OnlineRole).toBool());
        model.setPresence(QStringLiteral("ana"), true, 0); // the same again: no signal
        QCOMPARE(changed.size(), 1);

        model.setTyping(QStringLiteral("ana"), true);
        QCOMPARE(changed.size(), 2);
        QVERIFY(
            changed.last().at(2).value<QList<int>>().contains(ConversationListModel::TypingRole));
        QVERIFY(model.index(0).data(ConversationListModel::TypingRole).toBool());
        model.setTyping(QStringLiteral("ana"), false);
        QVERIFY(!model.index(0).data(ConversationListModel::TypingRole).toBool());

        model.setPresence(QStringLiteral("ana"), false, 777);
        QVERIFY(!model.index(0).data(ConversationListModel::OnlineRole).toBool());
        QCOMPARE(model.index(0).data(ConversationListModel::LastSeenRole).toLongLong(), 777);

        // Presence and typing of someone without a row yet are kept for when it appears.
        const auto before = changed.size();
        model.setPresence(QStringLiteral("ben"), true, 0);
        model.setTyping(QStringLiteral("ben"), true);
        QCOMPARE(changed.size(), before); // no row, no signal
        incoming(QStringLiteral("ben"), 2000, 2);
        model.refreshConversation(QStringLiteral("ben"));
        QVERIFY(roleOf(model, QStringLiteral("ben"), ConversationListModel::OnlineRole).toBool());
        QVERIFY(roleOf(model, QStringLiteral("ben"), ConversationListModel::TypingRole).toBool());

        // A reload keeps what is known about the peers.
        model.reload();
        QVERIFY(roleOf(model, QStringLiteral("ben"), ConversationListModel::OnlineRole).toBool());
        QCOMPARE(
            roleOf(model, QStringLiteral("ana"), ConversationListModel::LastSeenRole).toLongLong(),
            777);
    }

    void reloadPicksUpEverything()
    {
        incoming(QStringLiteral("ana"), 1000, 1);
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy unread(&model, &ConversationListModel::totalUnreadChanged);
        incoming(QStringLiteral("ben"), 2000, 2);
        incoming(QStringLiteral("cleo"), 3000, 3);
        QCOMPARE(model.rowCount(), 1); // not refreshed yet
        model.reload();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(order(model), (QStringList{QStringLiteral("cleo"), QStringLiteral("ben"),
                                            QStringLiteral("ana")}));
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread.last().first().toInt(), 3);
    }

    void initials()
    {
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("al")), QStringLiteral("A"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("ana")), QStringLiteral("A"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("ana.maria")),
                 QStringLiteral("AM"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("x_y-z")), QStringLiteral("XY"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("42")), QStringLiteral("4"));
        QCOMPARE(ConversationListModel::initialsOf(QString()), QString());
        // Group names: no half of an emoji, letters beyond Latin-1 kept whole.
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("Team 🐦")), QStringLiteral("T"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("🐦 Birds of Prey")),
                 QStringLiteral("BO"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("équipe ögon")),
                 QStringLiteral("ÉÖ"));
        QCOMPARE(ConversationListModel::initialsOf(QStringLiteral("𝒜lpha beta")),
                 QStringLiteral("𝒜B"));

        m_store->ensureConversation(QStringLiteral("ana.maria"), QStringLiteral("ana.maria"));
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.index(0).data(ConversationListModel::InitialsRole).toString(),
                 QStringLiteral("AM"));
    }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
