// SPDX-License-Identifier: GPL-3.0-or-later
#include "NewGroupDialog.h"

#include "NewChatDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace linnet::ui {

NewGroupDialog::NewGroupDialog(const QString &ownUsername, QWidget *parent)
    : QDialog(parent), m_own(ownUsername.toLower()), m_name(new QLineEdit(this)),
      m_members(new QLineEdit(this)), m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New group"));
    setAccessibleName(tr("New group"));

    m_name->setObjectName(QStringLiteral("groupName"));
    m_name->setAccessibleName(tr("Group name"));
    m_name->setMaxLength(kMaxNameLength);
    m_name->setPlaceholderText(tr("e.g. Climbing club"));
    m_members->setObjectName(QStringLiteral("groupMembers"));
    m_members->setAccessibleName(tr("Members"));
    m_members->setPlaceholderText(tr("usernames, separated by commas"));
    m_hint->setAccessibleName(tr("Group hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, hintPalette.color(QPalette::PlaceholderText));
    m_hint->setPalette(hintPalette);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Members:"), m_members);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create group"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Create group"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewGroupDialog::validate);
    connect(m_members, &QLineEdit::textChanged, this, &NewGroupDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addSpacing(6);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);
    validate();
}

QString NewGroupDialog::groupName() const
{
    return m_name->text().trimmed();
}

QStringList NewGroupDialog::members() const
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    QStringList out;
    for (const QString &part : m_members->text().split(separators, Qt::SkipEmptyParts)) {
        const QString name = part.toLower();
        if (name != m_own && !out.contains(name))
            out.append(name);
    }
    return out;
}

void NewGroupDialog::validate()
{
    const QStringList names = members();
    QString hint;
    bool ok = !groupName().isEmpty();
    if (!ok)
        hint = tr("Give the group a name.");
    for (const QString &name : names) {
        if (!NewChatDialog::isValidUsername(name)) {
            hint = tr("“%1” is not a username: 3–32 letters, digits, dots, dashes or "
                      "underscores.")
                       .arg(name);
            ok = false;
            break;
        }
    }
    if (ok)
        hint = names.isEmpty() ? tr("Just you for now: add members later from the group's info.")
                               : tr("%n member(s) besides you.", nullptr, int(names.size()));
    m_hint->setText(hint);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace linnet::ui
