// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>

namespace linnet::ui {

/**
 * Desktop notifications through the freedesktop notification service
 * (`org.freedesktop.Notifications` on the session bus), which every Linux desktop runs,
 * also those without a system tray (stock GNOME). One notification per conversation:
 * a newer message replaces the one shown for its chat, and clicking it says which
 * chat it was. Linux only (the build leaves it out elsewhere).
 */
class FreedesktopNotifications : public QObject {
    Q_OBJECT
public:
    explicit FreedesktopNotifications(QDBusConnection bus, QObject *parent = nullptr);

    /** Whether @p bus has a notification service, running or started on demand. */
    static bool available(const QDBusConnection &bus);

    /**
     * Shows @p title / @p body for the chat @p conversation, replacing what was shown
     * for it; with @p sound the desktop plays its "new message" sound, without it is
     * asked to stay silent.
     */
    void show(const QString &conversation, const QString &title, const QString &body, bool sound);

Q_SIGNALS:
    /** The person clicked the notification shown for @p conversation. */
    void activated(const QString &conversation);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    QHash<uint, QString> m_conversationOf; ///< notification id → chat, while shown
    QHash<QString, uint> m_shownFor;       ///< chat → its notification id, while shown
};

} // namespace linnet::ui
