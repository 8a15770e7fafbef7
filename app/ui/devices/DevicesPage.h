// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

class DeviceRow;

/**
 * Settings → Devices (issue 27): the account's devices as the server lists them, checked
 * against this device's account key (ChatClient::devices()), with rename and revoke.
 * Every request that fails (offline, 419 unknown device, this device revoked: 421) is
 * said in the status line; the list is only changed by what the server answers.
 */
class DevicesPage : public QWidget {
    Q_OBJECT
public:
    explicit DevicesPage(client::ChatClient &client, QWidget *parent = nullptr);

    /** The row of @p device, nullptr if it is not listed (for tests). */
    DeviceRow *row(qint64 device) const;
    /** What the status line says (empty: nothing to say). */
    QString statusText() const;
    /** Asks the server for the list again (also done when shown and when back online). */
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    enum class Action { List, Rename, Revoke };
    void rebuild();
    void askRename(qint64 device);
    void askRevoke(qint64 device);
    /** "Link a device": LinkDeviceDialog; the list comes again when it linked one. */
    void openLinkDialog();
    /** Remembers request @p id of kind @p action on @p device; false (said in the status
     *  line) if it was not sent (@p id 0). */
    bool track(quint32 id, Action action, qint64 device = 0);
    void onFinished(quint32 id);
    void onFailed(quint32 id, protocol::ErrorCode code, const QString &reason);
    void setStatus(const QString &text, bool problem);
    QString deviceName(qint64 device) const;
    /** Why nothing could be sent right now. */
    QString notSentText() const;

    client::ChatClient &m_client;
    QVBoxLayout *m_rows;
    QLabel *m_status;
    QLabel *m_empty;
    struct Pending {
        Action action = Action::List;
        QString name; ///< of the device renamed or revoked
    };
    QHash<quint32, Pending> m_pending;
    bool m_revoked = false;     ///< this device was removed from the account
    bool m_listProblem = false; ///< the status line says why the list did not come
};

} // namespace linnet::ui
