// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/SearchResultDelegate.h"

#include "ChatListDelegate.h"
#include "models/MessageSearchModel.h"

#include <QDateTime>
#include <QPainter>

namespace linnet::ui {

using client::MessageSearchModel;
using client::SearchStore;

namespace {
constexpr int kPad = 12;
/** At most this share of the line goes to the words before the first match. */
constexpr double kLeadShare = 0.4;
} // namespace

QList<SearchResultDelegate::Segment> SearchResultDelegate::segments(const QString &snippet)
{
    QList<Segment> out;
    Segment current;
    for (const QChar c : snippet) {
        if (c == SearchStore::kMatchStart || c == SearchStore::kMatchEnd) {
            if (!current.text.isEmpty())
                out << current;
            current = Segment{{}, c == SearchStore::kMatchStart};
        } else {
            current.text += c == QLatin1Char('\n') ? QLatin1Char(' ') : c;
        }
    }
    if (!current.text.isEmpty())
        out << current;
    return out;
}

QString SearchResultDelegate::senderPrefix(const QModelIndex &index)
{
    if (index.data(MessageSearchModel::OutgoingRole).toBool())
        return tr("You: ");
    if (index.data(MessageSearchModel::IsGroupRole).toBool())
        return tr("%1: ").arg(index.data(MessageSearchModel::SenderRole).toString());
    return {};
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {240, 2 * option.fontMetrics.height() + 22};
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    const QPalette &pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(opt.rect, pal.color(QPalette::Highlight));
    else if (opt.state & QStyle::State_MouseOver)
        painter->fillRect(opt.rect, pal.color(QPalette::AlternateBase));
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : pal.color(QPalette::PlaceholderText);
    const QFontMetrics fm(opt.font);
    const int left = opt.rect.left() + kPad;
    const int right = opt.rect.right() - kPad;
    const int top = opt.rect.top() + 8;

    // First line: the chat, and the message's date on the right.
    const QString when = ChatListDelegate::listTimestamp(
        index.data(MessageSearchModel::SentAtRole).toLongLong(), QDateTime::currentDateTime());
    const int whenWidth = fm.horizontalAdvance(when);
    painter->setPen(dim);
    painter->drawText(QRect(right - whenWidth, top, whenWidth, fm.height()),
                      Qt::AlignRight | Qt::AlignVCenter, when);
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    painter->setFont(bold);
    painter->setPen(text);
    const int titleWidth = std::max(0, right - whenWidth - 8 - left);
    painter->drawText(QRect(left, top, titleWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      boldFm.elidedText(index.data(MessageSearchModel::TitleRole).toString(),
                                        Qt::ElideRight, titleWidth));

    // Second line: the author, then the snippet with its matches in bold; the words before
    // the first match are cut from the left so that the match is always in sight.
    QList<Segment> runs = segments(index.data(MessageSearchModel::SnippetRole).toString());
    const QString prefix = senderPrefix(index);
    if (!prefix.isEmpty())
        runs.prepend(Segment{prefix, false});
    const int width = right - left;
    if (!runs.isEmpty() && !runs.first().match && runs.size() > 1) {
        QString &lead = runs.first().text;
        const int budget = int(width * kLeadShare);
        if (fm.horizontalAdvance(lead) > budget)
            lead = fm.elidedText(lead, Qt::ElideLeft, budget);
    }
    int x = left;
    const int y = top + fm.height() + 4;
    for (const Segment &run : std::as_const(runs)) {
        const QFontMetrics &metrics = run.match ? boldFm : fm;
        painter->setFont(run.match ? bold : opt.font);
        painter->setPen(run.match ? text : dim);
        const int room = right - x;
        if (room <= 0)
            break;
        const QString shown = metrics.elidedText(run.text, Qt::ElideRight, room);
        painter->drawText(QRect(x, y, room, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
        x += metrics.horizontalAdvance(shown);
        if (shown != run.text)
            break;
    }
    painter->setPen(QPen(pal.color(QPalette::Midlight), 1));
    painter->drawLine(left, opt.rect.bottom(), opt.rect.right(), opt.rect.bottom());
    painter->restore();
}

} // namespace linnet::ui
