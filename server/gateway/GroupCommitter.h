// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreTypes.h"
#include "protocol/Result.h"

#include <QObject>

#include <functional>

namespace linnet::server {

class Store;

/**
 * Group commit: every write that arrives during one turn of the event loop
 * (sends, delivery acks, reads) goes into one WriteBatch, committed in one
 * transaction with one fsync just before the loop waits again. Under load a
 * batch holds hundreds of messages, so durability does not cap throughput;
 * when idle a lone message is committed at once. Acks to senders go out only
 * after the commit: the single tick means durable.
 */
class GroupCommitter : public QObject {
    Q_OBJECT
public:
    using SendCallback = std::function<void(const protocol::Result<SendOutcome> &)>;
    using EntriesCallback = std::function<void(const std::vector<InboxEntry> &)>;

    explicit GroupCommitter(Store &store, QObject *parent = nullptr);

    /** Called after each successful commit with every inbox entry it created. */
    void setEntriesCallback(EntriesCallback callback) { m_onEntries = std::move(callback); }

    void addSend(SendWrite write, SendCallback done);
    void addAck(AckWrite write);
    void addRead(ReadWrite write);

    /** Commits what is pending now (also used at shutdown). */
    void flush();

    quint64 batchesCommitted() const { return m_batches; }
    quint64 batchesFailed() const { return m_failures; }

private:
    void schedule();

    Store &m_store;
    WriteBatch m_batch;
    std::vector<SendCallback> m_sendCallbacks;
    EntriesCallback m_onEntries;
    bool m_scheduled = false;
    quint64 m_batches = 0;
    quint64 m_failures = 0;
};

} // namespace linnet::server
