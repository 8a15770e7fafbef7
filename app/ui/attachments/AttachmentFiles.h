// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVariantMap>

class QImage;
class QMimeData;

namespace linnet::ui {

/**
 * What the UI needs to know about files it attaches and attachments it shows:
 * which dropped or pasted data are files to send, sizes and types as people
 * read them, and the words for an attachment's state (the same words name the
 * click targets, the context menu entries and what a screen reader says).
 */
class AttachmentFiles {
    Q_DECLARE_TR_FUNCTIONS(AttachmentFiles)
public:
    /** Local files among @p data's URLs (folders and remote URLs left out), in order. */
    static QStringList localFiles(const QMimeData *data);
    /** True if @p data is something to attach: image data or local files. */
    static bool isAttachable(const QMimeData *data);
    /**
     * Saves @p image as a PNG named after the time in @p dir ("Pasted image
     * 2026-12-07 10.15.02.png", numbered if taken); returns the path, or empty with
     * the reason in @p error.
     */
    static QString savePastedImage(const QImage &image, const QString &dir, QString *error);

    /** "2.4 MB", "512 bytes" in the user's locale. */
    static QString sizeText(quint64 bytes);
    /** A video's or a sound's length as a player shows it: "0:06", "12:34", "1:02:03". */
    static QString durationText(quint64 ms);
    /** "PDF document", or the extension in capitals ("ZIP file") when the type is unknown. */
    static QString typeText(const QString &mime, const QString &name);
    /** True if @p path is an image Qt can show (by content type, not only its name). */
    static bool isImageFile(const QString &path);
    /** Where a file dialog starts: @p preferred if that folder exists, else @p fallback
     *  (a missing folder would open its parent with its name typed in as the file name). */
    static QString startFolder(const QString &preferred, const QString &fallback);

    /** The AttachmentRole map's "kind" is an image or a video: shown as a picture. */
    static bool isVisual(const QVariantMap &attachment);
    /** "Photo, 2.4 MB, downloading 40%": the attachment as a screen reader says it. */
    static QString describe(const QVariantMap &attachment);

    /** What a click on the attachment's round button does in its state. */
    enum class Action { None, Download, Cancel, Retry };
    static Action actionFor(const QVariantMap &attachment, bool outgoing);
    /** "Download (12 MB)", "Cancel upload", "Cancel download", "Retry": the button's name. */
    static QString actionText(Action action, const QVariantMap &attachment, bool outgoing);
    /** The file can be opened here (own copy, or downloaded and checked). */
    static bool isOpenable(const QVariantMap &attachment);
    /** 0..1 while an upload or download is under way, -1 otherwise. */
    static qreal progress(const QVariantMap &attachment);
};

} // namespace linnet::ui
