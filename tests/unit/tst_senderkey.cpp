// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Hkdf.h"
#include "crypto/Keys.h"
#include "crypto/SenderKey.h"
#include "crypto/Sodium.h"

#include <QtEndian>
#include <QtTest>

#include <sodium.h>

using namespace linnet::crypto;

namespace {

const QByteArray kAd("group:0f3a|sender:alice/1");

QByteArray encryptOk(OwnSenderKey &key, const QByteArray &plain, const QByteArray &ad = kAd)
{
    auto out = key.encrypt(plain, ad);
    return out ? out.value() : QByteArray();
}

QByteArray flip(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x01);
    return bytes;
}

ReceivedSenderKeys receiverOf(const OwnSenderKey &key)
{
    ReceivedSenderKeys r;
    r.add(key.distribution());
    return r;
}

/** The signing secret inside a serialized OwnSenderKey (version, id, iteration, ck, pk, sk). */
QByteArray signingSecretOf(const OwnSenderKey &key)
{
    return key.serialize().sliced(1 + 4 + 4 + 32 + 32, 64);
}

QByteArray sign(const QByteArray &secret, const QByteArray &message)
{
    QByteArray signature(64, Qt::Uninitialized);
    crypto_sign_ed25519_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                                 reinterpret_cast<const unsigned char *>(message.constData()),
                                 static_cast<unsigned long long>(message.size()),
                                 reinterpret_cast<const unsigned char *>(secret.constData()));
    return signature;
}

} // namespace

