// SPDX-License-Identifier: GPL-3.0-or-later
#include "CborFields.h"

#include "Limits.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace linnet::protocol::detail {

namespace {

/*
 * QCborValue cannot hold integers outside qint64: it turns large unsigned ones
 * into doubles and wraps large negative ones. Integers are therefore read from the
 * stream here, and one that does not fit is stored as this marker (a tagged
 * undefined, storable in arrays unlike an Invalid value) so that the typed
 * getters reject it as out of range.
 */
constexpr auto kOutOfRangeTag = QCborTag(~quint64(0));

QCborValue outOfRangeInteger()
{
    return QCborValue(kOutOfRangeTag, QCborValue(QCborValue::Undefined));
}

/** Reads one item; integers directly, and the elements of a first-level array too. */
QCborValue readItem(QCborStreamReader &reader, bool descend)
{
    if (reader.isUnsignedInteger()) {
        const quint64 u = reader.toUnsignedInteger();
        reader.next();
        return u > quint64(INT64_MAX) ? outOfRangeInteger() : QCborValue(qint64(u));
    }
    if (reader.isNegativeInteger()) {
        // The magnitude, where 0 stands for -2^64.
        const quint64 magnitude = quint64(reader.toNegativeInteger());
        reader.next();
        if (magnitude == 0 || magnitude > quint64(INT64_MAX) + 1)
            return outOfRangeInteger();
        return QCborValue(-qint64(magnitude - 1) - 1);
    }
    if (descend && reader.isArray()) {
        QCborArray array;
        if (!reader.enterContainer())
            return {};
        while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
            QCborValue element = readItem(reader, false);
            // A failed read yields an Invalid value, which QCborArray must never hold.
            if (reader.lastError() != QCborError::NoError || element.isInvalid())
                return {};
            array.append(std::move(element));
        }
        if (reader.lastError() != QCborError::NoError || !reader.leaveContainer())
            return {};
        return array;
    }
    return QCborValue::fromCbor(reader);
}

} // namespace

bool isOutOfRangeInteger(const QCborValue &value)
{
    return value.isTag() && value.tag() == kOutOfRangeTag && value.taggedValue().isUndefined();
}

namespace {

QString quoted(const char *key)
{
    return QLatin1Char('"') + QLatin1String(key) + QLatin1Char('"');
}

} // namespace

FieldReader::FieldReader(QByteArrayView bytes)
{
    if (bytes.isEmpty()) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("empty frame"));
        return;
    }
    QCborStreamReader reader(bytes.data(), bytes.size());
    const auto parseError = [&] {
        fail(ErrorCode::MalformedFrame, QStringLiteral("invalid CBOR at byte %1: %2")
                                            .arg(reader.currentOffset())
                                            .arg(reader.lastError().toString()));
    };
    if (reader.lastError() != QCborError::NoError) {
        parseError();
        return;
    }
    if (!reader.isMap()) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("a frame must be a CBOR map"));
        return;
    }
    if (!reader.enterContainer()) {
        parseError();
        return;
    }
    while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
        if (!reader.isString()) {
            if (reader.lastError() != QCborError::NoError)
                break;
            fail(ErrorCode::MalformedFrame, QStringLiteral("frame keys must be text strings"));
            return;
        }
        QString key;
        auto chunk = reader.readString();
        while (chunk.status == QCborStreamReader::Ok) {
            key += chunk.data;
            chunk = reader.readString();
        }
        if (chunk.status == QCborStreamReader::Error)
            break;
        QCborValue value = readItem(reader, true);
        if (reader.lastError() != QCborError::NoError)
            break;
        if (m_fields.contains(key)) {
            fail(ErrorCode::MalformedFrame,
                 QStringLiteral("duplicate key \"%1\"").arg(key.left(kMaxUsernameLength)));
            return;
        }
        m_fields.insert(key, std::move(value));
    }
    if (reader.lastError() != QCborError::NoError || !reader.leaveContainer()) {
        parseError();
        return;
    }
    if (reader.currentOffset() != bytes.size()) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("%1 trailing bytes after the frame")
                                            .arg(bytes.size() - reader.currentOffset()));
    }
}

