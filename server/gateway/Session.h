// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/RateLimiter.h"
#include "relay/GroupCommitter.h"
#include "transport/WebSocketConnection.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QWebSocketProtocol>

#include <memory>

namespace linnet::server {

class ErrorCounts;

/**
 * One WebSocket connection: decodes frames, sends frames, and carries the
 * per-connection state the controllers need (who is authenticated, how far the
 * inbox drain has got, rate-limit buckets). It makes no decisions about what a
 * frame means; it hands every valid frame to frameReceived.
 */
class Session : public QObject, private WebSocketConnection::Handler {
    Q_OBJECT
public:
    /** A message copy pushed before its commit, under a live id (see MessageController). */
    struct Pushed {
        GroupCommitter::PendingSend send; ///< where it waits for its commit
        size_t copy = 0;                  ///< its place in SendWrite::copies
        qint64 fromDevice = 0;
        protocol::MessageId id;
        quint64 entry = 0;    ///< its inbox entry once committed
        bool acked = false;   ///< acknowledged while its batch was being written
        qint64 toldInAck = 0; ///< acked so: the sender's device whose SendAck said delivered
    };

    /** Inbox drain position of this connection (see MessageController). */
    struct Drain {
        quint64 cursor = 0;            ///< highest entry id sent on this connection
        QSet<quint64> inFlight;        ///< sent and not yet acknowledged (entry or live ids)
        QHash<quint64, Pushed> pushed; ///< by live id, until acknowledged
        /** Live id of each pushed copy, by (sender device, message id). */
        QHash<QPair<qint64, protocol::MessageId>, quint64> pushedIds;
        /** Committed pushed copies above the cursor, which a drain must not send again. */
        QSet<quint64> skip;
        bool caughtUp = false;     ///< every committed entry up to now has been sent
        bool syncedSent = true;    ///< the "synced" marker of the current drain went out
        quint32 syncRequestId = 0; ///< request to answer with "synced"
        quint64 sentInDrain = 0;
        /** Inbox reads that failed in a row; the device is told at the first (MessageController).
         */
        int readFailures = 0;
    };

    /**
     * Who takes the requests that are not for the WebSocket (plain HTTP on its port):
     * one per gateway, so that a connection holds a pointer, not a signal connection.
     */
    class RequestTaker {
    public:
        /** Whether @p head (a complete request head) is for the taker. */
        virtual bool takes(QByteArrayView head) const = 0;
        /** Takes @p session's stream (Session::releaseStream()) before returning. */
        virtual void take(Session *session) = 0;

    protected:
        ~RequestTaker() = default;
    };

    /** Takes over @p stream; opened() follows once the WebSocket handshake is done. */
    Session(std::unique_ptr<ByteStream> stream, quint64 connectionId, QObject *parent = nullptr);
    ~Session() override;

    quint64 connectionId() const { return m_connectionId; }
    /** The path the client's handshake asked for (empty before opened()). */
    QString requestPath() const { return m_connection->path(); }
    QString peerAddress() const { return m_peerAddress; }
    /** The handshake's X-Forwarded-For, as sent (whoever sent it). */
    QByteArray forwardedFor() const { return m_connection->forwardedFor(); }
    /** Who the limits per address count this connection as: the peer, or the client a
     *  trusted proxy names (WebSocketGateway sets it once the handshake is done). */
    QString clientAddress() const
    {
        return m_clientAddress.isEmpty() ? m_peerAddress : m_clientAddress;
    }
    void setClientAddress(const QString &address) { m_clientAddress = address; }
    /** Requests @p taker takes are handed to it instead of answered (null: none). */
    void setRequestTaker(RequestTaker *taker) { m_requestTaker = taker; }
    /** Where the error frames sent on this connection are counted (null: nowhere). */
    void setErrorCounts(ErrorCounts *counts) { m_errorCounts = counts; }
    /** In RequestTaker::take: the stream, with every byte received (see WebSocketConnection). */
    std::pair<std::unique_ptr<ByteStream>, QByteArray> releaseStream()
    {
        return m_connection->releaseStream();
    }

    bool isAuthenticated() const { return m_deviceId != 0; }
    qint64 accountId() const { return m_accountId; }
    qint64 deviceId() const { return m_deviceId; }
    const QString &username() const { return m_username; }
    void setAuthenticated(qint64 accountId, qint64 deviceId, const QString &username);

    /** An authentication (password hashing) is running for this connection. */
    bool authPending() const { return m_authPending; }
    void setAuthPending(bool pending) { m_authPending = pending; }

    void send(const protocol::Frame &frame);
    /** Bytes sent and not yet taken by the kernel: the peer reads slower than we write. */
    qint64 pendingOutput() const { return m_connection->pendingOutput(); }
    void sendError(quint32 requestId, protocol::ErrorCode code, const QString &reason,
                   const protocol::MessageId &id = {});
    /** Sends an error frame, then closes: for failures after which talking on makes no sense. */
    void fail(quint32 requestId, protocol::ErrorCode code, const QString &reason);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    /** Drops the TCP connection without a close handshake (dead peers). */
    void abort();
    bool isClosing() const { return m_closing; }

    void ping();
    qint64 lastActivityMs() const { return m_lastActivityMs; }

    Drain &drain() { return m_drain; }
    const Drain &drain() const { return m_drain; }
    TokenBucket &sendBucket() { return m_sendBucket; }
    TokenBucket &typingBucket() { return m_typingBucket; }
    TokenBucket &keysBucket() { return m_keysBucket; }
    TokenBucket &groupBucket() { return m_groupBucket; }
    TokenBucket &readBucket() { return m_readBucket; }
    TokenBucket &mediaBucket() { return m_mediaBucket; }
    QSet<QString> &watchedUsers() { return m_watched; }

Q_SIGNALS:
    void opened(linnet::server::Session *session);
    void frameReceived(linnet::server::Session *session, const linnet::protocol::Frame &frame);
    void disconnected(linnet::server::Session *session);
    /** Output that had piled up has been sent: a drain that held back can go on. */
    void readyForOutput(linnet::server::Session *session);

private:
    void webSocketOpened() override;
    void binaryMessage(const QByteArray &bytes) override;
    void textMessage() override;
    void pongReceived() override;
    void outputDrained() override;
    void webSocketClosed() override;
    bool takeOverRequest(QByteArrayView head) override;
    void rejectFrame(quint32 requestId, const protocol::Error &error);

    std::unique_ptr<WebSocketConnection> m_connection;
    quint64 m_connectionId;
    QString m_peerAddress;
    QString m_clientAddress;
    qint64 m_accountId = 0;
    qint64 m_deviceId = 0;
    QString m_username;
    RequestTaker *m_requestTaker = nullptr;
    ErrorCounts *m_errorCounts = nullptr;
    bool m_authPending = false;
    bool m_closing = false;
    qint64 m_lastActivityMs = 0;
    TokenBucket m_badFrames;
    Drain m_drain;
    TokenBucket m_sendBucket;
    TokenBucket m_typingBucket;
    TokenBucket m_keysBucket;
    TokenBucket m_groupBucket;
    TokenBucket m_readBucket;
    TokenBucket m_mediaBucket;
    QSet<QString> m_watched;
};

} // namespace linnet::server
