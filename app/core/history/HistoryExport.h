// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/HistoryStream.h"
#include "protocol/Result.h"

#include <QString>

#include <functional>

class QIODevice;

namespace linnet::client {

class LocalStore;

/**
 * Writes this profile's history as a history stream (HistoryStream.h): contacts,
 * verified safety numbers, then every conversation in the chat list's order, each with
 * its group (name, members, admins) and its messages in display order (text, sender,
 * time, state, seq, attachment descriptions, group events). Own messages not yet on the
 * server are left out (they reach the other device when they are sent), and so are
 * history transfers themselves. Reads through the store's thread.
 */
class HistoryExport {
public:
    explicit HistoryExport(LocalStore &store) : m_store(store) {}
    /** Writes everything to @p out; the counts written, or why not. @p progress, if set,
     *  hears the number of messages written so far now and then. */
    protocol::Result<HistoryCounts> write(QIODevice &out,
                                          const std::function<void(int)> &progress = {});

private:
    LocalStore &m_store;
};

} // namespace linnet::client
