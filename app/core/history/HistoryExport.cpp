// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/HistoryExport.h"

#include "ClientLog.h"
#include "groups/LocalGroupStore.h"
#include "media/AttachmentStore.h"
#include "protocol/MessageContent.h"
#include "storage/SqlQuery.h"
#include "store/ContactStore.h"
#include "store/LocalStore.h"

#include <QCborArray>
#include <QIODevice>

#include <limits>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;

QCborMap conversationRecord(const Conversation &c)
{
    QCborMap r;
    r.insert(QStringLiteral("key"), c.key);
    r.insert(QStringLiteral("peer"), c.peer);
    r.insert(QStringLiteral("group"), c.isGroup);
    r.insert(QStringLiteral("sid"), c.serverId);
    r.insert(QStringLiteral("read"), qint64(c.readUpToSeq));
    r.insert(QStringLiteral("pinned"), c.pinned);
    r.insert(QStringLiteral("archived"), c.archived);
    r.insert(QStringLiteral("muted"), c.mutedUntil);
    return r;
}

QCborMap groupRecord(const Group &g)
{
    QCborArray members;
    for (const auto &m : g.members)
        members.append(
            QCborMap{{QStringLiteral("user"), m.user}, {QStringLiteral("admin"), m.admin}});
    QCborMap r;
    r.insert(QStringLiteral("key"), g.key);
    r.insert(QStringLiteral("sid"), g.serverId);
    r.insert(QStringLiteral("name"), g.name);
    r.insert(QStringLiteral("member"), g.member);
    r.insert(QStringLiteral("members"), members);
    return r;
}

QCborMap messageRecord(const ChatMessage &m)
{
    QCborMap r;
    r.insert(QStringLiteral("id"), m.id.toBytes());
    r.insert(QStringLiteral("conv"), m.conversation);
    r.insert(QStringLiteral("sender"), m.sender);
    r.insert(QStringLiteral("out"), m.outgoing);
    r.insert(QStringLiteral("text"), m.text);
    r.insert(QStringLiteral("seq"), qint64(m.seq));
    r.insert(QStringLiteral("at"), m.sentAt);
    r.insert(QStringLiteral("stime"), m.senderTime);
    r.insert(QStringLiteral("state"), int(m.state));
    r.insert(QStringLiteral("kind"), int(m.kind));
    return r;
}

} // namespace

protocol::Result<HistoryCounts> HistoryExport::write(QIODevice &out,
                                                     const std::function<void(int)> &progress)
{
    const auto refused = [&out] {
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot write the history: %1").arg(out.errorString()));
    };
    HistoryWriter writer(out);
    HistoryCounts counts;
    if (!writer.begin())
        return refused();
    for (const Contact &c : ContactStore(m_store).contacts()) {
        if (!writer.write("contact", {{QStringLiteral("user"), c.username},
                                      {QStringLiteral("name"), c.displayName},
                                      {QStringLiteral("at"), c.createdAt}}))
            return refused();
        ++counts.contacts;
    }
    storage::Query verified(
        m_store.database(), lcLocalStore,
        R"(SELECT peer, safety_number, verified_at FROM verified ORDER BY peer)");
    if (!verified.exec())
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot read verified contacts: %1").arg(verified.errorText()));
    while (verified.next()) {
        if (!writer.write("verified", {{QStringLiteral("peer"), verified.value(0).toString()},
                                       {QStringLiteral("number"), verified.value(1).toString()},
                                       {QStringLiteral("at"), verified.value(2).toLongLong()}}))
            return refused();
        ++counts.verified;
    }

    LocalGroupStore groups(m_store);
    AttachmentStore attachments(m_store);
    for (const Conversation &c : m_store.conversations()) {
        if (!writer.write("conv", conversationRecord(c)))
            return refused();
        ++counts.conversations;
        if (const auto g = c.isGroup ? groups.group(c.key) : std::nullopt) {
            if (!writer.write("group", groupRecord(*g)))
                return refused();
            ++counts.groups;
        }
        for (const ChatMessage &m : m_store.messages(c.key, std::numeric_limits<int>::max())) {
            if (m.outgoing &&
                (m.state == DeliveryState::Queued || m.state == DeliveryState::Failed))
                continue; // not on the server yet: it reaches the other device when sent
            QCborMap record = messageRecord(m);
            if (m.kind == MessageKind::File) {
                const auto a = attachments.attachment(m.id);
                if (!a || a->file.mime == protocol::kHistoryMime)
                    continue; // a transfer like this one is no part of the history
                record.insert(QStringLiteral("file"), protocol::encodeFileRef(a->file));
            } else if (m.kind == MessageKind::GroupEvent) {
                if (const auto e = groups.event(m.id))
                    record.insert(QStringLiteral("event"),
                                  QCborMap{{QStringLiteral("op"), int(e->op)},
                                           {QStringLiteral("by"), e->by},
                                           {QStringLiteral("user"), e->user},
                                           {QStringLiteral("name"), e->name}});
            }
            if (!writer.write("msg", record))
                return refused();
            if (++counts.messages % 100 == 0 && progress)
                progress(counts.messages);
        }
    }
    if (!writer.end(counts))
        return refused();
    if (progress)
        progress(counts.messages);
    return counts;
}

} // namespace linnet::client
