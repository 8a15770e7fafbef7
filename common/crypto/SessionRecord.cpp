// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionRecord.h"

#include "BinaryCodec.h"
#include "Sodium.h"

#include <algorithm>

namespace linnet::crypto {

namespace {

constexpr quint8 kRecordVersion = 1;
constexpr quint8 kInitiatedByUs = 0x01;
constexpr quint8 kPending = 0x02;
/** A ratchet state with every skipped key stored is about 140 KB; refuse far more. */
constexpr qsizetype kMaxRatchetBytes = 1024 * 1024;

} // namespace

QByteArray SessionRecord::remoteIdentity() const
{
    return m_sessions.empty() ? QByteArray() : m_sessions.front().remoteIdentity;
}

void SessionRecord::promote(qsizetype index)
{
    if (index <= 0 || index >= sessionCount())
        return;
    std::rotate(m_sessions.begin(), m_sessions.begin() + index, m_sessions.begin() + index + 1);
}

void SessionRecord::addSession(SessionState session)
{
    m_sessions.insert(m_sessions.begin(), std::move(session));
    if (sessionCount() > kMaxOlderSessions + 1)
        m_sessions.resize(size_t(kMaxOlderSessions + 1));
}

QByteArray SessionRecord::serialize() const
{
    QByteArray out;
    // Sized up front: a reallocation would leave an unwiped copy of the keys behind.
    qsizetype size = 2;
    for (const SessionState &s : m_sessions)
        size += 1024 + s.ratchet.skippedKeyCount() * 68;
    out.reserve(size);
    out.append(char(kRecordVersion));
    out.append(char(m_sessions.size()));
    for (const SessionState &s : m_sessions) {
        const quint8 flags =
            (s.initiatedByUs ? kInitiatedByUs : 0) | (s.pendingPreKey ? kPending : 0);
        out.append(char(flags));
        out += s.remoteIdentity + s.baseKey;
        if (s.pendingPreKey) {
            out += s.pendingPreKey->identity + s.pendingPreKey->baseKey;
            appendU32(out, s.pendingPreKey->signedPreKeyId);
            appendU32(out, s.pendingPreKey->oneTimePreKeyId);
        }
        QByteArray ratchet = s.ratchet.serialize();
        appendBlob(out, ratchet);
        wipe(ratchet); // its keys stay only in `out`, which the caller wipes after sealing
    }
    return out;
}

std::optional<SessionRecord> SessionRecord::deserialize(QByteArrayView bytes)
{
    BinaryReader in(bytes);
    quint8 version = 0;
    quint8 count = 0;
    if (!in.readU8(version) || version != kRecordVersion || !in.readU8(count) ||
        count > kMaxOlderSessions + 1)
        return std::nullopt;
    SessionRecord record;
    for (quint8 i = 0; i < count; ++i) {
        SessionState s;
        quint8 flags = 0;
        if (!in.readU8(flags) || (flags & ~(kInitiatedByUs | kPending)))
            return std::nullopt;
        s.initiatedByUs = flags & kInitiatedByUs;
        in.readBytes(kEd25519PublicBytes, s.remoteIdentity);
        in.readBytes(kX25519KeyBytes, s.baseKey);
        if (flags & kPending) {
            PreKeyHeader header;
            in.readBytes(kEd25519PublicBytes, header.identity);
            in.readBytes(kX25519KeyBytes, header.baseKey);
            in.readU32(header.signedPreKeyId);
            in.readU32(header.oneTimePreKeyId);
            s.pendingPreKey = std::move(header);
        }
        QByteArray ratchet;
        if (!in.readBlob(ratchet, kMaxRatchetBytes))
            return std::nullopt;
        auto state = DoubleRatchet::deserialize(ratchet);
        wipe(ratchet);
        if (!state || !state->isValid())
            return std::nullopt;
        s.ratchet = std::move(*state);
        record.m_sessions.push_back(std::move(s));
    }
    if (!in.atEnd())
        return std::nullopt;
    return record;
}

} // namespace linnet::crypto
