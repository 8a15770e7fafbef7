// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageContent.h"
#include "protocol/MessageId.h"

#include <QObject>
#include <QString>

namespace linnet::client {

/** Where an attachment stands on this device. */
enum class TransferState : quint8 {
    Uploading = 0, ///< own: encrypting and uploading (the message waits, queued)
    Uploaded = 1,  ///< own: the blob is on the server; the message went out
    Remote = 2, ///< incoming: on the server, not downloaded (waits for a click or the auto limit)
    Downloading = 3, ///< incoming: being fetched
    Done = 4,        ///< incoming: downloaded, checked and decrypted: localPath is the file
    Failed = 5,      ///< gave up (error says why); retry() starts again
    Cancelled = 6,   ///< the user cancelled; retry() starts again
};

/** "uploading", "uploaded", "remote", "downloading", "done", "failed", "cancelled". */
QString transferStateName(TransferState state);

/** An attachment as the client keeps it: the sender's description plus the local state. */
struct Attachment {
    protocol::MessageId message;
    protocol::FileRef file;
    TransferState state = TransferState::Remote;
    quint64 transferred = 0; ///< blob bytes moved so far (progress: transferred / file.cipherSize)
    QString localPath;       ///< the file (own: the copy in the profile; incoming: once Done)
    QString error;           ///< why it failed, for people
    bool operator==(const Attachment &) const = default;
};

/**
 * Attachments (docs/protocol.md 8, 10, 11) for ChatClient (ChatClient::media()):
 * sends a file as a message (copy into the profile, encrypt, upload with resume,
 * then the message goes through the Outbox like text), fetches incoming ones
 * (automatically for images up to autoDownloadLimit(), otherwise on request),
 * verifies and decrypts them into the download directory, and tells the server
 * media_done. Uploads and downloads in progress resume after a restart or a lost
 * connection. The UI reads state through attachment() and the signals.
 */
class MediaClient : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~MediaClient() override = default;

    /**
     * Sends @p path to @p peer (a username or a group key) with an optional caption:
     * the message is stored at once (Queued, attachment Uploading) and goes out when
     * the upload is done. Returns its id, or a null id (errorOccurred says why: no such
     * file, unreadable, larger than maxFileSize()).
     */
    virtual protocol::MessageId sendFile(const QString &peer, const QString &path,
                                         const QString &caption = {}) = 0;
    /**
     * Sends the voice note recorded at @p path (VoiceRecorder) to @p peer as sendFile()
     * does, described as kind `voice` with its length and waveform (docs/protocol.md 8).
     * The file is copied into the profile; @p path stays the caller's.
     */
    virtual protocol::MessageId sendVoiceNote(const QString &peer, const QString &path,
                                              quint64 durationMs, const QByteArray &waveform) = 0;
    /** Starts or resumes fetching an incoming attachment; false if there is none to fetch. */
    virtual bool download(const protocol::MessageId &message) = 0;
    /** Stops an upload or download (state Cancelled); what was moved is kept for retry(). */
    virtual void cancel(const protocol::MessageId &message) = 0;
    /** Starts a Failed or Cancelled transfer again from where it stopped. */
    virtual bool retry(const protocol::MessageId &message) = 0;
    /** The attachment of @p message, if it has one. */
    virtual std::optional<Attachment> attachment(const protocol::MessageId &message) = 0;

    /** Images and voice notes up to this many bytes are fetched without a click (default
     *  16 MB; 0: never). */
    virtual qint64 autoDownloadLimit() const = 0;
    virtual void setAutoDownloadLimit(qint64 bytes) = 0;
    /** Where incoming files are saved (default: "files" in the profile directory). */
    virtual QString downloadDirectory() const = 0;
    virtual void setDownloadDirectory(const QString &dir) = 0;
    /** The largest file that can be sent (what fits in the protocol's 2 GiB blob). */
    static quint64 maxFileSize();

Q_SIGNALS:
    /** Bytes moved for @p message's attachment (upload or download). */
    void transferProgress(const linnet::protocol::MessageId &message, const QString &conversation,
                          quint64 done, quint64 total);
    /** The attachment's state changed (attachment() has the new one). */
    void attachmentChanged(const linnet::protocol::MessageId &message, const QString &conversation);
    /** A failure a person should hear about (file too large, over quota, hash mismatch...). */
    void errorOccurred(const QString &reason, const linnet::protocol::MessageId &message);
};

} // namespace linnet::client
