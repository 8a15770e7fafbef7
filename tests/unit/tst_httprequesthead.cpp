// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP request head of media transfers, parsed without sockets: what is
// accepted, and the specific answer to each thing that is not.
#include "media/HttpRequestHead.h"

#include <QtTest>

using namespace linnet::server::http;

namespace {

int refusalOf(const QByteArray &head)
{
    const auto parsed = parseRequestHead(head);
    if (const auto *refusal = std::get_if<Refusal>(&parsed))
        return refusal->status;
    return 0;
}

RequestHead parsed(const QByteArray &head)
{
    const auto result = parseRequestHead(head);
    if (const auto *refusal = std::get_if<Refusal>(&result)) {
        qWarning("refused %d: %s", refusal->status, refusal->reason.constData());
        return {};
    }
    return std::get<RequestHead>(result);
}

const QByteArray kPath = "/v1/media/00112233445566778899aabbccddeeff";

} // namespace

class TestHttpRequestHead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPutHeadIsReadWithTheFieldsTransfersNeed()
    {
        const RequestHead head = parsed("PUT " + kPath +
                                        " HTTP/1.1\r\nHost: x\r\nauthorization:  Bearer abc \r\n"
                                        "Content-Length: 1048576\r\nContent-Range: bytes "
                                        "1-2/3\r\nEXPECT: 100-Continue\r\nX-Other: y\r\n\r\n");
        QCOMPARE(head.method, Method::Put);
        QCOMPARE(head.target, kPath);
        QCOMPARE(head.authorization, QByteArray("Bearer abc"));
        QCOMPARE(head.contentLength, std::optional<qint64>(1048576));
        QCOMPARE(head.contentRange, QByteArray("bytes 1-2/3"));
        QVERIFY(head.expectContinue);
        QVERIFY(!head.chunked);
        QVERIFY(head.range.isNull());
    }

    void methodsAndVersions()
    {
        QCOMPARE(parsed("GET / HTTP/1.1\r\nHost: x\r\n\r\n").method, Method::Get);
        QCOMPARE(parsed("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").method, Method::Head);
        QCOMPARE(parsed("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n").method, Method::Other);
        QVERIFY(parsed("GET / HTTP/1.0\r\n\r\n").http10); // 1.0 needs no Host
        QCOMPARE(refusalOf("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 505);
        QCOMPARE(refusalOf("GET / HTTP/1.1\r\n\r\n"), 400); // no Host
    }

    void malformedHeadsAre400()
    {
        for (const QByteArray &head : {
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\n"), // not complete
                 QByteArray("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"),
                 QByteArray("GET HTTP/1.1\r\nHost: x\r\n\r\n"),
                 QByteArray("G(T / HTTP/1.1\r\nHost: x\r\n\r\n"),
                 QByteArray("GET nopath HTTP/1.1\r\nHost: x\r\n\r\n"),
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n"),
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n"),
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n"),
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\nA: b\x01"
                            "c\r\n\r\n"),
                 QByteArray("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"),
             })
            QVERIFY2(refusalOf(head) == 400, head.constData());
    }

    void contentLengthIsStrictAndOnce()
    {
        for (const char *value : {"-1", "+5", "1 2", "0x10", "", "99999999999999999999", "1.0"})
            QVERIFY2(refusalOf(QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: ") + value +
                               "\r\n\r\n") == 400,
                     value);
        QCOMPARE(refusalOf("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                           "Content-Length: 1\r\n\r\n"),
                 400);
        QCOMPARE(parsed("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").contentLength,
                 std::optional<qint64>(0));
        QCOMPARE(refusalOf("PUT / HTTP/1.1\r\nHost: x\r\nRange: a\r\nRange: b\r\n\r\n"), 400);
        QCOMPARE(refusalOf("PUT / HTTP/1.1\r\nHost: x\r\nAuthorization: a\r\n"
                           "Authorization: b\r\n\r\n"),
                 400);
    }

    void otherExpectationsAre417AndTransferEncodingIsNoted()
    {
        QCOMPARE(refusalOf("PUT / HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n"), 417);
        QVERIFY(parsed("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").chunked);
    }

    void anOverlongHeadIs431()
    {
        const QByteArray head =
            "GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(kMaxHeadBytes, 'a') + "\r\n\r\n";
        QCOMPARE(refusalOf(head), 431);
    }

    void mediaRequestsAreKnownByTheirPath()
    {
        QVERIFY(isMediaRequest("PUT /v1/media/ab"));
        QVERIFY(isMediaRequest("GET /v1/media/"));
        QVERIFY(!isMediaRequest("GET /v1/ws HTTP/1.1\r\n"));
        QVERIFY(!isMediaRequest("GET /v1/mediaX"));
        QVERIFY(!isMediaRequest(""));
    }

    void theBlobComesFromThePathAsLowerCaseHex()
    {
        QCOMPARE(blobFromTarget(kPath),
                 std::optional(QByteArray::fromHex("00112233445566778899aabbccddeeff")));
        for (const QByteArray &bad : {QByteArray("/v1/media/00112233445566778899AABBCCDDEEFF"),
                                      QByteArray("/v1/media/00112233445566778899aabbccddeef"),
                                      QByteArray("/v1/media/00112233445566778899aabbccddeeff0"),
                                      QByteArray("/v1/media/00112233445566778899aabbccddeeff?x"),
                                      QByteArray("/v1/media/../../../../etc/passwd00000000000000"),
                                      QByteArray("/v1/media/0011223344556677%2e99aabbccddeeff"),
                                      QByteArray("/v2/media/00112233445566778899aabbccddeeff")})
            QVERIFY2(!blobFromTarget(bad), bad.constData());
    }

    void theTicketIsBase64UrlAfterBearer()
    {
        QCOMPARE(bearerToken("Bearer AQID"), std::optional(QByteArray("\x01\x02\x03")));
        QCOMPARE(bearerToken("bearer _-8"), std::optional(QByteArray("\xff\xef")));
        QVERIFY(!bearerToken("Bearer "));
        QVERIFY(!bearerToken("Bearer +/8"));   // base64, not base64url
        QVERIFY(!bearerToken("Bearer AQID=")); // no padding
        QVERIFY(!bearerToken("Basic AQID"));
        QVERIFY(!bearerToken(""));
        QVERIFY(!bearerToken("Bearer " + QByteArray(1000, 'A')));
    }

    void rangesAreOneByteRangeFromAStart()
    {
        QCOMPARE(parseRange("bytes=5-")->first, 5);
        QVERIFY(!parseRange("bytes=5-")->last);
        QCOMPARE(parseRange("bytes=5-9")->last, std::optional<qint64>(9));
        for (const char *bad : {"bytes=-5", "bytes=9-5", "bytes=1-2,4-5", "items=1-2", "bytes=a-",
                                "bytes= 1-2", "bytes=1--2"})
            QVERIFY2(!parseRange(bad), bad);
    }

    void contentRangesNameAPartOfTheWhole()
    {
        const auto range = parseContentRange("bytes 100-199/1000");
        QVERIFY(range);
        QCOMPARE(range->first, 100);
        QCOMPARE(range->last, 199);
        QCOMPARE(range->total, 1000);
        for (const char *bad : {"bytes 100-99/1000", "bytes 0-1000/1000", "bytes */1000",
                                "bytes 0-1/*", "bytes=0-1/2", "bytes 0-1", "bytes -1-2/3"})
            QVERIFY2(!parseContentRange(bad), bad);
    }

    void responsesHaveAStatusLineHeadersAndLength()
    {
        QCOMPARE(responseHead(206, {{"A", "b"}}, 10),
                 QByteArray("HTTP/1.1 206 Partial Content\r\nA: b\r\nContent-Length: 10\r\n\r\n"));
        QCOMPARE(responseHead(200, {}, -1), QByteArray("HTTP/1.1 200 OK\r\n\r\n"));
        const QByteArray text = textResponse(409, "go on from 5", {{"Upload-Offset", "5"}});
        QVERIFY(text.startsWith("HTTP/1.1 409 Conflict\r\nUpload-Offset: 5\r\n"));
        QVERIFY(text.contains("Connection: close\r\n"));
        QVERIFY(text.endsWith("\r\n\r\ngo on from 5\n"));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestHead)
#include "tst_httprequesthead.moc"
