// SPDX-License-Identifier: GPL-3.0-or-later
// Notifications through the desktop's notification service (org.freedesktop.Notifications
// over D-Bus), as on a desktop without a tray (stock GNOME): a private dbus-daemon, a
// notification service on it that records what it is asked, and real messages from the
// real server.
#include "FreedesktopNotifications.h"
#include "Profile.h"
#include "TestBase.h"
#include "TrayNotifier.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "models/MessageModel.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
} // namespace

/** The notification service a desktop runs, reduced to remembering each Notify call. */
class RecordingNotificationService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown {
        uint id;
        uint replaces;
        QString app, summary, body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Shown> shown;

public Q_SLOTS:
    uint Notify(const QString &app, uint replaces, const QString & /*icon*/, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints,
                int /*timeout*/)
    {
        const uint id = replaces != 0 ? replaces : ++m_last;
        shown.append({id, replaces, app, summary, body, actions, hints});
        return id;
    }
    QStringList GetCapabilities() { return {QStringLiteral("body"), QStringLiteral("actions")}; }

private:
    uint m_last = 0;
};

class TestUiNotifications : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    QProcess m_bus;
    QString m_address;
    std::unique_ptr<Profile> m_bob;
    std::unique_ptr<Profile> m_carol;

    /** A connection of its own to the private bus, named @p name. */
    QDBusConnection connect(const QString &name)
    {
        return QDBusConnection::connectToBus(m_address, name);
    }

    /** The newest message of carol's chat on bob's side. */
    QString lastFromCarol()
    {
        MessageModel *m = m_bob->messages(QStringLiteral("carol.n"));
        const int rows = m->rowCount();
        return rows == 0 ? QString() : m->index(rows - 1).data(MessageModel::TextRole).toString();
    }

    /** Sends what the service sends when the notification @p id is clicked. */
    static bool click(QDBusConnection &service, uint id)
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(kPath, kInterface, QStringLiteral("ActionInvoked"));
        signal << id << QStringLiteral("default");
        return service.send(signal);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            QSKIP("dbus-daemon is not installed (package dbus-daemon)");
        m_bus.start(QStringLiteral("dbus-daemon"),
                    {QStringLiteral("--session"), QStringLiteral("--nofork"),
                     QStringLiteral("--print-address=1")});
        QVERIFY(m_bus.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 15000);
        m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
        QVERIFY(!m_address.isEmpty());
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_bob = m_ui.session(QStringLiteral("bob.n"));
        m_carol = m_ui.session(QStringLiteral("carol.n"));
        QVERIFY(m_bob && m_carol);
        QTRY_COMPARE(m_carol->client().state(), ConnectionState::Online);
    }

    void cleanupTestCase()
    {
        m_bob.reset();
        m_carol.reset();
        m_bus.kill();
        m_bus.waitForFinished();
    }

    void aBusWithoutTheServiceOffersNoNotifications()
    {
        QVERIFY(!FreedesktopNotifications::available(connect(QStringLiteral("empty"))));
    }

    void withoutATrayMessagesNotifyThroughTheServiceAndAClickOpensTheChat()
    {
        QDBusConnection service = connect(QStringLiteral("service"));
        RecordingNotificationService recorder;
        QVERIFY(service.registerObject(kPath, &recorder, QDBusConnection::ExportAllSlots));
        QVERIFY(service.registerService(kInterface));
        const QDBusConnection app = connect(QStringLiteral("app"));
        QVERIFY(FreedesktopNotifications::available(app));

        UiSettings settings(m_ui.filePath(QStringLiteral("notify.ini")));
        settings.setNotificationsEnabled(true);
        TrayNotifier notifier(*m_bob, settings, nullptr,
                              std::make_unique<FreedesktopNotifications>(app));
        QVERIFY(notifier.isActive()); // no tray, and still it notifies

        m_carol->client().sendText(QStringLiteral("bob.n"), QStringLiteral("lunch?"));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.shown.size(), 1, 20000);
        const auto first = recorder.shown.first();
        QCOMPARE(first.app, QStringLiteral("Linnet"));
        QCOMPARE(first.summary, QStringLiteral("carol.n"));
        QCOMPARE(first.body, QStringLiteral("lunch?"));
        QCOMPARE(first.replaces, 0u);
        QVERIFY(first.actions.contains(QStringLiteral("default")));
        QCOMPARE(first.hints.value(QStringLiteral("sound-name")).toString(),
                 QStringLiteral("message-new-instant"));
        QCOMPARE(first.hints.value(QStringLiteral("desktop-entry")).toString(),
                 QStringLiteral("org.linnet.Linnet"));

        // The next message of the same chat replaces its notification; sound off is said.
        settings.setNotificationSound(false);
        m_carol->client().sendText(QStringLiteral("bob.n"), QStringLiteral("12:30?"));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.shown.size(), 2, 20000);
        QCOMPARE(recorder.shown.last().replaces, first.id);
        QCOMPARE(recorder.shown.last().body, QStringLiteral("12:30?"));
        QVERIFY(recorder.shown.last().hints.value(QStringLiteral("suppress-sound")).toBool());
        QVERIFY(!recorder.shown.last().hints.contains(QStringLiteral("sound-name")));

        // A click on it opens carol's chat; a click on an unknown id changes nothing.
        m_bob->closeConversation();
        QVERIFY(click(service, first.id + 100));
        QVERIFY(click(service, first.id));
        QTRY_COMPARE(m_bob->currentConversation(), QStringLiteral("carol.n"));

        // Muted: counted as unread, not shown.
        m_bob->closeConversation();
        m_bob->setMutedUntil(QStringLiteral("carol.n"), -1);
        m_carol->client().sendText(QStringLiteral("bob.n"), QStringLiteral("muted?"));
        QTRY_COMPARE_WITH_TIMEOUT(lastFromCarol(), QStringLiteral("muted?"), 20000);
        QCOMPARE(recorder.shown.size(), 2);
        m_bob->setMutedUntil(QStringLiteral("carol.n"), 0);

        // Turned off in settings: nothing either.
        settings.setNotificationsEnabled(false);
        m_carol->client().sendText(QStringLiteral("bob.n"), QStringLiteral("off?"));
        QTRY_COMPARE_WITH_TIMEOUT(lastFromCarol(), QStringLiteral("off?"), 20000);
        QCOMPARE(recorder.shown.size(), 2);
        service.unregisterService(kInterface);
    }
};

QTEST_MAIN(TestUiNotifications)
#include "tst_ui_notifications.moc"
