// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChaosDevice.h"
#include "ChaosServer.h"
#include "DeliveryCheck.h"
#include "FaultProxy.h"
#include "RssSampler.h"

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <vector>

namespace linnet::chaos {

/** What a crash loop breaks, how often, and with what around it. */
struct CrashLoopOptions {
    /** None: a soak run, steady writing for soakMs with no fault at all. */
    enum class Fault { ServerKill, ServerTerm, ClientKill, Network, None };
    Fault fault = Fault::ServerKill;
    int kills = 10;
    int users = 3;            ///< one-to-one chats in a ring, and one group of all of them
    bool secondDevice = true; ///< the first user has two devices
    int sendIntervalMs = 20;  ///< one device writes one message this often (round robin)
    int minGapMs = 200;       ///< between one fault and the next: uniform in [min, max]
    int maxGapMs = 2000;
    int maxDownMs = 300; ///< a killed server or client is back after up to this long
    int settleTimeoutMs = 120000;
    int soakMs = 600000; ///< how long Fault::None writes
    /** Samples the server's and the clients' resident memory this often (0: never). */
    int rssSampleMs = 0;
    bool commitThread = true;
    /** Clients reach the server through a FaultProxy (always on for Fault::Network). */
    bool proxy = false;
    FaultProxyOptions proxyOptions;
    /** The engines' ping interval: a dead link is noticed after 2.5 of them. */
    int pingIntervalMs = 20000;
    quint32 seed = 0; ///< 0: random (printed, to run the same schedule again)
    QString serverBinary;
    QString workDirectory; ///< profiles and the server's data dir; kept after the run
};

/**
 * The delivery promise under crashes (issue 29): devices on the real engine write
 * numbered messages continuously, one-to-one and in a group, while the real
 * linnet-server is SIGKILLed (or stopped with SIGTERM, or a client is killed instead)
 * at random moments and started again. Then it stops writing, waits until every
 * outbox is empty and every copy has arrived, and checks every device
 * (checkDelivery). Progress and the figures go to @p log.
 */
class CrashLoop : public QObject {
    Q_OBJECT

public:
    CrashLoop(CrashLoopOptions options, QTextStream &log, QObject *parent = nullptr);
    ~CrashLoop() override;

    /** Runs to the end (its own event loop); the figures, or nullopt with error(). */
    std::optional<Figures> run();
    QString error() const { return m_error; }
    /** The memory samples taken (CrashLoopOptions::rssSampleMs). */
    const QList<RssSample> &rssSamples() const { return m_rss; }

private:
    struct Conversation {
        QString canonical;
        QList<int> devices; ///< indices into m_devices
    };

    bool setUp();
    bool createGroup();
    void writeOne();
    void fault();
    void recover();
    void sampleRss();
    bool settled(QString *missing) const;
    QList<DeviceView> views() const;
    /** The key of @p conversation on @p device's side: the peer's name, or the group's key. */
    QString keyOn(const ChaosDevice &device, const Conversation &conversation) const;
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    CrashLoopOptions m_options;
    QTextStream &m_log;
    QRandomGenerator m_random;
    std::unique_ptr<ChaosServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QUrl m_url; ///< what the devices connect to: the server, or the proxy in front of it
    std::vector<std::unique_ptr<ChaosDevice>> m_devices;
    QList<Conversation> m_conversations;
    QString m_groupKey;
    QList<SentMessage> m_sent;
    QHash<protocol::MessageId, qsizetype> m_sentIndex;
    QHash<int, int> m_nextConversation;        ///< per device
    QHash<QPair<int, QString>, int> m_numbers; ///< (device, conversation) -> last number
    int m_nextWriter = 0;
    int m_kills = 0;
    int m_crashed = -1; ///< the client down now (ClientKill), else -1
    bool m_faultsDone = false;
    QTimer m_writeTimer;
    QTimer m_faultTimer;
    QTimer m_recoverTimer;
    QTimer m_rssTimer;
    QElapsedTimer m_running; ///< since writing started
    QList<RssSample> m_rss;
    QString m_error;
};

} // namespace linnet::chaos
