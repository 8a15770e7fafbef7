// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/MediaFiles.h"

#include "media/VideoFrameGrabber.h"
#include "protocol/Limits.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMimeDatabase>
#include <QSaveFile>

namespace linnet::client::mediafiles {

protocol::FileKind kindForMime(const QString &mime)
{
    if (mime.startsWith(QLatin1String("image/")))
        return protocol::FileKind::Image;
    if (mime.startsWith(QLatin1String("video/")))
        return protocol::FileKind::Video;
    if (mime.startsWith(QLatin1String("audio/")))
        return protocol::FileKind::Audio;
    return protocol::FileKind::File;
}

QString mimeTypeOf(const QString &path)
{
    const QString name = QMimeDatabase().mimeTypeForFile(path).name();
    if (name.isEmpty() || name.size() > protocol::kMaxMimeLength)
        return QStringLiteral("application/octet-stream");
    return name;
}

Preview makePreview(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (!reader.canRead() || !size.isValid() || size.isEmpty())
        return {};
    // A rotated photo (EXIF) is shown turned: width and height are the shown ones.
    const auto t = reader.transformation();
    if (t & QImageIOHandler::TransformationRotate90)
        size.transpose();
    Preview out;
    out.width = quint32(size.width());
    out.height = quint32(size.height());
    const QSize target = size.scaled(kMaxPreviewSide, kMaxPreviewSide, Qt::KeepAspectRatio)
                             .boundedTo(size)
                             .expandedTo(QSize(1, 1));
    if (reader.supportsOption(QImageIOHandler::ScaledSize) &&
        !(t & QImageIOHandler::TransformationRotate90))
        reader.setScaledSize(target); // decoded small (JPEG: at a fraction of the cost)
    QImage image = reader.read();
    if (image.isNull())
        return {};
    out.jpeg = previewJpeg(std::move(image));
    if (out.jpeg.isEmpty())
        return {};
    return out;
}

QByteArray previewJpeg(QImage image)
{
    if (image.isNull())
        return {};
    if (image.width() > kMaxPreviewSide || image.height() > kMaxPreviewSide)
        image = image.scaled(kMaxPreviewSide, kMaxPreviewSide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) {
        // JPEG has no transparency: what is see-through shows white, as on a page.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                const qreal a = c.alphaF();
                flat.setPixelColor(x, y,
                                   QColor::fromRgbF(c.redF() * a + (1 - a),
                                                    c.greenF() * a + (1 - a),
                                                    c.blueF() * a + (1 - a)));
            }
        image = flat;
    }
    // Smaller quality until it fits; a last resort halves the size.
    for (int side = kMaxPreviewSide; side >= 40; side /= 2) {
        QImage scaled =
            image.width() > side || image.height() > side
                ? image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                : image;
        for (int quality : {80, 65, 50, 35, 20}) {
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            if (!scaled.save(&buffer, "JPEG", quality))
                return {};
            if (jpeg.size() <= protocol::kMaxThumbnailBytes)
                return jpeg;
        }
    }
    return {};
}

Preview makeVideoPreview(const QString &path, const std::function<bool()> &cancelled)
{
    const VideoStill still = VideoFrameGrabber::grab(path, cancelled);
    Preview out;
    out.durationMs = still.durationMs;
    if (!still.size.isEmpty()) {
        out.width = quint32(still.size.width());
        out.height = quint32(still.size.height());
    }
    if (still.hasImage())
        out.jpeg = previewJpeg(still.image);
    return out;
}

