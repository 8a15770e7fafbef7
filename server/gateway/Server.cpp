// SPDX-License-Identifier: GPL-3.0-or-later
#include "Server.h"

#include "ServerLog.h"
#include "gateway/AuthController.h"
#include "gateway/DeviceController.h"
#include "gateway/LinkController.h"
#include "relay/DeviceDirectory.h"
#include "gateway/KeysController.h"
#include "relay/GroupCommitter.h"
#include "gateway/GroupController.h"
#include "relay/MessageController.h"
#include "gateway/PresenceController.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "gateway/WebSocketGateway.h"
#include "media/FileBlobStore.h"
#include "media/MediaController.h"
#include "media/MediaHttp.h"
#include "media/MediaTickets.h"
#include "admin/InviteController.h"
#include "ops/AdminListener.h"
#include "ops/OpsHttp.h"
#include "ops/OpsProbe.h"
#include "ops/ServerMetrics.h"
#include "transport/ByteStream.h"
#include "protocol/FrameCodec.h"
#include "protocol/Overloaded.h"
#include "store/CommitThread.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** How often blobs whose time is up are looked for (also once at start). */
constexpr std::chrono::minutes kMediaCollectInterval{10};
} // namespace

Server::Server(ServerConfig config, std::unique_ptr<Store> store,
               std::unique_ptr<CommitThread> commitThread, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_store(std::move(store)),
      m_registry(std::make_unique<SessionRegistry>()),
      m_committer(new GroupCommitter(*m_store, std::move(commitThread),
                                     std::chrono::milliseconds(m_config.commitGatherMs), this)),
      m_auth(new AuthController(*m_store, m_config, Credentials(), this)),
      m_directory(std::make_unique<DeviceDirectory>(m_store->keys())),
      m_messages(std::make_unique<MessageController>(*m_store, *m_registry, *m_committer,
                                                     *m_directory, m_config)),
      m_keys(std::make_unique<KeysController>(*m_store, *m_registry, *m_directory, m_config)),
      m_groups(std::make_unique<GroupController>(*m_store, *m_messages, m_config)),
      m_presence(std::make_unique<PresenceController>(*m_store, *m_registry, m_config)),
      m_devices(std::make_unique<DeviceController>(*m_store, *m_registry, *m_directory)),
      m_invites(std::make_unique<InviteController>(*m_store)),
      m_links(std::make_unique<LinkController>(*m_store, *m_auth, m_config)),
      m_gateway(new WebSocketGateway(m_config, this))
{
    m_committer->setEntriesCallback(
        [this](const std::vector<InboxEntry> &entries) { m_messages->deliverNew(entries); });
    m_auth->setAuthenticatedCallback([this](Session *s) { onAuthenticated(s); });
    m_keys->setDeviceKeysChangedCallback(
        [this](qint64 account) { m_devices->listChanged(account); });
    m_auth->setDeviceAddedCallback([this](qint64 account) { m_devices->listChanged(account); });
    m_auth->setDevicesRemovedCallback([this](qint64 account, const QList<qint64> &devices) {
        m_devices->devicesRemoved(account, devices,
                                  QStringLiteral("this account was started over on another "
                                                 "device: this device was removed from it"));
    });
    connect(m_gateway, &WebSocketGateway::sessionOpened, this, [this](Session *s) {
        connect(s, &Session::frameReceived, this, &Server::dispatch);
        connect(s, &Session::readyForOutput, this,
                [this](Session *session) { m_messages->resumeOutput(session); });
    });
    connect(m_gateway, &WebSocketGateway::sessionClosed, this, &Server::onSessionClosed);

    m_expiryTimer.setInterval(std::chrono::hours(1));
    connect(&m_expiryTimer, &QTimer::timeout, this, &Server::expireOld);
    m_mediaTimer.setInterval(kMediaCollectInterval);
    connect(&m_mediaTimer, &QTimer::timeout, this, &Server::collectMedia);
    m_adminTimer.setInterval(std::chrono::seconds(m_config.adminPollSeconds));
    connect(&m_adminTimer, &QTimer::timeout, this, &Server::pollAdminChanges);
}

Server::~Server()
{
    m_messages->stop(); // commits what is pending (GroupCommitter::flush)
    m_auth->waitForIdle();
}

protocol::Result<quint16> Server::start()
{
    checkDescriptorLimit();
    if (auto started = m_messages->start(); !started)
        return started.error();
    if (auto media = startMedia(); !media)
        return media.error();
    startOps();
    auto port = m_gateway->listen();
    if (!port)
        return port;
    if (m_adminListener) {
        const auto admin = m_adminListener->listen(*m_config.adminListen);
        if (!admin)
            return admin.error();
        m_adminPort = admin.value();
    }
    expireOld();
    collectMedia();
    m_expiryTimer.start();
    m_mediaTimer.start();
    m_adminTimer.start();
    return port;
}

protocol::Status Server::startMedia()
{
    // Next to linnet.db: config.dataDir is the data directory (or, in tests, the file).
    const QFileInfo data(m_config.dataDir);
    const QDir dir = m_config.dataDir.endsWith(QStringLiteral(".db")) ? data.absoluteDir()
                                                                      : QDir(m_config.dataDir);
    m_blobs = std::make_unique<FileBlobStore>(dir.filePath(QStringLiteral("media")));
    if (auto opened = m_blobs->open(); !opened)
        return opened.error();
    const auto key =
        MediaTickets::loadOrCreateKey(dir.filePath(QStringLiteral("media-ticket.key")));
    if (!key)
        return key.error();
    m_tickets = std::make_unique<MediaTickets>(key.value());
    m_media = std::make_unique<MediaController>(m_store->media(), *m_blobs, *m_tickets, m_config);
    m_mediaHttp = new MediaHttp(m_store->media(), *m_blobs, *m_tickets, m_config, this);
    m_gateway->addHttpHandler(&MediaHttp::isMediaRequest,
                              [this](std::unique_ptr<ByteStream> stream, const QByteArray &received,
                                     ConnectionAdmission::HandOver verdict) {
                                  m_mediaHttp->accept(std::move(stream), received, verdict);
                              });
    return {};
}

void Server::startOps()
{
    // The same file as the store's: config.dataDir is the data directory (or, in tests, the file).
    const QString file = m_config.dataDir.endsWith(QStringLiteral(".db"))
                             ? m_config.dataDir
                             : QDir(m_config.dataDir).filePath(QStringLiteral("linnet.db"));
    m_probe = std::make_unique<OpsProbe>(file);
    const OpsHttp::Health checkHealth = [this] { return health(); };
    const OpsHttp::Metrics readMetrics = [this] { return metrics(); };
    if (m_config.adminListen) {
        // /healthz stays on the clients' port too: load balancers check the port they use.
        m_opsHttp = new OpsHttp(m_config, checkHealth, nullptr, this);
        m_adminListener =
            new AdminListener(*new OpsHttp(m_config, checkHealth, readMetrics, this), this);
    } else {
        m_opsHttp = new OpsHttp(m_config, checkHealth, readMetrics, this);
    }
    m_gateway->addHttpHandler(&OpsHttp::isOpsRequest,
                              [this](std::unique_ptr<ByteStream> stream, const QByteArray &received,
                                     ConnectionAdmission::HandOver verdict) {
                                  m_opsHttp->accept(std::move(stream), received, verdict);
                              });
    m_uptime.start();
}

protocol::Status Server::health()
{
    if (m_stopping)
        return protocol::makeError(ErrorCode::ShuttingDown, QStringLiteral("shutting down"));
    if (auto read = m_probe->check(); !read)
        return read;
    if (const auto &commits = m_committer->totals(); commits.lastFailed)
        return protocol::makeError(
            ErrorCode::InternalError,
            QStringLiteral("the last commit failed: %1").arg(commits.lastError));
    return {};
}

QByteArray Server::metrics()
{
    MetricsSnapshot s;
    s.uptimeSeconds = double(m_uptime.elapsed()) / 1000.0;
    s.unauthenticated = m_gateway->unauthenticatedCount();
    s.authenticated = m_gateway->authenticatedCount();
    s.httpConnections = m_gateway->httpConnectionCount();
    s.mediaTransfers = m_mediaHttp ? m_mediaHttp->transferCount() : 0;
    for (const Session *session : m_gateway->sessions()) {
        if (!session->isAuthenticated())
            continue;
        s.deliveriesUnacked += session->drain().inFlight.size();
        if (!session->drain().caughtUp)
            ++s.catchingUp;
    }
    s.errorsSent = m_gateway->errorCounts().byCode();
    s.commits = m_committer->totals();
    s.counts = m_probe->counts();
    return metricsText(s);
}

void Server::collectMedia()
{
    if (m_media)
        m_media->collect([this](const QByteArray &id) { return m_mediaHttp->isBusy(id); });
}

void Server::checkDescriptorLimit() const
{
#ifdef Q_OS_UNIX
    // Every connection is a descriptor. The soft limit is often 1,024 while the hard
    // one allows far more: take what is allowed, and say so if it is still short of
    // what the connection limits let in (accepting then pauses, see TcpListener).
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t soft = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            limit.rlim_cur = soft;
    }
    const quint64 wanted = quint64(m_config.maxConnections) + quint64(m_config.maxUnauthenticated);
    if (limit.rlim_cur != RLIM_INFINITY && quint64(limit.rlim_cur) < wanted)
        qCWarning(lcServer,
                  "the open-file limit is %llu descriptors, fewer than max_connections + "
                  "max_unauthenticated = %llu: connections past it wait until others close",
                  static_cast<unsigned long long>(limit.rlim_cur),
                  static_cast<unsigned long long>(wanted));
#endif
}

