// SPDX-License-Identifier: GPL-3.0-or-later
// The chat list's context menu, offscreen against the real server (issue 30): pin, mute
// (no notification while muted), archive and the archived chats, mark unread, clear
// history, delete.
#include "ChatListMenu.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "Profile.h"
#include "TestBase.h"
#include "Theme.h"
#include "TrayNotifier.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "models/ConversationListModel.h"
#include "models/MessageModel.h"
#include "store/LocalStore.h"
#include "store/SearchStore.h"

#include <QAbstractButton>
#include <QApplication>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {

/** Every notification shown, recorded (offscreen there is no tray host). */
struct Recorder : TraySurface {
    QStringList shown;
    void setIcon(const QIcon &) override {}
    void setToolTip(const QString &) override {}
    void showMessage(const QString &, const QString &text, const QIcon &) override
    {
        shown << text;
    }
};

} // namespace

class TestUiChatMenu : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<UiSettings> m_settings;
    std::unique_ptr<TrayNotifier> m_tray;
    Recorder *m_notes = nullptr;
    const QString m_anaName = QStringLiteral("ana.menu");
    const QString m_benName = QStringLiteral("ben.menu");

    /** The row of @p key in the list as shown (-1 if it is not shown). */
    int shownRow(const QString &key) const
    {
        QAbstractItemModel *shown = m_window->chatList()->model();
        for (int row = 0; row < shown->rowCount(); ++row)
            if (shown->index(row, 0).data(ConversationListModel::KeyRole).toString() == key)
                return row;
        return -1;
    }

    QVariant roleOf(const QString &key, int role) const
    {
        ConversationListModel &list = m_ana->conversations();
        return list.index(list.rowOf(key)).data(role);
    }

    /** Opens the context menu of @p key as a right click would; returns its entries (a
     *  submenu's as "Submenu/Entry") and triggers the one called @p trigger, if any. A
     *  question it asks is answered Yes. */
    QStringList menuOf(const QString &key, const QString &trigger = {})
    {
        QListView *list = m_window->chatList();
        const int row = shownRow(key);
        if (row < 0)
            return {QStringLiteral("<not shown>")};
        const QRect rect = list->visualRect(list->model()->index(row, 0));
        QStringList texts;
        QTimer::singleShot(0, list, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            QAction *chosen = nullptr;
            for (QAction *a : menu->actions()) {
                if (a->isSeparator())
                    continue;
                const QList<QAction *> inner =
                    a->menu() ? a->menu()->actions() : QList<QAction *>{a};
                for (QAction *b : inner) {
                    const QString name = a->menu() ? a->text() + u'/' + b->text() : b->text();
                    texts << name;
                    if (name == trigger)
                        chosen = b;
                }
            }
            menu->close();
            if (!chosen)
                return;
            auto *answer = new QTimer(list);
            connect(answer, &QTimer::timeout, answer, [answer] {
                if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                    answer->stop();
                    box->button(QMessageBox::Yes)->click();
                }
            });
            answer->start(20);
            chosen->trigger();
            answer->deleteLater();
        });
        Q_EMIT list->customContextMenuRequested(rect.center());
        return texts;
    }

    /** ben writes @p text to ana; returns once ana has it. */
    void benWrites(const QString &text)
    {
        m_ben->client().sendText(m_anaName, text);
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->store().messages(m_benName, 1).value(0).text, text, 15000);
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
        m_settings = std::make_unique<UiSettings>(m_ui.filePath(QStringLiteral("ui.ini")));
        m_settings->setNotificationsEnabled(true);
        auto recorder = std::make_unique<Recorder>();
        m_notes = recorder.get();
        m_tray = std::make_unique<TrayNotifier>(*m_ana, *m_settings, std::move(recorder));
        for (const QString &key : {QStringLiteral("cy.menu"), QStringLiteral("dan.menu")})
            m_ana->store().ensureConversation(key, key);
        m_ana->conversations().reload();
        benWrites(QStringLiteral("hola ana, primera"));
        m_window = std::make_unique<MainWindow>(*m_ana);
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_tray.reset();
        m_window.reset();
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void theMenuOffersWhatFitsTheChat()
    {
        const QStringList entries = menuOf(m_benName);
        for (const QString &e :
             {QStringLiteral("Pin to top"), QStringLiteral("Mute notifications/For 8 hours"),
              QStringLiteral("Mute notifications/For 1 week"),
              QStringLiteral("Mute notifications/Always"), QStringLiteral("Archive"),
              QStringLiteral("Clear history…"), QStringLiteral("&Delete chat…")})
            QVERIFY2(entries.contains(e), qPrintable(entries.join(u',')));
        // ben's message is unread: it cannot be marked unread again.
        QVERIFY(!entries.contains(QStringLiteral("Mark as unread")));
        QVERIFY(menuOf(QStringLiteral("cy.menu")).contains(QStringLiteral("Mark as unread")));
    }

    void aPinnedChatStaysOnTop()
    {
        QCOMPARE(shownRow(m_benName), 0); // the newest activity
        menuOf(QStringLiteral("dan.menu"), QStringLiteral("Pin to top"));
        QCOMPARE(shownRow(QStringLiteral("dan.menu")), 0);
        QVERIFY(roleOf(QStringLiteral("dan.menu"), ConversationListModel::PinnedRole).toBool());
        benWrites(QStringLiteral("still below the pin"));
        QCOMPARE(shownRow(QStringLiteral("dan.menu")), 0);
        QCOMPARE(shownRow(m_benName), 1);
        QVERIFY(menuOf(QStringLiteral("dan.menu")).contains(QStringLiteral("Unpin")));
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("chat-pinned.png")));
        menuOf(QStringLiteral("dan.menu"), QStringLiteral("Unpin"));
        QCOMPARE(shownRow(m_benName), 0);
    }

    void aMutedChatRaisesNoNotificationUntilUnmuted()
    {
        const int before = int(m_notes->shown.size());
        benWrites(QStringLiteral("notify me"));
        QTRY_COMPARE(int(m_notes->shown.size()), before + 1);

        menuOf(m_benName, QStringLiteral("Mute notifications/Always"));
        QVERIFY(roleOf(m_benName, ConversationListModel::MutedRole).toBool());
        QCOMPARE(roleOf(m_benName, ConversationListModel::MutedUntilRole).toLongLong(), -1);
        const int unread = roleOf(m_benName, ConversationListModel::UnreadRole).toInt();
        benWrites(QStringLiteral("quiet one"));
        QCOMPARE(int(m_notes->shown.size()), before + 1);
        // Still counted as unread.
        QTRY_COMPARE(roleOf(m_benName, ConversationListModel::UnreadRole).toInt(), unread + 1);
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("chat-muted.png")));

        QVERIFY(menuOf(m_benName).contains(QStringLiteral("Unmute")));
        menuOf(m_benName, QStringLiteral("Unmute"));
        QVERIFY(!roleOf(m_benName, ConversationListModel::MutedRole).toBool());
        benWrites(QStringLiteral("loud again"));
        QTRY_COMPARE(int(m_notes->shown.size()), before + 2);
        QCOMPARE(m_notes->shown.last(), QStringLiteral("loud again"));

        // A mute for 8 hours ends by itself.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        menuOf(m_benName, QStringLiteral("Mute notifications/For 8 hours"));
        const qint64 until = roleOf(m_benName, ConversationListModel::MutedUntilRole).toLongLong();
        QVERIFY(until >= now + ChatListMenu::kEightHoursMs);
        QVERIFY(until < now + ChatListMenu::kEightHoursMs + 60000);
        QVERIFY(m_ana->isMuted(m_benName));
        m_ana->setMutedUntil(m_benName, now - 1); // as if the 8 hours were over
        QVERIFY(!m_ana->isMuted(m_benName));
        benWrites(QStringLiteral("after the mute"));
        QTRY_COMPARE(int(m_notes->shown.size()), before + 3);
        m_ana->setMutedUntil(m_benName, 0);
    }

    void anArchivedChatLeavesTheListAndComesBack()
    {
        QToolButton *archived = m_window->archivedButton();
        QVERIFY(archived->isHidden());
        menuOf(QStringLiteral("cy.menu"), QStringLiteral("Archive"));
        QCOMPARE(shownRow(QStringLiteral("cy.menu")), -1);
        QVERIFY(archived->isVisible());
        QCOMPARE(archived->text(), QStringLiteral("Archived (1)"));
        QTest::mouseClick(archived, Qt::LeftButton);
        QCOMPARE(m_window->chatList()->model()->rowCount(), 1);
        QCOMPARE(shownRow(QStringLiteral("cy.menu")), 0);
        QCOMPARE(archived->text(), QStringLiteral("← Back to chats"));
        QVERIFY(saveScreenshot(m_window.get(), QStringLiteral("chats-archived.png")));
        menuOf(QStringLiteral("cy.menu"), QStringLiteral("Unarchive"));
        // The last archived chat is out: back to the list.
        QVERIFY(shownRow(QStringLiteral("cy.menu")) >= 0);
        QVERIFY(shownRow(m_benName) >= 0);
        QVERIFY(archived->isHidden());
        // The open chat stays open while it is archived.
        m_window->selectConversation(m_benName);
        menuOf(m_benName, QStringLiteral("Archive"));
        QCOMPARE(m_window->currentConversation(), m_benName);
        QCOMPARE(m_window->conversationView()->conversation(), m_benName);
        menuOf(QStringLiteral("cy.menu"), QStringLiteral("Pin to top")); // something else
        m_window->showArchived(true);
        menuOf(m_benName, QStringLiteral("Unarchive"));
        QVERIFY(shownRow(m_benName) >= 0);
    }

    void aChatMarkedUnreadShowsItUntilOpened()
    {
        m_window->selectConversation(QStringLiteral("cy.menu"));
        m_window->selectConversation(QStringLiteral("dan.menu"));
        menuOf(QStringLiteral("cy.menu"), QStringLiteral("Mark as unread"));
        QVERIFY(
            roleOf(QStringLiteral("cy.menu"), ConversationListModel::MarkedUnreadRole).toBool());
        QVERIFY(!menuOf(QStringLiteral("cy.menu")).contains(QStringLiteral("Mark as unread")));
        m_ana->openConversation(QStringLiteral("cy.menu"));
        QVERIFY(
            !roleOf(QStringLiteral("cy.menu"), ConversationListModel::MarkedUnreadRole).toBool());
    }

    void clearingHistoryEmptiesTheChatButKeepsIt()
    {
        benWrites(QStringLiteral("Kartoffelsalat zum Mitnehmen"));
        QVERIFY(m_ana->store().messageCount(m_benName) >= 2);
        m_window->selectConversation(m_benName);
        MessageModel *model = m_ana->messages(m_benName);
        QVERIFY(model->rowCount() >= 2);
        menuOf(m_benName, QStringLiteral("Clear history…"));
        QCOMPARE(m_ana->store().messageCount(m_benName), 0);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(shownRow(m_benName) >= 0);
        QCOMPARE(
            SearchStore(m_ana->store()).search(QStringLiteral("kartoffelsalat")).value().size(), 0);
        // New messages arrive as before.
        benWrites(QStringLiteral("after the clear"));
        QTRY_COMPARE(model->rowCount(), 1);
    }

    void aOneToOneChatCanBeDeletedFromTheMenu()
    {
        menuOf(QStringLiteral("dan.menu"), QStringLiteral("&Delete chat…"));
        QCOMPARE(m_ana->conversations().rowOf(QStringLiteral("dan.menu")), -1);
        QCOMPARE(shownRow(QStringLiteral("dan.menu")), -1);
    }
};

QTEST_MAIN(TestUiChatMenu)
#include "tst_ui_chatmenu.moc"
