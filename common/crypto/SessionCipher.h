// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"
#include "Envelope.h"
#include "Keys.h"
#include "SessionRecord.h"
#include "X3dh.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace linnet::crypto {

/**
 * SessionCipher: X3DH + Double Ratchet over a SessionRecord, producing and consuming
 * envelopes (docs/crypto.md). Pure functions over values: no storage, no Qt objects.
 * A call that fails leaves the record exactly as it was.
 */

/** Our side of X3DH as a responder: the identity and lookups of our stored prekeys. */
struct LocalIdentity {
    IdentityKeyPair identity;
    std::function<std::optional<KeyPair>(quint32)> signedPreKey;
    std::function<std::optional<KeyPair>(quint32)> oneTimePreKey;
};

/**
 * X3DH as initiator against @p bundle; the new session becomes active. Until a message
 * from the peer decrypts in it, every envelope it produces is a prekey envelope.
 * BadSignature, InvalidKey or Malformed from x3dhInitiate.
 */
Status initiateSession(SessionRecord &record, const IdentityKeyPair &self,
                       const PreKeyBundle &bundle);

/** An envelope carrying @p plaintext in the active session; NoSession if there is none. */
Result<QByteArray> encrypt(SessionRecord &record, QByteArrayView plaintext);

struct Decrypted {
    QByteArray plaintext;
    bool newSession = false; ///< X3DH ran as responder: a new session is now active
    /** The one-time prekey X3DH consumed: the caller deletes it for good. */
    std::optional<quint32> usedOneTimePreKey;
    QByteArray remoteIdentity; ///< Ed25519 identity of the session that decrypted
};

/**
 * Decrypts @p envelope. A prekey envelope whose base key and identity match a session we
 * answered before goes to that session; otherwise X3DH runs as responder (MissingPreKey
 * if @p local does not know the signed or one-time prekey id) and the new session is put
 * first. A normal envelope is tried in the active session, then the older ones; the one
 * that decrypts becomes active. The caller decides whether a new remoteIdentity is
 * trusted (compare it with the record's before storing the record).
 */
Result<Decrypted> decrypt(SessionRecord &record, const LocalIdentity &local,
                          QByteArrayView envelope);

} // namespace linnet::crypto