void Server::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcServer) << "shutting down:" << m_gateway->connectionCount() << "connections";
    m_gateway->stopListening();
    m_expiryTimer.stop();
    m_mediaTimer.stop();
    m_adminTimer.stop();
    // Everything received so far is committed and acked before the goodbye.
    m_committer->flush();
    m_gateway->closeAll(QStringLiteral("the server is restarting; reconnect shortly"));
    if (m_gateway->connectionCount() == 0) {
        Q_EMIT stopped();
        return;
    }
    // Peers that do not finish the close handshake are not waited for long.
    QTimer::singleShot(std::chrono::seconds(2), this, [this] {
        for (Session *s : m_gateway->sessions())
            s->abort();
        Q_EMIT stopped();
    });
}

void Server::dispatch(Session *session, const protocol::Frame &frame)
{
    if (m_stopping)
        return;
    // Before authentication only the authentication frames are allowed (a new device's
    // link request waits for its approval instead).
    const bool authFrame = std::holds_alternative<protocol::RegisterRequest>(frame) ||
                           std::holds_alternative<protocol::LoginRequest>(frame) ||
                           std::holds_alternative<protocol::AuthRequest>(frame) ||
                           std::holds_alternative<protocol::LinkRequest>(frame);
    if (!authFrame && !session->isAuthenticated()) {
        session->fail(0, ErrorCode::NotAuthenticated,
                      QStringLiteral("authenticate first: register, login, auth or link_request"));
        return;
    }
    std::visit(
        protocol::Overloaded{
            [&](const protocol::RegisterRequest &f) { m_auth->handleRegister(session, f); },
            [&](const protocol::LoginRequest &f) { m_auth->handleLogin(session, f); },
            [&](const protocol::AuthRequest &f) { m_auth->handleAuth(session, f); },
            [&](const protocol::SendRequest &f) { m_messages->handleSend(session, f); },
            [&](const protocol::DeliverAck &f) { m_messages->handleDeliverAck(session, f); },
            [&](const protocol::ReadRequest &f) { m_messages->handleRead(session, f); },
            [&](const protocol::SyncRequest &f) { m_messages->handleSync(session, f); },
            [&](const protocol::Typing &f) { m_presence->handleTyping(session, f); },
            [&](const protocol::PresenceSubscribe &f) { m_presence->handleSubscribe(session, f); },
            [&](const protocol::SetPrivacy &f) { m_presence->handlePrivacy(session, f); },
            [&](const protocol::KeysUpload &f) { m_keys->handleUpload(session, f); },
            [&](const protocol::KeysRequest &f) { m_keys->handleRequest(session, f); },
            [&](const protocol::GroupCreate &f) { m_groups->handleCreate(session, f); },
            [&](const protocol::GroupUpdate &f) { m_groups->handleUpdate(session, f); },
            [&](const protocol::GroupGet &f) { m_groups->handleGet(session, f); },
            [&](const protocol::GroupKeys &f) { m_groups->handleKeys(session, f); },
            [&](const protocol::MediaUploadRequest &f) { m_media->handleUpload(session, f); },
            [&](const protocol::MediaDownloadRequest &f) { m_media->handleDownload(session, f); },
            [&](const protocol::MediaDone &f) { m_media->handleDone(session, f); },
            [&](const protocol::DevicesGet &f) { m_devices->handleList(session, f); },
            [&](const protocol::DeviceRename &f) { m_devices->handleRename(session, f); },
            [&](const protocol::DeviceRevoke &f) { m_devices->handleRevoke(session, f); },
            [&](const protocol::InviteCreate &f) { m_invites->handleCreate(session, f); },
            [&](const protocol::InvitesGet &f) { m_invites->handleList(session, f); },
            [&](const protocol::LinkRequest &f) { m_links->handleRequest(session, f); },
            [&](const protocol::LinkFetch &f) { m_links->handleFetch(session, f); },
            [&](const protocol::LinkApprove &f) { m_links->handleApprove(session, f); },
            [&](const auto &f) {
                session->sendError(0, ErrorCode::UnknownType,
                                   QStringLiteral("\"%1\" is sent by servers, not clients")
                                       .arg(protocol::frameTypeName(f)));
            },
        },
        frame);
}

