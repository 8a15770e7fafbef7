// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageInfoDialog.h"

#include "ChatClient.h"
#include "ChatListDelegate.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {
constexpr int kStateRole = Qt::UserRole + 1;
} // namespace

MessageInfoDialog::MessageInfoDialog(client::ChatClient &client, const protocol::MessageId &id,
                                     const QString &text, QWidget *parent)
    : QDialog(parent), m_client(client), m_id(id), m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Message info"));
    setAccessibleName(tr("Message info"));
    auto *quote = new QLabel(text, this);
    quote->setTextFormat(Qt::PlainText);
    quote->setWordWrap(true);
    quote->setAccessibleName(tr("Message"));
    QFont italic = quote->font();
    italic.setItalic(true);
    quote->setFont(italic);

    m_tree->setObjectName(QStringLiteral("memberReceipts"));
    m_tree->setAccessibleName(tr("Read and delivered by"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Member"), tr("When")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(quote);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(380, 420);

    connect(&client.groups(), &client::GroupController::receiptsChanged, this,
            [this](const protocol::MessageId &changed) {
                if (changed == m_id)
                    reload();
            });
    reload();
}

void MessageInfoDialog::reload()
{
    using client::DeliveryState;
    m_tree->clear();
    const QList<client::MemberReceipt> receipts = m_client.groups().receipts(m_id);
    const std::array<std::pair<DeliveryState, QString>, 3> sections{{
        {DeliveryState::Read, tr("Read by")},
        {DeliveryState::Delivered, tr("Delivered to")},
        {DeliveryState::Sent, tr("Not delivered yet")},
    }};
    for (const auto &[state, title] : sections) {
        QList<QTreeWidgetItem *> rows;
        for (const client::MemberReceipt &r : receipts) {
            if (r.state != state)
                continue;
            const QString when =
                r.updatedAt > 0
                    ? ChatListDelegate::listTimestamp(r.updatedAt, QDateTime::currentDateTime())
                    : QString();
            auto *row = new QTreeWidgetItem({r.member, when});
            row->setData(0, kStateRole, int(state));
            rows.append(row);
        }
        auto *header = new QTreeWidgetItem({tr("%1 (%2)").arg(title).arg(rows.size())});
        QFont bold = header->font(0);
        bold.setBold(true);
        header->setFont(0, bold);
        m_tree->addTopLevelItem(header);
        header->setFirstColumnSpanned(true);
        for (QTreeWidgetItem *row : rows)
            m_tree->addTopLevelItem(row);
    }
}

QStringList MessageInfoDialog::membersIn(int state) const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        const QVariant s = item->data(0, kStateRole);
        if (s.isValid() && s.toInt() == state)
            out.append(item->text(0));
    }
    return out;
}

} // namespace linnet::ui
