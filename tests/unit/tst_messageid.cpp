// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/MessageId.h"

#include <QSet>
#include <QtTest>

using linnet::protocol::MessageId;

/** MessageId: generation, byte and hex conversions, rejection of bad input. */
class TestMessageId : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultIsNull()
    {
        const MessageId id;
        QVERIFY(id.isNull());
        QCOMPARE(id.toBytes(), QByteArray(16, '\0'));
        QCOMPARE(id.toHex(), QString(32, QLatin1Char('0')));
    }

    void generateIsUniqueAndNotNull()
    {
        QSet<MessageId> seen;
        for (int i = 0; i < 1000; ++i) {
            const MessageId id = MessageId::generate();
            QVERIFY(!id.isNull());
            QVERIFY(!seen.contains(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void generatedIdsStartWithTheirTime()
    {
        const qint64 t = 1796000000123; // 2026-12
        const MessageId a = MessageId::generate(t);
        const MessageId b = MessageId::generate(t);
        const MessageId later = MessageId::generate(t + 1);
        QCOMPARE(a.toBytes().first(6), QByteArray::fromHex("01a229f1287b"));
        QVERIFY(a != b); // the same millisecond: 80 random bits apart
        QCOMPARE(a.toBytes().first(6), b.toBytes().first(6));
        QVERIFY(later > a && later > b); // a later id sorts later, whatever its random part
        QVERIFY(a.toBytes().sliced(6) != QByteArray(10, '\0'));

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QByteArray now = MessageId::generate().toBytes();
        qint64 prefix = 0;
        for (int i = 0; i < 6; ++i)
            prefix = prefix << 8 | quint8(now[i]);
        QVERIFY(prefix >= before && prefix <= QDateTime::currentMSecsSinceEpoch());
    }

    void bytesRoundTrip()
    {
        const MessageId id = MessageId::generate();
        const QByteArray bytes = id.toBytes();
        QCOMPARE(bytes.size(), MessageId::kSize);
        const auto back = MessageId::fromBytes(bytes);
        QVERIFY(back.has_value());
        QCOMPARE(*back, id);
    }

    void hexRoundTrip()
    {
        const QByteArray raw = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        const auto id = MessageId::fromBytes(raw);
        QVERIFY(id.has_value());
        QCOMPARE(id->toHex(), QStringLiteral("00112233445566778899aabbccddeeff"));
        QCOMPARE(MessageId::fromHex(id->toHex()), id);
        // Upper case is accepted on input; output is always lower case.
        const auto upper = MessageId::fromHex(QStringLiteral("00112233445566778899AABBCCDDEEFF"));
        QVERIFY(upper.has_value());
        QCOMPARE(*upper, *id);
        QCOMPARE(upper->toHex(), QStringLiteral("00112233445566778899aabbccddeeff"));

        const MessageId random = MessageId::generate();
        QCOMPARE(MessageId::fromHex(random.toHex()), random);
    }

    void rejectsWrongSizes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("15") << QByteArray(15, 'a');
        QTest::newRow("17") << QByteArray(17, 'a');
        QTest::newRow("32") << QByteArray(32, 'a');
    }

    void rejectsWrongSizes()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!MessageId::fromBytes(bytes).has_value());
    }

    void rejectsBadHex_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::newRow("empty") << QString();
        QTest::newRow("31 digits") << QStringLiteral("0011223344556677889900aabbccddee").left(31);
        QTest::newRow("33 digits") << QStringLiteral("0011223344556677889900aabbccddeef");
        QTest::newRow("non-hex g") << QStringLiteral("0011223344556677889900aabbccddeg");
        QTest::newRow("space") << QStringLiteral("0011223344556677889900aabbccdde ");
        QTest::newRow("0x prefix") << QStringLiteral("0x11223344556677889900aabbccddee");
        QTest::newRow("non-ascii") << QStringLiteral("0011223344556677889900aabbccdd\u00e9e");
        QTest::newRow("fullwidth digit") << QStringLiteral("0011223344556677889900aabbccdd\uff11e");
    }

    void rejectsBadHex()
    {
        QFETCH(QString, hex);
        QVERIFY(!MessageId::fromHex(hex).has_value());
    }

    void ordering()
    {
        const auto a = MessageId::fromHex(QStringLiteral("00000000000000000000000000000001"));
        const auto b = MessageId::fromHex(QStringLiteral("00000000000000000000000000000002"));
        QVERIFY(a && b);
        QVERIFY(*a < *b);
        QVERIFY(*a != *b);
        QVERIFY(!a->isNull());
    }
};

QTEST_GUILESS_MAIN(TestMessageId)
#include "tst_messageid.moc"
