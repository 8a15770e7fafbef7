// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/ByteStream.h"

#include <QMetaObject>

class QTcpSocket;

namespace linnet::server {

/** A ByteStream on a QTcpSocket, for TLS (a QSslSocket in server mode). Owns the socket. */
class QtSocketStream final : public ByteStream {
public:
    explicit QtSocketStream(QTcpSocket *socket);
    ~QtSocketStream() override;
    QtSocketStream(const QtSocketStream &) = delete;
    QtSocketStream &operator=(const QtSocketStream &) = delete;

    void setListener(Listener *listener) override { m_listener = listener; }
    void write(QByteArrayView bytes) override;
    void closeAfterWrites() override;
    void abort() override;
    QHostAddress peerAddress() const override;
    qint64 pendingBytes() const override;
    QObject *context() const override;

private:
    QTcpSocket *m_socket;
    Listener *m_listener = nullptr;
    bool m_drainNoticeDue = false; ///< output reached kDrainNoticeBytes
    QMetaObject::Connection m_read, m_written, m_disconnected;
};

} // namespace linnet::server
