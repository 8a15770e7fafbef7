// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceNameDialog.h"

#include "devices/DeviceListController.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

DeviceNameDialog::DeviceNameDialog(const QString &current, QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(current, this)), m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("deviceNameDialog"));
    setWindowTitle(tr("Rename device"));
    m_name->setObjectName(QStringLiteral("deviceNameEdit"));
    m_name->setAccessibleName(tr("Device name"));
    m_name->selectAll();
    auto *label = new QLabel(tr("&New name:"), this);
    label->setBuddy(m_name);
    m_problem->setObjectName(QStringLiteral("deviceNameProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_problem->setPalette(p);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Rename"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &DeviceNameDialog::check);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_name);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(360);
    check();
}

QString DeviceNameDialog::name() const
{
    return m_name->text().trimmed();
}

void DeviceNameDialog::check()
{
    const QString problem = client::DeviceListController::nameProblem(m_name->text());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace linnet::ui
