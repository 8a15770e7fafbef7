// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-fuzz-seeds OUTDIR: writes the seed corpora of the fuzz targets (tests/fuzz/corpus)
// from the unit tests' sample frames and wire pins, one directory per target. Run by hand
// when samples change (docs/fuzzing.md); the corpora are checked in.
#include "FrameCodecSamples.h"
#include "WebSocketTestFrames.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

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
    };
    for (const auto &[target, seeds] : corpora) {
        if (!writeAll(out + QLatin1Char('/') + target, seeds))
            return 1;
    }
    return 0;
}
