// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "media/MediaClient.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * The messages of one conversation, oldest at the top, in the store's display
 * order: by server sequence, with still-queued own messages after all
 * sequenced ones in arrival order. Holds a contiguous tail of the history:
 * the newest page first, older pages through fetchMore(). Kept current
 * through its public slots; it never talks to the network itself.
 */
class MessageModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< QString, the message id in hex
        SenderRole,                ///< QString username
        OutgoingRole,              ///< bool
        TextRole,                  ///< QString
        SentAtRole,                ///< qint64 ms UTC
        StateRole,                 ///< int of DeliveryState
        StateNameRole,             ///< QString "queued", "sent", ...
        SeqRole,                   ///< qulonglong, 0 while queued
        KindRole,                  ///< int of MessageKind (text, notice, undecryptable, event)
        /** QVariantMap for a group event (kind GroupEvent): op ("create", "add", "remove",
         *  "leave", "rename", "admin", "unadmin"), by, user, name; else an empty map. */
        GroupEventRole,
        /** QString: why an own message is not sent (failed, or waiting to be tried
         *  again); empty when there is no problem. */
        ProblemRole,
        /** QVariantMap for a message with an attachment (kind File): name, size (plaintext),
         *  mime, kind ("file", "image", "video", "audio", "voice"), state (transferStateName),
         *  transferred and total (blob bytes), path (the local file when usable: an own
         *  copy, or downloaded), thumbnail (JPEG bytes, may be empty), width, height, error,
         *  ms (length of audio and video, 0 if unknown), wave (a voice note's waveform).
         *  An invalid QVariant for any other message. */
        AttachmentRole,
        /** QVariantMap for a reply: id (hex, of the message it answers), from, text (its
         *  first line as the author quoted it), kind (of its attachment: "image", ...;
         *  empty if none). An empty map for any other message. */
        ReplyRole,
        /** QVariantList of QVariantMap, one per emoji under the message, the most chosen
         *  first: emoji, count, from (QStringList of usernames). Empty if none. */
        ReactionsRole,
        /** qint64: the author's time of the edit that gave the text; 0: not edited. */
        EditedAtRole,
        /** bool: its author deleted it for everyone (TextRole is then empty). */
        DeletedRole,
        /** bool: its author forwarded it from another chat. */
        ForwardedRole,
    };
    Q_ENUM(Role)

    static constexpr int kDefaultPageSize = 50;

    /** Loads the newest page (kDefaultPageSize messages) of @p conversation. */
    MessageModel(LocalStore &store, QString conversation, QObject *parent = nullptr);

    QString conversation() const { return m_conversation; }
    /** Where ProblemRole comes from (ChatClient::sendProblem); none: always empty. */
    void setProblemSource(std::function<QString(const protocol::MessageId &)> source)
    {
        m_problemOf = std::move(source);
    }
    /** Where AttachmentRole comes from (MediaClient::attachment); none: no attachments. */
    void setAttachmentSource(
        std::function<std::optional<Attachment>(const protocol::MessageId &)> source)
    {
        m_attachmentOf = std::move(source);
        m_attachments.clear();
    }
    /** The AttachmentRole map of @p attachment. */
    static QVariantMap attachmentMap(const Attachment &attachment);
    /** Progress changes of one row are announced at most this often (ms). */
    static constexpr int kProgressIntervalMs = 100;
    int pageSize() const { return m_pageSize; }
    /** Sets how many messages a page holds (at least 1) and, if that changed,
     *  reloads the newest page (model reset). */
    void setPageSize(int size);

    int rowCount(const QModelIndex &parent = {}) const override;
    /** Qt::DisplayRole is the text; see Role for the rest. */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    /** True until a page of older history came back short (false mid-change). */
    bool canFetchMore(const QModelIndex &parent) const override;
    /** Prepends the page of history just older than the oldest loaded message. */
    void fetchMore(const QModelIndex &parent) override;

    /** The ReplyRole map of @p m (empty unless it is a reply). */
    static QVariantMap replyMap(const ChatMessage &m);
    /** The GroupEventRole map of @p m (empty unless it is a group event). */
    static QVariantMap groupEventOf(LocalStore &store, const ChatMessage &m);

    /** Row of a message, or -1. */
    int rowOf(const protocol::MessageId &id) const;
    /** Loads the history back to @p id (and half a page before it) if it is older than
     *  the loaded rows (jumping to a search result); its row, or -1 if it is not a
     *  message of this conversation. */
    int ensureLoaded(const protocol::MessageId &id);
    /** The message at @p row (0 <= row < rowCount()). */
    const ChatMessage &messageAt(int row) const { return m_rows.at(row); }

