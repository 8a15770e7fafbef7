// SPDX-License-Identifier: GPL-3.0-or-later
// The main window against the real server, offscreen: send from the compose
// box, Shift+Enter, unread counts and the window title, read-on-view, the
// connection banner across a server restart. Plus the small widgets' rules.
#include "Profile.h"
#include "ComposeEdit.h"
#include "ConnectionBanner.h"
#include "DeviceNoticeBanner.h"
#include "ContactInfoDialog.h"
#include "models/ConversationListModel.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "store/LocalStore.h"
#include "models/MessageModel.h"
#include "NewChatDialog.h"
#include "e2e/PassphraseSecretStore.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "UiSessions.h"
#include "Theme.h"
#include "TrayNotifier.h"
#include "UiSettings.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiMainWindow : public QObject {
    Q_OBJECT

private:
    UiTestServer m_ui;
    std::unique_ptr<Profile> m_alice;
    std::unique_ptr<Profile> m_bob;
    std::unique_ptr<MainWindow> m_window;
    QString m_aliceName;
    QString m_bobName;

    int unreadOf(Profile &session, const QString &key)
    {
        ConversationListModel &list = session.conversations();
        const int row = list.rowOf(key);
        return row < 0 ? -1 : list.index(row).data(ConversationListModel::UnreadRole).toInt();
    }

    /** Text of the newest message of @p conversation in @p session's model. */
    static QString lastText(Profile &session, const QString &conversation)
    {
        MessageModel *m = session.messages(conversation);
        return m->rowCount() == 0
                   ? QString()
                   : m->index(m->rowCount() - 1).data(MessageModel::TextRole).toString();
    }

    void screenshot(const QString &name)
    {
        const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(QDir(dir).filePath(name)));
    }

    void activate()
    {
        m_window->activateWindow();
        QApplication::setActiveWindow(m_window.get());
        QTRY_VERIFY(m_window->isActiveWindow());
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_aliceName = QStringLiteral("alice.ui");
        m_bobName = QStringLiteral("bob.ui");
        m_alice = m_ui.session(m_aliceName);
        m_bob = m_ui.session(m_bobName);
        QVERIFY(m_alice && m_bob);
        QTRY_COMPARE(m_alice->client().state(), ConnectionState::Online);
        QTRY_COMPARE(m_bob->client().state(), ConnectionState::Online);

        m_window = std::make_unique<MainWindow>(*m_alice);
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        activate();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_alice.reset();
        m_bob.reset();
        m_ui.stop();
    }

    void sendFromComposeBox()
    {
        QSignalSpy bobGot(&m_bob->client(), &ChatClient::messageAdded);
        m_window->openChat(m_bobName);
        QCOMPARE(m_window->currentConversation(), m_bobName);
        QCOMPARE(m_window->conversationView()->conversation(), m_bobName);
        QVERIFY(m_alice->conversations().rowOf(m_bobName) >= 0);
        const QModelIndex current = m_window->chatList()->currentIndex();
        QCOMPARE(current.data(ConversationListModel::KeyRole).toString(), m_bobName);

        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        QTest::keyClicks(compose, QStringLiteral("hello bob"));
        QCOMPARE(compose->toPlainText(), QStringLiteral("hello bob"));
        QTest::keyClick(compose, Qt::Key_Return);
        QCOMPARE(compose->toPlainText(), QString());

        QTRY_VERIFY_WITH_TIMEOUT(bobGot.count() >= 1, 15000);
        QCOMPARE(bobGot.last().at(0).value<ChatMessage>().text, QStringLiteral("hello bob"));
        QCOMPARE(bobGot.last().at(0).value<ChatMessage>().sender, m_aliceName);

        MessageModel *model = m_alice->messages(m_bobName);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0).data(MessageModel::TextRole).toString(),
                 QStringLiteral("hello bob"));
        QVERIFY(model->index(0).data(MessageModel::OutgoingRole).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(model->index(0).data(MessageModel::StateRole).toInt(),
                                  int(DeliveryState::Delivered), 15000);
        // The view shows the model the session keeps current.
        QCOMPARE(m_window->conversationView()->messageList()->model()->rowCount(), 1);
    }

    void contactInfoShowsSafetyNumberAndVerifies()
    {
        m_window->openChat(m_bobName);
        auto *button = m_window->conversationView()->findChild<QToolButton *>(
            QStringLiteral("contactInfoButton"));
        QVERIFY(button);
        const QString number = m_alice->client().safetyNumber(m_bobName);
        QCOMPARE(number.size(), 60); // after sendFromComposeBox both know each other's keys
        QCOMPARE(m_bob->client().safetyNumber(m_aliceName), number);

        QString shown, statusBefore, statusAfter;
        bool checked = false;
        // The dialog is modal: inspect and drive it from inside its event loop.
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ContactInfoDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            shown = dialog->findChild<QLabel *>(QStringLiteral("safetyNumber"))->text();
            auto *status = dialog->findChild<QLabel *>(QStringLiteral("verificationStatus"));
            statusBefore = status->text();
            QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("verifyButton")),
                              Qt::LeftButton);
            statusAfter = status->text();
            checked = true;
            dialog->reject();
        });
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(checked);
        QCOMPARE(shown, ContactInfoDialog::formatSafetyNumber(number));
        QCOMPARE(shown.split(QLatin1Char('\n')).size(), 4);
        QCOMPARE(statusBefore, QStringLiteral("Not verified"));
        QCOMPARE(statusAfter, QStringLiteral("✓ Verified"));
        QVERIFY(m_alice->client().isVerified(m_bobName));
        m_alice->client().setVerified(m_bobName, false);
        QVERIFY(!m_alice->client().isVerified(m_bobName));
    }

    void trayNotifiesWhileAwayAndBadgesUnread()
    {
        // The logic behind the tray icon, recorded: offscreen there is no tray host.
        struct Recorder : TraySurface {
            QStringList toolTips;
            QList<QPair<QString, QString>> messages;
            int icons = 0;
            void setIcon(const QIcon &) override { ++icons; }
            void setToolTip(const QString &text) override { toolTips << text; }
            void showMessage(const QString &title, const QString &text, const QIcon &) override
            {
                messages.append({title, text});
            }
        };
        auto recorder = std::make_unique<Recorder>();
        Recorder *seen = recorder.get();
        UiSettings settings(m_ui.filePath(QStringLiteral("tray.ini")));
        settings.setNotificationsEnabled(true);
        auto carol = m_ui.session(QStringLiteral("carol.ui"));
        QVERIFY(carol);
        QTRY_COMPARE(carol->client().state(), ConnectionState::Online);
        TrayNotifier tray(*m_bob, settings, std::move(recorder));
        QVERIFY(tray.isActive());
        QVERIFY(!seen->toolTips.isEmpty());
        const int before = int(seen->messages.size());

        // Bob has no window in front: a message from carol notifies and raises the badge.
        carol->client().sendText(QStringLiteral("bob.ui"), QStringLiteral("lunch?"));
        QTRY_COMPARE_WITH_TIMEOUT(int(seen->messages.size()), before + 1, 15000);
        QCOMPARE(seen->messages.last().first, QStringLiteral("carol.ui"));
        QCOMPARE(seen->messages.last().second, QStringLiteral("lunch?"));
        QTRY_VERIFY(seen->toolTips.last().contains(QLatin1String("unread")));
        QVERIFY(seen->icons >= 2);

        // Turned off in settings: still counted, no longer shown.
        settings.setNotificationsEnabled(false);
        carol->client().sendText(QStringLiteral("bob.ui"), QStringLiteral("hello?"));
        QTRY_COMPARE_WITH_TIMEOUT(lastText(*m_bob, QStringLiteral("carol.ui")),
                                  QStringLiteral("hello?"), 15000);
        QCOMPARE(int(seen->messages.size()), before + 1);

        // Everything read: the badge goes away.
        for (const auto &c : m_bob->store().conversations())
            m_bob->client().markRead(c.key);
        QTRY_COMPARE(seen->toolTips.last(), QStringLiteral("Linnet"));
    }

    void whitespaceIsNotSent()
    {
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        QSignalSpy sent(compose, &ComposeEdit::sendRequested);
        QTest::keyClicks(compose, QStringLiteral("   "));
        QTest::keyClick(compose, Qt::Key_Return);
        QCOMPARE(sent.count(), 0);
        QCOMPARE(m_alice->messages(m_bobName)->rowCount(), 1);
        compose->clear();
    }

    void shiftEnterInsertsNewline()
    {
        QSignalSpy bobGot(&m_bob->client(), &ChatClient::messageAdded);
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        MessageModel *model = m_alice->messages(m_bobName);
        const int before = model->rowCount();
        QTest::keyClicks(compose, QStringLiteral("line one"));
        QTest::keyClick(compose, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(compose, QStringLiteral("line two"));
        QCOMPARE(compose->toPlainText(), QStringLiteral("line one\nline two"));
        QCOMPARE(model->rowCount(), before);

        // The send button sends too, line break included.
        auto *send =
            m_window->conversationView()->findChild<QToolButton *>(QStringLiteral("sendButton"));
        QVERIFY(send);
        QCOMPARE(send->accessibleName(), QStringLiteral("Send"));
        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(compose->toPlainText(), QString());
        QCOMPARE(model->rowCount(), before + 1);
        QTRY_VERIFY_WITH_TIMEOUT(bobGot.count() >= 1, 15000);
        QCOMPARE(bobGot.last().at(0).value<ChatMessage>().text,
                 QStringLiteral("line one\nline two"));
    }

    void unreadWhileAnotherChatIsShown()
    {
        activate();
        m_window->openChat(QStringLiteral("carol.ui"));
        QCOMPARE(m_window->currentConversation(), QStringLiteral("carol.ui"));
        QCOMPARE(unreadOf(*m_alice, m_bobName), 0);

        QSignalSpy aliceGot(&m_alice->client(), &ChatClient::messageAdded);
        m_bob->client().sendText(m_aliceName, QStringLiteral("are you there?"));
        m_bob->client().sendText(m_aliceName, QStringLiteral("see https://example.org/x 🙂"));
        QTRY_VERIFY_WITH_TIMEOUT(aliceGot.count() >= 2, 15000);
        QTRY_COMPARE(unreadOf(*m_alice, m_bobName), 2);
        QTRY_VERIFY(m_window->windowTitle().contains(QStringLiteral("(2)")));
        QCOMPARE(m_alice->conversations().totalUnread(), 2);
        screenshot(QStringLiteral("mainwindow-unread.png"));

        // Selecting the chat in an active window reads it.
        QVERIFY(m_window->isActiveWindow());
        m_window->selectConversation(m_bobName);
        QCOMPARE(m_window->conversationView()->conversation(), m_bobName);
        QTRY_COMPARE(unreadOf(*m_alice, m_bobName), 0);
        QTRY_VERIFY(!m_window->windowTitle().contains(QLatin1Char('(')));
        QCOMPARE(lastText(*m_alice, m_bobName), QStringLiteral("see https://example.org/x 🙂"));
        screenshot(QStringLiteral("mainwindow.png"));
    }

    void inactiveWindowDoesNotMarkRead()
    {
        // Another window in front: the open chat is not seen, so it stays unread.
        QWidget other;
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        other.activateWindow();
        QApplication::setActiveWindow(&other);
        QTRY_VERIFY(!m_window->isActiveWindow());
        QTRY_COMPARE(m_alice->currentConversation(), QString());

        QSignalSpy aliceGot(&m_alice->client(), &ChatClient::messageAdded);
        m_bob->client().sendText(m_aliceName, QStringLiteral("while you were away"));
        QTRY_VERIFY_WITH_TIMEOUT(aliceGot.count() >= 1, 15000);
        QTRY_COMPARE(unreadOf(*m_alice, m_bobName), 1);
        QTRY_VERIFY(m_window->windowTitle().contains(QStringLiteral("(1)")));

        other.hide();
        activate();
        QTRY_COMPARE(m_alice->currentConversation(), m_bobName);
        QTRY_COMPARE(unreadOf(*m_alice, m_bobName), 0);
    }

    void copyAndKeyboard()
    {
        QListView *messages = m_window->conversationView()->messageList();
        const int last = messages->model()->rowCount() - 1;
        QVERIFY(last >= 0);
        messages->setFocus();
        messages->setCurrentIndex(messages->model()->index(last, 0));
        QApplication::clipboard()->clear();
        QTest::keyClick(messages, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("while you were away"));

        // Ctrl+F focuses the filter, typing filters, Esc clears it again.
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(m_window->filterEdit()->hasFocus());
        QTest::keyClicks(m_window->filterEdit(), QStringLiteral("carol"));
        QCOMPARE(m_window->chatList()->model()->rowCount(), 1);
        QTest::keyClick(m_window->filterEdit(), Qt::Key_Escape);
        QCOMPARE(m_window->filterEdit()->text(), QString());
        QCOMPARE(m_window->chatList()->model()->rowCount(), 2);
        // The open chat survived the filter hiding it.
        QCOMPARE(m_window->currentConversation(), m_bobName);

        // Ctrl+, asks for settings.
        QSignalSpy settings(m_window.get(), &MainWindow::settingsRequested);
        QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
        QCOMPARE(settings.count(), 1);
    }

    void anUnapprovedDeviceIsToldSoAboveTheChats()
    {
        // Alice's only device made her account key and is approved: no notice.
        DeviceNoticeBanner *notice = m_window->deviceNoticeBanner();
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->client().state(), ConnectionState::Online, 15000);
        QVERIFY(!notice->isVisible());
        // What the engine says on a device nobody approved is shown as it says it.
        const QString reason = QStringLiteral("This device is not approved yet");
        Q_EMIT m_alice->client().deviceNotApproved(reason);
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->text(), reason);
        QVERIFY(!m_window->connectionBanner()->isVisible()); // online all the same
        notice->hide();
    }

    void bannerFollowsConnection()
    {
        ConnectionBanner *banner = m_window->connectionBanner();
        QTRY_VERIFY(!banner->isVisible());
        QCOMPARE(m_ui.server().stop(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QVERIFY2(banner->text() == QStringLiteral("Connecting…") ||
                     banner->text().startsWith(QStringLiteral("Offline")),
                 qPrintable(banner->text()));
        screenshot(QStringLiteral("mainwindow-offline.png"));

        // Written while offline: the clock, then ✓ once the server is back.
        m_window->conversationView()->composeEdit()->setFocus();
        QTest::keyClicks(m_window->conversationView()->composeEdit(), QStringLiteral("later"));
        QTest::keyClick(m_window->conversationView()->composeEdit(), Qt::Key_Return);
        MessageModel *model = m_alice->messages(m_bobName);
        const QModelIndex queued = model->index(model->rowCount() - 1);
        QCOMPARE(queued.data(MessageModel::TextRole).toString(), QStringLiteral("later"));
        QCOMPARE(queued.data(MessageModel::StateRole).toInt(), int(DeliveryState::Queued));

        QVERIFY2(m_ui.server().start(), qPrintable(m_ui.server().errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        QCOMPARE(m_alice->client().state(), ConnectionState::Online);
        QTRY_VERIFY_WITH_TIMEOUT(
            model->index(model->rowCount() - 1).data(MessageModel::StateRole).toInt() >=
                int(DeliveryState::Sent),
            15000);
    }

    void darkScreenshot()
    {
        if (qEnvironmentVariableIsEmpty("LINNET_SCREENSHOT_DIR"))
            QSKIP("LINNET_SCREENSHOT_DIR not set");
        applyTheme(*qApp, ThemeMode::Dark);
        QTest::qWait(50);
        screenshot(QStringLiteral("mainwindow-dark.png"));
        applyTheme(*qApp, ThemeMode::Light);
    }

    // --- the small widgets' rules, no server needed ---------------------------------
    void newChatDialogValidates()
    {
        NewChatDialog dialog(QStringLiteral("alice.ui"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(dialog.usernameEdit(), QStringLiteral("bo"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(dialog.usernameEdit(), QStringLiteral("b_1"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.username(), QStringLiteral("bob_1"));
        dialog.usernameEdit()->setText(QStringLiteral("Alice.UI"));
        QVERIFY(!ok->isEnabled()); // oneself
        QVERIFY(NewChatDialog::isValidUsername(QStringLiteral("ana-maria.x")));
        QVERIFY(!NewChatDialog::isValidUsername(QStringLiteral("no spaces")));
        QVERIFY(!NewChatDialog::isValidUsername(QString(33, QLatin1Char('a'))));
    }

    void linksAndPresenceText()
    {
        const auto links =
            MessageDelegate::linksIn(QStringLiteral("see https://a.org/x?y=1, and www.b.net."));
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(0), QUrl(QStringLiteral("https://a.org/x?y=1")));
        QCOMPARE(links.at(1), QUrl(QStringLiteral("https://www.b.net")));

        const QDateTime now(QDate(2024, 6, 3), QTime(18, 0));
        QCOMPARE(ConversationView::presenceText(true, true, 0, now), QStringLiteral("typing…"));
        QCOMPARE(ConversationView::presenceText(true, false, 0, now), QStringLiteral("online"));
        QCOMPARE(ConversationView::presenceText(false, false, 0, now), QString());
        const QDateTime seen(QDate(2024, 6, 3), QTime(14, 3));
        QVERIFY(ConversationView::presenceText(false, false, seen.toMSecsSinceEpoch(), now)
                    .startsWith(QStringLiteral("last seen today at ")));
        QVERIFY(
            ConversationView::presenceText(false, false, seen.addDays(-1).toMSecsSinceEpoch(), now)
                .startsWith(QStringLiteral("last seen yesterday at ")));
    }
};

QTEST_MAIN(TestUiMainWindow)
#include "tst_ui_mainwindow.moc"
