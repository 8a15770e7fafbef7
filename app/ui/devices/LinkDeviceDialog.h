// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/ErrorCode.h"
#include "protocol/MessageId.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

/**
 * "Link a device" on a device that holds the account key (issue 27; docs/crypto.md,
 * "Linking"): the code the new device shows is typed here, the new device's name and
 * fingerprint are shown for the user to confirm, "Link" approves it (with the chat
 * history, unless unticked) and the history's upload is followed to its end.
 * ChatClient::linking() does the work.
 */
class LinkDeviceDialog : public QDialog {
    Q_OBJECT
public:
    explicit LinkDeviceDialog(client::ChatClient &client, QWidget *parent = nullptr);

    enum class Step { Code, Confirm, Linking, Done, Failed };
    Step step() const { return m_step; }
    /** What the dialog says now (for tests and screen readers). */
    QString message() const;

Q_SIGNALS:
    /** The new device @p device is on the account now. */
    void linked(qint64 device);

private:
    QWidget *codePage();
    QWidget *confirmPage();
    QWidget *progressPage();
    void fetch();
    void approve();
    void onFetched(const QString &deviceName, const QString &fingerprint);
    void onApproved(qint64 device);
    void onFailed(protocol::ErrorCode code, const QString &reason);
    void onProgress(const protocol::MessageId &message, quint64 done, quint64 total);
    void finish(Step step, const QString &text);
    void showCodeProblem(const QString &text);
    void setStep(Step step);

    client::ChatClient &m_client;
    Step m_step = Step::Code;
    QStackedWidget *m_pages;
    QLineEdit *m_code = nullptr;
    QLabel *m_codeProblem = nullptr;
    QPushButton *m_fetch = nullptr;
    QLabel *m_deviceName = nullptr;
    QLabel *m_fingerprint = nullptr;
    QCheckBox *m_sendHistory = nullptr;
    QPushButton *m_link = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_close = nullptr;
    QString m_name;                 ///< of the device being linked
    protocol::MessageId m_transfer; ///< the history's message (LinkApprover::historyStarted)
    bool m_withHistory = true;
    bool m_approved = false; ///< the server linked the device
};

} // namespace linnet::ui
