// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryPagingProxy.h"

#include "attachments/AttachmentFiles.h"
#include "models/MessageModel.h"

namespace linnet::ui {

using client::MessageModel;

QVariant HistoryPagingProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::AccessibleTextRole)
        return QIdentityProxyModel::data(index, role);
    const QString text = index.data(MessageModel::TextRole).toString();
    const QVariantMap attachment = index.data(MessageModel::AttachmentRole).toMap();
    if (attachment.isEmpty())
        return text;
    const QString described = AttachmentFiles::describe(attachment);
    return text.isEmpty() ? described : described + QStringLiteral(". ") + text;
}

} // namespace linnet::ui
