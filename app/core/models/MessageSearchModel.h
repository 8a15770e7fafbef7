// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SearchStore.h"

#include <QAbstractListModel>

namespace linnet::client {

class LocalStore;

/**
 * The messages matching a search (SearchStore), newest first: across all chats (the
 * sidebar's results) or within one (the chat's find bar). setQuery() runs the search
 * and resets the model; it never talks to the network.
 */
class MessageSearchModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< QString, the message id in hex
        ConversationRole,          ///< QString conversation key
        TitleRole,                 ///< QString the chat's name
        IsGroupRole,               ///< bool
        SenderRole,                ///< QString username of the author
        OutgoingRole,              ///< bool
        SentAtRole,                ///< qint64 ms UTC
        /** QString: the words around the match, matches between SearchStore::kMatchStart
         *  and kMatchEnd. Qt::DisplayRole is the same without the markers. */
        SnippetRole,
    };
    Q_ENUM(Role)

    explicit MessageSearchModel(LocalStore &store, QObject *parent = nullptr);

    /** Searches @p text (in @p conversation only, if given), at most @p limit hits; no
     *  word: no rows. */
    void setQuery(const QString &text, const QString &conversation = {},
                  int limit = SearchStore::kDefaultLimit);
    QString query() const { return m_text; }
    /** Runs the current query again (new messages came, some went). */
    void refresh();
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    const SearchHit &hitAt(int row) const { return m_hits.at(row); }

Q_SIGNALS:
    /** A search ran; @p error is why it failed (empty if it did not). */
    void searched(int hits, const QString &error);

private:
    LocalStore &m_store;
    QString m_text;
    QString m_conversation;
    int m_limit = SearchStore::kDefaultLimit;
    QList<SearchHit> m_hits;
};

} // namespace linnet::client
