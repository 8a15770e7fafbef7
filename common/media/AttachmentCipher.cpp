// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentCipher.h"

#include "crypto/Sodium.h"

#include <openssl/evp.h>
#include <sodium.h>

static_assert(linnet::media::kHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(linnet::media::kChunkOverhead == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(linnet::media::kKeyBytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);

namespace linnet::media {

quint64 cipherSize(quint64 plainSize)
{
    const auto chunks = plainSize / quint64(kChunkBytes) + 1;
    return quint64(kHeaderBytes) + plainSize + quint64(kChunkOverhead) * chunks;
}

QByteArray newKey()
{
    crypto::initSodium();
    return crypto::randomBytes(kKeyBytes);
}

struct Sha256::State {
    EVP_MD_CTX *ctx = nullptr;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    m_state->ctx = EVP_MD_CTX_new();
    // Only allocation can fail here; a null context then fails every call below
    // harmlessly and result() is empty, which no hash ever equals.
    if (m_state->ctx && EVP_DigestInit_ex(m_state->ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(m_state->ctx);
        m_state->ctx = nullptr;
    }
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_state->ctx);
}

void Sha256::add(QByteArrayView bytes)
{
    if (m_state->ctx && !bytes.isEmpty())
        EVP_DigestUpdate(m_state->ctx, bytes.data(), size_t(bytes.size()));
}

QByteArray Sha256::result()
{
    if (!m_state->ctx)
        return {};
    QByteArray digest(kSha256Bytes, Qt::Uninitialized);
    unsigned int length = 0;
    const bool ok =
        EVP_DigestFinal_ex(m_state->ctx, reinterpret_cast<unsigned char *>(digest.data()),
                           &length) == 1 &&
        length == unsigned(kSha256Bytes);
    EVP_MD_CTX_free(m_state->ctx);
    m_state->ctx = nullptr;
    return ok ? digest : QByteArray();
}

QByteArray Sha256::of(QByteArrayView bytes)
{
    Sha256 hasher;
    hasher.add(bytes);
    return hasher.result();
}

} // namespace linnet::media
