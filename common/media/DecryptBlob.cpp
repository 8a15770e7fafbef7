// SPDX-License-Identifier: GPL-3.0-or-later
// decryptBlob (declared in AttachmentCipher.h): check a downloaded blob and decrypt it
// into place, or leave nothing.
#include "AttachmentCipher.h"

#include "media/DecryptingWriter.h"

#include <QFile>

namespace linnet::media {

Status decryptBlob(const QString &blobPath, const QByteArray &key, const QByteArray &sha256,
                   const QString &outPath)
{
    QFile in(blobPath);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return MediaFailure{MediaError::Io,
                            QStringLiteral("cannot open %1: %2").arg(blobPath, in.errorString())};
    DecryptingWriter writer(outPath + QStringLiteral(".part"), key, sha256);
    if (Status s = writer.open(DecryptingWriter::Mode::Fresh); !s)
        return s;
    QByteArray buffer(4 * kChunkBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0) {
            writer.discard();
            return MediaFailure{
                MediaError::Io,
                QStringLiteral("cannot read %1: %2").arg(blobPath, in.errorString())};
        }
        if (n == 0)
            break;
        // A blob that does not decrypt is read to its end all the same, so that the hash
        // is known: one that is not the blob the message describes is reported as such.
        if (Status s = writer.write(QByteArrayView(buffer.constData(), n));
            !s && s.error().code == MediaError::Io) {
            writer.discard();
            return s;
        }
    }
    Status s = writer.finish(outPath);
    if (!s)
        writer.discard();
    return s;
}

} // namespace linnet::media
