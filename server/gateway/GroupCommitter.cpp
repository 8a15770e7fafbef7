// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupCommitter.h"

#include "ServerLog.h"
#include "store/Store.h"

#include <QTimer>

namespace linnet::server {

GroupCommitter::GroupCommitter(Store &store, QObject *parent) : QObject(parent), m_store(store) {}

void GroupCommitter::addSend(SendWrite write, SendCallback done)
{
    m_batch.sends.push_back(std::move(write));
    m_sendCallbacks.push_back(std::move(done));
    schedule();
}

void GroupCommitter::addAck(AckWrite write)
{
    m_batch.acks.push_back(std::move(write));
    schedule();
}

void GroupCommitter::addRead(ReadWrite write)
{
    m_batch.reads.push_back(std::move(write));
    schedule();
}

void GroupCommitter::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    // A zero timer fires once the loop has handled every event already waiting,
    // so everything those events wrote lands in this one batch.
    QTimer::singleShot(0, this, &GroupCommitter::flush);
}

void GroupCommitter::flush()
{
    m_scheduled = false;
    if (m_batch.empty())
        return;
    WriteBatch batch = std::move(m_batch);
    m_batch = {};
    std::vector<SendCallback> callbacks = std::move(m_sendCallbacks);
    m_sendCallbacks.clear();

    auto result = m_store.commitBatch(batch);
    if (!result) {
        ++m_failures;
        qCWarning(lcRelay) << "group commit of" << batch.sends.size()
                           << "messages failed:" << result.error().reason;
        // Nothing was acked, so senders keep their messages queued and resend;
        // unapplied delivery acks only mean a redelivery the client dedups.
        const protocol::Error error{protocol::ErrorCode::InternalError,
                                    QStringLiteral("the server could not store the message; "
                                                   "it was not accepted, send it again later")};
        for (const auto &cb : callbacks)
            cb(error);
        return;
    }
    ++m_batches;
    const BatchResult &r = result.value();
    for (size_t i = 0; i < callbacks.size() && i < r.sends.size(); ++i)
        callbacks[i](r.sends[i]);
    if (m_onEntries && !r.newEntries.empty())
        m_onEntries(r.newEntries);
}

} // namespace linnet::server
