// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Hkdf.h"
#include "crypto/Keys.h"
#include "crypto/Sodium.h"
#include "crypto/X3dh.h"

#include <QtTest>

#include <sodium.h>

using namespace linnet::crypto;

namespace {

QByteArray rangeBytes(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i)
        out.append(char(i));
    return out;
}

QByteArray scalarmult(const QByteArray &secret, const QByteArray &point)
{
    QByteArray out(32, '\0');
    const int rc = crypto_scalarmult(reinterpret_cast<unsigned char *>(out.data()),
                                     reinterpret_cast<const unsigned char *>(secret.constData()),
                                     reinterpret_cast<const unsigned char *>(point.constData()));
    return rc == 0 ? out : QByteArray();
}

/** A bundle for @p identity, as the server would hand it out. */
PreKeyBundle bundleFor(const IdentityKeyPair &identity, const SignedPreKey &spk,
                       const OneTimePreKey *opk)
{
    PreKeyBundle b;
    b.identity = identity.publicKey();
    b.signedPreKeyId = spk.id;
    b.signedPreKey = spk.pair.publicKey;
    b.signature = spk.signature;
    if (opk) {
        b.oneTimePreKeyId = opk->id;
        b.oneTimePreKey = opk->pair.publicKey;
    }
    return b;
}

} // namespace

