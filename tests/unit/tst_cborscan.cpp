// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodecSamples.h"
#include "protocol/CborScan.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QtTest>

#include <optional>

using linnet::protocol::detail::CborChildren;
using linnet::protocol::detail::CborItem;
using linnet::protocol::detail::CborScanner;
using linnet::protocol::detail::isValidUtf8;
using Type = CborItem::Type;

namespace {

/** Where Qt's parser says the first item of @p bytes ends, or nullopt if it is not well-formed. */
std::optional<qsizetype> qtEnd(const QByteArray &bytes)
{
    QCborStreamReader reader(bytes);
    QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return std::nullopt;
    return reader.currentOffset();
}

std::optional<qsizetype> ourEnd(const QByteArray &bytes)
{
    CborScanner scanner(bytes);
    CborItem item;
    if (!scanner.read(0, item))
        return std::nullopt;
    return item.end;
}

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

QString verdict(const std::optional<qsizetype> &end)
{
    return end ? QStringLiteral("ends at %1").arg(*end) : QStringLiteral("rejected");
}

} // namespace

/**
 * CborScanner, the frame decoder's CBOR reader, against Qt's own parser: the same
 * verdict on well-formedness and the same item boundaries for crafted items,
 * mutated frames and random bytes, and the values it reports.
 */
