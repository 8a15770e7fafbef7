// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerConfig.h"
#include "protocol/Frames.h"
#include "store/GroupStore.h"

#include <optional>

namespace linnet::server {

class MessageController;
class Session;
class Store;

/**
 * Group membership and sender-key routing: group_create, group_update,
 * group_get and group_keys. It holds the rules (who may do what, the member
 * limit, the earliest member becoming admin when the last admin leaves) and
 * writes each change with one GroupStore call; the inbox entries a change
 * creates reach devices through MessageController like any other entry.
 * Group messages, receipts and typing are handled where their one-to-one
 * counterparts are.
 */
class GroupController {
public:
    GroupController(Store &store, MessageController &messages, const ServerConfig &config);

    void handleCreate(Session *session, const protocol::GroupCreate &request);
    void handleUpdate(Session *session, const protocol::GroupUpdate &request);
    void handleGet(Session *session, const protocol::GroupGet &request);
    void handleKeys(Session *session, const protocol::GroupKeys &request);

private:
    bool takeToken(Session *session, quint32 requestId);
    /** The group if @p session's account is a member; otherwise sends 410 and returns nullopt. */
    std::optional<GroupRecord> memberGroup(Session *session, quint32 requestId,
                                           qint64 conversation);
    /** Fills @p change for @p request on @p group, or returns the error to send. */
    std::optional<protocol::Error> plan(Session *session, const protocol::GroupUpdate &request,
                                        const GroupRecord &group, GroupChangeWrite &change);
    void reply(Session *session, quint32 requestId, const GroupRecord &group);
    QString limitReason(qsizetype wanted) const;

    Store &m_store;
    MessageController &m_messages;
    const ServerConfig &m_config;
};

} // namespace linnet::server
