// SPDX-License-Identifier: GPL-3.0-or-later
// Edit and delete in the app (issue 30), offscreen against the real server with two
// people side by side: the message menu offers Edit…, Delete for everyone and Delete
// for me on an own message and only Delete for me on the peer's; an edit made in the
// dialog shows as "edited" on both sides, a delete for everyone as "This message was
// deleted", a delete for me takes the row away on this side only.
#include "ConversationView.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "Profile.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiContextMenu.h"
#include "UiSessions.h"
#include "actions/EditMessageDialog.h"
#include "actions/ForwardDialog.h"
#include "actions/MessageEditMenu.h"
#include "models/MessageModel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

class TestUiEdits : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana, m_ben;
    std::unique_ptr<MainWindow> m_anaWindow, m_benWindow;
    const QString m_anaName = QStringLiteral("ana.edit");
    const QString m_benName = QStringLiteral("ben.edit");

    /** The row of message @p id in @p model; -1 if it is not there. */
    static int rowOf(MessageModel *model, const linnet::protocol::MessageId &id)
    {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row).data(MessageModel::IdRole).toString() == id.toHex())
                return row;
        return -1;
    }

    /** Waits until own message @p id is in @p model and delivered: its row, or -1. */
    static int deliveredRow(MessageModel *model, const linnet::protocol::MessageId &id)
    {
        const auto delivered = [&] {
            const int row = rowOf(model, id);
            return row >= 0 && model->index(row).data(MessageModel::StateRole).toInt() ==
                                   int(DeliveryState::Delivered);
        };
        return QTest::qWaitFor(delivered, 30000) ? rowOf(model, id) : -1;
    }

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

    void theMenuOffersEditAndDeleteForEveryoneOnlyOnOwnMessages()
    {
        const auto mine = m_ana->client().sendText(m_benName, QStringLiteral("mine"));
        const auto his = m_ben->client().sendText(m_anaName, QStringLiteral("his"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, his) >= 0, 30000);
        QVERIFY(deliveredRow(model, mine) >= 0);
        const QStringList own = contextMenuOf(view->messageList(), rowOf(model, mine));
        for (const QString &entry : {QStringLiteral("Edit…"), QStringLiteral("Delete for everyone"),
                                     QStringLiteral("Delete for me")})
            QVERIFY2(own.contains(entry), qPrintable(own.join(u',')));
        const QStringList peers = contextMenuOf(view->messageList(), rowOf(model, his));
        QVERIFY2(peers.contains(QStringLiteral("Delete for me")), qPrintable(peers.join(u',')));
        QVERIFY(!peers.contains(QStringLiteral("Edit…")));
        QVERIFY(!peers.contains(QStringLiteral("Delete for everyone")));
    }

    void anEditInTheDialogShowsAsEditedOnBothSides()
    {
        const auto id = m_ana->client().sendText(m_benName, QStringLiteral("see you at 8"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        // Edited once sent (before that it is still the user's to retry or delete).
        QVERIFY(deliveredRow(model, id) >= 0);
        contextMenuOf(view->messageList(), rowOf(model, id), QStringLiteral("Edit…"));
        EditMessageDialog *dialog = view->editMenu()->dialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->editor()->toPlainText(), QStringLiteral("see you at 8"));
        QPushButton *save = dialog->buttons()->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled()); // nothing changed yet
        dialog->editor()->selectAll();
        QTest::keyClicks(dialog->editor(), QStringLiteral("see you at 9"));
        QVERIFY(save->isEnabled());
        QVERIFY(saveScreenshot(dialog, QStringLiteral("edit-dialog.png")));
        QTest::mouseClick(save, Qt::LeftButton);

        const QModelIndex mine = model->index(rowOf(model, id));
        QTRY_COMPARE(mine.data(MessageModel::TextRole).toString(), QStringLiteral("see you at 9"));
        QVERIFY(MessageDelegate::footerTime(mine).startsWith(QStringLiteral("edited ")));
        m_benWindow->openChat(m_anaName);
        MessageModel *benModel = m_ben->messages(m_anaName);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(benModel, id) >= 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            benModel->index(rowOf(benModel, id)).data(MessageModel::TextRole).toString(),
            QStringLiteral("see you at 9"), 30000);
        QVERIFY(MessageDelegate::footerTime(benModel->index(rowOf(benModel, id)))
                    .startsWith(QStringLiteral("edited ")));
        QVERIFY(saveScreenshot(m_benWindow.get(), QStringLiteral("edited.png")));
    }

    void deleteForEveryoneShowsThatItWasDeletedOnBothSides()
    {
        const auto id = m_ana->client().sendText(m_benName, QStringLiteral("oops, wrong chat"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QVERIFY(deliveredRow(model, id) >= 0);
        contextMenuOf(view->messageList(), rowOf(model, id), QStringLiteral("Delete for everyone"));
        QTRY_VERIFY(model->index(rowOf(model, id)).data(MessageModel::DeletedRole).toBool());
        const QModelIndex shown = view->messageList()->model()->index(rowOf(model, id), 0);
        QCOMPARE(view->messageDelegate()->displayText(shown),
                 QStringLiteral("This message was deleted"));
        // A deleted message can be neither replied to nor edited again.
        const QStringList entries = contextMenuOf(view->messageList(), rowOf(model, id));
        QVERIFY2(!entries.contains(QStringLiteral("Reply")) &&
                     !entries.contains(QStringLiteral("Edit…")) &&
                     entries.contains(QStringLiteral("Delete for me")),
                 qPrintable(entries.join(u',')));

        m_benWindow->openChat(m_anaName);
        ConversationView *benView = m_benWindow->conversationView();
        MessageModel *benModel = m_ben->messages(m_anaName);
        QTRY_VERIFY_WITH_TIMEOUT(
            rowOf(benModel, id) >= 0 &&
                benModel->index(rowOf(benModel, id)).data(MessageModel::DeletedRole).toBool(),
            30000);
        QCOMPARE(benView->messageDelegate()->displayText(
                     benView->messageList()->model()->index(rowOf(benModel, id), 0)),
                 QStringLiteral("This message was deleted"));
        QVERIFY(saveScreenshot(m_benWindow.get(), QStringLiteral("deleted.png")));
    }

    void forwardChoosesChatsAndTheCopyShowsAsForwarded()
    {
        const auto id = m_ben->client().sendText(m_anaName, QStringLiteral("pass this on"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, id) >= 0, 30000);
        const int rows = model->rowCount();
        contextMenuOf(view->messageList(), rowOf(model, id), QStringLiteral("Forward…"));
        ForwardDialog *dialog = view->editMenu()->forwardDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->list()->count() >= 1);
        QPushButton *forward = nullptr;
        for (QAbstractButton *b : dialog->buttons()->buttons())
            if (b->text() == QStringLiteral("Forward"))
                forward = qobject_cast<QPushButton *>(b);
        QVERIFY(forward && !forward->isEnabled());
        dialog->list()->item(0)->setCheckState(Qt::Checked);
        QCOMPARE(dialog->chosen(), QStringList{m_benName});
        QVERIFY(forward->isEnabled());
        QTest::mouseClick(forward, Qt::LeftButton);
        QTRY_COMPARE(model->rowCount(), rows + 1);
        const QModelIndex copy = model->index(model->rowCount() - 1);
        QCOMPARE(copy.data(MessageModel::TextRole).toString(), QStringLiteral("pass this on"));
        QVERIFY(copy.data(MessageModel::ForwardedRole).toBool());
        QVERIFY(MessageDelegate::footerTime(copy).startsWith(QStringLiteral("Forwarded · ")));
    }

    void deleteForMeTakesTheRowAwayOnThisSideOnly()
    {
        const auto id = m_ben->client().sendText(m_anaName, QStringLiteral("keep or not"));
        m_anaWindow->openChat(m_benName);
        ConversationView *view = m_anaWindow->conversationView();
        MessageModel *model = m_ana->messages(m_benName);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, id) >= 0, 30000);
        const int rows = model->rowCount();
        contextMenuOf(view->messageList(), rowOf(model, id), QStringLiteral("Delete for me"));
        QTRY_COMPARE(model->rowCount(), rows - 1);
        QCOMPARE(rowOf(model, id), -1);
        QVERIFY(m_ben->client().username() == m_benName);
        QVERIFY(rowOf(m_ben->messages(m_anaName), id) >= 0);
    }
};

QTEST_MAIN(TestUiEdits)
#include "tst_ui_edits.moc"
