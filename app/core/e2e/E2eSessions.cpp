// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/E2eSessions.h"

#include "ClientLog.h"
#include "e2e/CryptoStore.h"
#include "e2e/OwnKeys.h"
#include "crypto/AccountIdentity.h"
#include "crypto/SafetyNumber.h"
#include "crypto/SessionCipher.h"

#include <QCoreApplication>

namespace linnet::client {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("linnet::client::E2eSessions", text);
}
} // namespace

E2eSessions::E2eSessions(CryptoStore &store, OwnKeys &keys) : m_store(store), m_keys(keys) {}

void E2eSessions::setSelf(const QString &username, qint64 deviceId)
{
    m_self = username;
    m_selfDevice = deviceId;
}

void E2eSessions::markStale(const QString &user)
{
    m_stale.insert(user);
}

void E2eSessions::resetFreshness()
{
    m_fetched.clear();
    m_claimed.clear();
}

bool E2eSessions::mustFetch(const QString &user)
{
    if (m_stale.contains(user))
        return true;
    const QList<PeerDevice> devices = m_store.devices(user);
    if (devices.isEmpty())
        return !m_fetched.contains(user);
    // A device first met through its prekey message is stored without a registration id
    // (0, which no send may carry): that need is in the stored list, so a restart keeps it.
    return std::any_of(devices.cbegin(), devices.cend(), [&](const PeerDevice &d) {
        return d.registrationId == 0 && !(user == m_self && d.device == m_selfDevice);
    });
}

QList<qint64> E2eSessions::targets(const QString &peer)
{
    QList<qint64> out;
    for (const PeerDevice &d : m_store.devices(peer))
        if (d.approved && !(peer == m_self && d.device == m_selfDevice))
            out.append(d.device);
    return out;
}

E2eSessions::Plan E2eSessions::encryptFor(const QString &peer, const QByteArray &plaintext,
                                          qint64 now)
{
    Plan plan;
    QStringList users{peer};
    if (peer != m_self)
        users.append(m_self);
    for (const QString &user : std::as_const(users))
        if (mustFetch(user))
            plan.requests.append(protocol::KeysRequest{0, user, {}});
    if (!plan.requests.isEmpty())
        return plan;
    if (peer != m_self && targets(peer).isEmpty()) {
        // A device uploads its keys right after it registers: ask again shortly.
        plan.error = tr("%1 has no device that can receive encrypted messages yet").arg(peer);
        plan.temporary = true;
        markStale(peer);
        return plan;
    }

    for (const QString &user : std::as_const(users)) {
        protocol::KeysRequest claim{0, user, {}};
        for (qint64 device : targets(user)) {
            if (m_store.session(user, device))
                continue;
            if (m_claimed.contains({user, device})) {
                plan.error = tr("cannot start a secure session with a device of %1").arg(user);
                return plan;
            }
            claim.claim.append(quint64(device));
        }
        if (!claim.claim.isEmpty())
            plan.requests.append(claim);
    }
    if (!plan.requests.isEmpty())
        return plan;

    for (const QString &user : std::as_const(users)) {
        for (const PeerDevice &d : m_store.devices(user)) {
            if ((user == m_self && d.device == m_selfDevice) || !d.approved)
                continue; // an unapproved device gets nothing (docs/crypto.md)
            auto record = m_store.session(user, d.device);
            const auto envelope = record ? crypto::encrypt(*record, plaintext)
                                         : crypto::Result<QByteArray>(crypto::CryptoFailure{
                                               crypto::CryptoError::NoSession, QString()});
            // The advanced ratchet is stored before the copy can leave: a message
            // key is never used twice, even if the app dies right after sending.
            if (!envelope || !m_store.saveSession(user, d.device, *record, now)) {
                plan.copies.clear();
                // Storage failing here (a full disk) passes: the message waits, not fails.
                plan.temporary = bool(envelope);
                plan.error =
                    tr("cannot encrypt for a device of %1: %2")
                        .arg(user, envelope ? tr("storage failed (%1)").arg(m_store.lastError())
                                            : envelope.error().reason);
                return plan;
            }
            plan.copies.append(protocol::DeviceCopy{d.device, d.registrationId, envelope.value()});
        }
    }
    return plan;
}

QList<QPair<E2eSessions::Target, QByteArray>>
E2eSessions::encryptWithSessions(const QList<Target> &devices, const QByteArray &plaintext,
                                 qint64 now)
{
    QList<QPair<Target, QByteArray>> out;
    for (const Target &t : devices) {
        auto record = m_store.session(t.first, t.second);
        if (!record)
            continue;
        const auto envelope = crypto::encrypt(*record, plaintext);
        if (envelope && m_store.saveSession(t.first, t.second, *record, now))
            out.append({t, envelope.value()});
    }
    return out;
}

