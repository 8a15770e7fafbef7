// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Credentials.h"
#include "crypto/Sodium.h"
#include "protocol/Limits.h"

#include <QRegularExpression>
#include <QtTest>

using linnet::server::Credentials;

class TestCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(linnet::crypto::initSodium()); }

    void passwordHashIsArgon2idAndVerifies()
    {
        const Credentials c;
        const auto hash = c.hashPassword(QStringLiteral("correct horse battery"));
        QVERIFY(hash);
        QVERIFY2(hash.value().startsWith("$argon2id$"), hash.value().constData());
        QVERIFY(!hash.value().contains("correct horse"));
        QVERIFY(c.verifyPassword(hash.value(), QStringLiteral("correct horse battery")));
        QVERIFY(!c.verifyPassword(hash.value(), QStringLiteral("correct horse batterY")));
        QVERIFY(!c.verifyPassword(hash.value(), QString()));
    }

    void samePasswordGetsDifferentSalts()
    {
        const Credentials c;
        const auto a = c.hashPassword(QStringLiteral("same password"));
        const auto b = c.hashPassword(QStringLiteral("same password"));
        QVERIFY(a && b);
        QVERIFY(a.value() != b.value());
    }

    void malformedHashNeverVerifies()
    {
        const Credentials c;
        QVERIFY(!c.verifyPassword(QByteArray(), QStringLiteral("x")));
        QVERIFY(!c.verifyPassword(QByteArrayLiteral("$argon2id$garbage"), QStringLiteral("x")));
        QVERIFY(!c.verifyPassword(QByteArray(4096, 'a'), QStringLiteral("x")));
    }

    void tokensAreRandomAndOnlyTheirHashMatches()
    {
        const QByteArray t1 = Credentials::newToken();
        const QByteArray t2 = Credentials::newToken();
        QCOMPARE(t1.size(), linnet::protocol::kTokenBytes);
        QVERIFY(t1 != t2);
        const QByteArray h1 = Credentials::hashSecret(t1);
        QCOMPARE(h1.size(), 32);
        QVERIFY(h1 != t1);
        QVERIFY(Credentials::tokenMatches(t1, h1));
        QVERIFY(!Credentials::tokenMatches(t2, h1));
        QByteArray flipped = t1;
        flipped[5] = static_cast<char>(flipped[5] ^ 1);
        QVERIFY(!Credentials::tokenMatches(flipped, h1));
        QVERIFY(!Credentials::tokenMatches(t1, h1.left(31)));
    }

    void inviteCodesReadWellAndNormalize()
    {
        const QString code = Credentials::newInviteCode();
        static const QRegularExpression shape(
            QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"));
        QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        QVERIFY(Credentials::newInviteCode() != code);
        QString typed = code.toLower();
        typed.replace(QLatin1Char('-'), QLatin1Char(' '));
        QCOMPARE(Credentials::normalizeInviteCode(typed), Credentials::normalizeInviteCode(code));
        QCOMPARE(Credentials::normalizeInviteCode(code).size(), 16);
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
