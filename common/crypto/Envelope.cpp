// SPDX-License-Identifier: GPL-3.0-or-later
#include "Envelope.h"

#include "BinaryCodec.h"
#include "DoubleRatchet.h"
#include "Keys.h"
#include "RatchetPrimitives.h"

namespace linnet::crypto {

QByteArray Envelope::encode() const
{
    QByteArray out;
    out.reserve(2 + (preKey ? kPreKeyHeaderSize : 0) + ratchetMessage.size());
    out.append(char(kVersion));
    out.append(char(preKey ? kTypePreKeyMessage : kTypeMessage));
    if (preKey) {
        out += preKey->identity + preKey->baseKey;
        appendU32(out, preKey->signedPreKeyId);
        appendU32(out, preKey->oneTimePreKeyId);
    }
    out += ratchetMessage;
    return out;
}

Result<Envelope> Envelope::decode(QByteArrayView bytes)
{
    auto malformed = [](const char *reason) {
        return cryptoFailure(CryptoError::Malformed, QString::fromLatin1(reason));
    };
    BinaryReader in(bytes);
    quint8 version = 0;
    if (!in.readU8(version))
        return malformed("empty envelope");
    if (version != kVersion)
        return cryptoFailure(CryptoError::UnsupportedVersion,
                             QStringLiteral("envelope version %1").arg(version));
    quint8 type = 0;
    if (!in.readU8(type))
        return malformed("no envelope type");
    Envelope envelope;
    if (type == kTypePreKeyMessage) {
        PreKeyHeader header;
        in.readBytes(kEd25519PublicBytes, header.identity);
        in.readBytes(kX25519KeyBytes, header.baseKey);
        in.readU32(header.signedPreKeyId);
        in.readU32(header.oneTimePreKeyId);
        if (!in.ok())
            return malformed("truncated prekey header");
        envelope.preKey = std::move(header);
    } else if (type != kTypeMessage) {
        return malformed("unknown envelope type");
    }
    if (in.remaining() < RatchetHeader::kSize ||
        !isSealedSize(in.remaining() - RatchetHeader::kSize))
        return malformed("truncated ratchet message");
    envelope.ratchetMessage = in.rest().toByteArray();
    return envelope;
}

} // namespace linnet::crypto
