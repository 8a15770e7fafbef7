// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/HistoryStream.h"

#include <QCborValue>
#include <QIODevice>
#include <QtEndian>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;

/** "LNHIST", then 0 and the format version. */
constexpr char kMagic[8] = {'L', 'N', 'H', 'I', 'S', 'T', 0, 1};
const QString kType = QStringLiteral("t");
const QString kEnd = QStringLiteral("end");

const char *const kCountKeys[] = {"conversations", "groups", "messages", "verified", "contacts"};

int *countField(HistoryCounts &c, int i)
{
    int *fields[] = {&c.conversations, &c.groups, &c.messages, &c.verified, &c.contacts};
    return fields[i];
}

} // namespace

bool HistoryWriter::begin()
{
    return m_out.write(kMagic, sizeof kMagic) == qint64(sizeof kMagic);
}

bool HistoryWriter::write(const char *type, QCborMap record)
{
    record.insert(kType, QLatin1String(type));
    const QByteArray bytes = QCborValue(record).toCbor();
    uchar length[4];
    qToBigEndian(quint32(bytes.size()), length);
    return m_out.write(reinterpret_cast<const char *>(length), 4) == 4 &&
           m_out.write(bytes) == bytes.size();
}

bool HistoryWriter::end(const HistoryCounts &counts)
{
    QCborMap record;
    HistoryCounts c = counts;
    for (int i = 0; i < int(std::size(kCountKeys)); ++i)
        record.insert(QLatin1String(kCountKeys[i]), *countField(c, i));
    return write("end", record);
}

protocol::Error HistoryReader::damaged(const QString &why) const
{
    return makeError(
        ErrorCode::MalformedFrame,
        QStringLiteral("the history is damaged at record %1: %2").arg(m_record).arg(why));
}

protocol::Status HistoryReader::begin()
{
    const QByteArray magic = m_in.read(sizeof kMagic);
    if (magic.size() != qsizetype(sizeof kMagic) || !magic.startsWith(QByteArray(kMagic, 6)))
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("this is not a Linnet history (no LNHIST header)"));
    if (magic != QByteArray(kMagic, sizeof kMagic))
        return makeError(ErrorCode::UnsupportedVersion,
                         QStringLiteral("this history has format version %1; this version of "
                                        "Linnet reads version %2")
                             .arg(int(uchar(magic.at(7))))
                             .arg(int(kMagic[7])));
    return {};
}

protocol::Result<std::optional<QCborMap>> HistoryReader::next()
{
    if (m_done)
        return std::optional<QCborMap>();
    ++m_record;
    const QByteArray head = m_in.read(4);
    if (head.size() != 4)
        return damaged(QStringLiteral("it ends before its \"end\" record (cut short?)"));
    const quint32 length = qFromBigEndian<quint32>(head.constData());
    if (length == 0 || length > kMaxRecordBytes)
        return damaged(QStringLiteral("a record length of %1 bytes").arg(length));
    const QByteArray bytes = m_in.read(length);
    if (bytes.size() != qsizetype(length))
        return damaged(QStringLiteral("the record is cut short"));
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap() ||
        !value.toMap().value(kType).isString())
        return damaged(QStringLiteral("the record is not a CBOR map with a type"));
    QCborMap record = value.toMap();
    if (record.value(kType).toString() != kEnd)
        return std::optional<QCborMap>(std::move(record));
    for (int i = 0; i < int(std::size(kCountKeys)); ++i) {
        const QCborValue v = record.value(QLatin1String(kCountKeys[i]));
        if (!v.isInteger() || v.toInteger() < 0 || v.toInteger() > INT_MAX)
            return damaged(QStringLiteral("the \"end\" record has no count of %1")
                               .arg(QLatin1String(kCountKeys[i])));
        *countField(m_end, i) = int(v.toInteger());
    }
    if (!m_in.atEnd() && !m_in.read(1).isEmpty())
        return damaged(QStringLiteral("there are bytes after the \"end\" record"));
    m_done = true;
    return std::optional<QCborMap>();
}

} // namespace linnet::client
