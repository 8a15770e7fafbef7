// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Credentials.h"
#include "auth/RateLimiter.h"
#include "ServerConfig.h"
#include "protocol/Frames.h"
#include "protocol/Result.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace linnet::server {

class Session;
class Store;
struct AccountRecord;

/**
 * register / login / auth. Argon2id work runs on a small thread pool so one
 * login never stalls everybody else's messages; its result comes back to the
 * event-loop thread. Failures are rate-limited per address and per account and
 * answered with an error frame and a close.
 */
class AuthController : public QObject {
    Q_OBJECT
public:
    using AuthenticatedCallback = std::function<void(Session *)>;
    /** Devices of @p accountId were revoked by the server itself (starting over). */
    using DevicesRemovedCallback =
        std::function<void(qint64 accountId, const QList<qint64> &devices)>;

    AuthController(Store &store, const ServerConfig &config, Credentials credentials,
                   QObject *parent = nullptr);
    ~AuthController() override;

    /** Called once a session is authenticated and AuthOk was sent. */
    void setAuthenticatedCallback(AuthenticatedCallback cb) { m_onAuthenticated = std::move(cb); }
    /** Called after a login with start_over revoked the account's devices: their live
     *  connections must go, senders must leave them out. */
    void setDevicesRemovedCallback(DevicesRemovedCallback cb)
    {
        m_onDevicesRemoved = std::move(cb);
    }
    /** Called after a new device of @p accountId was created and authenticated (register,
     *  login, linking): the account's live devices hear of it. */
    void setDeviceAddedCallback(std::function<void(qint64 accountId)> cb)
    {
        m_onDeviceAdded = std::move(cb);
    }

    void handleRegister(Session *session, const protocol::RegisterRequest &request);
    void handleLogin(Session *session, const protocol::LoginRequest &request);
    void handleAuth(Session *session, const protocol::AuthRequest &request);

    /** Waits for running password hashes (shutdown). */
    void waitForIdle();

    /** A device just created for an account, with the token its holder will use. */
    struct NewDevice {
        qint64 id = 0;
        QByteArray token; ///< sent once in auth_ok; the store keeps only its hash
    };
    /** Creates a device of @p accountId named @p deviceName (a default name if empty):
     *  after a password login, or for a device a linked device approved. */
    protocol::Result<NewDevice> createDevice(qint64 accountId, const QString &deviceName);
    /** Authenticates @p session as @p deviceId and sends AuthOk (@p token: a new device's). */
    void finish(Session *session, quint32 requestId, qint64 accountId, qint64 deviceId,
                const QString &username, const QByteArray &token);

private:
    bool admit(Session *session, quint32 requestId, const QString &account);
    void refund(Session *session, const QString &account);
    /** A password login may add a device: the account has no account key, or the login
     *  carries the key's proof (docs/crypto.md, "Linking"). */
    bool mayAddDevice(const AccountRecord &account, const protocol::LoginRequest &request);
    /** A login with start_over and the right password (docs/protocol.md, "login"). */
    void startOver(Session *session, const protocol::LoginRequest &request,
                   const AccountRecord &account);
    void finishWithNewDevice(Session *session, quint32 requestId, qint64 accountId,
                             const QString &username, const QString &deviceName);

    Store &m_store;
    const ServerConfig &m_config;
    Credentials m_credentials;
    RateLimiter m_failures;      ///< attempts that may fail, per address and account
    RateLimiter m_registrations; ///< new accounts per address
    QThreadPool m_pool;
    int m_pendingHashes = 0;
    QByteArray m_dummyHash; ///< verified against for unknown users, so timing reveals nothing
    AuthenticatedCallback m_onAuthenticated;
    DevicesRemovedCallback m_onDevicesRemoved;
    std::function<void(qint64)> m_onDeviceAdded;
};

} // namespace linnet::server
