// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanHandshake.h"

#include "crypto/Keys.h"
#include "crypto/Sodium.h"

#include <QtEndian>

#include <sodium.h>

namespace linnet::lan {

using crypto::sodiumBytes;

namespace {

const QByteArray kFrameAd = QByteArrayLiteral("LinnetLanFrame1");

void appendWho(QByteArray &out, const LanDevice &d)
{
    const QByteArray account = d.account.toUtf8();
    out.append(char(quint8(account.size())));
    out.append(account);
    const quint64 be = qToBigEndian(quint64(d.device));
    out.append(reinterpret_cast<const char *>(&be), sizeof be);
    out.append(d.identity);
}

} // namespace

LanFrameSealer::~LanFrameSealer()
{
    crypto::wipe(m_key);
}

QByteArray LanFrameSealer::nonce() const
{
    QByteArray n(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
    qToBigEndian(m_counter, n.data() + n.size() - 8);
    return n;
}

QByteArray LanFrameSealer::seal(QByteArrayView frame)
{
    QByteArray out(frame.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long written = 0;
    const QByteArray n = nonce();
    crypto_aead_xchacha20poly1305_ietf_encrypt(sodiumBytes(out), &written, sodiumBytes(frame),
                                               quint64(frame.size()), sodiumBytes(kFrameAd),
                                               quint64(kFrameAd.size()), nullptr, sodiumBytes(n),
                                               sodiumBytes(m_key));
    ++m_counter;
    out.resize(qsizetype(written));
    return out;
}

std::optional<QByteArray> LanFrameSealer::open(QByteArrayView sealed)
{
    if (sealed.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES || !isValid())
        return std::nullopt;
    QByteArray out(sealed.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long written = 0;
    const QByteArray n = nonce();
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(sodiumBytes(out), &written, nullptr,
                                                   sodiumBytes(sealed), quint64(sealed.size()),
                                                   sodiumBytes(kFrameAd), quint64(kFrameAd.size()),
                                                   sodiumBytes(n), sodiumBytes(m_key)) != 0)
        return std::nullopt;
    ++m_counter;
    out.resize(qsizetype(written));
    return out;
}

LanHandshake::LanHandshake(Role role) : m_role(role)
{
    crypto::initSodium();
    m_public.resize(crypto_kx_PUBLICKEYBYTES);
    m_secret.resize(crypto_kx_SECRETKEYBYTES);
    crypto_kx_keypair(sodiumBytes(m_public), sodiumBytes(m_secret));
}

LanHandshake::~LanHandshake()
{
    crypto::wipe(m_secret);
}

bool LanHandshake::takePeerEphemeral(QByteArrayView peer)
{
    if (peer.size() != crypto_kx_PUBLICKEYBYTES || hasKeys() || !m_peerPublic.isEmpty())
        return false;
    QByteArray rx(crypto_kx_SESSIONKEYBYTES, Qt::Uninitialized);
    QByteArray tx(crypto_kx_SESSIONKEYBYTES, Qt::Uninitialized);
    // crypto_kx fails on a small-order point (an all-zero shared secret).
    const int failed =
        m_role == Role::Dialer
            ? crypto_kx_client_session_keys(sodiumBytes(rx), sodiumBytes(tx), sodiumBytes(m_public),
                                            sodiumBytes(m_secret), sodiumBytes(peer))
            : crypto_kx_server_session_keys(sodiumBytes(rx), sodiumBytes(tx), sodiumBytes(m_public),
                                            sodiumBytes(m_secret), sodiumBytes(peer));
    crypto::wipe(m_secret);
    if (failed != 0)
        return false;
    m_peerPublic = peer.toByteArray();
    m_sending = LanFrameSealer(std::move(tx));
    m_receiving = LanFrameSealer(std::move(rx));
    return true;
}

QByteArray LanHandshake::transcript(Role signer, const LanDevice &signerDevice,
                                    const LanDevice &other) const
{
    QByteArray out("LinnetLanAuth1");
    out.append(char(signer));
    const bool dialer = m_role == Role::Dialer;
    out.append(dialer ? m_public : m_peerPublic);
    out.append(dialer ? m_peerPublic : m_public);
    appendWho(out, signerDevice);
    appendWho(out, other);
    return out;
}

QByteArray LanHandshake::sign(const crypto::IdentityKeyPair &identity, const LanDevice &self,
                              const LanDevice &peer) const
{
    return identity.sign(transcript(m_role, self, peer));
}

bool LanHandshake::verifyPeer(const LanDevice &peer, const LanDevice &self,
                              QByteArrayView signature) const
{
    const Role peerRole = m_role == Role::Dialer ? Role::Listener : Role::Dialer;
    return !m_peerPublic.isEmpty() &&
           crypto::verifySignature(peer.identity, transcript(peerRole, peer, self), signature);
}

} // namespace linnet::lan
