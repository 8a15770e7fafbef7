// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-fuzz-seeds OUTDIR: writes the seed corpora of the fuzz targets (tests/fuzz/corpus)
// from the unit tests' sample frames and wire pins, one directory per target. Run by hand
// when samples change (docs/fuzzing.md); the corpora are checked in.
#include "FrameCodecSamples.h"
#include "FuzzKeys.h"
#include "WebSocketTestFrames.h"

#include "crypto/Envelope.h"
#include "crypto/Sodium.h"
#include "lan/LanAnnouncement.h"
#include "lan/LanFrameCodec.h"
#include "media/MediaTickets.h"
#include "protocol/MessageContent.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <QtEndian>

#include <cstdio>
#include <map>

using namespace linnet::protocol;

namespace {

/** Seeds larger than this are left out: the corpora stay small. */
constexpr qsizetype kMaxSeedBytes = 4096;

using Seeds = std::map<QString, QByteArray>;

QString fileName(QString name)
{
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    }
    return name;
}

Seeds frameSeeds()
{
    Seeds seeds;
    for (const auto &[name, frame] : testing::sampleFrames()) {
        const QByteArray bytes = encodeFrame(frame);
        if (bytes.size() <= kMaxSeedBytes)
            seeds[fileName(QString::fromUtf8(name))] = bytes;
    }
    return seeds;
}

Seeds cborSeeds()
{
    // Items frames never use, so the scanner's every branch has a start; tools/fuzz.sh
    // gives fuzz_cborscan the frame seeds too.
    Seeds seeds;
    seeds[QStringLiteral("indefinite_text")] = QByteArray::fromHex("7f6161626262ff");
    seeds[QStringLiteral("indefinite_bytes")] = QByteArray::fromHex("5f4101420203ff");
    seeds[QStringLiteral("indefinite_array_map")] = QByteArray::fromHex("9f01bf6161f5ff80a0ff");
    seeds[QStringLiteral("tags_floats")] = QByteArray::fromHex("82c11a5f5e1000f93c00");
    seeds[QStringLiteral("floats")] = QByteArray::fromHex("83fa3fc00000fb3ff8000000000000f97e00");
    seeds[QStringLiteral("simple_values")] = QByteArray::fromHex("86f4f5f6f7f0f8ff");
    seeds[QStringLiteral("big_integers")] =
        QByteArray::fromHex("821bffffffffffffffff3bffffffffffffffff");
    seeds[QStringLiteral("utf8_text")] = QByteArray::fromHex("6cc3a4e282acf09f90a6e2808f61");
    seeds[QStringLiteral("nested")] = QByteArray(64, '\x81') + QByteArray(1, '\x00');
    return seeds;
}

QByteArray request(const QByteArray &extra = {}, const QByteArray &version = "13",
                   const QByteArray &line = "GET /v1/ws?x=1 HTTP/1.1")
{
    return line +
           "\r\nHost: 127.0.0.1:1\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: " +
           version + "\r\n" + extra + "\r\n";
}

Seeds handshakeSeeds()
{
    return {
        {QStringLiteral("valid"), request()},
        {QStringLiteral("valid_then_frame"), request() + linnet::test::clientFrame(0x2, "hi")},
        {QStringLiteral("post"), request({}, "13", "POST /v1/ws HTTP/1.1")},
        {QStringLiteral("http10"), request({}, "13", "GET /v1/ws HTTP/1.0")},
        {QStringLiteral("version8"), request({}, "8")},
        {QStringLiteral("percent_path"), request({}, "13", "GET /v1/%77s%zz?a#b HTTP/1.1")},
        {QStringLiteral("no_colon"), request("garbage line\r\n")},
        {QStringLiteral("folded"), request("X-A: a,\r\n b\r\n")},
        {QStringLiteral("close_reason"), QByteArray("\x03\xe8") + QByteArray(130, '\xc3')},
    };
}

