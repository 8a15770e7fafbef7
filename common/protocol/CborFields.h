// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorCode.h"
#include "MessageId.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace linnet::protocol::detail {

/*
 * Typed access to the fields of one frame: FieldReader parses the top-level CBOR
 * map and checks each field as the frame decoder asks for it; FieldWriter and
 * FieldCounter are the two passes of encoding (a definite-length map needs its
 * size up front). Internal to FrameCodec.cpp; not part of the protocol API.
 */

enum class Need { Required, Optional };

/**
 * Parses the top-level map of a frame and hands out fields by key. The first
 * problem found is kept (error()); later getters then return defaults, so a
 * decoder reads every field in a row and checks failed() once at the end.
 */
class FieldReader {
public:
    /** Rejects invalid CBOR, trailing bytes, a non-map, non-text or duplicate keys. */
    explicit FieldReader(QByteArrayView bytes);

    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }
    /** Records @p code unless an earlier error is already recorded. */
    void fail(ErrorCode code, const QString &reason);

    bool has(const char *key) const;
    /** The raw value under @p key, or nullptr; see isOutOfRangeInteger(). */
    const QCborValue *value(const char *key) const;

    /** Any integer in [min, max]; a value that does not fit gives InvalidField. */
    qint64 integer(const char *key, qint64 min, qint64 max, Need need = Need::Required);
    quint64 unsignedInt(const char *key, quint64 max = quint64(INT64_MAX),
                        Need need = Need::Required);
    /** A row id (device, conversation): 1..2^63-1. */
    qint64 positiveId(const char *key) { return integer(key, 1, INT64_MAX); }
    /** Milliseconds since the epoch, UTC: 0..2^63-1. */
    qint64 timestamp(const char *key) { return integer(key, 0, INT64_MAX); }
    bool boolean(const char *key, Need need = Need::Required);
    /** Text whose length in UTF-16 code units is in [minLength, maxLength]. */
    QString text(const char *key, qsizetype minLength, qsizetype maxLength,
                 Need need = Need::Required);
    /** Text whose UTF-8 encoding is [minBytes, maxBytes] long. */
    QString textBytes(const char *key, qsizetype minBytes, qsizetype maxBytes);
    QString username(const char *key);
    QByteArray bytes(const char *key, qsizetype minSize, qsizetype maxSize,
                     Need need = Need::Required);
    /** 16 bytes, not all zero. */
    MessageId messageId(const char *key, Need need = Need::Required);

    QList<quint64> unsignedList(const char *key, qsizetype minCount, qsizetype maxCount,
                                Need need = Need::Required);
    QList<MessageId> messageIdList(const char *key, qsizetype minCount, qsizetype maxCount,
                                   Need need = Need::Required);
    QStringList usernameList(const char *key, qsizetype maxCount);
    /**
     * An array of maps, one reader per element. Read each element's fields, then
     * call absorb() so that its first error (if any) becomes this reader's, naming
     * the element.
     */
    std::vector<FieldReader> mapList(const char *key, qsizetype minCount, qsizetype maxCount,
                                     Need need = Need::Required);
    void absorb(const FieldReader &element, const char *key, qsizetype index);

private:
    /** A reader over one nested map (an element of mapList()). */
    explicit FieldReader(const QCborMap &map);

    /** The value under @p key, or nullptr (recording an error when required). */
    const QCborValue *find(const char *key, Need need);
    bool checkInteger(const char *key, const QCborValue &value, qint64 min, qint64 max,
                      qint64 *out);
    std::optional<QCborArray> array(const char *key, qsizetype minCount, qsizetype maxCount,
                                    Need need);
    void mistyped(const char *key, const char *expected);
    void invalid(const char *key, const QString &why);

    QHash<QString, QCborValue> m_fields;
    std::optional<Error> m_error;
};

/** True for the stand-in of an integer outside qint64 in a FieldReader value. */
bool isOutOfRangeInteger(const QCborValue &value);

/** Encoding pass one: counts the fields a frame will write. */
class FieldCounter {
public:
    template <typename... Args> void operator()(const char *, Args &&...) { ++count; }
    qsizetype count = 0;
};

/** Encoding pass two: writes key/value pairs into an open CBOR map. */
class FieldWriter {
public:
    explicit FieldWriter(QCborStreamWriter &writer) : m_w(writer) {}

    void operator()(const char *key, quint64 value);
    void operator()(const char *key, qint64 value);
    void operator()(const char *key, bool value);
    void operator()(const char *key, const QString &value);
    void operator()(const char *key, const char *latin1Value);
    void operator()(const char *key, const QByteArray &value);
    void operator()(const char *key, const MessageId &value);
    void operator()(const char *key, const QList<quint64> &values);
    void operator()(const char *key, const QList<MessageId> &values);
    void operator()(const char *key, const QStringList &values);
    /** An array of maps; @p fieldsOf(writerOrCounter, element) names each element's fields. */
    template <typename T, typename Fields>
    void operator()(const char *k, const QList<T> &values, Fields fieldsOf)
    {
        key(k);
        m_w.startArray(quint64(values.size()));
        for (const T &value : values) {
            FieldCounter counter;
            fieldsOf(counter, value);
            m_w.startMap(quint64(counter.count));
            FieldWriter inner(m_w);
            fieldsOf(inner, value);
            m_w.endMap();
        }
        m_w.endArray();
    }

private:
    void key(const char *key);
    QCborStreamWriter &m_w;
};

/** JSON text of any CBOR item (byte strings as hex); see dumpFrame(). */
QString cborToJson(QByteArrayView bytes);

} // namespace linnet::protocol::detail