/** Sender keys for groups: chain, wire format, skipping, replay, tampering, rotation, storage. */
class TestSenderKey : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void distributionCodec()
    {
        const OwnSenderKey own = OwnSenderKey::generate();
        QVERIFY(!own.isNull());
        QVERIFY(own.keyId() != 0);
        const SenderKeyDistribution d = own.distribution();
        QCOMPARE(d.keyId, own.keyId());
        QCOMPARE(d.iteration, 0u);
        QCOMPARE(d.chainKey.size(), 32);
        QCOMPARE(d.signingKey.size(), 32);

        const SenderKeyDistribution fixed{0x01020304, 0xa0b0c0d0, QByteArray(32, 'c'),
                                          QByteArray(32, 's')};
        const QByteArray bytes = fixed.encode();
        QCOMPARE(bytes.size(), SenderKeyDistribution::kEncodedSize);
        QCOMPARE(bytes.first(9).toHex(), QByteArray("0101020304a0b0c0d0"));
        QCOMPARE(bytes.sliced(9, 32), fixed.chainKey);
        QCOMPARE(bytes.sliced(41), fixed.signingKey);
        auto back = SenderKeyDistribution::decode(bytes);
        QVERIFY(back);
        QVERIFY(back.value() == fixed);
        QVERIFY(SenderKeyDistribution::decode(d.encode()).value() == d);

        for (qsizetype size = 0; size < bytes.size(); ++size)
            QCOMPARE(SenderKeyDistribution::decode(bytes.first(size)).error().code,
                     CryptoError::Malformed);
        QCOMPARE(SenderKeyDistribution::decode(bytes + "x").error().code, CryptoError::Malformed);
        QByteArray v2 = bytes;
        v2[0] = 2;
        QCOMPARE(SenderKeyDistribution::decode(v2).error().code, CryptoError::UnsupportedVersion);
    }

    void wireFormatFollowsTheDocumentation()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        const SenderKeyDistribution d = own.distribution();
        const QByteArray plain(100, 'p');
        const QByteArray message = encryptOk(own, plain);
        // 10 header + (128 padded + 16 tag) + 64 signature.
        QCOMPARE(message.size(), 218);
        QCOMPARE(quint8(message[0]), SenderKeyMessage::kVersion);
        QCOMPARE(quint8(message[1]), SenderKeyMessage::kType);
        QCOMPARE(qFromBigEndian<quint32>(message.constData() + 2), own.keyId());
        QCOMPARE(qFromBigEndian<quint32>(message.constData() + 6), 0u);
        QCOMPARE(own.iteration(), 1u);

        // The signature covers associatedData || header || ciphertext.
        const QByteArray body = message.first(message.size() - 64);
        QVERIFY(verifySignature(d.signingKey, kAd + body, message.last(64)));
        QVERIFY(!verifySignature(d.signingKey, body, message.last(64)));

        // Independent derivation: mk = HMAC(ck, 0x01), HKDF -> key || nonce, AD || header.
        const QByteArray mk = hmacSha256(d.chainKey, QByteArray(1, '\x01'));
        const QByteArray keys =
            hkdfSha256(QByteArray(32, '\0'), mk, "Linnet sender key message v1", 56);
        const QByteArray ciphertext = message.sliced(10, 144);
        const QByteArray ad = kAd + message.first(10);
        QByteArray padded(128, Qt::Uninitialized);
        unsigned long long paddedSize = 0;
        QCOMPARE(crypto_aead_xchacha20poly1305_ietf_decrypt(
                     reinterpret_cast<unsigned char *>(padded.data()), &paddedSize, nullptr,
                     reinterpret_cast<const unsigned char *>(ciphertext.constData()),
                     static_cast<unsigned long long>(ciphertext.size()),
                     reinterpret_cast<const unsigned char *>(ad.constData()),
                     static_cast<unsigned long long>(ad.size()),
                     reinterpret_cast<const unsigned char *>(keys.constData()) + 32,
                     reinterpret_cast<const unsigned char *>(keys.constData())),
                 0);
        QCOMPARE(paddedSize, 128ull);
        QCOMPARE(padded.first(100), plain);
        QCOMPARE(quint8(padded[100]), quint8(0x80)); // ISO/IEC 7816-4 padding
        QCOMPARE(padded.sliced(101), QByteArray(27, '\0'));

        // The next chain key is HMAC(ck, 0x02).
        QCOMPARE(own.distribution().chainKey, hmacSha256(d.chainKey, QByteArray(1, '\x02')));
        QCOMPARE(own.distribution().iteration, 1u);
        QCOMPARE(own.distribution().signingKey, d.signingKey);
    }

    void paddingHidesExactLength()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        const qsizetype empty = encryptOk(own, QByteArray()).size();
        QCOMPARE(empty, 10 + 64 + 16 + 64);
        QCOMPARE(encryptOk(own, QByteArray(63, 'x')).size(), empty);
        QCOMPARE(encryptOk(own, QByteArray(64, 'x')).size(), empty + 64);
        QCOMPARE(r.skippedKeyCount(), 0);
    }

    void roundTripsManyMessages()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        for (int i = 0; i < 300; ++i) {
            const QByteArray text(i, char('a' + i % 26));
            auto plain = r.decrypt(encryptOk(own, text), kAd);
            QVERIFY2(plain, qPrintable(QString::number(i)));
            QCOMPARE(plain.value(), text);
        }
        QCOMPARE(own.iteration(), 300u);
        QCOMPARE(r.skippedKeyCount(), 0);
    }

    void twoReceiversReadTheSameMessages()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys bob = receiverOf(own), carol = receiverOf(own);
        for (int i = 0; i < 20; ++i) {
            const QByteArray text = "to the group " + QByteArray::number(i);
            const QByteArray message = encryptOk(own, text);
            QCOMPARE(bob.decrypt(message, kAd).value(), text);
            QCOMPARE(carol.decrypt(message, kAd).value(), text);
        }
        // Each receiver keeps its own replay state.
        const QByteArray last = encryptOk(own, "last");
        QCOMPARE(bob.decrypt(last, kAd).value(), QByteArray("last"));
        QCOMPARE(bob.decrypt(last, kAd).error().code, CryptoError::Replayed);
        QCOMPARE(carol.decrypt(last, kAd).value(), QByteArray("last"));
    }

    void outOfOrderWithinBounds()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        QList<QByteArray> messages;
        for (int i = 0; i < 10; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        for (int i = 9; i >= 0; --i) {
            auto plain = r.decrypt(messages[i], kAd);
            QVERIFY(plain);
            QCOMPARE(plain.value(), QByteArray::number(i));
            QCOMPARE(r.skippedKeyCount(), i);
        }
        // Interleaved: 12, 10, 13, 11.
        for (int i = 10; i < 14; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        for (int i : {12, 10, 13, 11})
            QCOMPARE(r.decrypt(messages[i], kAd).value(), QByteArray::number(i));
        QCOMPARE(r.skippedKeyCount(), 0);
    }

    void tooFarAheadLeavesStateUnchanged()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        QList<QByteArray> messages;
        for (quint32 i = 0; i <= ReceivedSenderKeys::kMaxSkip + 1; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        const QByteArray before = r.serialize();
        // Iteration 2001 would skip 2001 keys.
        QCOMPARE(r.decrypt(messages.last(), kAd).error().code, CryptoError::TooFarAhead);
        QCOMPARE(r.serialize(), before);
        // Iteration 2000 is exactly at the bound.
        QCOMPARE(r.decrypt(messages[2000], kAd).value(), QByteArray("2000"));
        QCOMPARE(r.skippedKeyCount(), 2000);
        QCOMPARE(r.decrypt(messages.last(), kAd).value(), QByteArray("2001"));
        QCOMPARE(r.decrypt(messages[0], kAd).value(), QByteArray("0"));
        QCOMPARE(r.decrypt(messages[1999], kAd).value(), QByteArray("1999"));
        QCOMPARE(r.skippedKeyCount(), 1998);
    }

    void skippedKeysAreBounded()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        QList<QByteArray> messages;
        for (int i = 0; i <= 4000; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        QVERIFY(r.decrypt(messages[2000], kAd)); // stores 0..1999
        QVERIFY(r.decrypt(messages[4000], kAd)); // stores 2001..3999, drops the oldest
        QCOMPARE(r.skippedKeyCount(), ReceivedSenderKeys::kMaxSkippedKeys);
        QCOMPARE(r.decrypt(messages[1998], kAd).error().code, CryptoError::Replayed);
        QCOMPARE(r.decrypt(messages[0], kAd).error().code, CryptoError::Replayed);
        QCOMPARE(r.decrypt(messages[1999], kAd).value(), QByteArray("1999"));
        QCOMPARE(r.decrypt(messages[3999], kAd).value(), QByteArray("3999"));
        QCOMPARE(r.skippedKeyCount(), ReceivedSenderKeys::kMaxSkippedKeys - 2);
    }

    void replayIsRefused()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        const QByteArray m0 = encryptOk(own, "m0"), m1 = encryptOk(own, "m1"),
                         m2 = encryptOk(own, "m2");
        QVERIFY(r.decrypt(m0, kAd));
        QByteArray before = r.serialize();
        QCOMPARE(r.decrypt(m0, kAd).error().code, CryptoError::Replayed);
        QCOMPARE(r.serialize(), before);
        QVERIFY(r.decrypt(m2, kAd)); // m1 skipped, its key stored
        QCOMPARE(r.decrypt(m2, kAd).error().code, CryptoError::Replayed);
        QCOMPARE(r.decrypt(m1, kAd).value(), QByteArray("m1"));
        before = r.serialize();
        QCOMPARE(r.decrypt(m1, kAd).error().code, CryptoError::Replayed); // key deleted
        QCOMPARE(r.serialize(), before);
    }

    void tamperingFailsAndTheGenuineMessageStillDecrypts()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        const QByteArray genuine = encryptOk(own, "genuine");
        const QByteArray before = r.serialize();
        // Every single bit flip anywhere in the message is refused.
        for (qsizetype i = 0; i < genuine.size(); ++i) {
            auto got = r.decrypt(flip(genuine, i), kAd);
            QVERIFY2(!got, qPrintable(QString::number(i)));
            QCOMPARE(r.serialize(), before);
        }
        QCOMPARE(r.decrypt(flip(genuine, 0), kAd).error().code, CryptoError::UnsupportedVersion);
        QCOMPARE(r.decrypt(flip(genuine, 1), kAd).error().code, CryptoError::Malformed);
        QCOMPARE(r.decrypt(flip(genuine, 5), kAd).error().code, CryptoError::NoSession); // key id
        QCOMPARE(r.decrypt(flip(genuine, 9), kAd).error().code, CryptoError::BadSignature);
        QCOMPARE(r.decrypt(flip(genuine, 20), kAd).error().code, CryptoError::BadSignature);
        QCOMPARE(r.decrypt(flip(genuine, genuine.size() - 1), kAd).error().code,
                 CryptoError::BadSignature);
        // Another group's (or sender's) associated data.
        QCOMPARE(r.decrypt(genuine, "group:other|sender:alice/1").error().code,
                 CryptoError::BadSignature);
        QCOMPARE(r.decrypt(genuine, QByteArray()).error().code, CryptoError::BadSignature);
        // Truncated or extended.
        QCOMPARE(r.decrypt(genuine.chopped(1), kAd).error().code, CryptoError::Malformed);
        QCOMPARE(r.decrypt(genuine + "x", kAd).error().code, CryptoError::Malformed);
        QCOMPARE(r.decrypt(genuine.chopped(64), kAd).error().code, CryptoError::Malformed);
        QCOMPARE(r.serialize(), before);

        QCOMPARE(r.decrypt(genuine, kAd).value(), QByteArray("genuine"));
    }

    void signedByTheSenderButNotAuthenticIsDecryptFailed()
    {
        // Only the holder of the signing secret can produce this: a valid signature over a
        // ciphertext that does not authenticate (or a header moved to another iteration).
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        const QByteArray secret = signingSecretOf(own);
        const QByteArray m0 = encryptOk(own, "m0");
        auto resign = [&](const QByteArray &body) { return body + sign(secret, kAd + body); };
        // Ed25519 is deterministic: re-signing the genuine body gives the genuine message.
        QCOMPARE(resign(m0.chopped(64)), m0);
        const QByteArray before = r.serialize();
        QCOMPARE(r.decrypt(resign(flip(m0.chopped(64), 30)), kAd).error().code,
                 CryptoError::DecryptFailed);
        QCOMPARE(r.serialize(), before);
        // The header is in the AEAD associated data: iteration 0's ciphertext as iteration 1.
        QByteArray moved = m0.chopped(64);
        qToBigEndian<quint32>(1, moved.data() + 6);
        QCOMPARE(r.decrypt(resign(moved), kAd).error().code, CryptoError::DecryptFailed);
        QCOMPARE(r.serialize(), before);
        QCOMPARE(r.decrypt(m0, kAd).value(), QByteArray("m0"));
    }

    void unknownKeyIdIsNoSession()
    {
        OwnSenderKey own = OwnSenderKey::generate(), other = OwnSenderKey::generate();
        const QByteArray message = encryptOk(own, "hi");
        QCOMPARE(ReceivedSenderKeys().decrypt(message, kAd).error().code, CryptoError::NoSession);
        ReceivedSenderKeys r = receiverOf(other);
        QVERIFY(!r.hasKey(own.keyId()));
        QCOMPARE(r.decrypt(message, kAd).error().code, CryptoError::NoSession);
        QVERIFY(r.add(own.distribution()).value());
        QCOMPARE(r.decrypt(message, kAd).error().code, CryptoError::Replayed); // was iteration 0
    }

    void laterMemberCannotReadEarlierMessages()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys early = receiverOf(own);
        QList<QByteArray> before;
        for (int i = 0; i < 5; ++i)
            before << encryptOk(own, "before " + QByteArray::number(i));
        ReceivedSenderKeys late;
        QVERIFY(late.add(own.distribution()).value()); // at iteration 5
        const QByteArray after = encryptOk(own, "after");
        for (const QByteArray &m : before)
            QCOMPARE(late.decrypt(m, kAd).error().code, CryptoError::Replayed);
        QCOMPARE(late.skippedKeyCount(), 0);
        QCOMPARE(late.decrypt(after, kAd).value(), QByteArray("after"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(early.decrypt(before[i], kAd).value(), "before " + QByteArray::number(i));
        QCOMPARE(early.decrypt(after, kAd).value(), QByteArray("after"));
    }

    void rotationShutsOutALeftMember()
    {
        OwnSenderKey oldKey = OwnSenderKey::generate();
        ReceivedSenderKeys stays = receiverOf(oldKey), leaves = receiverOf(oldKey);
        const QByteArray oldMessage = encryptOk(oldKey, "old");
        QCOMPARE(leaves.decrypt(oldMessage, kAd).value(), QByteArray("old"));

        // "leaves" left the group: a new sender key, distributed to the remaining members.
        OwnSenderKey newKey = OwnSenderKey::generate();
        QVERIFY(newKey.keyId() != oldKey.keyId());
        QVERIFY(newKey.distribution().chainKey != oldKey.distribution().chainKey);
        QVERIFY(newKey.distribution().signingKey != oldKey.distribution().signingKey);
        QVERIFY(stays.add(newKey.distribution()).value());
        const QByteArray newMessage = encryptOk(newKey, "new");
        QCOMPARE(senderKeyIdOf(newMessage), std::optional<quint32>(newKey.keyId()));
        QCOMPARE(leaves.decrypt(newMessage, kAd).error().code, CryptoError::NoSession);
        QCOMPARE(stays.decrypt(newMessage, kAd).value(), QByteArray("new"));
        // A late message of the old key still decrypts for the remaining member.
        QCOMPARE(stays.decrypt(oldMessage, kAd).value(), QByteArray("old"));
        QCOMPARE(stays.keyIds(), (QList<quint32>{oldKey.keyId(), newKey.keyId()}));

        // The old chain cannot be passed off under the new key id: the signature is the
        // new key's, and the chain keys are unrelated.
        QByteArray forged = encryptOk(oldKey, "forged");
        qToBigEndian<quint32>(newKey.keyId(), forged.data() + 2);
        QCOMPARE(stays.decrypt(forged, kAd).error().code, CryptoError::BadSignature);
    }

    void maxKeysEvictsTheOldest()
    {
        QList<OwnSenderKey> keys;
        ReceivedSenderKeys r;
        for (int i = 0; i < ReceivedSenderKeys::kMaxKeys; ++i) {
            keys << OwnSenderKey::generate();
            QVERIFY(r.add(keys.last().distribution()).value());
        }
        QCOMPARE(r.keyIds().size(), ReceivedSenderKeys::kMaxKeys);
        // Re-adding the oldest makes it the most recent; the next one in line goes.
        QCOMPARE(r.add(keys[0].distribution()).value(), false);
        QCOMPARE(r.keyIds().last(), keys[0].keyId());
        keys << OwnSenderKey::generate();
        QVERIFY(r.add(keys.last().distribution()).value());
        QCOMPARE(r.keyIds().size(), ReceivedSenderKeys::kMaxKeys);
        QVERIFY(!r.hasKey(keys[1].keyId()));
        QVERIFY(r.hasKey(keys[0].keyId()));
        for (int i = 2; i < keys.size(); ++i)
            QVERIFY(r.hasKey(keys[i].keyId()));
        QCOMPARE(r.decrypt(encryptOk(keys[1], "gone"), kAd).error().code, CryptoError::NoSession);
        QCOMPARE(r.decrypt(encryptOk(keys[0], "kept"), kAd).value(), QByteArray("kept"));
        QCOMPARE(r.decrypt(encryptOk(keys.last(), "new"), kAd).value(), QByteArray("new"));
    }

    void addKeepsTheHeldStateForAKnownKey()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        const SenderKeyDistribution atZero = own.distribution();
        ReceivedSenderKeys r;
        QCOMPARE(r.add(atZero).value(), true);
        QList<QByteArray> messages;
        for (int i = 0; i < 6; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        QVERIFY(r.decrypt(messages[0], kAd));
        QVERIFY(r.decrypt(messages[2], kAd)); // 1 skipped
        const QByteArray before = r.serialize();

        // The same distribution again must not rewind the chain (that would allow replays).
        QCOMPARE(r.add(atZero).value(), false);
        QCOMPARE(r.serialize(), before);
        QCOMPARE(r.decrypt(messages[0], kAd).error().code, CryptoError::Replayed);
        // A later distribution does not move it forward either: 1 and 3 stay readable.
        QCOMPARE(r.add(own.distribution()).value(), false);
        QCOMPARE(r.serialize(), before);
        QCOMPARE(r.decrypt(messages[1], kAd).value(), QByteArray("1"));
        QCOMPARE(r.decrypt(messages[3], kAd).value(), QByteArray("3"));

        // The same key id with another signing key replaces the state.
        OwnSenderKey other = OwnSenderKey::generate();
        SenderKeyDistribution clash = other.distribution();
        clash.keyId = own.keyId();
        QCOMPARE(r.add(clash).value(), true);
        QCOMPARE(r.keyIds(), QList<quint32>{own.keyId()});
        QCOMPARE(r.decrypt(messages[4], kAd).error().code, CryptoError::BadSignature);
    }

    void addRefusesInvalidKeys()
    {
        const SenderKeyDistribution good = OwnSenderKey::generate().distribution();
        ReceivedSenderKeys r;
        SenderKeyDistribution d = good;
        d.chainKey.chop(1);
        QCOMPARE(r.add(d).error().code, CryptoError::InvalidKey);
        d = good;
        d.signingKey = QByteArray(32, '\0'); // a small-order point
        QCOMPARE(r.add(d).error().code, CryptoError::InvalidKey);
        d.signingKey = QByteArray(32, '\xff'); // not a canonical encoding
        QCOMPARE(r.add(d).error().code, CryptoError::InvalidKey);
        d.signingKey = good.signingKey.first(31);
        QCOMPARE(r.add(d).error().code, CryptoError::InvalidKey);
        QVERIFY(r.keyIds().isEmpty());
        QVERIFY(r.add(good).value());
    }

    void nullAndExhaustedKeysCannotEncrypt()
    {
        OwnSenderKey null;
        QVERIFY(null.isNull());
        QCOMPARE(null.encrypt("x", kAd).error().code, CryptoError::NoSession);

        OwnSenderKey own = OwnSenderKey::generate();
        QByteArray state = own.serialize();
        qToBigEndian<quint32>(0xfffffffeu, state.data() + 5);
        auto nearEnd = OwnSenderKey::deserialize(state);
        QVERIFY(nearEnd);
        ReceivedSenderKeys r = receiverOf(*nearEnd);
        QCOMPARE(r.decrypt(encryptOk(*nearEnd, "last one"), kAd).value(), QByteArray("last one"));
        QCOMPARE(nearEnd->iteration(), 0xffffffffu);
        QCOMPARE(nearEnd->encrypt("x", kAd).error().code, CryptoError::NoSession);
    }

    void ownKeySerializationRoundTripsMidStream()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        for (int i = 0; i < 3; ++i)
            QVERIFY(r.decrypt(encryptOk(own, "x"), kAd));
        const QByteArray state = own.serialize();
        QCOMPARE(state.size(), 1 + 4 + 4 + 32 + 32 + 64);
        auto restored = OwnSenderKey::deserialize(state);
        QVERIFY(restored);
        QCOMPARE(restored->serialize(), state);
        QCOMPARE(restored->keyId(), own.keyId());
        QCOMPARE(restored->iteration(), 3u);
        QVERIFY(restored->distribution() == own.distribution());
        QCOMPARE(r.decrypt(encryptOk(*restored, "after restore"), kAd).value(),
                 QByteArray("after restore"));
        // The original is at the same position: its next message is a replay.
        QCOMPARE(r.decrypt(encryptOk(own, "twin"), kAd).error().code, CryptoError::Replayed);
    }

    void receivedKeysSerializationRoundTripsMidStream()
    {
        OwnSenderKey a = OwnSenderKey::generate(), b = OwnSenderKey::generate();
        ReceivedSenderKeys r;
        QVERIFY(r.add(a.distribution()).value());
        QVERIFY(r.add(b.distribution()).value());
        QList<QByteArray> fromA, fromB;
        for (int i = 0; i < 6; ++i) {
            fromA << encryptOk(a, "a" + QByteArray::number(i));
            fromB << encryptOk(b, "b" + QByteArray::number(i));
        }
        QVERIFY(r.decrypt(fromA[0], kAd));
        QVERIFY(r.decrypt(fromA[3], kAd)); // 1, 2 skipped
        QVERIFY(r.decrypt(fromB[2], kAd)); // 0, 1 skipped
        const QByteArray state = r.serialize();
        auto restored = ReceivedSenderKeys::deserialize(state);
        QVERIFY(restored);
        QCOMPARE(restored->serialize(), state);
        QCOMPARE(restored->keyIds(), r.keyIds());
        QCOMPARE(restored->skippedKeyCount(), 4);
        QCOMPARE(restored->decrypt(fromA[2], kAd).value(), QByteArray("a2"));
        QCOMPARE(restored->decrypt(fromA[0], kAd).error().code, CryptoError::Replayed);
        QCOMPARE(restored->decrypt(fromA[3], kAd).error().code, CryptoError::Replayed);
        QCOMPARE(restored->decrypt(fromA[5], kAd).value(), QByteArray("a5"));
        QCOMPARE(restored->decrypt(fromB[0], kAd).value(), QByteArray("b0"));
        QCOMPARE(restored->decrypt(fromB[3], kAd).value(), QByteArray("b3"));
        QCOMPARE(restored->skippedKeyCount(), 3); // a1, a4, b1

        const auto empty = ReceivedSenderKeys::deserialize(ReceivedSenderKeys().serialize());
        QVERIFY(empty);
        QVERIFY(empty->keyIds().isEmpty());
    }

    void garbageAndTruncationsAreRefused()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        ReceivedSenderKeys r = receiverOf(own);
        QList<QByteArray> messages;
        for (int i = 0; i < 4; ++i)
            messages << encryptOk(own, QByteArray::number(i));
        QVERIFY(r.decrypt(messages[2], kAd));
        const QByteArray ownState = own.serialize(), recvState = r.serialize();

        for (qsizetype size = 0; size < ownState.size(); ++size)
            QVERIFY(!OwnSenderKey::deserialize(ownState.first(size)));
        for (qsizetype size = 0; size < recvState.size(); ++size)
            QVERIFY(!ReceivedSenderKeys::deserialize(recvState.first(size)));
        QVERIFY(!OwnSenderKey::deserialize(ownState + '\0'));
        QVERIFY(!ReceivedSenderKeys::deserialize(recvState + '\0'));
        QVERIFY(!OwnSenderKey::deserialize(flip(ownState, 0)));        // version
        QVERIFY(!ReceivedSenderKeys::deserialize(flip(recvState, 0))); // version
        // A signing secret whose public half is not the stored public key.
        QVERIFY(!OwnSenderKey::deserialize(flip(ownState, 45)));
        QVERIFY(!OwnSenderKey::deserialize(flip(ownState, ownState.size() - 1)));
        // More keys than kMaxKeys; a skipped iteration at or after the chain position.
        QByteArray tooMany = recvState;
        tooMany[1] = char(ReceivedSenderKeys::kMaxKeys + 1);
        QVERIFY(!ReceivedSenderKeys::deserialize(tooMany));
        QByteArray skippedAhead = recvState; // 2 + id 4 + it 4 + ck 32 + sk 32 + count 4
        qToBigEndian<quint32>(3, skippedAhead.data() + 78);
        QVERIFY(!ReceivedSenderKeys::deserialize(skippedAhead));
        // The same key id twice.
        QByteArray twice = recvState;
        twice[1] = 2;
        twice += recvState.sliced(2);
        QVERIFY(!ReceivedSenderKeys::deserialize(twice));

        // Random bytes: refused, never a crash.
        for (int i = 0; i < 500; ++i) {
            const QByteArray noise = randomBytes(3 + i % 200);
            QVERIFY(!OwnSenderKey::deserialize(noise));
            QVERIFY(!ReceivedSenderKeys::deserialize(noise));
            // Any 73 bytes after the version byte are a well-formed distribution (its keys
            // are checked where they are used): 1 draw in 256 of that size is one.
            const bool distributionShaped = noise.size() == SenderKeyDistribution::kEncodedSize &&
                                            quint8(noise[0]) == SenderKeyDistribution::kVersion;
            QCOMPARE(bool(SenderKeyDistribution::decode(noise)), distributionShaped);
            QVERIFY(!r.decrypt(noise, kAd));
            QByteArray framed = noise;
            framed[0] = char(SenderKeyMessage::kVersion);
            QVERIFY(!r.decrypt(framed, kAd));
        }
        // Truncations of a genuine message.
        for (qsizetype size = 0; size < messages[3].size(); ++size)
            QVERIFY(!r.decrypt(messages[3].first(size), kAd));
        QCOMPARE(r.serialize(), recvState);
        QCOMPARE(r.decrypt(messages[3], kAd).value(), QByteArray("3"));
        QCOMPARE(r.decrypt(messages[1], kAd).value(), QByteArray("1"));
    }

    void keyIdOfAMessage()
    {
        OwnSenderKey own = OwnSenderKey::generate();
        const QByteArray message = encryptOk(own, "hello");
        QCOMPARE(senderKeyIdOf(message), std::optional<quint32>(own.keyId()));
        QVERIFY(!senderKeyIdOf(QByteArray()));
        QVERIFY(!senderKeyIdOf(message.first(10)));
        QVERIFY(!senderKeyIdOf(message.chopped(1)));
        QVERIFY(!senderKeyIdOf(flip(message, 0))); // version
        QVERIFY(!senderKeyIdOf(flip(message, 1))); // type
        QVERIFY(!senderKeyIdOf(own.distribution().encode()));
        // The id is read without the key: a damaged signature still names it.
        QCOMPARE(senderKeyIdOf(flip(message, message.size() - 1)),
                 std::optional<quint32>(own.keyId()));
    }
};

QTEST_GUILESS_MAIN(TestSenderKey)
#include "tst_senderkey.moc"
