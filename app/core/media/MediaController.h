// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "media/AttachmentStore.h"
#include "media/MediaClient.h"
#include "protocol/ErrorCode.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QList>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QThreadPool;

namespace linnet::media {
class DecryptingWriter;
}

namespace linnet::client {

class BlobTransfer;
class LocalStore;
struct TransferOutcome;

/**
 * The engine's MediaClient (ChatClient::media()): sends a file as a message (a copy
 * into the profile and a preview, made on a worker thread after the message is stored,
 * encryption with a fresh key, upload with resume, then
 * the message through the Outbox with send's `media`), and fetches incoming
 * attachments (automatically for images up to autoDownloadLimit()), checks their hash,
 * decrypts them into downloadDirectory() under a safe name of its own and says
 * media_done. Transfers wait while offline and resume from where they stopped after a
 * lost connection or a restart (the attachments table keeps their state). Frames go
 * out through Hooks; the bytes travel over BlobTransfer. Lives on the ChatClient's
 * thread.
 */
class MediaController final : public MediaClient {
    Q_OBJECT
public:
    /** What the controller needs from the ChatClient that owns it. */
    struct Hooks {
        std::function<bool(const protocol::Frame &)> send;
        std::function<quint32()> nextRequestId;
        std::function<QUrl()> serverUrl;
        std::function<QString()> self; ///< this account's username
        /** Why nothing can be sent to @p peer (not in that group...), or empty. */
        std::function<QString(const QString &peer)> cannotSendTo;
        /** A new own message was stored: tell the app (messageAdded...). */
        std::function<void(const ChatMessage &)> added;
        /** The attachment is on the server: @p item goes into the outbox and out. */
        std::function<bool(const OutboxItem &item)> queue;
        /** The message fails for good with @p reason (Outbox::fail). */
        std::function<void(const protocol::MessageId &, protocol::ErrorCode, const QString &)>
            failMessage;
        /** A failed own message goes back to Queued (without an outbox entry). */
        std::function<bool(const protocol::MessageId &)> requeueHeld;
        /** Optional: adds what the owner knows of own message @p message to its content
         *  before it goes out (a history transfer's device). */
        std::function<void(const ChatMessage &message, protocol::MessageContent &content)> complete;
    };
    struct Options {
        QString mediaDirectory;    ///< the profile's: sent copies and partial downloads
        QString downloadDirectory; ///< where incoming files go (default MEDIA/../files)
        int maxTransfers = 3;      ///< at once (the server allows 4 per device)
        int initialRetryMs = 1000; ///< after a failed try, doubling
        int maxRetryMs = 30000;
        /** Where the copies of files to send are made (not the controller's thread);
         *  null: QThreadPool::globalInstance(). */
        QThreadPool *workers = nullptr;
    };

    MediaController(LocalStore &store, Options options, Hooks hooks, QObject *parent = nullptr);
    ~MediaController() override;

    // --- MediaClient -----------------------------------------------------------------------
    protocol::MessageId sendFile(const QString &peer, const QString &path,
                                 const QString &caption = {}) override;
    protocol::MessageId sendVoiceNote(const QString &peer, const QString &path, quint64 durationMs,
                                      const QByteArray &waveform) override;
    bool download(const protocol::MessageId &message) override;
    void cancel(const protocol::MessageId &message) override;
    bool retry(const protocol::MessageId &message) override;
    std::optional<Attachment> attachment(const protocol::MessageId &message) override;
    qint64 autoDownloadLimit() const override { return m_autoLimit; }
    void setAutoDownloadLimit(qint64 bytes) override { m_autoLimit = std::max<qint64>(0, bytes); }
    QString downloadDirectory() const override { return m_options.downloadDirectory; }
    void setDownloadDirectory(const QString &dir) override;

    /** Fetches @p message's attachment into @p outPath instead of the download directory
     *  (linnet-cli fetch); a file already there is copied. False if there is nothing to
     *  fetch or @p outPath exists. */
    bool downloadTo(const protocol::MessageId &message, const QString &outPath);
    /** Sends the history stream at @p path to this account (@p self) as an attachment of
     *  type protocol::kHistoryMime, as sendFile() does otherwise (HistoryTransfer). */
    protocol::MessageId sendHistory(const QString &self, const QString &path);

