// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "protocol/MessageId.h"

#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <functional>

namespace linnet::client {

class LocalStore;
class MediaController;

/**
 * History transfer between two devices of one account (issue 27; docs/protocol.md 13).
 * The sender exports its history (HistoryExport) and sends it as an attachment of an
 * ordinary end-to-end encrypted message to its own account whose content names the
 * device it is for (`history`), through the media pipeline (encrypted in chunks,
 * uploaded, resumed). That device fetches it, checks it and imports it (HistoryImport);
 * the account's other devices keep the message and fetch nothing. What is under way
 * is kept in the settings table, so a restart resumes it. Owned by ChatClient.
 */
class HistoryTransfer : public QObject {
    Q_OBJECT

public:
    struct Hooks {
        std::function<QString()> self;  ///< this account
        std::function<qint64()> device; ///< this device
        /** True if @p device is an approved device of this account other than this one. */
        std::function<bool(qint64 device)> isOwnDevice;
    };

    HistoryTransfer(LocalStore &store, MediaController &media, QString workDirectory, Hooks hooks,
                    QObject *parent = nullptr);

    /** Exports this profile's history and sends it to own device @p device; the message's
     *  id, or a null id (failed() says why). progress() follows the upload. */
    protocol::MessageId sendTo(qint64 device);
    /** The device own message @p message carries the history for; 0 if it is no transfer. */
    qint64 targetOf(const protocol::MessageId &message);

    /** Inside the transaction storing an incoming message whose history is for this
     *  device: notes it, so that it is fetched and imported even after a restart. */
    static bool noteIncoming(const QSqlDatabase &db, const protocol::MessageId &message);
    /** True if @p message carries a history for this device (fetched, or to fetch). */
    bool isForThisDevice(const protocol::MessageId &message);
    /** A message was stored: a history for this device starts downloading. */
    void onMessageAdded(const ChatMessage &message);
    /** Goes on with noted histories not yet imported (after a restart). */
    void resume();

Q_SIGNALS:
    /** Bytes of @p message's history moved: the upload on the sender, the download on the
     *  receiver. */
    void progress(const linnet::protocol::MessageId &message, quint64 done, quint64 total);
    /** The receiver has read @p messages messages of the history so far. */
    void importProgress(int messages);
    /** The history is in: @p added new messages of the @p total it held. */
    void imported(int added, int total);
    /** A transfer could not be made or imported (@p reason, for people). */
    void failed(const QString &reason);

private:
    void onAttachmentChanged(const protocol::MessageId &message);
    void import(const protocol::MessageId &message, const QString &path);

    LocalStore &m_store;
    MediaController &m_media;
    QString m_workDirectory;
    Hooks m_hooks;
    QSet<protocol::MessageId> m_active; ///< transfers this run follows (sent or received)
};

} // namespace linnet::client
