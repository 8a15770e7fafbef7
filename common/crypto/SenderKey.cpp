// SPDX-License-Identifier: GPL-3.0-or-later
#include "SenderKey.h"

#include "BinaryCodec.h"
#include "Keys.h"
#include "RatchetPrimitives.h"
#include "Sodium.h"

#include <sodium.h>

#include <QtEndian>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace linnet::crypto {

namespace {

constexpr quint8 kStateVersion = 1;
constexpr qsizetype kChainKeyBytes = 32;
constexpr qsizetype kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
/** The chain cannot step past this iteration (the next one would not fit in a u32). */
constexpr quint32 kLastIteration = std::numeric_limits<quint32>::max();

CryptoFailure failure(CryptoError code, const char *reason)
{
    return cryptoFailure(code, QString::fromLatin1(reason));
}

/** Pads @p plaintext to kPaddingBlock and seals it, as RatchetPrimitives' sealMessage. */
QByteArray seal(QByteArrayView messageKey, QByteArrayView plaintext, QByteArrayView ad)
{
    return sealPadded(kSenderKeyMessageInfo, messageKey, plaintext, ad);
}

Result<QByteArray> open(QByteArrayView messageKey, QByteArrayView ciphertext, QByteArrayView ad)
{
    return openPadded(kSenderKeyMessageInfo, messageKey, ciphertext, ad,
                      QStringLiteral("the group message does not authenticate"));
}

bool isValidSigningKey(QByteArrayView key)
{
    return key.size() == kEd25519PublicBytes &&
           crypto_core_ed25519_is_valid_point(sodiumBytes(key)) == 1;
}

/** The parts of a group message; the views point into the message. */
struct ParsedMessage {
    quint32 keyId = 0;
    quint32 iteration = 0;
    QByteArrayView signedPart; ///< header || ciphertext
    QByteArrayView header;
    QByteArrayView ciphertext;
    QByteArrayView signature;
};

Result<ParsedMessage> parseMessage(QByteArrayView message)
{
    if (message.isEmpty())
        return failure(CryptoError::Malformed, "empty group message");
    if (quint8(message[0]) != SenderKeyMessage::kVersion)
        return cryptoFailure(CryptoError::UnsupportedVersion,
                             QStringLiteral("group message version %1").arg(quint8(message[0])));
    if (message.size() < 2 || quint8(message[1]) != SenderKeyMessage::kType)
        return failure(CryptoError::Malformed, "not a group message");
    const qsizetype cipherSize =
        message.size() - SenderKeyMessage::kHeaderSize - SenderKeyMessage::kSignatureSize;
    if (!isSealedSize(cipherSize))
        return failure(CryptoError::Malformed, "group message of a wrong size");
    ParsedMessage parsed;
    parsed.keyId = qFromBigEndian<quint32>(message.data() + 2);
    parsed.iteration = qFromBigEndian<quint32>(message.data() + 6);
    if (parsed.iteration == kLastIteration)
        return failure(CryptoError::Malformed, "iteration out of range");
    parsed.signedPart = message.first(message.size() - SenderKeyMessage::kSignatureSize);
    parsed.header = message.first(SenderKeyMessage::kHeaderSize);
    parsed.ciphertext = message.sliced(SenderKeyMessage::kHeaderSize, cipherSize);
    parsed.signature = message.last(SenderKeyMessage::kSignatureSize);
    return parsed;
}

QByteArray concat(QByteArrayView a, QByteArrayView b)
{
    QByteArray out;
    out.reserve(a.size() + b.size());
    out.append(a);
    out.append(b);
    return out;
}

} // namespace

// --- SenderKeyDistribution ------------------------------------------------------------

QByteArray SenderKeyDistribution::encode() const
{
    QByteArray out;
    out.reserve(kEncodedSize);
    out.append(char(kVersion));
    appendU32(out, keyId);
    appendU32(out, iteration);
    out += chainKey;
    out += signingKey;
    return out;
}

