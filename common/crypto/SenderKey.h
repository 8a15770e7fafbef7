// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"

#include <QByteArray>
#include <QList>

#include <deque>
#include <map>
#include <optional>

namespace linnet::crypto {

/**
 * Sender keys for group messages, as in Signal's sender keys (docs/crypto.md, "Sender
 * keys (groups)"). Each device has one OwnSenderKey per group: a symmetric hash chain
 * plus an Ed25519 signing key. It sends a SenderKeyDistribution to every other member
 * over the pairwise sessions; afterwards one encrypt() per group message serves every
 * member, who decrypt with ReceivedSenderKeys.
 *
 * A group message: version 0x01 | type 0x03 | key id (u32 BE) | iteration (u32 BE) |
 * XChaCha20-Poly1305 ciphertext of the padded plaintext | Ed25519 signature (64) over
 * associatedData || everything before the signature.
 */
struct SenderKeyMessage {
    static constexpr quint8 kVersion = 0x01;
    static constexpr quint8 kType = 0x03;
    static constexpr qsizetype kHeaderSize = 10;
    static constexpr qsizetype kSignatureSize = 64;
};

/** HKDF info that expands a sender key message key into XChaCha20-Poly1305 key || nonce. */
inline constexpr char kSenderKeyMessageInfo[] = "Linnet sender key message v1";

/** What a member sends to the others (over the pairwise sessions) so they can read its group
 * messages. */
struct SenderKeyDistribution {
    static constexpr quint8 kVersion = 0x01;
    /** version (1) || key id (4) || iteration (4) || chain key (32) || signing key (32). */
    static constexpr qsizetype kEncodedSize = 73;

    quint32 keyId = 0;     ///< random, identifies this sender key
    quint32 iteration = 0; ///< the chain position chainKey belongs to
    QByteArray chainKey;   ///< 32 bytes
    QByteArray signingKey; ///< Ed25519 public key, 32 bytes

    bool operator==(const SenderKeyDistribution &) const = default;

    /** The layout of kEncodedSize above, integers big-endian. */
    QByteArray encode() const;
    /**
     * UnsupportedVersion for another version byte, Malformed for any other size. Key
     * validity is checked by ReceivedSenderKeys::add (InvalidKey).
     */
    static Result<SenderKeyDistribution> decode(QByteArrayView data);
};

/** This device's own sender key for one group. */
class OwnSenderKey {
public:
    /** A null key (isNull()): encrypt() fails with NoSession. */
    OwnSenderKey() = default;
    /** A random non-zero key id, a random chain key at iteration 0, a new signing key. */
    static OwnSenderKey generate();

    OwnSenderKey(const OwnSenderKey &) = default;
    OwnSenderKey(OwnSenderKey &&) noexcept = default;
    OwnSenderKey &operator=(const OwnSenderKey &) = default;
    OwnSenderKey &operator=(OwnSenderKey &&) noexcept = default;
    ~OwnSenderKey();

    bool isNull() const { return m_chainKey.isEmpty(); }
    quint32 keyId() const { return m_keyId; }
    /** The iteration the next message will have. */
    quint32 iteration() const { return m_iteration; }
    /** Current chain key and iteration: the receiver can read this message and later ones. */
    SenderKeyDistribution distribution() const;

    /**
     * Encrypts and advances the chain; the message is signed with the signing key.
     * NoSession for a null key, or when the chain is exhausted (iteration 2^32 - 1):
     * generate a new key then.
     */
    Result<QByteArray> encrypt(QByteArrayView plaintext, QByteArrayView associatedData);

    /** Versioned, contains the chain key and the signing secret: store it sealed. */
    QByteArray serialize() const;
    /** nullopt for anything serialize() did not produce (never crashes on garbage). */
    static std::optional<OwnSenderKey> deserialize(QByteArrayView data);

private:
    quint32 m_keyId = 0;
    quint32 m_iteration = 0;
    QByteArray m_chainKey;
    QByteArray m_signingPublic; ///< Ed25519, 32
    QByteArray m_signingSecret; ///< Ed25519, 64 = seed || public
};

/** The sender keys received from ONE sender device (several key ids over time). */
class ReceivedSenderKeys {
public:
    /** Key ids kept per sender device; adding another forgets the least recently added. */
    static constexpr int kMaxKeys = 5;
    /** A message more than this many iterations ahead of its chain is refused (TooFarAhead). */
    static constexpr quint32 kMaxSkip = 2000;
    /** Stored message keys of skipped iterations, per key id; the oldest are dropped beyond. */
    static constexpr int kMaxSkippedKeys = 2000;

    /**
     * Adds the state of @p distribution; true if it was added. For a key id already held
     * with the same signing key the held state is kept (false): it is either earlier (it
     * can derive everything the new one can) or later, and going back would let messages
     * already read decrypt again. A known key id with another signing key is replaced.
     * Either way the key id becomes the most recently added. InvalidKey for a chain key
     * that is not 32 bytes or a signing key that is not a valid Ed25519 point.
     */
    Result<bool> add(const SenderKeyDistribution &distribution);
    bool hasKey(quint32 keyId) const;
    /** The key ids held, least recently added first. */
    QList<quint32> keyIds() const;
    /** Stored skipped-message keys over all key ids. */
    qsizetype skippedKeyCount() const;

    /**
     * Verifies the signature, derives the message key (storing skipped ones, bounded),
     * decrypts. Malformed (structure), UnsupportedVersion, NoSession if the key id is
     * unknown, BadSignature (anything altered, associated data included), Replayed for an
     * iteration already used or from before the distribution, TooFarAhead (> kMaxSkip
     * ahead), DecryptFailed (signed by the sender but does not authenticate).
     * State changes only on success.
     */
    Result<QByteArray> decrypt(QByteArrayView message, QByteArrayView associatedData);

    /** Versioned, contains chain and message keys: store it sealed. */
    QByteArray serialize() const;
    /** nullopt for anything serialize() did not produce (never crashes on garbage). */
    static std::optional<ReceivedSenderKeys> deserialize(QByteArrayView data);

private:
    /** One key id's chain; wipes its keys when destroyed. */
    struct State {
        State() = default;
        State(const State &) = default;
        State(State &&) noexcept = default;
        State &operator=(const State &) = default;
        State &operator=(State &&) noexcept = default;
        ~State();

        quint32 keyId = 0;
        quint32 iteration = 0; ///< the position of chainKey: the next new iteration
        QByteArray chainKey;
        QByteArray signingKey;
        std::map<quint32, QByteArray> skipped; ///< iteration -> message key seed
    };

    State *find(quint32 keyId);

    std::deque<State> m_states; ///< least recently added first, at most kMaxKeys
};

/** The key id a group message was encrypted with (to tell "missing key" early); nullopt if
 * malformed. */
std::optional<quint32> senderKeyIdOf(QByteArrayView message);

} // namespace linnet::crypto
