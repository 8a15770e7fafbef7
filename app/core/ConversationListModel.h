// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QAbstractListModel>
#include <QHash>

namespace linnet::client {

class LocalStore;

/**
 * The chat list: one row per conversation, newest activity first, with the
 * peer's presence and typing state. Reads conversations from the LocalStore;
 * ChatSession keeps it current through the public slots.
 */
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        PeerRole,
        TitleRole,
        LastMessageRole,
        LastActivityRole, ///< qint64 ms UTC
        UnreadRole,       ///< int
        OnlineRole,       ///< bool
        LastSeenRole,     ///< qint64 ms UTC, 0 = unknown or hidden
        TypingRole,       ///< bool
        InitialsRole,     ///< "AM" for "ana.maria"
    };
    Q_ENUM(Role)

    explicit ConversationListModel(LocalStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** Sum of unread counts over all conversations. */
    int totalUnread() const;
    /** Row of @p key, or -1. */
    int rowOf(const QString &key) const;

    /** Up to two upper-case initials of a name ("ana.maria" -> "AM", "bob" -> "B"). */
    static QString initialsOf(const QString &name);

public Q_SLOTS:
    /** Re-reads one conversation; inserts it if new and keeps newest-first order. */
    void refreshConversation(const QString &key);
    void setPresence(const QString &peer, bool online, qint64 lastSeen);
    void setTyping(const QString &peer, bool typing);
    void reload();

Q_SIGNALS:
    void totalUnreadChanged(int total);

private:
    struct PeerState {
        bool online = false;
        qint64 lastSeen = 0;
        bool typing = false;
    };
    int insertPosition(const Conversation &c) const;
    void emitPeerChanged(const QString &peer, const QList<int> &roles);
    void checkUnread();

    LocalStore &m_store;
    QList<Conversation> m_rows;
    QHash<QString, PeerState> m_peers; ///< also for peers without a row yet
    int m_lastTotalUnread = 0;
};

} // namespace linnet::client
