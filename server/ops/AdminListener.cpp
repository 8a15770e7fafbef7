// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminListener.h"

#include "ServerLog.h"
#include "media/HttpRequestHead.h"
#include "ops/OpsHttp.h"
#include "transport/ByteStream.h"
#include "transport/QtSocketStream.h"

#include <QMetaObject>
#include <QTcpSocket>
#include <QTimer>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

/** One connection until its request head is complete, then OpsHttp's. */
class AdminListener::Pending final : public ByteStream::Listener {
public:
    Pending(AdminListener &owner, std::unique_ptr<ByteStream> stream)
        : m_owner(owner), m_stream(std::move(stream))
    {
        m_stream->setListener(this);
        m_deadline.setSingleShot(true);
        m_deadline.callOnTimeout([this] {
            m_stream->abort();
            streamClosed();
        });
        m_deadline.start(std::chrono::seconds(kHeadSeconds));
    }
    ~Pending()
    {
        if (m_stream)
            m_stream->setListener(nullptr);
    }

    void streamData(const QByteArray &bytes) override
    {
        if (m_done)
            return;
        m_received += bytes;
        if (m_received.contains("\r\n\r\n")) {
            m_done = true;
            m_deadline.stop();
            m_owner.m_ops.accept(std::move(m_stream), m_received,
                                 ConnectionAdmission::HandOver::Serve);
            m_owner.finished(this);
        } else if (m_received.size() > http::kMaxHeadBytes) {
            qCInfo(lcServer) << "admin_listen: a request head over" << http::kMaxHeadBytes
                             << "bytes from" << m_stream->peerAddress().toString();
            m_stream->abort();
            streamClosed();
        }
    }
    void streamClosed() override
    {
        if (!m_done) {
            m_done = true;
            m_deadline.stop();
            m_owner.finished(this);
        }
    }
    void streamDrained() override {}

private:
    AdminListener &m_owner;
    std::unique_ptr<ByteStream> m_stream;
    QByteArray m_received;
    QTimer m_deadline;
    bool m_done = false;
};

AdminListener::AdminListener(OpsHttp &ops, QObject *parent) : QObject(parent), m_ops(ops)
{
    connect(&m_server, &QTcpServer::newConnection, this, &AdminListener::onNewConnection);
}

AdminListener::~AdminListener() = default;

protocol::Result<quint16> AdminListener::listen(const ListenAddress &at)
{
    if (!m_server.listen(at.address, at.port))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot listen on admin_listen %1 port %2: %3")
                             .arg(at.address.toString())
                             .arg(at.port)
                             .arg(m_server.errorString()));
    return m_server.serverPort();
}

void AdminListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto stream = std::make_unique<QtSocketStream>(socket);
        if (m_pending.size() >= kMaxPending) {
            stream->abort();
            continue;
        }
        auto pending = std::make_unique<Pending>(*this, std::move(stream));
        Pending *raw = pending.get();
        m_pending.emplace(raw, std::move(pending));
    }
}

void AdminListener::finished(Pending *pending)
{
    // Not now: we may be inside one of its calls (or its stream's).
    QMetaObject::invokeMethod(
        this, [this, pending] { m_pending.erase(pending); }, Qt::QueuedConnection);
}

} // namespace linnet::server
