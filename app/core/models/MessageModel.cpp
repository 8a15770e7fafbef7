// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/MessageModel.h"

#include "groups/LocalGroupStore.h"
#include "store/LocalStore.h"
#include "store/ReactionStore.h"

#include <QScopedValueRollback>

#include <utility>

#include <algorithm>
#include <limits>

namespace linnet::client {

namespace {
/** Display order: sequenced by seq; queued (seq 0) after them, in arrival order. */
bool displaysBefore(const ChatMessage &a, const ChatMessage &b)
{
    if (a.seq == 0 || b.seq == 0)
        return a.seq != 0 && b.seq == 0;
    return a.seq < b.seq;
}
} // namespace

MessageModel::MessageModel(LocalStore &store, QString conversation, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_conversation(std::move(conversation))
{
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &MessageModel::flushProgress);
    m_rows = m_store.messages(m_conversation, m_pageSize, 0);
    m_moreBefore = m_rows.size() >= m_pageSize;
}

void MessageModel::setPageSize(int size)
{
    size = std::max(1, size);
    if (size == m_pageSize)
        return;
    m_pageSize = size;
    reload();
}

void MessageModel::reload()
{
    const QScopedValueRollback changing(m_changing, true);
    beginResetModel();
    m_reactions.clear();
    m_rows = m_store.messages(m_conversation, m_pageSize, 0);
    m_moreBefore = m_rows.size() >= m_pageSize;
    endResetModel();
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatMessage &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
    case IdRole:
        return m.id.toHex();
    case SenderRole:
        return m.sender;
    case OutgoingRole:
        return m.outgoing;
    case SentAtRole:
        // The author's time (encrypted, as Signal shows it) when the content carried one.
        return m.senderTime > 0 ? m.senderTime : m.sentAt;
    case StateRole:
        return int(m.state);
    case StateNameRole:
        return deliveryStateName(m.state);
    case SeqRole:
        return qulonglong(m.seq);
    case KindRole:
        return int(m.kind);
    case GroupEventRole:
        return groupEvent(m);
    case ProblemRole:
        return m.outgoing && m_problemOf ? m_problemOf(m.id) : QString();
    case AttachmentRole:
        return m.deleted ? QVariant() : attachmentOf(m); // deleted for everyone: gone
    case ReplyRole:
        return replyMap(m);
    case ReactionsRole:
        return m.deleted ? QVariantList() : reactionsOf(m);
    case EditedAtRole:
        return m.editedAt;
    case DeletedRole:
        return m.deleted;
    case ForwardedRole:
        return m.forwarded;
    default:
        return {};
    }
}

QVariantMap MessageModel::replyMap(const ChatMessage &m)
{
    if (!m.replyTo)
        return {};
    return {{QStringLiteral("id"), m.replyTo->id.toHex()},
            {QStringLiteral("from"), m.replyTo->from},
            {QStringLiteral("text"), m.replyTo->text},
            {QStringLiteral("kind"),
             m.replyTo->fileKind ? protocol::fileKindName(*m.replyTo->fileKind) : QString()}};
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {SenderRole, "sender"},
                  {OutgoingRole, "outgoing"},
                  {KindRole, "kind"},
                  {TextRole, "text"},
                  {SentAtRole, "sentAt"},
                  {StateRole, "state"},
                  {StateNameRole, "stateName"},
                  {SeqRole, "seq"},
                  {GroupEventRole, "groupEvent"},
                  {ProblemRole, "problem"},
                  {AttachmentRole, "attachment"},
                  {ReplyRole, "reply"},
                  {ReactionsRole, "reactions"},
                  {EditedAtRole, "editedAt"},
                  {DeletedRole, "deleted"},
                  {ForwardedRole, "forwarded"}});
    return names;
}

QVariantMap MessageModel::groupEvent(const ChatMessage &m) const
{
    if (m.kind != MessageKind::GroupEvent)
        return {};
    if (const auto it = m_events.constFind(m.id); it != m_events.cend())
        return *it;
    const QVariantMap map = groupEventOf(m_store, m);
    m_events.insert(m.id, map);
    return map;
}

QVariant MessageModel::attachmentOf(const ChatMessage &m) const
{
    if (m.kind != MessageKind::File || !m_attachmentOf)
        return {};
    auto it = m_attachments.find(m.id);
    if (it == m_attachments.end())
        it = m_attachments.insert(m.id, m_attachmentOf(m.id));
    return it->has_value() ? QVariant(attachmentMap(**it)) : QVariant();
}

