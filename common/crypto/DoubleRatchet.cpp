// SPDX-License-Identifier: GPL-3.0-or-later
#include "DoubleRatchet.h"

#include "BinaryCodec.h"
#include "RatchetPrimitives.h"
#include "Sodium.h"

#include <QtEndian>

#include <utility>

namespace linnet::crypto {

namespace {

constexpr quint8 kStateVersion = 1;
constexpr qsizetype kMaxAssociatedData = 1024;
constexpr quint8 kHasRemote = 0x01;
constexpr quint8 kHasSendChain = 0x02;
constexpr quint8 kHasRecvChain = 0x04;

CryptoFailure failure(CryptoError code, const char *reason)
{
    return cryptoFailure(code, QString::fromLatin1(reason));
}

} // namespace

QByteArray RatchetHeader::encode() const
{
    QByteArray out = dhPublic;
    appendU32(out, previousChainLength);
    appendU32(out, messageNumber);
    return out;
}

std::optional<RatchetHeader> RatchetHeader::decode(QByteArrayView bytes)
{
    BinaryReader reader(bytes);
    RatchetHeader header;
    reader.readBytes(kX25519KeyBytes, header.dhPublic);
    reader.readU32(header.previousChainLength);
    reader.readU32(header.messageNumber);
    if (!reader.ok())
        return std::nullopt;
    return header;
}

DoubleRatchet::SkippedKey::SkippedKey(QByteArray dh, quint32 n, QByteArray key)
    : dhPublic(std::move(dh)), number(n), messageKey(std::move(key))
{
}

DoubleRatchet::SkippedKey &DoubleRatchet::SkippedKey::operator=(const SkippedKey &other)
{
    if (this != &other) {
        wipe(messageKey);
        dhPublic = other.dhPublic;
        number = other.number;
        messageKey = other.messageKey;
    }
    return *this;
}

DoubleRatchet::SkippedKey &DoubleRatchet::SkippedKey::operator=(SkippedKey &&other) noexcept
{
    if (this != &other) {
        wipe(messageKey); // a move-assignment would otherwise free it unwiped
        dhPublic = std::move(other.dhPublic);
        number = other.number;
        messageKey = std::move(other.messageKey);
    }
    return *this;
}

DoubleRatchet::SkippedKey::~SkippedKey()
{
    wipe(messageKey);
}

DoubleRatchet::~DoubleRatchet()
{
    wipe(m_self.secretKey);
    wipe(m_rootKey);
    wipe(m_sendChain);
    wipe(m_recvChain);
    // m_skipped: each SkippedKey wipes its own key.
}

Result<DoubleRatchet> DoubleRatchet::initiator(QByteArrayView sharedKey,
                                               QByteArrayView associatedData,
                                               QByteArrayView remoteRatchetKey)
{
    if (sharedKey.size() != 32)
        return failure(CryptoError::InvalidKey, "the shared key is not 32 bytes");
    DoubleRatchet state;
    state.m_self = generateX25519();
    state.m_remote = remoteRatchetKey.toByteArray();
    state.m_associatedData = associatedData.toByteArray();
    auto dh = x25519(state.m_self.secretKey, remoteRatchetKey);
    if (!dh)
        return failure(CryptoError::InvalidKey, "the remote ratchet key is not usable");
    RootStep step = kdfRoot(sharedKey, *dh);
    wipe(*dh);
    state.m_rootKey = std::move(step.rootKey);
    state.m_sendChain = std::move(step.chainKey);
    return state;
}

DoubleRatchet DoubleRatchet::responder(QByteArrayView sharedKey, QByteArrayView associatedData,
                                       const KeyPair &ratchetKey)
{
    DoubleRatchet state;
    state.m_self = ratchetKey;
    state.m_rootKey = sharedKey.toByteArray();
    state.m_associatedData = associatedData.toByteArray();
    return state;
}

Result<QByteArray> DoubleRatchet::encrypt(QByteArrayView plaintext)
{
    if (!canSend())
        return failure(CryptoError::NoSession, "this session cannot send yet");
    ChainStep step = kdfChain(m_sendChain);
    const RatchetHeader header{m_self.publicKey, m_previousSendCount, m_sendCount};
    QByteArray message = header.encode();
    message += sealMessage(step.messageKey, plaintext, m_associatedData + message);
    wipe(step.messageKey);
    wipe(m_sendChain);
    m_sendChain = std::move(step.chainKey);
    ++m_sendCount;
    return message;
}

Result<QByteArray> DoubleRatchet::decrypt(QByteArrayView message)
{
    if (!isValid())
        return failure(CryptoError::NoSession, "no session");
    const auto header = RatchetHeader::decode(message);
    if (!header)
        return failure(CryptoError::Malformed, "truncated ratchet header");
    const QByteArrayView ciphertext = message.sliced(RatchetHeader::kSize);
    if (!isSealedSize(ciphertext.size()))
        return failure(CryptoError::Malformed, "truncated ciphertext");
    QByteArray ad = m_associatedData;
    ad.append(message.first(RatchetHeader::kSize));

    // A late message whose key was stored when a later one arrived first.
    const qsizetype skipped = findSkipped(header->dhPublic, header->messageNumber);
    if (skipped >= 0) {
        auto plain = openMessage(m_skipped[size_t(skipped)].messageKey, ciphertext, ad);
        if (plain)
            m_skipped.erase(m_skipped.begin() + skipped); // ~SkippedKey wipes it
        return plain;
    }
    const bool currentChain = !m_remote.isEmpty() && header->dhPublic == m_remote;
    if ((currentChain && header->messageNumber < m_recvCount) ||
        isPreviousRemoteKey(header->dhPublic))
        return failure(CryptoError::Replayed, "the message key was already used or discarded");

    DoubleRatchet next = *this;
    if (!currentChain) {
        if (auto f = next.skipTo(header->previousChainLength))
            return *f;
        if (auto f = next.dhRatchet(header->dhPublic))
            return *f;
    }
    if (auto f = next.skipTo(header->messageNumber))
        return *f;
    ChainStep step = kdfChain(next.m_recvChain);
    wipe(next.m_recvChain);
    next.m_recvChain = std::move(step.chainKey);
    ++next.m_recvCount;
    auto plain = openMessage(step.messageKey, ciphertext, ad);
    wipe(step.messageKey);
    if (plain)
        std::swap(*this, next); // the old state leaves with `next` and is wiped there
    return plain;
}

std::optional<CryptoFailure> DoubleRatchet::skipTo(quint32 until)
{
    if (quint64(m_recvCount) + kMaxSkip < until)
        return failure(CryptoError::TooFarAhead, "more than 1000 messages would be skipped");
    if (m_recvChain.isEmpty())
        return std::nullopt;
    while (m_recvCount < until) {
        ChainStep step = kdfChain(m_recvChain);
        wipe(m_recvChain);
        m_recvChain = std::move(step.chainKey);
        if (qsizetype(m_skipped.size()) >= kMaxSkippedKeys)
            m_skipped.pop_front();
        m_skipped.push_back(SkippedKey{m_remote, m_recvCount, std::move(step.messageKey)});
        ++m_recvCount;
    }
    return std::nullopt;
}

std::optional<CryptoFailure> DoubleRatchet::dhRatchet(const QByteArray &remoteKey)
{
    m_previousSendCount = m_sendCount;
    m_sendCount = 0;
    m_recvCount = 0;
    if (!m_remote.isEmpty()) {
        m_previousRemotes.push_back(m_remote);
        if (qsizetype(m_previousRemotes.size()) > kRemoteKeyHistory)
            m_previousRemotes.pop_front();
    }
    m_remote = remoteKey;
    auto dh = x25519(m_self.secretKey, m_remote);
    if (!dh)
        return failure(CryptoError::InvalidKey, "the remote ratchet key is not usable");
    RootStep recv = kdfRoot(m_rootKey, *dh);
    wipe(*dh);
    wipe(m_self.secretKey);
    m_self = generateX25519();
    dh = x25519(m_self.secretKey, m_remote);
    if (!dh)
        return failure(CryptoError::InvalidKey, "the remote ratchet key is not usable");
    RootStep send = kdfRoot(recv.rootKey, *dh);
    wipe(*dh);
    wipe(recv.rootKey);
    wipe(m_rootKey);
    wipe(m_recvChain);
    wipe(m_sendChain);
    m_rootKey = std::move(send.rootKey);
    m_recvChain = std::move(recv.chainKey);
    m_sendChain = std::move(send.chainKey);
    return std::nullopt;
}

qsizetype DoubleRatchet::findSkipped(QByteArrayView dhPublic, quint32 number) const
{
    for (size_t i = 0; i < m_skipped.size(); ++i) {
        if (m_skipped[i].number == number && m_skipped[i].dhPublic == dhPublic)
            return qsizetype(i);
    }
    return -1;
}

bool DoubleRatchet::isPreviousRemoteKey(QByteArrayView dhPublic) const
{
    for (const QByteArray &key : m_previousRemotes) {
        if (key == dhPublic)
            return true;
    }
    return false;
}

QByteArray DoubleRatchet::serialize() const
{
    QByteArray out;
    // Sized up front: a reallocation would leave an unwiped copy of the keys behind.
    out.reserve(512 + m_associatedData.size() + qsizetype(m_previousRemotes.size()) * 32 +
                qsizetype(m_skipped.size()) * 68);
    out.append(char(kStateVersion));
    out += m_self.publicKey;
    out += m_self.secretKey; // appended in place: a temporary sum would be an unwiped copy
    const quint8 flags = (m_remote.isEmpty() ? 0 : kHasRemote) |
                         (m_sendChain.isEmpty() ? 0 : kHasSendChain) |
                         (m_recvChain.isEmpty() ? 0 : kHasRecvChain);
    out.append(char(flags));
    out += m_remote + m_rootKey + m_sendChain + m_recvChain;
    appendU32(out, m_sendCount);
    appendU32(out, m_recvCount);
    appendU32(out, m_previousSendCount);
    appendBlob(out, m_associatedData);
    appendU32(out, quint32(m_previousRemotes.size()));
    for (const QByteArray &key : m_previousRemotes)
        out += key;
    appendU32(out, quint32(m_skipped.size()));
    for (const SkippedKey &key : m_skipped) {
        out += key.dhPublic;
        appendU32(out, key.number);
        out += key.messageKey;
    }
    return out;
}

std::optional<DoubleRatchet> DoubleRatchet::deserialize(QByteArrayView bytes)
{
    BinaryReader in(bytes);
    quint8 version = 0;
    if (!in.readU8(version) || version != kStateVersion)
        return std::nullopt;
    DoubleRatchet s;
    quint8 flags = 0;
    in.readBytes(kX25519KeyBytes, s.m_self.publicKey);
    in.readBytes(kX25519KeyBytes, s.m_self.secretKey);
    in.readU8(flags);
    if (flags & ~(kHasRemote | kHasSendChain | kHasRecvChain))
        return std::nullopt;
    if (flags & kHasRemote)
        in.readBytes(kX25519KeyBytes, s.m_remote);
    in.readBytes(32, s.m_rootKey);
    if (flags & kHasSendChain)
        in.readBytes(32, s.m_sendChain);
    if (flags & kHasRecvChain)
        in.readBytes(32, s.m_recvChain);
    in.readU32(s.m_sendCount);
    in.readU32(s.m_recvCount);
    in.readU32(s.m_previousSendCount);
    in.readBlob(s.m_associatedData, kMaxAssociatedData);
    quint32 count = 0;
    if (!in.readU32(count) || count > quint32(kRemoteKeyHistory))
        return std::nullopt;
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        QByteArray key;
        in.readBytes(kX25519KeyBytes, key);
        s.m_previousRemotes.push_back(std::move(key));
    }
    if (!in.readU32(count) || count > quint32(kMaxSkippedKeys))
        return std::nullopt;
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        SkippedKey key;
        in.readBytes(kX25519KeyBytes, key.dhPublic);
        in.readU32(key.number);
        in.readBytes(32, key.messageKey);
        s.m_skipped.push_back(std::move(key));
    }
    if (!in.atEnd())
        return std::nullopt;
    return s;
}

} // namespace linnet::crypto
