// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/MessageContent.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QtTest>

using namespace linnet::protocol;

class TestMessageContent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("hello");
        QTest::newRow("empty") << QString();
        QTest::newRow("emoji and newlines") << QStringLiteral("line 1\nline 2 🐦✓✓");
        QTest::newRow("longest") << QString(kMaxTextLength, QLatin1Char('x'));
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        const auto decoded = decodeContent(encodeContent({text}));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value().text, text);
    }

    void unknownKeysAreIgnored()
    {
        QCborMap map;
        map.insert(QStringLiteral("text"), QStringLiteral("hi"));
        map.insert(QStringLiteral("reply_to"), QByteArray(16, 'a'));
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(decoded);
        QCOMPARE(decoded.value().text, QStringLiteral("hi"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QCborMap noText;
        noText.insert(QStringLiteral("other"), 1);
        QCborMap numberText;
        numberText.insert(QStringLiteral("text"), 42);
        QCborMap tooLong;
        tooLong.insert(QStringLiteral("text"), QString(kMaxTextLength + 1, QLatin1Char('x')));
        QTest::newRow("empty") << QByteArray() << ErrorCode::MalformedFrame;
        QTest::newRow("garbage") << QByteArrayLiteral("\xff\xfe\x00") << ErrorCode::MalformedFrame;
        QTest::newRow("array") << QCborArray{1, 2}.toCborValue().toCbor()
                               << ErrorCode::MalformedFrame;
        QTest::newRow("no text") << noText.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("text not a string")
            << numberText.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("too long") << tooLong.toCborValue().toCbor() << ErrorCode::InvalidField;
    }

    void rejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        const auto decoded = decodeContent(body);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, code);
        QVERIFY(!decoded.error().reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMessageContent)
#include "tst_messagecontent.moc"
