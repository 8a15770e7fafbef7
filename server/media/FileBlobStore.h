// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/BlobStore.h"

#include <QString>

namespace linnet::server {

/**
 * Blobs as files in one directory (<data_dir>/media, mode 0700), each named by
 * its id in hex (mode 0600). Writes go straight to the file (no buffer of
 * ours), so what was accepted survives the process being killed.
 */
class FileBlobStore final : public BlobStore {
public:
    explicit FileBlobStore(QString directory);

    /** Creates the directory (0700) if needed; an error says why it cannot. */
    protocol::Status open();
    const QString &directory() const { return m_dir; }
    QString pathOf(const QByteArray &id) const;

    protocol::Result<std::unique_ptr<BlobWriter>> openForAppend(const QByteArray &id,
                                                                qint64 offset) override;
    qint64 size(const QByteArray &id) const override;
    protocol::Result<std::unique_ptr<BlobReader>> openForRead(const QByteArray &id,
                                                              qint64 offset) override;
    bool remove(const QByteArray &id) override;
    qint64 bytesAvailable() const override;

private:
    QString m_dir;
};

} // namespace linnet::server