class TestCborScan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crafted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("wellFormed");
        const auto row = [](const char *name, const QByteArray &bytes, bool ok) {
            QTest::newRow(name) << bytes << ok;
        };
        row("uint 0", hex("00"), true);
        row("uint 1 byte", hex("1818"), true);
        row("uint 8 bytes max", hex("1bffffffffffffffff"), true);
        row("uint truncated", hex("1a0001"), false);
        row("negative -2^64", hex("3bffffffffffffffff"), true);
        row("reserved info 28", hex("1c"), false);
        row("reserved info 30", hex("5e"), false);
        row("indefinite integer", hex("1f"), false);
        row("bytes", hex("43010203"), true);
        row("bytes past the end", hex("4401020300"), true);
        row("bytes truncated", hex("44010203"), false);
        row("bytes huge length", hex("5bffffffffffffffff00"), false);
        row("text", hex("63616263"), true);
        row("text 2-byte utf-8", hex("62c3a9"), true);
        row("text overlong", hex("62c0af"), false);
        row("text surrogate", hex("63eda080"), false);
        row("text past U+10FFFF", hex("64f4908080"), false);
        row("text 4-byte", hex("64f09f9880"), true);
        row("text cut sequence", hex("62e282"), false);
        row("text lone continuation", hex("6180"), false);
        row("bytes chunks", hex("5f4201024103ff"), true);
        row("bytes chunks empty", hex("5fff"), true);
        row("bytes chunk of text", hex("5f420102616aff"), false);
        row("bytes nested indefinite chunk", hex("5f5f4101ffff"), false);
        row("bytes chunks no break", hex("5f420102"), false);
        row("text chunks", hex("7f6161626263ff"), true);
        row("text chunk split utf-8", hex("7f61c361a9ff"), false);
        row("array", hex("83010203"), true);
        row("array short", hex("830102"), false);
        row("array huge count", hex("9bffffffffffffffff"), false);
        row("array indefinite", hex("9f0102ff"), true);
        row("array indefinite no break", hex("9f0102"), false);
        row("map", hex("a2616101616202"), true);
        row("map indefinite", hex("bf616101ff"), true);
        row("map indefinite odd", hex("bf6161ff"), false);
        row("map non-text keys", hex("a10102"), true);
        row("break alone", hex("ff"), false);
        row("break in definite array", hex("82ff01"), false);
        row("tag", hex("c249010000000000000000"), true);
        row("tag without item", hex("c2"), false);
        row("tag indefinite", hex("df00"), false);
        row("false true null undefined", hex("f4"), true);
        row("simple 16", hex("f0"), true);
        row("simple two-byte 0", hex("f800"), false); // RFC 8949 3.3: not well-formed
        row("simple two-byte 31", hex("f81f"), false);
        row("simple two-byte 32", hex("f820"), true);
        row("simple two-byte 255", hex("f8ff"), true);
        row("half float", hex("f93c00"), true);
        row("single float", hex("fa3fc00000"), true);
        row("double float", hex("fb3ff8000000000000"), true);
        row("double truncated", hex("fb3ff8"), false);
        row("empty", QByteArray(), false);
    }

    void crafted()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, wellFormed);
        const auto ours = ourEnd(bytes);
        QCOMPARE(ours.has_value(), wellFormed);
        QCOMPARE(verdict(ours), verdict(qtEnd(bytes)));
    }

    void valuesAreReported()
    {
        CborItem item;
        {
            const QByteArray b = hex("1bffffffffffffffff");
            CborScanner s(b);
            QVERIFY(s.read(0, item));
            QCOMPARE(item.type, Type::Unsigned);
            QCOMPARE(item.value, ~quint64(0));
        }
        {
            const QByteArray b = hex("3903e7"); // -1000
            CborScanner s(b);
            QVERIFY(s.read(0, item));
            QCOMPARE(item.type, Type::Negative);
            QCOMPARE(-1 - qint64(item.value), qint64(-1000));
        }
        {
            const QByteArray b = hex("7f6161626263ff"); // "a" "bc"
            CborScanner s(b);
            QVERIFY(s.read(0, item));
            QCOMPARE(item.type, Type::Text);
            QVERIFY(item.indefinite);
            QCOMPARE(item.value, 3u);
            QCOMPARE(s.text(item), QStringLiteral("abc"));
            QCOMPARE(s.copyBytes(item), QByteArray("abc"));
        }
        {
            const QByteArray b = hex("bf61610161629f0203ff6163a0ff");
            CborScanner s(b);
            QVERIFY(s.read(0, item));
            QCOMPARE(item.type, Type::Map);
            QCOMPARE(item.value, 3u);
            QCOMPARE(item.end, b.size());
            CborChildren children(s, item);
            QList<Type> types;
            CborItem child;
            while (children.next(child))
                types.append(child.type);
            const QList<Type> expected{Type::Text,  Type::Unsigned, Type::Text,
                                       Type::Array, Type::Text,     Type::Map};
            QCOMPARE(types, expected);
        }
    }

    void nestingIsBounded()
    {
        const auto nested = [](int depth) {
            return QByteArray(depth, '\x81') + QByteArray("\x01", 1);
        };
        QVERIFY(ourEnd(nested(1000)));
        QVERIFY(!ourEnd(nested(CborScanner::kMaxDepth + 1)));
        QVERIFY(!ourEnd(nested(200000)));                                     // no stack overflow
        QVERIFY(!ourEnd(QByteArray(200000, '\xc6') + QByteArray("\x01", 1))); // tags too
    }

    void agreesWithQtOnMutatedFrames()
    {
        QRandomGenerator rng(20261202);
        int checked = 0;
        int accepted = 0;
        QStringList disagreements;
        const auto compare = [&](const QByteArray &bytes) {
            ++checked;
            const auto ours = ourEnd(bytes);
            const auto qt = qtEnd(bytes);
            accepted += ours.has_value();
            if (ours != qt && disagreements.size() < 5)
                disagreements.append(QStringLiteral("%1: ours %2, Qt %3")
                                         .arg(QString::fromLatin1(bytes.left(48).toHex()),
                                              verdict(ours), verdict(qt)));
        };
        for (const auto &[name, frame] : linnet::protocol::testing::sampleFrames()) {
            const QByteArray bytes = linnet::protocol::encodeFrame(frame);
            const int rounds = bytes.size() > 4096 ? 50 : 1500;
            for (int i = 0; i < rounds; ++i) {
                QByteArray mutated = bytes;
                const int edits = 1 + int(rng.bounded(3));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = qsizetype(rng.bounded(quint32(mutated.size())));
                    switch (rng.bounded(3)) {
                    case 0:
                        mutated[at] = char(rng.bounded(256));
                        break;
                    case 1:
                        mutated.insert(at, char(rng.bounded(256)));
                        break;
                    default:
                        mutated.remove(at, 1 + qsizetype(rng.bounded(4)));
                        break;
                    }
                    if (mutated.isEmpty())
                        mutated = bytes;
                }
                compare(mutated);
            }
        }
        // Short random items, with heads of every kind.
        for (int i = 0; i < 200000; ++i) {
            QByteArray bytes(1 + qsizetype(rng.bounded(9)), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(rng.bounded(256));
            compare(bytes);
        }
        qInfo("%d inputs compared, %d well-formed", checked, accepted);
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(QLatin1Char('\n'))));
        QVERIFY(accepted > 1000);
        QVERIFY(accepted < checked);
    }

    void utf8AgreesWithQtsDecoder()
    {
        QRandomGenerator rng(7);
        int valid = 0;
        for (int i = 0; i < 300000; ++i) {
            QByteArray bytes(1 + qsizetype(rng.bounded(6)), Qt::Uninitialized);
            for (char &c : bytes) // mostly bytes of multi-byte sequences
                c = char(rng.bounded(4) == 0 ? rng.bounded(128) : 0x80 + rng.bounded(128));
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded = decoder.decode(bytes);
            const bool qtValid = !decoder.hasError();
            QVERIFY2(isValidUtf8(bytes) == qtValid, bytes.toHex().constData());
            valid += qtValid;
        }
        QVERIFY(valid > 1000);
    }
};

QTEST_GUILESS_MAIN(TestCborScan)
#include "tst_cborscan.moc"
