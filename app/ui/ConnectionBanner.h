// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QFrame>
#include <QStringList>
#include <QTimer>

class QLabel;
class QPushButton;

namespace linnet::ui {

/**
 * The strip above the chats that says why messages are not going out:
 * connecting, offline, or signed out. Hidden while online. Short blips are not
 * shown: a Connecting/Offline state appears only if it lasts a moment.
 */
class ConnectionBanner : public QFrame {
    Q_OBJECT
public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    linnet::client::ConnectionState state() const { return m_state; }
    /** The text currently shown (for tests and accessibility). */
    QString text() const;

public Q_SLOTS:
    void setState(linnet::client::ConnectionState state);
    /** What is known about the server hosted on this computer while not online (it died
     *  and is being started again...); replaces the generic offline text. Empty: none. */
    void setServerNote(const QString &note);
    /** LAN fallback (protocol.md 12): while @p active the offline text says the chats go on
     *  over the local network, with the contacts in @p peers reachable there. */
    void setLan(bool active, const QStringList &peers);

Q_SIGNALS:
    /** The user pressed "Log in again" after the server refused this device. */
    void loginRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showNow();
    QString unreachableText(const QString &fallback) const;
    void applyColours();

    linnet::client::ConnectionState m_state = linnet::client::ConnectionState::Online;
    QString m_serverNote;
    bool m_lanActive = false;
    QStringList m_lanPeers;
    QLabel *m_icon;
    QLabel *m_label;
    QPushButton *m_loginButton;
    QTimer m_showDelay;
    bool m_applying = false;
};

} // namespace linnet::ui