Seeds websocketFrameSeeds()
{
    using linnet::test::clientFrame;
    // The first byte picks the message limit (fuzz_websocket_frames.cpp): 5 is 4096 bytes.
    const QByteArray limit4096(1, '\x05');
    const QByteArray limit16(1, '\x02');
    return {
        {QStringLiteral("binary"), limit4096 + clientFrame(0x2, "hello")},
        {QStringLiteral("text_ping_pong_close"), limit4096 + clientFrame(0x1, "t") +
                                                     clientFrame(0x9, "p") + clientFrame(0xA, "q") +
                                                     clientFrame(0x8, "\x03\xe8"
                                                                      "bye")},
        {QStringLiteral("fragments"), limit4096 + clientFrame(0x2, "ab", false) +
                                          clientFrame(0x9, "ping") + clientFrame(0x0, "cd", false) +
                                          clientFrame(0x0, "ef")},
        {QStringLiteral("length16"), limit4096 + clientFrame(0x2, QByteArray(300, 'x'))},
        {QStringLiteral("length64"),
         QByteArray(1, '\x06') + clientFrame(0x2, QByteArray(65536, 'y')).first(64)},
        {QStringLiteral("too_big"), limit16 + clientFrame(0x2, QByteArray(17, 'z'))},
        {QStringLiteral("unmasked"), limit4096 + clientFrame(0x2, "hi", true, false)},
        {QStringLiteral("reserved_bit"), limit4096 + clientFrame(0x2, "hi", true, true, 0x40)},
        {QStringLiteral("close_1005"), limit4096 + clientFrame(0x8, "\x03\xed")},
        {QStringLiteral("continuation_first"), limit4096 + clientFrame(0x0, "hi")},
    };
}

Seeds contentSeeds()
{
    FileRef file;
    file.blob = QByteArray(kBlobIdBytes, 'b');
    file.key = QByteArray(32, 'k');
    file.sha256 = QByteArray(32, 'h');
    file.size = 1'000'000;
    file.cipherSize = 1'000'296;
    file.mime = QStringLiteral("image/jpeg");
    file.name = QStringLiteral("Strand 🌊.jpg");
    file.kind = FileKind::Image;
    file.thumbnail = QByteArray(64, 't');
    file.width = 4000;
    file.height = 3000;
    FileRef voice = file;
    voice.kind = FileKind::Voice;
    voice.mime = QStringLiteral("audio/ogg");
    voice.name = QStringLiteral("voice.ogg");
    voice.thumbnail.clear();
    voice.durationMs = 4200;
    voice.waveform = QByteArray::fromHex("00102030405060708090a0b0c0d0e0f0ff");
    return {
        {QStringLiteral("text"), encodeContent({QStringLiteral("see you at 8"), {}, 0})},
        {QStringLiteral("text_to_sent"),
         encodeContent({QStringLiteral("¿qué tal? 🐦"), QStringLiteral("bob"), 1700000000123})},
        {QStringLiteral("image"), encodeContent({QStringLiteral("caption"), {}, 0, file})},
        {QStringLiteral("voice"), encodeContent({QString(), QStringLiteral("bob"), 1, voice})},
    };
}

/** Envelopes as Bob of FuzzKeys.h receives them, and stored sessions. */
Seeds envelopeSeeds()
{
    using namespace linnet::crypto;
    SessionRecord alice;
    if (!initiateSession(alice, linnet::fuzz::identityFromSeed('a'), linnet::fuzz::bobBundle()))
        return {};
    const QByteArray first = encrypt(alice, "hello").value();
    const QByteArray second = encrypt(alice, QByteArray(100, 'x')).value();
    SessionRecord bob;
    const auto received = decrypt(bob, linnet::fuzz::bob(), first);
    if (!received.ok())
        return {};
    const QByteArray reply = encrypt(bob, "hi Alice").value();
    Envelope plain = Envelope::decode(reply).value();
    plain.preKey.reset();
    return {
        {QStringLiteral("prekey_message"), first},
        {QStringLiteral("prekey_message_2"), second},
        {QStringLiteral("message"), plain.encode()},
        {QStringLiteral("session_record"), bob.serialize()},
        {QStringLiteral("ratchet"), bob.sessions().front().ratchet.serialize()},
        {QStringLiteral("version_2"), QByteArray("\x02\x01", 2) + QByteArray(60, 'v')},
    };
}

