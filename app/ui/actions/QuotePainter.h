// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QVariantMap>

class QPainter;

namespace linnet::ui {

/**
 * The quote at the top of a reply's bubble (and above the compose box while replying):
 * a tinted block with a bar in the quoted author's colour, the author's name and the
 * first line of what they wrote, or the kind of their attachment ("Photo").
 * @p reply is a MessageModel::ReplyRole map: id, from, text, kind.
 */
class QuotePainter {
    Q_DECLARE_TR_FUNCTIONS(linnet::ui::QuotePainter)
public:
    /** What the quote says: its text, or for a bare attachment its kind ("Photo"...). */
    static QString quotedText(const QVariantMap &reply);
    /** How much room the quote takes, at most @p maxWidth wide. */
    static QSizeF size(const QVariantMap &reply, const QFont &font, qreal maxWidth);
    static void paint(QPainter *painter, const QRectF &rect, const QVariantMap &reply,
                      bool outgoing, const QPalette &palette, const QFont &font);
};

} // namespace linnet::ui
