// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionCipher.h"

namespace linnet::crypto {

namespace {

/** Index of the session we answered from this initiator's base key, or -1. */
qsizetype findResponderSession(const SessionRecord &record, const PreKeyHeader &header)
{
    const auto &sessions = record.sessions();
    for (size_t i = 0; i < sessions.size(); ++i) {
        const SessionState &s = sessions[i];
        if (!s.initiatedByUs && s.baseKey == header.baseKey && s.remoteIdentity == header.identity)
            return qsizetype(i);
    }
    return -1;
}

/** Decrypts in the session at @p index; on success it becomes active and has heard back. */
Result<Decrypted> decryptIn(SessionRecord &record, qsizetype index, QByteArrayView message)
{
    SessionState &session = record.sessionAt(index);
    auto plain = session.ratchet.decrypt(message);
    if (!plain)
        return plain.error();
    session.pendingPreKey.reset();
    Decrypted out;
    out.plaintext = std::move(plain).value();
    out.remoteIdentity = session.remoteIdentity;
    record.promote(index);
    return out;
}

CryptoFailure missingPreKey(const char *which, quint32 id)
{
    return cryptoFailure(CryptoError::MissingPreKey,
                         QStringLiteral("unknown %1 prekey %2").arg(QLatin1String(which)).arg(id));
}

Result<Decrypted> decryptPreKey(SessionRecord &record, const LocalIdentity &local,
                                const Envelope &envelope)
{
    const PreKeyHeader &header = *envelope.preKey;
    const qsizetype existing = findResponderSession(record, header);
    if (existing >= 0)
        return decryptIn(record, existing, envelope.ratchetMessage);

    const auto signedPreKey =
        local.signedPreKey ? local.signedPreKey(header.signedPreKeyId) : std::nullopt;
    if (!signedPreKey)
        return missingPreKey("signed", header.signedPreKeyId);
    std::optional<KeyPair> oneTimePreKey;
    if (header.oneTimePreKeyId != 0) {
        oneTimePreKey =
            local.oneTimePreKey ? local.oneTimePreKey(header.oneTimePreKeyId) : std::nullopt;
        if (!oneTimePreKey)
            return missingPreKey("one-time", header.oneTimePreKeyId);
    }
    auto shared =
        x3dhRespond(local.identity, *signedPreKey, oneTimePreKey, header.identity, header.baseKey);
    if (!shared)
        return shared.error();

    SessionState session;
    session.ratchet = DoubleRatchet::responder(shared.value().sharedKey,
                                               shared.value().associatedData, *signedPreKey);
    auto plain = session.ratchet.decrypt(envelope.ratchetMessage);
    if (!plain)
        return plain.error();
    session.remoteIdentity = header.identity;
    session.baseKey = header.baseKey;
    record.addSession(std::move(session));

    Decrypted out;
    out.plaintext = std::move(plain).value();
    out.newSession = true;
    if (header.oneTimePreKeyId != 0)
        out.usedOneTimePreKey = header.oneTimePreKeyId;
    out.remoteIdentity = header.identity;
    return out;
}

} // namespace

Status initiateSession(SessionRecord &record, const IdentityKeyPair &self,
                       const PreKeyBundle &bundle)
{
    auto x3dh = x3dhInitiate(self, bundle);
    if (!x3dh)
        return x3dh.error();
    const X3dhInitiated &keys = x3dh.value();
    auto ratchet =
        DoubleRatchet::initiator(keys.sharedKey, keys.associatedData, keys.remoteSignedPreKey);
    if (!ratchet)
        return ratchet.error();
    SessionState session;
    session.ratchet = std::move(ratchet).value();
    session.remoteIdentity = bundle.identity;
    session.baseKey = keys.baseKey;
    session.initiatedByUs = true;
    session.pendingPreKey =
        PreKeyHeader{self.publicKey(), keys.baseKey, keys.signedPreKeyId, keys.oneTimePreKeyId};
    record.addSession(std::move(session));
    return {};
}

Result<QByteArray> encrypt(SessionRecord &record, QByteArrayView plaintext)
{
    if (!record.hasSession())
        return cryptoFailure(CryptoError::NoSession, QStringLiteral("no session"));
    SessionState &session = record.sessionAt(0);
    auto message = session.ratchet.encrypt(plaintext);
    if (!message)
        return message.error();
    Envelope envelope;
    envelope.preKey = session.pendingPreKey;
    envelope.ratchetMessage = std::move(message).value();
    return envelope.encode();
}

Result<Decrypted> decrypt(SessionRecord &record, const LocalIdentity &local,
                          QByteArrayView envelope)
{
    auto decoded = Envelope::decode(envelope);
    if (!decoded)
        return decoded.error();
    if (decoded.value().preKey)
        return decryptPreKey(record, local, decoded.value());
    if (!record.hasSession())
        return cryptoFailure(CryptoError::NoSession, QStringLiteral("no session"));

    // The active session's failure is the one to report, unless another session knew
    // the message as already used: that is the more precise answer.
    std::optional<CryptoFailure> activeFailure;
    std::optional<CryptoFailure> replayed;
    for (qsizetype i = 0; i < record.sessionCount(); ++i) {
        auto result = decryptIn(record, i, decoded.value().ratchetMessage);
        if (result)
            return result;
        if (i == 0)
            activeFailure = result.error();
        if (result.error().code == CryptoError::Replayed && !replayed)
            replayed = result.error();
    }
    return replayed ? *replayed : *activeFailure;
}

} // namespace linnet::crypto