E2eSessions::Plan
E2eSessions::encryptForDevices(const QStringList &users, const QByteArray &plaintext, qint64 now,
                               const std::function<bool(const QString &, qint64)> &wanted,
                               QList<Target> &targets)
{
    Plan plan;
    targets.clear();
    for (const QString &user : users)
        if (mustFetch(user) || !m_fetched.contains(user))
            plan.requests.append(protocol::KeysRequest{0, user, {}});
    if (!plan.requests.isEmpty())
        return plan;
    QList<QPair<QString, PeerDevice>> todo;
    for (const QString &user : users) {
        protocol::KeysRequest claim{0, user, {}};
        for (const PeerDevice &d : m_store.devices(user)) {
            if ((user == m_self && d.device == m_selfDevice) || !d.approved ||
                !wanted(user, d.device))
                continue;
            if (!m_store.session(user, d.device)) {
                if (m_claimed.contains({user, d.device}))
                    qCWarning(lcClient) << "no session with device" << d.device << "of" << user
                                        << "; it gets no group key for now";
                else
                    claim.claim.append(quint64(d.device));
                continue;
            }
            todo.append({user, d});
        }
        if (!claim.claim.isEmpty())
            plan.requests.append(claim);
    }
    if (!plan.requests.isEmpty())
        return plan;
    for (const auto &[user, d] : std::as_const(todo)) {
        auto record = m_store.session(user, d.device);
        const auto envelope = record ? crypto::encrypt(*record, plaintext)
                                     : crypto::Result<QByteArray>(crypto::CryptoFailure{
                                           crypto::CryptoError::NoSession, QString()});
        if (!envelope || !m_store.saveSession(user, d.device, *record, now)) {
            qCWarning(lcClient) << "cannot encrypt a group key for device" << d.device << "of"
                                << user;
            continue;
        }
        plan.copies.append(protocol::DeviceCopy{d.device, d.registrationId, envelope.value()});
        targets.append({user, d.device});
    }
    return plan;
}

QByteArray E2eSessions::trustedAccountKey(const QString &user, const QByteArray &listed,
                                          bool knewDevices, qint64 now, KeysChange &change)
{
    if (user == m_self && !m_keys.accountPublicKey().isEmpty())
        return m_keys.accountPublicKey(); // own devices answer to the key this device holds
    const QByteArray pinned = m_store.accountKey(user);
    if (!crypto::identityDhPublic(listed))
        return pinned; // withheld or not a key: only what the pinned key certified counts
    if (crypto::sameKey(pinned, listed))
        return pinned;
    // First sight, or a change: pinned either way, and a change is always reported (as is a
    // first pin over devices known from before account keys: the safety number changes).
    change.securityCodeChanged = !pinned.isEmpty() || knewDevices;
    if (!pinned.isEmpty())
        qCWarning(lcClient) << "the account identity key of" << user << "changed";
    if (!m_store.pinAccountKey(user, listed, now))
        return pinned;
    return listed;
}

