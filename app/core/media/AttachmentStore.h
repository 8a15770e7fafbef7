// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/MediaClient.h"

#include <QList>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * The attachments table of a profile (ClientMigrations step 6): for each message of
 * kind File, the sender's description (FileRef) and this device's transfer state.
 * Every method is one statement or one transaction; nothing here touches files or
 * the network (MediaController does). A voice note has no thumbnail: its `thumbnail`
 * column holds the note's waveform (FileRef::waveform) instead, so no schema step was needed.
 */
class AttachmentStore {
public:
    explicit AttachmentStore(LocalStore &store) : m_store(store) {}

    /** Inserts @p attachment inside a caller's transaction (e.g. LocalStore::addIncoming's
     *  @p also); @p streamHeader: an own upload's secretstream header; @p sourcePath: the
     *  user's file an own upload is still to be copied from (the row is not prepared). */
    static bool insert(const QSqlDatabase &db, const Attachment &attachment,
                       const QByteArray &streamHeader = {}, const QString &sourcePath = {});

    /** An own upload's copy: where it comes from and whether it is complete. */
    struct Preparation {
        QString sourcePath; ///< the user's file (empty for rows from before schema 7)
        bool prepared = true;
    };
    std::optional<Preparation> preparation(const protocol::MessageId &message);
    /** The copy of an own upload is complete: what it is, as its content says. */
    bool setPrepared(const protocol::MessageId &message, const protocol::FileRef &described);

    /** What stores an incoming attachment (state Remote) beside its message, for
     *  LocalStore::addIncoming's @p also. */
    static std::function<bool(const QSqlDatabase &)> incoming(const protocol::MessageId &message,
                                                              const protocol::FileRef &file);

    std::optional<Attachment> attachment(const protocol::MessageId &message);
    /** The secretstream header of an own upload (empty for incoming ones). */
    QByteArray streamHeader(const protocol::MessageId &message);
    /** The attachments in @p state, oldest message first. */
    QList<Attachment> inState(TransferState state);
    /** Downloaded attachments the server has not been told of (media_done) yet. */
    QList<Attachment> doneNotAnnounced();

    /** A new state and, for Failed, why (cleared otherwise). */
    bool setState(const protocol::MessageId &message, TransferState state,
                  const QString &error = {});
    bool setTransferred(const protocol::MessageId &message, quint64 bytes);
    /** The blob the server reserved for an own upload. */
    bool setBlob(const protocol::MessageId &message, const QByteArray &blob);
    /** An own upload is complete: the blob's hash is known, state Uploaded. */
    bool setUploaded(const protocol::MessageId &message, const QByteArray &sha256);
    /** A download is checked and decrypted into @p localPath: state Done. */
    bool setDone(const protocol::MessageId &message, const QString &localPath);
    /** The server acknowledged media_done for this attachment's blob. */
    bool setAnnounced(const protocol::MessageId &message);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
