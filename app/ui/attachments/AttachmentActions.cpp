// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentActions.h"

#include "media/MediaClient.h"
#include "models/MessageModel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QUrl>

namespace linnet::ui {

using client::MessageModel;
using Action = AttachmentFiles::Action;

namespace {
QVariantMap attachmentOf(const QModelIndex &index)
{
    return index.data(MessageModel::AttachmentRole).toMap();
}

std::optional<protocol::MessageId> idOf(const QModelIndex &index)
{
    return protocol::MessageId::fromHex(index.data(MessageModel::IdRole).toString());
}

QString pathOf(const QVariantMap &attachment)
{
    return attachment.value(QStringLiteral("path")).toString();
}

bool isPicture(const QVariantMap &attachment)
{
    return attachment.value(QStringLiteral("kind")).toString() == QLatin1String("image") &&
           AttachmentFiles::isOpenable(attachment);
}
} // namespace

AttachmentActions::AttachmentActions(client::MediaClient &media, QWidget *parent)
    : QObject(parent), m_media(media), m_parent(parent)
{
}

void AttachmentActions::open(const QModelIndex &index)
{
    const QVariantMap attachment = attachmentOf(index);
    if (attachment.isEmpty())
        return;
    if (!AttachmentFiles::isOpenable(attachment)) {
        // Not here yet: the click fetches it (or starts it again), as the button would.
        const Action action =
            AttachmentFiles::actionFor(attachment, index.data(MessageModel::OutgoingRole).toBool());
        if (action == Action::Download || action == Action::Retry)
            perform(index, action);
        return;
    }
    if (isPicture(attachment)) {
        int current = -1;
        const QList<ImageViewer::Picture> pictures =
            picturesOf(index.model(), index.row(), &current);
        if (m_viewer)
            m_viewer->close();
        auto *viewer = new ImageViewer(pictures, std::max(0, current), m_parent);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        m_viewer = viewer;
        viewer->show();
        return;
    }
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(pathOf(attachment))))
        return;
    // No application opens it here (no video player...): say so, and what else to do.
    if (m_problem)
        m_problem->close();
    const QString name = attachment.value(QStringLiteral("name")).toString();
    auto *box = new QMessageBox(QMessageBox::Information, tr("Cannot open %1").arg(name),
                                tr("No application on this computer opens %1. "
                                   "Use “Save as…” or “Show in folder” from its menu.")
                                    .arg(name),
                                QMessageBox::Ok, m_parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_problem = box;
    box->open();
}

void AttachmentActions::perform(const QModelIndex &index, Action action)
{
    const auto id = idOf(index);
    if (!id)
        return;
    switch (action) {
    case Action::Download:
        m_media.download(*id);
        break;
    case Action::Cancel:
        m_media.cancel(*id);
        break;
    case Action::Retry:
        m_media.retry(*id);
        break;
    case Action::None:
        break;
    }
}

void AttachmentActions::saveAs(const QModelIndex &index)
{
    const QVariantMap attachment = attachmentOf(index);
    const QString from = pathOf(attachment);
    if (from.isEmpty())
        return;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
            .filePath(attachment.value(QStringLiteral("name")).toString());
    const QString to = QFileDialog::getSaveFileName(m_parent, tr("Save as"), suggested);
    if (to.isEmpty())
        return;
    QString error;
    if (!saveCopy(from, to, &error))
        QMessageBox::warning(m_parent, tr("Save as"), error);
}

bool AttachmentActions::saveCopy(const QString &from, const QString &to, QString *error)
{
    if (QFileInfo(from).absoluteFilePath() == QFileInfo(to).absoluteFilePath())
        return true;
    // Written beside the target first: a failed copy never leaves half a file under its name.
    const QString partial = to + QStringLiteral(".part");
    QFile::remove(partial);
    QFile source(from);
    if (!source.copy(partial)) {
        if (error)
            *error = tr("%1 could not be saved: %2")
                         .arg(QDir::toNativeSeparators(to), source.errorString());
        QFile::remove(partial);
        return false;
    }
    QFile::remove(to);
    if (!QFile::rename(partial, to)) {
        if (error)
            *error = tr("%1 could not be saved.").arg(QDir::toNativeSeparators(to));
        QFile::remove(partial);
        return false;
    }
    return true;
}

void AttachmentActions::showInFolder(const QModelIndex &index)
{
    const QString path = pathOf(attachmentOf(index));
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

void AttachmentActions::addMenuActions(QMenu *menu, const QModelIndex &index)
{
    const QVariantMap attachment = attachmentOf(index);
    if (attachment.isEmpty())
        return;
    const bool outgoing = index.data(MessageModel::OutgoingRole).toBool();
    const QPersistentModelIndex row(index);
    const Action action = AttachmentFiles::actionFor(attachment, outgoing);
    if (action != Action::None)
        menu->addAction(AttachmentFiles::actionText(action, attachment, outgoing), this,
                        [this, row, action] { perform(row, action); });
    if (AttachmentFiles::isOpenable(attachment)) {
        menu->addAction(tr("Open"), this, [this, row] { open(row); });
        menu->addAction(tr("Save as…"), this, [this, row] { saveAs(row); });
        menu->addAction(tr("Show in folder"), this, [this, row] { showInFolder(row); });
    }
    menu->addSeparator();
}

QList<ImageViewer::Picture> AttachmentActions::picturesOf(const QAbstractItemModel *model, int row,
                                                          int *current)
{
    QList<ImageViewer::Picture> out;
    if (current)
        *current = -1;
    for (int r = 0; model && r < model->rowCount(); ++r) {
        const QVariantMap attachment = attachmentOf(model->index(r, 0));
        if (!isPicture(attachment))
            continue;
        if (r == row && current)
            *current = int(out.size());
        out.append({pathOf(attachment), attachment.value(QStringLiteral("name")).toString()});
    }
    return out;
}

} // namespace linnet::ui
