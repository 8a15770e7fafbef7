// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gateway/ServerConfig.h"
#include "protocol/Frames.h"
#include "store/StoreTypes.h"

#include <QHash>

namespace linnet::server {

class DeviceDirectory;
class GroupCommitter;
class Session;
class SessionRegistry;
class Store;

/**
 * The relay: send (one-to-one and group), deliver_ack, read and sync, and the
 * per-device inbox drain.
 * Writes go through the GroupCommitter; entries reach a device either live
 * (pushed right after the commit that created them) or from the inbox, always
 * in entry order and with at most ServerConfig::drainWindow unacked at once.
 */
class MessageController {
public:
    MessageController(Store &store, SessionRegistry &registry, GroupCommitter &committer,
                      DeviceDirectory &directory, const ServerConfig &config);

    void handleSend(Session *session, const protocol::SendRequest &request);
    void handleDeliverAck(Session *session, const protocol::DeliverAck &ack);
    void handleRead(Session *session, const protocol::ReadRequest &read);
    void handleSync(Session *session, const protocol::SyncRequest &request);

    /** Starts the inbox drain of a freshly authenticated session. */
    void startDrain(Session *session, quint32 syncRequestId = 0);
    /** Pushes entries a commit just created to the devices that are online. */
    void deliverNew(const std::vector<InboxEntry> &entries);
    /**
     * Call before writing inbox entries outside the GroupCommitter (group events,
     * sender keys): waits for the batch being committed and delivers its entries,
     * so that the entries written next come after them, as deliverNew requires.
     */
    void settleCommits();

private:
    void handleGroupSend(Session *session, const protocol::SendRequest &request, qint64 now);
    void pump(Session *session);
    void sendEntry(Session *session, const InboxEntry &entry);
    std::optional<qint64> resolveAccount(const QString &username);

    Store &m_store;
    SessionRegistry &m_registry;
    GroupCommitter &m_committer;
    DeviceDirectory &m_directory;
    const ServerConfig &m_config;
    QHash<QString, qint64> m_accountIds; ///< username -> id; accounts are never renamed
};

} // namespace linnet::server
