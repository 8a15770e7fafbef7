// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CborScan.h"
#include "CborWriter.h"
#include "ErrorCode.h"
#include "MessageId.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>
#include <vector>

namespace linnet::protocol::detail {

/*
 * Typed access to the fields of one frame: FieldReader finds the top-level CBOR
 * map's fields and checks each as the frame decoder asks for it; FieldWriter and
 * FieldCounter are the two passes of encoding (a definite-length map needs its
 * size up front). Internal to FrameCodec.cpp; not part of the protocol API.
 */

enum class Need { Required, Optional };

/**
 * Reads the top-level map of a frame and hands out fields by key, straight from
 * the frame's bytes (CborScanner): nothing is copied but the values asked for.
 * The bytes must outlive the reader. The first problem found is kept (error());
 * later getters then return defaults, so a decoder reads every field in a row
 * and checks failed() once at the end.
 */
class FieldReader {
public:
    /** Rejects invalid CBOR, trailing bytes, a non-map, non-text or duplicate keys. */
    explicit FieldReader(QByteArrayView bytes);

    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }
    /** Records @p code unless an earlier error is already recorded. */
    void fail(ErrorCode code, const QString &reason);

    bool has(const char *key) const { return item(key) != nullptr; }
    /** The raw item under @p key, or nullptr. */
    const CborItem *item(const char *key) const;
    /**
     * A text item's UTF-8 bytes: shared with the frame when it is one chunk, so
     * valid only while the frame's bytes are.
     */
    QByteArray utf8(const CborItem &text) const;

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
    /** An array of byte strings of exactly @p size bytes each, no value twice. */
    QList<QByteArray> fixedBytesList(const char *key, qsizetype size, qsizetype minCount,
                                     qsizetype maxCount, Need need = Need::Required);
    /**
     * An array of valid usernames. With @p lenient, any text element is taken as it is
     * (presence_sub: the server skips the ones that are no username, not the frame).
     */
    QStringList usernameList(const char *key, qsizetype maxCount, bool lenient = false);
    /**
     * An array of maps, one reader per element. Read each element's fields, then
     * call absorb() so that its first error (if any) becomes this reader's, naming
     * the element.
     */
    std::vector<FieldReader> mapList(const char *key, qsizetype minCount, qsizetype maxCount,
                                     Need need = Need::Required);
    void absorb(const FieldReader &element, const char *key, qsizetype index);

private:
    struct Field {
        QByteArrayView key; ///< UTF-8, in the frame or in m_joinedKeys
        CborItem value;
    };

    /** A reader over one nested map (an element of mapList()). */
    FieldReader(const CborScanner &scanner, const CborItem &map);

    /** Takes the map's fields, rejecting non-text and duplicate keys. */
    void index(const CborItem &map, const char *nonTextKeys);
    void rejectDuplicateKeys();
    /** The value under @p key, or nullptr (recording an error when required). */
    const CborItem *find(const char *key, Need need);
    /** find(), and nullptr (recording that it is not @p expected) if of another type. */
    const CborItem *findOf(const char *key, Need need, CborItem::Type type, const char *expected);
    bool checkInteger(const char *key, const CborItem &value, qint64 min, qint64 max, qint64 *out);
    std::optional<CborItem> array(const char *key, qsizetype minCount, qsizetype maxCount,
                                  Need need);
    /**
     * The array under @p key, each element handed to @p take(element, list); an element
     * that take() refuses (after recording why) empties the list.
     */
    template <typename List, typename Take>
    List elements(const char *key, qsizetype minCount, qsizetype maxCount, Need need, Take take);
    /** A byte string item of MessageId::kSize bytes as a MessageId (nullopt if not one). */
    std::optional<MessageId> messageIdOf(const CborItem &bytes) const;
    void mistyped(const char *key, const char *expected);
    void invalid(const char *key, const QString &why);

    CborScanner m_scan;
    QVarLengthArray<Field, 12> m_fields;
    std::vector<QByteArray> m_joinedKeys; ///< keys sent in chunks, joined
    std::optional<Error> m_error;
};

/** Encoding pass one: counts the fields a frame will write. */
class FieldCounter {
public:
    template <typename... Args> void operator()(const char *, Args &&...) { ++count; }
    qsizetype count = 0;
};

/** Encoding pass two: writes key/value pairs into an open CBOR map. */
class FieldWriter {
public:
    explicit FieldWriter(CborWriter &writer) : m_w(writer) {}

    void operator()(const char *key, quint64 value);
    void operator()(const char *key, qint64 value);
    void operator()(const char *key, bool value);
    void operator()(const char *key, const QString &value);
    void operator()(const char *key, const char *latin1Value);
    void operator()(const char *key, const QByteArray &value);
    void operator()(const char *key, const MessageId &value);
    void operator()(const char *key, const QList<quint64> &values);
    void operator()(const char *key, const QList<MessageId> &values);
    void operator()(const char *key, const QList<QByteArray> &values);
    void operator()(const char *key, const QStringList &values);
    /** An array of maps; @p fieldsOf(writerOrCounter, element) names each element's fields. */
    template <typename T, typename Fields>
    void operator()(const char *k, const QList<T> &values, Fields fieldsOf)
    {
        array(k, values, [&](const T &value) {
            FieldCounter counter;
            fieldsOf(counter, value);
            m_w.startMap(quint64(counter.count));
            FieldWriter inner(m_w);
            fieldsOf(inner, value);
            m_w.endMap();
        });
    }

private:
    void key(const char *key);
    /** @p k, then an array of @p values, each written by @p write(value). */
    template <typename List, typename Write>
    void array(const char *k, const List &values, Write write)
    {
        key(k);
        m_w.startArray(quint64(values.size()));
        for (const auto &value : values)
            write(value);
        m_w.endArray();
    }
    void append(const MessageId &id);
    CborWriter &m_w;
};

/** JSON text of any CBOR item (byte strings as hex); see dumpFrame(). */
QString cborToJson(QByteArrayView bytes);

} // namespace linnet::protocol::detail