Result<SenderKeyDistribution> SenderKeyDistribution::decode(QByteArrayView data)
{
    BinaryReader in(data);
    quint8 version = 0;
    if (!in.readU8(version))
        return failure(CryptoError::Malformed, "empty sender key distribution");
    if (version != kVersion)
        return cryptoFailure(CryptoError::UnsupportedVersion,
                             QStringLiteral("sender key distribution version %1").arg(version));
    SenderKeyDistribution d;
    in.readU32(d.keyId);
    in.readU32(d.iteration);
    in.readBytes(kChainKeyBytes, d.chainKey);
    in.readBytes(kEd25519PublicBytes, d.signingKey);
    if (!in.atEnd())
        return failure(CryptoError::Malformed, "sender key distribution of a wrong size");
    return d;
}

// --- OwnSenderKey ---------------------------------------------------------------------

OwnSenderKey OwnSenderKey::generate()
{
    OwnSenderKey key;
    do {
        key.m_keyId = randombytes_random();
    } while (key.m_keyId == 0);
    key.m_chainKey = randomBytes(kChainKeyBytes);
    key.m_signingPublic = QByteArray(kEd25519PublicBytes, Qt::Uninitialized);
    key.m_signingSecret = QByteArray(kEd25519SecretBytes, Qt::Uninitialized);
    crypto_sign_ed25519_keypair(sodiumBytes(key.m_signingPublic), sodiumBytes(key.m_signingSecret));
    return key;
}

OwnSenderKey::~OwnSenderKey()
{
    wipe(m_chainKey);
    wipe(m_signingSecret);
}

SenderKeyDistribution OwnSenderKey::distribution() const
{
    return SenderKeyDistribution{m_keyId, m_iteration, m_chainKey, m_signingPublic};
}

Result<QByteArray> OwnSenderKey::encrypt(QByteArrayView plaintext, QByteArrayView associatedData)
{
    if (isNull())
        return failure(CryptoError::NoSession, "no sender key");
    if (m_iteration == kLastIteration)
        return failure(CryptoError::NoSession, "the sender key chain is exhausted");
    ChainStep step = kdfChain(m_chainKey);
    QByteArray message;
    message.reserve(SenderKeyMessage::kHeaderSize + plaintext.size() + kPaddingBlock + kTagBytes +
                    SenderKeyMessage::kSignatureSize);
    message.append(char(SenderKeyMessage::kVersion));
    message.append(char(SenderKeyMessage::kType));
    appendU32(message, m_keyId);
    appendU32(message, m_iteration);
    message += seal(step.messageKey, plaintext, concat(associatedData, message));
    wipe(step.messageKey);

    const QByteArray signedBytes = concat(associatedData, message);
    QByteArray signature(SenderKeyMessage::kSignatureSize, Qt::Uninitialized);
    crypto_sign_ed25519_detached(sodiumBytes(signature), nullptr, sodiumBytes(signedBytes),
                                 static_cast<unsigned long long>(signedBytes.size()),
                                 sodiumBytes(m_signingSecret));
    message += signature;

    wipe(m_chainKey);
    m_chainKey = std::move(step.chainKey);
    ++m_iteration;
    return message;
}

QByteArray OwnSenderKey::serialize() const
{
    QByteArray out;
    out.append(char(kStateVersion));
    appendU32(out, m_keyId);
    appendU32(out, m_iteration);
    out += m_chainKey + m_signingPublic + m_signingSecret;
    return out;
}

