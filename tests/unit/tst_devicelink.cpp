// SPDX-License-Identifier: GPL-3.0-or-later
// How a new device joins an account that has an account identity key (issue 27): the
// login proof a device that holds the key signs, what it binds and what it refuses; the
// link code, the lookup and key derived from it, and the blobs sealed with that key. The
// statement, the code and the digests are pinned against values computed independently
// with Python (struct, hashlib).
#include "crypto/AccountIdentity.h"
#include "crypto/DeviceLink.h"
#include "crypto/Keys.h"

#include <QtTest>

using namespace linnet::crypto;

class TestDeviceLink : public QObject {
    Q_OBJECT

    const IdentityKeyPair m_account = IdentityKeyPair::generate();
    const QString m_user = QStringLiteral("ana");
    static constexpr qint64 kNow = 1700000000123;

private Q_SLOTS:
    void theLoginProofStatementIsDomainSeparatedAndBindsKeyUserAndTime()
    {
        QByteArray key;
        for (int i = 0; i < 32; ++i)
            key.append(char(i));
        // "LinnetLoginProof1" ‖ account key ‖ u8 length ‖ username ‖ u64 BE time
        QCOMPARE(loginProofStatement(key, QStringLiteral("alice"), kNow).toHex(),
                 QByteArray("4c696e6e65744c6f67696e50726f6f6631000102030405060708090a0b0c0d0e0f"
                            "101112131415161718191a1b1c1d1e1f05616c6963650000018bcfe5687b"));
        QVERIFY(loginProofStatement(key.left(31), m_user, kNow).isEmpty());
        QVERIFY(loginProofStatement(key, QString(), kNow).isEmpty());
        QVERIFY(loginProofStatement(key, QString(256, QLatin1Char('a')), kNow).isEmpty());
        QVERIFY(loginProofStatement(key, m_user, 0).isEmpty());
    }

    void aProofByTheAccountKeyVerifiesWithinTheAllowedSkew()
    {
        const QByteArray proof = signLogin(m_account, m_user, kNow);
        QCOMPARE(proof.size(), 64);
        QVERIFY(verifyLogin(m_account.publicKey(), m_user, kNow, proof, kNow));
        QVERIFY(
            verifyLogin(m_account.publicKey(), m_user, kNow, proof, kNow + kLoginProofMaxSkewMs));
        QVERIFY(
            verifyLogin(m_account.publicKey(), m_user, kNow, proof, kNow - kLoginProofMaxSkewMs));
    }

