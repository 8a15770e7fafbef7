// SPDX-License-Identifier: GPL-3.0-or-later
#include "NewGroupDialog.h"

#include "groups/GroupClient.h"
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
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_groups)
            create();
        else
            accept();
    });
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

void NewGroupDialog::create()
{
    m_request = m_groups->createGroup(groupName(), members());
    if (m_request == 0) {
        showError(tr("Not connected: creating a group needs the server. Try again when "
                     "Linnet is online."));
        return;
    }
    m_error.clear();
    m_hint->setText(tr("Creating the group…"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    // One answer for this request: the dialog closes on success, else says why.
    auto *context = new QObject(this);
    connect(m_groups, &client::GroupClient::requestFinished, context,
            [this, context](quint32 id, const QString &key) {
                if (id != m_request)
                    return;
                context->deleteLater();
                m_created = key;
                accept();
            });
    connect(m_groups, &client::GroupClient::requestFailed, context,
            [this, context](quint32 id, protocol::ErrorCode, const QString &reason) {
                if (id != m_request)
                    return;
                context->deleteLater();
                showError(tr("The group was not created: %1").arg(reason));
            });
}

void NewGroupDialog::showError(const QString &text)
{
    m_request = 0;
    m_error.clear();
    validate(); // enables OK again for a corrected form
    m_error = text;
    m_hint->setText(text);
    QPalette palette = m_hint->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_hint->setPalette(palette);
}

void NewGroupDialog::validate()
{
    if (!m_error.isEmpty()) {
        // The user corrects the form: the error gives way to the usual hint.
        m_error.clear();
        QPalette palette = m_hint->palette();
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
        m_hint->setPalette(palette);
    }
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
               : names.size() == 1 ? tr("One member besides you.")
                                   : tr("%n members besides you.", nullptr, int(names.size()));
    m_hint->setText(hint);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && m_request == 0);
}

} // namespace linnet::ui