public Q_SLOTS:
    /** A new message: inserted at its display position; ignored if of another
     *  conversation, already shown, or inside history not loaded yet. */
    void addMessage(const linnet::client::ChatMessage &message);
    /** An own message's delivery state changed (dataChanged on the state roles). */
    void updateState(const linnet::protocol::MessageId &id, const QString &conversation,
                     linnet::client::DeliveryState state);
    /** The problem of an own message changed (ProblemRole). */
    void updateProblem(const linnet::protocol::MessageId &id, const QString &conversation);
    /** An attachment's state changed (MediaClient::attachmentChanged): re-read, announced
     *  at once. */
    void updateAttachment(const linnet::protocol::MessageId &id, const QString &conversation);
    /** Bytes moved for an attachment (MediaClient::transferProgress): announced at most
     *  every kProgressIntervalMs per model. */
    void updateProgress(const linnet::protocol::MessageId &id, const QString &conversation,
                        quint64 done, quint64 total);
    /** An action on a message was stored (ChatClient::actionAdded): the row it acts on, if
     *  shown, is read again (ReactionsRole). */
    void updateActions(const linnet::client::ChatMessage &action);
    /** A message was deleted: its row goes. */
    void removeMessage(const linnet::protocol::MessageId &id, const QString &conversation);
    /** Re-reads a shown message from the store: its seq and time change when the
     *  server acks it, which may move it to its seq position. */
    void updateMessage(const linnet::protocol::MessageId &id);
    /** Drops everything and loads the newest page again (model reset). */
    void reload();

private:
    /** Prepends older history: a page, or, if @p extraRows (given the oldest loaded row's
     *  position) says more, that many rows and half a page. */
    void prependOlder(const std::function<qint64(qint64)> &extraRows);
    /** Row @p m belongs at among the rows other than @p skip (-1: among all). */
    int displayRow(const ChatMessage &m, int skip = -1) const;
    /** False if @p m, going to row 0, would skip unloaded history before the first row. */
    bool fitsAtTop(const ChatMessage &m, int skip = -1);

    QVariantMap groupEvent(const ChatMessage &m) const;
    QVariant attachmentOf(const ChatMessage &m) const;
    QVariantList reactionsOf(const ChatMessage &m) const;
    void flushProgress();

    LocalStore &m_store;
    QString m_conversation;
    mutable QHash<protocol::MessageId, QVariantMap> m_events; ///< read once per event
    std::function<QString(const protocol::MessageId &)> m_problemOf;
    std::function<std::optional<Attachment>(const protocol::MessageId &)> m_attachmentOf;
    /** Read once per attachment, then kept current by the slots. */
    mutable QHash<protocol::MessageId, std::optional<Attachment>> m_attachments;
    /** Read once per shown message, then kept current by updateActions(). */
    mutable QHash<protocol::MessageId, QVariantList> m_reactions;
    QSet<protocol::MessageId> m_progressed; ///< rows whose progress is not announced yet
    QTimer m_progressTimer;
    QList<ChatMessage> m_rows;
    int m_pageSize = kDefaultPageSize;
    bool m_moreBefore = false; ///< older history may exist in the store
    /** Inside a begin/end pair: a fetchMore() then (from a slot connected to
     *  rowsAboutToBeInserted, as QAbstractItemModelTester has) would shift the rows
     *  under the change in progress, so it waits. */
    bool m_changing = false;
};

} // namespace linnet::client
