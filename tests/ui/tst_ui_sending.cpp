// SPDX-License-Identifier: GPL-3.0-or-later
// Sending from the main window when it does not simply work, offscreen against the
// real server: a refused message says why and offers Retry and Delete, a text over
// the limit cannot be sent and a counter says how long it is, a chat can be deleted.
#include "Profile.h"
#include "ComposeEdit.h"
#include "models/ConversationListModel.h"
#include "ConversationView.h"
#include "store/LocalStore.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "models/MessageModel.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiContextMenu.h"
#include "UiSessions.h"
#include "protocol/Limits.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiSending : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<MainWindow> m_window;

    /** Opens the context menu of @p row, returns its actions' texts and triggers the one
     *  called @p trigger (if any) before the menu closes. */
    QStringList contextMenu(int row, const QString &trigger = {})
    {
        return contextMenuOf(m_window->conversationView()->messageList(), row, trigger);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_ana = m_ui.session(QStringLiteral("ana.send"), QStringLiteral("ana"));
        QVERIFY(m_ana);
        QTRY_COMPARE(m_ana->client().state(), ConnectionState::Online);
        m_window = std::make_unique<MainWindow>(*m_ana);
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_ana.reset();
        m_ui.stop();
    }

    void aRefusedMessageShowsWhyAndOffersRetryAndDelete()
    {
        const QString nobody = QStringLiteral("nobody.here");
        m_window->openChat(nobody);
        ComposeEdit *compose = m_window->conversationView()->composeEdit();
        QTest::keyClicks(compose, QStringLiteral("first"));
        QTest::keyClick(compose, Qt::Key_Return);
        QTest::keyClicks(compose, QStringLiteral("second"));
        QTest::keyClick(compose, Qt::Key_Return);
        MessageModel *model = m_ana->messages(nobody);
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex second = model->index(1);
        QTRY_COMPARE_WITH_TIMEOUT(second.data(MessageModel::StateRole).toInt(),
                                  int(DeliveryState::Failed), 15000);
        // The reason is in the model and on screen, under the red mark.
        QTRY_VERIFY(second.data(MessageModel::ProblemRole).toString().contains(nobody));
        const QString line = MessageDelegate::problemText(second);
        QVERIFY2(line.startsWith(QStringLiteral("Not sent: ")) && line.contains(nobody),
                 qPrintable(line));

        QStringList actions = contextMenu(1);
        QVERIFY2(actions.contains(QStringLiteral("Retry")) &&
                     actions.contains(QStringLiteral("Delete")),
                 qPrintable(actions.join(u',')));
        // Retry sends it again: refused again, for the same reason.
        contextMenu(1, QStringLiteral("Retry"));
        QTRY_COMPARE_WITH_TIMEOUT(model->index(1).data(MessageModel::StateRole).toInt(),
                                  int(DeliveryState::Failed), 15000);
        QTRY_VERIFY(!model->index(1).data(MessageModel::ProblemRole).toString().isEmpty());
        // Delete takes it away, here and in the store.
        const QString id = model->index(1).data(MessageModel::IdRole).toString();
        contextMenu(1, QStringLiteral("Delete"));
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(!m_ana->store().message(*linnet::protocol::MessageId::fromHex(id)));
        QCOMPARE(model->index(0).data(MessageModel::TextRole).toString(), QStringLiteral("first"));
    }

    void aTextOverTheLimitCannotBeSentAndItsLengthIsShown()
    {
        m_window->openChat(QStringLiteral("nobody.long"));
        ConversationView *view = m_window->conversationView();
        ComposeEdit *compose = view->composeEdit();
        QLabel *counter = view->lengthCounter();
        QTest::keyClicks(compose, QStringLiteral("short"));
        QVERIFY(counter->isHidden());
        QVERIFY(view->sendButton()->isEnabled());

        compose->setPlainText(QString(linnet::protocol::kMaxTextLength - 1, u'x'));
        QVERIFY(counter->isVisible());
        QVERIFY(counter->text().contains(QStringLiteral("16,383")));
        QVERIFY(view->sendButton()->isEnabled());
        QTest::keyClicks(compose, QStringLiteral("yz"));
        QCOMPARE(compose->messageLength(), linnet::protocol::kMaxTextLength + 1);
        QVERIFY(compose->isTooLong());
        QVERIFY(!view->sendButton()->isEnabled());
        QVERIFY(counter->text().startsWith(QStringLiteral("16,385")));

        // Neither Enter nor the button sends it; the text stays to be shortened.
        QSignalSpy sent(&m_ana->client(), &ChatClient::messageAdded);
        QTest::keyClick(compose, Qt::Key_Return);
        QTest::mouseClick(view->sendButton(), Qt::LeftButton);
        QCOMPARE(sent.size(), 0);
        QCOMPARE(compose->messageLength(), linnet::protocol::kMaxTextLength + 1);

        QTest::keyClick(compose, Qt::Key_Backspace);
        QVERIFY(view->sendButton()->isEnabled());
        QTest::keyClick(compose, Qt::Key_Return);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().at(0).value<ChatMessage>().text.size(),
                 linnet::protocol::kMaxTextLength);
        QVERIFY(counter->isHidden());
    }

    void aChatCanBeDeleted()
    {
        const QString nobody = QStringLiteral("nobody.here");
        QVERIFY(m_ana->conversations().rowOf(nobody) >= 0); // from the first test
        m_window->openChat(nobody);
        QCOMPARE(m_window->currentConversation(), nobody);
        QSignalSpy removed(&m_ana->client(), &ChatClient::conversationRemoved);
        QVERIFY(m_window->deleteChat(nobody));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(m_ana->conversations().rowOf(nobody), -1);
        QVERIFY(!m_ana->store().conversation(nobody));
        QVERIFY(m_window->currentConversation() != nobody);
        QVERIFY(m_window->conversationView()->conversation() != nobody);
    }
};

QTEST_MAIN(TestUiSending)
#include "tst_ui_sending.moc"