/** HMAC/HKDF against RFC vectors, identity and prekey signatures, and X3DH agreement. */
class TestX3dh : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void hmacRfc4231Case2()
    {
        QCOMPARE(hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    void hkdfRfc5869_data()
    {
        QTest::addColumn<QByteArray>("ikm");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("okm");
        QTest::newRow("case 1") << QByteArray(22, '\x0b') << rangeBytes(0, 13)
                                << rangeBytes(0xf0, 0xfa) << 42
                                << QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db0"
                                              "2d56ecc4c5bf34007208d5b887185865");
        QTest::newRow("case 2") << rangeBytes(0, 0x50) << rangeBytes(0x60, 0xb0)
                                << rangeBytes(0xb0, 0x100) << 82
                                << QByteArray("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050"
                                              "cc4c19afa97c59045a99cac7827271cb41c65e590e09da327560"
                                              "0c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3"
                                              "434f1d87");
        QTest::newRow("case 3") << QByteArray(22, '\x0b') << QByteArray() << QByteArray() << 42
                                << QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec345"
                                              "4e5f3c738d2d9d201395faa4b61a96c8");
    }

    void hkdfRfc5869()
    {
        QFETCH(QByteArray, ikm);
        QFETCH(QByteArray, salt);
        QFETCH(QByteArray, info);
        QFETCH(int, length);
        QFETCH(QByteArray, okm);
        QCOMPARE(hkdfSha256(salt, ikm, info, length).toHex(), okm);
    }

    void hkdfRejectsImpossibleLengths()
    {
        QVERIFY(hkdfSha256({}, "ikm", {}, 0).isEmpty());
        QVERIFY(hkdfSha256({}, "ikm", {}, 255 * 32 + 1).isEmpty());
        QCOMPARE(hkdfSha256({}, "ikm", {}, 255 * 32).size(), 255 * 32);
    }

    void identityKeyPair()
    {
        const IdentityKeyPair id = IdentityKeyPair::generate();
        QCOMPARE(id.publicKey().size(), 32);
        QCOMPARE(id.secretKey().size(), 64);
        QCOMPARE(id.secretKey().sliced(32), id.publicKey());
        // The DH half is the X25519 form of the same key, and peers derive it from the public key.
        QCOMPARE(id.dhPublic().size(), 32);
        QCOMPARE(identityDhPublic(id.publicKey()), std::optional<QByteArray>(id.dhPublic()));
        QByteArray base(32, '\0');
        crypto_scalarmult_base(reinterpret_cast<unsigned char *>(base.data()),
                               reinterpret_cast<const unsigned char *>(id.dhSecret().constData()));
        QCOMPARE(base, id.dhPublic());

        const auto restored = IdentityKeyPair::fromSecret(id.secretKey());
        QVERIFY(restored);
        QCOMPARE(restored->publicKey(), id.publicKey());
        QCOMPARE(restored->dhSecret(), id.dhSecret());
        QVERIFY(IdentityKeyPair::generate().publicKey() != id.publicKey());
    }

    void fromSecretRejectsBadInput()
    {
        const IdentityKeyPair id = IdentityKeyPair::generate();
        QVERIFY(!IdentityKeyPair::fromSecret(id.secretKey().first(63)));
        QVERIFY(!IdentityKeyPair::fromSecret(QByteArray(65, 'x')));
        // Seed of one key with the public half of another.
        const QByteArray mixed = id.secretKey().first(32) + IdentityKeyPair::generate().publicKey();
        QVERIFY(!IdentityKeyPair::fromSecret(mixed));
        QVERIFY(IdentityKeyPair().isNull());
        QVERIFY(IdentityKeyPair().sign("x").isEmpty());
    }

    void signatures()
    {
        const IdentityKeyPair id = IdentityKeyPair::generate();
        const QByteArray sig = id.sign("hello");
        QCOMPARE(sig.size(), 64);
        QVERIFY(verifySignature(id.publicKey(), "hello", sig));
        QVERIFY(!verifySignature(id.publicKey(), "hellp", sig));
        QVERIFY(!verifySignature(IdentityKeyPair::generate().publicKey(), "hello", sig));
        QVERIFY(!verifySignature(id.publicKey(), "hello", sig.first(63)));
        QVERIFY(!verifySignature(id.publicKey().first(31), "hello", sig));
    }

    void identityDhPublicRejectsInvalidPoints()
    {
        QVERIFY(!identityDhPublic(QByteArray(32, '\0')));                         // small order
        QVERIFY(!identityDhPublic(QByteArray(1, '\x01') + QByteArray(31, '\0'))); // neutral
        QVERIFY(!identityDhPublic(QByteArray(31, '\x07')));                       // wrong size
        QVERIFY(!identityDhPublic(QByteArray(32, '\xff')));                       // not canonical
    }

    void signedPreKeys()
    {
        const IdentityKeyPair id = IdentityKeyPair::generate();
        const SignedPreKey spk = generateSignedPreKey(id, 0x01020304, 1700000000);
        QCOMPARE(spk.id, 0x01020304u);
        QCOMPARE(spk.createdAt, qint64(1700000000));
        QCOMPARE(spk.pair.publicKey.size(), 32);
        QCOMPARE(spk.pair.secretKey.size(), 32);
        QCOMPARE(signedPreKeyMessage(0x01020304, spk.pair.publicKey),
                 QByteArray("LinnetSignedPreKey1\x01\x02\x03\x04") + spk.pair.publicKey);
        QVERIFY(verifySignature(id.publicKey(), signedPreKeyMessage(spk.id, spk.pair.publicKey),
                                spk.signature));
        QVERIFY(verifySignedPreKey(id.publicKey(), spk.id, spk.pair.publicKey, spk.signature));
        QVERIFY(!verifySignedPreKey(id.publicKey(), spk.id + 1, spk.pair.publicKey, spk.signature));
        QVERIFY(
            !verifySignedPreKey(id.publicKey(), spk.id, generateX25519().publicKey, spk.signature));
        QVERIFY(!verifySignedPreKey(IdentityKeyPair::generate().publicKey(), spk.id,
                                    spk.pair.publicKey, spk.signature));
        QVERIFY(!verifySignedPreKey(id.publicKey(), spk.id, spk.pair.publicKey.first(31),
                                    spk.signature));
    }

    void agreement_data()
    {
        QTest::addColumn<bool>("withOneTime");
        QTest::newRow("with one-time prekey") << true;
        QTest::newRow("signed prekey only") << false;
    }

    void agreement()
    {
        QFETCH(bool, withOneTime);
        const IdentityKeyPair alice = IdentityKeyPair::generate();
        const IdentityKeyPair bob = IdentityKeyPair::generate();
        const SignedPreKey spk = generateSignedPreKey(bob, 7, 0);
        const OneTimePreKey opk{42, generateX25519()};
        const auto init = x3dhInitiate(alice, bundleFor(bob, spk, withOneTime ? &opk : nullptr));
        QVERIFY(init);
        const X3dhInitiated &a = init.value();
        QCOMPARE(a.sharedKey.size(), 32);
        QCOMPARE(a.associatedData, alice.publicKey() + bob.publicKey());
        QCOMPARE(a.remoteSignedPreKey, spk.pair.publicKey);
        QCOMPARE(a.signedPreKeyId, 7u);
        QCOMPARE(a.oneTimePreKeyId, withOneTime ? 42u : 0u);

        const auto resp =
            x3dhRespond(bob, spk.pair, withOneTime ? std::optional(opk.pair) : std::nullopt,
                        alice.publicKey(), a.baseKey);
        QVERIFY(resp);
        QCOMPARE(resp.value().sharedKey, a.sharedKey);
        QCOMPARE(resp.value().associatedData, a.associatedData);

        // The responder with the wrong (or a missing) one-time key derives another secret.
        const auto wrong =
            x3dhRespond(bob, spk.pair, withOneTime ? std::nullopt : std::optional(generateX25519()),
                        alice.publicKey(), a.baseKey);
        QVERIFY(wrong);
        QVERIFY(wrong.value().sharedKey != a.sharedKey);
        // A second initiation uses a fresh ephemeral key, hence another secret.
        const auto again = x3dhInitiate(alice, bundleFor(bob, spk, withOneTime ? &opk : nullptr));
        QVERIFY(again);
        QVERIFY(again.value().baseKey != a.baseKey);
        QVERIFY(again.value().sharedKey != a.sharedKey);
    }

    void sharedKeyFollowsTheSpecification()
    {
        // Recompute SK from raw libsodium calls: DH order, 0xFF prefix, salt and info.
        const IdentityKeyPair alice = IdentityKeyPair::generate();
        const IdentityKeyPair bob = IdentityKeyPair::generate();
        const KeyPair spk = generateX25519();
        const KeyPair opk = generateX25519();
        const KeyPair ephemeral = generateX25519();
        const auto resp = x3dhRespond(bob, spk, opk, alice.publicKey(), ephemeral.publicKey);
        QVERIFY(resp);
        const QByteArray ikm = QByteArray(32, '\xff') +
                               scalarmult(alice.dhSecret(), spk.publicKey) +
                               scalarmult(ephemeral.secretKey, bob.dhPublic()) +
                               scalarmult(ephemeral.secretKey, spk.publicKey) +
                               scalarmult(ephemeral.secretKey, opk.publicKey);
        QCOMPARE(ikm.size(), 32 * 5);
        QCOMPARE(resp.value().sharedKey,
                 hkdfSha256(QByteArray(32, '\0'), ikm, "Linnet X3DH v1", 32));
    }

    void badSignature()
    {
        const IdentityKeyPair alice = IdentityKeyPair::generate();
        const IdentityKeyPair bob = IdentityKeyPair::generate();
        const SignedPreKey spk = generateSignedPreKey(bob, 1, 0);
        PreKeyBundle bundle = bundleFor(bob, spk, nullptr);
        bundle.signature[5] = char(bundle.signature[5] ^ 0x20);
        auto r = x3dhInitiate(alice, bundle);
        QVERIFY(!r);
        QCOMPARE(r.error().code, CryptoError::BadSignature);

        // A valid signature by somebody else's identity.
        bundle = bundleFor(bob, spk, nullptr);
        bundle.signature = generateSignedPreKey(alice, 1, 0).signature;
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::BadSignature);
        // The right signature for another prekey id.
        bundle = bundleFor(bob, spk, nullptr);
        bundle.signedPreKeyId = 2;
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::BadSignature);
    }

    void invalidKeys()
    {
        const IdentityKeyPair alice = IdentityKeyPair::generate();
        const IdentityKeyPair bob = IdentityKeyPair::generate();
        const SignedPreKey spk = generateSignedPreKey(bob, 1, 0);

        PreKeyBundle bundle = bundleFor(bob, spk, nullptr);
        bundle.identity = QByteArray(32, '\0');
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::InvalidKey);

        // A correctly signed small-order prekey: every DH with it is all zeros.
        bundle = bundleFor(bob, spk, nullptr);
        bundle.signedPreKey = QByteArray(32, '\0');
        bundle.signature = bob.sign(signedPreKeyMessage(1, bundle.signedPreKey));
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::InvalidKey);

        bundle = bundleFor(bob, spk, nullptr);
        bundle.oneTimePreKeyId = 3;
        bundle.oneTimePreKey = QByteArray(32, '\0');
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::InvalidKey);
        bundle.oneTimePreKey = QByteArray(16, 'x');
        QCOMPARE(x3dhInitiate(alice, bundle).error().code, CryptoError::InvalidKey);

        QCOMPARE(x3dhInitiate(IdentityKeyPair(), bundleFor(bob, spk, nullptr)).error().code,
                 CryptoError::InvalidKey);
        QCOMPARE(x3dhRespond(bob, spk.pair, std::nullopt, alice.publicKey(), QByteArray(32, '\0'))
                     .error()
                     .code,
                 CryptoError::InvalidKey);
        QCOMPARE(x3dhRespond(bob, spk.pair, std::nullopt, QByteArray(32, '\0'),
                             generateX25519().publicKey)
                     .error()
                     .code,
                 CryptoError::InvalidKey);
    }
};

QTEST_GUILESS_MAIN(TestX3dh)
#include "tst_x3dh.moc"
