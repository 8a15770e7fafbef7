// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QFrame>
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

Q_SIGNALS:
    /** The user pressed "Log in again" after the server refused this device. */
    void loginRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showNow();
    void applyColours();

    linnet::client::ConnectionState m_state = linnet::client::ConnectionState::Online;
    QString m_serverNote;
    QLabel *m_icon;
    QLabel *m_label;
    QPushButton *m_loginButton;
    QTimer m_showDelay;
    bool m_applying = false;
};

} // namespace linnet::ui
