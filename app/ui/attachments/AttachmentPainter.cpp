// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentPainter.h"

#include "Theme.h"

#include <QBuffer>
#include <QIcon>
#include <QImageReader>
#include <QMimeDatabase>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace linnet::ui {

using Action = AttachmentFiles::Action;

namespace {
constexpr qreal kMaxPicture = 300;
constexpr qreal kMinPictureWidth = 140;
constexpr qreal kMinPictureHeight = 90;
constexpr qreal kButton = 44;
constexpr qreal kIcon = 40;
constexpr qreal kBar = 4;
constexpr qreal kFileCardWidth = 260;
constexpr qreal kPictureRadius = 7;
constexpr qreal kBadgeHeight = 20;
constexpr int kCacheKilobytes = 48 * 1024;

QString text(const QVariantMap &a, const char *key)
{
    return a.value(QLatin1String(key)).toString();
}

bool isVideo(const QVariantMap &a)
{
    return text(a, "kind") == QLatin1String("video");
}

QFont badgeFont(const QFont &base)
{
    QFont f = base;
    f.setBold(true);
    f.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.85));
    return f;
}

QImage thumbnailOf(const QVariantMap &a)
{
    return QImage::fromData(a.value(QStringLiteral("thumbnail")).toByteArray());
}

/** The picture's own size: from the sender's description, else its thumbnail, else 4:3. */
QSizeF sourceSize(const QVariantMap &a)
{
    QSize size(a.value(QStringLiteral("width")).toInt(), a.value(QStringLiteral("height")).toInt());
    if (size.isEmpty()) {
        QByteArray bytes = a.value(QStringLiteral("thumbnail")).toByteArray();
        QBuffer buffer(&bytes);
        size = QImageReader(&buffer).size();
    }
    return size.isEmpty() ? QSizeF(4, 3) : QSizeF(size);
}

