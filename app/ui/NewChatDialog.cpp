// SPDX-License-Identifier: GPL-3.0-or-later
#include "NewChatDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {
const QRegularExpression &usernamePattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9._-]{3,32}$"));
    return re;
}
} // namespace

NewChatDialog::NewChatDialog(const QString &ownUsername, QWidget *parent)
    : QDialog(parent), m_own(ownUsername), m_edit(new QLineEdit(this)), m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New chat"));
    setAccessibleName(tr("New chat"));

    auto *prompt = new QLabel(tr("Username of the person to chat with:"), this);
    prompt->setBuddy(m_edit);
    m_edit->setAccessibleName(tr("Username"));
    m_edit->setPlaceholderText(tr("e.g. ana.maria"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMaxLength(32);
    // Upper case is accepted while typing and folded to lower case by username().
    m_edit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9._-]{0,32}")), m_edit));
    m_hint->setAccessibleName(tr("Username hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, hintPalette.color(QPalette::PlaceholderText));
    m_hint->setPalette(hintPalette);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start chat"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Start chat"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &NewChatDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(8);
    layout->addWidget(prompt);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint);
    layout->addSpacing(6);
    layout->addWidget(m_buttons);
    setMinimumWidth(360);
    validate();
}

QString NewChatDialog::username() const
{
    return m_edit->text().trimmed().toLower();
}

bool NewChatDialog::isValidUsername(const QString &name)
{
    return usernamePattern().match(name).hasMatch();
}

void NewChatDialog::validate()
{
    const QString name = username();
    bool ok = isValidUsername(name);
    if (!m_own.isEmpty() && name == m_own.toLower()) {
        ok = false;
        m_hint->setText(tr("That is your own username."));
    } else if (name.size() < 3) {
        m_hint->setText(tr("3 to 32 characters: letters, digits, dot, underscore, hyphen."));
    } else {
        m_hint->clear();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace linnet::ui
