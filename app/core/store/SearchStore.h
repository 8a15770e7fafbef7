// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"
#include "protocol/Result.h"

#include <QList>
#include <QString>

namespace linnet::client {

class LocalStore;

/** One message found by SearchStore::search(). */
struct SearchHit {
    protocol::MessageId id;
    QString conversation; ///< conversation key
    QString title;        ///< the chat's name: the peer, or the group's name
    bool isGroup = false;
    QString sender;
    bool outgoing = false;
    qint64 sentAt = 0; ///< ms UTC, the author's time when known (as the chat shows it)
    /** The words around the match, each matching word between kMatchStart and kMatchEnd,
     *  "…" where the text was cut. */
    QString snippet;
    bool operator==(const SearchHit &) const = default;
};

/**
 * Full-text search over this profile's messages (texts and captions) with the FTS5
 * index of the local database (ClientMigrations version 9). Every word of the query
 * must occur, as a word or the start of one; case and diacritics do not matter
 * ("munchen" finds "München", "CANCION" "canción"), nor does ß against ss ("strasse"
 * finds "Straße"). Newest first.
 */
class SearchStore {
public:
    static constexpr QChar kMatchStart = QChar(0xE000); ///< private use: never in a message
    static constexpr QChar kMatchEnd = QChar(0xE001);
    static constexpr int kDefaultLimit = 200;

    explicit SearchStore(LocalStore &store) : m_store(store) {}

    /** The FTS5 query for what the user typed: each word quoted as a prefix, with its
     *  ss/ß twin; empty if @p text has no letter or digit. */
    static QString matchExpression(const QString &text);
    /** @p snippet without the match markers. */
    static QString plainSnippet(QString snippet);

    /** The messages matching @p text, newest first, at most @p limit; only in
     *  @p conversation if it is given. InvalidField if @p text has no word to look for. */
    protocol::Result<QList<SearchHit>> search(const QString &text, const QString &conversation = {},
                                              int limit = kDefaultLimit);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