/** fuzz_senderkey reads u16 BE length, a flag (1: sign it), the message without signature. */
QByteArray senderKeyInput(const QList<QByteArray> &messages)
{
    QByteArray out;
    for (const QByteArray &message : messages) {
        const QByteArray body = message.chopped(linnet::crypto::SenderKeyMessage::kSignatureSize);
        char length[2];
        qToBigEndian(quint16(body.size()), length);
        out.append(length, 2);
        out.append(char(1));
        out.append(body);
    }
    return out;
}

Seeds senderKeySeeds()
{
    auto key = linnet::fuzz::senderKey();
    QList<QByteArray> messages;
    for (int i = 0; i < 4; ++i)
        messages.append(
            key.encrypt(QByteArray(10 + 40 * i, char('a' + i)), linnet::fuzz::kGroupAssociatedData)
                .value());
    return {
        {QStringLiteral("distribution"), key.distribution().encode()},
        {QStringLiteral("in_order"), senderKeyInput(messages)},
        {QStringLiteral("out_of_order"),
         senderKeyInput({messages[2], messages[0], messages[3], messages[1]})},
        {QStringLiteral("replayed"), senderKeyInput({messages[1], messages[1]})},
        {QStringLiteral("unsigned"), QByteArray("\x00\x05\x00", 3) + messages[0]},
        {QStringLiteral("own_state"), key.serialize()},
    };
}

Seeds lanSeeds()
{
    using namespace linnet::lan;
    const LanDevice self{QStringLiteral("alice"), 42,
                         linnet::fuzz::identityFromSeed('a').publicKey()};
    LanHello hello;
    hello.ephemeral = QByteArray(32, 'e');
    LanAuth auth;
    auth.account = QStringLiteral("alice");
    auth.device = 42;
    auth.signature = QByteArray(64, 's');
    LanMessage message;
    message.id = testing::idFrom('\x11');
    message.device = 7;
    message.to = QStringLiteral("bob");
    message.body = QByteArray(80, 'm');
    message.sentAt = 1700000000123;
    LanMessage group = message;
    group.to.clear();
    group.group = 3;
    group.after = testing::idFrom('\x22');
    LanAck ack;
    ack.ids = {testing::idFrom('\x11'), testing::idFrom('\x22')};
    return {
        {QStringLiteral("announcement"),
         makeAnnouncement(linnet::fuzz::identityFromSeed('a'), self, 1700000000123, 47475)},
        {QStringLiteral("hello"), encodeLanFrame(hello)},
        {QStringLiteral("auth"), encodeLanFrame(auth)},
        {QStringLiteral("message"), encodeLanFrame(message)},
        {QStringLiteral("group_message"), encodeLanFrame(group)},
        {QStringLiteral("ack"), encodeLanFrame(ack)},
    };
}

Seeds httpSeeds()
{
    const QByteArray blob = QByteArray(32, 'a');
    return {
        {QStringLiteral("get"), "GET /v1/media/" + blob +
                                    " HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer "
                                    "AQIDBAUGBwgJCgsMDQ4PEA\r\nRange: bytes=100-\r\n\r\n"},
        {QStringLiteral("put"), "PUT /v1/media/" + blob +
                                    " HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n"
                                    "Content-Range: bytes 0-9/20\r\nExpect: 100-continue\r\n\r\n"},
        {QStringLiteral("head_http10"), "HEAD /v1/media/" + blob + " HTTP/1.0\r\n\r\n"},
        {QStringLiteral("chunked"),
         "PUT /v1/media/" + blob + " HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"},
        {QStringLiteral("range_closed"), "bytes=5-9"},
        {QStringLiteral("number"), "9223372036854775807"},
    };
}

