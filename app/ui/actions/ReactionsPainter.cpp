// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/ReactionsPainter.h"

#include "MessageDelegate.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

namespace linnet::ui {

namespace {
constexpr qreal kPadH = 6;
constexpr qreal kPadV = 2;
constexpr qreal kGap = 4;

QFont pillFont(const QFont &base)
{
    return MessageDelegate::messageFont(base);
}
} // namespace

QString ReactionsPainter::label(const QVariantMap &reaction)
{
    return QStringLiteral("%1 %2").arg(
        reaction.value(QStringLiteral("emoji")).toString(),
        QString::number(reaction.value(QStringLiteral("count")).toInt()));
}

QList<QRectF> ReactionsPainter::pills(const QVariantList &reactions, const QFont &font,
                                      const QPointF &topLeft, qreal maxWidth)
{
    const QFontMetricsF fm(pillFont(font));
    const qreal height = fm.height() + 2 * kPadV;
    QList<QRectF> out;
    QPointF at = topLeft;
    for (const QVariant &r : reactions) {
        const qreal width = fm.horizontalAdvance(label(r.toMap())) + 2 * kPadH;
        if (!out.isEmpty() && at.x() + width > topLeft.x() + maxWidth)
            at = QPointF(topLeft.x(), at.y() + height + kGap);
        out.append(QRectF(at, QSizeF(width, height)));
        at.rx() += width + kGap;
    }
    return out;
}

QRectF ReactionsPainter::area(const QList<QRectF> &pills)
{
    QRectF r;
    for (const QRectF &p : pills)
        r = r.isNull() ? p : r.united(p);
    return r;
}

void ReactionsPainter::paint(QPainter *painter, const QList<QRectF> &pills,
                             const QVariantList &reactions, const QString &self,
                             const QPalette &palette, const QFont &font)
{
    painter->save();
    painter->setFont(pillFont(font));
    for (int i = 0; i < pills.size() && i < reactions.size(); ++i) {
        const QVariantMap r = reactions.at(i).toMap();
        const bool mine = r.value(QStringLiteral("from")).toStringList().contains(self);
        painter->setPen(mine ? QPen(accentColor(), 1.5) : QPen(palette.color(QPalette::Mid), 1));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawRoundedRect(pills.at(i), pills.at(i).height() / 2, pills.at(i).height() / 2);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(pills.at(i), Qt::AlignCenter, label(r));
    }
    painter->restore();
}

QString ReactionsPainter::whoReacted(const QVariantList &reactions, const QString &self)
{
    QStringList lines;
    for (const QVariant &v : reactions) {
        const QVariantMap r = v.toMap();
        QStringList who = r.value(QStringLiteral("from")).toStringList();
        for (QString &name : who)
            if (name == self)
                name = tr("you");
        lines << QStringLiteral("%1 %2").arg(r.value(QStringLiteral("emoji")).toString(),
                                             who.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QRectF ReactionsPainter::layoutUnder(const QVariantList &reactions, const QFont &font,
                                     const QRectF &bubble, bool outgoing, qreal maxWidth,
                                     QList<QRectF> *pills)
{
    // A row of pills (more rows if many), 3 px under the bubble.
    *pills = ReactionsPainter::pills(reactions, font, {}, maxWidth);
    const QRectF around = area(*pills);
    const QPointF at(outgoing ? bubble.right() - around.width() : bubble.left(),
                     bubble.bottom() + 3);
    for (QRectF &pill : *pills)
        pill.translate(at);
    return around.translated(at);
}

QString ReactionsPainter::emojiAt(const QList<QRectF> &pills, const QVariantList &reactions,
                                  const QPointF &pos)
{
    for (int i = 0; i < pills.size() && i < reactions.size(); ++i)
        if (pills.at(i).contains(pos))
            return reactions.at(i).toMap().value(QStringLiteral("emoji")).toString();
    return {};
}

} // namespace linnet::ui
