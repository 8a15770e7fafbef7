// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentSender.h"

#include "AttachmentFiles.h"
#include "AttachmentPreviewDialog.h"
#include "media/MediaClient.h"

#include <QDragEnterEvent>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QIcon>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QToolButton>
#include <QWidget>

Q_LOGGING_CATEGORY(lcAttach, "linnet.ui.attachments")

namespace linnet::ui {

AttachmentSender::AttachmentSender(client::MediaClient &media, QWidget *view)
    : QObject(view), m_media(media), m_view(view), m_button(new QToolButton(view))
{
    m_button->setObjectName(QStringLiteral("attachButton"));
    m_button->setIcon(QIcon(QStringLiteral(":/icons/attach.svg")));
    m_button->setIconSize(QSize(22, 22));
    m_button->setFixedSize(40, 40);
    m_button->setAutoRaise(true);
    m_button->setToolTip(tr("Attach a photo, video or file"));
    m_button->setAccessibleName(tr("Attach"));
    m_button->setPopupMode(QToolButton::InstantPopup);
    m_button->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    auto *menu = new QMenu(m_button);
    menu->setObjectName(QStringLiteral("attachMenu"));
    menu->setAccessibleName(tr("Attach"));
    menu->addAction(QIcon(QStringLiteral(":/icons/image.svg")), tr("&Photo or video…"), this,
                    &AttachmentSender::choosePhotos);
    menu->addAction(QIcon(QStringLiteral(":/icons/file.svg")), tr("&File…"), this,
                    &AttachmentSender::chooseFiles);
    m_button->setMenu(menu);

    view->setAcceptDrops(true);
    view->installEventFilter(this);
    // A file that could not even be queued (gone, unreadable, too large) has no bubble
    // to show the reason in.
    connect(&media, &client::MediaClient::errorOccurred, this,
            [this](const QString &reason, const protocol::MessageId &message) {
                if (message.isNull())
                    showError(reason);
            });
}

AttachmentSender::~AttachmentSender() = default;

void AttachmentSender::setChat(const QString &key, const QString &title)
{
    if (key != m_key && m_preview)
        m_preview->reject(); // files chosen for one chat never go to another
    m_key = key;
    m_title = title;
}

void AttachmentSender::choosePhotos()
{
    chooseFrom(tr("Send photos or videos"),
               tr("Photos and videos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.mp4 *.mov "
                  "*.webm *.mkv *.avi);;All files (*)"),
               QStandardPaths::PicturesLocation);
}

void AttachmentSender::chooseFiles()
{
    chooseFrom(tr("Send files"), tr("All files (*)"), QStandardPaths::DocumentsLocation);
}

void AttachmentSender::chooseFrom(const QString &title, const QString &filter,
                                  QStandardPaths::StandardLocation start)
{
    if (m_key.isEmpty())
        return;
    const QString dir =
        AttachmentFiles::startFolder(QStandardPaths::writableLocation(start), QDir::homePath());
    const QStringList paths = QFileDialog::getOpenFileNames(m_view, title, dir, filter);
    if (!paths.isEmpty())
        attach(paths);
}

void AttachmentSender::attachImage(const QImage &image)
{
    if (m_key.isEmpty())
        return;
    QString error;
    const QString path = m_pasted.isValid()
                             ? AttachmentFiles::savePastedImage(image, m_pasted.path(), &error)
                             : QString();
    if (path.isEmpty()) {
        showError(error.isEmpty() ? tr("The pasted image could not be saved.") : error);
        return;
    }
    attach({path});
}

void AttachmentSender::attach(const QStringList &paths)
{
    if (m_key.isEmpty() || paths.isEmpty())
        return;
    if (m_preview)
        m_preview->reject();
    const QString key = m_key;
    QStringList pasted;
    for (const QString &path : paths)
        if (m_pasted.isValid() && path.startsWith(m_pasted.path()))
            pasted << path;
    auto *dialog =
        new AttachmentPreviewDialog(paths, m_title, client::MediaClient::maxFileSize(), m_view);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_preview = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog, key, pasted](int result) {
        if (result == QDialog::Accepted && key == m_key)
            send(dialog->files(), dialog->caption());
        else
            for (const QString &path : pasted)
                QFile::remove(path);
    });
    dialog->open();
}

void AttachmentSender::send(const QStringList &files, const QString &caption)
{
    // A pasted image's temporary file stays until the app quits (m_pasted goes then): the
    // engine copies it on a worker thread after sendFile returns, and a file removed here
    // failed the message with "the file to send is gone".
    QStringList failed;
    bool first = true;
    for (const QString &path : files) {
        // MediaClient says why in errorOccurred; the view shows that.
        const auto id = m_media.sendFile(m_key, path, first ? caption : QString());
        if (id.isNull())
            failed << path;
        first = false;
    }
    qCDebug(lcAttach) << "sent" << files.size() - failed.size() << "of" << files.size()
                      << "files to" << m_key;
    if (failed.size() < files.size())
        Q_EMIT sent(m_key);
}

void AttachmentSender::showError(const QString &text)
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot send"), text, QMessageBox::Ok, m_view);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool AttachmentSender::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view || m_key.isEmpty())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!AttachmentFiles::isAttachable(drag->mimeData()))
            return false;
        drag->setDropAction(Qt::CopyAction);
        drag->accept();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = AttachmentFiles::localFiles(drop->mimeData());
        if (!files.isEmpty())
            attach(files);
        else if (drop->mimeData()->hasImage())
            attachImage(qvariant_cast<QImage>(drop->mimeData()->imageData()));
        else
            return false;
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace linnet::ui
