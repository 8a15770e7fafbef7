// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliOutput.h"

#include "groups/GroupTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace linnet::cli {

namespace {
QString kindName(client::MessageKind kind)
{
    switch (kind) {
    case client::MessageKind::Text:
        return QStringLiteral("text");
    case client::MessageKind::Notice:
        return QStringLiteral("notice");
    case client::MessageKind::Undecryptable:
        return QStringLiteral("undecryptable");
    case client::MessageKind::GroupEvent:
        return QStringLiteral("event");
    case client::MessageKind::File:
        return QStringLiteral("file");
    case client::MessageKind::Reaction:
        return QStringLiteral("reaction");
    case client::MessageKind::Edit:
        return QStringLiteral("edit");
    case client::MessageKind::Delete:
        return QStringLiteral("delete");
    }
    return QStringLiteral("text");
}
} // namespace

int exitCodeFor(protocol::ErrorCode code)
{
    switch (code) {
    case protocol::ErrorCode::BadCredentials:
    case protocol::ErrorCode::Forbidden:
    case protocol::ErrorCode::NotAuthenticated:
    case protocol::ErrorCode::DeviceRevoked:
    case protocol::ErrorCode::LinkRequired:
        return ExitAuth;
    case protocol::ErrorCode::UnknownUser:
    case protocol::ErrorCode::MalformedFrame:
    case protocol::ErrorCode::FrameTooLarge:
    case protocol::ErrorCode::UnknownType:
    case protocol::ErrorCode::UnsupportedVersion:
    case protocol::ErrorCode::UsernameTaken:
    case protocol::ErrorCode::InviteRequired:
    case protocol::ErrorCode::InvalidField:
    case protocol::ErrorCode::RateLimited:
    case protocol::ErrorCode::UnknownGroup:
    case protocol::ErrorCode::GroupFull:
    case protocol::ErrorCode::NotGroupAdmin:
    case protocol::ErrorCode::MediaTooLarge:
    case protocol::ErrorCode::QuotaExceeded:
    case protocol::ErrorCode::UnknownMedia:
    case protocol::ErrorCode::UnknownDevice:
    case protocol::ErrorCode::UnknownLink:
        return ExitRefused;
    default:
        return ExitFailure;
    }
}