QVariantMap MessageModel::attachmentMap(const Attachment &a)
{
    const protocol::FileRef &f = a.file;
    return {
        {QStringLiteral("name"), f.name},
        {QStringLiteral("size"), qulonglong(f.size)},
        {QStringLiteral("mime"), f.mime},
        {QStringLiteral("kind"), protocol::fileKindName(f.kind)},
        {QStringLiteral("state"), transferStateName(a.state)},
        {QStringLiteral("transferred"), qulonglong(a.transferred)},
        {QStringLiteral("total"), qulonglong(f.cipherSize)},
        {QStringLiteral("path"), a.localPath},
        {QStringLiteral("thumbnail"), f.thumbnail},
        {QStringLiteral("width"), int(f.width)},
        {QStringLiteral("height"), int(f.height)},
        {QStringLiteral("ms"), qulonglong(f.durationMs)},
        {QStringLiteral("wave"), f.waveform},
        {QStringLiteral("error"), a.error},
    };
}

void MessageModel::updateAttachment(const protocol::MessageId &id, const QString &conversation)
{
    if (conversation != m_conversation)
        return;
    m_attachments.remove(id);
    m_progressed.remove(id);
    const int row = rowOf(id);
    if (row < 0)
        return;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {AttachmentRole});
}

void MessageModel::updateProgress(const protocol::MessageId &id, const QString &conversation,
                                  quint64 done, quint64)
{
    if (conversation != m_conversation)
        return;
    const auto it = m_attachments.find(id);
    if (it != m_attachments.end() && it->has_value())
        (*it)->transferred = done;
    else
        m_attachments.remove(id); // read afresh when shown
    if (rowOf(id) < 0)
        return;
    m_progressed.insert(id);
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void MessageModel::flushProgress()
{
    const auto ids = std::exchange(m_progressed, {});
    for (const auto &id : ids) {
        const int row = rowOf(id);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {AttachmentRole});
    }
}

QVariantMap MessageModel::groupEventOf(LocalStore &store, const ChatMessage &m)
{
    if (m.kind != MessageKind::GroupEvent)
        return {};
    static const char *const kOps[] = {"create", "add",   "remove", "leave",
                                       "rename", "admin", "unadmin"};
    QVariantMap map;
    if (const auto e = LocalGroupStore(store).event(m.id)) {
        map.insert(QStringLiteral("op"), QString::fromLatin1(kOps[int(e->op)]));
        map.insert(QStringLiteral("by"), e->by);
        map.insert(QStringLiteral("user"), e->user);
        map.insert(QStringLiteral("name"), e->name);
    }
    return map;
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_moreBefore && !m_rows.isEmpty();
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    prependOlder([](qint64) { return qint64(0); });
}

int MessageModel::ensureLoaded(const protocol::MessageId &id)
{
    if (const int row = rowOf(id); row >= 0)
        return row;
    if (m_changing || m_rows.isEmpty() || m_store.conversationOf(id) != m_conversation)
        return -1;
    const qint64 target = m_store.messagePosition(id);
    if (target <= 0)
        return -1;
    // Everything from the message to the oldest shown one, and half a page above it.
    prependOlder([target](qint64 before) { return before - target; });
    return rowOf(id);
}

void MessageModel::prependOlder(const std::function<qint64(qint64)> &extraRows)
{
    const QScopedValueRollback changing(m_changing, true);
    // Positions are ranks in display order and shift as messages arrive: take
    // the oldest shown message's one right now. A row the store does not know
    // (position -1) cannot anchor a page; the next one can.
    qint64 before = -1;
    for (int i = 0; i < m_rows.size() && before < 0; ++i)
        before = m_store.messagePosition(m_rows.at(i).id);
    const qint64 extra = before > 0 ? std::max<qint64>(0, extraRows(before)) : 0;
    const qint64 want = extra > 0 ? extra + m_pageSize / 2 : m_pageSize;
    const int limit = int(std::min<qint64>(want, std::numeric_limits<int>::max()));
    QList<ChatMessage> page =
        before > 0 ? m_store.messages(m_conversation, limit, before) : QList<ChatMessage>();
    m_moreBefore = page.size() >= limit;
    // Never show a message twice, even if the store reordered things meanwhile.
    page.erase(std::remove_if(page.begin(), page.end(),
                              [this](const ChatMessage &m) { return rowOf(m.id) >= 0; }),
               page.end());
    if (page.isEmpty())
        return;
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_rows = page + m_rows;
    endInsertRows();
}

