// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * Notices the app itself writes into a conversation ("Bob's security code
 * changed"), shown where they happened: after the newest message at that time.
 */
class NoticeStore {
public:
    explicit NoticeStore(LocalStore &store) : m_store(store) {}

    /** Stores a notice in @p conversation (created if needed); nullopt on failure. */
    std::optional<ChatMessage> add(const QString &conversation, const QString &text, qint64 now);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
