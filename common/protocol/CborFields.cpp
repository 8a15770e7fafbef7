// SPDX-License-Identifier: GPL-3.0-or-later
#include "CborFields.h"

#include "Limits.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace linnet::protocol::detail {

namespace {

QString quoted(const char *key)
{
    return QLatin1Char('"') + QLatin1String(key) + QLatin1Char('"');
}

/** Pairwise below this many fields; sorted above (a frame may carry thousands of unknown keys). */
constexpr qsizetype kPairwiseDuplicateCheck = 16;

} // namespace

FieldReader::FieldReader(QByteArrayView bytes) : m_scan(bytes)
{
    if (bytes.isEmpty()) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("empty frame"));
        return;
    }
    CborItem top;
    if (!m_scan.read(0, top)) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("invalid CBOR at byte %1: %2")
                                            .arg(m_scan.errorOffset())
                                            .arg(QLatin1String(m_scan.error())));
        return;
    }
    if (top.type != CborItem::Type::Map) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("a frame must be a CBOR map"));
        return;
    }
    if (top.end != bytes.size()) {
        fail(ErrorCode::MalformedFrame,
             QStringLiteral("%1 trailing bytes after the frame").arg(bytes.size() - top.end));
        return;
    }
    index(top, "frame keys must be text strings");
}

FieldReader::FieldReader(const CborScanner &scanner, const CborItem &map) : m_scan(scanner)
{
    index(map, "keys must be text strings");
}

void FieldReader::index(const CborItem &map, const char *nonTextKeys)
{
    CborChildren children(m_scan, map);
    CborItem key;
    CborItem value;
    while (children.next(key) && children.next(value)) {
        if (key.type != CborItem::Type::Text) {
            fail(ErrorCode::MalformedFrame, QLatin1String(nonTextKeys));
            return;
        }
        QByteArrayView name;
        if (key.indefinite) {
            m_joinedKeys.push_back(m_scan.copyBytes(key));
            name = m_joinedKeys.back();
        } else {
            name = m_scan.view(key);
        }
        m_fields.append(Field{name, value});
    }
    rejectDuplicateKeys();
}

void FieldReader::rejectDuplicateKeys()
{
    const auto duplicate = [this](QByteArrayView key) {
        fail(ErrorCode::MalformedFrame, QStringLiteral("duplicate key \"%1\"")
                                            .arg(QString::fromUtf8(key).left(kMaxUsernameLength)));
    };
    const qsizetype n = m_fields.size();
    if (n <= kPairwiseDuplicateCheck) {
        for (qsizetype i = 0; i < n; ++i)
            for (qsizetype j = i + 1; j < n; ++j)
                if (m_fields[i].key == m_fields[j].key)
                    return duplicate(m_fields[i].key);
        return;
    }
    std::vector<QByteArrayView> keys;
    keys.reserve(size_t(n));
    for (const Field &f : std::as_const(m_fields))
        keys.push_back(f.key);
    std::sort(keys.begin(), keys.end());
    const auto same = std::adjacent_find(keys.cbegin(), keys.cend());
    if (same != keys.cend())
        duplicate(*same);
}

template <typename List, typename Take>
List FieldReader::elements(const char *key, qsizetype minCount, qsizetype maxCount, Need need,
                           Take take)
{
    List out;
    const auto a = array(key, minCount, maxCount, need);
    if (!a)
        return out;
    out.reserve(typename List::size_type(a->value));
    CborChildren children(m_scan, *a);
    CborItem element;
    while (children.next(element)) {
        if (!take(element, out))
            return {};
    }
    return out;
}