    void aProofIsRefusedForAnotherKeyUserOrTimeAndWhenStale()
    {
        const QByteArray proof = signLogin(m_account, m_user, kNow);
        const auto other = IdentityKeyPair::generate();
        QVERIFY(!verifyLogin(other.publicKey(), m_user, kNow, proof, kNow));
        QVERIFY(!verifyLogin(m_account.publicKey(), QStringLiteral("bob"), kNow, proof, kNow));
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow + 1, proof, kNow));
        // Replayed later (or made for later): refused once past the skew either way.
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow, proof,
                             kNow + kLoginProofMaxSkewMs + 1));
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow, proof,
                             kNow - kLoginProofMaxSkewMs - 1));
        // A device certificate by the same key is not a login proof.
        const QByteArray cert = signDevice(m_account, m_user, 1, other.publicKey());
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow, cert, kNow));
        QByteArray flipped = proof;
        flipped[10] = char(flipped[10] ^ 1);
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow, flipped, kNow));
        QVERIFY(!verifyLogin(m_account.publicKey(), m_user, kNow, proof.left(63), kNow));
        QVERIFY(!verifyLogin(QByteArray(32, '\0'), m_user, kNow, proof, kNow)); // small order
        QVERIFY(signLogin(IdentityKeyPair(), m_user, kNow).isEmpty());
    }

    void aLinkCodeIsSixteenBase32CharactersThatReadBackForgivingly()
    {
        QByteArray secret;
        for (int i = 0; i < 10; ++i)
            secret.append(char(i));
        QCOMPARE(formatLinkCode(secret), QStringLiteral("000G-40R4-0M30-E209"));
        QCOMPARE(parseLinkCode(QStringLiteral("000G-40R4-0M30-E209")).value_or(QByteArray()),
                 secret);
        // Case, spaces and dashes do not matter; O reads as 0, I and L as 1.
        QCOMPARE(parseLinkCode(QStringLiteral(" o00g 40r4 om30 e209 ")).value_or(QByteArray()),
                 secret);
        const QByteArray random = newLinkSecret();
        QCOMPARE(random.size(), kLinkSecretBytes);
        QCOMPARE(parseLinkCode(formatLinkCode(random).toLower()).value_or(QByteArray()), random);
        const auto ones = parseLinkCode(QStringLiteral("1111-1111-1111-1111"));
        QVERIFY(ones);
        QCOMPARE(parseLinkCode(QStringLiteral("IIII-LLLL-iiii-llll")).value_or(QByteArray()),
                 *ones);
    }

    void aCodeOfTheWrongLengthOrWithAForeignCharacterIsRefused()
    {
        QVERIFY(!parseLinkCode(QStringLiteral("000G-40R4-0M30-E20")));   // 15
        QVERIFY(!parseLinkCode(QStringLiteral("000G-40R4-0M30-E2099"))); // 17
        QVERIFY(!parseLinkCode(QStringLiteral("000G-40R4-0M30-E2U9")));  // U is not in it
        QVERIFY(!parseLinkCode(QStringLiteral("000G-40R4-0M30-E2\u00e99")));
        QVERIFY(!parseLinkCode(QString()));
        QVERIFY(formatLinkCode(QByteArray(9, 'x')).isEmpty());
    }

    void theLookupAndTheKeyAreSeparateDigestsOfTheSecret()
    {
        QByteArray secret;
        for (int i = 0; i < 10; ++i)
            secret.append(char(i));
        QCOMPARE(linkLookup(secret).toHex(),
                 QByteArray("b1a5e3e45adb2f3432493c91adf8dd5811164d9726febd1785bf9a5bc67999c7"));
        QCOMPARE(linkKey(secret).toHex(),
                 QByteArray("6c413b77d4b9671cbf95d8af5f161c5b2336e78ddcad74524b890fa23c6b4cba"));
        QVERIFY(linkLookup(secret.left(9)).isEmpty());
        QVERIFY(linkKey(secret + 'x').isEmpty());
    }

    void aSealedRequestOpensOnlyWithItsKeyAndLookup()
    {
        const QByteArray secret = newLinkSecret(), other = newLinkSecret();
        const QByteArray key = linkKey(secret), lookup = linkLookup(secret);
        const auto device = IdentityKeyPair::generate();
        const LinkRequestContent content{device.publicKey(), QStringLiteral("Ana’s laptop")};
        const QByteArray sealed = sealLinkRequest(key, lookup, content);
        QVERIFY(!sealed.isEmpty());
        const auto opened = openLinkRequest(key, lookup, sealed);
        QVERIFY(opened);
        QCOMPARE(opened->identityKey, content.identityKey);
        QCOMPARE(opened->deviceName, content.deviceName);
        QVERIFY(!openLinkRequest(linkKey(other), lookup, sealed));
        QVERIFY(!openLinkRequest(key, linkLookup(other), sealed)); // filed under another code
        QVERIFY(!openLinkApproval(key, lookup, sealed));           // not the other direction
        QByteArray damaged = sealed;
        damaged[damaged.size() - 1] = char(damaged[damaged.size() - 1] ^ 1);
        QVERIFY(!openLinkRequest(key, lookup, damaged));
        QVERIFY(!openLinkRequest(key, lookup, sealed.left(20)));
        // Bad input seals nothing.
        QVERIFY(sealLinkRequest(key, lookup, {device.publicKey().left(31), {}}).isEmpty());
        QVERIFY(sealLinkRequest(key, lookup, {device.publicKey(), QString(256, QLatin1Char('n'))})
                    .isEmpty());
        QVERIFY(sealLinkRequest(key.left(31), lookup, content).isEmpty());
    }

    void aSealedApprovalHandsOverTheAccountKeyAndNothingElseOpensIt()
    {
        const QByteArray secret = newLinkSecret();
        const QByteArray key = linkKey(secret), lookup = linkLookup(secret);
        const QByteArray sealed = sealLinkApproval(key, lookup, m_account);
        const auto opened = openLinkApproval(key, lookup, sealed);
        QVERIFY(opened);
        QCOMPARE(opened->publicKey(), m_account.publicKey());
        QCOMPARE(opened->secretKey(), m_account.secretKey());
        QVERIFY(!openLinkRequest(key, lookup, sealed)); // not the other direction
        QVERIFY(!openLinkApproval(linkKey(newLinkSecret()), lookup, sealed));
        QVERIFY(!sealed.contains(m_account.secretKey().left(32)));
        QVERIFY(sealLinkApproval(key, lookup, IdentityKeyPair()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDeviceLink)
#include "tst_devicelink.moc"
