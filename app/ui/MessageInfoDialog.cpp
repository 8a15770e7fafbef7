// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageInfoDialog.h"

#include "ChatListDelegate.h"
#include "models/MessageInfoModel.h"

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

MessageInfoDialog::MessageInfoDialog(std::unique_ptr<client::MessageInfoModel> model,
                                     const QString &text, QWidget *parent)
    : QDialog(parent), m_model(std::move(model)), m_tree(new QTreeWidget(this))
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

    connect(m_model.get(), &QAbstractItemModel::modelReset, this, &MessageInfoDialog::reload);
    connect(m_model.get(), &QAbstractItemModel::dataChanged, this, &MessageInfoDialog::reload);
    reload();
}

MessageInfoDialog::~MessageInfoDialog() = default;

void MessageInfoDialog::reload()
{
    using client::DeliveryState;
    m_tree->clear();
    using Model = client::MessageInfoModel;
    const std::array<std::pair<DeliveryState, QString>, 3> sections{{
        {DeliveryState::Read, tr("Read by")},
        {DeliveryState::Delivered, tr("Delivered to")},
        {DeliveryState::Sent, tr("Not delivered yet")},
    }};
    for (const auto &[state, title] : sections) {
        QList<QTreeWidgetItem *> rows;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            const QModelIndex r = m_model->index(i);
            if (r.data(Model::StateRole).toInt() != int(state))
                continue;
            const qint64 at = r.data(Model::UpdatedAtRole).toLongLong();
            const QString when =
                at > 0 ? ChatListDelegate::listTimestamp(at, QDateTime::currentDateTime())
                       : QString();
            auto *row = new QTreeWidgetItem({r.data(Model::MemberRole).toString(), when});
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