QString safeFileName(const QString &name)
{
    // Only what follows the last separator: a name is never a path.
    QString base = name;
    const qsizetype cut = std::max(base.lastIndexOf(u'/'), base.lastIndexOf(u'\\'));
    if (cut >= 0)
        base = base.mid(cut + 1);
    QString out;
    out.reserve(base.size());
    for (const QChar c : std::as_const(base)) {
        const bool bad = c.category() == QChar::Other_Control ||
                         c.category() == QChar::Other_Format ||
                         QStringView(u"<>:\"/\\|?*").contains(c);
        out += bad ? QChar(u'_') : c;
    }
    while (out.startsWith(u'.'))
        out.remove(0, 1);
    while (out.endsWith(u'.') || out.endsWith(u' '))
        out.chop(1);
    out = out.trimmed();
    if (out.isEmpty())
        return QStringLiteral("file");
    // File systems count bytes (255 on most): leave room for " (12)" and ".part".
    constexpr qsizetype kMaxBytes = 200;
    if (out.size() > protocol::kMaxFileNameLength || out.toUtf8().size() > kMaxBytes) {
        const QString suffix = QFileInfo(out).suffix();
        const bool keepSuffix = !suffix.isEmpty() && suffix.toUtf8().size() < 16;
        QString stem = keepSuffix ? out.left(out.size() - suffix.size() - 1) : out;
        const qsizetype room = kMaxBytes - (keepSuffix ? suffix.toUtf8().size() + 1 : 0);
        while (!stem.isEmpty() &&
               (stem.toUtf8().size() > room || stem.size() > protocol::kMaxFileNameLength - 20))
            stem.chop(stem.back().isLowSurrogate() && stem.size() > 1 ? 2 : 1);
        out = keepSuffix ? stem + u'.' + suffix : stem;
        if (stem.isEmpty())
            return keepSuffix ? QStringLiteral("file.") + suffix : QStringLiteral("file");
    }
    return out;
}

QString uniqueFilePath(const QString &dir, const QString &safeName)
{
    const QDir d(dir);
    const QFileInfo info(safeName);
    const QString stem = info.completeBaseName().isEmpty() ? safeName : info.completeBaseName();
    const QString suffix = info.completeBaseName().isEmpty() || info.suffix().isEmpty()
                               ? QString()
                               : QLatin1Char('.') + info.completeSuffix();
    for (int n = 0;; ++n) {
        const QString candidate =
            n == 0 ? safeName : QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix);
        const QString path = d.filePath(candidate);
        if (!QFileInfo::exists(path) && !QFileInfo::exists(path + QStringLiteral(".part")))
            return path;
    }
}

namespace {

using Status = PreparedCopy::Status;

Status copyThroughTemporary(const QString &source, const QString &copy, quint64 size,
                            const std::function<bool()> &cancelled)
{
    if (const QFileInfo done(copy); done.isFile() && quint64(done.size()) == size)
        return Status::Ok; // made before (the app stopped before it was recorded)
    QFile in(source);
    if (quint64(QFileInfo(source).size()) != size || !in.open(QIODevice::ReadOnly))
        return Status::SourceGone;
    if (!QDir().mkpath(QFileInfo(copy).absolutePath()))
        return Status::CopyFailed;
    QFile::remove(copy); // a file of another size under the final name is not ours
    QSaveFile out(copy); // a temporary name beside it, renamed by commit()
    if (!out.open(QIODevice::WriteOnly))
        return Status::CopyFailed;
    constexpr qint64 kChunk = 1024 * 1024;
    QByteArray buffer(kChunk, Qt::Uninitialized);
    quint64 copied = 0;
    while (copied < size) {
        if (cancelled())
            return Status::Cancelled; // QSaveFile drops the temporary file
        const qint64 n = in.read(buffer.data(), kChunk);
        if (n < 0)
            return Status::SourceGone;
        if (n == 0)
            break;
        if (out.write(buffer.constData(), n) != n)
            return Status::CopyFailed;
        copied += quint64(n);
    }
    if (copied != size || !in.atEnd())
        return Status::SourceGone; // it changed while it was copied
    if (!out.commit())
        return Status::CopyFailed;
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Status::Ok;
}

} // namespace

PreparedCopy prepareCopy(const QString &source, const QString &copy, quint64 size,
                         const std::function<bool()> &cancelled)
{
    PreparedCopy out;
    out.status = copyThroughTemporary(source, copy, size, cancelled);
    if (out.status != Status::Ok)
        return out;
    out.mime = mimeTypeOf(copy);
    out.kind = kindForMime(out.mime);
    if (out.kind == protocol::FileKind::Image) {
        out.preview = makePreview(copy);
        if (out.preview.isNull())
            out.kind = protocol::FileKind::File; // not an image Qt can show
    } else if (out.kind == protocol::FileKind::Video) {
        // A video Qt cannot decode is still a video: sent without a thumbnail.
        out.preview = makeVideoPreview(copy, cancelled);
        if (cancelled())
            out.status = Status::Cancelled;
    }
    return out;
}

} // namespace linnet::client::mediafiles
