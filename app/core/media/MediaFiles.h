// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageContent.h"

#include <QByteArray>
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

/** A JPEG preview of an image and the image's size in pixels. */
struct Preview {
    QByteArray jpeg; ///< at most protocol::kMaxThumbnailBytes, at most kMaxPreviewSide px
    quint32 width = 0;
    quint32 height = 0;
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
    Preview preview; ///< for an image Qt can show (kind Image); null otherwise
};

/**
 * Copies @p source (of @p size bytes) to @p copy, through a temporary file in the same
 * folder that is renamed only once complete, so that @p copy is never a part of the file;
 * a complete @p copy already there is kept. Then the copy's MIME type, kind and preview.
 * Touches nothing but these files: made to run on a worker thread. @p cancelled is asked
 * between chunks.
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
