// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthController.h"

#include "ServerLog.h"
#include "gateway/Session.h"
#include "store/Store.h"
#include "crypto/DeviceLink.h"

#include <QDateTime>
#include <QPointer>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Password hashes queued at once before new attempts are told the server is busy. */
constexpr int kMaxPendingHashes = 64;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString addressKey(const Session *s)
{
    return QStringLiteral("ip:") + s->clientAddress();
}

QString accountKey(const QString &name)
{
    return QStringLiteral("user:") + name;
}

/** device_name is optional: without one a device is "device N", N counting the account's. */
QString deviceNameOr(const QString &requested, qsizetype ordinal)
{
    if (!requested.trimmed().isEmpty())
        return requested;
    return QStringLiteral("device %1").arg(ordinal);
}
} // namespace

AuthController::AuthController(Store &store, const ServerConfig &config, Credentials credentials,
                               QObject *parent)
    : QObject(parent), m_store(store), m_config(config), m_credentials(credentials),
      m_failures(config.authFailuresPerMinute, config.authFailuresPerMinute / 60.0),
      m_registrations(config.registrationsPerMinute, config.registrationsPerMinute / 60.0)
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    m_dummyHash = m_credentials.hashPassword(QStringLiteral("linnet-dummy-password")).value();
}

AuthController::~AuthController()
{
    waitForIdle();
}

void AuthController::waitForIdle()
{
    m_pool.waitForDone();
}

bool AuthController::admit(Session *session, quint32 requestId, const QString &account)
{
    if (session->isAuthenticated()) {
        session->sendError(requestId, ErrorCode::AlreadyAuthenticated,
                           QStringLiteral("this connection is already authenticated"));
        return false;
    }
    if (session->authPending()) {
        session->sendError(requestId, ErrorCode::RateLimited,
                           QStringLiteral("an authentication is already in progress"));
        return false;
    }
    if (m_pendingHashes >= kMaxPendingHashes) {
        session->fail(requestId, ErrorCode::RateLimited,
                      QStringLiteral("the server is busy; try again in a few seconds"));
        return false;
    }
    // Every attempt takes a token up front and gets it back if it succeeds, so
    // attempts still being hashed count against the limit too: parallel
    // guesses cannot slip past it.
    const qint64 t = now();
    if (!m_failures.tryConsume(addressKey(session), t)) {
        session->fail(requestId, ErrorCode::RateLimited,
                      QStringLiteral("too many failed attempts; wait a minute and try again"));
        return false;
    }
    if (!account.isEmpty() && !m_failures.tryConsume(accountKey(account), t)) {
        m_failures.refund(addressKey(session), t);
        session->fail(requestId, ErrorCode::RateLimited,
                      QStringLiteral("too many failed attempts for this account; wait a minute "
                                     "and try again"));
        return false;
    }
    return true;
}

void AuthController::refund(Session *session, const QString &account)
{
    const qint64 t = now();
    m_failures.refund(addressKey(session), t);
    if (!account.isEmpty())
        m_failures.refund(accountKey(account), t);
}