FieldReader::FieldReader(const QCborMap &map)
{
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString()) {
            fail(ErrorCode::MalformedFrame, QStringLiteral("keys must be text strings"));
            return;
        }
        const QString key = it.key().toString();
        if (m_fields.contains(key)) {
            fail(ErrorCode::MalformedFrame,
                 QStringLiteral("duplicate key \"%1\"").arg(key.left(kMaxUsernameLength)));
            return;
        }
        m_fields.insert(key, it.value());
    }
}

std::vector<FieldReader> FieldReader::mapList(const char *key, qsizetype minCount,
                                              qsizetype maxCount, Need need)
{
    std::vector<FieldReader> out;
    const auto a = array(key, minCount, maxCount, need);
    if (!a)
        return out;
    out.reserve(size_t(a->size()));
    for (const QCborValue &element : *a) {
        if (!element.isMap()) {
            mistyped(key, "an array of maps");
            return {};
        }
        out.push_back(FieldReader(element.toMap()));
    }
    return out;
}

void FieldReader::absorb(const FieldReader &element, const char *key, qsizetype index)
{
    if (element.failed())
        fail(element.error().code, QStringLiteral("in %1[%2]: %3")
                                       .arg(QLatin1String(key))
                                       .arg(index)
                                       .arg(element.error().reason));
}

void FieldReader::fail(ErrorCode code, const QString &reason)
{
    if (!m_error)
        m_error = Error{code, reason};
}

void FieldReader::mistyped(const char *key, const char *expected)
{
    fail(ErrorCode::MalformedFrame,
         QStringLiteral("field %1 must be %2").arg(quoted(key), QLatin1String(expected)));
}

void FieldReader::invalid(const char *key, const QString &why)
{
    fail(ErrorCode::InvalidField, QStringLiteral("field %1 %2").arg(quoted(key), why));
}

bool FieldReader::has(const char *key) const
{
    return m_fields.contains(QLatin1String(key));
}

const QCborValue *FieldReader::value(const char *key) const
{
    const auto it = m_fields.constFind(QLatin1String(key));
    return it == m_fields.constEnd() ? nullptr : &it.value();
}

const QCborValue *FieldReader::find(const char *key, Need need)
{
    if (failed())
        return nullptr;
    const auto it = m_fields.constFind(QLatin1String(key));
    if (it == m_fields.constEnd()) {
        if (need == Need::Required)
            fail(ErrorCode::MalformedFrame, QStringLiteral("missing field %1").arg(quoted(key)));
        return nullptr;
    }
    return &it.value();
}

bool FieldReader::checkInteger(const char *key, const QCborValue &value, qint64 min, qint64 max,
                               qint64 *out)
{
    if (isOutOfRangeInteger(value)) {
        invalid(key, QStringLiteral("does not fit a 64-bit signed integer"));
        return false;
    }
    if (!value.isInteger()) {
        mistyped(key, "an integer");
        return false;
    }
    const qint64 v = value.toInteger();
    if (v < min || v > max) {
        invalid(key, QStringLiteral("is out of range (%1..%2)").arg(min).arg(max));
        return false;
    }
    *out = v;
    return true;
}

qint64 FieldReader::integer(const char *key, qint64 min, qint64 max, Need need)
{
    qint64 v = 0;
    if (const QCborValue *value = find(key, need))
        checkInteger(key, *value, min, max, &v);
    return v;
}

quint64 FieldReader::unsignedInt(const char *key, quint64 max, Need need)
{
    const qint64 limit = max > quint64(INT64_MAX) ? INT64_MAX : qint64(max);
    return quint64(integer(key, 0, limit, need));
}

bool FieldReader::boolean(const char *key, Need need)
{
    const QCborValue *value = find(key, need);
    if (!value)
        return false;
    if (!value->isBool()) {
        mistyped(key, "true or false");
        return false;
    }
    return value->toBool();
}

QString FieldReader::text(const char *key, qsizetype minLength, qsizetype maxLength, Need need)
{
    const QCborValue *value = find(key, need);
    if (!value)
        return {};
    if (!value->isString()) {
        mistyped(key, "a text string");
        return {};
    }
    QString s = value->toString();
    if (s.size() < minLength || s.size() > maxLength) {
        invalid(key,
                QStringLiteral("must be %1 to %2 characters long").arg(minLength).arg(maxLength));
        return {};
    }
    return s;
}

