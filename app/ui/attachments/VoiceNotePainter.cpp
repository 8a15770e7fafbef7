// SPDX-License-Identifier: GPL-3.0-or-later
#include "VoiceNotePainter.h"

#include "Theme.h"

#include <QPainter>
#include <QPalette>

namespace linnet::ui {

using Action = AttachmentFiles::Action;

namespace {
constexpr qreal kWidth = 260;
constexpr qreal kButton = 40;
constexpr qreal kWaveHeight = 24;
constexpr qreal kRadius = 7;
constexpr int kFlatBars = 40; ///< a note without a waveform shows this many low bars

QString text(const QVariantMap &a, const char *key)
{
    return a.value(QLatin1String(key)).toString();
}
} // namespace

bool VoiceNotePainter::isVoice(const QVariantMap &attachment)
{
    return text(attachment, "kind") == QLatin1String("voice");
}

AttachmentPainter::Layout VoiceNotePainter::layout(const QVariantMap &a, bool outgoing,
                                                   const QFont &font, const QPointF &topLeft,
                                                   qreal maxWidth)
{
    AttachmentPainter::Layout l;
    l.action = AttachmentFiles::actionFor(a, outgoing);
    const QFontMetricsF fm(font);
    const qreal width = std::min(maxWidth, kWidth);
    const qreal height = std::max(kButton, kWaveHeight + fm.height()) + 12;
    l.area = QRectF(topLeft, QSizeF(width, height));
    l.button = QRectF(topLeft.x() + 6, topLeft.y() + (height - kButton) / 2, kButton, kButton);
    l.icon = l.button;
    const qreal left = l.button.right() + 10;
    const qreal top = topLeft.y() + (height - kWaveHeight - fm.height()) / 2;
    l.progress = QRectF(left, top, topLeft.x() + width - 10 - left, kWaveHeight);
    l.details = QRectF(left, l.progress.bottom(), l.progress.width(), fm.height());
    return l;
}

qint64 VoiceNotePainter::durationOf(const QVariantMap &a, const Playback &playback)
{
    const qint64 ms = a.value(QStringLiteral("ms")).toLongLong();
    return ms > 0 ? ms : playback.durationMs;
}

qreal VoiceNotePainter::fractionAt(const AttachmentPainter::Layout &l, const QPointF &pos)
{
    const QRectF hit = l.progress.adjusted(0, -6, 0, 6);
    if (!hit.contains(pos) || l.progress.width() <= 0)
        return -1;
    return std::clamp((pos.x() - l.progress.left()) / l.progress.width(), 0.0, 1.0);
}

QString VoiceNotePainter::buttonText(const QVariantMap &a, const Playback &playback, bool outgoing)
{
    const Action action = AttachmentFiles::actionFor(a, outgoing);
    if (action != Action::None)
        return AttachmentFiles::actionText(action, a, outgoing);
    return playback.playing ? AttachmentFiles::tr("Pause voice message")
                            : AttachmentFiles::tr("Play voice message");
}

void VoiceNotePainter::paint(QPainter *painter, const AttachmentPainter::Layout &l,
                             const QVariantMap &a, const Playback &playback, bool outgoing,
                             const QPalette &palette, const QFont &font)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor strong = outgoing ? QColor(Qt::white) : accentColor();
    const QColor dim =
        outgoing ? QColor(255, 255, 255, 110) : palette.color(QPalette::PlaceholderText);
    painter->setPen(Qt::NoPen);
    painter->setBrush(outgoing ? QColor(0, 0, 0, 28) : palette.color(QPalette::AlternateBase));
    painter->drawRoundedRect(l.area, kRadius, kRadius);

    // The button: play or pause once the note is here, else the transfer's action.
    if (l.action != Action::None || !playback.playing) {
        AttachmentPainter::paintButton(painter, l.button, l.action, l.action == Action::None);
    } else {
        AttachmentPainter::paintButton(painter, l.button, Action::None, false);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        const QPointF c = l.button.center();
        const qreal s = l.button.width() * 0.2;
        painter->drawRect(QRectF(c.x() - s * 0.9, c.y() - s, s * 0.6, 2 * s));
        painter->drawRect(QRectF(c.x() + s * 0.3, c.y() - s, s * 0.6, 2 * s));
    }

    // The waveform, filled up to where the note is.
    const qint64 duration = durationOf(a, playback);
    const qreal played =
        playback.current && duration > 0
            ? std::clamp(qreal(playback.positionMs) / qreal(duration), 0.0, 1.0)
            : (AttachmentFiles::progress(a) >= 0 ? AttachmentFiles::progress(a) : 0.0);
    const QByteArray wave = a.value(QStringLiteral("wave")).toByteArray();
    const int bars = wave.isEmpty() ? kFlatBars : int(wave.size());
    const qreal step = l.progress.width() / bars;
    const qreal barWidth = std::max(1.5, step * 0.6);
    for (int i = 0; i < bars; ++i) {
        const qreal level = wave.isEmpty() ? 0.1 : quint8(wave.at(i)) / 255.0;
        const qreal h = std::max(3.0, level * l.progress.height());
        const qreal x = l.progress.left() + i * step;
        painter->setBrush((i + 0.5) / bars <= played ? strong : dim);
        painter->drawRoundedRect(QRectF(x, l.progress.center().y() - h / 2, barWidth, h),
                                 barWidth / 2, barWidth / 2);
    }

    // Under it: where it is while it plays, else its length (or the transfer's bytes).
    QString time;
    if (AttachmentFiles::progress(a) >= 0 || text(a, "state") == QLatin1String("failed"))
        time = AttachmentPainter::detailsText(a);
    else if (playback.current && (playback.playing || playback.positionMs > 0))
        time = AttachmentFiles::durationText(quint64(playback.positionMs));
    else
        time = AttachmentFiles::durationText(quint64(duration));
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.9);
    painter->setFont(small);
    painter->setPen(outgoing ? QColor(255, 255, 255, 210)
                             : palette.color(QPalette::PlaceholderText));
    painter->drawText(l.details, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(small).elidedText(time, Qt::ElideRight, l.details.width()));
    painter->restore();
}

} // namespace linnet::ui