std::optional<OwnSenderKey> OwnSenderKey::deserialize(QByteArrayView data)
{
    BinaryReader in(data);
    quint8 version = 0;
    if (!in.readU8(version) || version != kStateVersion)
        return std::nullopt;
    OwnSenderKey key;
    QByteArray secret;
    in.readU32(key.m_keyId);
    in.readU32(key.m_iteration);
    in.readBytes(kChainKeyBytes, key.m_chainKey);
    in.readBytes(kEd25519PublicBytes, key.m_signingPublic);
    in.readBytes(kEd25519SecretBytes, secret);
    if (!in.atEnd() || key.m_keyId == 0) {
        wipe(secret);
        return std::nullopt;
    }
    // Re-derive the pair from the seed so that a secret with a foreign public half is refused.
    QByteArray derivedPublic(kEd25519PublicBytes, Qt::Uninitialized);
    key.m_signingSecret = QByteArray(kEd25519SecretBytes, Qt::Uninitialized);
    crypto_sign_ed25519_seed_keypair(sodiumBytes(derivedPublic), sodiumBytes(key.m_signingSecret),
                                     sodiumBytes(secret));
    const bool matches =
        constantTimeEquals(key.m_signingSecret, secret) && derivedPublic == key.m_signingPublic;
    wipe(secret);
    if (!matches)
        return std::nullopt;
    return key;
}

// --- ReceivedSenderKeys ---------------------------------------------------------------

ReceivedSenderKeys::State::~State()
{
    wipe(chainKey);
    for (auto &entry : skipped)
        wipe(entry.second);
}

ReceivedSenderKeys::State *ReceivedSenderKeys::find(quint32 keyId)
{
    for (State &state : m_states) {
        if (state.keyId == keyId)
            return &state;
    }
    return nullptr;
}

bool ReceivedSenderKeys::hasKey(quint32 keyId) const
{
    return std::any_of(m_states.begin(), m_states.end(),
                       [keyId](const State &s) { return s.keyId == keyId; });
}

QList<quint32> ReceivedSenderKeys::keyIds() const
{
    QList<quint32> ids;
    for (const State &state : m_states)
        ids << state.keyId;
    return ids;
}

qsizetype ReceivedSenderKeys::skippedKeyCount() const
{
    qsizetype count = 0;
    for (const State &state : m_states)
        count += qsizetype(state.skipped.size());
    return count;
}

Result<bool> ReceivedSenderKeys::add(const SenderKeyDistribution &distribution)
{
    if (distribution.chainKey.size() != kChainKeyBytes)
        return failure(CryptoError::InvalidKey, "the chain key is not 32 bytes");
    if (!isValidSigningKey(distribution.signingKey))
        return failure(CryptoError::InvalidKey, "the signing key is not a valid Ed25519 key");
    const auto it = std::find_if(m_states.begin(), m_states.end(),
                                 [&](const State &s) { return s.keyId == distribution.keyId; });
    if (it != m_states.end() && it->signingKey == distribution.signingKey) {
        // Keep what we have; only its place in the eviction order changes.
        State kept = std::move(*it);
        m_states.erase(it);
        m_states.push_back(std::move(kept));
        return false;
    }
    if (it != m_states.end())
        m_states.erase(it); // the same id for another key: the new one replaces it
    State state;
    state.keyId = distribution.keyId;
    state.iteration = distribution.iteration;
    state.chainKey = distribution.chainKey;
    state.signingKey = distribution.signingKey;
    m_states.push_back(std::move(state));
    while (qsizetype(m_states.size()) > kMaxKeys)
        m_states.pop_front();
    return true;
}

