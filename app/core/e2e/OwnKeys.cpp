// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/OwnKeys.h"

#include "ClientLog.h"
#include "e2e/CryptoStore.h"
#include "e2e/SecretStore.h"
#include "crypto/AccountIdentity.h"
#include "crypto/DeviceLink.h"
#include "crypto/Sodium.h"
#include "protocol/Limits.h"

#include <QCoreApplication>

#include <sodium.h>

namespace linnet::client {

namespace {
const QString kIdentityKey = QStringLiteral("identity_key");
const QString kStateKey = QStringLiteral("state_key");
const QString kRegistrationKey = QStringLiteral("registration_id");
constexpr qsizetype kStateKeyBytes = 32;

quint32 randomRegistrationId()
{
    return 1 + randombytes_uniform(protocol::kMaxRegistrationId);
}
} // namespace

OwnKeys::OwnKeys(SecretStore &secrets, CryptoStore &store) : m_secrets(secrets), m_store(store) {}

QString OwnKeys::accountKeySecret()
{
    return QStringLiteral("account_key");
}

bool OwnKeys::copyAccountKey(SecretStore &from, SecretStore &to)
{
    const auto key = from.read(accountKeySecret());
    return key && !key.value().isEmpty() && to.write(accountKeySecret(), key.value());
}

void OwnKeys::proveLogin(SecretStore &secrets, protocol::LoginRequest &login, qint64 now)
{
    const auto key = secrets.read(accountKeySecret());
    if (!key || key.value().isEmpty())
        return;
    const auto account = crypto::IdentityKeyPair::fromSecret(key.value());
    if (!account)
        return;
    login.proof = crypto::signLogin(*account, login.username, now);
    login.proofTime = login.proof.isEmpty() ? 0 : now;
}

protocol::Status OwnKeys::forgetAccountKey()
{
    // Gone from memory even if the store fails: this run never certifies with the old key.
    m_account.reset();
    m_accountStatus = AccountStatus::Unknown;
    if (const auto removed = m_secrets.remove(accountKeySecret()); !removed)
        return removed.error();
    return {};
}

protocol::Result<bool> OwnKeys::load(qint64 now)
{
    const auto identity = m_secrets.read(kIdentityKey);
    const auto stateKey = m_secrets.read(kStateKey);
    const auto registration = m_secrets.read(kRegistrationKey);
    const auto account = m_secrets.read(accountKeySecret());
    for (const auto *read : {&identity, &stateKey, &registration, &account})
        if (!*read)
            return read->error();
    // Kept even when the device starts over below: it certifies the new identity then.
    if (!account.value().isEmpty())
        m_account = crypto::IdentityKeyPair::fromSecret(account.value());

    std::optional<crypto::IdentityKeyPair> existing;
    if (!identity.value().isEmpty())
        existing = crypto::IdentityKeyPair::fromSecret(identity.value());
    const bool haveState = stateKey.value().size() == kStateKeyBytes;
    if (haveState)
        m_store.setStateKey(stateKey.value());
    const quint32 reg = registration.value().toUInt();
    if (existing && haveState && reg != 0 && m_store.latestSignedPreKey()) {
        m_identity = existing;
        m_registrationId = reg;
        return false;
    }
    if (existing && haveState && reg != 0 && m_store.hasSignedPreKeys()) {
        // Everything is there, but the sealed state does not open with this state key (a
        // secret store of another profile): starting over would wipe every session for good.
        return protocol::makeError(
            protocol::ErrorCode::InternalError,
            QCoreApplication::translate(
                "OwnKeys", "the encryption state in this profile's database does not open with "
                           "the key in its secret store (is it the secret store of another "
                           "profile?); nothing was changed. Restore the secret store that "
                           "belongs to this profile."));
    }

