// SPDX-License-Identifier: GPL-3.0-or-later
// The crypto workload: client-side cost of the end-to-end layer (common/crypto), on the
// SessionCipher API the client engine calls, without a server.
#include "Workloads.h"

#include "crypto/SenderKey.h"
#include "crypto/SessionCipher.h"
#include "crypto/Sodium.h"

#include <QTextStream>

#include <ctime>
#include <map>

namespace linnet::bench {

using namespace linnet::crypto;

namespace {

constexpr int kMessageBytes = 100;

/** Wall and this thread's CPU time over one phase. */
class PhaseTimer {
public:
    PhaseTimer() : m_wall(now(CLOCK_MONOTONIC)), m_cpu(now(CLOCK_THREAD_CPUTIME_ID)) {}
    CryptoPhase done(int operations) const
    {
        const double ops = std::max(operations, 1);
        return CryptoPhase{(now(CLOCK_MONOTONIC) - m_wall) / ops * 1e6,
                           (now(CLOCK_THREAD_CPUTIME_ID) - m_cpu) / ops * 1e6};
    }

private:
    static double now(clockid_t clock)
    {
        timespec ts{};
        clock_gettime(clock, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }
    double m_wall;
    double m_cpu;
};

/** One device: identity, signed prekey, a pool of one-time prekeys. */
struct BenchDevice {
    IdentityKeyPair identity = IdentityKeyPair::generate();
    SignedPreKey signedPreKey = generateSignedPreKey(identity, 1, 0);
    std::map<quint32, KeyPair> oneTime;
    quint32 nextOneTime = 1;