QString messageJson(const client::ChatMessage &m, const QString &groupName,
                    const client::Attachment *a, const QString &via,
                    const QList<client::Reaction> &reactions)
{
    QJsonObject o;
    const bool group = client::isGroupKey(m.conversation);
    o.insert(QStringLiteral("id"), m.id.toHex());
    o.insert(QStringLiteral("from"), m.sender);
    o.insert(QStringLiteral("conversation"), group ? groupName : m.conversation);
    if (group)
        o.insert(QStringLiteral("group"), m.conversation);
    o.insert(QStringLiteral("kind"), kindName(m.kind));
    o.insert(QStringLiteral("seq"), static_cast<qint64>(m.seq));
    o.insert(QStringLiteral("text"), m.text);
    o.insert(QStringLiteral("sent_at"), m.sentAt);
    if (m.senderTime > 0) // the author's clock, carried inside the encryption
        o.insert(QStringLiteral("written_at"), m.senderTime);
    o.insert(QStringLiteral("outgoing"), m.outgoing);
    o.insert(QStringLiteral("state"), client::deliveryStateName(m.state));
    if (!via.isEmpty())
        o.insert(QStringLiteral("via"), via);
    if (m.replyTo) {
        o.insert(QStringLiteral("reply_to"), m.replyTo->id.toHex());
        QJsonObject quote;
        quote.insert(QStringLiteral("from"), m.replyTo->from);
        quote.insert(QStringLiteral("text"), m.replyTo->text);
        if (m.replyTo->fileKind)
            quote.insert(QStringLiteral("kind"), protocol::fileKindName(*m.replyTo->fileKind));
        o.insert(QStringLiteral("quote"), quote);
    }
    if (m.kind == client::MessageKind::Reaction) {
        o.insert(QStringLiteral("on"), m.target.toHex());
        o.insert(QStringLiteral("emoji"), m.text);
        o.remove(QStringLiteral("text"));
    } else if (client::isAction(m.kind)) {
        o.insert(QStringLiteral("on"), m.target.toHex()); // an edit keeps its new "text"
    } else {
        o.insert(QStringLiteral("edited"), m.editedAt != 0);
        o.insert(QStringLiteral("deleted"), m.deleted);
        if (m.forwarded)
            o.insert(QStringLiteral("forwarded"), true);
    }
    if (!reactions.isEmpty()) {
        QJsonArray list;
        for (const client::Reaction &r : reactions)
            list.append(QJsonObject{{QStringLiteral("emoji"), r.emoji},
                                    {QStringLiteral("from"), QJsonArray::fromStringList(r.from)}});
        o.insert(QStringLiteral("reactions"), list);
    }
    if (a) {
        QJsonObject file;
        file.insert(QStringLiteral("name"), a->file.name);
        file.insert(QStringLiteral("size"), qint64(a->file.size));
        file.insert(QStringLiteral("mime"), a->file.mime);
        file.insert(QStringLiteral("kind"), protocol::fileKindName(a->file.kind));
        file.insert(QStringLiteral("sha256"), QString::fromLatin1(a->file.sha256.toHex()));
        // What the sender's preview says (images and videos), when it says it.
        if (a->file.width > 0 && a->file.height > 0) {
            file.insert(QStringLiteral("width"), qint64(a->file.width));
            file.insert(QStringLiteral("height"), qint64(a->file.height));
        }
        if (a->file.durationMs > 0)
            file.insert(QStringLiteral("duration_ms"), qint64(a->file.durationMs));
        if (!a->file.thumbnail.isEmpty())
            file.insert(QStringLiteral("thumbnail_bytes"), qint64(a->file.thumbnail.size()));
        const bool saved = a->state == client::TransferState::Done ||
                           a->state == client::TransferState::Uploading ||
                           a->state == client::TransferState::Uploaded;
        file.insert(QStringLiteral("saved_to"), saved ? a->localPath : QString());
        file.insert(QStringLiteral("state"), client::transferStateName(a->state));
        if (!a->error.isEmpty())
            file.insert(QStringLiteral("error"), a->error);
        o.insert(QStringLiteral("file"), file);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString messageText(const client::ChatMessage &m, const QString &groupName,
                    const client::Attachment *a, const QList<client::Reaction> &reactions)
{
    // The author's time, as the app shows it; the server's for messages without one.
    const QString when = QDateTime::fromMSecsSinceEpoch(m.senderTime > 0 ? m.senderTime : m.sentAt)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QString line = client::isGroupKey(m.conversation)
                       ? QStringLiteral("%1  [%2] %3: %4").arg(when, groupName, m.sender, m.text)
                       : QStringLiteral("%1  %2: %3").arg(when, m.sender, m.text);
    if (m.replyTo) {
        const QString quoted = m.replyTo->text.isEmpty() && m.replyTo->fileKind
                                   ? protocol::fileKindName(*m.replyTo->fileKind)
                                   : m.replyTo->text;
        line += QStringLiteral("  [reply to %1: %2]").arg(m.replyTo->from, quoted);
    }
    if (a) {
        const QString size = QLocale().formattedDataSize(qint64(a->file.size));
        line +=
            a->state == client::TransferState::Done
                ? QStringLiteral("  [file %1, %2 -> %3]").arg(a->file.name, size, a->localPath)
            : a->state == client::TransferState::Failed
                ? QStringLiteral("  [file %1, %2, not saved: %3]").arg(a->file.name, size, a->error)
                : QStringLiteral("  [file %1, %2, %3]")
                      .arg(a->file.name, size, client::transferStateName(a->state));
    }
    if (m.forwarded)
        line += QStringLiteral("  [forwarded]");
    if (m.deleted)
        line += QStringLiteral("  [deleted]");
    else if (m.editedAt != 0)
        line += QStringLiteral("  [edited]");
    if (m.kind == client::MessageKind::Edit)
        line = QStringLiteral("%1  %2 edited %3: %4").arg(when, m.sender, m.target.toHex(), m.text);
    else if (m.kind == client::MessageKind::Delete)
        line =
            QStringLiteral("%1  %2 deleted %3 for everyone").arg(when, m.sender, m.target.toHex());
    else if (m.kind == client::MessageKind::Reaction)
        line = m.text.isEmpty() ? QStringLiteral("%1  %2 took back their reaction to %3")
                                      .arg(when, m.sender, m.target.toHex())
                                : QStringLiteral("%1  %2 reacted %3 to %4")
                                      .arg(when, m.sender, m.text, m.target.toHex());
    QStringList shown;
    for (const client::Reaction &r : reactions)
        shown << QStringLiteral("%1 %2").arg(r.emoji, r.from.join(u','));
    if (!shown.isEmpty())
        line += QStringLiteral("  [%1]").arg(shown.join(QStringLiteral("; ")));
    if (m.outgoing)
        line += QStringLiteral("  [%1]").arg(client::deliveryStateName(m.state));
    return line;
}

} // namespace linnet::cli