std::vector<FieldReader> FieldReader::mapList(const char *key, qsizetype minCount,
                                              qsizetype maxCount, Need need)
{
    return elements<std::vector<FieldReader>>(key, minCount, maxCount, need,
                                              [&](const CborItem &element, auto &out) {
                                                  if (element.type != CborItem::Type::Map) {
                                                      mistyped(key, "an array of maps");
                                                      return false;
                                                  }
                                                  out.push_back(FieldReader(m_scan, element));
                                                  return true;
                                              });
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

const CborItem *FieldReader::item(const char *key) const
{
    const QByteArrayView wanted(key);
    for (const Field &f : m_fields)
        if (f.key == wanted)
            return &f.value;
    return nullptr;
}

QByteArray FieldReader::utf8(const CborItem &text) const
{
    if (text.indefinite)
        return m_scan.copyBytes(text);
    const QByteArrayView bytes = m_scan.view(text);
    return QByteArray::fromRawData(bytes.data(), bytes.size());
}

const CborItem *FieldReader::find(const char *key, Need need)
{
    if (failed())
        return nullptr;
    const CborItem *value = item(key);
    if (!value && need == Need::Required)
        fail(ErrorCode::MalformedFrame, QStringLiteral("missing field %1").arg(quoted(key)));
    return value;
}

const CborItem *FieldReader::findOf(const char *key, Need need, CborItem::Type type,
                                    const char *expected)
{
    const CborItem *value = find(key, need);
    if (value && value->type != type) {
        mistyped(key, expected);
        return nullptr;
    }
    return value;
}

bool FieldReader::checkInteger(const char *key, const CborItem &value, qint64 min, qint64 max,
                               qint64 *out)
{
    if (value.type != CborItem::Type::Unsigned && value.type != CborItem::Type::Negative) {
        mistyped(key, "an integer");
        return false;
    }
    if (value.value > quint64(INT64_MAX)) {
        invalid(key, QStringLiteral("does not fit a 64-bit signed integer"));
        return false;
    }
    const qint64 v =
        value.type == CborItem::Type::Unsigned ? qint64(value.value) : -1 - qint64(value.value);
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
    if (const CborItem *value = find(key, need))
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
    const CborItem *value = find(key, need);
    if (!value)
        return false;
    if (value->type != CborItem::Type::True && value->type != CborItem::Type::False) {
        mistyped(key, "true or false");
        return false;
    }
    return value->type == CborItem::Type::True;
}

QString FieldReader::text(const char *key, qsizetype minLength, qsizetype maxLength, Need need)
{
    const CborItem *value = findOf(key, need, CborItem::Type::Text, "a text string");
    if (!value)
        return {};
    const auto tooShortOrLong = [&] {
        invalid(key,
                QStringLiteral("must be %1 to %2 characters long").arg(minLength).arg(maxLength));
    };
    // A UTF-16 unit takes 1 to 3 UTF-8 bytes: refuse a string that cannot fit unconverted.
    if (value->value < quint64(minLength) || value->value > 3 * quint64(maxLength)) {
        tooShortOrLong();
        return {};
    }
    QString s = m_scan.text(*value);
    if (s.size() < minLength || s.size() > maxLength) {
        tooShortOrLong();
        return {};
    }
    return s;
}

QString FieldReader::textBytes(const char *key, qsizetype minBytes, qsizetype maxBytes)
{
    // A UTF-16 unit is at most 3 UTF-8 bytes: bound the size before converting.
    QString s = text(key, 0, 3 * maxBytes);
    if (failed() || !has(key))
        return {};
    const auto size = qsizetype(item(key)->value); // the UTF-8 length, as sent
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
    const CborItem *value = findOf(key, need, CborItem::Type::Bytes, "a byte string");
    if (!value)
        return {};
    if (value->value < quint64(minSize) || value->value > quint64(maxSize)) {
        if (minSize == maxSize)
            invalid(key, QStringLiteral("must be exactly %1 bytes").arg(minSize));
        else
            invalid(key, QStringLiteral("must be %1 to %2 bytes").arg(minSize).arg(maxSize));
        return {};
    }
    return m_scan.copyBytes(*value);
}

MessageId FieldReader::messageId(const char *key, Need need)
{
    const CborItem *value = findOf(key, need, CborItem::Type::Bytes, "a byte string");
    if (!value)
        return {};
    if (value->value != quint64(MessageId::kSize)) {
        invalid(key, QStringLiteral("must be exactly %1 bytes").arg(MessageId::kSize));
        return {};
    }
    const auto id = messageIdOf(*value);
    if (!id || id->isNull()) {
        invalid(key, QStringLiteral("must not be the all-zero message id"));
        return {};
    }
    return *id;
}

std::optional<CborItem> FieldReader::array(const char *key, qsizetype minCount, qsizetype maxCount,
                                           Need need)
{
    const CborItem *value = findOf(key, need, CborItem::Type::Array, "an array");
    if (!value)
        return std::nullopt;
    if (value->value < quint64(minCount) || value->value > quint64(maxCount)) {
        invalid(key, QStringLiteral("must have %1 to %2 elements").arg(minCount).arg(maxCount));
        return std::nullopt;
    }
    return *value;
}

std::optional<MessageId> FieldReader::messageIdOf(const CborItem &bytes) const
{
    if (bytes.value != quint64(MessageId::kSize))
        return std::nullopt;
    return bytes.indefinite ? MessageId::fromBytes(m_scan.copyBytes(bytes))
                            : MessageId::fromBytes(m_scan.view(bytes));
}

QList<quint64> FieldReader::unsignedList(const char *key, qsizetype minCount, qsizetype maxCount,
                                         Need need)
{
    return elements<QList<quint64>>(key, minCount, maxCount, need,
                                    [&](const CborItem &element, QList<quint64> &out) {
                                        qint64 v = 0;
                                        if (!checkInteger(key, element, 1, INT64_MAX, &v))
                                            return false;
                                        out.append(quint64(v));
                                        return true;
                                    });
}

QList<MessageId> FieldReader::messageIdList(const char *key, qsizetype minCount, qsizetype maxCount,
                                            Need need)
{
    return elements<QList<MessageId>>(
        key, minCount, maxCount, need, [&](const CborItem &element, QList<MessageId> &out) {
            if (element.type != CborItem::Type::Bytes) {
                mistyped(key, "an array of byte strings");
                return false;
            }
            const auto id = messageIdOf(element);
            if (!id || id->isNull()) {
                invalid(key, QStringLiteral("must hold 16-byte, non-zero message ids"));
                return false;
            }
            out.append(*id);
            return true;
        });
}

QList<QByteArray> FieldReader::fixedBytesList(const char *key, qsizetype size, qsizetype minCount,
                                              qsizetype maxCount, Need need)
{
    return elements<QList<QByteArray>>(
        key, minCount, maxCount, need, [&](const CborItem &element, QList<QByteArray> &out) {
            if (element.type != CborItem::Type::Bytes) {
                mistyped(key, "an array of byte strings");
                return false;
            }
            if (element.value != quint64(size)) {
                invalid(key, QStringLiteral("must hold byte strings of %1 bytes").arg(size));
                return false;
            }
            QByteArray value = m_scan.copyBytes(element);
            if (out.contains(value)) {
                invalid(key, QStringLiteral("names the same value twice"));
                return false;
            }
            out.append(std::move(value));
            return true;
        });
}

QStringList FieldReader::usernameList(const char *key, qsizetype maxCount, bool lenient)
{
    return elements<QStringList>(
        key, 0, maxCount, Need::Required, [&](const CborItem &element, QStringList &out) {
            if (element.type != CborItem::Type::Text) {
                mistyped(key, "an array of text strings");
                return false;
            }
            if (lenient) {
                out.append(m_scan.text(element));
                return true;
            }
            QString name =
                element.value > quint64(kMaxUsernameLength) ? QString() : m_scan.text(element);
            if (!isValidUsername(name)) {
                invalid(key, QStringLiteral("holds an invalid username"));
                return false;
            }
            out.append(std::move(name));
            return true;
        });
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

void FieldWriter::append(const MessageId &id)
{
    m_w.appendByteString(reinterpret_cast<const char *>(id.data().data()), MessageId::kSize);
}

void FieldWriter::operator()(const char *k, const MessageId &value)
{
    key(k);
    append(value);
}

void FieldWriter::operator()(const char *k, const QList<quint64> &values)
{
    array(k, values, [this](quint64 v) { m_w.append(v); });
}

void FieldWriter::operator()(const char *k, const QList<MessageId> &values)
{
    array(k, values, [this](const MessageId &id) { append(id); });
}

void FieldWriter::operator()(const char *k, const QList<QByteArray> &values)
{
    array(k, values, [this](const QByteArray &value) { m_w.append(value); });
}

void FieldWriter::operator()(const char *k, const QStringList &values)
{
    array(k, values, [this](const QString &s) { m_w.append(s); });
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