    // --- for ChatClient ------------------------------------------------------------------
    /** Authenticated: transfers that wait (or were cut) go on; pending media_done are sent. */
    void connected();
    void disconnected();
    /** A media_ticket, or an ok/error answering one of our requests. False if not ours. */
    bool handle(const protocol::Frame &frame);
    /** A message was stored (incoming, or own from another device): fetch its attachment
     *  if it is an image under the limit. */
    void onMessageAdded(const ChatMessage &message);
    /** The content to send for own file message @p message (its upload done), for a retry. */
    std::optional<QByteArray> contentOf(const ChatMessage &message);
    /** An own message is deleted: its transfer stops and the profile's copy goes. */
    void forget(const protocol::MessageId &message);
    /** Transfers over https trust exactly the certificate with this pin (net/ServerPin). */
    void setServerPin(const QByteArray &pin) { m_serverPin = pin; }

    /** The attachment's row for @p message, as the store keeps it (tests, models). */
    AttachmentStore &attachments() { return m_attachments; }

private:
    struct Job;
    /** sendFile() and sendVoiceNote(): @p voice, if set, says kind, length and waveform. */
    protocol::MessageId send(const QString &peer, const QString &path, const QString &caption,
                             const protocol::FileRef *voice);
    Job *job(const protocol::MessageId &message) const;
    Job &enqueue(const protocol::MessageId &message, bool upload);
    void pump();
    void request(Job &job);
    /** True if own upload @p attachment has no complete copy or no preview yet. */
    bool needsPreparing(const Attachment &attachment);
    /** Makes the copy of @p job's file (again) and its preview on a worker thread. */
    void prepare(Job &job, const Attachment &attachment);
    void onPrepared(const protocol::MessageId &message);
    void onTicket(const protocol::MediaTicket &ticket);
    void onRequestError(const protocol::ErrorFrame &error);
    BlobTransfer *newTransfer(const protocol::MessageId &message);
    /** The attachment of a job; none (and the job ends) if its message is gone. */
    std::optional<Attachment> jobAttachment(const protocol::MessageId &message);
    void startUpload(Job &job, const protocol::MediaTicket &ticket);
    void startDownload(Job &job, const protocol::MediaTicket &ticket);
    /** Opens @p job's part file on a worker (a resume rebuilds its state), then goes on
     *  with @p ticket. */
    void openWriter(Job &job, const Attachment &attachment, const protocol::MediaTicket &ticket);
    void onWriterOpened(const protocol::MessageId &message,
                        const std::shared_ptr<media::DecryptingWriter> &writer,
                        const protocol::MediaTicket &ticket);
    QThreadPool *workers() const;
    void onTransferFinished(const protocol::MessageId &message, const TransferOutcome &outcome);
    void onProgress(const protocol::MessageId &message, quint64 done, quint64 total);
    void uploaded(Job &job);
    /** The blob is in (and decrypted): checks its hash and moves the file into place. */
    void downloaded(Job &job);
    /** A download that is not the file its message describes: nothing is kept. */
    void refuseDamaged(const protocol::MessageId &message, const QString &reason);
    /** Tries @p job again later (a temporary failure), from a new ticket. */
    void retryLater(Job &job, const QString &why);
    /** Gives up on @p job: state Failed with @p reason; an own message fails too. */
    void giveUp(const protocol::MessageId &message, const QString &reason,
                protocol::ErrorCode code = protocol::ErrorCode::InternalError);
    void finishJob(const protocol::MessageId &message);
    void announceDone(const Attachment &attachment);
    void changed(const protocol::MessageId &message);
    QString conversationOf(const protocol::MessageId &message);
    QString partPath(const protocol::MessageId &message) const;
    bool isOwnUpload(const protocol::MessageId &message);
    QByteArray contentFor(const ChatMessage &message, const Attachment &attachment) const;

    LocalStore &m_store;
    AttachmentStore m_attachments;
    Options m_options;
    Hooks m_hooks;
    QByteArray m_serverPin;
    qint64 m_autoLimit = 16 * 1000 * 1000;
    bool m_online = false;
    QHash<protocol::MessageId, Job *> m_jobs;           ///< owned; waiting, asking or transferring
    QList<protocol::MessageId> m_order;                 ///< jobs in the order they came
    QHash<quint32, protocol::MessageId> m_requests;     ///< media_upload/download in flight
    QHash<quint32, protocol::MessageId> m_doneRequests; ///< media_done in flight
    QTimer m_retryTimer;
};

} // namespace linnet::client