QString FieldReader::textBytes(const char *key, qsizetype minBytes, qsizetype maxBytes)
{
    // A UTF-16 unit is at most 3 UTF-8 bytes: bound the size before converting.
    QString s = text(key, 0, 3 * maxBytes);
    if (failed())
        return {};
    const qsizetype size = s.toUtf8().size();
    if (size < minBytes || size > maxBytes) {
        invalid(key,
                QStringLiteral("must be %1 to %2 bytes long in UTF-8").arg(minBytes).arg(maxBytes));
        return {};
    }
    return s;
}

QString FieldReader::username(const char *key)
{
    QString s = text(key, 0, kMaxUsernameLength);
    if (failed())
        return {};
    if (!isValidUsername(s)) {
        invalid(key, QStringLiteral("is not a valid username (3-32 of a-z 0-9 . _ -, "
                                    "starting with a letter or digit)"));
        return {};
    }
    return s;
}

QByteArray FieldReader::bytes(const char *key, qsizetype minSize, qsizetype maxSize, Need need)
{
    const QCborValue *value = find(key, need);
    if (!value)
        return {};
    if (!value->isByteArray()) {
        mistyped(key, "a byte string");
        return {};
    }
    QByteArray b = value->toByteArray();
    if (b.size() < minSize || b.size() > maxSize) {
        if (minSize == maxSize)
            invalid(key, QStringLiteral("must be exactly %1 bytes").arg(minSize));
        else
            invalid(key, QStringLiteral("must be %1 to %2 bytes").arg(minSize).arg(maxSize));
        return {};
    }
    return b;
}

MessageId FieldReader::messageId(const char *key, Need need)
{
    const QByteArray b = bytes(key, MessageId::kSize, MessageId::kSize, need);
    if (failed() || b.isEmpty())
        return {};
    const MessageId id = MessageId::fromBytes(b).value_or(MessageId{});
    if (id.isNull())
        invalid(key, QStringLiteral("must not be the all-zero message id"));
    return id;
}

std::optional<QCborArray> FieldReader::array(const char *key, qsizetype minCount,
                                             qsizetype maxCount, Need need)
{
    const QCborValue *value = find(key, need);
    if (!value)
        return std::nullopt;
    if (!value->isArray()) {
        mistyped(key, "an array");
        return std::nullopt;
    }
    QCborArray a = value->toArray();
    if (a.size() < minCount || a.size() > maxCount) {
        invalid(key, QStringLiteral("must have %1 to %2 elements").arg(minCount).arg(maxCount));
        return std::nullopt;
    }
    return a;
}

QList<quint64> FieldReader::unsignedList(const char *key, qsizetype minCount, qsizetype maxCount,
                                         Need need)
{
    QList<quint64> out;
    const auto a = array(key, minCount, maxCount, need);
    if (!a)
        return out;
    out.reserve(a->size());
    for (const QCborValue &element : *a) {
        qint64 v = 0;
        if (!checkInteger(key, element, 1, INT64_MAX, &v))
            return {};
        out.append(quint64(v));
    }
    return out;
}

QList<MessageId> FieldReader::messageIdList(const char *key, qsizetype minCount, qsizetype maxCount,
                                            Need need)
{
    QList<MessageId> out;
    const auto a = array(key, minCount, maxCount, need);
    if (!a)
        return out;
    out.reserve(a->size());
    for (const QCborValue &element : *a) {
        if (!element.isByteArray()) {
            mistyped(key, "an array of byte strings");
            return {};
        }
        const auto id = MessageId::fromBytes(element.toByteArray());
        if (!id || id->isNull()) {
            invalid(key, QStringLiteral("must hold 16-byte, non-zero message ids"));
            return {};
        }
        out.append(*id);
    }
    return out;
}

