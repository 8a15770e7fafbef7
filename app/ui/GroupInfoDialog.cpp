// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupInfoDialog.h"

#include "ChatClient.h"
#include "NewChatDialog.h"
#include "NewGroupDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {
constexpr int kUserRole = Qt::UserRole + 1;
} // namespace

GroupInfoDialog::GroupInfoDialog(client::ChatClient &client, QString key, QWidget *parent)
    : QDialog(parent), m_client(client), m_key(std::move(key)), m_name(new QLineEdit(this)),
      m_rename(new QPushButton(tr("&Rename"), this)), m_members(new QListWidget(this)),
      m_addEdit(new QLineEdit(this)), m_add(new QPushButton(tr("&Add"), this)),
      m_remove(new QPushButton(tr("Re&move from group"), this)),
      m_admin(new QPushButton(tr("Make a&dmin"), this)),
      m_leave(new QPushButton(tr("&Leave group"), this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Group info"));
    setAccessibleName(tr("Group info"));

    m_name->setObjectName(QStringLiteral("groupNameEdit"));
    m_name->setAccessibleName(tr("Group name"));
    m_name->setMaxLength(NewGroupDialog::kMaxNameLength);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_rename);

    auto *membersLabel = new QLabel(tr("M&embers:"), this);
    membersLabel->setBuddy(m_members);
    m_members->setObjectName(QStringLiteral("groupMemberList"));
    m_members->setAccessibleName(tr("Members"));

    m_addEdit->setObjectName(QStringLiteral("addMemberEdit"));
    m_addEdit->setAccessibleName(tr("Username to add"));
    m_addEdit->setPlaceholderText(tr("username to add"));
    m_addEdit->setMaxLength(32);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addEdit, 1);
    addRow->addWidget(m_add);

    auto *memberButtons = new QHBoxLayout;
    memberButtons->addWidget(m_remove);
    memberButtons->addWidget(m_admin);
    memberButtons->addStretch();

    m_error->setObjectName(QStringLiteral("groupError"));
    m_error->setAccessibleName(tr("Group error"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(errorPalette);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_leave, QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(nameRow);
    layout->addWidget(membersLabel);
    layout->addWidget(m_members, 1);
    layout->addLayout(memberButtons);
    layout->addLayout(addRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(400, 460);

    // Enter acts on the field it is typed in (the name: rename; the username: add), never
    // on a default button: Enter in "username to add" renamed the group too.
    for (QPushButton *button : {m_rename, m_add, m_remove, m_admin, m_leave}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    if (QPushButton *close = buttons->button(QDialogButtonBox::Close)) {
        close->setAutoDefault(false);
        close->setDefault(false);
    }
    connect(m_name, &QLineEdit::returnPressed, this, &GroupInfoDialog::renameGroup);
    connect(m_rename, &QPushButton::clicked, this, &GroupInfoDialog::renameGroup);
    connect(m_add, &QPushButton::clicked, this, &GroupInfoDialog::addMember);
    connect(m_addEdit, &QLineEdit::returnPressed, this, &GroupInfoDialog::addMember);
    connect(m_addEdit, &QLineEdit::textChanged, this, &GroupInfoDialog::updateButtons);
    connect(m_remove, &QPushButton::clicked, this, &GroupInfoDialog::removeSelected);
    connect(m_admin, &QPushButton::clicked, this, &GroupInfoDialog::toggleAdmin);
    connect(m_leave, &QPushButton::clicked, this, &GroupInfoDialog::leaveGroup);
    connect(m_members, &QListWidget::currentRowChanged, this, &GroupInfoDialog::updateButtons);

    client::GroupClient &groups = m_client.groups();
    connect(&groups, &client::GroupClient::groupChanged, this, [this](const QString &k) {
        if (k == m_key)
            reload();
    });
    connect(&groups, &client::GroupClient::requestFailed, this,
            [this](quint32, protocol::ErrorCode, const QString &reason) {
                m_error->setText(reason);
                m_error->setVisible(true);
            });
    connect(&groups, &client::GroupClient::requestFinished, this,
            [this] { m_error->setVisible(false); });
    reload();
}

QString GroupInfoDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void GroupInfoDialog::reload()
{
    const QString current = selectedMember();
    const auto group = m_client.groups().group(m_key);
    m_members->clear();
    if (!group)
        return;
    if (!m_name->hasFocus())
        m_name->setText(group->name);
    const QString self = m_client.username();
    for (const auto &m : group->members) {
        QString label = m.user == self ? tr("%1 (you)").arg(m.user) : m.user;
        if (m.admin)
            label = tr("%1 — admin").arg(label);
        auto *item = new QListWidgetItem(label, m_members);
        item->setData(kUserRole, m.user);
        if (m.user == current)
            m_members->setCurrentItem(item);
    }
    updateButtons();
}

bool GroupInfoDialog::sent(quint32 requestId)
{
    if (requestId != 0)
        return true;
    m_error->setText(tr("Not connected: changing a group needs the server."));
    m_error->setVisible(true);
    return false;
}

QString GroupInfoDialog::selectedMember() const
{
    const QListWidgetItem *item = m_members->currentItem();
    return item ? item->data(kUserRole).toString() : QString();
}

void GroupInfoDialog::updateButtons()
{
    const auto group = m_client.groups().group(m_key);
    const QString self = m_client.username();
    const bool member = group && group->member;
    const bool admin = member && group->isAdmin(self);
    const QString selected = selectedMember();
    const bool other = !selected.isEmpty() && selected != self;
    m_name->setReadOnly(!admin);
    m_rename->setEnabled(admin);
    m_addEdit->setEnabled(admin);
    m_add->setEnabled(admin &&
                      NewChatDialog::isValidUsername(m_addEdit->text().trimmed().toLower()));
    m_remove->setEnabled(admin && other);
    m_admin->setEnabled(admin && other);
    m_admin->setText(group && other && group->isAdmin(selected) ? tr("Revoke a&dmin")
                                                                : tr("Make a&dmin"));
    m_leave->setEnabled(member);
}

void GroupInfoDialog::addMember()
{
    const QString user = m_addEdit->text().trimmed().toLower();
    if (!NewChatDialog::isValidUsername(user))
        return;
    if (sent(m_client.groups().addMember(m_key, user)))
        m_addEdit->clear();
}

void GroupInfoDialog::removeSelected()
{
    const QString user = selectedMember();
    if (!user.isEmpty())
        sent(m_client.groups().removeMember(m_key, user));
}

void GroupInfoDialog::toggleAdmin()
{
    const QString user = selectedMember();
    const auto group = m_client.groups().group(m_key);
    if (!user.isEmpty() && group)
        sent(m_client.groups().setAdmin(m_key, user, !group->isAdmin(user)));
}

void GroupInfoDialog::renameGroup()
{
    const QString name = m_name->text().trimmed();
    const auto group = m_client.groups().group(m_key);
    // The same name again is no change: it must not tell every member of a rename.
    if (!name.isEmpty() && group && name != group->name)
        sent(m_client.groups().rename(m_key, name));
}

void GroupInfoDialog::leaveGroup()
{
    const auto answer = QMessageBox::question(
        this, tr("Leave group"), tr("Leave this group? You will no longer receive its messages."));
    if (answer == QMessageBox::Yes)
        sent(m_client.groups().leave(m_key));
}

} // namespace linnet::ui