Seeds mediaTicketSeeds()
{
    using namespace linnet::server;
    const MediaTickets tickets(QByteArray(MediaTickets::kKeyBytes, 'K'));
    const QByteArray valid = tickets.issue(
        {TicketDirection::Upload, QByteArray(kBlobIdBytes, 'b'), 42, 1'800'000'000'000});
    const QByteArray expired = tickets.issue(
        {TicketDirection::Download, QByteArray(kBlobIdBytes, 'b'), 42, 1'600'000'000'000});
    return {
        {QStringLiteral("valid"), valid},
        {QStringLiteral("expired"), expired},
        {QStringLiteral("body_only"), valid.first(MediaTickets::kTicketBytes - 32)},
        {QStringLiteral("bearer"), "Bearer " + valid.toBase64(QByteArray::Base64UrlEncoding |
                                                              QByteArray::OmitTrailingEquals)},
    };
}

/** Secrets file headers (PassphraseSecretStore.h has the layout) and a tag's worth of bytes. */
Seeds secretsHeaderSeeds()
{
    auto file = [](quint8 version, quint8 algorithm, quint64 ops, quint64 mem) {
        QByteArray out("LNSECRET");
        out.append(char(version));
        out.append(char(algorithm));
        char number[8];
        qToBigEndian(ops, number);
        out.append(number, 8);
        qToBigEndian(mem, number);
        out.append(number, 8);
        out.append(QByteArray(16, 's') + QByteArray(16, 'c') + QByteArray(24, 'n'));
        return out + QByteArray(16, 't');
    };
    return {
        {QStringLiteral("moderate"), file(1, 2, 3, 256ULL << 20)},
        {QStringLiteral("interactive"), file(1, 2, 2, 64ULL << 20)},
        {QStringLiteral("version_2"), file(2, 2, 3, 256ULL << 20)},
        {QStringLiteral("argon2i"), file(1, 1, 3, 256ULL << 20)},
        {QStringLiteral("huge_cost"), file(1, 2, 1ULL << 40, 1ULL << 50)},
    };
}

Seeds httpResponseSeeds()
{
    return {
        {QStringLiteral("partial"), "HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n"
                                    "Content-Range: bytes 100-109/200\r\n\r\n"},
        {QStringLiteral("resume"), "HTTP/1.1 308 Permanent Redirect\r\nRange: bytes=0-99\r\n"
                                   "Content-Length: 0\r\n\r\n"},
        {QStringLiteral("refusal"), "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
                                    "Connection: close\r\n\r\nno\n"},
    };
}

bool writeAll(const QString &dir, const Seeds &seeds)
{
    if (!QDir().mkpath(dir))
        return false;
    for (const auto &[name, bytes] : seeds) {
        QFile file(dir + QLatin1Char('/') + name);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return false;
    }
    std::printf("%zu seeds in %s\n", seeds.size(), qPrintable(dir));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!linnet::crypto::initSodium())
        return 1;
    if (argc != 2) {
        std::fprintf(stderr, "usage: linnet-fuzz-seeds OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    const std::map<QString, Seeds> corpora = {
        {QStringLiteral("framecodec"), frameSeeds()},
        {QStringLiteral("cborscan"), cborSeeds()},
        {QStringLiteral("websocket_handshake"), handshakeSeeds()},
        {QStringLiteral("websocket_frames"), websocketFrameSeeds()},
        {QStringLiteral("content"), contentSeeds()},
        {QStringLiteral("envelope"), envelopeSeeds()},
        {QStringLiteral("senderkey"), senderKeySeeds()},
        {QStringLiteral("lan"), lanSeeds()},
        {QStringLiteral("http_head"), httpSeeds()},
        {QStringLiteral("media_ticket"), mediaTicketSeeds()},
        {QStringLiteral("secrets_header"), secretsHeaderSeeds()},
        {QStringLiteral("http_response"), httpResponseSeeds()},
    };
    for (const auto &[target, seeds] : corpora) {
        if (!writeAll(out + QLatin1Char('/') + target, seeds))
            return 1;
    }
    return 0;
}
