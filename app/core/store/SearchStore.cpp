// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SearchStore.h"

#include "ClientLog.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

#include <QSqlError>
#include <QStringList>
#include <QVariant>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::makeError;
using storage::Query;

namespace {

/** More words than anyone types into a search box; the rest are ignored. */
constexpr int kMaxWords = 16;
/** Tokens of context the snippet shows around the match. */
constexpr int kSnippetTokens = 12;

/** Words as the tokenizer (unicode61) sees them: runs of letters, digits and marks. */
QStringList wordsOf(const QString &text)
{
    QStringList words;
    QString word;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.isMark()) {
            word += c;
        } else if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        words << word;
    return words.mid(0, kMaxWords);
}

} // namespace

QString SearchStore::matchExpression(const QString &text)
{
    QStringList terms;
    for (const QString &original : wordsOf(text)) {
        // unicode61 folds case and diacritics but keeps ß: "Straße" is indexed as "straße",
        // and a Swiss "Strasse" as "strasse". Each spelling finds both.
        const QString word = original.toLower();
        QString twin = word;
        if (word.contains(QStringLiteral("ss")))
            twin.replace(QStringLiteral("ss"), QStringLiteral("ß"));
        else if (word.contains(QChar(0xDF)))
            twin.replace(QChar(0xDF), QStringLiteral("ss"));
        // Only letters, digits and marks: nothing in a quoted word can end the quote.
        const QString term = QStringLiteral("\"%1\"*").arg(word);
        terms << (twin == word ? term : QStringLiteral("(%1 OR \"%2\"*)").arg(term, twin));
    }
    // FTS5 takes no implicit AND next to a parenthesised OR: spell every AND out.
    return terms.join(QStringLiteral(" AND "));
}

QString SearchStore::plainSnippet(QString snippet)
{
    snippet.remove(kMatchStart);
    snippet.remove(kMatchEnd);
    return snippet;
}

protocol::Result<QList<SearchHit>> SearchStore::search(const QString &text,
                                                       const QString &conversation, int limit)
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("nothing to search for: give at least one word"));
    QString sql = QStringLiteral(
        R"(SELECT m.id, m.conversation, c.peer, c.kind, m.sender, m.outgoing,
                  CASE WHEN m.sender_time > 0 THEN m.sender_time ELSE m.sent_at END,
                  snippet(message_search, 0, :start, :end, '…', :tokens)
           FROM message_search
           JOIN messages AS m ON m.pos = message_search.rowid
           JOIN conversations AS c ON c.key = m.conversation
           WHERE message_search MATCH :match)");
    if (!conversation.isEmpty())
        sql += QStringLiteral(" AND m.conversation = :conversation");
    sql += QStringLiteral(" ORDER BY m.sent_at DESC, m.pos DESC LIMIT :limit");
    Query q(m_store.database(), lcLocalStore, sql);
    q.bind(":start", QString(kMatchStart))
        .bind(":end", QString(kMatchEnd))
        .bind(":tokens", kSnippetTokens)
        .bind(":match", match)
        .bind(":limit", std::max(1, limit));
    if (!conversation.isEmpty())
        q.bind(":conversation", conversation);
    if (!q.exec())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("search failed: %1").arg(q.errorText()));
    QList<SearchHit> hits;
    while (q.next()) {
        SearchHit h;
        h.id = protocol::MessageId::fromBytes(q.value(0).toByteArray())
                   .value_or(protocol::MessageId{});
        h.conversation = q.value(1).toString();
        h.title = q.value(2).toString();
        h.isGroup = q.value(3).toInt() == 1;
        h.sender = q.value(4).toString();
        h.outgoing = q.value(5).toInt() != 0;
        h.sentAt = q.value(6).toLongLong();
        h.snippet = q.value(7).toString();
        hits << h;
    }
    return hits;
}

} // namespace linnet::client