void AuthController::handleRegister(Session *session, const protocol::RegisterRequest &request)
{
    if (!admit(session, request.requestId, QString()))
        return;
    if (m_config.registration == RegistrationPolicy::Closed) {
        session->fail(request.requestId, ErrorCode::Forbidden,
                      QStringLiteral("registration is closed on this server; ask its "
                                     "administrator for an account"));
        return;
    }
    std::optional<QByteArray> inviteHash;
    if (m_config.registration == RegistrationPolicy::Invite) {
        const QString code = Credentials::normalizeInviteCode(request.invite);
        if (code.isEmpty()) {
            session->fail(request.requestId, ErrorCode::InviteRequired,
                          QStringLiteral("this server needs an invite code to register"));
            return;
        }
        inviteHash = Credentials::hashSecret(code.toUtf8());
    }
    if (m_store.accountByName(request.username)) {
        // Checked again atomically by the store; this spares a useless hash.
        session->fail(request.requestId, ErrorCode::UsernameTaken,
                      QStringLiteral("the username \"%1\" is taken").arg(request.username));
        return;
    }
    // Account creation is the expensive, abusable path: limited per address.
    if (!m_registrations.tryConsume(addressKey(session), now())) {
        session->fail(request.requestId, ErrorCode::RateLimited,
                      QStringLiteral("too many new accounts from this address; try again later"));
        return;
    }
    session->setAuthPending(true);
    ++m_pendingHashes;
    QPointer<Session> guard(session);
    const Credentials credentials = m_credentials;
    m_pool.start([this, guard, request, inviteHash, credentials] {
        auto hash = credentials.hashPassword(request.password);
        QMetaObject::invokeMethod(this, [this, guard, request, inviteHash, hash] {
            --m_pendingHashes;
            if (!guard || guard->isClosing())
                return;
            guard->setAuthPending(false);
            if (!hash) {
                guard->fail(request.requestId, hash.error().code, hash.error().reason);
                return;
            }
            // Account and first device in one transaction: a failure leaves neither.
            const QByteArray token = Credentials::newToken();
            const auto created = m_store.createAccountWithDevice(
                request.username, hash.value(), inviteHash, deviceNameOr(request.deviceName, 1),
                Credentials::hashSecret(token), now());
            if (!created) {
                guard->fail(request.requestId, created.error().code, created.error().reason);
                return;
            }
            qCInfo(lcAuth) << "registered account" << request.username << "from"
                           << guard->clientAddress();
            refund(guard, QString());
            finish(guard, request.requestId, created.value().accountId, created.value().deviceId,
                   request.username, token);
        });
    });
}

void AuthController::handleLogin(Session *session, const protocol::LoginRequest &request)
{
    if (!admit(session, request.requestId, request.username))
        return;
    const auto account = m_store.accountByName(request.username);
    session->setAuthPending(true);
    ++m_pendingHashes;
    QPointer<Session> guard(session);
    const Credentials credentials = m_credentials;
    const QByteArray hash = account ? account->passwordHash : m_dummyHash;
    m_pool.start([this, guard, request, account, hash, credentials] {
        const bool ok = credentials.verifyPassword(hash, request.password) && account.has_value();
        QMetaObject::invokeMethod(this, [this, guard, request, account, ok] {
            --m_pendingHashes;
            if (!guard || guard->isClosing())
                return;
            guard->setAuthPending(false);
            if (!ok) {
                qCInfo(lcAuth) << "failed login for" << request.username << "from"
                               << guard->clientAddress();
                guard->fail(request.requestId, ErrorCode::BadCredentials,
                            QStringLiteral("wrong username or password"));
                return;
            }
            if (account->disabled) {
                guard->fail(request.requestId, ErrorCode::Forbidden,
                            QStringLiteral("this account has been disabled"));
                return;
            }
            refund(guard, request.username);
            if (request.startOver) {
                startOver(guard, request, *account);
                return;
            }
            if (!mayAddDevice(*account, request)) {
                qCInfo(lcAuth) << "password login of a new device of" << request.username
                               << "refused: it must be linked";
                guard->fail(request.requestId, ErrorCode::LinkRequired,
                            QStringLiteral("approve this device from one of your devices"));
                return;
            }
            finishWithNewDevice(guard, request.requestId, account->id, account->username,
                                request.deviceName);
        });
    });
}

bool AuthController::mayAddDevice(const AccountRecord &account,
                                  const protocol::LoginRequest &request)
{
    // An account without an account key yet (from before linked devices, or whose first
    // device never uploaded its keys) takes the password alone, as before.
    const QByteArray accountKey = m_store.keys().accountKey(account.id);
    return accountKey.isEmpty() || crypto::verifyLogin(accountKey, account.username,
                                                       request.proofTime, request.proof, now());
}

