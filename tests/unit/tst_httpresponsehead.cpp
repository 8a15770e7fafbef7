// SPDX-License-Identifier: GPL-3.0-or-later
// The response heads the client reads in media transfers, parsed without sockets:
// what is taken, and what is refused rather than guessed at.
#include "media/HttpResponseHead.h"

#include <QtTest>

using namespace linnet::client::http;

class TestHttpResponseHead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aStatusLineAndHeadersAreRead()
    {
        ResponseHead head;
        QVERIFY(parseResponseHead("HTTP/1.1 206 Partial Content\r\n"
                                  "Content-Length: 1024\r\n"
                                  "Content-Range:  bytes 512-1535/4096 \r\n"
                                  "X-Empty:\r\n"
                                  "\r\n",
                                  head));
        QCOMPARE(head.status, 206);
        QCOMPARE(head.number("content-length"), 1024);
        QCOMPARE(head.header("content-range"), QByteArray("bytes 512-1535/4096"));
        QCOMPARE(head.header("x-empty"), QByteArray());
        QCOMPARE(head.header("absent"), QByteArray());
        QCOMPARE(head.number("absent"), -1);
        QCOMPARE(contentRangeStart(head.header("content-range")), 512);
    }

    void headerNamesAreCaseInsensitiveAndTheFirstValueWins()
    {
        ResponseHead head;
        QVERIFY(parseResponseHead("HTTP/1.0 200 OK\nCONTENT-LENGTH: 7\ncontent-length: 9\n", head));
        QCOMPARE(head.status, 200);
        QCOMPARE(head.number("content-length"), 7);
    }

    void aParseReplacesWhatAnEarlierOneRead()
    {
        ResponseHead head;
        QVERIFY(parseResponseHead("HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\n", head));
        QVERIFY(parseResponseHead("HTTP/1.1 201 Created\r\n\r\n", head));
        QCOMPARE(head.status, 201);
        QVERIFY(head.headers.isEmpty());
    }

    void whatIsNotAnHttp1StatusLineIsRefused_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no status") << QByteArray("HTTP/1.1\r\n\r\n");
        QTest::newRow("http 2") << QByteArray("HTTP/2 200\r\n\r\n");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n");
        QTest::newRow("status not a number") << QByteArray("HTTP/1.1 2OO OK\r\n\r\n");
        QTest::newRow("status too small") << QByteArray("HTTP/1.1 99 Odd\r\n\r\n");
        QTest::newRow("status too big") << QByteArray("HTTP/1.1 600 Odd\r\n\r\n");
    }
    void whatIsNotAnHttp1StatusLineIsRefused()
    {
        QFETCH(QByteArray, raw);
        ResponseHead head;
        QVERIFY(!parseResponseHead(raw, head));
    }

    void numbersAreDigitsOnly_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("plain") << QByteArray("42") << qint64(42);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("negative") << QByteArray("-1") << qint64(-1);
        QTest::newRow("plus") << QByteArray("+5") << qint64(-1);
        QTest::newRow("hex") << QByteArray("0x10") << qint64(-1);
        QTest::newRow("trailing junk") << QByteArray("12abc") << qint64(-1);
        QTest::newRow("overflow") << QByteArray("99999999999999999999") << qint64(-1);
    }
    void numbersAreDigitsOnly()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        ResponseHead head;
        QVERIFY(parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n", head));
        QCOMPARE(head.number("content-length"), expected);
    }

    void contentRangeStartsAreReadStrictly_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("range") << QByteArray("bytes 0-99/100") << qint64(0);
        QTest::newRow("later") << QByteArray("bytes 65536-131071/200000") << qint64(65536);
        QTest::newRow("unknown size") << QByteArray("bytes 10-19/*") << qint64(10);
        QTest::newRow("no unit") << QByteArray("0-99/100") << qint64(-1);
        QTest::newRow("other unit") << QByteArray("items 0-9/10") << qint64(-1);
        QTest::newRow("unsatisfied") << QByteArray("bytes */100") << qint64(-1);
        QTest::newRow("negative") << QByteArray("bytes -5-9/10") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }
    void contentRangeStartsAreReadStrictly()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        QCOMPARE(contentRangeStart(value), expected);
    }
};

QTEST_APPLESS_MAIN(TestHttpResponseHead)
#include "tst_httpresponsehead.moc"
