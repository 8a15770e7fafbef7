// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QProgressBar;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

class QrCodeView;
class SetupWizard;

/**
 * The setup wizard's page for a new device of an account already in use (issue 27;
 * docs/crypto.md, "Linking"): user name and this device's name on the server chosen on
 * the first page; then the link code in large type and as a QR code, waiting until one
 * of the account's devices approves it (ChatClient::linkNewDevice). Approved, the wizard
 * finishes as after a login; an expired code (424) or another failure is said and the
 * user can ask for a new code.
 */
class NewDeviceLinkPage : public QWizardPage {
    Q_OBJECT
public:
    NewDeviceLinkPage(SetupWizard &wizard, client::ChatClient &client);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override { return -1; }

    /** The code shown (empty until the server filed the request). */
    QString code() const;
    /** The sentence shown for an accountFailed code while linking. */
    static QString describeFailure(protocol::ErrorCode code, const QString &reason);

private:
    void onCodeReady(const QString &code, const QString &qrText);
    void setBusy(bool busy);
    void showError(const QString &text);

    SetupWizard &m_wizard;
    client::ChatClient &m_client;
    QLabel *m_serverLabel;
    QLineEdit *m_username;
    QLineEdit *m_deviceName;
    QLabel *m_nameProblem;
    QWidget *m_codeBox;
    QLabel *m_code;
    QLabel *m_fingerprint; ///< this device's, to compare with what the approving one shows
    QrCodeView *m_qr;
    QLabel *m_waiting;
    QProgressBar *m_progress;
    QLabel *m_error;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace linnet::ui
