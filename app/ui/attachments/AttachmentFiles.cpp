// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentFiles.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QUrl>

namespace linnet::ui {

namespace {
QString state(const QVariantMap &attachment)
{
    return attachment.value(QStringLiteral("state")).toString();
}

QString kind(const QVariantMap &attachment)
{
    return attachment.value(QStringLiteral("kind")).toString();
}
} // namespace

QStringList AttachmentFiles::localFiles(const QMimeData *data)
{
    QStringList out;
    if (!data || !data->hasUrls())
        return out;
    for (const QUrl &url : data->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isFile())
            out << info.absoluteFilePath();
    }
    return out;
}

bool AttachmentFiles::isAttachable(const QMimeData *data)
{
    return data && (data->hasImage() || !localFiles(data).isEmpty());
}

QString AttachmentFiles::savePastedImage(const QImage &image, const QString &dir, QString *error)
{
    if (image.isNull()) {
        if (error)
            *error = tr("The pasted image is empty.");
        return {};
    }
    const QString stem =
        tr("Pasted image %1")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH.mm.ss")));
    QString path = QDir(dir).filePath(stem + QStringLiteral(".png"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QDir(dir).filePath(QStringLiteral("%1 (%2).png").arg(stem).arg(n));
    if (!image.save(path, "PNG")) {
        if (error)
            *error =
                tr("The pasted image could not be saved in %1.").arg(QDir::toNativeSeparators(dir));
        return {};
    }
    return path;
}

QString AttachmentFiles::sizeText(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeSIFormat);
}

QString AttachmentFiles::durationText(quint64 ms)
{
    const quint64 seconds = (ms + 500) / 1000;
    const auto two = [](quint64 n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(two(seconds / 60 % 60), two(seconds % 60));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(two(seconds % 60));
}

QString AttachmentFiles::typeText(const QString &mime, const QString &name)
{
    const QMimeDatabase db;
    QMimeType type = db.mimeTypeForName(mime);
    if (!type.isValid() || type.isDefault())
        type = db.mimeTypeForFile(name, QMimeDatabase::MatchExtension);
    if (type.isValid() && !type.isDefault() && !type.comment().isEmpty())
        return type.comment();
    const QString suffix = QFileInfo(name).suffix().toUpper();
    return suffix.isEmpty() ? tr("File") : tr("%1 file").arg(suffix);
}

bool AttachmentFiles::isImageFile(const QString &path)
{
    const QByteArray format = QImageReader::imageFormat(path);
    return !format.isEmpty() && QImageReader::supportedImageFormats().contains(format);
}

bool AttachmentFiles::isVisual(const QVariantMap &attachment)
{
    const QString k = kind(attachment);
    return k == QLatin1String("image") || k == QLatin1String("video");
}

QString AttachmentFiles::describe(const QVariantMap &attachment)
{
    const QString k = kind(attachment);
    const QString name = attachment.value(QStringLiteral("name")).toString();
    const QString size = sizeText(attachment.value(QStringLiteral("size")).toULongLong());
    const quint64 ms = attachment.value(QStringLiteral("ms")).toULongLong();
    QString what;
    if (k == QLatin1String("image"))
        what = tr("Photo %1, %2").arg(name, size);
    else if (k == QLatin1String("video") && ms > 0)
        what = tr("Video %1, %2, %3").arg(name, durationText(ms), size);
    else if (k == QLatin1String("video"))
        what = tr("Video %1, %2").arg(name, size);
    else if (k == QLatin1String("voice"))
        what = tr("Voice message, %1")
                   .arg(durationText(attachment.value(QStringLiteral("ms")).toULongLong()));
    else
        what = tr("File %1, %2, %3")
                   .arg(name, size,
                        typeText(attachment.value(QStringLiteral("mime")).toString(), name));
    const QString s = state(attachment);
    const int percent = int(std::lround(std::max(0.0, progress(attachment)) * 100));
    if (s == QLatin1String("uploading"))
        return tr("%1, uploading %2%").arg(what).arg(percent);
    if (s == QLatin1String("downloading"))
        return tr("%1, downloading %2%").arg(what).arg(percent);
    if (s == QLatin1String("remote"))
        return tr("%1, not downloaded").arg(what);
    if (s == QLatin1String("failed")) {
        const QString error = attachment.value(QStringLiteral("error")).toString();
        return error.isEmpty() ? tr("%1, transfer failed").arg(what)
                               : tr("%1, transfer failed: %2").arg(what, error);
    }
    if (s == QLatin1String("cancelled"))
        return tr("%1, transfer cancelled").arg(what);
    return what;
}

AttachmentFiles::Action AttachmentFiles::actionFor(const QVariantMap &attachment, bool outgoing)
{
    const QString s = state(attachment);
    if (s == QLatin1String("uploading") || s == QLatin1String("downloading"))
        return Action::Cancel;
    if (s == QLatin1String("failed") || s == QLatin1String("cancelled"))
        return Action::Retry;
    if (s == QLatin1String("remote") && !outgoing)
        return Action::Download;
    return Action::None;
}

QString AttachmentFiles::actionText(Action action, const QVariantMap &attachment, bool outgoing)
{
    switch (action) {
    case Action::Download:
        return tr("Download (%1)")
            .arg(sizeText(attachment.value(QStringLiteral("size")).toULongLong()));
    case Action::Cancel:
        return state(attachment) == QLatin1String("uploading") ? tr("Cancel upload")
                                                               : tr("Cancel download");
    case Action::Retry:
        return outgoing ? tr("Retry upload") : tr("Retry download");
    case Action::None:
        break;
    }
    return {};
}

bool AttachmentFiles::isOpenable(const QVariantMap &attachment)
{
    return !attachment.value(QStringLiteral("path")).toString().isEmpty();
}

qreal AttachmentFiles::progress(const QVariantMap &attachment)
{
    const QString s = state(attachment);
    if (s != QLatin1String("uploading") && s != QLatin1String("downloading"))
        return -1;
    const auto total = attachment.value(QStringLiteral("total")).toULongLong();
    const auto done = attachment.value(QStringLiteral("transferred")).toULongLong();
    return total == 0 ? 0.0 : std::clamp(qreal(done) / qreal(total), 0.0, 1.0);
}

QString AttachmentFiles::startFolder(const QString &preferred, const QString &fallback)
{
    return !preferred.isEmpty() && QFileInfo(preferred).isDir() ? preferred : fallback;
}

} // namespace linnet::ui
