// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactInfoDialog.h"

#include "ChatClient.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

ContactInfoDialog::ContactInfoDialog(client::ChatClient &client, QString peer, QWidget *parent)
    : QDialog(parent), m_client(client), m_peer(std::move(peer)), m_number(new QLabel(this)),
      m_status(new QLabel(this)), m_verify(new QPushButton(this))
{
    setWindowTitle(tr("Contact info"));
    setObjectName(QStringLiteral("contactInfoDialog"));
    auto *name = new QLabel(m_peer, this);
    name->setTextFormat(Qt::PlainText);
    QFont big = name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    name->setFont(big);

    auto *explain = new QLabel(
        tr("Messages with %1 are end-to-end encrypted. To be sure nobody is in the middle, "
           "compare this security code with the one on their screen, in person or on a call "
           "you trust. If they match, mark the conversation as verified.")
            .arg(m_peer),
        this);
    explain->setWordWrap(true);
    explain->setTextFormat(Qt::PlainText);

    m_number->setObjectName(QStringLiteral("safetyNumber"));
    m_number->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_number->setAlignment(Qt::AlignCenter);
    m_number->setAccessibleName(tr("Security code"));
    m_status->setObjectName(QStringLiteral("verificationStatus"));
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    connect(m_verify, &QPushButton::clicked, this, &ContactInfoDialog::toggleVerified);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(name);
    layout->addWidget(explain);
    layout->addSpacing(8);
    layout->addWidget(m_number);
    layout->addWidget(m_status);
    layout->addWidget(m_verify, 0, Qt::AlignLeft);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    connect(&m_client, &client::ChatClient::identityChanged, this, [this](const QString &changed) {
        if (changed == m_peer)
            refresh();
    });
    refresh();
}

QString ContactInfoDialog::formatSafetyNumber(const QString &digits)
{
    QStringList lines;
    for (qsizetype line = 0; line * 15 < digits.size(); ++line) {
        QStringList groups;
        for (qsizetype g = line * 15; g < std::min(digits.size(), line * 15 + 15); g += 5)
            groups << digits.mid(g, 5);
        lines << groups.join(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n'));
}

void ContactInfoDialog::refresh()
{
    const QString number = m_client.safetyNumber(m_peer);
    if (number.isEmpty()) {
        m_number->setText(tr("The security code appears once you have exchanged a message "
                             "with %1.")
                              .arg(m_peer));
        m_number->setWordWrap(true);
        m_status->clear();
        m_verify->setVisible(false);
        return;
    }
    m_number->setText(formatSafetyNumber(number));
    const bool verified = m_client.isVerified(m_peer);
    m_status->setText(verified ? tr("✓ Verified") : tr("Not verified"));
    m_verify->setVisible(true);
    m_verify->setText(verified ? tr("Clear verification") : tr("Mark as verified"));
}

void ContactInfoDialog::toggleVerified()
{
    m_client.setVerified(m_peer, !m_client.isVerified(m_peer));
    refresh();
}

} // namespace linnet::ui
