// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/RateLimiter.h"
#include "protocol/Frames.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace linnet::server {

class AuthController;
class Session;
class Store;
struct ServerConfig;

/**
 * Linking a new device (docs/protocol.md "Linking a new device"): keeps the requests of
 * new devices waiting on their connections, in memory only, filed under the lookup their
 * link code gives; hands a request's sealed blob to a device of the same account that
 * asks with the same lookup; on approval creates the new device and authenticates the
 * waiting connection. The server sees lookups and sizes, never the code or what the blobs
 * hold. Requests expire; attempts are rate-limited per address and per account.
 */
class LinkController : public QObject {
    Q_OBJECT
public:
    /** Pending requests one account may have at once, and the server in all. */
    static constexpr int kMaxPendingPerAccount = 4;
    static constexpr int kMaxPending = 1000;

    LinkController(Store &store, AuthController &auth, const ServerConfig &config,
                   QObject *parent = nullptr);

    void handleRequest(Session *session, const protocol::LinkRequest &request);
    void handleFetch(Session *session, const protocol::LinkFetch &request);
    void handleApprove(Session *session, const protocol::LinkApprove &request);

    qsizetype pendingCount() const { return m_pending.size(); }

private:
    struct Pending {
        QPointer<Session> session; ///< the new device's connection, waiting
        quint32 requestId = 0;
        qint64 accountId = 0;
        QString username;
        QString deviceName;
        QByteArray sealed;
        qint64 expires = 0;
    };
    /** The live request under @p lookup for @p accountId; nullptr (and counted as a failed
     *  attempt, answered with 424 or 429) otherwise. */
    Pending *findFor(Session *session, quint32 requestId, const QByteArray &lookup);
    void expire(const QByteArray &lookup);
    void dropClosed();

    Store &m_store;
    AuthController &m_auth;
    const ServerConfig &m_config;
    QHash<QByteArray, Pending> m_pending;
    RateLimiter m_requests; ///< link requests per address
    RateLimiter m_misses;   ///< fetches and approvals of unknown lookups per account
};

} // namespace linnet::server
