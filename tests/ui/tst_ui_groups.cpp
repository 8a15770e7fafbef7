// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats in the desktop app against the real server, offscreen: creating a
// group from the main window, writing in it, the sender's name on incoming
// bubbles, membership events worded for the reader, "message info" following
// delivered and read receipts, and the group info dialog's changes and refusals.
#include "Profile.h"
#include "ComposeEdit.h"
#include "models/ConversationListModel.h"
#include "ConversationView.h"
#include "ChatListDelegate.h"
#include "models/ConversationListModel.h"
#include "GroupInfoDialog.h"
#include "GroupTexts.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "MessageInfoDialog.h"
#include "models/MessageInfoModel.h"
#include "models/MessageModel.h"
#include "NewGroupDialog.h"
#include "e2e/PassphraseSecretStore.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "UiSessions.h"
#include "Translations.h"
#include "UiAudit.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using namespace linnet::ui;
using namespace linnet::test::audit;

class TstUiGroups : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_alice = m_ui.session(QStringLiteral("alice.grp"));
        m_bob = m_ui.session(QStringLiteral("bob.grp"));
        m_carol = m_ui.session(QStringLiteral("carol.grp"));
        QVERIFY(m_alice && m_bob && m_carol);
        for (Profile *s : {m_alice.get(), m_bob.get(), m_carol.get()})
            QTRY_COMPARE_WITH_TIMEOUT(s->client().state(), ConnectionState::Online, 20000);
        m_window = std::make_unique<MainWindow>(*m_alice);
        m_window->resize(1000, 680);
        activate(m_window.get());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_alice.reset();
        m_bob.reset();
        m_carol.reset();
        m_ui.stop();
    }

    void newGroupDialogValidates()
    {
        NewGroupDialog dialog(QStringLiteral("alice.grp"));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no name yet
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Climbing"));
        QVERIFY(ok->isEnabled()); // a group of one is allowed
        QTest::keyClicks(dialog.membersEdit(), QStringLiteral("Bob.Grp, carol.grp bob.grp, x"));
        QVERIFY(!ok->isEnabled()); // "x" is too short for a username
        dialog.membersEdit()->setText(QStringLiteral("Bob.Grp, carol.grp bob.grp;alice.grp"));
        QVERIFY(ok->isEnabled());
        // Lower-cased, duplicates and oneself left out.
        QCOMPARE(dialog.members(),
                 (QStringList{QStringLiteral("bob.grp"), QStringLiteral("carol.grp")}));
        QCOMPARE(dialog.groupName(), QStringLiteral("Climbing"));
        activate(&dialog);
        QVERIFY_NONE(unnamedControls(&dialog));
        QVERIFY_NONE(notReachedByTab(&dialog));
    }

    void createAndWrite()
    {
        m_window->createGroup(QStringLiteral("Team 🐦"),
                              {QStringLiteral("bob.grp"), QStringLiteral("carol.grp")});
        QTRY_VERIFY_WITH_TIMEOUT(isGroupKey(m_window->currentConversation()), 20000);
        m_key = m_window->currentConversation();
        ConversationListModel &list = m_alice->conversations();
        const QModelIndex row = list.index(list.rowOf(m_key));
        QCOMPARE(row.data(ConversationListModel::TitleRole).toString(), QStringLiteral("Team 🐦"));
        QVERIFY(row.data(ConversationListModel::IsGroupRole).toBool());

        // The creation is a system message, worded for each reader.
        MessageModel *aliceModel = m_alice->messages(m_key);
        QTRY_VERIFY_WITH_TIMEOUT(aliceModel->rowCount() >= 1, 20000);
        const QModelIndex created = aliceModel->index(0);
        QCOMPARE(created.data(MessageModel::KindRole).toInt(), int(MessageKind::GroupEvent));
        auto *delegate = qobject_cast<MessageDelegate *>(
            m_window->conversationView()->messageList()->itemDelegate());
        QVERIFY(delegate);
        QCOMPARE(delegate->displayText(
                     m_window->conversationView()->messageList()->model()->index(0, 0)),
                 QStringLiteral("You created the group “Team 🐦”"));
        MessageModel *bobModel = m_bob->messages(m_key);
        QTRY_VERIFY_WITH_TIMEOUT(bobModel->rowCount() >= 1, 20000);
        QCOMPARE(GroupTexts::event(bobModel->index(0).data(MessageModel::GroupEventRole).toMap(),
                                   QStringLiteral("bob.grp")),
                 QStringLiteral("alice.grp created the group “Team 🐦”"));

        // The header lists the members, this user last.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->conversationView()->presenceLine(),
            QLocale().createSeparatedList(
                {QStringLiteral("bob.grp"), QStringLiteral("carol.grp"), QStringLiteral("you")}),
            20000);
        QCOMPARE(m_window->conversationView()->infoButton()->accessibleName(),
                 QStringLiteral("Group info"));

        // Typed and sent with Enter: both members get it, and it reaches ✓✓ once both have.
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        compose->setFocus();
        QTest::keyClicks(compose, QStringLiteral("hello team"));
        QTest::keyClick(compose, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(lastText(*m_bob) == QStringLiteral("hello team"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(lastText(*m_carol) == QStringLiteral("hello team"), 20000);
        QCOMPARE(
            bobModel->index(bobModel->rowCount() - 1).data(MessageModel::SenderRole).toString(),
            QStringLiteral("alice.grp"));
        QTRY_COMPARE_WITH_TIMEOUT(
            aliceModel->index(aliceModel->rowCount() - 1).data(MessageModel::StateRole).toInt(),
            int(DeliveryState::Delivered), 20000);
    }

    void messageInfoFollowsReceipts()
    {
        QVERIFY(!m_key.isEmpty());
        MessageModel *aliceModel = m_alice->messages(m_key);
        const QModelIndex last = aliceModel->index(aliceModel->rowCount() - 1);
        const auto id = protocol::MessageId::fromHex(last.data(MessageModel::IdRole).toString());
        QVERIFY(id);
        MessageInfoDialog info(m_alice->messageInfo(*id),
                               last.data(MessageModel::TextRole).toString());
        activate(&info);
        QTRY_COMPARE_WITH_TIMEOUT(
            info.membersIn(int(DeliveryState::Delivered)),
            (QStringList{QStringLiteral("bob.grp"), QStringLiteral("carol.grp")}), 20000);
        QVERIFY(info.membersIn(int(DeliveryState::Read)).isEmpty());

        // Bob reads: he moves to "Read by" while the dialog is open; carol stays.
        m_bob->client().markRead(m_key);
        QTRY_COMPARE_WITH_TIMEOUT(info.membersIn(int(DeliveryState::Read)),
                                  QStringList{QStringLiteral("bob.grp")}, 20000);
        QCOMPARE(info.membersIn(int(DeliveryState::Delivered)),
                 QStringList{QStringLiteral("carol.grp")});
        QVERIFY_NONE(unnamedControls(&info));

        // Once carol has read too, the message shows as read.
        m_carol->client().markRead(m_key);
        QTRY_COMPARE_WITH_TIMEOUT(info.membersIn(int(DeliveryState::Read)).size(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            aliceModel->index(aliceModel->rowCount() - 1).data(MessageModel::StateRole).toInt(),
            int(DeliveryState::Read), 20000);
    }

    void groupInfoChangesMembers()
    {
        QVERIFY(!m_key.isEmpty());
        GroupInfoDialog dialog(m_alice->client(), m_key);
        activate(&dialog);
        QCOMPARE(dialog.memberList()->count(), 3);
        QVERIFY_NONE(unnamedControls(&dialog));
        QVERIFY_NONE(notReachedByTab(&dialog));

        // A user that does not exist: the server's refusal is shown, nothing changes.
        QTest::keyClicks(dialog.addEdit(), QStringLiteral("nobody.here"));
        QVERIFY(dialog.addButton()->isEnabled());
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QCOMPARE(dialog.memberList()->count(), 3);

        // Removing carol: the list follows, and bob reads it worded for him.
        dialog.memberList()->setCurrentRow(rowOf(dialog, QStringLiteral("carol.grp")));
        QVERIFY(dialog.removeButton()->isEnabled());
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.memberList()->count(), 2, 20000);
        MessageModel *bobModel = m_bob->messages(m_key);
        QTRY_VERIFY_WITH_TIMEOUT(
            bobModel->index(bobModel->rowCount() - 1).data(MessageModel::KindRole).toInt() ==
                int(MessageKind::GroupEvent),
            20000);
        QCOMPARE(GroupTexts::event(bobModel->index(bobModel->rowCount() - 1)
                                       .data(MessageModel::GroupEventRole)
                                       .toMap(),
                                   QStringLiteral("bob.grp")),
                 QStringLiteral("alice.grp removed carol.grp"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_carol->client().groups().group(m_key)->member, 20000);

        // A member who is not an admin sees the admin actions disabled.
        GroupInfoDialog bobs(m_bob->client(), m_key);
        bobs.memberList()->setCurrentRow(rowOf(bobs, QStringLiteral("alice.grp")));
        QVERIFY(!bobs.removeButton()->isEnabled());
        QVERIFY(!bobs.addEdit()->isEnabled());
        QVERIFY(bobs.leaveButton()->isEnabled());
    }

    void enterInTheAddFieldDoesNotRenameTheGroup()
    {
        QVERIFY(!m_key.isEmpty());
        GroupInfoDialog dialog(m_alice->client(), m_key);
        activate(&dialog);
        QVERIFY(!dialog.renameButton()->isDefault());
        const auto renames = [this] {
            int n = 0;
            MessageModel *model = m_bob->messages(m_key);
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->index(row)
                        .data(MessageModel::GroupEventRole)
                        .toMap()
                        .value(QStringLiteral("op")) == QStringLiteral("rename"))
                    ++n;
            return n;
        };
        const int before = renames();
        QTest::keyClicks(dialog.addEdit(), QStringLiteral("nobody.there"));
        QTest::keyClick(dialog.addEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        // Another refusal after it: by then every answer to the first Enter is in.
        QTest::keyClicks(dialog.addEdit(), QStringLiteral("nobody.else"));
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("nobody.else")), 20000);
        QCOMPARE(renames(), before);
        QVERIFY(dialog.isVisible());
        // Enter in the name field renames; the same name again tells nobody anything.
        dialog.renameButton()->click();
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QCOMPARE(renames(), before);
    }

    void newGroupStaysOpenUntilTheServerAgrees()
    {
        NewGroupDialog dialog(QStringLiteral("alice.grp"));
        dialog.setCreator(&m_alice->client().groups());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Hikers"));
        QTest::keyClicks(dialog.membersEdit(), QStringLiteral("bob.grp, nobody.zz"));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        // The server does not know nobody.zz: the form stays, with the reason.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QVERIFY2(dialog.errorText().contains(QStringLiteral("nobody.zz")),
                 qPrintable(dialog.errorText()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.groupName(), QStringLiteral("Hikers"));
        QVERIFY(ok->isEnabled());
        // Corrected, it is created and the dialog closes.
        dialog.membersEdit()->setText(QStringLiteral("bob.grp"));
        QVERIFY(dialog.errorText().isEmpty());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(isGroupKey(dialog.createdGroup()));
    }

    void memberCountsAreProperEnglish()
    {
        NewGroupDialog dialog(QStringLiteral("alice.grp"));
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Crew"));
        QLabel *hint = nullptr;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            if (l->accessibleName() == QStringLiteral("Group hint"))
                hint = l;
        QVERIFY(hint);
        dialog.membersEdit()->setText(QStringLiteral("bob.grp"));
        QCOMPARE(hint->text(), QStringLiteral("One member besides you."));
        dialog.membersEdit()->setText(QStringLiteral("bob.grp, carol.grp, dan.grp"));
        QCOMPARE(hint->text(), QStringLiteral("3 members besides you."));
    }

    void theListPreviewWordsGroupEventsAsTheChatDoes()
    {
        // Alice created a group with nobody else: its newest message is her creation.
        NewGroupDialog dialog(QStringLiteral("alice.grp"));
        dialog.setCreator(&m_alice->client().groups());
        dialog.show();
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Solo"));
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.createdGroup().isEmpty(), 20000);
        const QString key = dialog.createdGroup();
        ConversationListModel &list = m_alice->conversations();
        QTRY_VERIFY_WITH_TIMEOUT(list.rowOf(key) >= 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!list.index(list.rowOf(key))
                                      .data(ConversationListModel::LastEventRole)
                                      .toMap()
                                      .isEmpty(),
                                 20000);
        auto *delegate = qobject_cast<ChatListDelegate *>(m_window->chatList()->itemDelegate());
        QVERIFY(delegate);
        QModelIndex found;
        for (int r = 0; r < m_window->chatList()->model()->rowCount(); ++r) {
            const QModelIndex idx = m_window->chatList()->model()->index(r, 0);
            if (idx.data(ConversationListModel::KeyRole).toString() == key)
                found = idx;
        }
        QVERIFY(found.isValid());
        QCOMPARE(delegate->previewText(found), QStringLiteral("You created the group “Solo”"));
        Translations translations;
        QVERIFY(translations.load(QStringLiteral("de")));
        QCOMPARE(delegate->previewText(found),
                 QStringLiteral("Du hast die Gruppe „Solo“ erstellt"));
        translations.load(QStringLiteral("en"));
    }

    void standardButtonsFollowTheLanguage()
    {
        Translations translations;
        QVERIFY(translations.load(QStringLiteral("de")));
        {
            QDialogButtonBox box(QDialogButtonBox::Close | QDialogButtonBox::Cancel);
            QCOMPARE(box.button(QDialogButtonBox::Close)->text(), QStringLiteral("Schließen"));
            QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
        }
        QVERIFY(translations.load(QStringLiteral("es")));
        {
            QDialogButtonBox box(QDialogButtonBox::Close | QDialogButtonBox::Cancel);
            QCOMPARE(box.button(QDialogButtonBox::Close)->text(), QStringLiteral("Cerrar"));
            QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancelar"));
        }
        translations.load(QStringLiteral("en"));
    }

    void eventsInGermanAndSpanish()
    {
        const QVariantMap added{{QStringLiteral("op"), QStringLiteral("add")},
                                {QStringLiteral("by"), QStringLiteral("ana")},
                                {QStringLiteral("user"), QStringLiteral("ben")},
                                {QStringLiteral("name"), QStringLiteral("Crew")}};
        Translations translations;
        QVERIFY(translations.load(QStringLiteral("de")));
        QCOMPARE(GroupTexts::event(added, QStringLiteral("ben")),
                 QStringLiteral("ana hat dich hinzugefügt"));
        QCOMPARE(GroupTexts::event(added, QStringLiteral("ana")),
                 QStringLiteral("Du hast ben hinzugefügt"));
        QVERIFY(translations.load(QStringLiteral("es")));
        QCOMPARE(GroupTexts::event(added, QStringLiteral("cy")),
                 QStringLiteral("ana añadió a ben"));
        translations.load(QStringLiteral("en"));
        QCOMPARE(GroupTexts::event(added, QStringLiteral("cy")), QStringLiteral("ana added ben"));
    }

    void screenshot()
    {
        // For tools/screenshots.sh: the group as alice sees it, with a reply from bob.
        const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LINNET_SCREENSHOT_DIR not set");
        m_bob->client().sendText(m_key, QStringLiteral("I'll bring the rope 🧗"));
        QTRY_COMPARE_WITH_TIMEOUT(lastText(*m_alice), QStringLiteral("I'll bring the rope 🧗"),
                                  20000);
        m_window->selectConversation(m_key);
        QTest::qWait(100);
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(QDir(dir).filePath(QStringLiteral("group.png"))));
    }

private:
    QString lastText(Profile &session) const
    {
        MessageModel *m = session.messages(m_key);
        return m->rowCount() == 0
                   ? QString()
                   : m->index(m->rowCount() - 1).data(MessageModel::TextRole).toString();
    }

    static int rowOf(const GroupInfoDialog &dialog, const QString &user)
    {
        for (int i = 0; i < dialog.memberList()->count(); ++i)
            if (dialog.memberList()->item(i)->text().startsWith(user))
                return i;
        return -1;
    }

    test::UiTestServer m_ui;
    std::unique_ptr<Profile> m_alice, m_bob, m_carol;
    std::unique_ptr<MainWindow> m_window;
    QString m_key;
};

QTEST_MAIN(TstUiGroups)
#include "tst_ui_groups.moc"
