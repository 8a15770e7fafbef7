// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "attachments/AttachmentPainter.h"
#include "attachments/VoiceNotePainter.h"

#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QUrl>

class QAbstractItemView;

namespace linnet::ui {

class VoiceNotePlayback;

/**
 * Paints a MessageModel row as a chat bubble: own messages right in the accent
 * colour, the peer's left; wrapped text with colour emoji and underlined links;
 * the time and, for own messages, the delivery mark under it; a day separator
 * above the first message of each day. Sizes follow the view's width.
 * Attachments (AttachmentPainter) sit above their caption; a click on one
 * asks to open it, a click on its round button to download, cancel or retry.
 */
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit MessageDelegate(QAbstractItemView *view);

    /** Group conversations name the sender above incoming messages; events are worded
     *  for @p ownUsername ("You added Ben"). */
    void setGroupConversation(bool group) { m_group = group; }
    void setOwnUsername(const QString &username) { m_self = username; }
    /** Where voice notes stand as they play (their bubbles show it); none: all at rest. */
    void setVoicePlayback(const VoiceNotePlayback *voice) { m_voice = voice; }
    /** The line under an own message that is not sent: "Not sent: REASON…"; empty if none. */
    static QString problemText(const QModelIndex &index);
    /** What a row says: the message, the group event worded for this user, or "This
     *  message was deleted". */
    QString displayText(const QModelIndex &index) const;
    /** The time under a bubble, "edited 14:05" once its author edited it, "Forwarded ·
     *  14:05" for a forwarded message. */
    static QString footerTime(const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** "Today", "Yesterday", a weekday within the week, else a long date. */
    static QString dayLabel(const QDate &day, const QDate &today);
    /** The message font: @p base with a colour emoji fallback. */
    static QFont messageFont(const QFont &base);
    /** http(s) and www. links in @p text, in order. */
    static QList<QUrl> linksIn(const QString &text);

    /** Where @p index's attachment (or its round button, @p button) is in the view's
     *  viewport; empty if it has none. */
    QRect attachmentRect(const QModelIndex &index, bool button) const;
    /** Where a reply's quote is in the view's viewport; empty if @p index is no reply. */
    QRect quoteRect(const QModelIndex &index) const;
    /** Where the reactions under a message are in the view's viewport; empty if none. */
    QRect reactionsRect(const QModelIndex &index) const;

Q_SIGNALS:
    /** The attachment of @p index was clicked (open it, or fetch it first). */
    void attachmentActivated(const QModelIndex &index);
    /** Its round button was clicked: download, cancel or retry. */
    void attachmentActionRequested(const QModelIndex &index,
                                   linnet::ui::AttachmentFiles::Action action);
    /** A voice note that is here was clicked: on its button (@p fraction -1: play or
     *  pause) or on its waveform at @p fraction (0..1) of its length. */
    void voiceNoteClicked(const QModelIndex &index, qreal fraction);
    /** A reply's quote was clicked: show the message it answers (@p messageId, hex). */
    void quoteActivated(const QString &messageId);
    /** A reaction pill under @p index was clicked: the user's own reaction becomes @p emoji,
     *  or is taken back if it was that one. */
    void reactionClicked(const QModelIndex &index, const QString &emoji);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    struct Geometry {
        int separatorHeight = 0; ///< 0: no day separator above this message
        QString dayText;
        QRectF bubble; ///< relative to the row's top-left
        QPointF textOrigin;
        QRectF footer;
        int height = 0;
        bool notice = false; ///< a notice by the app: a centred pill without footer
        QString sender;      ///< shown above the text (incoming group messages), or empty
        QPointF senderOrigin;
        QString problem; ///< under an own message: why it is not sent (failed, retrying)
        QRectF problemRect;
        bool failed = false;
        QVariantMap reply;           ///< MessageModel::ReplyRole; empty: not a reply
        QRectF quote;                ///< where the reply's quote is painted
        QVariantList reactions;      ///< MessageModel::ReactionsRole; empty: none
        QRectF reactionsRect;        ///< the row of emoji pills under the bubble
        QList<QRectF> reactionPills; ///< one per reaction, in order
        QVariantMap attachment;      ///< empty: a message without one
        AttachmentPainter::Layout media;
    };
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index,
                      QTextLayout *layout) const;
    void prepareLayout(QTextLayout *layout, const QString &text, const QFont &font,
                       const QColor &linkColor) const;
    void paintStateMark(QPainter *painter, const QRectF &rect, int state,
                        const QColor &color) const;

    QStyleOptionViewItem viewOption(const QModelIndex &index) const;
    /** A voice note's layout, or any other attachment's. */
    static AttachmentPainter::Layout mediaLayout(const QVariantMap &attachment, bool outgoing,
                                                 const QFont &font, const QPointF &topLeft,
                                                 qreal maxWidth);
    VoiceNotePainter::Playback playback(const QString &messageId) const;

    QAbstractItemView *m_view;
    mutable AttachmentPainter m_attachments;
    const VoiceNotePlayback *m_voice = nullptr;
    bool m_group = false;
    QString m_self;
};

} // namespace linnet::ui
