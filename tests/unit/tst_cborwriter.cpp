// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/CborWriter.h"

#include <QCborStreamWriter>
#include <QtTest>

#include <functional>

using linnet::protocol::detail::CborWriter;

/** CborWriter, the frame encoder's CBOR writer, writes what QCborStreamWriter writes. */
class TestCborWriter : public QObject {
    Q_OBJECT

    /** Runs @p write on both writers and compares the bytes. */
    template <typename Write> static void same(const char *what, Write write)
    {
        QByteArray ours;
        CborWriter w(ours);
        write(w);
        QByteArray qt;
        {
            QCborStreamWriter reference(&qt);
            write(reference);
        }
        QVERIFY2(ours == qt, qPrintable(QStringLiteral("%1: ours %2, Qt %3")
                                            .arg(QLatin1String(what),
                                                 QString::fromLatin1(ours.left(40).toHex()),
                                                 QString::fromLatin1(qt.left(40).toHex()))));
    }

private Q_SLOTS:
    void integers()
    {
        const quint64 unsignedValues[] = {0,
                                          1,
                                          23,
                                          24,
                                          255,
                                          256,
                                          65535,
                                          65536,
                                          0xffffffff,
                                          0x100000000,
                                          ~quint64(0) >> 1,
                                          ~quint64(0)};
        for (quint64 v : unsignedValues)
            same("unsigned", [v](auto &w) { w.append(v); });
        const qint64 signedValues[] = {
            0,      -1, -24,       -25,       -256,          -257,         -65536,
            -65537, 17, INT64_MAX, INT64_MIN, -4294967296LL, -4294967297LL};
        for (qint64 v : signedValues)
            same("signed", [v](auto &w) { w.append(v); });
        same("bools", [](auto &w) {
            w.append(true);
            w.append(false);
        });
    }

    void strings()
    {
        for (qsizetype n : {0, 1, 23, 24, 255, 256, 65535, 65536, 70000}) {
            const QByteArray bytes(n, '\x9c');
            same("bytes", [&bytes](auto &w) { w.append(bytes); });
            same("byte string",
                 [&bytes](auto &w) { w.appendByteString(bytes.data(), bytes.size()); });
            const QString text(n, QLatin1Char('k'));
            same("text", [&text](auto &w) { w.append(text); });
        }
        const QString unicode = QStringLiteral("caf\u00e9 \u65e5\u672c \U0001F600");
        same("unicode text", [&unicode](auto &w) { w.append(unicode); });
        same("latin-1 ascii", [](auto &w) { w.append(QLatin1String("deliver_ack")); });
        same("latin-1 accented", [](auto &w) { w.append(QLatin1String("\xe9t\xe9")); });
    }

    void containers()
    {
        same("map of arrays", [](auto &w) {
            w.startMap(2);
            w.append(QLatin1String("a"));
            w.startArray(3);
            w.append(quint64(1));
            w.append(qint64(-2));
            w.append(QStringLiteral("x"));
            w.endArray();
            w.append(QLatin1String("b"));
            w.startArray(0);
            w.endArray();
            w.endMap();
        });
        same("large counts", [](auto &w) {
            w.startArray(300);
            for (int i = 0; i < 300; ++i)
                w.append(quint64(i));
            w.endArray();
        });
    }
};

QTEST_GUILESS_MAIN(TestCborWriter)
#include "tst_cborwriter.moc"
