// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QList>
#include <QPalette>
#include <QRectF>
#include <QVariantList>
#include <QVariantMap>

class QPainter;

namespace linnet::ui {

/**
 * The reactions under a bubble: one pill per emoji with how many chose it ("👍 2"), the
 * user's own choice outlined; wrapped in rows no wider than the bubble may be. Who chose
 * what is the tooltip. @p reactions is a MessageModel::ReactionsRole list.
 */
class ReactionsPainter {
    Q_DECLARE_TR_FUNCTIONS(linnet::ui::ReactionsPainter)
public:
    /** The pills' rectangles, laid out from @p topLeft in rows of at most @p maxWidth. */
    static QList<QRectF> pills(const QVariantList &reactions, const QFont &font,
                               const QPointF &topLeft, qreal maxWidth);
    /** The rectangle around @p pills. */
    static QRectF area(const QList<QRectF> &pills);
    /** Lays the pills out under @p bubble on its outer side (right for an own message),
     *  into @p pills; returns the rectangle around them. */
    static QRectF layoutUnder(const QVariantList &reactions, const QFont &font,
                              const QRectF &bubble, bool outgoing, qreal maxWidth,
                              QList<QRectF> *pills);
    /** The emoji of the pill at @p pos; empty if none is there. */
    static QString emojiAt(const QList<QRectF> &pills, const QVariantList &reactions,
                           const QPointF &pos);
    static void paint(QPainter *painter, const QList<QRectF> &pills, const QVariantList &reactions,
                      const QString &self, const QPalette &palette, const QFont &font);
    /** "👍 ana, ben" per line: who reacted with what. */
    static QString whoReacted(const QVariantList &reactions, const QString &self);
    /** What a pill says: the emoji and its count. */
    static QString label(const QVariantMap &reaction);
};

} // namespace linnet::ui
