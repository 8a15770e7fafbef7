// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageContent.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <functional>

namespace linnet::client {

/**
 * The file side of attachments, free of network and database: what a file is
 * (MIME type and kind), its preview, and the names it is stored under. A
 * sender's name is never trusted: safeFileName() makes one that cannot leave
 * the folder it is saved in, and uniqueFilePath() never overwrites.
 */
namespace mediafiles {

/** A JPEG preview of an image or a video, its size in pixels and a video's duration. */
struct Preview {
    QByteArray jpeg; ///< at most protocol::kMaxThumbnailBytes, at most kMaxPreviewSide px
    quint32 width = 0;
    quint32 height = 0;
    quint64 durationMs = 0; ///< videos; 0 if unknown
    bool isNull() const { return jpeg.isEmpty(); }
};

/** The long side of a preview. */
inline constexpr int kMaxPreviewSide = 320;

/** The kind an attachment of MIME type @p mime is shown as (image, video, audio, file). */
protocol::FileKind kindForMime(const QString &mime);

/** The MIME type of @p path by its content and name; application/octet-stream if unknown,
 *  never longer than protocol::kMaxMimeLength. */
QString mimeTypeOf(const QString &path);

/** A preview of the image at @p path (EXIF orientation applied); null if it is no image
 *  Qt can read. Reads a scaled-down image where the format allows, so a large photo is
 *  never decoded whole. */
Preview makePreview(const QString &path);

/** A preview of the video at @p path: a frame from 1 s in (10 % of a shorter one) as
 *  JPEG, the video's size and duration (VideoFrameGrabber). Blocks until the frame is
 *  decoded (a worker thread's job); @p cancelled is asked while it waits. For a file Qt
 *  cannot decode: no JPEG, and what is known of size and duration. */
Preview makeVideoPreview(const QString &path, const std::function<bool()> &cancelled = {});

/** @p image as a JPEG preview: at most kMaxPreviewSide px on its long side and at most
 *  protocol::kMaxThumbnailBytes (lower quality, then smaller, until it fits); transparency
 *  shows white. Empty if it cannot be made. */
QByteArray previewJpeg(QImage image);

/** What prepareCopy() made of a file to send. */
struct PreparedCopy {
    enum class Status {
        Ok,
        SourceGone, ///< the original is not there, or not of the size it had
        CopyFailed, ///< the copy could not be written (disk full...); nothing of it is left
        Cancelled,
    };
    Status status = Status::Ok;
    QString mime;
    protocol::FileKind kind = protocol::FileKind::File;
    /** An image Qt can show (kind Image), a video's frame, size and duration (kind Video;
     *  the JPEG empty if no frame could be decoded); null otherwise. */
    Preview preview;
};

/**
 * Copies @p source (of @p size bytes) to @p copy, through a temporary file in the same
 * folder that is renamed only once complete, so that @p copy is never a part of the file;
 * a complete @p copy already there is kept. Then the copy's MIME type, kind and preview
 * (a video's is a decoded frame; a video without one is still sent as a video).
 * Touches nothing but these files: made to run on a worker thread. @p cancelled is asked
 * between chunks and while a video's frame is decoded.
 */
PreparedCopy prepareCopy(const QString &source, const QString &copy, quint64 size,
                         const std::function<bool()> &cancelled);

/**
 * A name for a file from @p name that is safe to create in a folder: no directory part,
 * no path separators, control characters or characters Windows forbids (each becomes
 * '_'), no leading dots (hidden or ".."), no trailing dots or spaces, at most
 * protocol::kMaxFileNameLength characters (the extension kept). "file" if nothing is left.
 */
QString safeFileName(const QString &name);

/** A path in @p dir for @p safeName that names no existing file: "name.ext", else
 *  "name (1).ext", "name (2).ext"... (also free of "<path>.part"). */
QString uniqueFilePath(const QString &dir, const QString &safeName);

} // namespace mediafiles

} // namespace linnet::client
