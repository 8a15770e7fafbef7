// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteRelayStore.h"

#include "SqliteBatchWriter.h"
#include "SqliteInbox.h"

#include <QLoggingCategory>

namespace linnet::server {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

using protocol::ErrorCode;
using protocol::makeError;
using Step = SqliteStatement::Step;

SqliteRelayStore::SqliteRelayStore() = default;

SqliteRelayStore::~SqliteRelayStore() = default;

protocol::Status SqliteRelayStore::open(const QString &filePath, int busyTimeoutMs,
                                        const QStringList &pragmas, SeqFlushPolicy seqs)
{
    if (!m_connection.open(filePath, busyTimeoutMs))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot open %1: %2").arg(filePath, m_connection.error()));
    for (const QString &pragma : pragmas)
        if (!m_connection.exec(pragma.toUtf8().constData()))
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot configure %1 (%2): %3")
                                 .arg(filePath, pragma, m_connection.error()));
    m_writer = std::make_unique<SqliteBatchWriter>(m_connection, seqs);
    if (!m_loadInbox.prepare(m_connection, "SELECT " LINNET_INBOX_COLUMNS " FROM inbox "
                                           "WHERE device_id = ?1 AND entry > ?2 "
                                           "ORDER BY entry LIMIT ?3") ||
        !m_messageStored.prepare(
            m_connection, "SELECT 1 FROM messages WHERE sender_device = ?1 AND message_id = ?2") ||
        !m_conversationBetween.prepare(m_connection, "SELECT id, last_seq FROM conversations "
                                                     "WHERE member_a = ?1 AND member_b = ?2"))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot prepare statements: %1").arg(m_connection.error()));
    return {};
}

protocol::Result<BatchResult> SqliteRelayStore::commitBatch(const WriteBatch &batch)
{
    auto result = m_writer->apply(batch);
    if (!result)
        qCWarning(lcStore, "%s", qUtf8Printable(result.error().reason));
    return result;
}

protocol::Result<std::vector<InboxEntry>> SqliteRelayStore::loadInbox(qint64 deviceId,
                                                                      quint64 afterEntry, int limit)
{
    std::vector<InboxEntry> out;
    out.reserve(size_t(std::max(limit, 0)));
    quint64 after = afterEntry;
    while (qsizetype(out.size()) < limit) {
        const qint64 wanted = limit - qint64(out.size());
        m_loadInbox.bind(1, deviceId);
        m_loadInbox.bind(2, qint64(after));
        m_loadInbox.bind(3, wanted);
        qint64 rows = 0;
        Step step;
        while ((step = m_loadInbox.step()) == Step::Row) {
            ++rows;
            after = quint64(m_loadInbox.int64At(0));
            if (auto entry = readInboxRow(m_loadInbox))
                out.push_back(std::move(*entry));
            else
                qCWarning(lcStore, "skipping undecodable inbox entry %llu of device %lld", after,
                          deviceId);
        }
        // step() reset the statement at the end: no read snapshot is held between calls.
        if (step == Step::Error) {
            // A page the drain would take for the end of the inbox: it must not be one.
            const QString reason = m_connection.error();
            qCWarning(lcStore, "cannot read the inbox of device %lld after entry %llu: %s",
                      deviceId, after, qUtf8Printable(reason));
            return makeError(
                ErrorCode::InternalError,
                QStringLiteral("cannot read the inbox of device %1: %2").arg(deviceId).arg(reason));
        }
        if (rows < wanted)
            break; // the end of the inbox
        // Rows were skipped: read on, so that the page is only short at the end.
    }
    return out;
}

std::optional<ConversationSeq> SqliteRelayStore::conversationBetween(qint64 accountA,
                                                                     qint64 accountB)
{
    m_conversationBetween.bind(1, std::min(accountA, accountB));
    m_conversationBetween.bind(2, std::max(accountA, accountB));
    const Step found = m_conversationBetween.step();
    if (found == Step::Error)
        qCWarning(lcStore, "find conversation failed: %s", qUtf8Printable(m_connection.error()));
    if (found != Step::Row)
        return std::nullopt;
    const ConversationSeq seq{m_conversationBetween.int64At(0),
                              quint64(m_conversationBetween.int64At(1))};
    m_conversationBetween.reset();
    return seq;
}

std::optional<std::vector<OneToOneConversation>>
SqliteRelayStore::oneToOneConversations(qsizetype limit)
{
    // Read once at start: prepared here, not kept.
    SqliteStatement all;
    if (!all.prepare(m_connection, "SELECT member_a, member_b, id, last_seq FROM conversations "
                                   "WHERE kind = 0 LIMIT ?1")) {
        qCWarning(lcStore, "cannot read conversations: %s", qUtf8Printable(m_connection.error()));
        return std::nullopt;
    }
    all.bind(1, qint64(limit) + 1); // one more says there are too many
    std::vector<OneToOneConversation> out;
    Step step;
    while ((step = all.step()) == Step::Row) {
        if (qsizetype(out.size()) == limit) {
            all.reset();
            return std::nullopt;
        }
        out.push_back({all.int64At(0), all.int64At(1),
                       ConversationSeq{all.int64At(2), quint64(all.int64At(3))}});
    }
    if (step == Step::Error) {
        qCWarning(lcStore, "cannot read conversations: %s", qUtf8Printable(m_connection.error()));
        return std::nullopt;
    }
    return out;
}

bool SqliteRelayStore::messageStored(qint64 senderDevice, const protocol::MessageId &id)
{
    m_messageStored.bind(1, senderDevice);
    m_messageStored.bind(2, id.toBytes());
    const Step found = m_messageStored.step();
    if (found == Step::Error) {
        qCWarning(lcStore, "find message failed: %s", qUtf8Printable(m_connection.error()));
        return true; // unknown: the caller takes the careful path
    }
    m_messageStored.reset();
    return found == Step::Row;
}

} // namespace linnet::server
