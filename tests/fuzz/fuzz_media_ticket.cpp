// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: media tickets (server/media/MediaTickets) as a client presents them, raw
// and as an "Authorization: Bearer" value. The fuzzer cannot forge the HMAC, so an input
// of exactly a ticket's body (34 bytes) gets a valid MAC from the target, which reaches
// the checks behind it. Properties: an accepted ticket is for a device above 0, has not
// expired, and is issued again as the same bytes.
#include "FuzzSupport.h"

#include "crypto/Sodium.h"
#include "media/HttpRequestHead.h"
#include "media/MediaTickets.h"

#include <sodium.h>

#include <variant>

using namespace linnet::server;
using linnet::fuzz::check;

namespace {

constexpr qint64 kNowMs = 1'700'000'000'000;
constexpr qsizetype kBodyBytes = MediaTickets::kTicketBytes - crypto_auth_hmacsha256_BYTES;
const QByteArray kKey(MediaTickets::kKeyBytes, 'K');

void verify(const MediaTickets &tickets, QByteArrayView bytes)
{
    const auto verified = tickets.verify(bytes, kNowMs);
    if (const auto *ticket = std::get_if<Ticket>(&verified)) {
        check(ticket->device > 0, "a ticket is for a device");
        check(ticket->expiresMs >= kNowMs, "an accepted ticket has not expired");
        check(tickets.issue(*ticket) == bytes, "a ticket is issued as the same bytes");
    } else {
        check(std::get<TicketRefusal>(verified).status == 401, "a bad ticket is a 401");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    check(linnet::crypto::initSodium(), "libsodium initialises");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);
    const MediaTickets tickets(kKey);
    verify(tickets, bytes);
    if (bytes.size() == kBodyBytes) {
        QByteArray withMac = bytes.toByteArray();
        withMac.resize(MediaTickets::kTicketBytes);
        crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(withMac.data()) + kBodyBytes,
                               reinterpret_cast<const unsigned char *>(withMac.constData()),
                               quint64(kBodyBytes),
                               reinterpret_cast<const unsigned char *>(kKey.constData()));
        verify(tickets, withMac);
    }
    if (const auto token = http::bearerToken(bytes))
        verify(tickets, *token);
    return 0;
}
