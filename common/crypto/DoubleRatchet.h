// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"
#include "Keys.h"

#include <QByteArray>

#include <deque>
#include <optional>

namespace linnet::crypto {

/** The ratchet header sent in clear with each message: dh (32) || pn (u32 BE) || n (u32 BE). */
struct RatchetHeader {
    static constexpr qsizetype kSize = 40;

    QByteArray dhPublic;             ///< the sender's current ratchet public key
    quint32 previousChainLength = 0; ///< PN: messages in the sender's previous sending chain
    quint32 messageNumber = 0;       ///< N: this message's number in the current chain

    QByteArray encode() const;
    /** Reads the first kSize bytes of @p bytes; nullopt if shorter. */
    static std::optional<RatchetHeader> decode(QByteArrayView bytes);
};

/**
 * One Double Ratchet session (https://signal.org/docs/specifications/doubleratchet/,
 * section 3, without header encryption). A message is header (40) || AEAD ciphertext,
 * and the AEAD associated data is the session AD || header.
 *
 * Every operation works on a copy and replaces the state only on success: a forged,
 * replayed or damaged message leaves the session exactly as it was.
 */
class DoubleRatchet {
public:
    /** A message more than this many ahead of its chain is refused (TooFarAhead). */
    static constexpr quint32 kMaxSkip = 1000;
    /** Stored keys of skipped messages, per session; the oldest are dropped beyond this. */
    static constexpr qsizetype kMaxSkippedKeys = 2000;
    /** Earlier remote ratchet keys remembered to tell a replay from a garbled message. */
    static constexpr qsizetype kRemoteKeyHistory = 16;

    /** An empty session: encrypt and decrypt fail with NoSession. */
    DoubleRatchet() = default;
    DoubleRatchet(const DoubleRatchet &) = default;
    DoubleRatchet(DoubleRatchet &&) noexcept = default;
    DoubleRatchet &operator=(const DoubleRatchet &) = default;
    DoubleRatchet &operator=(DoubleRatchet &&) noexcept = default;
    ~DoubleRatchet();

    /** RatchetInitAlice: SK from X3DH and the responder's signed prekey as its ratchet key. */
    static Result<DoubleRatchet> initiator(QByteArrayView sharedKey, QByteArrayView associatedData,
                                           QByteArrayView remoteRatchetKey);
    /** RatchetInitBob: SK from X3DH, our signed prekey pair as the first ratchet key. */
    static DoubleRatchet responder(QByteArrayView sharedKey, QByteArrayView associatedData,
                                   const KeyPair &ratchetKey);

    bool isValid() const { return !m_rootKey.isEmpty(); }
    /** False for a responder that has not received yet (it has no sending chain). */
    bool canSend() const { return !m_sendChain.isEmpty(); }
    QByteArray associatedData() const { return m_associatedData; }
    qsizetype skippedKeyCount() const { return qsizetype(m_skipped.size()); }

    /** header || ciphertext of padded @p plaintext. NoSession if there is no sending chain. */
    Result<QByteArray> encrypt(QByteArrayView plaintext);
    /**
     * The plaintext of header || ciphertext. Malformed (truncated), Replayed (key already
     * used or discarded), TooFarAhead (> kMaxSkip skipped), InvalidKey (bad ratchet key),
     * DecryptFailed (does not authenticate).
     */
    Result<QByteArray> decrypt(QByteArrayView message);

    /** The whole state, versioned; contains secrets (store it sealed). */
    QByteArray serialize() const;
    /** nullopt for anything serialize() did not produce (never crashes on garbage). */
    static std::optional<DoubleRatchet> deserialize(QByteArrayView bytes);

private:
    /** A stored key of a skipped message. Its key is wiped whenever it goes: dropped as the
     *  oldest, erased once used, overwritten, or with the session (wipe() leaves data still
     *  shared with a copy to its last owner). */
    struct SkippedKey {
        QByteArray dhPublic;
        quint32 number = 0;
        QByteArray messageKey;

        SkippedKey() = default;
        SkippedKey(QByteArray dh, quint32 n, QByteArray key);
        SkippedKey(const SkippedKey &) = default;
        SkippedKey(SkippedKey &&) noexcept = default;
        SkippedKey &operator=(const SkippedKey &other);
        SkippedKey &operator=(SkippedKey &&other) noexcept;
        ~SkippedKey();
    };

    std::optional<CryptoFailure> skipTo(quint32 until);
    std::optional<CryptoFailure> dhRatchet(const QByteArray &remoteKey);
    qsizetype findSkipped(QByteArrayView dhPublic, quint32 number) const;
    bool isPreviousRemoteKey(QByteArrayView dhPublic) const;

    KeyPair m_self;                  ///< DHs
    QByteArray m_remote;             ///< DHr, empty until the first message (responder)
    QByteArray m_rootKey;            ///< RK
    QByteArray m_sendChain;          ///< CKs, empty for a responder before it receives
    QByteArray m_recvChain;          ///< CKr, empty for an initiator before it receives
    quint32 m_sendCount = 0;         ///< Ns
    quint32 m_recvCount = 0;         ///< Nr
    quint32 m_previousSendCount = 0; ///< PN
    QByteArray m_associatedData;
    std::deque<QByteArray> m_previousRemotes; ///< newest last, at most kRemoteKeyHistory
    std::deque<SkippedKey> m_skipped;         ///< oldest first, at most kMaxSkippedKeys
};

} // namespace linnet::crypto
