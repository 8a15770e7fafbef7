// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConversationListModel.h"

#include "media/AttachmentStore.h"
#include "models/MessageModel.h"

#include "Clock.h"
#include "store/LocalStore.h"

#include <QRegularExpression>

namespace linnet::client {

namespace {
/** The list order, the same as LocalStore::conversations(): pinned first, newest first,
 *  then by key. */
bool comesBefore(const Conversation &a, const Conversation &b)
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.lastActivity != b.lastActivity)
        return a.lastActivity > b.lastActivity;
    return a.key < b.key;
}
} // namespace

ConversationListModel::ConversationListModel(LocalStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_rows(store.conversations())
{
    m_lastTotalUnread = totalUnread();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    // A group's peer column is its name: no presence of its own, typing is per member.
    const PeerState peer = c.isGroup ? PeerState{false, 0, !m_groupTyping.value(c.key).isEmpty()}
                                     : m_peers.value(c.peer);
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return c.peer;
    case KeyRole:
        return c.key;
    case PeerRole:
        return c.peer;
    case LastMessageRole:
        return lastMessage(c);
    case LastActivityRole:
        return c.lastActivity;
    case UnreadRole:
        return c.unread;
    case OnlineRole:
        return peer.online;
    case LastSeenRole:
        return peer.lastSeen;
    case TypingRole:
        return peer.typing;
    case InitialsRole:
        return initialsOf(c.peer);
    case IsGroupRole:
        return c.isGroup;
    case LastEventRole:
        return c.isGroup ? lastEvent(c.key) : QVariantMap();
    case DraftRole:
        return c.draft;
    case PinnedRole:
        return c.pinned;
    case MutedRole:
        return c.isMuted(nowMs());
    case MutedUntilRole:
        return c.mutedUntil;
    case ArchivedRole:
        return c.archived;
    case MarkedUnreadRole:
        return c.markedUnread;
    case TypingUsersRole:
        if (c.isGroup)
            return m_groupTyping.value(c.key);
        return peer.typing ? QStringList{c.peer} : QStringList{};
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{KeyRole, "key"},
                  {PeerRole, "peer"},
                  {TitleRole, "title"},
                  {LastMessageRole, "lastMessage"},
                  {LastActivityRole, "lastActivity"},
                  {UnreadRole, "unread"},
                  {OnlineRole, "online"},
                  {LastSeenRole, "lastSeen"},
                  {TypingRole, "typing"},
                  {InitialsRole, "initials"},
                  {IsGroupRole, "isGroup"},
                  {LastEventRole, "lastEvent"},
                  {DraftRole, "draft"},
                  {PinnedRole, "pinned"},
                  {MutedRole, "muted"},
                  {MutedUntilRole, "mutedUntil"},
                  {ArchivedRole, "archived"},
                  {MarkedUnreadRole, "markedUnread"},
                  {TypingUsersRole, "typingUsers"}});
    return names;
}

int ConversationListModel::totalUnread() const
{
    int total = 0;
    for (const auto &c : m_rows)
        total += c.unread;
    return total;
}

int ConversationListModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).key == key)
            return i;
    return -1;
}

QString ConversationListModel::initialsOf(const QString &name)
{
    // Group names are free text: take whole code points, and only letters or digits
    // (an emoji or a surrogate half is no initial).
    static const QRegularExpression separators(QStringLiteral("[._\\-\\s]+"));
    const QStringList parts = name.split(separators, Qt::SkipEmptyParts);
    QString out;
    int count = 0;
    for (const QString &part : parts) {
        const QList<uint> points = part.toUcs4();
        if (points.isEmpty() ||
            !(QChar::isLetter(points.first()) || QChar::isDigit(points.first())))
            continue;
        out +=
            QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), 1).toUpper();
        if (++count == 2)
            break;
    }
    return out;
}

int ConversationListModel::targetRow(const Conversation &c, int skip) const
{
    // The number of other rows that come before it is its row once it is placed.
    int row = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i != skip && comesBefore(m_rows.at(i), c))
            ++row;
    }
    return row;
}

QVariantMap ConversationListModel::lastEvent(const QString &key) const
{
    if (const auto it = m_lastEvents.constFind(key); it != m_lastEvents.cend())
        return *it;
    const QList<ChatMessage> newest = m_store.messages(key, 1, 0);
    const QVariantMap event =
        newest.isEmpty() ? QVariantMap() : MessageModel::groupEventOf(m_store, newest.first());
    m_lastEvents.insert(key, event);
    return event;
}

