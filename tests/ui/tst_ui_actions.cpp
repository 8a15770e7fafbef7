// SPDX-License-Identifier: GPL-3.0-or-later
// Message actions in the app (issue 30), offscreen against the real server with two
// people side by side: Reply from the message menu, the "Reply to" strip, the quote in
// the reply's bubble and a click on it that brings the original into view.
#include "ComposeEdit.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "Profile.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiContextMenu.h"
#include "UiSessions.h"
#include "actions/ReactionsPainter.h"
#include "actions/ReplyBar.h"
#include "models/MessageModel.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiActions : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana, m_ben;
    std::unique_ptr<MainWindow> m_anaWindow, m_benWindow;
    const QString m_anaName = QStringLiteral("ana.act");
    const QString m_benName = QStringLiteral("ben.act");

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        openSideBySide(m_ui, m_anaName, m_benName, m_ana, m_ben, m_anaWindow, m_benWindow);
    }

    void cleanupTestCase()
    {
        m_anaWindow.reset();
        m_benWindow.reset();
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void replyFromTheMenuQuotesTheMessageOnBothSides()
    {
        const auto question = m_ben->client().sendText(m_anaName, QStringLiteral("lunch?\nat 12"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 30000);

        const QStringList entries = contextMenuOf(view->messageList(), 0);
        QVERIFY2(entries.contains(QStringLiteral("Reply")), qPrintable(entries.join(u',')));
        // Escape in the compose box cancels the reply.
        contextMenuOf(view->messageList(), 0, QStringLiteral("Reply"));
        QVERIFY(view->replyBar()->isVisible());
        QCOMPARE(view->replyBar()->titleLabel()->text(),
                 QStringLiteral("Reply to %1").arg(m_benName));
        QCOMPARE(view->replyBar()->textLabel()->text(), QStringLiteral("lunch?"));
        QTest::keyClick(view->composeEdit(), Qt::Key_Escape);
        QVERIFY(!view->replyBar()->isVisible());
        QVERIFY(view->replyBar()->messageId().isEmpty());

        contextMenuOf(view->messageList(), 0, QStringLiteral("Reply"));
        QTest::keyClicks(view->composeEdit(), QStringLiteral("yes, at 12"));
        QTest::keyClick(view->composeEdit(), Qt::Key_Return);
        QVERIFY(!view->replyBar()->isVisible());
        QCOMPARE(model->rowCount(), 2);
        const QVariantMap reply = model->index(1).data(MessageModel::ReplyRole).toMap();
        QCOMPARE(reply.value(QStringLiteral("id")).toString(), question.toHex());
        QCOMPARE(reply.value(QStringLiteral("text")).toString(), QStringLiteral("lunch?"));
        QVERIFY(!view->messageDelegate()->quoteRect(model->index(1)).isEmpty());
        QVERIFY(view->messageDelegate()->quoteRect(model->index(0)).isEmpty());
        QVERIFY(saveScreenshot(m_anaWindow.get(), QStringLiteral("reply-sent.png")));

        // Ben sees the quote in the reply's bubble; a click on it selects his question.
        m_benWindow->openChat(m_anaName);
        ConversationView *benView = m_benWindow->conversationView();
        MessageModel *benModel = m_ben->messages(m_anaName);
        QTRY_COMPARE_WITH_TIMEOUT(benModel->rowCount(), 2, 30000);
        QCOMPARE(
            benModel->index(1).data(MessageModel::ReplyRole).toMap().value(QStringLiteral("from")),
            QVariant(m_benName));
        benView->messageList()->setCurrentIndex(benView->messageList()->model()->index(1, 0));
        const QRect quote =
            benView->messageDelegate()->quoteRect(benView->messageList()->model()->index(1, 0));
        QVERIFY(!quote.isEmpty());
        QTest::mouseClick(benView->messageList()->viewport(), Qt::LeftButton, {}, quote.center());
        QTRY_COMPARE(benView->messageList()->currentIndex().row(), 0);
    }

    void reactionsShowUnderTheBubbleAndAClickOnOneTogglesMine()
    {
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex answer = model->index(1);
        const auto answerId =
            *linnet::protocol::MessageId::fromHex(answer.data(MessageModel::IdRole).toString());
        QVERIFY(view->messageDelegate()->reactionsRect(answer).isEmpty());
        QVERIFY(!m_ben->client().react(answerId, QStringLiteral("👍")).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(answer.data(MessageModel::ReactionsRole).toList().size(), 1,
                                  30000);
        const QModelIndex shown = view->messageList()->model()->index(1, 0);
        const QRect pills = view->messageDelegate()->reactionsRect(shown);
        QVERIFY(!pills.isEmpty());
        QCOMPARE(ReactionsPainter::whoReacted(answer.data(MessageModel::ReactionsRole).toList(),
                                              m_anaName),
                 QStringLiteral("👍 %1").arg(m_benName));
        QVERIFY(saveScreenshot(m_anaWindow.get(), QStringLiteral("reactions.png")));

        // A click on ben's 👍 adds mine; the menu then offers to remove it; a second click
        // takes it back.
        QTest::mouseClick(view->messageList()->viewport(), Qt::LeftButton, {},
                          pills.topLeft() + QPoint(4, pills.height() / 2));
        QTRY_COMPARE(answer.data(MessageModel::ReactionsRole)
                         .toList()
                         .value(0)
                         .toMap()
                         .value(QStringLiteral("count")),
                     QVariant(2));
        const QStringList entries = contextMenuOf(view->messageList(), 1);
        QVERIFY2(entries.contains(QStringLiteral("React")) &&
                     entries.contains(QStringLiteral("Remove my reaction")),
                 qPrintable(entries.join(u',')));
        QTest::mouseClick(view->messageList()->viewport(), Qt::LeftButton, {},
                          view->messageDelegate()->reactionsRect(shown).topLeft() +
                              QPoint(4, pills.height() / 2));
        QTRY_COMPARE(answer.data(MessageModel::ReactionsRole)
                         .toList()
                         .value(0)
                         .toMap()
                         .value(QStringLiteral("count")),
                     QVariant(1));
        // Ben sees the same, and no reaction ever became a row.
        QTRY_COMPARE_WITH_TIMEOUT(m_ben->messages(m_anaName)
                                      ->index(1)
                                      .data(MessageModel::ReactionsRole)
                                      .toList()
                                      .value(0)
                                      .toMap()
                                      .value(QStringLiteral("count")),
                                  QVariant(1), 30000);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(m_ben->messages(m_anaName)->rowCount(), 2);
    }
};

QTEST_MAIN(TestUiActions)
#include "tst_ui_actions.moc"
