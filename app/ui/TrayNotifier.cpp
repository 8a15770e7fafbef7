// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrayNotifier.h"

#include "Profile.h"
#include "models/ConversationListModel.h"
#include "UiSettings.h"
#ifdef LINNET_HAVE_DBUS
#include "FreedesktopNotifications.h"
#else
namespace linnet::ui {
/** No notification service outside Linux: never made, complete only for unique_ptr. */
class FreedesktopNotifications : public QObject {};
} // namespace linnet::ui
#endif

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace linnet::ui {

namespace {
class SystemTraySurface final : public TraySurface {
public:
    explicit SystemTraySurface(QSystemTrayIcon *tray) : m_tray(tray) {}
    void setIcon(const QIcon &icon) override { m_tray->setIcon(icon); }
    void setToolTip(const QString &text) override { m_tray->setToolTip(text); }
    void showMessage(const QString &title, const QString &text, const QIcon &icon) override
    {
        m_tray->showMessage(title, text, icon, 8000);
    }

private:
    QSystemTrayIcon *m_tray;
};
} // namespace

TrayNotifier::TrayNotifier(client::Profile &profile, UiSettings &settings,
                           std::unique_ptr<TraySurface> surface, QObject *parent)
    : TrayNotifier(profile, settings, std::move(surface), nullptr, parent)
{
}

TrayNotifier::TrayNotifier(client::Profile &profile, UiSettings &settings,
                           std::unique_ptr<TraySurface> surface,
                           std::unique_ptr<FreedesktopNotifications> desktop, QObject *parent)
    : QObject(parent), m_profile(profile), m_settings(settings), m_surface(std::move(surface)),
      m_desktop(std::move(desktop))
{
    watch();
}

TrayNotifier::TrayNotifier(client::Profile &profile, UiSettings &settings, QObject *parent)
    : QObject(parent), m_profile(profile), m_settings(settings)
{
#ifdef LINNET_HAVE_DBUS
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (FreedesktopNotifications::available(bus))
        m_desktop = std::make_unique<FreedesktopNotifications>(bus);
#endif
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        if (m_desktop)
            watch(); // notifications without a tray (stock GNOME)
        return;      // else offscreen, or nothing to show on
    }
    m_tray = new QSystemTrayIcon(iconWithBadge(0), this);
    m_surface = std::make_unique<SystemTraySurface>(m_tray);
    m_tray->setToolTip(tr("Linnet"));
    auto *menu = new QMenu;
    menu->addAction(tr("Show Linnet"), this, &TrayNotifier::raiseWindow);
    menu->addAction(tr("Quit"), qApp, &QCoreApplication::quit);
    connect(this, &QObject::destroyed, menu, [menu] { delete menu; });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            raiseWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this,
            [this] { openFromNotification(m_lastNotified); });
    watch();
    m_tray->show();
}

void TrayNotifier::watch()
{
#ifdef LINNET_HAVE_DBUS
    if (m_desktop) {
        connect(m_desktop.get(), &FreedesktopNotifications::activated, this,
                &TrayNotifier::openFromNotification);
    }
#endif
    connect(&m_profile.client(), &client::ChatClient::messageAdded, this, &TrayNotifier::onMessage);
    connect(&m_profile.conversations(), &client::ConversationListModel::totalUnreadChanged, this,
            &TrayNotifier::updateIcon);
    updateIcon(m_profile.conversations().totalUnread());
}

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::openFromNotification(const QString &conversation)
{
    raiseWindow();
    if (!conversation.isEmpty())
        m_profile.openConversation(conversation);
}

void TrayNotifier::setWindow(QWidget *window)
{
    m_window = window;
}

void TrayNotifier::onMessage(const client::ChatMessage &message)
{
    if (message.outgoing || message.kind == client::MessageKind::Notice ||
        !m_settings.notificationsEnabled())
        return;
    if (m_window && m_window->isActiveWindow())
        return; // the person is looking at Linnet already
    if (m_profile.isMuted(message.conversation))
        return; // muted: it is counted as unread, and that is all
    m_lastNotified = message.conversation;
    // Long messages are cut: a notification is a hint, not the conversation.
    QString text = message.text;
    if (text.size() > 200)
        text = text.left(200) + QChar(0x2026);
#ifdef LINNET_HAVE_DBUS
    if (m_desktop) {
        m_desktop->show(message.conversation, message.sender, text, m_settings.notificationSound());
        return;
    }
#endif
    if (m_surface)
        m_surface->showMessage(message.sender, text, iconWithBadge(0));
}

void TrayNotifier::updateIcon(int unread)
{
    if (!m_surface)
        return;
    m_surface->setIcon(iconWithBadge(unread));
    m_surface->setToolTip(unread > 0 ? tr("Linnet: %n unread message(s)", nullptr, unread)
                                     : tr("Linnet"));
}

void TrayNotifier::raiseWindow()
{
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

QIcon TrayNotifier::iconWithBadge(int unread)
{
    const QIcon base(QStringLiteral(":/icons/linnet.svg"));
    if (unread <= 0)
        return base;
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        // A badge in the lower right corner; small sizes get a dot, larger the count.
        const int badge = size < 32 ? size / 2 : size * 5 / 8;
        const QRectF rect(size - badge, size - badge, badge, badge);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xd9, 0x30, 0x25));
        painter.drawEllipse(rect);
        if (size >= 32) {
            QFont font = painter.font();
            font.setBold(true);
            font.setPixelSize(badge * 6 / 10);
            painter.setFont(font);
            painter.setPen(Qt::white);
            painter.drawText(rect, Qt::AlignCenter,
                             unread > 99 ? QStringLiteral("99+") : QString::number(unread));
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace linnet::ui