Result<QByteArray> ReceivedSenderKeys::decrypt(QByteArrayView message,
                                               QByteArrayView associatedData)
{
    auto parsed = parseMessage(message);
    if (!parsed)
        return parsed.error();
    const ParsedMessage &m = parsed.value();
    State *state = find(m.keyId);
    if (!state)
        return cryptoFailure(CryptoError::NoSession,
                             QStringLiteral("unknown sender key id %1").arg(m.keyId));
    if (!verifySignature(state->signingKey, concat(associatedData, m.signedPart), m.signature))
        return failure(CryptoError::BadSignature, "the group message signature does not verify");
    const QByteArray ad = concat(associatedData, m.header);

    if (m.iteration < state->iteration) {
        const auto it = state->skipped.find(m.iteration);
        if (it == state->skipped.end())
            return failure(CryptoError::Replayed,
                           "the message key was already used, discarded or never held");
        auto plain = open(it->second, m.ciphertext, ad);
        if (plain) {
            wipe(it->second);
            state->skipped.erase(it);
        }
        return plain;
    }
    if (quint64(state->iteration) + kMaxSkip < m.iteration)
        return failure(CryptoError::TooFarAhead, "more than 2000 messages would be skipped");

    // Step a copy of the chain; the state takes the result only if the message opens.
    QByteArray chainKey = state->chainKey;
    std::vector<std::pair<quint32, QByteArray>> newlySkipped;
    newlySkipped.reserve(size_t(m.iteration - state->iteration));
    for (quint32 i = state->iteration; i < m.iteration; ++i) {
        ChainStep step = kdfChain(chainKey);
        wipe(chainKey);
        chainKey = std::move(step.chainKey);
        newlySkipped.emplace_back(i, std::move(step.messageKey));
    }
    ChainStep step = kdfChain(chainKey);
    wipe(chainKey);
    auto plain = open(step.messageKey, m.ciphertext, ad);
    wipe(step.messageKey);
    if (!plain) {
        wipe(step.chainKey);
        for (auto &entry : newlySkipped)
            wipe(entry.second);
        return plain;
    }
    wipe(state->chainKey);
    state->chainKey = std::move(step.chainKey);
    state->iteration = m.iteration + 1;
    for (auto &entry : newlySkipped)
        state->skipped.emplace(entry.first, std::move(entry.second));
    while (qsizetype(state->skipped.size()) > kMaxSkippedKeys) {
        // Iterations only grow, so the smallest is the oldest.
        wipe(state->skipped.begin()->second);
        state->skipped.erase(state->skipped.begin());
    }
    return plain;
}

QByteArray ReceivedSenderKeys::serialize() const
{
    QByteArray out;
    out.append(char(kStateVersion));
    out.append(char(m_states.size()));
    for (const State &state : m_states) {
        appendU32(out, state.keyId);
        appendU32(out, state.iteration);
        out += state.chainKey + state.signingKey;
        appendU32(out, quint32(state.skipped.size()));
        for (const auto &[iteration, messageKey] : state.skipped) {
            appendU32(out, iteration);
            out += messageKey;
        }
    }
    return out;
}

std::optional<ReceivedSenderKeys> ReceivedSenderKeys::deserialize(QByteArrayView data)
{
    BinaryReader in(data);
    quint8 version = 0;
    quint8 count = 0;
    if (!in.readU8(version) || version != kStateVersion || !in.readU8(count) || count > kMaxKeys)
        return std::nullopt;
    ReceivedSenderKeys keys;
    for (quint8 i = 0; i < count; ++i) {
        State state;
        in.readU32(state.keyId);
        in.readU32(state.iteration);
        in.readBytes(kChainKeyBytes, state.chainKey);
        in.readBytes(kEd25519PublicBytes, state.signingKey);
        quint32 skipped = 0;
        if (!in.readU32(skipped) || skipped > quint32(kMaxSkippedKeys) ||
            !isValidSigningKey(state.signingKey) || keys.hasKey(state.keyId))
            return std::nullopt;
        for (quint32 j = 0; j < skipped; ++j) {
            quint32 iteration = 0;
            QByteArray messageKey;
            in.readU32(iteration);
            in.readBytes(kChainKeyBytes, messageKey);
            // Stored in increasing order, all before the chain position.
            if (!in.ok() || iteration >= state.iteration ||
                (!state.skipped.empty() && iteration <= state.skipped.rbegin()->first))
                return std::nullopt;
            state.skipped.emplace(iteration, std::move(messageKey));
        }
        keys.m_states.push_back(std::move(state));
    }
    if (!in.atEnd())
        return std::nullopt;
    return keys;
}

// --- free functions -------------------------------------------------------------------

std::optional<quint32> senderKeyIdOf(QByteArrayView message)
{
    auto parsed = parseMessage(message);
    if (!parsed)
        return std::nullopt;
    return parsed.value().keyId;
}

} // namespace linnet::crypto
