// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/EditMessageDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

EditMessageDialog::EditMessageDialog(const QString &current, QWidget *parent)
    : QDialog(parent), m_original(current), m_editor(new QPlainTextEdit(current, this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Edit message"));
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Everyone in this chat sees the new text, marked as edited."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_editor->setAccessibleName(tr("Message text"));
    layout->addWidget(m_editor);
    layout->addWidget(m_buttons);
    QPushButton *save = m_buttons->button(QDialogButtonBox::Save);
    const auto update = [this, save] {
        save->setEnabled(!text().trimmed().isEmpty() && text() != m_original);
    };
    connect(m_editor, &QPlainTextEdit::textChanged, this, update);
    update();
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_editor->setFocus();
}

QString EditMessageDialog::text() const
{
    return m_editor->toPlainText();
}

} // namespace linnet::ui