/** Smaller, then back up smoothly: a cheap, soft blur for a 320 px thumbnail. */
QImage blurred(const QImage &image)
{
    const QSize tiny(std::max(1, image.width() / 14), std::max(1, image.height() / 14));
    return image.scaled(tiny, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

/** @p image scaled to cover @p size, the overflow cut off evenly. */
QImage cover(const QImage &image, const QSize &size)
{
    if (image.isNull() || size.isEmpty())
        return {};
    const QImage scaled =
        image.scaled(size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    return scaled.copy((scaled.width() - size.width()) / 2, (scaled.height() - size.height()) / 2,
                       size.width(), size.height());
}
} // namespace

AttachmentPainter::AttachmentPainter() : m_pictures(kCacheKilobytes) {}

bool AttachmentPainter::showsFullPicture(const QVariantMap &attachment)
{
    return AttachmentFiles::isOpenable(attachment);
}

QString AttachmentPainter::badgeText(const QVariantMap &a)
{
    const quint64 ms = a.value(QStringLiteral("ms")).toULongLong();
    return ms > 0 ? AttachmentFiles::durationText(ms) : QString();
}

QString AttachmentPainter::detailsText(const QVariantMap &a)
{
    const quint64 size = a.value(QStringLiteral("size")).toULongLong();
    const qreal progress = AttachmentFiles::progress(a);
    if (progress >= 0)
        return AttachmentFiles::tr("%1 of %2")
            .arg(AttachmentFiles::sizeText(quint64(progress * qreal(size))),
                 AttachmentFiles::sizeText(size));
    if (text(a, "state") == QLatin1String("failed")) {
        const QString error = text(a, "error");
        return error.isEmpty() ? AttachmentFiles::tr("Failed")
                               : AttachmentFiles::tr("Failed: %1").arg(error);
    }
    return AttachmentFiles::tr("%1 · %2").arg(
        AttachmentFiles::sizeText(size),
        AttachmentFiles::typeText(text(a, "mime"), text(a, "name")));
}

AttachmentPainter::Layout AttachmentPainter::layout(const QVariantMap &a, bool outgoing,
                                                    const QFont &font, const QPointF &topLeft,
                                                    qreal maxWidth)
{
    Layout l;
    l.action = AttachmentFiles::actionFor(a, outgoing);
    const bool moving = AttachmentFiles::progress(a) >= 0;
    if (AttachmentFiles::isVisual(a)) {
        QSizeF size = sourceSize(a);
        size.scale(std::min(maxWidth, kMaxPicture), kMaxPicture, Qt::KeepAspectRatio);
        size = size.expandedTo(QSizeF(std::min(kMinPictureWidth, maxWidth), kMinPictureHeight));
        l.picture = QRectF(topLeft, QSizeF(std::round(size.width()), std::round(size.height())));
        l.area = l.picture;
        const bool play = isVideo(a) && AttachmentFiles::isOpenable(a);
        if (l.action != Action::None || play)
            l.button = QRectF(l.picture.center() - QPointF(kButton / 2, kButton / 2),
                              QSizeF(kButton, kButton));
        if (moving)
            l.progress = QRectF(l.picture.left() + 10, l.picture.bottom() - 10 - kBar,
                                l.picture.width() - 20, kBar);
        const QString length = badgeText(a);
        // Bottom left, above the bar while it moves: ▶ and the length. Without a length
        // and with ▶ in the middle already, there is nothing it would add.
        if (isVideo(a) && (!length.isEmpty() || !play)) {
            const QFontMetricsF fm(badgeFont(font));
            const qreal width =
                8 + 9 + (length.isEmpty() ? 0 : 5 + fm.horizontalAdvance(length)) + 8;
            const qreal bottom = moving ? l.progress.top() - 6 : l.picture.bottom() - 8;
            l.badge = QRectF(l.picture.left() + 8, bottom - kBadgeHeight,
                             std::min(width, l.picture.width() - 16), kBadgeHeight);
        }
        return l;
    }
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF nameFm(bold);
    const QFontMetricsF fm(font);
    const qreal textWidth =
        std::max(nameFm.horizontalAdvance(text(a, "name")), fm.horizontalAdvance(detailsText(a)));
    const qreal width =
        std::min(maxWidth, std::max(kFileCardWidth, kIcon + 10 + std::ceil(textWidth)));
    const qreal textHeight = nameFm.height() + fm.height();
    const qreal cardHeight = std::max(kIcon, textHeight) + 8;
    // Icon and text centred in what the bar leaves (all of the card when there is none).
    const qreal contentHeight = moving ? cardHeight : cardHeight + kBar + 6;
    l.icon = QRectF(topLeft.x() + 4, topLeft.y() + (contentHeight - kIcon) / 2, kIcon, kIcon);
    if (l.action != Action::None)
        l.button = l.icon;
    const qreal textLeft = l.icon.right() + 10;
    const qreal textTop = topLeft.y() + (contentHeight - textHeight) / 2;
    l.name = QRectF(textLeft, textTop, topLeft.x() + width - textLeft, nameFm.height());
    l.details = QRectF(textLeft, l.name.bottom(), l.name.width(), fm.height());
    // Room for the bar whether or not it shows: a card keeps its height as its transfer
    // starts and ends, so the messages under it do not jump.
    l.area = QRectF(topLeft, QSizeF(width, cardHeight + kBar + 6));
    if (moving)
        l.progress = QRectF(topLeft.x() + 4, topLeft.y() + cardHeight + 2, width - 8, kBar);
    return l;
}

QPixmap AttachmentPainter::picture(const QVariantMap &a, const QString &messageId,
                                   const QSize &size, qreal dpr)
{
    const bool full = showsFullPicture(a);
    const QSize pixels = (QSizeF(size) * dpr).toSize();
    const QString key = QStringLiteral("%1/%2/%3x%4")
                            .arg(messageId, full ? text(a, "path") : QStringLiteral("thumb"))
                            .arg(pixels.width())
                            .arg(pixels.height());
    if (QPixmap *cached = m_pictures.object(key))
        return *cached;
    QImage image;
    if (full && text(a, "kind") == QLatin1String("image")) {
        QImageReader reader(text(a, "path"));
        reader.setAutoTransform(true);
        QSize scaled = reader.size();
        if (scaled.isValid()) {
            scaled.scale(pixels, Qt::KeepAspectRatioByExpanding);
            reader.setScaledSize(scaled);
        }
        image = reader.read();
    }
    if (image.isNull()) {
        // A video shows the frame its sender made (its thumbnail), sharp once fetched.
        image = thumbnailOf(a);
        if (!full && !image.isNull())
            image = blurred(image);
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(cover(image, pixels)));
    pixmap->setDevicePixelRatio(dpr);
    const QPixmap out = *pixmap;
    m_pictures.insert(key, pixmap, std::max(1, pixels.width() * pixels.height() * 4 / 1024));
    return out;
}

void AttachmentPainter::paint(QPainter *painter, const Layout &l, const QVariantMap &a,
                              const QString &messageId, bool outgoing, const QPalette &palette,
                              const QFont &font)
{
    painter->save();
    if (!l.picture.isEmpty())
        paintPicture(painter, l, a, messageId, font);
    else
        paintFileCard(painter, l, a, outgoing, palette, font);
    painter->restore();
}

void AttachmentPainter::paintPicture(QPainter *painter, const Layout &l, const QVariantMap &a,
                                     const QString &messageId, const QFont &font)
{
    QPainterPath clip;
    clip.addRoundedRect(l.picture, kPictureRadius, kPictureRadius);
    painter->setClipPath(clip);
    const QPixmap pixmap =
        picture(a, messageId, l.picture.size().toSize(), painter->device()->devicePixelRatioF());
    if (pixmap.isNull()) {
        // No picture (a video no frame could be decoded of): a plain dark or grey card.
        painter->fillRect(l.picture,
                          isVideo(a) ? QColor(0x2a, 0x2e, 0x33) : QColor(0x9a, 0xa0, 0xa8));
        const QRectF icon(l.picture.center() - QPointF(24, 24), QSizeF(48, 48));
        if (l.button.isEmpty() && !isVideo(a))
            QIcon(QStringLiteral(":/icons/image.svg")).paint(painter, icon.toRect());
    } else {
        painter->drawPixmap(l.picture.topLeft(), pixmap);
    }
    painter->setClipping(false);
    const bool play = isVideo(a) && l.action == Action::None;
    if (!l.button.isEmpty())
        paintButton(painter, l.button, l.action, play);
    if (!l.badge.isEmpty())
        paintVideoBadge(painter, l.badge, a.value(QStringLiteral("ms")).toULongLong(), font);
    if (l.action == Action::Download) {
        // How much a tap costs, under the button (the size decides whether to fetch it).
        QFont small = painter->font();
        small.setBold(true);
        painter->setFont(small);
        const QString size =
            AttachmentFiles::sizeText(a.value(QStringLiteral("size")).toULongLong());
        const QRectF label(l.picture.left(), l.button.bottom() + 6, l.picture.width(),
                           QFontMetricsF(small).height());
        painter->setPen(Qt::white);
        painter->drawText(label, Qt::AlignHCenter | Qt::AlignTop, size);
    }
    if (!l.progress.isEmpty())
        paintProgress(painter, l.progress, AttachmentFiles::progress(a), QColor(0, 0, 0, 90),
                      Qt::white);
}

void AttachmentPainter::paintFileCard(QPainter *painter, const Layout &l, const QVariantMap &a,
                                      bool outgoing, const QPalette &palette, const QFont &font)
{
    const QColor textColor = outgoing ? QColor(Qt::white) : palette.color(QPalette::Text);
    const QColor dim =
        outgoing ? QColor(255, 255, 255, 200) : palette.color(QPalette::PlaceholderText);
    painter->setPen(Qt::NoPen);
    painter->setBrush(outgoing ? QColor(0, 0, 0, 28) : palette.color(QPalette::AlternateBase));
    painter->drawRoundedRect(l.area, kPictureRadius, kPictureRadius);
    if (l.action != Action::None) {
        paintButton(painter, l.button, l.action, false);
    } else {
        const QMimeType mime = QMimeDatabase().mimeTypeForName(text(a, "mime"));
        const QIcon icon =
            QIcon::fromTheme(mime.iconName(), QIcon(QStringLiteral(":/icons/file.svg")));
        icon.paint(painter, l.icon.toRect());
    }
    QFont bold = font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColor);
    painter->drawText(
        l.name, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(bold).elidedText(text(a, "name"), Qt::ElideMiddle, l.name.width()));
    painter->setFont(font);
    const bool failed = text(a, "state") == QLatin1String("failed");
    painter->setPen(failed ? (outgoing ? QColor(0xff, 0xd6, 0xd6) : QColor(0xd0, 0x30, 0x30))
                           : dim);
    painter->drawText(
        l.details, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(font).elidedText(detailsText(a), Qt::ElideRight, l.details.width()));
    if (!l.progress.isEmpty())
        paintProgress(painter, l.progress, AttachmentFiles::progress(a),
                      outgoing ? QColor(255, 255, 255, 70) : palette.color(QPalette::Midlight),
                      outgoing ? QColor(Qt::white) : accentColor());
}

void AttachmentPainter::paintButton(QPainter *painter, const QRectF &rect, Action action, bool play)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 120));
    painter->drawEllipse(rect);
    painter->setPen(QPen(Qt::white, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    const QPointF c = rect.center();
    const qreal s = rect.width() * 0.22;
    if (play) {
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        const QPointF tri[] = {c + QPointF(-s * 0.6, -s), c + QPointF(s, 0),
                               c + QPointF(-s * 0.6, s)};
        painter->drawPolygon(tri, 3);
    } else if (action == Action::Download) {
        painter->drawLine(c + QPointF(0, -s), c + QPointF(0, s));
        painter->drawLine(c + QPointF(-s * 0.7, s * 0.3), c + QPointF(0, s));
        painter->drawLine(c + QPointF(s * 0.7, s * 0.3), c + QPointF(0, s));
    } else if (action == Action::Cancel) {
        painter->drawLine(c + QPointF(-s * 0.7, -s * 0.7), c + QPointF(s * 0.7, s * 0.7));
        painter->drawLine(c + QPointF(s * 0.7, -s * 0.7), c + QPointF(-s * 0.7, s * 0.7));
    } else if (action == Action::Retry) {
        const QRectF arc(c - QPointF(s, s), QSizeF(2 * s, 2 * s));
        painter->drawArc(arc, 60 * 16, 290 * 16);
        const QPointF tip = c + QPointF(s * 0.5, -s * 0.87);
        painter->drawLine(tip, tip + QPointF(-s * 0.1, -s * 0.55));
        painter->drawLine(tip, tip + QPointF(s * 0.5, s * 0.15));
    }
    painter->restore();
}

void AttachmentPainter::paintVideoBadge(QPainter *painter, const QRectF &rect, quint64 durationMs,
                                        const QFont &font)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 140));
    painter->drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    // The play sign, then the length in white.
    const qreal cy = rect.center().y();
    const qreal x = rect.left() + 8;
    const QPointF tri[] = {QPointF(x, cy - 5), QPointF(x + 8, cy), QPointF(x, cy + 5)};
    painter->setBrush(Qt::white);
    painter->drawPolygon(tri, 3);
    if (durationMs > 0) {
        painter->setFont(badgeFont(font));
        painter->setPen(Qt::white);
        const QRectF label(x + 9 + 5, rect.top(), rect.right() - (x + 9 + 5), rect.height());
        painter->drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                          AttachmentFiles::durationText(durationMs));
    }
    painter->restore();
}

void AttachmentPainter::paintProgress(QPainter *painter, const QRectF &rect, qreal progress,
                                      const QColor &track, const QColor &bar)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    QRectF done = rect;
    done.setWidth(std::max(rect.height(), rect.width() * std::clamp(progress, 0.0, 1.0)));
    painter->setBrush(bar);
    painter->drawRoundedRect(done, rect.height() / 2, rect.height() / 2);
}

} // namespace linnet::ui
