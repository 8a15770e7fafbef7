// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * What the Outbox needs from storage: the messages waiting to be sent and the few
 * changes a send makes to them. A narrow seam, so that the outbox can be tested with
 * a fake and without SQLite (qTox's ICoreFriendMessageSender idiom).
 */
class OutboxStore {
public:
    virtual ~OutboxStore() = default;
    /** The messages not acked yet, oldest first. */
    virtual QList<OutboxItem> pending() = 0;
    /** @p id is sent again: worth recording, not on the hot path. */
    virtual void countAttempt(const protocol::MessageId &id) = 0;
    /** The server refused it for good: it leaves the outbox, its state is Failed.
     *  False if there was no such message. */
    virtual bool markFailed(const protocol::MessageId &id) = 0;
    /** The conversation key of a stored message, if it is stored. */
    virtual std::optional<QString> conversationOf(const protocol::MessageId &id) = 0;
};

/** The OutboxStore of a profile: its LocalStore. */
class LocalOutboxStore final : public OutboxStore {
public:
    explicit LocalOutboxStore(LocalStore &store) : m_store(store) {}
    QList<OutboxItem> pending() override;
    void countAttempt(const protocol::MessageId &id) override;
    bool markFailed(const protocol::MessageId &id) override;
    std::optional<QString> conversationOf(const protocol::MessageId &id) override;

private:
    LocalStore &m_store;
};

} // namespace linnet::client