E2eSessions::KeysChange E2eSessions::applyKeys(const protocol::KeysReply &reply, qint64 now)
{
    const QString &user = reply.user;
    KeysChange change;
    change.user = user;
    m_fetched.insert(user);
    m_stale.remove(user);
    const QList<PeerDevice> old = m_store.devices(user);
    // Devices listed before (a registration id) but no pinned key: from before account keys.
    const bool listedBefore = std::any_of(
        old.cbegin(), old.cend(), [](const PeerDevice &d) { return d.registrationId != 0; });
    const QByteArray accountKey =
        trustedAccountKey(user, reply.accountKey, listedBefore, now, change);
    QList<PeerDevice> listed;
    QSet<qint64> approved;
    for (const protocol::DeviceKeys &keys : reply.devices) {
        if (user == m_self && keys.device == m_selfDevice)
            continue;
        const auto before = std::find_if(
            old.cbegin(), old.cend(), [&](const PeerDevice &d) { return d.device == keys.device; });
        const bool known = before != old.cend();
        const bool sameIdentity = known && crypto::sameKey(before->identity, keys.identity);
        if (known && !sameIdentity) {
            m_store.deleteSession(user, keys.device); // a session with the old key is useless now
            m_claimed.remove({user, keys.device});
        }
        const bool certified =
            !accountKey.isEmpty() && crypto::verifyDevice(accountKey, user, keys.device,
                                                          keys.identity, keys.deviceSignature);
        if (certified && listedBefore && !(known && before->approved))
            change.added.append({keys.device, keys.name}); // newly approved: a peer is told
        if (certified)
            approved.insert(keys.device);
        else if (!known || !sameIdentity || before->approved || before->registrationId == 0)
            change.unapproved.append(keys.device); // not told about this one yet
        listed.append(PeerDevice{user, keys.device, keys.registrationId, keys.identity,
                                 known ? before->firstSeen : now, certified});
    }
    if (!change.unapproved.isEmpty())
        qCWarning(lcClient) << "devices" << change.unapproved << "of" << user
                            << "are not certified by the account key; nothing is encrypted to them";
    for (const PeerDevice &d : old)
        if (d.approved && std::none_of(listed.cbegin(), listed.cend(),
                                       [&](const PeerDevice &l) { return l.device == d.device; }))
            change.removed.append(d.device);
    m_store.replaceDevices(user, listed);

    for (const protocol::DeviceKeys &keys : reply.devices) {
        if (keys.signedPreKeyId == 0 || !approved.contains(keys.device))
            continue;
        m_claimed.insert({user, keys.device});
        crypto::PreKeyBundle bundle{keys.identity,  keys.signedPreKeyId, keys.signedPreKey,
                                    keys.signature, keys.preKeyId,       keys.preKey};
        crypto::SessionRecord record =
            m_store.session(user, keys.device).value_or(crypto::SessionRecord());
        const auto started = crypto::initiateSession(record, m_keys.identity(), bundle);
        if (!started) {
            qCWarning(lcClient) << "cannot start a session with device" << keys.device << "of"
                                << user << ":" << started.error().reason;
            continue;
        }
        m_store.saveSession(user, keys.device, record, now);
    }
    return change;
}

E2eSessions::Incoming E2eSessions::decrypt(const QString &from, qint64 fromDevice,
                                           const QByteArray &envelope, qint64 now, Path path)
{
    Incoming in = decryptUnsaved(from, fromDevice, envelope, now, path);
    if (in.ok && !in.save()) {
        in = Incoming{};
        in.error = tr("cannot store the session state");
    }
    return in;
}

E2eSessions::Incoming E2eSessions::decryptUnsaved(const QString &from, qint64 fromDevice,
                                                  const QByteArray &envelope, qint64 now, Path path)
{
    Incoming in;
    crypto::SessionRecord record =
        m_store.session(from, fromDevice).value_or(crypto::SessionRecord());
    const auto out = crypto::decrypt(record, m_keys.localIdentity(), envelope);
    if (!out) {
        in.error = out.error().reason;
        return in;
    }
    const crypto::Decrypted &d = out.value();

    // The trust decision, before anything is stored.
    const auto known = m_store.device(from, fromDevice);
    const bool newIdentity = !known || !crypto::sameKey(known->identity, d.remoteIdentity);
    if (known && !newIdentity && known->registrationId != 0 && !known->approved) {
        // Listed, and its certificate did not verify under the pinned account key.
        in.error = tr("sent from a device of %1 that their account key has not approved; refused")
                       .arg(from);
        return in;
    }
    if (path == Path::SenderKey && known && newIdentity) {
        // A group key is no place to learn a contact's new key: it would go unnoticed.
        in.error =
            tr("a device of %1 sent a group key under a new identity key; refused").arg(from);
        return in;
    }

    in.ok = true;
    in.plaintext = d.plaintext;
    // Not a security code change by itself: that is the account key's (applyKeys). A new
    // device is stored unapproved; its list, fetched before the next send, says whether it is.
    std::optional<PeerDevice> met;
    if (newIdentity)
        met = PeerDevice{from, fromDevice, 0, d.remoteIdentity, known ? known->firstSeen : now,
                         false};
    in.save = [this, from, fromDevice, record, now, used = d.usedOneTimePreKey, met] {
        if (!m_store.saveSession(from, fromDevice, record, now))
            return false;
        if (used)
            m_store.deleteOneTimePreKey(*used); // single use, as promised
        if (met) {
            m_store.upsertDevice(*met);
            markStale(from); // learn its registration id before the next send (see mustFetch)
        }
        return true;
    };
    return in;
}

QString E2eSessions::safetyNumber(const QString &peer)
{
    QByteArray mine = m_keys.accountPublicKey();
    if (mine.isEmpty())
        mine = m_store.accountKey(m_self); // a device not approved yet: what was pinned
    const QByteArray theirs = m_store.accountKey(peer);
    if (mine.isEmpty() || theirs.isEmpty() || peer == m_self)
        return {};
    return crypto::accountSafetyNumber(m_self, mine, peer, theirs);
}

} // namespace linnet::client
