// SPDX-License-Identifier: GPL-3.0-or-later
// Organising chats in the main window, offscreen against the real server (issue 30):
// drafts that outlive a restart.
#include "ComposeEdit.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "Profile.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiSessions.h"
#include "e2e/PassphraseSecretStore.h"
#include "models/ConversationListModel.h"

#include <QApplication>
#include <QDir>
#include <QListView>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiChats : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<MainWindow> m_window;

    void screenshot(const QString &name) { QVERIFY(saveScreenshot(m_window.get(), name)); }

    void showWindow()
    {
        m_window = std::make_unique<MainWindow>(*m_ana);
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    /** Quits as the app does (window first, then the profile) and starts again from the
     *  same profile folder, offline: only what was written to disk is there. */
    void restart()
    {
        m_window.reset();
        m_ana.reset();
        auto secrets = PassphraseSecretStore::open(m_ui.filePath(QStringLiteral("ana/secrets.bin")),
                                                   QByteArrayLiteral("ui test passphrase"));
        QVERIFY(secrets);
        ChatClient::Options options;
        options.lan = LanFallback::Options::off();
        m_ana = std::make_unique<Profile>(m_ui.filePath(QStringLiteral("ana")),
                                          std::move(secrets).value(), options);
        QVERIFY(m_ana->open().ok());
        showWindow();
    }

    QString draftShownFor(const QString &key)
    {
        const int row = m_ana->conversations().rowOf(key);
        return row < 0 ? QStringLiteral("<no row>")
                       : m_ana->conversations()
                             .index(row)
                             .data(ConversationListModel::DraftRole)
                             .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_ana = m_ui.session(QStringLiteral("ana.chats"), QStringLiteral("ana"));
        QVERIFY(m_ana);
        QTRY_COMPARE(m_ana->client().state(), ConnectionState::Online);
        showWindow();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_ana.reset();
        m_ui.stop();
    }

    void draftsOfEveryChatSurviveARestart()
    {
        const QString dan = QStringLiteral("dan.draft");
        const QString cy = QStringLiteral("cy.draft");
        const QString danText = QStringLiteral("Hallo Dan, schöne Grüße\nund bis später");
        const QString cyText = QStringLiteral("¿Mañana a las ocho?");
        m_window->openChat(dan);
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        // QTest types ASCII only: the rest comes as an input method would give it.
        QTest::keyClicks(compose, QStringLiteral("Hallo Dan, sch"));
        compose->insertPlainText(QStringLiteral("öne Grüße"));
        QTest::keyClick(compose, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(compose, QStringLiteral("und bis sp"));
        compose->insertPlainText(QStringLiteral("äter"));
        QCOMPARE(compose->toPlainText(), danText);
        // Switching chats keeps it, and the list says so under Dan's name.
        m_window->openChat(cy);
        QCOMPARE(compose->toPlainText(), QString());
        QCOMPARE(draftShownFor(dan), danText);
        // Cy's is typed and the app quits at once: no switch, no pause.
        compose->insertPlainText(QStringLiteral("¿Ma"));
        compose->insertPlainText(QStringLiteral("ñana a las ocho?"));
        restart();

        QCOMPARE(draftShownFor(dan), danText);
        QCOMPARE(draftShownFor(cy), cyText);
        m_window->selectConversation(dan);
        compose = m_window->conversationView()->composeEdit();
        QCOMPARE(compose->toPlainText(), danText);
        screenshot(QStringLiteral("drafts.png"));
        m_window->selectConversation(cy);
        QCOMPARE(compose->toPlainText(), cyText);
    }

    void aSentOrEmptiedDraftIsGone()
    {
        const QString cy = QStringLiteral("cy.draft");
        const QString dan = QStringLiteral("dan.draft");
        m_window->selectConversation(cy);
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        QCOMPARE(compose->toPlainText(), QStringLiteral("¿Mañana a las ocho?"));
        QTest::keyClick(compose, Qt::Key_Return); // sent (it waits in the outbox: offline)
        QCOMPARE(compose->toPlainText(), QString());
        QTRY_COMPARE(draftShownFor(cy), QString());
        m_window->selectConversation(dan);
        compose->selectAll();
        QTest::keyClick(compose, Qt::Key_Backspace);
        restart();
        QCOMPARE(draftShownFor(cy), QString());
        QCOMPARE(draftShownFor(dan), QString());
        m_window->selectConversation(dan);
        QCOMPARE(m_window->conversationView()->composeEdit()->toPlainText(), QString());
    }
};

QTEST_MAIN(TestUiChats)
#include "tst_ui_chats.moc"