void Server::onAuthenticated(Session *session)
{
    m_gateway->sessionAuthenticated(session);
    if (Session *previous = m_registry->add(session)) {
        // The same device connected again (e.g. after a network change): the old
        // connection is dead or about to be; the new one takes over its inbox.
        previous->fail(0, ErrorCode::Forbidden,
                       QStringLiteral("this device connected again elsewhere"));
    }
    m_presence->sessionOnline(session);
    m_devices->sessionSeen(session);
    m_messages->startDrain(session);
}

void Server::onSessionClosed(Session *session)
{
    m_registry->remove(session);
    m_presence->sessionOffline(session);
    m_devices->sessionSeen(session);
    if (m_stopping && m_gateway->connectionCount() == 0)
        Q_EMIT stopped();
}

void Server::expireOld()
{
    const qint64 cutoff =
        QDateTime::currentMSecsSinceEpoch() - qint64(m_config.retentionDays) * 24 * 3600 * 1000;
    const qint64 removed = m_store->expireBefore(cutoff);
    if (removed > 0)
        qCInfo(lcServer) << "expired" << removed << "undelivered inbox entries older than"
                         << m_config.retentionDays << "days";
}

void Server::pollAdminChanges()
{
    // Admin commands run as separate processes on the same database; a disabled
    // account loses its live connections within one poll interval.
    const auto disabled = m_store->disabledAccountIds();
    for (qint64 accountId : disabled) {
        for (Session *s : m_registry->byAccount(accountId))
            s->fail(0, ErrorCode::Forbidden, QStringLiteral("this account has been disabled"));
    }
}

} // namespace linnet::server
