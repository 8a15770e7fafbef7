// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanAnnouncement.h"

#include <QByteArray>

#include <optional>

namespace linnet::crypto {
class IdentityKeyPair;
}

namespace linnet::lan {

/**
 * Seals the frames of one direction of a peer link (docs/protocol.md 12.4):
 * XChaCha20-Poly1305 (IETF) under this direction's key, nonce = 16 zero bytes || u64 BE
 * count of frames sealed before, associated data "LinnetLanFrame1". Frames must be opened
 * in the order they were sealed; a forged, replayed, reordered or cut frame does not open.
 */
class LanFrameSealer {
public:
    LanFrameSealer() = default;
    explicit LanFrameSealer(QByteArray key) : m_key(std::move(key)) {}
    LanFrameSealer(const LanFrameSealer &) = delete;
    LanFrameSealer &operator=(const LanFrameSealer &) = delete;
    LanFrameSealer(LanFrameSealer &&) noexcept = default;
    LanFrameSealer &operator=(LanFrameSealer &&) noexcept = default;
    ~LanFrameSealer();

    bool isValid() const { return !m_key.isEmpty(); }
    QByteArray seal(QByteArrayView frame);
    /** The frame, or nullopt if it does not open (then this sealer stays where it was). */
    std::optional<QByteArray> open(QByteArrayView sealed);

private:
    QByteArray nonce() const;
    QByteArray m_key;
    quint64 m_counter = 0;
};

/**
 * One side of a peer link's handshake (docs/protocol.md 12.4): a fresh X25519 key for the
 * link (lan_hello), the two directions' keys from crypto_kx once the peer's key is known,
 * and the transcripts the two identity signatures (lan_auth) cover. Secrets are wiped.
 */
class LanHandshake {
public:
    enum class Role : quint8 { Dialer = 1, Listener = 2 };

    explicit LanHandshake(Role role);
    LanHandshake(const LanHandshake &) = delete;
    LanHandshake &operator=(const LanHandshake &) = delete;
    ~LanHandshake();

    Role role() const { return m_role; }
    /** This side's lan_hello key. */
    QByteArray ephemeral() const { return m_public; }

    /**
     * Takes the peer's lan_hello key and derives the link's keys; false if it is not a
     * usable X25519 key (then nothing changes).
     */
    bool takePeerEphemeral(QByteArrayView peer);
    bool hasKeys() const { return m_sending.isValid(); }
    /** The sealers of this side's frames and of the peer's (once, after takePeerEphemeral). */
    LanFrameSealer takeSending() { return std::move(m_sending); }
    LanFrameSealer takeReceiving() { return std::move(m_receiving); }

    /**
     * "LinnetLanAuth1" || role of the signer || dialer's key || listener's key ||
     * who(signer) || who(other), who = u8 length || account || u64 BE device || identity.
     */
    QByteArray transcript(Role signer, const LanDevice &signerDevice, const LanDevice &other) const;
    /** This side's lan_auth signature. */
    QByteArray sign(const crypto::IdentityKeyPair &identity, const LanDevice &self,
                    const LanDevice &peer) const;
    /** Whether @p signature is @p peer's over the transcript of the other role. */
    bool verifyPeer(const LanDevice &peer, const LanDevice &self, QByteArrayView signature) const;

private:
    Role m_role;
    QByteArray m_public;
    QByteArray m_secret;
    QByteArray m_peerPublic;
    LanFrameSealer m_sending;
    LanFrameSealer m_receiving;
};

} // namespace linnet::lan
