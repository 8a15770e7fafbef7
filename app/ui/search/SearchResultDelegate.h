// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStyledItemDelegate>

namespace linnet::ui {

/**
 * Paints one found message (MessageSearchModel): the chat's name and the message's
 * date, then who wrote it and the words around the match, the matching words in bold.
 */
class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    /** A run of the snippet: matching (bold) or not. */
    struct Segment {
        QString text;
        bool match = false;
        bool operator==(const Segment &) const = default;
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    /** @p snippet (with SearchStore's markers) cut into runs. */
    static QList<Segment> segments(const QString &snippet);
    /** "You: ", "ana: " in a group, nothing in a one-to-one chat from the peer. */
    static QString senderPrefix(const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace linnet::ui
