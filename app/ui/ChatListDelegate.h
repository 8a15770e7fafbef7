// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace linnet::ui {

/**
 * Paints one chat of the list: avatar with initials and presence dot, name,
 * time of the last message, a one-line preview (or "typing…") and the unread
 * badge. Reads ConversationListModel roles only.
 */
class ChatListDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ChatListDelegate(QObject *parent = nullptr);

    /** Group events are worded for @p username ("You created…"), as in the chat. */
    void setOwnUsername(const QString &username) { m_self = username; }
    /** The preview line of a row: "typing…", an unsent draft (painted after "Draft:"), the
     *  group event as the chat words it, or the last message. */
    QString previewText(const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** "14:03" today, "Yesterday", a weekday within the week, else a short date. */
    static QString listTimestamp(qint64 msUtc, const QDateTime &now);
    /** The locale's short time without seconds ("14:03", "2:03 PM"). */
    static QString shortTime(const QTime &time);
    /** A stable colour for an avatar, from the name's hash. */
    static QColor avatarColor(const QString &name);
    /** Paints a round avatar with initials into @p rect. */
    static void paintAvatar(QPainter *painter, const QRectF &rect, const QString &name,
                            const QString &initials);

private:
    QString m_self;
};

} // namespace linnet::ui
