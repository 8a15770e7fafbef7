// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "protocol/MessageContent.h"

#include <QAbstractListModel>
#include <QHash>

namespace linnet::client {

class LocalStore;

/**
 * The chat list: one row per conversation, pinned ones first, then newest activity
 * first (ties by key, as LocalStore::conversations() orders them), with the peer's presence and
 * typing state. Reads conversations from the LocalStore and is kept current
 * through its public slots; it never talks to the network itself.
 */
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< QString conversation key
        PeerRole,                   ///< QString peer username
        TitleRole,                  ///< QString shown as the chat's name (the peer for now)
        /** QString preview of the newest message; for an attachment its kind ("📷 Photo",
         *  "📄 report.pdf"...), then the caption if any. */
        LastMessageRole,
        LastActivityRole, ///< qint64 ms UTC
        UnreadRole,       ///< int
        OnlineRole,       ///< bool
        LastSeenRole,     ///< qint64 ms UTC, 0 = unknown or hidden
        TypingRole,       ///< bool
        InitialsRole,     ///< QString, "AM" for "ana.maria"
        IsGroupRole,      ///< bool: a group chat (title = group name, peer = name)
        TypingUsersRole,  ///< QStringList: who is typing (a group: any member)
        /** QVariantMap: the newest message's group event (MessageModel::GroupEventRole), to
         *  word the preview as the chat does; empty if the newest message is not one. */
        LastEventRole,
        DraftRole,        ///< QString: what the user typed here and did not send; empty if nothing
        PinnedRole,       ///< bool: kept at the top
        MutedRole,        ///< bool: muted now (no notifications)
        MutedUntilRole,   ///< qint64 ms UTC, -1 for good, 0 not muted
        ArchivedRole,     ///< bool: in "Archived", not in the list
        MarkedUnreadRole, ///< bool: marked unread by the user (a badge without a number)
    };
    Q_ENUM(Role)

    /** Loads every conversation of @p store, newest first. */
    explicit ConversationListModel(LocalStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    /** Qt::DisplayRole is the title; see Role for the rest. */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** Sum of unread counts over all conversations. */
    int totalUnread() const;
    /** Row of @p key, or -1. */
    int rowOf(const QString &key) const;

    /** The preview of a message with attachment @p file and @p caption: "📷 Photo",
     *  "🎥 Video", "🎵 Audio", "🎤 Voice message" or "📄 NAME", then " · caption". */
    static QString attachmentPreview(const protocol::FileRef &file, const QString &caption);

    /** Up to two upper-case initials of a name ("ana.maria" -> "AM", "al" -> "A"). */
    static QString initialsOf(const QString &name);

public Q_SLOTS:
    /** Re-reads one conversation from the store: inserts it if new, removes it if
     *  gone, and moves it so the list stays newest first. */
    void refreshConversation(const QString &key);
    /** The peer's presence; remembered for peers without a row yet. */
    void setPresence(const QString &peer, bool online, qint64 lastSeen);
    /** Whether the peer is typing; remembered for peers without a row yet. */
    void setTyping(const QString &peer, bool typing);
    /** Whether @p user is typing in group conversation @p key. */
    void setGroupTyping(const QString &key, const QString &user, bool typing);
    /** The connection is gone: nobody shows as online or typing (last seen is kept). */
    void forgetLivePresence();
    /** Re-reads every conversation (model reset); presence and typing are kept. */
    void reload();

Q_SIGNALS:
    /** totalUnread() changed. */
    void totalUnreadChanged(int total);

private:
    struct PeerState {
        bool online = false;
        qint64 lastSeen = 0;
        bool typing = false;
    };
    /** Row @p c belongs at among the rows other than @p skip (-1: among all). */
    int targetRow(const Conversation &c, int skip = -1) const;
    void emitPeerChanged(const QString &peer, const QList<int> &roles);
    void checkUnread();

    QVariantMap lastEvent(const QString &key) const;
    QString lastMessage(const Conversation &c) const;

    LocalStore &m_store;
    QList<Conversation> m_rows;
    mutable QHash<QString, QVariantMap> m_lastEvents; ///< group key -> newest event, read once
    mutable QHash<QString, QString> m_previews;       ///< key -> preview text, read once
    QHash<QString, PeerState> m_peers;                ///< also for peers without a row yet
    QHash<QString, QStringList> m_groupTyping;        ///< group key -> members typing
    int m_lastTotalUnread = 0;
};

} // namespace linnet::client
