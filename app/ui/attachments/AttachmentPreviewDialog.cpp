// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentPreviewDialog.h"

#include "AttachmentFiles.h"
#include "media/VideoFrameGrabber.h"
#include "protocol/Limits.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QFutureWatcher>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {
constexpr int kLargePreview = 360;
constexpr int kSmallPreview = 56;

/** The picture in @p path scaled to fit @p box, read at that size (a 40 MP photo stays cheap). */
QPixmap scaledPicture(const QString &path, int box)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (size.isValid()) {
        size.scale(QSize(box, box).boundedTo(size), Qt::KeepAspectRatio);
        reader.setScaledSize(size);
    }
    return QPixmap::fromImage(reader.read());
}
} // namespace

AttachmentPreviewDialog::AttachmentPreviewDialog(const QStringList &paths, const QString &chatTitle,
                                                 quint64 maxSize, QWidget *parent)
    : QDialog(parent), m_caption(new QLineEdit(this))
{
    setObjectName(QStringLiteral("attachmentPreviewDialog"));
    setWindowTitle(tr("Send to %1").arg(chatTitle));

    auto *rows = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rows);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    const bool single = paths.size() == 1;
    for (const QString &path : paths) {
        const QString problem = problemWith(path, maxSize);
        if (problem.isEmpty())
            m_files << path;
        else
            m_problems << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), problem);
        rowsLayout->addWidget(fileRow(path, problem, single));
    }
    rowsLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(rows);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Files to send"));
    scroll->setMinimumHeight(std::min(rows->sizeHint().height(), 420));

    m_caption->setObjectName(QStringLiteral("captionEdit"));
    m_caption->setPlaceholderText(
        m_files.size() > 1 ? tr("Add a caption (sent with the first file)") : tr("Add a caption"));
    m_caption->setAccessibleName(tr("Caption"));
    m_caption->setMaxLength(protocol::kMaxTextLength);
    m_caption->setClearButtonEnabled(true);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("attachmentSendButton"));
    m_send->setDefault(true);
    m_send->setEnabled(!m_files.isEmpty());
    buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole)
        ->setObjectName(QStringLiteral("attachmentCancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_caption);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    m_caption->setFocus(Qt::OtherFocusReason);
}

AttachmentPreviewDialog::~AttachmentPreviewDialog()
{
    *m_closed = true;
}

void AttachmentPreviewDialog::showVideoFrame(const QString &path, QLabel *picture, int box)
{
    ++m_framesPending;
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, picture, box] {
        watcher->deleteLater();
        --m_framesPending;
        const QImage frame = watcher->future().result();
        if (frame.isNull())
            return; // its icon stays
        const int before = picture->pixmap().height();
        picture->setPixmap(
            QPixmap::fromImage(frame.scaled(QSize(box, box).boundedTo(frame.size()),
                                            Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        // Room for the frame without scrolling (the rows' size hint is not laid out yet).
        if (auto *scroll = findChild<QScrollArea *>(); scroll && box > kSmallPreview)
            scroll->setMinimumHeight(
                std::min(scroll->minimumHeight() + picture->pixmap().height() - before, 420));
        adjustSize();
    });
    // The worker gets the path and a flag; the still comes back as a value.
    watcher->setFuture(QtConcurrent::run([path, closed = m_closed] {
        return client::VideoFrameGrabber::grab(path, [closed] { return closed->load(); }).image;
    }));
}

QString AttachmentPreviewDialog::caption() const
{
    return m_caption->text().trimmed();
}

QString AttachmentPreviewDialog::problemWith(const QString &path, quint64 maxSize)
{
    const QFileInfo info(path);
    if (!info.exists())
        return tr("the file does not exist");
    if (!info.isFile())
        return tr("only files can be sent, not folders");
    if (!info.isReadable())
        return tr("the file cannot be read");
    if (quint64(info.size()) > maxSize)
        return tr("larger than %1").arg(AttachmentFiles::sizeText(maxSize));
    return {};
}

QWidget *AttachmentPreviewDialog::fileRow(const QString &path, const QString &problem, bool large)
{
    const QFileInfo info(path);
    const bool image = problem.isEmpty() && AttachmentFiles::isImageFile(path);
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(info);
    const bool video = problem.isEmpty() && mime.name().startsWith(QLatin1String("video/"));
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("attachmentRow"));
    auto *picture = new QLabel(row);
    picture->setObjectName(QStringLiteral("attachmentPicture"));
    picture->setAlignment(Qt::AlignCenter);
    if (image) {
        picture->setPixmap(scaledPicture(path, large ? kLargePreview : kSmallPreview));
    } else {
        const QIcon fallback(QStringLiteral(":/icons/file.svg"));
        picture->setPixmap(QIcon::fromTheme(mime.iconName(), fallback)
                               .pixmap(QSize(kSmallPreview, kSmallPreview), devicePixelRatioF()));
        if (video)
            showVideoFrame(path, picture, large ? kLargePreview : kSmallPreview);
    }
    auto *name = new QLabel(info.fileName(), row);
    name->setObjectName(QStringLiteral("attachmentName"));
    name->setTextFormat(Qt::PlainText);
    name->setWordWrap(true);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    auto *details =
        new QLabel(problem.isEmpty()
                       ? tr("%1 · %2").arg(AttachmentFiles::sizeText(quint64(info.size())),
                                           AttachmentFiles::typeText(mime.name(), info.fileName()))
                       : tr("Cannot be sent: %1").arg(problem),
                   row);
    details->setObjectName(QStringLiteral("attachmentDetails"));
    details->setTextFormat(Qt::PlainText);
    details->setWordWrap(true);
    QPalette palette = details->palette();
    palette.setColor(QPalette::WindowText, problem.isEmpty()
                                               ? palette.color(QPalette::PlaceholderText)
                                               : QColor(0xd0, 0x30, 0x30));
    details->setPalette(palette);
    auto *text = new QVBoxLayout;
    text->addWidget(name);
    text->addWidget(details);
    if ((image || video) && large) {
        // One picture: shown big, its name under it.
        auto *layout = new QVBoxLayout(row);
        layout->addWidget(picture);
        layout->addLayout(text);
    } else {
        auto *layout = new QHBoxLayout(row);
        text->insertStretch(0);
        text->addStretch();
        picture->setFixedSize(kSmallPreview, kSmallPreview);
        layout->addWidget(picture);
        layout->addLayout(text, 1);
    }
    return row;
}

} // namespace linnet::ui
