// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the server's WebSocket frame reader (WebSocketWire's FrameReader), fed the
// same byte stream whole, split in two at every point (at 16 points when long), byte by
// byte, and in chunks of sizes taken from the input, as TCP may deliver it. Property: the events
// (messages, pings, pongs, closes, the first error) are the same however the stream is split, no
// message is over the limit, and nothing stays buffered after an error.
#include "FuzzSupport.h"

#include "transport/WebSocketWire.h"

#include <vector>

using namespace linnet::server::websocket;
using linnet::fuzz::check;

namespace {

/** Message limits to try: tiny ones reach "message too big" often. */
constexpr qsizetype kLimits[] = {0, 1, 16, 125, 126, 4096, 65536};
/** Streams up to this size are split in two at every point; longer ones at 16 points. */
constexpr qsizetype kEverySplitUpTo = 32;
/** Streams up to this size are also read byte by byte. */
constexpr qsizetype kByteByByteUpTo = 256;

struct Reading {
    std::vector<Event> events;

    void drain(FrameReader &reader, qsizetype limit)
    {
        while (auto event = reader.next()) {
            if (event->kind == Event::Kind::Message)
                check(event->payload.size() <= limit, "no message is over the limit");
            events.push_back(std::move(*event));
        }
    }
};

bool sameEvents(const std::vector<Event> &a, const std::vector<Event> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].type != b[i].type || a[i].payload != b[i].payload ||
            a[i].code != b[i].code)
            return false;
    }
    return true;
}

/** Reads @p stream delivered in the pieces that end at @p cuts (ascending). */
std::vector<Event> readSplit(const QByteArray &stream, qsizetype limit,
                             const std::vector<qsizetype> &cuts)
{
    FrameReader reader(limit);
    Reading reading;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        reader.feed(stream.sliced(from, cut - from));
        reading.drain(reader, limit);
        from = cut;
    }
    reader.feed(stream.sliced(from));
    reading.drain(reader, limit);
    const bool failed = !reading.events.empty() && reading.events.back().kind == Event::Kind::Error;
    if (failed)
        check(reader.buffered() == 0, "nothing stays buffered after an error");
    return reading.events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first byte picks the message limit and the chunk sizes; the rest is the stream.
    const quint8 control = data[0];
    const qsizetype limit = kLimits[control % std::size(kLimits)];
    const QByteArray stream = linnet::fuzz::input(data + 1, size - 1).toByteArray();
    const qsizetype n = stream.size();

    const std::vector<Event> whole = readSplit(stream, limit, {});

    const qsizetype step = n <= kEverySplitUpTo ? 1 : n / 16 + 1;
    for (qsizetype cut = 1; cut < n; cut += step)
        check(sameEvents(readSplit(stream, limit, {cut}), whole),
              "splitting the stream in two changes nothing");

    std::vector<qsizetype> cuts;
    if (n <= kByteByByteUpTo) {
        for (qsizetype i = 1; i < n; ++i)
            cuts.push_back(i);
        check(sameEvents(readSplit(stream, limit, cuts), whole),
              "reading byte by byte changes nothing");
    }

    // Chunks of 1..16 bytes, their sizes taken from the stream's own bytes.
    cuts.clear();
    for (qsizetype at = 0, i = 0;;) {
        at += 1 + ((quint8(stream[i % n]) + control) & 0x0f);
        if (at >= n)
            break;
        cuts.push_back(at);
        ++i;
    }
    check(sameEvents(readSplit(stream, limit, cuts), whole), "reading in chunks changes nothing");
    return 0;
}