    // Start over: without any one of these the old identity cannot be used safely.
    qCInfo(lcClient) << "creating a new identity key for this device";
    const QByteArray newState = crypto::randomBytes(kStateKeyBytes);
    const auto fresh = crypto::IdentityKeyPair::generate();
    const quint32 newReg = randomRegistrationId();
    for (const auto &[key, value] :
         {std::pair{kStateKey, newState}, std::pair{kIdentityKey, fresh.secretKey()},
          std::pair{kRegistrationKey, QByteArray::number(newReg)}}) {
        const auto written = m_secrets.write(key, value);
        if (!written)
            return written.error();
    }
    m_store.setStateKey(newState);
    if (!m_store.clearAll())
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot reset the local encryption state"));
    m_identity = fresh;
    m_registrationId = newReg;
    const quint32 spkId = 1 + randombytes_uniform(0x7fffffff);
    if (!m_store.saveSignedPreKey(crypto::generateSignedPreKey(*m_identity, spkId, now)))
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot store the signed prekey"));
    return true;
}

protocol::KeysUpload OwnKeys::buildUpload(quint32 requestId, quint64 serverPreKeys, qint64 now)
{
    auto signedPreKey = m_store.latestSignedPreKey();
    if (!signedPreKey || now - signedPreKey->createdAt >= kSignedPreKeyRotationMs) {
        const quint32 next = signedPreKey ? signedPreKey->id % 0x7fffffff + 1 : 1;
        m_store.saveSignedPreKey(crypto::generateSignedPreKey(*m_identity, next, now));
        m_store.pruneSignedPreKeys(now - kSignedPreKeyGraceMs);
        signedPreKey = m_store.latestSignedPreKey();
    }
    QList<protocol::PreKeyPublic> pending = m_store.unuploadedPreKeys();
    if (serverPreKeys + quint64(pending.size()) < quint64(protocol::kPreKeyLowWater)) {
        QList<crypto::OneTimePreKey> fresh;
        const quint32 first = m_store.highestPreKeyId() + 1;
        const qsizetype room = protocol::kMaxPreKeysStored - qsizetype(serverPreKeys);
        const int count = int(std::min<qsizetype>(kPreKeyBatch, room));
        for (int i = 0; i < count; ++i)
            fresh.append(crypto::OneTimePreKey{first + quint32(i), crypto::generateX25519()});
        if (m_store.saveOneTimePreKeys(fresh))
            pending = m_store.unuploadedPreKeys();
    }
    protocol::KeysUpload upload;
    upload.requestId = requestId;
    upload.identity = m_identity->publicKey();
    upload.registrationId = m_registrationId;
    if (m_accountStatus == AccountStatus::Approved && m_account && m_deviceId > 0) {
        upload.accountKey = m_account->publicKey();
        upload.deviceSignature =
            crypto::signDevice(*m_account, m_username, m_deviceId, upload.identity);
    }
    if (signedPreKey) {
        upload.signedPreKeyId = signedPreKey->id;
        upload.signedPreKey = signedPreKey->pair.publicKey;
        upload.signature = signedPreKey->signature;
    }
    upload.preKeys = pending.mid(0, protocol::kMaxPreKeysPerUpload);
    return upload;
}

void OwnKeys::setDevice(const QString &username, qint64 deviceId)
{
    m_username = username;
    m_deviceId = deviceId;
}

protocol::Result<OwnKeys::AccountStatus> OwnKeys::onServerAccountKey(const QByteArray &serverKey)
{
    if (!m_account && serverKey.isEmpty()) {
        qCInfo(lcClient) << "creating the account identity key with this device";
        auto fresh = crypto::IdentityKeyPair::generate();
        const auto written = m_secrets.write(accountKeySecret(), fresh.secretKey());
        if (!written)
            return written.error();
        m_account = std::move(fresh);
    }
    if (!m_account)
        m_accountStatus = AccountStatus::Unapproved;
    else if (serverKey.isEmpty() || crypto::sameKey(serverKey, m_account->publicKey()))
        m_accountStatus = AccountStatus::Approved;
    else
        m_accountStatus = AccountStatus::Conflict;
    if (m_accountStatus != AccountStatus::Approved)
        qCWarning(lcClient) << "this device is not approved by the account's identity key";
    return m_accountStatus;
}

protocol::Status OwnKeys::adoptAccountKey(const crypto::IdentityKeyPair &account)
{
    const auto written = m_secrets.write(accountKeySecret(), account.secretKey());
    if (!written)
        return written.error();
    m_account = account;
    m_accountStatus = AccountStatus::Unknown; // until auth_ok says what the server holds
    return {};
}

QByteArray OwnKeys::accountPublicKey() const
{
    return m_account ? m_account->publicKey() : QByteArray();
}

void OwnKeys::confirmUpload(const protocol::KeysUpload &upload)
{
    m_store.markUploaded(upload.preKeys);
}

crypto::LocalIdentity OwnKeys::localIdentity()
{
    crypto::LocalIdentity local;
    local.identity = *m_identity;
    local.signedPreKey = [this](quint32 id) { return m_store.signedPreKey(id); };
    local.oneTimePreKey = [this](quint32 id) { return m_store.oneTimePreKey(id); };
    return local;
}

} // namespace linnet::client
