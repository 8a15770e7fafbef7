// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionBanner.h"

#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>

namespace linnet::ui {

using client::ConnectionState;

namespace {
constexpr int kShowDelayMs = 700;
}

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_label(new QLabel(this)),
      m_loginButton(new QPushButton(tr("Log in again"), this))
{
    initResources();
    setObjectName(QStringLiteral("connectionBanner"));
    setAccessibleName(tr("Connection status"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setFrameShape(QFrame::NoFrame);

    m_icon->setFixedSize(20, 20);
    m_icon->setAccessibleName(tr("Connection status icon"));
    m_label->setWordWrap(true);
    m_label->setAccessibleName(tr("Connection status message"));
    m_label->setTextFormat(Qt::PlainText);
    m_loginButton->setAccessibleName(tr("Log in again"));
    m_loginButton->setVisible(false);
    connect(m_loginButton, &QPushButton::clicked, this, &ConnectionBanner::loginRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_loginButton);

    m_showDelay.setSingleShot(true);
    m_showDelay.setInterval(kShowDelayMs);
    connect(&m_showDelay, &QTimer::timeout, this, &ConnectionBanner::showNow);
    setVisible(false);
}

QString ConnectionBanner::text() const
{
    return m_label->text();
}

void ConnectionBanner::setState(ConnectionState state)
{
    m_state = state;
    QString icon;
    switch (state) {
    case ConnectionState::Online:
        m_showDelay.stop();
        setVisible(false);
        return;
    case ConnectionState::Connecting:
        m_label->setText(unreachableText(tr("Connecting…")));
        icon = QStringLiteral(":/icons/sync.svg");
        break;
    case ConnectionState::Offline:
        m_label->setText(
            unreachableText(tr("Offline — messages will be sent when you are back online")));
        icon = QStringLiteral(":/icons/offline.svg");
        break;
    case ConnectionState::AuthFailed:
        m_label->setText(tr("Signed out: the server refused this device"));
        icon = QStringLiteral(":/icons/warning.svg");
        break;
    }
    m_icon->setPixmap(QIcon(icon).pixmap(QSize(18, 18), devicePixelRatioF()));
    m_loginButton->setVisible(state == ConnectionState::AuthFailed);
    applyColours();
    // Signed out needs the user at once; a reconnect blip should not flash a banner.
    if (state == ConnectionState::AuthFailed)
        showNow();
    else if (!isVisible() && !m_showDelay.isActive())
        m_showDelay.start();
}

void ConnectionBanner::setServerNote(const QString &note)
{
    if (note == m_serverNote)
        return;
    m_serverNote = note;
    if (m_state != ConnectionState::Online)
        setState(m_state);
}

void ConnectionBanner::setLan(bool active, const QStringList &peers)
{
    if (active == m_lanActive && peers == m_lanPeers)
        return;
    m_lanActive = active;
    m_lanPeers = peers;
    if (m_state != ConnectionState::Online)
        setState(m_state);
}

QString ConnectionBanner::unreachableText(const QString &fallback) const
{
    if (m_lanActive && m_lanPeers.isEmpty())
        return tr("Server unreachable — looking for contacts on the local network");
    if (m_lanActive)
        return tr("Server unreachable — chatting on the local network with %1")
            .arg(QLocale().createSeparatedList(m_lanPeers));
    return m_serverNote.isEmpty() ? fallback : m_serverNote;
}

void ConnectionBanner::showNow()
{
    m_showDelay.stop();
    if (m_state != ConnectionState::Online)
        setVisible(true);
}

void ConnectionBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // Our own setPalette() sends PaletteChange too: react only when not already at it.
    if ((event->type() == QEvent::PaletteChange ||
         event->type() == QEvent::ApplicationPaletteChange) &&
        !m_applying)
        applyColours();
}

void ConnectionBanner::applyColours()
{
    const QScopedValueRollback guard(m_applying, true);
    // The app palette: this widget's own Window colour is the banner's, not the theme's.
    const bool dark = isDarkPalette(QApplication::palette());
    QColor bg;
    QColor fg;
    if (m_state == ConnectionState::AuthFailed) {
        bg = dark ? QColor(0x5c, 0x1f, 0x24) : QColor(0xfd, 0xe2, 0xe1);
        fg = dark ? QColor(0xff, 0xd7, 0xd5) : QColor(0x7a, 0x12, 0x1b);
    } else {
        bg = dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xff, 0xf3, 0xcd);
        fg = dark ? QColor(0xff, 0xe8, 0xa3) : QColor(0x5f, 0x45, 0x00);
    }
    // Only this strip's own colours change, so the button keeps the app palette.
    QPalette p = m_label->palette();
    p.setColor(QPalette::WindowText, fg);
    m_label->setPalette(p);
    QPalette mine = QWidget::palette();
    mine.setColor(QPalette::Window, bg);
    if (mine.color(QPalette::Window) != palette().color(QPalette::Window))
        setPalette(mine);
}

} // namespace linnet::ui