int MessageModel::rowOf(const protocol::MessageId &id) const
{
    // Recent messages are the ones that change: search from the end.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int MessageModel::displayRow(const ChatMessage &m, int skip) const
{
    // Walk up from the bottom past every row that displays after it; equal seqs
    // and queued messages keep arrival order, so it lands after those.
    int row = int(m_rows.size());
    while (row > 0 && (row - 1 == skip || displaysBefore(m, m_rows.at(row - 1))))
        --row;
    // `row` counts the skipped row if it is above; the caller removes that one.
    return skip >= 0 && row > skip ? row - 1 : row;
}

bool MessageModel::fitsAtTop(const ChatMessage &m, int skip)
{
    if (!m_moreBefore)
        return true; // everything older is loaded
    const int first = skip == 0 ? 1 : 0;
    if (first >= m_rows.size())
        return true;
    // Only if nothing unloaded sorts between it and the first loaded row: its rank
    // is then the one right before. Otherwise fetchMore() brings it with its page.
    const qint64 own = m_store.messagePosition(m.id);
    const qint64 next = m_store.messagePosition(m_rows.at(first).id);
    return own > 0 && next > 0 && own + 1 == next;
}

QVariantList MessageModel::reactionsOf(const ChatMessage &m) const
{
    if (const auto cached = m_reactions.constFind(m.id); cached != m_reactions.cend())
        return *cached;
    QVariantList list;
    for (const Reaction &r : ReactionStore(m_store).reactionsTo(m.id))
        list.append(QVariantMap{{QStringLiteral("emoji"), r.emoji},
                                {QStringLiteral("count"), int(r.from.size())},
                                {QStringLiteral("from"), r.from}});
    m_reactions.insert(m.id, list);
    return list;
}

void MessageModel::updateActions(const ChatMessage &action)
{
    if (action.conversation != m_conversation)
        return;
    m_reactions.remove(action.target);
    const int row = rowOf(action.target);
    if (row < 0)
        return;
    if (action.kind == MessageKind::Reaction) {
        Q_EMIT dataChanged(index(row), index(row), {ReactionsRole});
        return;
    }
    // An edit or a delete changed the stored message itself (EditStore).
    if (const auto now = m_store.message(action.target)) {
        m_rows[row] = *now;
        Q_EMIT dataChanged(index(row), index(row));
    }
}

void MessageModel::addMessage(const ChatMessage &message)
{
    if (message.conversation != m_conversation || rowOf(message.id) >= 0 || isAction(message.kind))
        return;
    const int row = displayRow(message);
    if (row == 0 && !fitsAtTop(message))
        return;
    const QScopedValueRollback changing(m_changing, true);
    beginInsertRows({}, row, row);
    // As stored: an edit or a delete that came before it is applied there.
    m_rows.insert(row, m_store.message(message.id).value_or(message));
    endInsertRows();
}

void MessageModel::updateState(const protocol::MessageId &id, const QString &conversation,
                               DeliveryState state)
{
    if (conversation != m_conversation)
        return;
    const int row = rowOf(id);
    if (row < 0 || m_rows.at(row).state == state)
        return;
    m_rows[row].state = state;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {StateRole, StateNameRole});
}

void MessageModel::updateProblem(const protocol::MessageId &id, const QString &conversation)
{
    const int row = conversation == m_conversation ? rowOf(id) : -1;
    if (row < 0)
        return;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {ProblemRole});
}

void MessageModel::removeMessage(const protocol::MessageId &id, const QString &conversation)
{
    const int row = conversation == m_conversation ? rowOf(id) : -1;
    if (row < 0)
        return;
    const QScopedValueRollback changing(m_changing, true);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    m_attachments.remove(id);
}

void MessageModel::updateMessage(const protocol::MessageId &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    const auto fresh = m_store.message(id);
    if (!fresh || fresh->conversation != m_conversation)
        return;
    // Still in order with its neighbours (always so for a message still queued,
    // whose place among the queued ones is its arrival): it stays.
    const bool fits = (row == 0 || !displaysBefore(*fresh, m_rows.at(row - 1))) &&
                      (row + 1 == m_rows.size() || !displaysBefore(m_rows.at(row + 1), *fresh));
    const int target = fits ? row : displayRow(*fresh, row);
    const QScopedValueRollback changing(m_changing, true);
    if (target == 0 && !fitsAtTop(*fresh, row)) {
        // Its seq now puts it inside history that is not loaded: paging brings it back.
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        return;
    }
    if (target != row) {
        // beginMoveRows wants the row *before which* it lands, counted before the move.
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        m_rows[row] = *fresh;
        m_rows.move(row, target);
        endMoveRows();
    } else {
        m_rows[row] = *fresh;
    }
    const QModelIndex idx = index(target);
    Q_EMIT dataChanged(idx, idx);
}

} // namespace linnet::client
