// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/DoubleRatchet.h"
#include "crypto/Hkdf.h"
#include "crypto/RatchetPrimitives.h"
#include "crypto/Sodium.h"

#include <QtTest>

using namespace linnet::crypto;

namespace {

/** Alice (initiator) and Bob (responder) sharing an X3DH-like secret, no envelopes. */
struct Pair {
    DoubleRatchet alice;
    DoubleRatchet bob;
};

Pair makePair()
{
    const QByteArray sk = randomBytes(32);
    const QByteArray ad = randomBytes(64);
    const KeyPair bobRatchet = generateX25519();
    auto alice = DoubleRatchet::initiator(sk, ad, bobRatchet.publicKey);
    return Pair{alice.value(), DoubleRatchet::responder(sk, ad, bobRatchet)};
}

QByteArray encryptOk(DoubleRatchet &r, const QByteArray &plain)
{
    auto out = r.encrypt(plain);
    return out ? out.value() : QByteArray();
}

QByteArray flip(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x01);
    return bytes;
}

} // namespace

/** The Double Ratchet state machine: ordering, skipping, replay, tampering, persistence. */
class TestRatchet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void kdfsFollowTheSpecification()
    {
        const QByteArray rk = randomBytes(32), dh = randomBytes(32), ck = randomBytes(32);
        const RootStep root = kdfRoot(rk, dh);
        const QByteArray expanded = hkdfSha256(rk, dh, "Linnet ratchet v1", 64);
        QCOMPARE(root.rootKey, expanded.first(32));
        QCOMPARE(root.chainKey, expanded.sliced(32));
        const ChainStep chain = kdfChain(ck);
        QCOMPARE(chain.messageKey, hmacSha256(ck, QByteArray(1, '\x01')));
        QCOMPARE(chain.chainKey, hmacSha256(ck, QByteArray(1, '\x02')));
    }

    void headerCodec()
    {
        const RatchetHeader h{QByteArray(32, 'k'), 0x01020304, 0xa0b0c0d0};
        const QByteArray bytes = h.encode();
        QCOMPARE(bytes.size(), RatchetHeader::kSize);
        QCOMPARE(bytes.sliced(32).toHex(), QByteArray("01020304a0b0c0d0"));
        const auto back = RatchetHeader::decode(bytes + "trailing");
        QVERIFY(back);
        QCOMPARE(back->dhPublic, h.dhPublic);
        QCOMPARE(back->previousChainLength, h.previousChainLength);
        QCOMPARE(back->messageNumber, h.messageNumber);
        QVERIFY(!RatchetHeader::decode(bytes.first(39)));
    }

    void responderCannotSendFirst()
    {
        Pair p = makePair();
        QVERIFY(!p.bob.canSend());
        QCOMPARE(p.bob.encrypt("x").error().code, CryptoError::NoSession);
        QCOMPARE(DoubleRatchet().decrypt(encryptOk(p.alice, "x")).error().code,
                 CryptoError::NoSession);
    }

    void roundTripsManyRatchetSteps()
    {
        Pair p = makePair();
        for (int round = 0; round < 40; ++round) {
            for (int i = 0; i <= round % 4; ++i) {
                const QByteArray text =
                    "a" + QByteArray::number(round) + "/" + QByteArray::number(i);
                auto plain = p.bob.decrypt(encryptOk(p.alice, text));
                QVERIFY2(plain, qPrintable(QString::number(round)));
                QCOMPARE(plain.value(), text);
            }
            for (int i = 0; i <= round % 3; ++i) {
                const QByteArray text(round * 7 + i, char('b' + i));
                auto plain = p.alice.decrypt(encryptOk(p.bob, text));
                QVERIFY(plain);
                QCOMPARE(plain.value(), text);
            }
        }
        QCOMPARE(p.alice.skippedKeyCount(), 0);
        QCOMPARE(p.bob.skippedKeyCount(), 0);
    }

    void paddingHidesExactLength()
    {
        Pair p = makePair();
        const qsizetype empty = encryptOk(p.alice, QByteArray()).size();
        QCOMPARE(empty, RatchetHeader::kSize + 64 + 16);
        QCOMPARE(encryptOk(p.alice, QByteArray(63, 'x')).size(), empty);
        QCOMPARE(encryptOk(p.alice, QByteArray(64, 'x')).size(), empty + 64);
        // Every length survives pad + unpad exactly, block boundaries included.
        for (int size = 0; size <= 130; ++size) {
            const QByteArray text(size, char('a' + size % 26));
            auto plain = p.bob.decrypt(encryptOk(p.alice, text));
            QVERIFY(plain);
            QCOMPARE(plain.value(), text);
        }
    }

    void outOfOrderWithinOneChain()
    {
        Pair p = makePair();
        QList<QByteArray> messages;
        for (int i = 0; i < 10; ++i)
            messages << encryptOk(p.alice, QByteArray::number(i));
        for (int i = 9; i >= 0; --i) {
            auto plain = p.bob.decrypt(messages[i]);
            QVERIFY(plain);
            QCOMPARE(plain.value(), QByteArray::number(i));
            QCOMPARE(p.bob.skippedKeyCount(), i);
        }
    }

    void outOfOrderAcrossRatchetSteps()
    {
        Pair p = makePair();
        const QByteArray a1 = encryptOk(p.alice, "a1"), a2 = encryptOk(p.alice, "a2"),
                         a3 = encryptOk(p.alice, "a3");
        QCOMPARE(p.bob.decrypt(a1).value(), QByteArray("a1"));
        QCOMPARE(p.alice.decrypt(encryptOk(p.bob, "b1")).value(), QByteArray("b1"));
        const QByteArray a4 = encryptOk(p.alice, "a4"); // new chain, pn = 3
        QCOMPARE(p.bob.decrypt(a4).value(), QByteArray("a4"));
        QCOMPARE(p.bob.skippedKeyCount(), 2);
        QCOMPARE(p.bob.decrypt(a3).value(), QByteArray("a3"));
        QCOMPARE(p.bob.decrypt(a2).value(), QByteArray("a2"));
        QCOMPARE(p.bob.skippedKeyCount(), 0);
    }

    void tooFarAheadLeavesStateAndLaterMessagesWork()
    {
        Pair p = makePair();
        QList<QByteArray> messages;
        for (quint32 i = 0; i <= DoubleRatchet::kMaxSkip + 1; ++i)
            messages << encryptOk(p.alice, QByteArray::number(i));
        const QByteArray before = p.bob.serialize();
        // n = 1001 would skip 1001 keys.
        QCOMPARE(p.bob.decrypt(messages.last()).error().code, CryptoError::TooFarAhead);
        QCOMPARE(p.bob.serialize(), before);
        // n = 1000 is exactly at the bound.
        QCOMPARE(p.bob.decrypt(messages[1000]).value(), QByteArray("1000"));
        QCOMPARE(p.bob.skippedKeyCount(), 1000);
        QCOMPARE(p.bob.decrypt(messages.last()).value(), QByteArray("1001"));
        QCOMPARE(p.bob.decrypt(messages[500]).value(), QByteArray("500"));
        QCOMPARE(p.bob.decrypt(messages[0]).value(), QByteArray("0"));
        QCOMPARE(p.bob.skippedKeyCount(), 998);
    }

    void tooFarAheadOnANewChain()
    {
        Pair p = makePair();
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "hi")));
        QList<QByteArray> fromBob;
        for (int i = 0; i < 1002; ++i)
            fromBob << encryptOk(p.bob, QByteArray::number(i));
        const QByteArray before = p.alice.serialize();
        QCOMPARE(p.alice.decrypt(fromBob.last()).error().code, CryptoError::TooFarAhead);
        QCOMPARE(p.alice.serialize(), before);
        QCOMPARE(p.alice.decrypt(fromBob[3]).value(), QByteArray("3"));
    }

    void replayIsRefused()
    {
        Pair p = makePair();
        const QByteArray m0 = encryptOk(p.alice, "m0"), m1 = encryptOk(p.alice, "m1"),
                         m2 = encryptOk(p.alice, "m2");
        QVERIFY(p.bob.decrypt(m0));
        QCOMPARE(p.bob.decrypt(m0).error().code, CryptoError::Replayed);
        QVERIFY(p.bob.decrypt(m2));                                      // m1 skipped
        QCOMPARE(p.bob.decrypt(m2).error().code, CryptoError::Replayed); // current chain
        QVERIFY(p.bob.decrypt(m1));                                      // from the skipped key
        QCOMPARE(p.bob.decrypt(m1).error().code, CryptoError::Replayed); // key deleted
        // After a ratchet step the old chain's messages are still recognised.
        QVERIFY(p.alice.decrypt(encryptOk(p.bob, "b")));
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "m3")));
        const QByteArray before = p.bob.serialize();
        QCOMPARE(p.bob.decrypt(m0).error().code, CryptoError::Replayed);
        QCOMPARE(p.bob.serialize(), before);
    }

    void tamperingFailsAndLeavesState_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("ratchet key") << 3;
        QTest::newRow("previous chain length") << 35;
        QTest::newRow("message number") << 39;
        QTest::newRow("ciphertext") << 50;
        QTest::newRow("tag") << 119;
    }

    void tamperingFailsAndLeavesState()
    {
        QFETCH(int, offset);
        Pair p = makePair();
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "first")));
        QVERIFY(p.alice.decrypt(encryptOk(p.bob, "reply")));
        const QByteArray genuine = encryptOk(p.alice, "genuine");
        QCOMPARE(genuine.size(), 120);
        const QByteArray before = p.bob.serialize();
        const auto result = p.bob.decrypt(flip(genuine, offset));
        QVERIFY(!result);
        QCOMPARE(p.bob.serialize(), before);
        QCOMPARE(p.bob.decrypt(genuine).value(), QByteArray("genuine"));
    }

    void truncatedIsMalformed()
    {
        Pair p = makePair();
        const QByteArray m = encryptOk(p.alice, "short");
        for (qsizetype size = 0; size < m.size(); ++size)
            QCOMPARE(p.bob.decrypt(m.first(size)).error().code, CryptoError::Malformed);
        QCOMPARE(p.bob.decrypt(m).value(), QByteArray("short"));
    }

    void skippedKeysAreBounded()
    {
        Pair p = makePair();
        QList<QByteArray> firstChain;
        for (int chain = 0; chain < 3; ++chain) {
            QList<QByteArray> messages;
            for (int i = 0; i <= 1000; ++i)
                messages << encryptOk(p.alice, QByteArray::number(chain * 10000 + i));
            QVERIFY(p.bob.decrypt(messages.last())); // skips 1000
            QCOMPARE(p.bob.skippedKeyCount(), std::min<qsizetype>((chain + 1) * 1000, 2000));
            if (chain == 0)
                firstChain = messages;
            QVERIFY(p.alice.decrypt(encryptOk(p.bob, "turn")));
        }
        // The first chain's keys were the oldest: evicted. The second chain's are kept.
        QCOMPARE(p.bob.decrypt(firstChain[0]).error().code, CryptoError::Replayed);
        QCOMPARE(p.bob.skippedKeyCount(), DoubleRatchet::kMaxSkippedKeys);
    }

    void serializationMidConversation()
    {
        Pair p = makePair();
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "one")));
        QVERIFY(p.alice.decrypt(encryptOk(p.bob, "two")));
        const QByteArray late = encryptOk(p.alice, "late");
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "three")));
        QCOMPARE(p.bob.skippedKeyCount(), 1);

        const QByteArray aliceBytes = p.alice.serialize(), bobBytes = p.bob.serialize();
        auto alice = DoubleRatchet::deserialize(aliceBytes);
        auto bob = DoubleRatchet::deserialize(bobBytes);
        QVERIFY(alice && bob);
        QCOMPARE(alice->serialize(), aliceBytes);
        QCOMPARE(bob->serialize(), bobBytes);
        QCOMPARE(bob->skippedKeyCount(), 1);
        QCOMPARE(bob->decrypt(late).value(), QByteArray("late"));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(alice->decrypt(encryptOk(*bob, "b" + QByteArray::number(i))).value(),
                     "b" + QByteArray::number(i));
            QCOMPARE(bob->decrypt(encryptOk(*alice, "a" + QByteArray::number(i))).value(),
                     "a" + QByteArray::number(i));
        }
    }

    void deserializeGarbage()
    {
        Pair p = makePair();
        QVERIFY(p.bob.decrypt(encryptOk(p.alice, "x")));
        const QByteArray good = p.bob.serialize();
        QVERIFY(DoubleRatchet::deserialize(good));
        for (qsizetype size = 0; size < good.size(); ++size)
            QVERIFY(!DoubleRatchet::deserialize(good.first(size)));
        QVERIFY(!DoubleRatchet::deserialize(good + '\0'));
        QVERIFY(!DoubleRatchet::deserialize(flip(good, 0))); // version
        QByteArray flags = good;
        flags[65] = char(0x80);
        QVERIFY(!DoubleRatchet::deserialize(flags));
        for (int i = 0; i < 2000; ++i) {
            QByteArray random = randomBytes(i % 400);
            if (!random.isEmpty())
                random[0] = '\x01'; // get past the version check
            QVERIFY(!DoubleRatchet::deserialize(random));
        }
    }
};

QTEST_GUILESS_MAIN(TestRatchet)
#include "tst_ratchet.moc"
