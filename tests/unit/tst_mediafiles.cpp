// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/MediaFiles.h"
#include "protocol/Limits.h"
#include "TestBase.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet;
using namespace linnet::client::mediafiles;

namespace {

/** A photo-sized image of noise: the worst case for a small JPEG. */
QImage noise(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    auto *bits = reinterpret_cast<quint32 *>(image.bits());
    QRandomGenerator::global()->fillRange(bits, image.sizeInBytes() / 4);
    return image;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

/** MediaFiles: what a file is, its preview, and names that cannot escape their folder. */
class TestMediaFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void aSendersNameNeverLeavesTheFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << QStringLiteral("report.pdf") << QStringLiteral("report.pdf");
        QTest::newRow("unix path")
            << QStringLiteral("../../etc/passwd") << QStringLiteral("passwd");
        QTest::newRow("windows path")
            << QStringLiteral("C:\\Users\\x\\evil.exe") << QStringLiteral("evil.exe");
        QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("file");
        QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
        QTest::newRow("empty") << QStringLiteral("") << QStringLiteral("file");
        QTest::newRow("control characters")
            << QStringLiteral("a\nb\tc\x01.txt") << QStringLiteral("a_b_c_.txt");
        QTest::newRow("reserved on Windows")
            << QStringLiteral("what?<is>|this*:.txt") << QStringLiteral("what__is__this__.txt");
        QTest::newRow("trailing dots and spaces")
            << QStringLiteral("name. . ") << QStringLiteral("name");
        QTest::newRow("right-to-left override")
            << QStringLiteral("invoice\u202Efdp.exe") << QStringLiteral("invoice_fdp.exe");
        QTest::newRow("unicode kept")
            << QStringLiteral("Grüße 📷.jpg") << QStringLiteral("Grüße 📷.jpg");
    }
    void aSendersNameNeverLeavesTheFolder()
    {
        QFETCH(QString, name);
        QFETCH(QString, safe);
        QCOMPARE(safeFileName(name), safe);
    }

    void aLongNameIsCutToFitTheFileSystemKeepingItsExtension()
    {
        const QString longName = QString(300, QChar(u'ä')) + QStringLiteral(".jpeg");
        const QString safe = safeFileName(longName);
        QVERIFY(safe.endsWith(QStringLiteral(".jpeg")));
        QVERIFY(safe.toUtf8().size() <= 200);
        QVERIFY(safe.size() <= protocol::kMaxFileNameLength);
        // Emoji are cut whole, never into half a surrogate pair.
        const QString emoji = safeFileName(QStringLiteral("😀").repeated(150));
        QVERIFY(!emoji.isEmpty());
        QVERIFY(!emoji.back().isHighSurrogate());
        QVERIFY(emoji.toUtf8().size() <= 200);
    }

    void aSavedFileNeverOverwritesAnother()
    {
        QTemporaryDir dir;
        QCOMPARE(uniqueFilePath(dir.path(), QStringLiteral("a.txt")),
                 dir.filePath(QStringLiteral("a.txt")));
        QVERIFY(!write(dir, QStringLiteral("a.txt"), "1").isEmpty());
        QCOMPARE(uniqueFilePath(dir.path(), QStringLiteral("a.txt")),
                 dir.filePath(QStringLiteral("a (1).txt")));
        QVERIFY(!write(dir, QStringLiteral("a (1).txt.part"), "half").isEmpty());
        QCOMPARE(uniqueFilePath(dir.path(), QStringLiteral("a.txt")),
                 dir.filePath(QStringLiteral("a (2).txt")));
        QCOMPARE(uniqueFilePath(dir.path(), QStringLiteral("README")),
                 dir.filePath(QStringLiteral("README")));
        QVERIFY(!write(dir, QStringLiteral("README"), "1").isEmpty());
        QCOMPARE(uniqueFilePath(dir.path(), QStringLiteral("README")),
                 dir.filePath(QStringLiteral("README (1)")));
    }

    void kindsFollowTheMimeType()
    {
        QCOMPARE(kindForMime(QStringLiteral("image/jpeg")), protocol::FileKind::Image);
        QCOMPARE(kindForMime(QStringLiteral("video/mp4")), protocol::FileKind::Video);
        QCOMPARE(kindForMime(QStringLiteral("audio/ogg")), protocol::FileKind::Audio);
        QCOMPARE(kindForMime(QStringLiteral("application/pdf")), protocol::FileKind::File);
    }

    void theMimeTypeComesFromTheContent()
    {
        QTemporaryDir dir;
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(noise(8, 8).save(&buffer, "PNG"));
        // Named .dat, but the bytes say PNG.
        QCOMPARE(mimeTypeOf(write(dir, QStringLiteral("x.dat"), png)), QStringLiteral("image/png"));
        QCOMPARE(mimeTypeOf(write(dir, QStringLiteral("notes.txt"), "hello\n")),
                 QStringLiteral("text/plain"));
        QCOMPARE(mimeTypeOf(write(dir, QStringLiteral("blob"), QByteArray("\x00\x01\x02\xff", 4))),
                 QStringLiteral("application/octet-stream"));
    }

    void aLargePhotoGetsASmallJpegPreview()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("photo.jpg"));
        QVERIFY(noise(2400, 1600).save(path, "JPEG", 95));
        const Preview p = makePreview(path);
        QVERIFY(!p.isNull());
        QCOMPARE(p.width, 2400u);
        QCOMPARE(p.height, 1600u);
        QVERIFY2(p.jpeg.size() <= protocol::kMaxThumbnailBytes, QByteArray::number(p.jpeg.size()));
        QImage thumb;
        QVERIFY(thumb.loadFromData(p.jpeg, "JPEG"));
        QVERIFY(std::max(thumb.width(), thumb.height()) <= kMaxPreviewSide);
        QVERIFY(thumb.width() > thumb.height()); // the aspect is kept
    }

    void aSmallTransparentImageKeepsItsSize()
    {
        QTemporaryDir dir;
        QImage image(40, 20, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        const QString path = dir.filePath(QStringLiteral("icon.png"));
        QVERIFY(image.save(path, "PNG"));
        const Preview p = makePreview(path);
        QVERIFY(!p.isNull());
        QImage thumb;
        QVERIFY(thumb.loadFromData(p.jpeg, "JPEG"));
        QCOMPARE(thumb.size(), QSize(40, 20));                       // never enlarged
        QCOMPARE(QColor(thumb.pixel(5, 5)).lightness() > 240, true); // transparent shows white
    }

    void somethingThatIsNoImageHasNoPreview()
    {
        QTemporaryDir dir;
        QVERIFY(makePreview(write(dir, QStringLiteral("fake.jpg"), "not a jpeg at all")).isNull());
        QVERIFY(makePreview(dir.filePath(QStringLiteral("missing.png"))).isNull());
    }
};

QTEST_GUILESS_MAIN(TestMediaFiles)
#include "tst_mediafiles.moc"
