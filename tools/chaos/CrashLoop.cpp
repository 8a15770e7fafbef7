// SPDX-License-Identifier: GPL-3.0-or-later
#include "CrashLoop.h"

#include "groups/GroupTypes.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>

namespace linnet::chaos {

namespace {

const QString kPassword = QStringLiteral("chaos password");
const QStringList kUserNames = {QStringLiteral("ana"), QStringLiteral("ben"), QStringLiteral("cyd"),
                                QStringLiteral("dan"), QStringLiteral("eva"), QStringLiteral("fay"),
                                QStringLiteral("gus"), QStringLiteral("hal")};
const QString kTextPrefix = QStringLiteral("chaos ");

QString faultName(CrashLoopOptions::Fault fault)
{
    switch (fault) {
    case CrashLoopOptions::Fault::ServerKill:
        return QStringLiteral("server SIGKILL");
    case CrashLoopOptions::Fault::ServerTerm:
        return QStringLiteral("server SIGTERM");
    case CrashLoopOptions::Fault::ClientKill:
        return QStringLiteral("client kill");
    case CrashLoopOptions::Fault::Network:
        return QStringLiteral("network fault");
    case CrashLoopOptions::Fault::None:
        return QStringLiteral("soak (no faults)");
    }
    return {};
}

} // namespace

CrashLoop::CrashLoop(CrashLoopOptions options, QTextStream &log, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_log(log)
{
    if (m_options.seed == 0)
        m_options.seed = QRandomGenerator::global()->generate() | 1u;
    m_random.seed(m_options.seed);
    if (m_options.fault == CrashLoopOptions::Fault::Network)
        m_options.proxy = true;
    m_options.users = std::clamp(m_options.users, 2, int(kUserNames.size()));
    m_writeTimer.setInterval(m_options.sendIntervalMs);
    connect(&m_writeTimer, &QTimer::timeout, this, &CrashLoop::writeOne);
    m_faultTimer.setSingleShot(true);
    connect(&m_faultTimer, &QTimer::timeout, this, &CrashLoop::fault);
    m_recoverTimer.setSingleShot(true);
    connect(&m_recoverTimer, &QTimer::timeout, this, &CrashLoop::recover);
    if (m_options.rssSampleMs > 0) {
        m_rssTimer.setInterval(m_options.rssSampleMs);
        connect(&m_rssTimer, &QTimer::timeout, this, &CrashLoop::sampleRss);
    }
}

void CrashLoop::sampleRss()
{
    RssSample sample;
    sample.atMs = m_running.elapsed();
    sample.serverKiB = residentKiB(m_server->processId());
    sample.clientsKiB = residentKiB(QCoreApplication::applicationPid());
    m_rss.append(sample);
    m_log << describe(sample) << '\n';
    m_log.flush();
}

CrashLoop::~CrashLoop() = default;

bool CrashLoop::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    while (!condition()) {
        if (deadline.hasExpired() || !m_error.isEmpty())
            return false;
        loop.exec();
    }
    return true;
}

bool CrashLoop::setUp()
{
    QStringList config;
    if (!m_options.commitThread)
        config << QStringLiteral("commit_thread = off");
    m_server = std::make_unique<ChaosServer>(
        m_options.serverBinary, QDir(m_options.workDirectory).filePath(QStringLiteral("server")),
        config);
    if (!m_server->start()) {
        m_error = m_server->error();
        return false;
    }
    m_url = m_server->url();
    if (m_options.proxy) {
        m_proxy = std::make_unique<FaultProxy>(m_options.proxyOptions, m_options.seed);
        if (!m_proxy->listen(quint16(m_url.port()))) {
            m_error = QStringLiteral("the fault proxy cannot listen");
            return false;
        }
        m_url.setPort(m_proxy->port());
    }
    int ready = 0;
    auto makeDevice = [&](const QString &user, const QString &name) {
        auto device = std::make_unique<ChaosDevice>(
            user, name, QDir(m_options.workDirectory).filePath(name), m_options.pingIntervalMs);
        if (!device->open()) {
            m_error = device->error();
            return false;
        }
        connect(device.get(), &ChaosDevice::ready, this, [&ready] { ++ready; });
        connect(device.get(), &ChaosDevice::failed, this, [this, name](const QString &reason) {
            m_error = name + QStringLiteral(": ") + reason;
        });
        m_devices.push_back(std::move(device));
        return true;
    };
    for (int u = 0; u < m_options.users; ++u) {
        if (!makeDevice(kUserNames[u], kUserNames[u] + QStringLiteral("-1")))
            return false;
        m_devices.back()->registerAccount(m_url, kPassword);
    }
    if (!waitUntil([&] { return ready >= m_options.users; }, 120000)) {
        m_error =
            m_error.isEmpty() ? QStringLiteral("the accounts were not ready in 120 s") : m_error;
        return false;
    }
    if (m_options.secondDevice) {
        if (!makeDevice(kUserNames[0], kUserNames[0] + QStringLiteral("-2")))
            return false;
        if (!m_devices.back()->takeAccountKeyFrom(*m_devices.front())) {
            m_error =
                QStringLiteral("%1-1 holds no account key to link %1-2 with").arg(kUserNames[0]);
            return false;
        }
        m_devices.back()->login(m_url, kPassword);
        if (!waitUntil([&] { return ready >= m_options.users + 1; }, 120000)) {
            m_error =
                m_error.isEmpty() ? QStringLiteral("the second device was not ready") : m_error;
            return false;
        }
    }
    for (auto &device : m_devices) {
        disconnect(device.get(), &ChaosDevice::ready, this, nullptr);
        disconnect(device.get(), &ChaosDevice::failed, this, nullptr);
        connect(device.get(), &ChaosDevice::acked, this, [this](const protocol::MessageId &id) {
            const auto it = m_sentIndex.constFind(id);
            if (it != m_sentIndex.cend())
                m_sent[*it].acked = true;
        });
    }
    auto devicesOf = [this](const QStringList &users) {
        QList<int> out;
        for (int d = 0; d < int(m_devices.size()); ++d)
            if (users.contains(m_devices[d]->user()))
                out << d;
        return out;
    };
    const int pairs = m_options.users == 2 ? 1 : m_options.users;
    for (int u = 0; u < pairs; ++u) {
        QStringList both{kUserNames[u], kUserNames[(u + 1) % m_options.users]};
        both.sort();
        m_conversations.append({both.join(QLatin1Char('|')), devicesOf(both)});
    }
    if (!createGroup())
        return false;
    m_conversations.append({m_groupKey, devicesOf(kUserNames.mid(0, m_options.users))});
    return true;
}

bool CrashLoop::createGroup()
{
    ChaosDevice &admin = *m_devices.front();
    QString key;
    auto connection = connect(&admin.client()->groups(), &client::GroupClient::requestFinished,
                              this, [&key](quint32, const QString &k) { key = k; });
    admin.client()->groups().createGroup(QStringLiteral("chaos"),
                                         kUserNames.mid(1, m_options.users - 1));
    const bool created = waitUntil([&] { return !key.isEmpty(); }, 60000);
    disconnect(connection);
    if (!created) {
        m_error = QStringLiteral("the group was not created in 60 s");
        return false;
    }
    m_groupKey = key;
    const bool everyoneKnows = waitUntil(
        [&] {
            for (const auto &device : m_devices) {
                const auto g = device->client()->groups().group(key);
                if (!g || g->members.size() != m_options.users)
                    return false;
            }
            return true;
        },
        60000);
    if (!everyoneKnows)
        m_error = QStringLiteral("not every device learnt of the group in 60 s");
    return everyoneKnows;
}

QString CrashLoop::keyOn(const ChaosDevice &device, const Conversation &conversation) const
{
    if (conversation.canonical == m_groupKey)
        return m_groupKey;
    const QStringList both = conversation.canonical.split(QLatin1Char('|'));
    return both.first() == device.user() ? both.last() : both.first();
}

void CrashLoop::writeOne()
{
    const int count = int(m_devices.size());
    for (int tries = 0; tries < count; ++tries) {
        const int d = m_nextWriter;
        m_nextWriter = (m_nextWriter + 1) % count;
        ChaosDevice &device = *m_devices[d];
        if (!device.isOpen())
            continue;
        QList<int> mine;
        for (int c = 0; c < m_conversations.size(); ++c)
            if (m_conversations[c].devices.contains(d))
                mine << c;
        const Conversation &conversation =
            m_conversations[mine[m_nextConversation[d]++ % mine.size()]];
        const int number = ++m_numbers[{d, conversation.canonical}];
        const QString text =
            kTextPrefix +
            QStringLiteral("%1 %2 #%3").arg(conversation.canonical, device.name()).arg(number);
        const protocol::MessageId id = device.client()->sendText(keyOn(device, conversation), text);
        if (id.isNull()) {
            m_error = QStringLiteral("%1 could not store a message to write").arg(device.name());
            return;
        }
        m_sentIndex.insert(id, m_sent.size());
        m_sent.append({id, conversation.canonical, d, number, false});
        return;
    }
}

void CrashLoop::fault()
{
    ++m_kills;
    m_log << QStringLiteral("%1 %2/%3 after %4 messages\n")
                 .arg(faultName(m_options.fault))
                 .arg(m_kills)
                 .arg(m_options.kills)
                 .arg(m_sent.size());
    m_log.flush();
    switch (m_options.fault) {
    case CrashLoopOptions::Fault::ServerKill:
        m_server->kill();
        break;
    case CrashLoopOptions::Fault::ServerTerm:
        if (!m_server->terminate())
            m_error = m_server->error();
        break;
    case CrashLoopOptions::Fault::ClientKill:
        m_crashed = m_random.bounded(int(m_devices.size()));
        m_devices[m_crashed]->crash();
        break;
    case CrashLoopOptions::Fault::None:
        return; // a soak run makes no faults
    case CrashLoopOptions::Fault::Network:
        if (m_kills % 2) {
            m_proxy->resetAll();
        } else {
            // Long enough for the engines' heartbeat to notice (2.5 ping intervals).
            const int hole = m_options.pingIntervalMs * 3 + m_random.bounded(m_options.maxGapMs);
            m_proxy->blackHole(hole);
            m_log << QStringLiteral("black hole of %1 ms\n").arg(hole);
            m_recoverTimer.start(hole);
            return;
        }
        break;
    }
    m_recoverTimer.start(m_random.bounded(m_options.maxDownMs + 1));
}

void CrashLoop::recover()
{
    if (m_options.fault == CrashLoopOptions::Fault::ClientKill) {
        ChaosDevice &device = *m_devices[m_crashed];
        if (!device.open()) {
            m_error = device.error();
            return;
        }
        device.start();
        m_crashed = -1;
    } else if (m_options.fault != CrashLoopOptions::Fault::Network && !m_server->start()) {
        m_error = m_server->error();
        return;
    }
    if (m_kills >= m_options.kills) {
        m_faultsDone = true;
        return;
    }
    m_faultTimer.start(m_options.minGapMs +
                       m_random.bounded(m_options.maxGapMs - m_options.minGapMs + 1));
}

QList<DeviceView> CrashLoop::views() const
{
    QList<DeviceView> out;
    for (const auto &device : m_devices) {
        DeviceView view;
        view.name = device->name();
        view.announced = device->announced();
        for (int c = 0; c < m_conversations.size(); ++c) {
            const Conversation &conversation = m_conversations[c];
            if (!conversation.devices.contains(int(out.size())) || !device->store())
                continue;
            QList<ShownMessage> &rows = view.conversations[conversation.canonical];
            for (const auto &m :
                 device->store()->messages(keyOn(*device, conversation), 10000000)) {
                if (m.kind == client::MessageKind::Undecryptable)
                    ++view.undecryptable;
                else if (m.kind == client::MessageKind::Text && m.text.startsWith(kTextPrefix))
                    rows.append({m.id, m.seq});
            }
        }
        out.append(view);
    }
    return out;
}

bool CrashLoop::settled(QString *missing) const
{
    QHash<QString, int> written;
    for (const SentMessage &m : m_sent)
        ++written[m.conversation];
    for (const auto &device : m_devices) {
        if (!device->isOpen() || device->client()->state() != client::ConnectionState::Online) {
            *missing = device->name() + QStringLiteral(" is not online");
            return false;
        }
        if (const auto queued = device->store()->outbox().size(); queued > 0) {
            *missing =
                QStringLiteral("%1 has %2 messages in its outbox").arg(device->name()).arg(queued);
            return false;
        }
    }
    const QList<DeviceView> all = views();
    for (int d = 0; d < all.size(); ++d)
        for (auto it = all[d].conversations.cbegin(); it != all[d].conversations.cend(); ++it)
            if (it->size() < written.value(it.key())) {
                *missing = QStringLiteral("%1 has %2 of the %3 messages of %4")
                               .arg(all[d].name)
                               .arg(it->size())
                               .arg(written.value(it.key()))
                               .arg(it.key());
                return false;
            }
    return true;
}

std::optional<Figures> CrashLoop::run()
{
    m_log << QStringLiteral("linnet-chaos: %1, %2 faults, %3 users (%4 devices), seed %5, "
                            "commit thread %6, work dir %7\n")
                 .arg(faultName(m_options.fault))
                 .arg(m_options.kills)
                 .arg(m_options.users)
                 .arg(m_options.users + (m_options.secondDevice ? 1 : 0))
                 .arg(m_options.seed)
                 .arg(m_options.commitThread ? QStringLiteral("on") : QStringLiteral("off"),
                      m_options.workDirectory);
    m_log.flush();
    if (!setUp())
        return std::nullopt;
    m_writeTimer.start();
    m_running.start();
    if (m_options.rssSampleMs > 0) {
        sampleRss();
        m_rssTimer.start();
    }
    if (m_options.fault == CrashLoopOptions::Fault::None)
        QTimer::singleShot(m_options.soakMs, Qt::PreciseTimer, this,
                           [this] { m_faultsDone = true; });
    else
        m_faultTimer.start(m_options.minGapMs +
                           m_random.bounded(m_options.maxGapMs - m_options.minGapMs + 1));
    waitUntil([this] { return m_faultsDone; }, std::numeric_limits<int>::max());
    m_writeTimer.stop();
    if (m_rssTimer.isActive()) {
        m_rssTimer.stop();
        sampleRss();
        // Warm-up: the first sixth of the run (caches, the first sessions, SQLite's pages).
        m_log << rssTrend(m_rss, m_running.elapsed() / 6) << '\n';
    }
    if (!m_error.isEmpty())
        return std::nullopt;
    if (m_proxy) { // still slow, but no more cuts: the outboxes must drain through it
        FaultProxyOptions calm = m_options.proxyOptions;
        calm.resetChance = 0;
        m_proxy->setOptions(calm);
    }
    m_log << QStringLiteral("faults done after %1 messages; waiting for every outbox and copy\n")
                 .arg(m_sent.size());
    m_log.flush();
    QString missing;
    const bool done = waitUntil([&] { return settled(&missing); }, m_options.settleTimeoutMs);
    // Late copies (a resend of something already shown) would come now: give them time.
    waitUntil([] { return false; }, 1000);
    Figures figures = checkDelivery(m_sent, views(), [this] {
        QHash<QString, QList<int>> participants;
        for (const Conversation &c : m_conversations)
            participants.insert(c.canonical, c.devices);
        return participants;
    }());
    figures.kills = m_kills;
    if (m_proxy)
        m_log << QStringLiteral("proxy: %1 links, %2 reset, %3 black-holed\n")
                     .arg(m_proxy->links())
                     .arg(m_proxy->resets())
                     .arg(m_proxy->blackHoled());
    if (!done)
        figures.violations.prepend(QStringLiteral("not settled after %1 s: %2")
                                       .arg(m_options.settleTimeoutMs / 1000)
                                       .arg(missing));
    for (const SentMessage &m : m_sent) {
        if (m.acked)
            continue;
        const auto stored = m_devices[m.device]->store()->message(m.id);
        if (stored && stored->state == client::DeliveryState::Failed)
            figures.violations << QStringLiteral("failed: %1 #%2 of %3: %4")
                                      .arg(m.conversation)
                                      .arg(m.number)
                                      .arg(m_devices[m.device]->name(),
                                           m_devices[m.device]->client()->sendProblem(m.id));
    }
    m_server->terminate();
    return figures;
}

} // namespace linnet::chaos
