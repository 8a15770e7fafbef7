// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommitThread.h"

#include "store/Store.h"

#include <QMetaObject>

namespace linnet::server {

CommitThread::CommitThread(Opener opener) : m_opener(std::move(opener))
{
    m_thread.setObjectName(QStringLiteral("linnet-commit"));
}

CommitThread::~CommitThread()
{
    stop();
}

void CommitThread::stop()
{
    if (!m_context)
        return;
    // Queued after every commit already asked for, so those finish first.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_store.reset(); // the connection closes on the thread that opened it
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

protocol::Status CommitThread::start()
{
    Q_ASSERT(!m_context);
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    std::optional<protocol::Error> failed;
    QMetaObject::invokeMethod(
        m_context,
        [this, &failed] {
            auto opened = m_opener();
            if (opened)
                m_store = std::move(opened.value());
            else
                failed = opened.error();
        },
        Qt::BlockingQueuedConnection);
    if (failed) {
        stop();
        return *failed;
    }
    return {};
}

std::future<CommitThread::Committed> CommitThread::commit(WriteBatch batch,
                                                          std::function<void()> committed)
{
    Q_ASSERT(m_context);
    auto promise = std::make_shared<std::promise<Committed>>();
    auto future = promise->get_future();
    QMetaObject::invokeMethod(
        m_context,
        [this, promise, batch = std::move(batch), committed = std::move(committed)]() mutable {
            auto result = m_store->commitBatch(batch);
            promise->set_value(Committed{std::move(result), std::move(batch)});
            committed();
        },
        Qt::QueuedConnection);
    return future;
}

} // namespace linnet::server
