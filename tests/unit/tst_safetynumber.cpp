// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Keys.h"
#include "crypto/SafetyNumber.h"
#include "crypto/Sodium.h"

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

bool allDigits(const QString &s)
{
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); });
}

} // namespace

/** Safety numbers: format, symmetry, sensitivity to every input, a known answer. */
class TestSafetyNumber : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void knownAnswer()
    {
        // Computed independently with Python's hashlib from the definition in docs/crypto.md.
        const QString alice = safetyNumberHalf(QStringLiteral("alice"), {rangeBytes(0, 32)});
        QCOMPARE(alice, QStringLiteral("312853211110151013083951080530"));
        const QString number =
            safetyNumber(QStringLiteral("alice"), {rangeBytes(0, 32)}, QStringLiteral("bob"),
                         {QByteArray(32, '\xaa'), rangeBytes(32, 64)});
        QCOMPARE(number, QStringLiteral("097133810984761700004359436016"
                                        "312853211110151013083951080530"));
    }

    void sixtyDigitsAndSymmetric()
    {
        const QList<QByteArray> alice{IdentityKeyPair::generate().publicKey(),
                                      IdentityKeyPair::generate().publicKey()};
        const QList<QByteArray> bob{IdentityKeyPair::generate().publicKey()};
        const QString atAlice =
            safetyNumber(QStringLiteral("alice"), alice, QStringLiteral("bob"), bob);
        const QString atBob =
            safetyNumber(QStringLiteral("bob"), bob, QStringLiteral("alice"), alice);
        QCOMPARE(atAlice.size(), 60);
        QVERIFY(allDigits(atAlice));
        QCOMPARE(atAlice, atBob);
        // Device order does not matter: each side sorts its keys.
        QCOMPARE(
            safetyNumber(QStringLiteral("alice"), {alice[1], alice[0]}, QStringLiteral("bob"), bob),
            atAlice);
    }

    void changesWithEveryInput()
    {
        const QByteArray a = IdentityKeyPair::generate().publicKey();
        const QByteArray b = IdentityKeyPair::generate().publicKey();
        const QString alice = QStringLiteral("alice"), bob = QStringLiteral("bob");
        const QString base = safetyNumber(alice, {a}, bob, {b});
        QByteArray changed = b;
        changed[31] = char(changed[31] ^ 0x01);

        QSet<QString> seen{base};
        const QList<QString> variants{
            safetyNumber(alice, {IdentityKeyPair::generate().publicKey()}, bob, {b}),
            safetyNumber(alice, {a}, bob, {changed}),
            safetyNumber(alice, {a}, bob, {b, IdentityKeyPair::generate().publicKey()}),
            safetyNumber(alice, {a}, QStringLiteral("bob2"), {b}),
            safetyNumber(QStringLiteral("Alice"), {a}, bob, {b}),
            // Keys swapped between the users is another pair of people.
            safetyNumber(alice, {b}, bob, {a}),
        };
        for (const QString &v : variants) {
            QCOMPARE(v.size(), 60);
            QVERIFY2(!seen.contains(v), qPrintable(v));
            seen.insert(v);
        }
    }
};

QTEST_GUILESS_MAIN(TestSafetyNumber)
#include "tst_safetynumber.moc"
