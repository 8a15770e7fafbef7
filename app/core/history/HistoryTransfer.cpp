// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/HistoryTransfer.h"

#include "ClientLog.h"
#include "history/HistoryExport.h"
#include "history/HistoryImport.h"
#include "media/MediaController.h"
#include "storage/SqlQuery.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace linnet::client {

namespace {

using protocol::MessageId;

const QString kPending = QStringLiteral("pending");
const QString kDone = QStringLiteral("done");

QString outKey(const MessageId &id)
{
    return QStringLiteral("history/out/%1").arg(id.toHex());
}

QString inKey(const MessageId &id)
{
    return QStringLiteral("history/in/%1").arg(id.toHex());
}

} // namespace

HistoryTransfer::HistoryTransfer(LocalStore &store, MediaController &media, QString workDirectory,
                                 Hooks hooks, QObject *parent)
    : QObject(parent), m_store(store), m_media(media), m_workDirectory(std::move(workDirectory)),
      m_hooks(std::move(hooks))
{
    connect(&m_media, &MediaClient::transferProgress, this,
            [this](const MessageId &id, const QString &, quint64 done, quint64 total) {
                if (m_active.contains(id))
                    Q_EMIT progress(id, done, total);
            });
    connect(&m_media, &MediaClient::attachmentChanged, this,
            [this](const MessageId &id) { onAttachmentChanged(id); });
}

MessageId HistoryTransfer::sendTo(qint64 device)
{
    if (device == m_hooks.device() || !m_hooks.isOwnDevice(device)) {
        Q_EMIT failed(tr("device %1 is not an approved device of this account").arg(device));
        return {};
    }
    // A file of its own per transfer; the media pipeline copies it into the profile.
    const QString path =
        QDir(m_workDirectory).filePath(QStringLiteral("history-for-device-%1.lnhist").arg(device));
    QDir().mkpath(m_workDirectory);
    QSaveFile out(path);
    protocol::Result<HistoryCounts> written =
        out.open(QIODevice::WriteOnly)
            ? HistoryExport(m_store).write(out)
            : protocol::makeError(protocol::ErrorCode::InternalError, out.errorString());
    if (!written || !out.commit()) {
        Q_EMIT failed(tr("cannot write the history: %1")
                          .arg(written ? out.errorString() : written.error().reason));
        return {};
    }
    qCInfo(lcClient) << "history of" << written.value().messages << "messages for device" << device
                     << "exported";
    // The device goes into the content (targetOf) before the message can leave.
    const MessageId id = m_media.sendHistory(m_hooks.self(), path);
    if (id.isNull()) {
        QFile::remove(path);
        return {}; // the media client said why
    }
    m_store.setSetting(outKey(id), QString::number(device));
    m_active.insert(id);
    return id;
}

qint64 HistoryTransfer::targetOf(const MessageId &message)
{
    return m_store.setting(outKey(message)).toLongLong();
}

bool HistoryTransfer::noteIncoming(const QSqlDatabase &db, const MessageId &message)
{
    return storage::Query(db, lcLocalStore,
                          R"(INSERT OR IGNORE INTO settings (key, value) VALUES (:key, :value))")
        .bind(":key", inKey(message))
        .bind(":value", kPending)
        .exec();
}

bool HistoryTransfer::isForThisDevice(const MessageId &message)
{
    return !m_store.setting(inKey(message)).isEmpty();
}

void HistoryTransfer::onMessageAdded(const ChatMessage &message)
{
    if (message.kind != MessageKind::File || m_store.setting(inKey(message.id)) != kPending)
        return;
    qCInfo(lcClient) << "a history for this device came in" << message.id.toHex();
    m_active.insert(message.id);
    m_media.download(message.id);
}

void HistoryTransfer::resume()
{
    storage::Query q(
        m_store.database(), lcLocalStore,
        R"(SELECT key FROM settings WHERE key LIKE 'history/in/%' AND value = :pending)");
    for (const QString &key : q.bind(":pending", kPending).column<QString>()) {
        const auto id = MessageId::fromHex(key.section(QLatin1Char('/'), 2));
        if (!id)
            continue;
        m_active.insert(*id);
        const auto a = m_media.attachment(*id);
        if (a && a->state == TransferState::Done)
            import(*id, a->localPath);
        else if (a)
            m_media.download(*id); // the media client resumes where it stopped
    }
}

void HistoryTransfer::onAttachmentChanged(const MessageId &message)
{
    if (!m_active.contains(message))
        return;
    const auto a = m_media.attachment(message);
    if (!a)
        return;
    if (a->state == TransferState::Uploaded) {
        // Sent: the profile keeps its own copy until the server has it; the export goes.
        QFile::remove(
            QDir(m_workDirectory)
                .filePath(QStringLiteral("history-for-device-%1.lnhist").arg(targetOf(message))));
        m_active.remove(message);
    } else if (a->state == TransferState::Done && m_store.setting(inKey(message)) == kPending) {
        import(message, a->localPath);
    } else if (a->state == TransferState::Failed) {
        Q_EMIT failed(tr("the history could not be transferred: %1").arg(a->error));
    }
}

void HistoryTransfer::import(const MessageId &message, const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        Q_EMIT failed(tr("cannot read the history: %1").arg(in.errorString()));
        return;
    }
    const auto done = HistoryImport(m_store).read(in, [this](int n) { Q_EMIT importProgress(n); });
    in.close();
    m_active.remove(message);
    if (!done) {
        // Refused as a whole: nothing of it was kept; it is not tried again.
        qCWarning(lcClient) << "history" << message.toHex() << "refused:" << done.error().reason;
        m_store.setSetting(inKey(message), done.error().reason);
        Q_EMIT failed(tr("the history was refused: %1").arg(done.error().reason));
        return;
    }
    m_store.setSetting(inKey(message), kDone);
    QFile::remove(path); // the plaintext of the whole history has no place among the files
    qCInfo(lcClient) << "history imported:" << done.value().added.messages << "new of"
                     << done.value().stream.messages << "messages";
    Q_EMIT imported(done.value().added.messages, done.value().stream.messages);
}

} // namespace linnet::client
