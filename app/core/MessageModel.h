// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QAbstractListModel>

namespace linnet::client {

class LocalStore;

/**
 * The messages of one conversation, oldest at the top, in display order:
 * by server sequence, with still-queued own messages after all sequenced ones.
 * Loads the newest page first and pages older history in with fetchMore().
 * ChatSession keeps it current through the public slots.
 */
class MessageModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< hex string
        SenderRole,
        OutgoingRole,
        TextRole,
        SentAtRole,    ///< qint64 ms UTC
        StateRole,     ///< int of DeliveryState
        StateNameRole, ///< "queued", "sent", ...
        SeqRole,       ///< qulonglong, 0 while queued
    };
    Q_ENUM(Role)

    MessageModel(LocalStore &store, QString conversation, QObject *parent = nullptr);

    QString conversation() const { return m_conversation; }
    void setPageSize(int size) { m_pageSize = std::max(1, size); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /** Row of a message, or -1. */
    int rowOf(const protocol::MessageId &id) const;
    const ChatMessage &messageAt(int row) const { return m_rows.at(row); }

public Q_SLOTS:
    /** A new message (ignored if of another conversation or already shown). */
    void addMessage(const linnet::client::ChatMessage &message);
    void updateState(const linnet::protocol::MessageId &id, const QString &conversation,
                     linnet::client::DeliveryState state);
    /** Re-reads a message (its seq and time change when the server acks it). */
    void updateMessage(const linnet::protocol::MessageId &id);

private:
    void loadFirstPage();
    int displayRow(const ChatMessage &m) const;

    LocalStore &m_store;
    QString m_conversation;
    QList<ChatMessage> m_rows;
    int m_pageSize = 50;
    bool m_moreBefore = false;
    bool m_loaded = false;
};

} // namespace linnet::client
