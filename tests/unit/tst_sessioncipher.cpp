// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/AtRest.h"
#include "crypto/SessionCipher.h"
#include "crypto/Sodium.h"

#include <QtTest>

#include <map>
#include <memory>

using namespace linnet::crypto;

namespace {

/** A device's keys and prekey store, as the client engine would keep them. */
struct Device {
    IdentityKeyPair identity = IdentityKeyPair::generate();
    std::shared_ptr<std::map<quint32, KeyPair>> signedPreKeys =
        std::make_shared<std::map<quint32, KeyPair>>();
    std::shared_ptr<std::map<quint32, KeyPair>> oneTimePreKeys =
        std::make_shared<std::map<quint32, KeyPair>>();
    SignedPreKey signedPreKey;
    quint32 nextOneTime = 100;

    Device()
    {
        signedPreKey = generateSignedPreKey(identity, 1, 0);
        (*signedPreKeys)[1] = signedPreKey.pair;
    }

    /** A bundle with a fresh one-time prekey (or none). */
    PreKeyBundle bundle(bool withOneTime = true)
    {
        PreKeyBundle b;
        b.identity = identity.publicKey();
        b.signedPreKeyId = signedPreKey.id;
        b.signedPreKey = signedPreKey.pair.publicKey;
        b.signature = signedPreKey.signature;
        if (withOneTime) {
            const quint32 id = nextOneTime++;
            (*oneTimePreKeys)[id] = generateX25519();
            b.oneTimePreKeyId = id;
            b.oneTimePreKey = oneTimePreKeys->at(id).publicKey;
        }
        return b;
    }

    LocalIdentity local() const
    {
        auto lookup = [](std::shared_ptr<std::map<quint32, KeyPair>> keys) {
            return [keys](quint32 id) -> std::optional<KeyPair> {
                const auto it = keys->find(id);
                return it == keys->end() ? std::nullopt : std::optional(it->second);
            };
        };
        return LocalIdentity{identity, lookup(signedPreKeys), lookup(oneTimePreKeys)};
    }

    /** Decrypts and, like the engine, deletes a consumed one-time prekey. */
    Result<Decrypted> receive(SessionRecord &record, const QByteArray &envelope)
    {
        auto out = decrypt(record, local(), envelope);
        if (out && out.value().usedOneTimePreKey)
            oneTimePreKeys->erase(*out.value().usedOneTimePreKey);
        return out;
    }
};

QByteArray send(SessionRecord &record, const QByteArray &plain)
{
    auto out = encrypt(record, plain);
    return out ? out.value() : QByteArray();
}

QByteArray flip(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x04);
    return bytes;
}

quint8 typeOf(const QByteArray &envelope)
{
    return quint8(envelope.at(1));
}

} // namespace

