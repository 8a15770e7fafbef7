// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoadWorker.h"

#include "protocol/Limits.h"

#include <QDateTime>
#include <QtEndian>

#include <chrono>
#include <cstring>

namespace linnet::bench {

using namespace linnet::protocol;

namespace {
/** Body layout: [0,8) intended send time (ns, LE), [8] phase marker, [9,17) run nonce. */
constexpr qsizetype kHeaderBytes = 17;
constexpr char kMeasured = 'M';
constexpr char kWarmup = 'W';
constexpr qsizetype kMaxErrorSamples = 5;
} // namespace

LoadWorker::LoadWorker(int index, LoadCounters &counters, QObject *parent)
    : QObject(parent), m_index(index), m_counters(counters),
      m_rng(std::random_device{}() ^ (quint64(index) << 32))
{
    m_runNonce = m_rng() | 1;
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(1);
    connect(&m_ticker, &QTimer::timeout, this, &LoadWorker::tick);
}

LoadWorker::~LoadWorker() = default;

qint64 LoadWorker::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void LoadWorker::connectAll(const QUrl &url, std::vector<DeviceCredentials> devices,
                            int peerIndexBase, int maxConnecting,
                            const QList<QHostAddress> &sources)
{
    m_url = url;
    m_sources = sources;
    m_maxConnecting = std::max(1, maxConnecting);
    const size_t first = m_slots.size();
    for (size_t i = 0; i < devices.size(); ++i) {
        Slot slot;
        slot.device = std::move(devices[i]);
        slot.peerIndex = peerIndexBase + int(i);
        m_slots.push_back(std::move(slot));
        m_toConnect.push_back(first + i);
    }
    connectNext();
}

void LoadWorker::connectNext()
{
    while (!m_closing && m_connecting < m_maxConnecting && !m_toConnect.empty()) {
        const size_t i = m_toConnect.front();
        m_toConnect.pop_front();
        ++m_connecting;
        auto *conn = new BenchConnection(this);
        m_slots[i].conn = conn;
        conn->setConnectedHandler([this, i] {
            const Slot &s = m_slots[i];
            s.conn->send(AuthRequest{1, s.device.deviceId, s.device.token});
        });
        conn->setFrameHandler([this, i](const Frame &frame) { onFrame(i, frame); });
        conn->setClosedHandler([this, i] {
            Slot &s = m_slots[i];
            if (!s.authenticated) {
                --m_connecting;
                ++m_counters.connectFailures;
                noteError(QStringLiteral("connection %1 closed before auth_ok").arg(i));
                connectNext();
            } else if (!m_closing) {
                ++m_counters.disconnects;
                noteError(QStringLiteral("connection %1 was closed by the server").arg(i));
            }
            s.authenticated = false;
        });
        const int peer = m_slots[i].peerIndex;
        conn->open(m_url, m_sources.isEmpty() ? QHostAddress()
                                              : m_sources[qsizetype(peer) % m_sources.size()]);
    }
}

void LoadWorker::onFrame(size_t i, const Frame &frame)
{
    Slot &s = m_slots[i];
    if (const auto *d = std::get_if<Deliver>(&frame)) {
        onDeliver(i, *d);
    } else if (const auto *a = std::get_if<SendAck>(&frame)) {
        ++m_counters.acked;
        if (a->delivered != 0) { // the delivered receipt, told in the ack
            ++m_counters.receipts;
            ++m_counters.receiptsInAcks;
        }
        if (m_flatOut && m_counters.phase.load(std::memory_order_relaxed) < int(Phase::Stopped))
            sendOne(i, nowNs());
    } else if (const auto *r = std::get_if<Receipt>(&frame)) {
        if (r->kind == ReceiptKind::Delivered)
            m_counters.receipts += quint64(r->ids.size());
        queueAck(i, r->entry);
    } else if (const auto *g = std::get_if<GroupEvent>(&frame)) {
        queueAck(i, g->entry); // inbox entries like messages: acked, or the drain stalls
    } else if (const auto *k = std::get_if<SenderKeyCopy>(&frame)) {
        queueAck(i, k->entry);
    } else if (std::holds_alternative<AuthOk>(frame)) {
        s.authenticated = true;
        m_localAddresses.insert(s.conn->localAddress().toString());
        --m_connecting;
        ++m_counters.ready;
        connectNext();
    } else if (const auto *e = std::get_if<ErrorFrame>(&frame)) {
        ++m_counters.errors;
        noteError(QStringLiteral("error %1 on connection %2: %3")
                      .arg(int(e->code))
                      .arg(i)
                      .arg(e->reason));
    }
    // synced, presence, typing, ok: nothing to do
}

void LoadWorker::onDeliver(size_t i, const Deliver &d)
{
    queueAck(i, d.entry);
    const QByteArray &b = d.body;
    if (b.size() < kHeaderBytes)
        return;
    ++m_counters.delivered;
    if (b.at(8) == kMeasured) {
        const qint64 sentNs = qFromLittleEndian<qint64>(b.constData());
        const qint64 now = nowNs();
        m_histogram.record(now - sentNs);
        qint64 last = m_counters.lastDeliverNs.load(std::memory_order_relaxed);
        while (last < now && !m_counters.lastDeliverNs.compare_exchange_weak(last, now)) {
        }
    }
}

void LoadWorker::queueAck(size_t i, quint64 entry)
{
    Slot &s = m_slots[i];
    if (s.pendingAcks.isEmpty())
        m_ackDirty.push_back(i);
    s.pendingAcks.append(entry);
    if (s.pendingAcks.size() >= kMaxAckEntries) {
        s.conn->send(DeliverAck{s.pendingAcks});
        s.pendingAcks.clear(); // the dirty entry stays and is skipped when empty
    }
    if (!m_ackFlushScheduled) {
        m_ackFlushScheduled = true;
        // Everything that arrived in this round of the loop goes into one ack.
        QTimer::singleShot(0, this, &LoadWorker::flushAcks);
    }
}

void LoadWorker::flushAcks()
{
    m_ackFlushScheduled = false;
    for (size_t i : m_ackDirty) {
        Slot &s = m_slots[i];
        if (s.pendingAcks.isEmpty())
            continue;
        if (s.conn && s.conn->isOpen())
            s.conn->send(DeliverAck{s.pendingAcks});
        s.pendingAcks.clear();
    }
    m_ackDirty.clear();
}

void LoadWorker::startOpenLoop(std::shared_ptr<const std::vector<DeviceCredentials>> peers,
                               double ratePerSecond, qint64 startNs, int bodyBytes)
{
    m_peers = std::move(peers);
    m_bodyTemplate = QByteArray(std::max<qsizetype>(bodyBytes, kHeaderBytes), 'x');
    m_rate = ratePerSecond;
    m_startNs = startNs;
    m_scheduled = 0;
    m_ticker.start();
}

void LoadWorker::startFlatOut(std::shared_ptr<const std::vector<DeviceCredentials>> peers,
                              int window, int bodyBytes)
{
    m_peers = std::move(peers);
    m_bodyTemplate = QByteArray(std::max<qsizetype>(bodyBytes, kHeaderBytes), 'x');
    m_flatOut = true;
    for (size_t i = 0; i < m_slots.size(); ++i)
        for (int w = 0; w < window; ++w)
            sendOne(i, nowNs());
}

void LoadWorker::stopSending()
{
    m_ticker.stop();
    m_flatOut = false;
}

void LoadWorker::closeAll()
{
    m_closing = true;
    m_ticker.stop();
    flushAcks();
    for (Slot &s : m_slots)
        if (s.conn)
            s.conn->close();
}

void LoadWorker::tick()
{
    if (m_slots.empty() || m_rate <= 0)
        return;
    const qint64 now = nowNs();
    const auto due = quint64(std::max<double>(0, double(now - m_startNs) * m_rate / 1e9));
    while (m_scheduled < due) {
        const qint64 intended = m_startNs + qint64(double(m_scheduled) * 1e9 / m_rate);
        ++m_scheduled;
        // Round robin over the connections that are up.
        for (size_t tries = 0; tries < m_slots.size(); ++tries) {
            const size_t i = m_nextSender++ % m_slots.size();
            if (m_slots[i].authenticated) {
                sendOne(i, intended);
                break;
            }
        }
    }
}

void LoadWorker::sendOne(size_t i, qint64 intendedNs)
{
    Slot &s = m_slots[i];
    if (!s.authenticated || !m_peers || qsizetype(m_peers->size()) < 2)
        return;
    // A random peer other than ourselves.
    auto peer = int(m_rng() % quint64(qsizetype(m_peers->size()) - 1));
    if (peer >= s.peerIndex)
        ++peer;

    SendRequest req;
    req.requestId = s.nextRequest++;
    if (s.nextRequest == 0)
        s.nextRequest = 1;
    // Laid out as MessageId::generate() lays out a client's ids (time first, so
    // they sort by time), made by hand: the worker, a counter and the run's nonce
    // take the place of the random bytes and keep every id of every run unique.
    std::array<char, MessageId::kSize> idBytes{};
    qToBigEndian<quint64>(quint64(QDateTime::currentMSecsSinceEpoch()) << 16, idBytes.data());
    idBytes[6] = char(m_index);
    const auto counter = quint32(++m_messageCounter);
    qToBigEndian<quint32>(counter, idBytes.data() + 7);
    std::memcpy(idBytes.data() + 11, &m_runNonce, 5);
    req.id = *MessageId::fromBytes(QByteArrayView(idBytes.data(), idBytes.size()));
    const DeviceCredentials &to = (*m_peers)[size_t(peer)];
    req.to = to.username;
    QByteArray body = m_bodyTemplate;
    char *b = body.data();
    qToLittleEndian<qint64>(intendedNs, b);
    b[8] = m_counters.phase.load(std::memory_order_relaxed) == int(Phase::Measure) ? kMeasured
                                                                                   : kWarmup;
    std::memcpy(b + 9, &m_runNonce, sizeof m_runNonce);
    // Each bench user has one device: the one copy is for it (opaque bytes to the server).
    req.copies = {DeviceCopy{to.deviceId, benchRegistrationId(to.deviceId), body}};
    s.conn->send(req);
    ++m_counters.sent;
}

void LoadWorker::noteError(const QString &what)
{
    if (m_errorSamples.size() < kMaxErrorSamples)
        m_errorSamples.append(what);
}

} // namespace linnet::bench
