// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/MediaFiles.h"
#include "media/VideoFrameGrabber.h"
#include "protocol/Limits.h"
#include "MediaTestFiles.h"
#include "TestBase.h"
#include "TestData.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace linnet;
using namespace linnet::client;
using linnet::test::testDataPath;

namespace {

/** True if @p a is @p b give or take what YCbCr rounding costs. */
bool near(QRgb a, QColor b, int tolerance = 8)
{
    return std::abs(qRed(a) - b.red()) <= tolerance &&
           std::abs(qGreen(a) - b.green()) <= tolerance &&
           std::abs(qBlue(a) - b.blue()) <= tolerance;
}

/** Not black: the colour bars after the clips' black start. */
bool isBright(const QImage &image)
{
    qint64 sum = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            sum += qGray(image.pixel(x, y));
    const qint64 samples = qint64((image.height() + 3) / 4) * ((image.width() + 3) / 4);
    return samples > 0 && sum / samples > 60;
}

/** A 4×2 frame of @p format in one colour: BT.601 limited-range red (Y 81, U 90, V 240). */
QVideoFrame redFrame(QVideoFrameFormat::PixelFormat format)
{
    using F = QVideoFrameFormat;
    QVideoFrameFormat shape(QSize(4, 2), format);
    shape.setColorSpace(F::ColorSpace_BT601);
    shape.setColorRange(F::ColorRange_Video);
    QVideoFrame frame(shape);
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const auto fill = [&](int plane, std::initializer_list<int> pattern, int bytes = 1) {
        uchar *bits = frame.bits(plane);
        const int n = frame.mappedBytes(plane) / bytes;
        const std::vector<int> p(pattern);
        for (int i = 0; i < n; ++i) {
            const int v = p[size_t(i) % p.size()];
            if (bytes == 1)
                bits[i] = uchar(v);
            else
                reinterpret_cast<quint16 *>(bits)[i] = quint16(v);
        }
    };
    switch (format) {
    case F::Format_YUV420P:
    case F::Format_YUV422P:
        fill(0, {81}), fill(1, {90}), fill(2, {240});
        break;
    case F::Format_YV12:
        fill(0, {81}), fill(1, {240}), fill(2, {90});
        break;
    case F::Format_NV12:
        fill(0, {81}), fill(1, {90, 240});
        break;
    case F::Format_NV21:
        fill(0, {81}), fill(1, {240, 90});
        break;
    case F::Format_P010: // 10 bits at the top of 16
        fill(0, {81 << 8}, 2), fill(1, {90 << 8, 240 << 8}, 2);
        break;
    case F::Format_YUV420P10: // 10 bits at the bottom of 16
        fill(0, {81 << 2}, 2), fill(1, {90 << 2}, 2), fill(2, {240 << 2}, 2);
        break;
    case F::Format_UYVY:
        fill(0, {90, 81, 240, 81});
        break;
    case F::Format_YUYV:
        fill(0, {81, 90, 81, 240});
        break;
    case F::Format_AYUV:
        fill(0, {255, 81, 90, 240});
        break;
    case F::Format_XRGB8888: // named in memory order
        fill(0, {255, 255, 0, 0});
        break;
    case F::Format_BGRA8888:
        fill(0, {0, 0, 255, 255});
        break;
    case F::Format_RGBX8888:
        fill(0, {255, 0, 0, 255});
        break;
    case F::Format_XBGR8888:
        fill(0, {255, 0, 0, 255});
        break;
    default:
        fill(0, {0});
        break;
    }
    frame.unmap();
    return frame;
}

} // namespace

/** VideoFrameGrabber and video previews: a still from the committed clips, their size and
 *  duration, and a clear error for what is no video. */
