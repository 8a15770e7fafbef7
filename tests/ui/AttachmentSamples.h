// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Attachments as MessageModel describes them (AttachmentRole maps, message rows), the
// files behind them and a MediaClient that records what is asked of it: shared by the
// attachment widget tests.

#include "media/MediaClient.h"
#include "models/MessageModel.h"
#include "protocol/MessageId.h"

#include <QBuffer>
#include <QColor>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QStandardItem>
#include <QStringList>
#include <QVariantMap>

namespace linnet::test::samples {

using namespace linnet::client;

inline QString writePng(const QString &path, const QSize &size, const QColor &color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    return image.save(path, "PNG") ? path : QString();
}

inline QString writeFile(const QString &path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray(bytes, 'x'));
    return path;
}

inline QByteArray thumbnailJpeg(const QColor &color)
{
    QImage image(QSize(64, 48), QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return bytes;
}

inline QVariantMap imageAttachment(const QString &state, const QString &path = {})
{
    return {{QStringLiteral("name"), QStringLiteral("beach.jpg")},
            {QStringLiteral("size"), qulonglong(3'200'000)},
            {QStringLiteral("mime"), QStringLiteral("image/jpeg")},
            {QStringLiteral("kind"), QStringLiteral("image")},
            {QStringLiteral("state"), state},
            {QStringLiteral("transferred"), qulonglong(800'000)},
            {QStringLiteral("total"), qulonglong(3'200'100)},
            {QStringLiteral("path"), path},
            {QStringLiteral("thumbnail"), thumbnailJpeg(Qt::darkCyan)},
            {QStringLiteral("width"), 1600},
            {QStringLiteral("height"), 1200},
            {QStringLiteral("error"), QString()}};
}

inline QVariantMap fileAttachment(const QString &state, const QString &path = {})
{
    return {{QStringLiteral("name"), QStringLiteral("report.pdf")},
            {QStringLiteral("size"), qulonglong(2'400'000)},
            {QStringLiteral("mime"), QStringLiteral("application/pdf")},
            {QStringLiteral("kind"), QStringLiteral("file")},
            {QStringLiteral("state"), state},
            {QStringLiteral("transferred"), qulonglong(1'200'000)},
            {QStringLiteral("total"), qulonglong(2'400'100)},
            {QStringLiteral("path"), path},
            {QStringLiteral("thumbnail"), QByteArray()},
            {QStringLiteral("width"), 0},
            {QStringLiteral("height"), 0},
            {QStringLiteral("error"), QString()}};
}

/** Records what AttachmentActions asks of the engine. */
class FakeMedia : public MediaClient {
public:
    QStringList calls;
    linnet::protocol::MessageId sendFile(const QString &, const QString &, const QString &) override
    {
        return {};
    }
    linnet::protocol::MessageId sendVoiceNote(const QString &peer, const QString &path,
                                              quint64 durationMs, const QByteArray &) override
    {
        calls << QStringLiteral("voice %1 %2 %3").arg(peer, path).arg(durationMs);
        return linnet::protocol::MessageId::generate();
    }
    bool download(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("download ") + id.toHex();
        return true;
    }
    void cancel(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("cancel ") + id.toHex();
    }
    bool retry(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("retry ") + id.toHex();
        return true;
    }
    std::optional<Attachment> attachment(const linnet::protocol::MessageId &) override
    {
        return {};
    }
    qint64 autoDownloadLimit() const override { return 0; }
    void setAutoDownloadLimit(qint64) override {}
    QString downloadDirectory() const override { return {}; }
    void setDownloadDirectory(const QString &) override {}
};

/** A message row as MessageModel gives it. */
inline QStandardItem *row(const QVariantMap &attachment, bool outgoing, const QString &caption = {})
{
    auto *item = new QStandardItem;
    item->setData(linnet::protocol::MessageId::generate().toHex(), MessageModel::IdRole);
    item->setData(outgoing ? QStringLiteral("me") : QStringLiteral("ben"),
                  MessageModel::SenderRole);
    item->setData(outgoing, MessageModel::OutgoingRole);
    item->setData(caption, MessageModel::TextRole);
    item->setData(QDateTime::currentMSecsSinceEpoch(), MessageModel::SentAtRole);
    item->setData(int(DeliveryState::Sent), MessageModel::StateRole);
    item->setData(int(attachment.isEmpty() ? MessageKind::Text : MessageKind::File),
                  MessageModel::KindRole);
    if (!attachment.isEmpty())
        item->setData(attachment, MessageModel::AttachmentRole);
    return item;
}

} // namespace linnet::test::samples
