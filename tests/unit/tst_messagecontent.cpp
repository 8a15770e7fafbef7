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
        const auto decoded = decodeContent(encodeContent({text, {}, 0}));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value().text, text);
    }

    void recipientAndSenderTimeRoundTrip()
    {
        // Issue 22.11: both travel inside the ciphertext, not only in the server's frame.
        const MessageContent content{QStringLiteral("hi"), QStringLiteral("bob"),
                                     1'765'000'000'123};
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), content);
        QCborMap map = QCborValue::fromCbor(encodeContent(content)).toMap();
        QCOMPARE(map.value(QStringLiteral("to")).toString(), QStringLiteral("bob"));
        QCOMPARE(map.value(QStringLiteral("sent_at")).toInteger(), 1'765'000'000'123);
    }

    void contentWithoutRecipientOrTimeStillDecodes()
    {
        // What clients wrote before: only "text".
        const QByteArray old = QByteArray::fromHex("a164746578746c73656520796f752061742038");
        const auto decoded = decodeContent(old);
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), (MessageContent{QStringLiteral("see you at 8"), {}, 0}));
        QCOMPARE(encodeContent({QStringLiteral("see you at 8"), {}, 0}), old); // unchanged
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
        QCborMap numberTo;
        numberTo.insert(QStringLiteral("text"), QStringLiteral("hi"));
        numberTo.insert(QStringLiteral("to"), 7);
        QCborMap negativeTime;
        negativeTime.insert(QStringLiteral("text"), QStringLiteral("hi"));
        negativeTime.insert(QStringLiteral("sent_at"), -1);
        QCborMap textTime;
        textTime.insert(QStringLiteral("text"), QStringLiteral("hi"));
        textTime.insert(QStringLiteral("sent_at"), QStringLiteral("noon"));
        QTest::newRow("to not text")
            << numberTo.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("negative sent_at")
            << negativeTime.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("sent_at not a number")
            << textTime.toCborValue().toCbor() << ErrorCode::MalformedFrame;
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
