// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace linnet::ui {

/**
 * Asks for a device's new name. What is wrong with a name (empty, too long:
 * DeviceListController::nameProblem) is said under the field as it is typed, and Rename
 * stays off until the name is good.
 */
class DeviceNameDialog : public QDialog {
    Q_OBJECT
public:
    DeviceNameDialog(const QString &current, QWidget *parent = nullptr);

    QString name() const;

private:
    void check();

    QLineEdit *m_name;
    QLabel *m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace linnet::ui
