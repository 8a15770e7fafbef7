// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "store/StoreTypes.h"

#include <QThread>

#include <functional>
#include <future>
#include <memory>

namespace linnet::server {

class Store;

/**
 * A thread of its own for Store::commitBatch, on its own connection to the
 * database: the event loop keeps reading frames and sending deliveries while a
 * batch is written and synced, and the next batch gathers meanwhile.
 * The connection is opened, used and closed on that thread only.
 */
class CommitThread {
public:
    /** Opens a connection to the database; called on the commit thread. */
    using Opener = std::function<protocol::Result<std::unique_ptr<Store>>()>;

    explicit CommitThread(Opener opener);
    /** Finishes the batch being committed, closes the connection and joins the thread. */
    ~CommitThread();
    CommitThread(const CommitThread &) = delete;
    CommitThread &operator=(const CommitThread &) = delete;

    /** Starts the thread and opens the connection there; the error says why it could not. */
    protocol::Status start();

    /** What a commit hands back: its result, and the batch itself. */
    struct Committed {
        protocol::Result<BatchResult> result;
        /**
         * The batch, to be freed on the thread that built it: freed on the commit
         * thread, its thousands of blocks went back to the loop thread's malloc
         * arena under that arena's lock, while the loop thread allocated from it
         * (docs/benchmarks.md, finding 27).
         */
        WriteBatch batch;
    };

    /**
     * Commits @p batch on the commit thread. @p committed runs there right after
     * (it must only post to another thread); the result is in the future.
     */
    std::future<Committed> commit(WriteBatch batch, std::function<void()> committed);

private:
    /** Closes the connection on the thread, then ends the thread; a no-op if not started. */
    void stop();

    Opener m_opener;
    QThread m_thread;
    QObject *m_context = nullptr;   ///< lives on m_thread; jobs are queued to it
    std::unique_ptr<Store> m_store; ///< touched on m_thread only
};

} // namespace linnet::server
