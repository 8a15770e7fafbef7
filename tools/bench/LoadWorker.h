// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchConnection.h"
#include "LatencyHistogram.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <random>
#include <vector>

namespace linnet::bench {

/** Phases of a load run; messages carry the phase they were sent in. */
enum class Phase : int { Idle = 0, Warmup = 1, Measure = 2, Stopped = 3 };

/** Counters every worker thread adds to and the coordinator reads. */
struct LoadCounters {
    std::atomic<quint64> ready{0}; ///< authenticated connections
    std::atomic<quint64> connectFailures{0};
    std::atomic<quint64> sent{0};           ///< send frames written
    std::atomic<quint64> acked{0};          ///< their acks
    std::atomic<quint64> delivered{0};      ///< deliver frames of this run's messages
    std::atomic<quint64> receipts{0};       ///< delivered receipts: frames and acks that say so
    std::atomic<quint64> receiptsInAcks{0}; ///< of them, told in the send's ack
    std::atomic<quint64> errors{0};         ///< error frames and undecodable frames
    std::atomic<quint64> disconnects{0};    ///< closes we did not ask for
    std::atomic<int> phase{int(Phase::Idle)};
    std::atomic<qint64> lastDeliverNs{0}; ///< latest arrival of a measured message (fanout)
};

/**
 * One worker thread's share of the load: many connections on one event loop.
 * It authenticates its devices, sends messages open loop (by schedule) or
 * closed loop (a window per connection), records send-to-deliver latency and
 * acknowledges every deliver and receipt in batches, as a real client does.
 * Every method runs on the worker's own thread (the coordinator posts them).
 */
class LoadWorker : public QObject {
    Q_OBJECT
public:
    LoadWorker(int index, LoadCounters &counters, QObject *parent = nullptr);
    ~LoadWorker() override;

    /**
     * Opens one connection per device and authenticates it, at most
     * @p maxConnecting handshakes at a time. @p peerIndexBase is the index of
     * devices[0] in the peer list given to the senders. With @p sources, the
     * device at peer index i connects from sources[i % sources.size()].
     */
    void connectAll(const QUrl &url, std::vector<DeviceCredentials> devices, int peerIndexBase,
                    int maxConnecting, const QList<QHostAddress> &sources = {});
    /** Open loop: @p ratePerSecond sends spread over this worker's connections, by schedule. */
    void startOpenLoop(std::shared_ptr<const std::vector<DeviceCredentials>> peers,
                       double ratePerSecond, qint64 startNs, int bodyBytes);
    /** Closed loop: every connection keeps @p window sends waiting for their acks. */
    void startFlatOut(std::shared_ptr<const std::vector<DeviceCredentials>> peers, int window,
                      int bodyBytes);
    void stopSending();
    void closeAll();

    const LatencyHistogram &histogram() const { return m_histogram; }
    const QStringList &errorSamples() const { return m_errorSamples; }
    /** The local addresses authenticated connections were seen on. */
    const QSet<QString> &localAddresses() const { return m_localAddresses; }

    /** Nanoseconds on the process-wide steady clock that message bodies carry. */
    static qint64 nowNs();

private:
    struct Slot {
        BenchConnection *conn = nullptr;
        DeviceCredentials device;
        int peerIndex = -1;
        bool authenticated = false;
        quint32 nextRequest = 1;
        QList<quint64> pendingAcks;
    };

    void connectNext();
    void onFrame(size_t slot, const protocol::Frame &frame);
    void onDeliver(size_t slot, const protocol::Deliver &deliver);
    void queueAck(size_t slot, quint64 entry);
    void flushAcks();
    void sendOne(size_t slot, qint64 intendedNs);
    void tick();
    void noteError(const QString &what);

    int m_index;
    LoadCounters &m_counters;
    QUrl m_url;
    QList<QHostAddress> m_sources;
    std::vector<Slot> m_slots;
    std::deque<size_t> m_toConnect;
    int m_connecting = 0;
    int m_maxConnecting = 1;
    bool m_closing = false;

    std::shared_ptr<const std::vector<DeviceCredentials>> m_peers;
    QByteArray m_bodyTemplate;
    std::mt19937_64 m_rng;
    quint64 m_messageCounter = 0;
    quint64 m_runNonce = 0;

    // open loop
    QTimer m_ticker{this}; // a child, so it moves to the worker thread with us
    double m_rate = 0;
    qint64 m_startNs = 0;
    quint64 m_scheduled = 0;
    size_t m_nextSender = 0;
    // closed loop
    bool m_flatOut = false;

    std::vector<size_t> m_ackDirty;
    bool m_ackFlushScheduled = false;
    LatencyHistogram m_histogram;
    QStringList m_errorSamples;
    QSet<QString> m_localAddresses;
};

} // namespace linnet::bench
