// SPDX-License-Identifier: GPL-3.0-or-later
// Private to MediaController: one upload or download in its queue.
#pragma once

#include "media/AttachmentCipher.h"
#include "media/BlobTransfer.h"
#include "media/DecryptingWriter.h"
#include "media/MediaController.h"
#include "media/MediaFiles.h"

#include <QFutureWatcher>

#include <memory>

namespace linnet::client {

struct MediaController::Job {
    protocol::MessageId message;
    QString conversation; ///< cached for signals
    bool upload = false;
    QString outPath;       ///< a download saved here instead of the download directory
    quint32 requestId = 0; ///< media_upload / media_download waiting for its ticket
    std::unique_ptr<media::EncryptingReader> reader; ///< an upload's source
    /** A download's destination: decrypts as the blob comes; kept across retries. Shared
     *  with the worker that opens it (see opening). */
    std::shared_ptr<media::DecryptingWriter> writer;
    BlobTransfer *transfer = nullptr; ///< owned; deleteLater
    /** An own upload's copy and preview being made on a worker; owned, deleteLater. */
    QFutureWatcher<mediafiles::PreparedCopy> *preparing = nullptr;
    /** A download's part file being opened on a worker (a resume re-encrypts what it
     *  holds to rebuild the stream state: seconds for a large file); owned, deleteLater. */
    QFutureWatcher<media::Status> *opening = nullptr;
    qint64 notBefore = 0; ///< ms: not tried again before (after a temporary failure)
    int retryMs = 0;      ///< the last delay; doubles
    int refusals = 0;     ///< tickets refused in a row (expired, offset moved)
    quint64 transferred = 0;
    qint64 savedAt = 0; ///< when progress was last written to the store

    bool busy() const
    {
        return requestId != 0 || transfer != nullptr || preparing != nullptr || opening != nullptr;
    }
};

} // namespace linnet::client