class TestVideoFrameGrabber : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void eachPixelFormatBecomesTheSameColour_data()
    {
        using F = QVideoFrameFormat;
        QTest::addColumn<int>("format");
        QTest::newRow("YUV420P (I420)") << int(F::Format_YUV420P);
        QTest::newRow("YV12") << int(F::Format_YV12);
        QTest::newRow("YUV422P") << int(F::Format_YUV422P);
        QTest::newRow("NV12") << int(F::Format_NV12);
        QTest::newRow("NV21") << int(F::Format_NV21);
        QTest::newRow("P010") << int(F::Format_P010);
        QTest::newRow("YUV420P10") << int(F::Format_YUV420P10);
        QTest::newRow("UYVY") << int(F::Format_UYVY);
        QTest::newRow("YUYV") << int(F::Format_YUYV);
        QTest::newRow("AYUV") << int(F::Format_AYUV);
        QTest::newRow("XRGB8888") << int(F::Format_XRGB8888);
        QTest::newRow("BGRA8888") << int(F::Format_BGRA8888);
        QTest::newRow("RGBX8888") << int(F::Format_RGBX8888);
        QTest::newRow("XBGR8888") << int(F::Format_XBGR8888);
    }
    void eachPixelFormatBecomesTheSameColour()
    {
        QFETCH(int, format);
        const QVideoFrame frame = redFrame(QVideoFrameFormat::PixelFormat(format));
        QVERIFY(frame.isValid());
        const QImage image = VideoFrameGrabber::imageOf(frame);
        QCOMPARE(image.size(), QSize(4, 2));
        for (const QPoint p : {QPoint(0, 0), QPoint(3, 1)})
            QVERIFY2(near(image.pixel(p), Qt::red),
                     qPrintable(QColor(image.pixel(p)).name() + QStringLiteral(" is not red")));
    }

    void aPixelFormatItCannotReadGivesNoImage()
    {
        QCOMPARE(VideoFrameGrabber::imageOf(redFrame(QVideoFrameFormat::Format_IMC1)), QImage());
        QCOMPARE(VideoFrameGrabber::imageOf(QVideoFrame()), QImage());
    }

    void aVideosStillIsFromPastItsBlackStartWithSizeAndDuration_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("durationMs");
        QTest::newRow("H.264 with sound, landscape")
            << QStringLiteral("video-160x90-6s.mp4") << QSize(160, 90) << 6000;
        QTest::newRow("VP8 WebM, portrait")
            << QStringLiteral("portrait-90x160-2s.webm") << QSize(90, 160) << 2000;
    }
    void aVideosStillIsFromPastItsBlackStartWithSizeAndDuration()
    {
        QFETCH(QString, file);
        QFETCH(QSize, size);
        QFETCH(int, durationMs);
        const VideoStill still = VideoFrameGrabber::grab(testDataPath(file));
        QVERIFY2(still.hasImage(), qPrintable(still.error));
        QVERIFY(still.error.isEmpty());
        QCOMPARE(still.size, size);
        QCOMPARE(still.image.size(), size);
        QVERIFY2(isBright(still.image), "the still is the black first frame, not one from 10 %");
        if (still.durationMs == 0 && file.endsWith(QLatin1String(".webm")))
            QSKIP("this Qt Multimedia backend reports no duration for WebM");
        QVERIFY2(std::abs(qint64(still.durationMs) - durationMs) <= 100,
                 qPrintable(QString::number(still.durationMs)));
    }

    void aRotatedVideoIsShownTurned()
    {
        if (qgetenv("QT_MEDIA_BACKEND") == "ffmpeg")
            QSKIP("Qt 6.4's FFmpeg backend does not report a video's rotation");
        const VideoStill still =
            VideoFrameGrabber::grab(testDataPath(QStringLiteral("rotated-90.mp4")));
        QVERIFY2(still.hasImage(), qPrintable(still.error));
        QCOMPARE(still.size, QSize(90, 160));
        QCOMPARE(still.image.size(), QSize(90, 160));
    }

    void whatIsNoVideoGivesAClearErrorAndNoImage_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("error");
        QTest::newRow("cut off") << testDataPath(QStringLiteral("broken.mp4")) << QString();
        // "the file has no video track", or GStreamer's error for the sound it cannot put out.
        QTest::newRow("sound only") << testDataPath(QStringLiteral("audio-only.mp4")) << QString();
        QTest::newRow("missing") << QStringLiteral("/nonexistent/clip.mp4")
                                 << QStringLiteral("there is no file /nonexistent/clip.mp4");
    }
    void whatIsNoVideoGivesAClearErrorAndNoImage()
    {
        QFETCH(QString, path);
        QFETCH(QString, error);
        const VideoStill still = VideoFrameGrabber::grab(path);
        QVERIFY(!still.hasImage());
        QVERIFY(!still.error.isEmpty());
        if (!error.isEmpty())
            QCOMPARE(still.error, error);
        else // (or, when Qt 6.4's GStreamer backend reports nothing, after kLoadTimeoutMs)
            QVERIFY2(still.error != QLatin1String("no frame of the video could be decoded in time"),
                     "a broken file is refused, not waited on until the decoding timeout");
    }

    void textNamedLikeAVideoGivesAnErrorToo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("holiday.mp4"));
        QVERIFY(
            test::writeWholeFile(path, QByteArray("this is not a video at all\n").repeated(40)));
        const VideoStill still = VideoFrameGrabber::grab(path);
        QVERIFY(!still.hasImage());
        QVERIFY(!still.error.isEmpty());
    }

    void startReturnsAtOnceAndFinishedComesOnceLater()
    {
        VideoFrameGrabber grabber;
        QSignalSpy finished(&grabber, &VideoFrameGrabber::finished);
        grabber.start(testDataPath(QStringLiteral("video-160x90-6s.mp4")));
        QCOMPARE(finished.count(), 0); // nothing decoded inside start(): the caller goes on
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QVERIFY(finished.first().first().value<VideoStill>().hasImage());
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
    }

    void aGrabOnAWorkerThreadGivesTheStill()
    {
        // How MediaController uses it: on a pool thread, through prepareCopy.
        const QString path = testDataPath(QStringLiteral("video-160x90-6s.mp4"));
        auto future = QtConcurrent::run([path] { return VideoFrameGrabber::grab(path); });
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
        QVERIFY2(future.result().hasImage(), qPrintable(future.result().error));
    }

    void aCancelledGrabEndsAtOnce()
    {
        const VideoStill still = VideoFrameGrabber::grab(
            testDataPath(QStringLiteral("video-160x90-6s.mp4")), [] { return true; });
        QVERIFY(!still.hasImage());
        QCOMPARE(still.error, QStringLiteral("cancelled"));
    }

    void aVideoPreviewIsASmallJpegWithSizeAndDuration()
    {
        const auto p =
            mediafiles::makeVideoPreview(testDataPath(QStringLiteral("video-160x90-6s.mp4")));
        QVERIFY(!p.isNull());
        QVERIFY(p.jpeg.size() <= protocol::kMaxThumbnailBytes);
        QVERIFY(p.jpeg.startsWith("\xff\xd8")); // JPEG
        QCOMPARE(QImage::fromData(p.jpeg, "JPEG").size(), QSize(160, 90));
        QCOMPARE(p.width, 160u);
        QCOMPARE(p.height, 90u);
        QVERIFY(std::abs(qint64(p.durationMs) - 6000) <= 100);
    }

    void aLargeFrameIsScaledToThePreviewSide()
    {
        QImage big(1920, 1080, QImage::Format_RGB32);
        big.fill(Qt::darkCyan);
        const QByteArray jpeg = mediafiles::previewJpeg(big);
        QVERIFY(!jpeg.isEmpty());
        QVERIFY(jpeg.size() <= protocol::kMaxThumbnailBytes);
        QCOMPARE(QImage::fromData(jpeg).size(), QSize(320, 180));
    }

    void aVideoToSendIsAVideoWithOrWithoutAThumbnail_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("thumbnail");
        QTest::newRow("decodable") << QStringLiteral("video-160x90-6s.mp4") << true;
        QTest::newRow("broken") << QStringLiteral("broken.mp4") << false;
    }
    void aVideoToSendIsAVideoWithOrWithoutAThumbnail()
    {
        QFETCH(QString, file);
        QFETCH(bool, thumbnail);
        QTemporaryDir dir;
        const QString source = testDataPath(file);
        const QString copy = dir.filePath(QStringLiteral("sent/") + file);
        const auto made = mediafiles::prepareCopy(source, copy, quint64(QFileInfo(source).size()),
                                                  [] { return false; });
        QCOMPARE(made.status, mediafiles::PreparedCopy::Status::Ok);
        QCOMPARE(made.mime, QStringLiteral("video/mp4"));
        QCOMPARE(made.kind, protocol::FileKind::Video);
        QCOMPARE(!made.preview.jpeg.isEmpty(), thumbnail);
        QCOMPARE(made.preview.width, thumbnail ? 160u : 0u);
        QCOMPARE(test::readWholeFile(copy), test::readWholeFile(source));
    }
};

QTEST_GUILESS_MAIN(TestVideoFrameGrabber)
#include "tst_videoframegrabber.moc"
