// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AttachmentFiles.h"

#include <QCache>
#include <QFont>
#include <QPixmap>
#include <QRectF>
#include <QVariantMap>

class QPainter;
class QPalette;

namespace linnet::ui {

/**
 * The attachment part of a message bubble (MessageDelegate draws the rest):
 * a picture for images and videos (the sender's thumbnail blurred until the
 * file is here, then the picture itself; a video keeps its sharp thumbnail, with a
 * play button once it is here and a badge with a play sign and its length), a card
 * with icon, name, size and type for other files; a progress bar while it moves and
 * a round button to download, cancel or retry. Keeps the pictures it scaled, per
 * message.
 */
class AttachmentPainter {
public:
    struct Layout {
        QRectF area;     ///< the whole attachment: a click here opens it
        QRectF picture;  ///< images and videos: where the picture goes
        QRectF icon;     ///< files: the icon (or the button in its place)
        QRectF button;   ///< the round action button; empty when there is no action
        QRectF progress; ///< the progress bar; empty when nothing moves
        QRectF badge;    ///< videos: the play sign and length, bottom left of the picture
        QRectF name;
        QRectF details;
        AttachmentFiles::Action action = AttachmentFiles::Action::None;
    };

    AttachmentPainter();

    /** Lays @p attachment out at @p topLeft, at most @p maxWidth wide. */
    static Layout layout(const QVariantMap &attachment, bool outgoing, const QFont &font,
                         const QPointF &topLeft, qreal maxWidth);
    /** A video's badge: its length ("0:06"); empty if unknown (the badge shows the play
     *  sign alone). */
    static QString badgeText(const QVariantMap &attachment);
    /** "2.4 MB · PDF document", or "1.2 MB of 2.4 MB" while it moves. */
    static QString detailsText(const QVariantMap &attachment);

    void paint(QPainter *painter, const Layout &layout, const QVariantMap &attachment,
               const QString &messageId, bool outgoing, const QPalette &palette, const QFont &font);

    /** True if the picture of @p attachment is shown sharp (the file itself is here). */
    static bool showsFullPicture(const QVariantMap &attachment);

    /** The round button: @p action's sign, or a play triangle for @p play (also used by
     *  VoiceNotePainter). */
    static void paintButton(QPainter *painter, const QRectF &rect, AttachmentFiles::Action action,
                            bool play);
    static void paintProgress(QPainter *painter, const QRectF &rect, qreal progress,
                              const QColor &track, const QColor &bar);

private:
    QPixmap picture(const QVariantMap &attachment, const QString &messageId, const QSize &size,
                    qreal dpr);
    void paintPicture(QPainter *painter, const Layout &layout, const QVariantMap &attachment,
                      const QString &messageId, const QFont &font);
    void paintFileCard(QPainter *painter, const Layout &layout, const QVariantMap &attachment,
                       bool outgoing, const QPalette &palette, const QFont &font);
    static void paintVideoBadge(QPainter *painter, const QRectF &rect, quint64 durationMs,
                                const QFont &font);

    QCache<QString, QPixmap> m_pictures;
};

} // namespace linnet::ui
