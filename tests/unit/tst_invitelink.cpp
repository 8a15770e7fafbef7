// SPDX-License-Identifier: GPL-3.0-or-later
// Invite links: address + certificate pin + code in one text (docs/protocol.md).
#include "protocol/InviteLink.h"

#include <QtTest>

using namespace linnet::protocol;

class TestInviteLink : public QObject {
    Q_OBJECT

private:
    static QByteArray samplePin() { return QByteArray(kPinBytes, '\x5a'); }

private Q_SLOTS:
    void aLinkRoundTripsWithServerPinAndCode()
    {
        const InviteLink link{QUrl(QStringLiteral("wss://192.168.1.20:7480/v1/ws")), samplePin(),
                              QStringLiteral("ABCD-EFGH-JKMN-PQRS")};
        const QString text = link.toString();
        QVERIFY2(text.startsWith(QStringLiteral("linnet://invite?server=wss://192.168.1.20:7480/"
                                                "v1/ws&pin=")),
                 qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("&code=ABCD-EFGH-JKMN-PQRS")), qPrintable(text));
        QVERIFY(InviteLink::looksLikeLink(text));
        const auto parsed = InviteLink::parse(QStringLiteral("  ") + text + QStringLiteral("\n"));
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().reason));
        QCOMPARE(parsed.value(), link);
    }

    void aLinkWithoutPinNamesAPlainOrCaCheckedServer()
    {
        for (const char *server : {"ws://10.0.0.2:7480/v1/ws", "wss://chat.example.org/v1/ws",
                                   "wss://[fd00::1]:7480/v1/ws"}) {
            const InviteLink link{QUrl(QString::fromLatin1(server)), {}, QStringLiteral("CODE")};
            const auto parsed = InviteLink::parse(link.toString());
            QVERIFY2(parsed, qPrintable(link.toString()));
            QCOMPARE(parsed.value(), link);
            QVERIFY(!link.toString().contains(QStringLiteral("pin=")));
        }
    }

    void aServerWithoutAPathGetsTheWebSocketPath()
    {
        // "wss://host:port" as people write it (and as `invite create --url` was given it)
        // used to send clients to "/", which the server refuses, over and over.
        QCOMPARE(withWebSocketPath(QUrl(QStringLiteral("wss://chat.example.org:7480"))),
                 QUrl(QStringLiteral("wss://chat.example.org:7480/v1/ws")));
        QCOMPARE(withWebSocketPath(QUrl(QStringLiteral("ws://10.0.0.2:7480/"))),
                 QUrl(QStringLiteral("ws://10.0.0.2:7480/v1/ws")));
        // Any other path is the admin's (a reverse proxy may serve it elsewhere); other
        // schemes are not server URLs and stay as they are.
        QCOMPARE(withWebSocketPath(QUrl(QStringLiteral("wss://example.org/linnet"))),
                 QUrl(QStringLiteral("wss://example.org/linnet")));
        QCOMPARE(withWebSocketPath(QUrl(QStringLiteral("https://example.org"))),
                 QUrl(QStringLiteral("https://example.org")));
        const auto parsed = InviteLink::parse(
            QStringLiteral("linnet://invite?server=wss://chat.example.org:7480&code=AB12-CD34"));
        QVERIFY(parsed);
        QCOMPARE(parsed.value().server, QUrl(QStringLiteral("wss://chat.example.org:7480/v1/ws")));
    }

    void pinsReadAsBase64UrlOrHex()
    {
        const QByteArray pin =
            QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        QCOMPARE(pinToText(pin).size(), 43);
        QCOMPARE(pinFromText(pinToText(pin)).value(), pin);
        QCOMPARE(pinFromText(pinToText(pin) + QStringLiteral("=")).value(), pin);
        QCOMPARE(pinFromText(QString::fromLatin1(pin.toHex())).value(), pin);
        QCOMPARE(pinFromText(QString::fromLatin1(pin.toHex(':')).toUpper()).value(), pin);
        for (const char *bad : {"", "abc", "00112233", "not base64 at all!!", "AAAA"}) {
            const auto refused = pinFromText(QString::fromLatin1(bad));
            QVERIFY2(!refused, bad);
            QVERIFY(refused.error().reason.contains(QStringLiteral("fingerprint")));
        }
        // 31 and 33 bytes are not a SHA-256.
        QVERIFY(!pinFromText(pinToText(QByteArray(31, 'a'))));
        QVERIFY(!pinFromText(pinToText(QByteArray(33, 'a'))));
    }

    void pinOfPublicKeyIsItsSha256()
    {
        QCOMPARE(pinOfPublicKey("spki"),
                 QCryptographicHash::hash("spki", QCryptographicHash::Sha256));
        QCOMPARE(pinOfPublicKey("spki").size(), kPinBytes);
    }

    void badLinksAreRefusedSaying_why_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        const QString pin = pinToText(samplePin());
        QTest::newRow("not a link")
            << QStringLiteral("ABCD-EFGH") << QStringLiteral("linnet://invite");
        QTest::newRow("other scheme")
            << QStringLiteral("https://invite?server=wss://h/v1/ws&code=C")
            << QStringLiteral("linnet://invite");
        QTest::newRow("other host") << QStringLiteral("linnet://join?server=wss://h/v1/ws&code=C")
                                    << QStringLiteral("linnet://invite");
        QTest::newRow("no server") << QStringLiteral("linnet://invite?code=C")
                                   << QStringLiteral("no ws:// or wss:// server");
        QTest::newRow("http server")
            << QStringLiteral("linnet://invite?server=https://h/v1/ws&code=C")
            << QStringLiteral("no ws:// or wss:// server");
        QTest::newRow("no code") << QStringLiteral("linnet://invite?server=wss://h/v1/ws&pin=") +
                                        pin
                                 << QStringLiteral("no invite code");
        QTest::newRow("empty code") << QStringLiteral("linnet://invite?server=wss://h/v1/ws&code=")
                                    << QStringLiteral("no invite code");
        QTest::newRow("short pin")
            << QStringLiteral("linnet://invite?server=wss://h/v1/ws&pin=AAAA&code=C")
            << QStringLiteral("fingerprint");
        QTest::newRow("pin on ws") << QStringLiteral("linnet://invite?server=ws://h/v1/ws&pin=") +
                                          pin + QStringLiteral("&code=C")
                                   << QStringLiteral("needs a wss:// server");
        QTest::newRow("unknown part")
            << QStringLiteral("linnet://invite?server=wss://h/v1/ws&code=C&admin=1")
            << QStringLiteral("unknown part \"admin\"");
        QTest::newRow("code twice")
            << QStringLiteral("linnet://invite?server=wss://h/v1/ws&code=C&code=D")
            << QStringLiteral("\"code\" is given twice");
    }

    void badLinksAreRefusedSaying_why()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        const auto parsed = InviteLink::parse(text);
        QVERIFY2(!parsed, qPrintable(text));
        QVERIFY2(parsed.error().reason.contains(why), qPrintable(parsed.error().reason));
        QCOMPARE(parsed.error().code, ErrorCode::InvalidField);
    }

    void aBareCodeIsNotALink()
    {
        QVERIFY(!InviteLink::looksLikeLink(QStringLiteral("ABCD-EFGH-JKMN-PQRS")));
        QVERIFY(InviteLink::looksLikeLink(QStringLiteral(" LINNET://invite?x")));
    }
};

QTEST_GUILESS_MAIN(TestInviteLink)
#include "tst_invitelink.moc"
