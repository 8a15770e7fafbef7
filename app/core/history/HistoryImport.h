// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/HistoryStream.h"
#include "protocol/Result.h"

#include <functional>

class QIODevice;

namespace linnet::client {

class LocalStore;

/**
 * Reads a history stream (HistoryExport) into this profile in ONE transaction: a
 * damaged, cut or foreign stream is refused with the record it broke at, and nothing of
 * it stays. Idempotent: a message, conversation, group, contact or verification already
 * here is kept as it is (what came live is as new as the history), so importing twice,
 * or after the same messages arrived, adds nothing. Imported messages keep their seq,
 * so they sort into place among live ones; they do not count as unread. Attachments
 * come as descriptions (previews and names); their files are fetched like any other.
 */
class HistoryImport {
public:
    struct Outcome {
        HistoryCounts stream; ///< what the stream held
        HistoryCounts added;  ///< what was new here
    };

    explicit HistoryImport(LocalStore &store) : m_store(store) {}
    /** @p progress, if set, hears the number of messages read so far now and then. */
    protocol::Result<Outcome> read(QIODevice &in, const std::function<void(int)> &progress = {});

private:
    LocalStore &m_store;
};

} // namespace linnet::client
