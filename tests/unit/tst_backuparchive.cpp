// SPDX-License-Identifier: GPL-3.0-or-later
// The backup file's format (BackupArchive): each file keeps its mode (format 2), a
// backup of format 1 (no modes) still restores, and an impossible mode is damage.
#include "admin/BackupArchive.h"

#include <QBuffer>
#include <QMap>
#include <QtEndian>
#include <QtTest>

#include <sodium.h>

using namespace linnet::server;

namespace {

struct Read {
    QMap<QString, QByteArray> bytes;
    QMap<QString, QFileDevice::Permissions> modes;
    QString error;
};

Read readArchive(const QByteArray &archive)
{
    Read result;
    QBuffer in;
    in.setData(archive);
    in.open(QIODevice::ReadOnly);
    BackupArchiveReader reader(in, QStringLiteral("test.lbk"));
    const auto r =
        reader.readAll([&](const QString &name, qint64, QFileDevice::Permissions permissions)
                           -> linnet::protocol::Result<std::unique_ptr<QIODevice>> {
            result.modes.insert(name, permissions);
            auto buffer = std::make_unique<QBuffer>(&result.bytes[name]);
            buffer->open(QIODevice::WriteOnly);
            return std::unique_ptr<QIODevice>(std::move(buffer));
        });
    if (!r)
        result.error = r.error().reason;
    return result;
}

QByteArray blake2b(const QByteArray &bytes)
{
    QByteArray hash(BackupArchive::kHashBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(hash.data()), size_t(hash.size()),
                       reinterpret_cast<const unsigned char *>(bytes.constData()),
                       quint64(bytes.size()), nullptr, 0);
    return hash;
}

template <typename T> QByteArray bigEndian(T value)
{
    QByteArray bytes(sizeof(T), Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

/** One file in format 1 or 2 (@p mode < 0: no mode, as format 1 wrote). */
QByteArray entry(const QByteArray &name, const QByteArray &content, int mode)
{
    QByteArray e = "F" + bigEndian(quint16(name.size())) + name;
    if (mode >= 0)
        e += bigEndian(quint16(mode));
    return e + bigEndian(quint64(content.size())) + content + blake2b(content);
}

QByteArray archive(const char *magic, const QByteArray &entries, quint32 files)
{
    const QByteArray body = magic + entries + "E" + bigEndian(files);
    return body + blake2b(body);
}

} // namespace

class TestBackupArchive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void everyModeMapsToQtPermissionsAndBack()
    {
        for (quint16 mode = 0; mode <= 0777; ++mode)
            QCOMPARE(BackupArchive::unixMode(BackupArchive::permissions(mode)), mode);
        QCOMPARE(BackupArchive::unixMode(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                         QFileDevice::ReadGroup),
                 quint16(0640));
    }

    void eachFileKeepsItsMode()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        BackupArchiveWriter writer(out);
        QVERIFY(writer.begin());
        QBuffer cert;
        cert.setData("CERT");
        cert.open(QIODevice::ReadOnly);
        QBuffer key;
        key.setData("KEY");
        key.open(QIODevice::ReadOnly);
        QVERIFY(writer.addFile(QStringLiteral("tls-cert.pem"), cert, 4,
                               BackupArchive::permissions(0644)));
        QVERIFY(writer.addFile(QStringLiteral("tls-key.pem"), key, 3,
                               BackupArchive::permissions(0640)));
        QVERIFY(writer.finish());

        const Read read = readArchive(out.data());
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.bytes.value(QStringLiteral("tls-cert.pem")), QByteArray("CERT"));
        QCOMPARE(read.bytes.value(QStringLiteral("tls-key.pem")), QByteArray("KEY"));
        QCOMPARE(BackupArchive::unixMode(read.modes.value(QStringLiteral("tls-cert.pem"))),
                 quint16(0644));
        QCOMPARE(BackupArchive::unixMode(read.modes.value(QStringLiteral("tls-key.pem"))),
                 quint16(0640));
    }

    void aBackupOfTheFirstFormatRestoresItsFilesOwnerOnly()
    {
        const QByteArray v1 =
            archive(BackupArchive::kMagicV1, entry("media-ticket.key", "0123456789abcdef", -1), 1);
        const Read read = readArchive(v1);
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.bytes.value(QStringLiteral("media-ticket.key")),
                 QByteArray("0123456789abcdef"));
        QCOMPARE(BackupArchive::unixMode(read.modes.value(QStringLiteral("media-ticket.key"))),
                 quint16(0600));
    }

    void aModeBeyondThePermissionBitsIsDamage()
    {
        // 04755: setuid is nothing a data dir's file has; a backup saying so is damaged.
        const QByteArray bad =
            archive(BackupArchive::kMagic, entry("tls-key.pem", "KEY", 04755), 1);
        const Read read = readArchive(bad);
        QVERIFY2(read.error.contains(QStringLiteral("the mode of tls-key.pem is impossible")),
                 qPrintable(read.error));
        QVERIFY(read.error.contains(QStringLiteral("nothing was restored")));
    }

    void aNameThatDoesNotBelongIsRefusedWhateverItsMode()
    {
        const QByteArray bad =
            archive(BackupArchive::kMagic, entry("../tls-key.pem", "KEY", 0600), 1);
        const Read read = readArchive(bad);
        QVERIFY2(read.error.contains(QStringLiteral("does not belong")), qPrintable(read.error));
        QVERIFY(read.bytes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackupArchive)
#include "tst_backuparchive.moc"
