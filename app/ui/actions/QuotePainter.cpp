// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/QuotePainter.h"

#include "ChatListDelegate.h"
#include "MessageDelegate.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace linnet::ui {

namespace {
constexpr qreal kBar = 3;
constexpr qreal kPad = 6;
constexpr qreal kRadius = 5;

QFont smallFont(QFont font, bool bold = false)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(std::max(1, font.pixelSize() * 17 / 20));
    font.setBold(bold);
    return font;
}
} // namespace

QString QuotePainter::quotedText(const QVariantMap &reply)
{
    const QString text = reply.value(QStringLiteral("text")).toString();
    if (!text.isEmpty())
        return text;
    const QString kind = reply.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("image"))
        return tr("Photo");
    if (kind == QLatin1String("video"))
        return tr("Video");
    if (kind == QLatin1String("audio"))
        return tr("Audio");
    if (kind == QLatin1String("voice"))
        return tr("Voice message");
    if (kind == QLatin1String("file"))
        return tr("File");
    return tr("Message");
}

QSizeF QuotePainter::size(const QVariantMap &reply, const QFont &font, qreal maxWidth)
{
    const QFontMetricsF name(smallFont(font, true));
    const QFontMetricsF text(MessageDelegate::messageFont(smallFont(font)));
    const qreal wanted =
        std::max(name.horizontalAdvance(reply.value(QStringLiteral("from")).toString()),
                 text.horizontalAdvance(quotedText(reply)));
    return {std::min(maxWidth, std::ceil(wanted + kBar + 3 * kPad)),
            std::ceil(name.height() + text.height() + 2 * kPad)};
}

void QuotePainter::paint(QPainter *painter, const QRectF &rect, const QVariantMap &reply,
                         bool outgoing, const QPalette &palette, const QFont &font)
{
    const QString from = reply.value(QStringLiteral("from")).toString();
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(outgoing ? QColor(0, 0, 0, 40) : palette.color(QPalette::AlternateBase));
    painter->drawRoundedRect(rect, kRadius, kRadius);
    const QColor authorColor = ChatListDelegate::avatarColor(from);
    painter->setBrush(outgoing ? QColor(Qt::white) : authorColor);
    painter->drawRoundedRect(QRectF(rect.left(), rect.top(), kBar, rect.height()), 1.5, 1.5);
    const QFont nameFont = smallFont(font, true);
    const QFont textFont = MessageDelegate::messageFont(smallFont(font));
    const qreal left = rect.left() + kBar + kPad;
    const qreal width = rect.width() - kBar - 2 * kPad;
    const QFontMetricsF nameMetrics(nameFont);
    painter->setFont(nameFont);
    painter->setPen(outgoing ? QColor(Qt::white) : authorColor);
    painter->drawText(QRectF(left, rect.top() + kPad, width, nameMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(from, Qt::ElideRight, width));
    const QFontMetricsF textMetrics(textFont);
    painter->setFont(textFont);
    painter->setPen(outgoing ? QColor(255, 255, 255, 220) : palette.color(QPalette::Text));
    painter->drawText(
        QRectF(left, rect.top() + kPad + nameMetrics.height(), width, textMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        textMetrics.elidedText(quotedText(reply), Qt::ElideRight, width));
    painter->restore();
}

} // namespace linnet::ui
