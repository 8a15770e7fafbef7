// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DoubleRatchet.h"
#include "Envelope.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace linnet::crypto {

/** One ratchet session with a remote device and how it was set up. */
struct SessionState {
    DoubleRatchet ratchet;
    QByteArray remoteIdentity; ///< the peer's Ed25519 identity public key
    QByteArray baseKey;        ///< the X3DH base key (ours when we initiated)
    bool initiatedByUs = false;
    /** Sent with every envelope until the peer's first message decrypts in this session. */
    std::optional<PreKeyHeader> pendingPreKey;
};

/**
 * All ratchet sessions with ONE remote device: the active one first, then up to
 * kMaxOlderSessions older ones, kept so that late messages and a simultaneous initiation
 * by both sides still decrypt. A plain value: SessionCipher changes it, the caller
 * stores serialize() (sealed, it holds secrets).
 */
class SessionRecord {
public:
    static constexpr qsizetype kMaxOlderSessions = 3;

    bool hasSession() const { return !m_sessions.empty(); }
    /** Ed25519 public key of the active session's peer, empty if none. */
    QByteArray remoteIdentity() const;
    qsizetype sessionCount() const { return qsizetype(m_sessions.size()); }

    QByteArray serialize() const;
    /** nullopt for anything serialize() did not produce. */
    static std::optional<SessionRecord> deserialize(QByteArrayView bytes);

    // For SessionCipher.
    const std::vector<SessionState> &sessions() const { return m_sessions; }
    SessionState &sessionAt(qsizetype index) { return m_sessions[size_t(index)]; }
    /** Makes the session at @p index the active one, keeping the others' order. */
    void promote(qsizetype index);
    /** Puts @p session first; the oldest beyond kMaxOlderSessions is dropped. */
    void addSession(SessionState session);

private:
    std::vector<SessionState> m_sessions;
};

} // namespace linnet::crypto
