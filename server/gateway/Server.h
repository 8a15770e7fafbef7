// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerConfig.h"
#include "protocol/Frames.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace linnet::server {

class AuthController;
class DeviceController;
class LinkController;
class DeviceDirectory;
class FileBlobStore;
class MediaController;
class MediaHttp;
class MediaTickets;
class OpsHttp;
class InviteController;
class AdminListener;
class OpsProbe;
class KeysController;
class CommitThread;
class GroupCommitter;
class GroupController;
class MessageController;
class PresenceController;
class Session;
class SessionRegistry;
class Store;
class WebSocketGateway;

/**
 * The composition root of `linnet-server serve`: builds the store, the
 * controllers and the gateway, routes each decoded frame to its controller,
 * runs the periodic jobs (retention, admin changes) and shuts down cleanly.
 */
class Server : public QObject {
    Q_OBJECT
public:
    /** @p commitThread (started; may be null) commits the message batches off the event loop. */
    Server(ServerConfig config, std::unique_ptr<Store> store,
           std::unique_ptr<CommitThread> commitThread = nullptr, QObject *parent = nullptr);
    ~Server() override;

    /** Listens and starts the periodic jobs; returns the port actually bound. */
    protocol::Result<quint16> start();
    /** Stops accepting, commits what is pending, closes connections with "going away". */
    void shutdown();

    const ServerConfig &config() const { return m_config; }
    /** The port admin_listen bound after start() (0: admin_listen is off). */
    quint16 adminPort() const { return m_adminPort; }

Q_SIGNALS:
    /** Every connection has closed after shutdown(). */
    void stopped();

private:
    void dispatch(Session *session, const protocol::Frame &frame);
    void onAuthenticated(Session *session);
    void onSessionClosed(Session *session);
    void expireOld();
    /** The media parts: blob directory, ticket key, controller, HTTP transfers. */
    protocol::Status startMedia();
    /** /healthz and /metrics (OpsHttp) on the gateway's port, or /metrics on admin_listen. */
    void startOps();
    /** The store answers and the last commit did not fail. */
    protocol::Status health();
    QByteArray metrics();
    /** Deletes the blobs whose time is up (at start, hourly, see MediaController::collect). */
    void collectMedia();
    void pollAdminChanges();
    /** Raises the open-file limit to its maximum; warns if it is below the connection limits. */
    void checkDescriptorLimit() const;

    ServerConfig m_config;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SessionRegistry> m_registry;
    GroupCommitter *m_committer;
    AuthController *m_auth;
    std::unique_ptr<DeviceDirectory> m_directory;
    std::unique_ptr<MessageController> m_messages;
    std::unique_ptr<KeysController> m_keys;
    std::unique_ptr<GroupController> m_groups;
    std::unique_ptr<PresenceController> m_presence;
    std::unique_ptr<DeviceController> m_devices;
    std::unique_ptr<InviteController> m_invites;
    std::unique_ptr<LinkController> m_links;
    std::unique_ptr<FileBlobStore> m_blobs;
    std::unique_ptr<MediaTickets> m_tickets;
    std::unique_ptr<MediaController> m_media;
    MediaHttp *m_mediaHttp = nullptr;
    std::unique_ptr<OpsProbe> m_probe;
    OpsHttp *m_opsHttp = nullptr;
    /** With admin_listen: its listener and the OpsHttp that serves /metrics there. */
    AdminListener *m_adminListener = nullptr;
    quint16 m_adminPort = 0;
    QElapsedTimer m_uptime;
    WebSocketGateway *m_gateway;
    QTimer m_expiryTimer;
    QTimer m_mediaTimer;
    QTimer m_adminTimer;
    bool m_stopping = false;
};

} // namespace linnet::server
