// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/MediaClient.h"

namespace linnet::client {

namespace {
/** The largest blob a server takes by default (media_max_bytes, 2 GiB). */
constexpr quint64 kMaxBlobBytes = quint64(2) * 1024 * 1024 * 1024;
constexpr quint64 kChunk = 64 * 1024;
constexpr quint64 kHeader = 24;
constexpr quint64 kOverhead = 17;

constexpr quint64 blobSizeOf(quint64 plain)
{
    return kHeader + plain + kOverhead * (plain / kChunk + 1);
}

constexpr quint64 largestFitting()
{
    // The blob grows by a little more than the file: start below and step up.
    quint64 plain = (kMaxBlobBytes - kHeader - kOverhead) / (kChunk + kOverhead) * kChunk;
    while (blobSizeOf(plain + 1) <= kMaxBlobBytes)
        ++plain;
    return plain;
}
} // namespace

QString transferStateName(TransferState state)
{
    switch (state) {
    case TransferState::Uploading:
        return QStringLiteral("uploading");
    case TransferState::Uploaded:
        return QStringLiteral("uploaded");
    case TransferState::Remote:
        return QStringLiteral("remote");
    case TransferState::Downloading:
        return QStringLiteral("downloading");
    case TransferState::Done:
        return QStringLiteral("done");
    case TransferState::Failed:
        return QStringLiteral("failed");
    case TransferState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

quint64 MediaClient::maxFileSize()
{
    static const quint64 largest = largestFitting();
    return largest;
}

} // namespace linnet::client