/** Sessions between devices through envelopes: X3DH, ratchet, records, failures. */
class TestSessionCipher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void firstContactAndConversation()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(!atAlice.hasSession());
        QVERIFY(atAlice.remoteIdentity().isEmpty());
        const PreKeyBundle bundle = bob.bundle();
        QVERIFY(initiateSession(atAlice, alice.identity, bundle).ok());
        QCOMPARE(atAlice.remoteIdentity(), bob.identity.publicKey());

        const QByteArray first = send(atAlice, "hello bob");
        QCOMPARE(quint8(first.at(0)), Envelope::kVersion);
        QCOMPARE(typeOf(first), Envelope::kTypePreKeyMessage);
        QCOMPARE(first.sliced(2, 32), alice.identity.publicKey());
        QCOMPARE(first.sliced(66, 8).toHex(), QByteArray("00000001") + QByteArray("00000064"));

        auto got = bob.receive(atBob, first);
        QVERIFY(got);
        QCOMPARE(got.value().plaintext, QByteArray("hello bob"));
        QVERIFY(got.value().newSession);
        QCOMPARE(got.value().usedOneTimePreKey, std::optional<quint32>(bundle.oneTimePreKeyId));
        QCOMPARE(got.value().remoteIdentity, alice.identity.publicKey());
        QCOMPARE(atBob.remoteIdentity(), alice.identity.publicKey());
        QVERIFY(bob.oneTimePreKeys->empty());

        // Until Alice hears back, she keeps sending prekey envelopes; Bob maps them to the
        // session he already has (no second X3DH, which would need the deleted prekey).
        const QByteArray second = send(atAlice, "still there?");
        QCOMPARE(typeOf(second), Envelope::kTypePreKeyMessage);
        got = bob.receive(atBob, second);
        QVERIFY(got);
        QVERIFY(!got.value().newSession);
        QVERIFY(!got.value().usedOneTimePreKey);
        QCOMPARE(atBob.sessionCount(), 1);

        const QByteArray reply = send(atBob, "hi alice");
        QCOMPARE(typeOf(reply), Envelope::kTypeMessage);
        got = alice.receive(atAlice, reply);
        QVERIFY(got);
        QCOMPARE(got.value().plaintext, QByteArray("hi alice"));
        QCOMPARE(got.value().remoteIdentity, bob.identity.publicKey());

        for (int i = 0; i < 30; ++i) {
            const QByteArray a = send(atAlice, "a" + QByteArray::number(i));
            QCOMPARE(typeOf(a), Envelope::kTypeMessage);
            QCOMPARE(bob.receive(atBob, a).value().plaintext, "a" + QByteArray::number(i));
            if (i % 3 == 0) {
                QCOMPARE(alice.receive(atAlice, send(atBob, "b")).value().plaintext,
                         QByteArray("b"));
            }
        }
    }

    void withoutOneTimePreKey()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle(false)).ok());
        const QByteArray first = send(atAlice, "fallback");
        QCOMPARE(first.sliced(70, 4).toHex(), QByteArray("00000000"));
        auto got = bob.receive(atBob, first);
        QVERIFY(got);
        QCOMPARE(got.value().plaintext, QByteArray("fallback"));
        QVERIFY(got.value().newSession);
        QVERIFY(!got.value().usedOneTimePreKey);
        QCOMPARE(alice.receive(atAlice, send(atBob, "ok")).value().plaintext, QByteArray("ok"));
    }

    void usedOneTimePreKeyIsMissing()
    {
        Device alice, carol, bob;
        const PreKeyBundle bundle = bob.bundle();
        SessionRecord atAlice, atCarol, bobWithAlice, bobWithCarol;
        QVERIFY(initiateSession(atAlice, alice.identity, bundle).ok());
        QVERIFY(bob.receive(bobWithAlice, send(atAlice, "first")));
        // The server must never hand out the same one-time prekey twice; if it does:
        QVERIFY(initiateSession(atCarol, carol.identity, bundle).ok());
        const auto result = bob.receive(bobWithCarol, send(atCarol, "me too"));
        QVERIFY(!result);
        QCOMPARE(result.error().code, CryptoError::MissingPreKey);
        QVERIFY(!bobWithCarol.hasSession());
    }

    void unknownSignedPreKeyIsMissing()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        bob.signedPreKeys->clear(); // rotated away and deleted
        QCOMPARE(bob.receive(atBob, send(atAlice, "x")).error().code, CryptoError::MissingPreKey);
        QCOMPARE(
            decrypt(atBob, LocalIdentity{bob.identity, {}, {}}, send(atAlice, "y")).error().code,
            CryptoError::MissingPreKey);
        QVERIFY(!atBob.hasSession());
    }

    void badBundleSignature()
    {
        Device alice, bob;
        SessionRecord atAlice;
        PreKeyBundle bundle = bob.bundle();
        bundle.signature = flip(bundle.signature, 10);
        const auto result = initiateSession(atAlice, alice.identity, bundle);
        QVERIFY(!result);
        QCOMPARE(result.error().code, CryptoError::BadSignature);
        QVERIFY(!atAlice.hasSession());
        QCOMPARE(encrypt(atAlice, "x").error().code, CryptoError::NoSession);
    }

    void tamperedPreKeyEnvelope_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("identity") << 5;
        QTest::newRow("base key") << 40;
        QTest::newRow("signed prekey id") << 69;
        QTest::newRow("one-time prekey id") << 73;
        QTest::newRow("ratchet header") << 80;
        QTest::newRow("ciphertext") << 130;
    }

    void tamperedPreKeyEnvelope()
    {
        QFETCH(int, offset);
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        const QByteArray genuine = send(atAlice, "genuine");
        const QByteArray before = atBob.serialize();
        QVERIFY(!bob.receive(atBob, flip(genuine, offset)));
        QCOMPARE(atBob.serialize(), before);
        QCOMPARE(bob.oneTimePreKeys->size(), size_t(1)); // not consumed by the forgery
        QCOMPARE(bob.receive(atBob, genuine).value().plaintext, QByteArray("genuine"));
    }

    void tamperedMessageEnvelope_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("type") << 1;
        QTest::newRow("ratchet key") << 10;
        QTest::newRow("message number") << 41;
        QTest::newRow("ciphertext") << 60;
    }

    void tamperedMessageEnvelope()
    {
        QFETCH(int, offset);
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        QVERIFY(bob.receive(atBob, send(atAlice, "hi")));
        QVERIFY(alice.receive(atAlice, send(atBob, "hi")));
        const QByteArray genuine = send(atBob, "genuine");
        QCOMPARE(typeOf(genuine), Envelope::kTypeMessage);
        const QByteArray before = atAlice.serialize();
        QVERIFY(!alice.receive(atAlice, flip(genuine, offset)));
        QCOMPARE(atAlice.serialize(), before);
        QCOMPARE(alice.receive(atAlice, genuine).value().plaintext, QByteArray("genuine"));
    }

    void replays()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        const QByteArray first = send(atAlice, "first");
        QVERIFY(bob.receive(atBob, first));
        QCOMPARE(bob.receive(atBob, first).error().code, CryptoError::Replayed);
        QVERIFY(alice.receive(atAlice, send(atBob, "reply")));
        const QByteArray later = send(atAlice, "later");
        QVERIFY(bob.receive(atBob, later));
        QCOMPARE(bob.receive(atBob, later).error().code, CryptoError::Replayed);
        QCOMPARE(bob.receive(atBob, first).error().code, CryptoError::Replayed);
    }

    void simultaneousInitiationConverges()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        QVERIFY(initiateSession(atBob, bob.identity, alice.bundle()).ok());
        const QByteArray fromAlice = send(atAlice, "hi from alice");
        const QByteArray fromBob = send(atBob, "hi from bob");
        QCOMPARE(bob.receive(atBob, fromAlice).value().plaintext, QByteArray("hi from alice"));
        QCOMPARE(alice.receive(atAlice, fromBob).value().plaintext, QByteArray("hi from bob"));
        QCOMPARE(atAlice.sessionCount(), 2);
        QCOMPARE(atBob.sessionCount(), 2);
        // Messages cross once more before either side reads.
        const QByteArray a2 = send(atAlice, "a2"), b2 = send(atBob, "b2");
        QCOMPARE(bob.receive(atBob, a2).value().plaintext, QByteArray("a2"));
        QCOMPARE(alice.receive(atAlice, b2).value().plaintext, QByteArray("b2"));
        // Then a normal back and forth settles on one pair of sessions.
        for (int i = 0; i < 10; ++i) {
            const QByteArray a = send(atAlice, "a" + QByteArray::number(i));
            QCOMPARE(bob.receive(atBob, a).value().plaintext, "a" + QByteArray::number(i));
            const QByteArray b = send(atBob, "b" + QByteArray::number(i));
            QCOMPARE(alice.receive(atAlice, b).value().plaintext, "b" + QByteArray::number(i));
            if (i > 0) {
                QCOMPARE(typeOf(a), Envelope::kTypeMessage);
                QCOMPARE(typeOf(b), Envelope::kTypeMessage);
            }
        }
    }

    void lateMessageFromAnOlderSession()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        QVERIFY(bob.receive(atBob, send(atAlice, "one")));
        QVERIFY(alice.receive(atAlice, send(atBob, "two")));
        const QByteArray late = send(atAlice, "late, old session");
        // Alice starts over (say, after a restore); Bob's new session becomes active.
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        auto fresh = bob.receive(atBob, send(atAlice, "new session"));
        QVERIFY(fresh && fresh.value().newSession);
        QCOMPARE(atBob.sessionCount(), 2);
        QCOMPARE(bob.receive(atBob, late).value().plaintext, QByteArray("late, old session"));
        // The new session still works although the old one became active again.
        QCOMPARE(bob.receive(atBob, send(atAlice, "again")).value().plaintext, QByteArray("again"));
        QCOMPARE(alice.receive(atAlice, send(atBob, "reply")).value().plaintext,
                 QByteArray("reply"));
    }

    void olderSessionsAreBounded()
    {
        Device alice, bob;
        SessionRecord atAlice;
        for (int i = 0; i < 6; ++i)
            QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        QCOMPARE(atAlice.sessionCount(), SessionRecord::kMaxOlderSessions + 1);
    }

    void recordSerializationMidConversation()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        QVERIFY(bob.receive(atBob, send(atAlice, "one")));
        const QByteArray pendingBytes = atAlice.serialize();
        auto pending = SessionRecord::deserialize(pendingBytes);
        QVERIFY(pending);
        QCOMPARE(typeOf(send(*pending, "still prekey")), Envelope::kTypePreKeyMessage);

        QVERIFY(alice.receive(atAlice, send(atBob, "two")));
        const QByteArray late = send(atBob, "late");
        QVERIFY(alice.receive(atAlice, send(atBob, "three")));
        const QByteArray aliceBytes = atAlice.serialize(), bobBytes = atBob.serialize();
        auto restoredAlice = SessionRecord::deserialize(aliceBytes);
        auto restoredBob = SessionRecord::deserialize(bobBytes);
        QVERIFY(restoredAlice && restoredBob);
        QCOMPARE(restoredAlice->serialize(), aliceBytes);
        QCOMPARE(restoredAlice->remoteIdentity(), bob.identity.publicKey());
        QCOMPARE(alice.receive(*restoredAlice, late).value().plaintext, QByteArray("late"));
        const QByteArray a = send(*restoredAlice, "after restore");
        QCOMPARE(typeOf(a), Envelope::kTypeMessage);
        QCOMPARE(bob.receive(*restoredBob, a).value().plaintext, QByteArray("after restore"));
        QCOMPARE(alice.receive(*restoredAlice, send(*restoredBob, "b")).value().plaintext,
                 QByteArray("b"));
    }

    void recordDeserializeGarbage()
    {
        Device alice, bob;
        SessionRecord atAlice;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        const QByteArray good = atAlice.serialize();
        for (qsizetype size = 0; size < good.size(); ++size)
            QVERIFY(!SessionRecord::deserialize(good.first(size)));
        QVERIFY(!SessionRecord::deserialize(good + "x"));
        QVERIFY(!SessionRecord::deserialize(flip(good, 0)));
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!SessionRecord::deserialize(randomBytes(3 + i % 300)));
        const auto empty = SessionRecord::deserialize(SessionRecord().serialize());
        QVERIFY(empty && !empty->hasSession());
    }

    void envelopeDecoding()
    {
        Device alice, bob;
        SessionRecord atAlice, atBob;
        QVERIFY(initiateSession(atAlice, alice.identity, bob.bundle()).ok());
        const QByteArray prekey = send(atAlice, "x");
        QCOMPARE(prekey.size(), 2 + 72 + 40 + 64 + 16);
        for (qsizetype size = 0; size < prekey.size(); ++size) {
            const auto result = bob.receive(atBob, prekey.first(size));
            QVERIFY(!result);
            QCOMPARE(result.error().code, CryptoError::Malformed);
        }
        QByteArray other = prekey;
        other[0] = '\x02';
        QCOMPARE(Envelope::decode(other).error().code, CryptoError::UnsupportedVersion);
        QCOMPARE(bob.receive(atBob, other).error().code, CryptoError::UnsupportedVersion);
        other = prekey;
        other[1] = '\x03';
        QCOMPARE(Envelope::decode(other).error().code, CryptoError::Malformed);
        const auto decoded = Envelope::decode(prekey);
        QVERIFY(decoded && decoded.value().preKey);
        QCOMPARE(decoded.value().preKey->identity, alice.identity.publicKey());
        QCOMPARE(decoded.value().encode(), prekey);
        QVERIFY(!atBob.hasSession());
        // A normal envelope with no session at all.
        QVERIFY(bob.receive(atBob, prekey));
        QVERIFY(alice.receive(atAlice, send(atBob, "y")));
        SessionRecord empty;
        QCOMPARE(decrypt(empty, bob.local(), send(atAlice, "z")).error().code,
                 CryptoError::NoSession);
    }

    void sealedAtRest()
    {
        const QByteArray key = randomBytes(32);
        const QByteArray record = "a serialized session record";
        const QByteArray sealed = sealAtRest(key, record, "session:alice/1");
        QCOMPARE(sealed.size(), 24 + record.size() + 16);
        QVERIFY(!sealed.contains(record));
        QCOMPARE(openAtRest(key, sealed, "session:alice/1"), std::optional(record));
        QVERIFY(sealAtRest(key, record, "session:alice/1") != sealed); // random nonce
        QVERIFY(!openAtRest(randomBytes(32), sealed, "session:alice/1"));
        QVERIFY(!openAtRest(key, sealed, "session:alice/2"));
        QVERIFY(!openAtRest(key, flip(sealed, 30), "session:alice/1"));
        QVERIFY(!openAtRest(key, flip(sealed, 3), "session:alice/1")); // nonce
        QVERIFY(!openAtRest(key, sealed.first(39), "session:alice/1"));
        QVERIFY(!openAtRest(key.first(31), sealed, "session:alice/1"));
        QVERIFY(sealAtRest(key.first(31), record, {}).isEmpty());
        QCOMPARE(openAtRest(key, sealAtRest(key, {}, {}), {}), std::optional(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestSessionCipher)
#include "tst_sessioncipher.moc"
