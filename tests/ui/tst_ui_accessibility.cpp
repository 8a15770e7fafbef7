// SPDX-License-Identifier: GPL-3.0-or-later
// Screen-reader names and keyboard reach of every window, checked on the real
// widgets: each control a user can focus must have a name that assistive
// technology reads (QAccessible, as Orca or NVDA would query it), and Tab must
// reach it without a mouse and without getting stuck in a text box.
#include "AppController.h"
#include "Profile.h"
#include "ComposeEdit.h"
#include "ContactInfoDialog.h"
#include "models/ConversationListModel.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "NewChatDialog.h"
#include "e2e/PassphraseSecretStore.h"
#include "ServerProcess.h"
#include "SettingsDialog.h"
#include "SetupWizard.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "UiSessions.h"
#include "UiAudit.h"
#include "UiSettings.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QWizardPage>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using namespace linnet::ui;

using namespace linnet::test::audit;

class TstUiAccessibility : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_session = m_ui.session(QStringLiteral("ally.a11y"));
        QVERIFY(m_session);
        auto peer = m_ui.session(QStringLiteral("ben.a11y"));
        QVERIFY(peer);
        m_session->client().sendText(QStringLiteral("ben.a11y"), QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(m_session->conversations().rowCount() > 0, 20000);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_ui.stop();
    }

    void theAuditCanFail()
    {
        // A nameless button and a text box that swallows Tab are found.
        QWidget w;
        auto *edit = new QPlainTextEdit(&w);
        auto *button = new QPushButton(&w);
        button->setIcon(QIcon(QStringLiteral(":/icons/linnet.svg")));
        auto *layout = new QVBoxLayout(&w);
        layout->addWidget(edit);
        layout->addWidget(button);
        activate(&w);
        QCOMPARE(unnamedControls(&w).size(), 2);
        QCOMPARE(notReachedByTab(&w), QStringList{describe(button)});
        edit->setAccessibleName(QStringLiteral("Notes"));
        edit->setTabChangesFocus(true);
        button->setAccessibleName(QStringLiteral("Attach"));
        QVERIFY_NONE(unnamedControls(&w));
        QVERIFY_NONE(notReachedByTab(&w));
    }

    void mainWindow()
    {
        MainWindow window(*m_session);
        window.resize(1000, 680);
        window.openChat(QStringLiteral("ben.a11y"));
        activate(&window);
        QVERIFY(window.conversationView()->composeEdit()->isVisible());
        QVERIFY_NONE(unnamedControls(&window));
        QVERIFY_NONE(notReachedByTab(&window));
    }

    void settingsDialog()
    {
        UiSettings settings(m_ui.filePath(QStringLiteral("a11y.ini")));
        SettingsDialog dialog(*m_session, settings);
        activate(&dialog);
        QVERIFY_NONE(unnamedControls(&dialog)); // every tab, shown or not
        auto *tabs = dialog.findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QVERIFY_NONE(notReachedByTab(&dialog));
        }
    }

    void smallDialogs()
    {
        NewChatDialog newChat(QStringLiteral("ally.a11y"));
        activate(&newChat);
        QVERIFY_NONE(unnamedControls(&newChat));
        QVERIFY_NONE(notReachedByTab(&newChat));

        ContactInfoDialog info(m_session->client(), QStringLiteral("ben.a11y"));
        activate(&info);
        QVERIFY_NONE(unnamedControls(&info));
        QVERIFY_NONE(notReachedByTab(&info));
    }

    void setupWizard()
    {
        AppController::Options o;
        o.profileDir = m_ui.filePath(QStringLiteral("fresh-profile"));
        o.settingsPath = m_ui.filePath(QStringLiteral("fresh.ini"));
        o.serverBinary = test::serverBinary();
        o.serverDataDir = m_ui.filePath(QStringLiteral("bundled"));
        o.serverListen = QStringLiteral("127.0.0.1:0");
        AppController app(o);
        QVERIFY(app.start());
        SetupWizard *wizard = app.wizard();
        QVERIFY(wizard);
        activate(wizard);
        QVERIFY_NONE(unnamedControls(wizard)); // both pages
        QVERIFY_NONE(notReachedByTab(wizard));
    }

private:
    test::UiTestServer m_ui;
    std::unique_ptr<Profile> m_session;
};

QTEST_MAIN(TstUiAccessibility)
#include "tst_ui_accessibility.moc"