void AuthController::startOver(Session *session, const protocol::LoginRequest &request,
                               const AccountRecord &account)
{
    // Every device of the account goes (their tokens stop at once) and the account key with
    // them; this device makes a new one, so every peer sees a new security code. Not one
    // transaction: a failure half-way leaves some devices revoked, and starting over again
    // finishes the job.
    QList<qint64> removed;
    const qint64 t = now();
    for (qint64 device : m_store.deviceIdsOfAccount(account.id)) {
        if (const auto revoked = m_store.revokeDevice(account.id, device, t); !revoked) {
            if (m_onDevicesRemoved && !removed.isEmpty())
                m_onDevicesRemoved(account.id, removed);
            session->fail(request.requestId, revoked.error().code, revoked.error().reason);
            return;
        }
        removed.append(device);
    }
    const auto cleared = m_store.keys().clearAccountKey(account.id);
    if (m_onDevicesRemoved && !removed.isEmpty())
        m_onDevicesRemoved(account.id, removed);
    if (!cleared) {
        session->fail(request.requestId, cleared.error().code, cleared.error().reason);
        return;
    }
    qCInfo(lcAuth) << "account" << account.username << "started over from"
                   << session->clientAddress() << ":" << removed.size() << "devices removed";
    finishWithNewDevice(session, request.requestId, account.id, account.username,
                        request.deviceName);
}

void AuthController::handleAuth(Session *session, const protocol::AuthRequest &request)
{
    if (!admit(session, request.requestId, QString()))
        return;
    const auto device = m_store.deviceById(request.deviceId);
    if (!device || !Credentials::tokenMatches(request.token, device->tokenHash)) {
        session->fail(request.requestId, ErrorCode::BadCredentials,
                      QStringLiteral("unknown device or wrong token; log in again"));
        return;
    }
    if (device->revokedAt != 0) { // issue 27: told to its holder only, never "log in again"
        session->fail(request.requestId, ErrorCode::DeviceRevoked,
                      QStringLiteral("this device was removed from the account"));
        return;
    }
    const auto account = m_store.accountById(device->accountId);
    if (!account || account->disabled) {
        session->fail(request.requestId, ErrorCode::Forbidden,
                      QStringLiteral("this account has been disabled"));
        return;
    }
    refund(session, QString());
    finish(session, request.requestId, account->id, device->id, account->username, {});
}

auto AuthController::createDevice(qint64 accountId, const QString &deviceName)
    -> protocol::Result<NewDevice>
{
    NewDevice created;
    created.token = Credentials::newToken();
    const auto name = deviceNameOr(deviceName, m_store.deviceIdsOfAccount(accountId).size() + 1);
    auto device =
        m_store.createDevice(accountId, name, Credentials::hashSecret(created.token), now());
    if (!device)
        return device.error();
    created.id = device.value();
    return created;
}

void AuthController::finishWithNewDevice(Session *session, quint32 requestId, qint64 accountId,
                                         const QString &username, const QString &deviceName)
{
    const auto device = createDevice(accountId, deviceName);
    if (!device) {
        session->fail(requestId, device.error().code, device.error().reason);
        return;
    }
    finish(session, requestId, accountId, device.value().id, username, device.value().token);
}

void AuthController::finish(Session *session, quint32 requestId, qint64 accountId, qint64 deviceId,
                            const QString &username, const QByteArray &token)
{
    session->setAuthenticated(accountId, deviceId, username);
    protocol::AuthOk ok;
    ok.requestId = requestId;
    ok.username = username;
    ok.deviceId = deviceId;
    ok.token = token;
    ok.serverTime = now();
    ok.pending = m_store.inboxCount(deviceId);
    ok.preKeys = m_store.keys().preKeyCount(deviceId);
    ok.accountKey = m_store.keys().accountKey(accountId);
    session->send(ok);
    qCDebug(lcAuth) << "device" << deviceId << "of" << username << "authenticated";
    if (m_onAuthenticated)
        m_onAuthenticated(session);
    if (!token.isEmpty() && m_onDeviceAdded) // a new device: the account's others are told
        m_onDeviceAdded(accountId);
}

} // namespace linnet::server
