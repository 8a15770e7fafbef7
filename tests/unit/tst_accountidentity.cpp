// SPDX-License-Identifier: GPL-3.0-or-later
// Device certificates by the account identity key (issue 27): what the signature binds,
// what it refuses, and the account safety number, pinned against values computed
// independently with Python (struct, hashlib).
#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"
#include "crypto/SafetyNumber.h"

#include <QtTest>

using namespace linnet::crypto;

namespace {

QByteArray rangeBytes(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i)
        out.append(char(i));
    return out;
}

} // namespace

class TestAccountIdentity : public QObject {
    Q_OBJECT

    const IdentityKeyPair m_account = IdentityKeyPair::generate();
    const IdentityKeyPair m_device = IdentityKeyPair::generate();
    const QString m_user = QStringLiteral("ana");

private Q_SLOTS:
    void theStatementIsDomainSeparatedAndBindsEveryField()
    {
        // "LinnetDeviceCert1" ‖ account key ‖ u8 length ‖ username ‖ u64 BE device ‖ identity
        QCOMPARE(deviceCertificateStatement(rangeBytes(0, 32), QStringLiteral("alice"), 42,
                                            rangeBytes(64, 96))
                     .toHex(),
                 QByteArray("4c696e6e65744465766963654365727431000102030405060708090a0b0c0d0e0f"
                            "101112131415161718191a1b1c1d1e1f05616c696365000000000000002a4041"
                            "42434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"));
    }

    void aCertificateVerifiesForWhatItNamesOnly()
    {
        const QByteArray sig = signDevice(m_account, m_user, 7, m_device.publicKey());
        QCOMPARE(sig.size(), kEd25519SignatureBytes);
        QVERIFY(verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), sig));
        // Another account, device id, device key or account key: not certified.
        QVERIFY(!verifyDevice(m_account.publicKey(), QStringLiteral("ann"), 7, m_device.publicKey(),
                              sig));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 8, m_device.publicKey(), sig));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 7,
                              IdentityKeyPair::generate().publicKey(), sig));
        QVERIFY(!verifyDevice(IdentityKeyPair::generate().publicKey(), m_user, 7,
                              m_device.publicKey(), sig));
        // A signature the device key made over the same statement is not the account's.
        const QByteArray byDevice = m_device.sign(
            deviceCertificateStatement(m_account.publicKey(), m_user, 7, m_device.publicKey()));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), byDevice));
        // A flipped bit anywhere in the signature.
        for (int i = 0; i < sig.size(); i += 9) {
            QByteArray bad = sig;
            bad[i] = char(bad[i] ^ 0x01);
            QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), bad));
        }
    }

    void anotherSignedStatementIsNoCertificate()
    {
        // A signed prekey signature by the same key over the same bytes' tail is refused:
        // the context strings differ.
        const QByteArray spkSig = m_account.sign(signedPreKeyMessage(7, m_device.publicKey()));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), spkSig));
    }

    void badInputIsRefusedNotCrashed()
    {
        const QByteArray sig = signDevice(m_account, m_user, 7, m_device.publicKey());
        QVERIFY(!verifyDevice({}, m_user, 7, m_device.publicKey(), sig));
        QVERIFY(
            !verifyDevice(m_account.publicKey().left(31), m_user, 7, m_device.publicKey(), sig));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), {}));
        QVERIFY(
            !verifyDevice(m_account.publicKey(), m_user, 7, m_device.publicKey(), sig.left(63)));
        QVERIFY(!verifyDevice(m_account.publicKey(), m_user, 0, m_device.publicKey(), sig));
        QVERIFY(!verifyDevice(m_account.publicKey(), QString(), 7, m_device.publicKey(), sig));
        QVERIFY(signDevice(m_account, m_user, -1, m_device.publicKey()).isEmpty());
        QVERIFY(signDevice(IdentityKeyPair(), m_user, 7, m_device.publicKey()).isEmpty());
        QVERIFY(signDevice(m_account, QString(256, QLatin1Char('a')), 7, m_device.publicKey())
                    .isEmpty());
        // A small-order account key (here the identity point) never verifies anything.
        QByteArray identityPoint(32, '\0');
        identityPoint[0] = 1;
        QVERIFY(!verifyDevice(identityPoint, m_user, 7, m_device.publicKey(), QByteArray(64, 0)));
    }

    void sameKeyComparesWholeKeys()
    {
        QVERIFY(sameKey(m_account.publicKey(), QByteArray(m_account.publicKey())));
        QVERIFY(!sameKey(m_account.publicKey(), m_device.publicKey()));
        QVERIFY(!sameKey(m_account.publicKey(), m_account.publicKey().left(31)));
        QVERIFY(!sameKey({}, {}));
    }

    void accountSafetyNumberKnownAnswer()
    {
        const QString number = accountSafetyNumber(QStringLiteral("alice"), rangeBytes(0, 32),
                                                   QStringLiteral("bob"), rangeBytes(32, 64));
        QCOMPARE(number,
                 QStringLiteral("386867500971741474710375404924647412529217779019527423313486"));
        QCOMPARE(accountSafetyNumber(QStringLiteral("bob"), rangeBytes(32, 64),
                                     QStringLiteral("alice"), rangeBytes(0, 32)),
                 number);
        // Apart from the device-key numbers of the same key.
        QVERIFY(safetyNumber(QStringLiteral("alice"), {rangeBytes(0, 32)}, QStringLiteral("bob"),
                             {rangeBytes(32, 64)}) != number);
        QVERIFY(accountSafetyNumber(QStringLiteral("alice"), rangeBytes(0, 32),
                                    QStringLiteral("bob"), rangeBytes(33, 65)) != number);
    }
};

QTEST_GUILESS_MAIN(TestAccountIdentity)
#include "tst_accountidentity.moc"
