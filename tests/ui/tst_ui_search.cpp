// SPDX-License-Identifier: GPL-3.0-or-later
// Searching messages in the main window, offscreen against the real server (issue 30):
// Ctrl+F across chats with the words around each match and a jump to the message, and
// the find bar within a chat (Ctrl+Shift+F) with older and newer.
#include "ConversationView.h"
#include "MainWindow.h"
#include "Profile.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiSessions.h"
#include "models/ConversationListModel.h"
#include "models/MessageModel.h"
#include "models/MessageSearchModel.h"
#include "search/ChatFindBar.h"
#include "search/MessageSearchPanel.h"
#include "store/LocalStore.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiSearch : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<MainWindow> m_window;
    QString m_anaName = QStringLiteral("ana.search");
    QString m_benName = QStringLiteral("ben.search");
    static constexpr int kFiller = 120;

    void activate()
    {
        m_window->activateWindow();
        QApplication::setActiveWindow(m_window.get());
        QTRY_VERIFY(m_window->isActiveWindow());
    }

    /** The text of the message list's current row in the open chat. */
    QString currentMessage() const
    {
        return m_window->conversationView()
            ->messageList()
            ->currentIndex()
            .data(MessageModel::TextRole)
            .toString();
    }

    /** Whether the current message is on screen. */
    bool currentMessageVisible() const
    {
        QListView *list = m_window->conversationView()->messageList();
        return list->viewport()->rect().intersects(list->visualRect(list->currentIndex()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_ana = m_ui.session(m_anaName, QStringLiteral("ana"));
        m_ben = m_ui.session(m_benName, QStringLiteral("ben"));
        QVERIFY(m_ana && m_ben);
        QTRY_COMPARE(m_ana->client().state(), ConnectionState::Online);
        QTRY_COMPARE(m_ben->client().state(), ConnectionState::Online);
        // An old message deep in the history, then enough to page it out, then three tapas.
        QStringList texts{QStringLiteral("Treffpunkt in München um 8")};
        for (int i = 1; i <= kFiller; ++i)
            texts << QStringLiteral("filler %1").arg(i);
        texts << QStringLiteral("Tapas heute?") << QStringLiteral("¿Más tapas mañana, señor?")
              << QStringLiteral("TAPAS!!");
        for (const QString &text : std::as_const(texts))
            m_ben->client().sendText(m_anaName, text);
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->store().messageCount(m_benName), int(texts.size()), 60000);
        m_ana->store().ensureConversation(QStringLiteral("cy.search"), QStringLiteral("cy.search"));
        m_ana->conversations().refreshConversation(QStringLiteral("cy.search"));
        m_window = std::make_unique<MainWindow>(*m_ana);
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        activate();
        m_window->selectConversation(QStringLiteral("cy.search"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void ctrlFFindsMessagesInEveryChatAndJumpsToOne()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit *box = m_window->filterEdit();
        QTRY_VERIFY(box->hasFocus());
        MessageSearchPanel *panel = m_window->messageSearch();
        QVERIFY(panel->isHidden());
        QTest::keyClicks(box, QStringLiteral("MUNCHEN"));
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->model().rowCount(), 1);
        QCOMPARE(panel->summary(), QStringLiteral("Messages (1)"));
        const QModelIndex hit = panel->model().index(0, 0);
        QCOMPARE(hit.data(MessageSearchModel::TitleRole).toString(), m_benName);
        QVERIFY(hit.data(MessageSearchModel::SnippetRole)
                    .toString()
                    .contains(SearchStore::kMatchStart + QStringLiteral("München") +
                              SearchStore::kMatchEnd));
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("search-results.png")));

        // The message is 123 messages back: far out of the loaded page, brought in to show.
        QVERIFY(m_ana->messages(m_benName)->rowOf(*linnet::protocol::MessageId::fromHex(
                    hit.data(MessageSearchModel::IdRole).toString())) < 0);
        QListView *results = panel->resultList();
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                          results->visualRect(results->model()->index(0, 0)).center());
        QCOMPARE(m_window->currentConversation(), m_benName);
        QCOMPARE(currentMessage(), QStringLiteral("Treffpunkt in München um 8"));
        QTRY_VERIFY(currentMessageVisible());
        // The search stays for the next result.
        QCOMPARE(box->text(), QStringLiteral("MUNCHEN"));
        QVERIFY(panel->isVisible());
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("search-jump.png")));

        // Words that are nowhere say so; clearing the box hides the results.
        box->clear();
        QTest::keyClicks(box, QStringLiteral("zanahoria"));
        QTRY_COMPARE(panel->summary(), QStringLiteral("No messages found"));
        QTest::keyClick(box, Qt::Key_Escape);
        QCOMPARE(box->text(), QString());
        QVERIFY(panel->isHidden());
    }

    void theFindBarStepsThroughOneChatsMatches()
    {
        m_window->selectConversation(m_benName);
        ConversationView *view = m_window->conversationView();
        ChatFindBar *bar = view->findBar();
        QVERIFY(bar->isHidden());
        activate();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(bar->isVisible());
        QTRY_VERIFY(bar->searchEdit()->hasFocus());
        QTest::keyClicks(bar->searchEdit(), QStringLiteral("tapas"));
        QTRY_COMPARE(bar->position(), QStringLiteral("1 of 3"));
        QCOMPARE(currentMessage(), QStringLiteral("TAPAS!!"));
        QVERIFY(!bar->newerButton()->isEnabled());

        QTest::keyClick(bar->searchEdit(), Qt::Key_Return); // older
        QCOMPARE(bar->position(), QStringLiteral("2 of 3"));
        QCOMPARE(currentMessage(), QStringLiteral("¿Más tapas mañana, señor?"));
        QTest::mouseClick(bar->olderButton(), Qt::LeftButton);
        QCOMPARE(bar->position(), QStringLiteral("3 of 3"));
        QCOMPARE(currentMessage(), QStringLiteral("Tapas heute?"));
        QVERIFY(!bar->olderButton()->isEnabled());
        QTest::keyClick(bar->searchEdit(), Qt::Key_Return); // nothing older: stays
        QCOMPARE(bar->position(), QStringLiteral("3 of 3"));
        QTest::keyClick(bar->searchEdit(), Qt::Key_Return, Qt::ShiftModifier); // newer
        QCOMPARE(bar->position(), QStringLiteral("2 of 3"));
        QTRY_VERIFY(currentMessageVisible());
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("search-in-chat.png")));

        // Only this chat: München is ben's, not cy's.
        bar->searchEdit()->clear();
        QTest::keyClicks(bar->searchEdit(), QStringLiteral("senor manana"));
        QTRY_COMPARE(bar->position(), QStringLiteral("1 of 1"));
        m_window->selectConversation(QStringLiteral("cy.search"));
        QVERIFY(bar->isHidden()); // another chat closes it
        view->findInChat();
        QTest::keyClicks(bar->searchEdit(), QStringLiteral("tapas"));
        QTRY_COMPARE(bar->position(), QStringLiteral("No results"));
        QTest::keyClick(bar->searchEdit(), Qt::Key_Escape);
        QVERIFY(bar->isHidden());
        // The header's button opens it too.
        QTest::mouseClick(view->searchButton(), Qt::LeftButton);
        QVERIFY(bar->isVisible());
    }
};

QTEST_MAIN(TestUiSearch)
#include "tst_ui_search.moc"