QStringList FieldReader::usernameList(const char *key, qsizetype maxCount)
{
    QStringList out;
    const auto a = array(key, 0, maxCount, Need::Required);
    if (!a)
        return out;
    out.reserve(a->size());
    for (const QCborValue &element : *a) {
        if (!element.isString()) {
            mistyped(key, "an array of text strings");
            return {};
        }
        QString name = element.toString();
        if (!isValidUsername(name)) {
            invalid(key, QStringLiteral("holds an invalid username"));
            return {};
        }
        out.append(std::move(name));
    }
    return out;
}

// --- encoding ----------------------------------------------------------------

void FieldWriter::key(const char *key)
{
    m_w.append(QLatin1String(key));
}

void FieldWriter::operator()(const char *k, quint64 value)
{
    key(k);
    m_w.append(value);
}

void FieldWriter::operator()(const char *k, qint64 value)
{
    key(k);
    m_w.append(value);
}

void FieldWriter::operator()(const char *k, bool value)
{
    key(k);
    m_w.append(value);
}

void FieldWriter::operator()(const char *k, const QString &value)
{
    key(k);
    m_w.append(value);
}

void FieldWriter::operator()(const char *k, const char *latin1Value)
{
    key(k);
    m_w.append(QLatin1String(latin1Value));
}

void FieldWriter::operator()(const char *k, const QByteArray &value)
{
    key(k);
    m_w.append(value);
}

void FieldWriter::operator()(const char *k, const MessageId &value)
{
    key(k);
    m_w.appendByteString(reinterpret_cast<const char *>(value.data().data()), MessageId::kSize);
}

void FieldWriter::operator()(const char *k, const QList<quint64> &values)
{
    key(k);
    m_w.startArray(quint64(values.size()));
    for (quint64 v : values)
        m_w.append(v);
    m_w.endArray();
}

void FieldWriter::operator()(const char *k, const QList<MessageId> &values)
{
    key(k);
    m_w.startArray(quint64(values.size()));
    for (const MessageId &id : values)
        m_w.appendByteString(reinterpret_cast<const char *>(id.data().data()), MessageId::kSize);
    m_w.endArray();
}

void FieldWriter::operator()(const char *k, const QStringList &values)
{
    key(k);
    m_w.startArray(quint64(values.size()));
    for (const QString &s : values)
        m_w.append(s);
    m_w.endArray();
}

// --- JSON dump ----------------------------------------------------------------

namespace {

QJsonValue toJson(const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::ByteArray:
        return QString::fromLatin1(value.toByteArray().toHex());
    case QCborValue::String:
        return value.toString();
    case QCborValue::Integer:
        return value.toInteger();
    case QCborValue::Double:
        return value.toDouble();
    case QCborValue::False:
    case QCborValue::True:
        return value.toBool();
    case QCborValue::Array: {
        QJsonArray out;
        for (const QCborValue &element : value.toArray())
            out.append(toJson(element));
        return out;
    }
    case QCborValue::Map: {
        QJsonObject out;
        const QCborMap map = value.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QCborValue k = it.key();
            const QString name = k.isString() ? k.toString() : k.toDiagnosticNotation();
            out.insert(name, toJson(it.value()));
        }
        return out;
    }
    default:
        if (value.isTag())
            return toJson(value.taggedValue());
        return QJsonValue::Null; // null, undefined, simple types
    }
}

} // namespace

QString cborToJson(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("{\"error\":\"empty input\"}");
    QCborStreamReader reader(bytes.data(), bytes.size());
    const QCborValue value = QCborValue::fromCbor(reader);
    QString error;
    if (reader.lastError() != QCborError::NoError)
        error = QStringLiteral("invalid CBOR at byte %1: %2")
                    .arg(reader.currentOffset())
                    .arg(reader.lastError().toString());
    else if (reader.currentOffset() != bytes.size())
        error = QStringLiteral("%1 trailing bytes after the frame")
                    .arg(bytes.size() - reader.currentOffset());
    if (!error.isEmpty()) {
        const QJsonObject out{{QStringLiteral("error"), error}};
        return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
    }
    // QJsonDocument only holds an object or an array: wrap, then unwrap scalars.
    const QByteArray json = QJsonDocument(QJsonArray{toJson(value)}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace linnet::protocol::detail