    PreKeyBundle bundle()
    {
        const quint32 id = nextOneTime++;
        oneTime[id] = generateX25519();
        return PreKeyBundle{identity.publicKey(),
                            signedPreKey.id,
                            signedPreKey.pair.publicKey,
                            signedPreKey.signature,
                            id,
                            oneTime[id].publicKey};
    }
    LocalIdentity local()
    {
        LocalIdentity l;
        l.identity = identity;
        l.signedPreKey = [this](quint32 id) {
            return id == signedPreKey.id ? std::optional(signedPreKey.pair) : std::nullopt;
        };
        l.oneTimePreKey = [this](quint32 id) -> std::optional<KeyPair> {
            const auto it = oneTime.find(id);
            return it == oneTime.end() ? std::nullopt : std::optional(it->second);
        };
        return l;
    }
};

QJsonObject phaseJson(const CryptoPhase &p)
{
    return {{QStringLiteral("wall_us"), p.wallUs}, {QStringLiteral("cpu_us"), p.cpuUs}};
}

} // namespace

CryptoResult runCrypto(int iterations, int setups)
{
    CryptoResult r;
    r.iterations = iterations;
    r.setups = setups;
    r.messageBytes = kMessageBytes;
    initSodium();
    BenchDevice alice, bob;
    const LocalIdentity aliceLocal = alice.local(), bobLocal = bob.local();
    auto fail = [&r](const QString &what, const CryptoFailure &f) {
        r.errorSamples
            << QStringLiteral("%1: %2 (%3)").arg(what, cryptoErrorName(f.code), f.reason);
        return r;
    };

    // X3DH setup: initiateSession, then the responder's first decrypt (X3DH + ratchet init).
    progress(QStringLiteral("crypto: %1 session setups").arg(setups));
    const QByteArray plain(kMessageBytes, 'm');
    std::vector<PreKeyBundle> bundles;
    for (int i = 0; i < setups; ++i)
        bundles.push_back(bob.bundle());
    const auto count = static_cast<size_t>(setups);
    std::vector<SessionRecord> initiators(count), responders(count);
    std::vector<QByteArray> firsts;
    PhaseTimer initiate;
    for (int i = 0; i < setups; ++i) {
        auto ok = initiateSession(initiators[size_t(i)], alice.identity, bundles[size_t(i)]);
        if (!ok)
            return fail(QStringLiteral("initiate"), ok.error());
    }
    r.initiate = initiate.done(setups);
    for (int i = 0; i < setups; ++i)
        firsts.push_back(encrypt(initiators[size_t(i)], plain).value());
    PhaseTimer respond;
    for (int i = 0; i < setups; ++i) {
        auto got = decrypt(responders[size_t(i)], bobLocal, firsts[size_t(i)]);
        if (!got)
            return fail(QStringLiteral("first prekey message"), got.error());
    }
    r.respond = respond.done(setups);
    r.preKeyEnvelopeBytes = int(firsts.front().size());

    // One established session: Alice has heard back, so she sends normal envelopes.
    SessionRecord atAlice = initiators.front(), atBob = responders.front();
    auto reply = encrypt(atBob, plain);
    if (!reply)
        return fail(QStringLiteral("reply"), reply.error());
    if (auto got = decrypt(atAlice, aliceLocal, reply.value()); !got)
        return fail(QStringLiteral("reply"), got.error());

    progress(QStringLiteral("crypto: %1 messages of %2 bytes").arg(iterations).arg(kMessageBytes));
    std::vector<QByteArray> envelopes;
    envelopes.reserve(size_t(iterations));
    PhaseTimer enc;
    for (int i = 0; i < iterations; ++i) {
        auto e = encrypt(atAlice, plain);
        if (!e)
            return fail(QStringLiteral("encrypt"), e.error());
        envelopes.push_back(std::move(e).value());
    }
    r.encrypt = enc.done(iterations);
    r.envelopeBytes = int(envelopes.front().size());
    PhaseTimer dec;
    for (const QByteArray &e : envelopes) {
        auto d = decrypt(atBob, bobLocal, e);
        if (!d)
            return fail(QStringLiteral("decrypt"), d.error());
    }
    r.decrypt = dec.done(iterations);

    // Round trip: encrypt then decrypt one message, same direction (symmetric ratchet only).
    PhaseTimer trip;
    for (int i = 0; i < iterations; ++i) {
        auto e = encrypt(atAlice, plain);
        auto d = e ? decrypt(atBob, bobLocal, e.value()) : crypto::Result<Decrypted>(e.error());
        if (!d)
            return fail(QStringLiteral("round trip"), d.error());
    }
    r.roundTrip = trip.done(iterations);

    // Ping-pong: the direction changes every message, so every decrypt is a DH ratchet step.
    PhaseTimer pong;
    for (int i = 0; i < iterations; ++i) {
        SessionRecord &from = i % 2 ? atBob : atAlice;
        SessionRecord &to = i % 2 ? atAlice : atBob;
        auto e = encrypt(from, plain);
        auto d = e ? decrypt(to, i % 2 ? aliceLocal : bobLocal, e.value())
                   : crypto::Result<Decrypted>(e.error());
        if (!d)
            return fail(QStringLiteral("ping-pong"), d.error());
    }
    r.pingPong = pong.done(iterations);
    r.recordBytes = int(atAlice.serialize().size());

    // Sender key: one group message encrypted (and signed) once, decrypted by one member.
    OwnSenderKey groupKey = OwnSenderKey::generate();
    ReceivedSenderKeys member;
    if (auto added = member.add(groupKey.distribution()); !added)
        return fail(QStringLiteral("sender key"), added.error());
    const QByteArray groupAd("group:bench|sender:alice/1");
    PhaseTimer group;
    for (int i = 0; i < iterations; ++i) {
        auto e = groupKey.encrypt(plain, groupAd);
        auto d = e ? member.decrypt(e.value(), groupAd) : crypto::Result<QByteArray>(e.error());
        if (!d)
            return fail(QStringLiteral("sender key"), d.error());
        if (i == 0)
            r.senderKeyMessageBytes = int(e.value().size());
    }
    r.senderKey = group.done(iterations);
    r.complete = true;
    return r;
}

QString formatCrypto(const CryptoResult &r)
{
    QString text;
    QTextStream out(&text);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out << qSetRealNumberPrecision(2);
    auto line = [&](const char *label, const CryptoPhase &p) {
        out << "  " << label << p.wallUs << " us  (thread CPU " << p.cpuUs << " us)\n";
    };
    out << "\ncrypto " << r.messageBytes << "-byte messages, " << r.iterations
        << " per phase, one thread\n";
    line("encrypt          ", r.encrypt);
    line("decrypt          ", r.decrypt);
    line("round trip       ", r.roundTrip);
    line("ping-pong msg    ", r.pingPong);
    line("sender-key msg   ", r.senderKey);
    out << "  X3DH setup       " << r.setups << " sessions\n";
    line("  initiate       ", r.initiate);
    line("  first decrypt  ", r.respond);
    out << "  sizes            envelope " << r.envelopeBytes << " B, prekey envelope "
        << r.preKeyEnvelopeBytes << " B, session record " << r.recordBytes << " B, group message "
        << r.senderKeyMessageBytes << " B" << (r.complete ? "" : "  ** INCOMPLETE **") << "\n";
    for (const QString &e : r.errorSamples)
        out << "  ! " << e << "\n";
    return text;
}

QJsonObject cryptoJson(const CryptoResult &r)
{
    return {{QStringLiteral("complete"), r.complete},
            {QStringLiteral("iterations"), r.iterations},
            {QStringLiteral("message_bytes"), r.messageBytes},
            {QStringLiteral("encrypt"), phaseJson(r.encrypt)},
            {QStringLiteral("decrypt"), phaseJson(r.decrypt)},
            {QStringLiteral("round_trip"), phaseJson(r.roundTrip)},
            {QStringLiteral("ping_pong_message"), phaseJson(r.pingPong)},
            {QStringLiteral("sender_key_message"), phaseJson(r.senderKey)},
            {QStringLiteral("sender_key_message_bytes"), r.senderKeyMessageBytes},
            {QStringLiteral("setups"), r.setups},
            {QStringLiteral("x3dh_initiate"), phaseJson(r.initiate)},
            {QStringLiteral("x3dh_first_decrypt"), phaseJson(r.respond)},
            {QStringLiteral("envelope_bytes"), r.envelopeBytes},
            {QStringLiteral("prekey_envelope_bytes"), r.preKeyEnvelopeBytes},
            {QStringLiteral("session_record_bytes"), r.recordBytes},
            {QStringLiteral("errors"), QJsonArray::fromStringList(r.errorSamples)}};
}

} // namespace linnet::bench
