// SPDX-License-Identifier: GPL-3.0-or-later
#include "FreedesktopNotifications.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#include <QLoggingCategory>

namespace linnet::ui {

Q_LOGGING_CATEGORY(lcNotify, "linnet.ui.notifications")

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
constexpr int kExpireMs = 8000;
} // namespace

FreedesktopNotifications::FreedesktopNotifications(QDBusConnection bus, QObject *parent)
    : QObject(parent), m_bus(std::move(bus))
{
    // Any sender: the service's unique name changes when it restarts.
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onClosed(uint, uint)));
}

bool FreedesktopNotifications::available(const QDBusConnection &bus)
{
    if (!bus.isConnected() || !bus.interface())
        return false;
    QDBusConnectionInterface *names = bus.interface();
    if (names->isServiceRegistered(kService).value())
        return true;
    const QDBusReply<QStringList> activatable = names->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(kService);
}

void FreedesktopNotifications::show(const QString &conversation, const QString &title,
                                    const QString &body, bool sound)
{
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("org.linnet.Linnet"));
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    if (sound)
        hints.insert(QStringLiteral("sound-name"), QStringLiteral("message-new-instant"));
    else
        hints.insert(QStringLiteral("suppress-sound"), true);
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // "default" is the action of a click on the notification itself.
    call << QStringLiteral("Linnet") << m_shownFor.value(conversation, 0u)
         << QStringLiteral("org.linnet.Linnet") << title << body
         << QStringList{QStringLiteral("default"), tr("Open")} << hints << kExpireMs;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, conversation] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCWarning(lcNotify) << "the notification service refused a notification:"
                                << reply.error().message();
            return;
        }
        const uint id = reply.value();
        m_conversationOf.remove(m_shownFor.value(conversation, 0u));
        m_shownFor.insert(conversation, id);
        m_conversationOf.insert(id, conversation);
    });
}

void FreedesktopNotifications::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_conversationOf.constFind(id);
    if (it == m_conversationOf.cend() || action != QLatin1String("default"))
        return; // another application's notification, or an action we never offered
    Q_EMIT activated(*it);
}

void FreedesktopNotifications::onClosed(uint id, uint /*reason*/)
{
    const QString conversation = m_conversationOf.take(id);
    if (!conversation.isEmpty() && m_shownFor.value(conversation) == id)
        m_shownFor.remove(conversation);
}

} // namespace linnet::ui
