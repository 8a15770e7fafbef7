// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QCborMap>

#include <optional>

class QIODevice;

namespace linnet::client {

/** What one history stream held (or what an import added of it). */
struct HistoryCounts {
    int conversations = 0;
    int groups = 0;
    int messages = 0;
    int verified = 0;
    int contacts = 0;
    bool operator==(const HistoryCounts &) const = default;
};

/**
 * The byte format of a history transfer (docs/protocol.md, "History transfer"): an
 * 8-byte magic with the version, then records, each a 4-byte big-endian length and a
 * CBOR map whose "t" names it, the last one "end" with the counts of the others.
 * Writes and reads one record at a time, so no side holds the whole history.
 */
class HistoryWriter {
public:
    explicit HistoryWriter(QIODevice &out) : m_out(out) {}
    /** Writes the magic; false if the device refused it. */
    bool begin();
    /** Writes @p record (its "t" set to @p type); false if the device refused it. */
    bool write(const char *type, QCborMap record);
    /** Writes the "end" record with @p counts. */
    bool end(const HistoryCounts &counts);

private:
    QIODevice &m_out;
};

class HistoryReader {
public:
    /** A record larger than this is damage, not history (a message is at most ~100 KB). */
    static constexpr quint32 kMaxRecordBytes = 1 << 20;

    explicit HistoryReader(QIODevice &in) : m_in(in) {}
    /** Reads and checks the magic and version. */
    protocol::Status begin();
    /** The next record (its "t" is text), nullopt after "end"; an error for a cut,
     *  oversized or non-CBOR record, or for bytes after "end". */
    protocol::Result<std::optional<QCborMap>> next();
    /** The counts the "end" record gave (valid once next() returned nullopt). */
    HistoryCounts endCounts() const { return m_end; }
    /** 1-based number of the record last read, for error messages. */
    int recordNumber() const { return m_record; }

private:
    protocol::Error damaged(const QString &why) const;

    QIODevice &m_in;
    HistoryCounts m_end;
    int m_record = 0;
    bool m_done = false;
};

} // namespace linnet::client