QString ConversationListModel::attachmentPreview(const protocol::FileRef &file,
                                                 const QString &caption)
{
    QString kind;
    switch (file.kind) {
    case protocol::FileKind::Image:
        kind = tr("📷 Photo");
        break;
    case protocol::FileKind::Video:
        kind = tr("🎥 Video");
        break;
    case protocol::FileKind::Audio:
        kind = tr("🎵 Audio");
        break;
    case protocol::FileKind::Voice:
        kind = tr("🎤 Voice message");
        break;
    case protocol::FileKind::File:
        kind = tr("📄 %1").arg(file.name);
        break;
    }
    return caption.isEmpty() ? kind : tr("%1 · %2").arg(kind, caption);
}

QString ConversationListModel::lastMessage(const Conversation &c) const
{
    if (const auto it = m_previews.constFind(c.key); it != m_previews.cend())
        return *it;
    QString preview = c.lastMessage;
    const QList<ChatMessage> newest = m_store.messages(c.key, 1, 0);
    if (!newest.isEmpty() && newest.first().kind == MessageKind::File) {
        if (const auto a = AttachmentStore(m_store).attachment(newest.first().id))
            preview = attachmentPreview(a->file, newest.first().text);
    }
    m_previews.insert(c.key, preview);
    return preview;
}

void ConversationListModel::refreshConversation(const QString &key)
{
    m_lastEvents.remove(key);
    m_previews.remove(key);
    const auto fresh = m_store.conversation(key);
    const int current = rowOf(key);
    if (!fresh) {
        if (current >= 0) {
            beginRemoveRows({}, current, current);
            m_rows.removeAt(current);
            endRemoveRows();
        }
        checkUnread();
        return;
    }
    if (current < 0) {
        const int row = targetRow(*fresh);
        beginInsertRows({}, row, row);
        m_rows.insert(row, *fresh);
        endInsertRows();
        checkUnread();
        return;
    }
    const int target = targetRow(*fresh, current);
    if (target != current) {
        // beginMoveRows wants the row *before which* it lands, counted before the move.
        const int destination = target > current ? target + 1 : target;
        beginMoveRows({}, current, current, {}, destination);
        m_rows[current] = *fresh;
        m_rows.move(current, target);
        endMoveRows();
    } else {
        m_rows[current] = *fresh;
    }
    const QModelIndex idx = index(target);
    Q_EMIT dataChanged(idx, idx);
    checkUnread();
}

void ConversationListModel::setPresence(const QString &peer, bool online, qint64 lastSeen)
{
    PeerState &s = m_peers[peer];
    if (s.online == online && s.lastSeen == lastSeen)
        return;
    s.online = online;
    s.lastSeen = lastSeen;
    emitPeerChanged(peer, {OnlineRole, LastSeenRole});
}

void ConversationListModel::setTyping(const QString &peer, bool typing)
{
    PeerState &s = m_peers[peer];
    if (s.typing == typing)
        return;
    s.typing = typing;
    emitPeerChanged(peer, {TypingRole});
}

void ConversationListModel::setGroupTyping(const QString &key, const QString &user, bool typing)
{
    QStringList &users = m_groupTyping[key];
    if (users.contains(user) == typing)
        return;
    if (typing)
        users.append(user);
    else
        users.removeAll(user);
    const int row = rowOf(key);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {TypingRole, TypingUsersRole});
}

void ConversationListModel::forgetLivePresence()
{
    // Offline we hear nothing: a green dot or "typing" from before would be a guess.
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it) {
        if (!it->online && !it->typing)
            continue;
        it->online = false;
        it->typing = false;
        emitPeerChanged(it.key(), {OnlineRole, TypingRole});
    }
    for (auto it = m_groupTyping.begin(); it != m_groupTyping.end(); ++it) {
        if (it->isEmpty())
            continue;
        it->clear();
        if (const int row = rowOf(it.key()); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {TypingRole, TypingUsersRole});
    }
}

void ConversationListModel::reload()
{
    m_lastEvents.clear();
    m_previews.clear();
    beginResetModel();
    m_rows = m_store.conversations();
    endResetModel();
    checkUnread();
}

void ConversationListModel::emitPeerChanged(const QString &peer, const QList<int> &roles)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).isGroup && m_rows.at(i).peer == peer) {
            const QModelIndex idx = index(i);
            Q_EMIT dataChanged(idx, idx, roles + QList<int>{TypingUsersRole});
        }
    }
}

void ConversationListModel::checkUnread()
{
    const int total = totalUnread();
    if (total == m_lastTotalUnread)
        return;
    m_lastTotalUnread = total;
    Q_EMIT totalUnreadChanged(total);
}

} // namespace linnet::client
