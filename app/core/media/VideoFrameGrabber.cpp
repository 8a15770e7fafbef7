// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/VideoFrameGrabber.h"

#include "ClientLog.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QMediaPlayer>
#include <QScopeGuard>
#include <QTransform>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QVideoSink>

#include <array>

namespace linnet::client {

namespace {

using PixelFormat = QVideoFrameFormat::PixelFormat;

/** Where one component (Y, U or V) of a pixel is in a mapped frame. */
struct Component {
    int plane = 0;
    int step = 1;   ///< bytes from one sample to the next in a row
    int offset = 0; ///< bytes before the first sample of a row
    int shiftX = 0; ///< 1: one sample per two pixels across (4:2:x chroma)
    int shiftY = 0; ///< 1: one sample per two rows (4:2:0 chroma)
    int wide = 0;   ///< 16-bit samples: how far right an 8-bit value is (P010: 8, 10-bit LSB: 2)
    bool constant = false; ///< grey formats have no chroma: 128
};

/** The layout of a YUV pixel format; nullopt for one this does not read. */
std::optional<std::array<Component, 3>> yuvLayout(PixelFormat format)
{
    using F = QVideoFrameFormat;
    const Component grey{0, 1, 0, 0, 0, 0, true};
    switch (format) {
    case F::Format_YUV420P:
        return std::array{Component{0}, Component{1, 1, 0, 1, 1}, Component{2, 1, 0, 1, 1}};
    case F::Format_YV12:
        return std::array{Component{0}, Component{2, 1, 0, 1, 1}, Component{1, 1, 0, 1, 1}};
    case F::Format_YUV422P:
        return std::array{Component{0}, Component{1, 1, 0, 1, 0}, Component{2, 1, 0, 1, 0}};
    case F::Format_NV12:
        return std::array{Component{0}, Component{1, 2, 0, 1, 1}, Component{1, 2, 1, 1, 1}};
    case F::Format_NV21:
        return std::array{Component{0}, Component{1, 2, 1, 1, 1}, Component{1, 2, 0, 1, 1}};
    case F::Format_P010:
    case F::Format_P016:
        return std::array{Component{0, 2, 0, 0, 0, 8}, Component{1, 4, 0, 1, 1, 8},
                          Component{1, 4, 2, 1, 1, 8}};
    case F::Format_YUV420P10:
        return std::array{Component{0, 2, 0, 0, 0, 2}, Component{1, 2, 0, 1, 1, 2},
                          Component{2, 2, 0, 1, 1, 2}};
    case F::Format_UYVY:
        return std::array{Component{0, 2, 1}, Component{0, 4, 0, 1}, Component{0, 4, 2, 1}};
    case F::Format_YUYV:
        return std::array{Component{0, 2, 0}, Component{0, 4, 1, 1}, Component{0, 4, 3, 1}};
    case F::Format_AYUV:
    case F::Format_AYUV_Premultiplied:
        return std::array{Component{0, 4, 1}, Component{0, 4, 2}, Component{0, 4, 3}};
    case F::Format_Y8:
        return std::array{Component{0}, grey, grey};
    case F::Format_Y16:
        return std::array{Component{0, 2, 0, 0, 0, 8}, grey, grey};
    default:
        return std::nullopt;
    }
}

/** YCbCr to RGB in 16.16 fixed point, for the frame's colour space and range. */
struct Coefficients {
    int y, rv, gu, gv, bu, black;
};

Coefficients coefficientsFor(const QVideoFrameFormat &format, int height)
{
    constexpr auto fixed = [](double v) { return int(v * 65536 + 0.5); };
    const bool full = format.colorRange() == QVideoFrameFormat::ColorRange_Full;
    auto space = format.colorSpace();
    if (space == QVideoFrameFormat::ColorSpace_Undefined)
        space = height >= 720 ? QVideoFrameFormat::ColorSpace_BT709
                              : QVideoFrameFormat::ColorSpace_BT601;
    // Kr, Kb of each standard; the rest follows (ITU-R BT.601, BT.709, BT.2020).
    double kr = 0.299, kb = 0.114;
    if (space == QVideoFrameFormat::ColorSpace_BT709)
        kr = 0.2126, kb = 0.0722;
    else if (space == QVideoFrameFormat::ColorSpace_BT2020)
        kr = 0.2627, kb = 0.0593;
    const double kg = 1 - kr - kb;
    const double ys = full ? 1.0 : 255.0 / 219.0;
    const double cs = full ? 1.0 : 255.0 / 224.0;
    return {fixed(ys),
            fixed(2 * (1 - kr) * cs),
            fixed(2 * (1 - kb) * kb / kg * cs),
            fixed(2 * (1 - kr) * kr / kg * cs),
            fixed(2 * (1 - kb) * cs),
            full ? 0 : 16};
}

/** Reads component @p c of a mapped frame, checked against the mapped size. */
class Sampler {
public:
    Sampler(const QVideoFrame &frame, const Component &c) : m_c(c)
    {
        if (c.constant)
            return;
        m_bits = frame.bits(c.plane);
        m_stride = frame.bytesPerLine(c.plane);
        // The last sample must lie inside the plane, or nothing of it is read.
        const qint64 rows = (qint64(frame.height()) + (1 << c.shiftY) - 1) >> c.shiftY;
        const qint64 cols = (qint64(frame.width()) + (1 << c.shiftX) - 1) >> c.shiftX;
        const qint64 last =
            (rows - 1) * m_stride + (cols - 1) * c.step + c.offset + (c.wide ? 2 : 1);
        if (m_stride <= 0 || frame.mappedBytes(c.plane) < last)
            m_bits = nullptr;
    }
    bool valid() const { return m_c.constant || m_bits; }
    const uchar *row(int y) const
    {
        return m_c.constant ? nullptr : m_bits + qint64(y >> m_c.shiftY) * m_stride + m_c.offset;
    }
    int at(const uchar *row, int x) const
    {
        if (m_c.constant)
            return 128;
        const uchar *p = row + qint64(x >> m_c.shiftX) * m_c.step;
        if (!m_c.wide)
            return *p;
        return std::min(255, int(quint16(p[0] | (p[1] << 8))) >> m_c.wide);
    }

private:
    Component m_c;
    const uchar *m_bits = nullptr;
    int m_stride = 0;
};

QImage yuvToImage(const QVideoFrame &frame, const std::array<Component, 3> &layout)
{
    const Sampler ys(frame, layout[0]), us(frame, layout[1]), vs(frame, layout[2]);
    if (!ys.valid() || !us.valid() || !vs.valid())
        return {};
    const Coefficients k = coefficientsFor(frame.surfaceFormat(), frame.height());
    QImage image(frame.width(), frame.height(), QImage::Format_RGB32);
    const auto clamp = [](int v) { return std::clamp(v >> 16, 0, 255); };
    for (int y = 0; y < image.height(); ++y) {
        const uchar *yr = ys.row(y), *ur = us.row(y), *vr = vs.row(y);
        auto *out = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int luma = k.y * (ys.at(yr, x) - k.black);
            const int u = us.at(ur, x) - 128;
            const int v = vs.at(vr, x) - 128;
            out[x] = qRgb(clamp(luma + k.rv * v), clamp(luma - k.gu * u - k.gv * v),
                          clamp(luma + k.bu * u));
        }
    }
    return image;
}

/** Where red, green and blue are in a 4-byte RGB pixel (Qt names them in memory order). */
std::optional<std::array<int, 3>> rgbOffsets(PixelFormat format)
{
    using F = QVideoFrameFormat;
    switch (format) {
    case F::Format_ARGB8888:
    case F::Format_ARGB8888_Premultiplied:
    case F::Format_XRGB8888:
        return std::array{1, 2, 3};
    case F::Format_BGRA8888:
    case F::Format_BGRA8888_Premultiplied:
    case F::Format_BGRX8888:
        return std::array{2, 1, 0};
    case F::Format_ABGR8888:
    case F::Format_XBGR8888:
        return std::array{3, 2, 1};
    case F::Format_RGBA8888:
    case F::Format_RGBX8888:
        return std::array{0, 1, 2};
    default:
        return std::nullopt;
    }
}

QImage rgbToImage(const QVideoFrame &frame, const std::array<int, 3> &at)
{
    const int stride = frame.bytesPerLine(0);
    if (stride < frame.width() * 4 ||
        frame.mappedBytes(0) < qint64(stride) * (frame.height() - 1) + frame.width() * 4)
        return {};
    QImage image(frame.width(), frame.height(), QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        const uchar *in = frame.bits(0) + qint64(y) * stride;
        auto *out = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x, in += 4)
            out[x] = qRgb(in[at[0]], in[at[1]], in[at[2]]);
    }
    return image;
}

} // namespace

QImage VideoFrameGrabber::imageOf(const QVideoFrame &input)
{
    QVideoFrame frame(input);
    if (!frame.isValid() || !frame.map(QVideoFrame::ReadOnly))
        return {};
    const auto unmap = qScopeGuard([&frame] { frame.unmap(); });
    const PixelFormat format = frame.pixelFormat();
    QImage image;
    if (const auto rgb = rgbOffsets(format)) {
        image = rgbToImage(frame, *rgb);
    } else if (const auto layout = yuvLayout(format)) {
        image = yuvToImage(frame, *layout);
    } else if (format == QVideoFrameFormat::Format_Jpeg) {
        image = QImage::fromData(frame.bits(0), frame.mappedBytes(0), "JPEG")
                    .convertToFormat(QImage::Format_RGB32);
    }
    if (image.isNull())
        return {};
    if (frame.surfaceFormat().scanLineDirection() == QVideoFrameFormat::BottomToTop)
        image = image.mirrored(false, true);
    if (frame.mirrored())
        image = image.mirrored(true, false);
    if (const int angle = int(frame.rotationAngle()); angle != 0)
        image = image.transformed(QTransform().rotate(angle));
    return image;
}

VideoFrameGrabber::VideoFrameGrabber(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_durationWait.setSingleShot(true);
    m_loadTimeout.setSingleShot(true);
    connect(&m_loadTimeout, &QTimer::timeout, this,
            [this] { finish(QStringLiteral("the video could not be opened in time")); });
    // Out of time: the newest frame decoded so far, if there is one.
    connect(&m_timeout, &QTimer::timeout, this,
            [this] { finish(QStringLiteral("no frame of the video could be decoded in time")); });
    connect(&m_durationWait, &QTimer::timeout, this,
            [this] { finish(QStringLiteral("the file has no video track")); });
}

VideoFrameGrabber::~VideoFrameGrabber()
{
    delete m_newest;
}

void VideoFrameGrabber::start(const QString &path, int timeoutMs)
{
    if (!QFileInfo(path).isFile()) {
        finish(QStringLiteral("there is no file %1").arg(path));
        return;
    }
    m_player = new QMediaPlayer(this);
    m_sink = new QVideoSink(this);
    m_player->setVideoSink(m_sink); // no audio output: nothing is heard
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) {
                qCDebug(lcClient) << "video status" << status << m_player->duration();
                if (status == QMediaPlayer::LoadedMedia)
                    onLoaded();
                else if (status == QMediaPlayer::EndOfMedia)
                    finish(QStringLiteral("the video has no frame"));
                else if (status == QMediaPlayer::InvalidMedia)
                    finish(m_player->errorString().isEmpty()
                               ? QStringLiteral("not a video that can be decoded")
                               : m_player->errorString());
            });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &why) {
                finish(why.isEmpty() ? QStringLiteral("not a video that can be decoded") : why);
            });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        m_still.durationMs = quint64(std::max<qint64>(0, ms));
        if (m_noVideo && ms > 0)
            finish(QStringLiteral("the file has no video track"));
    });
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &VideoFrameGrabber::onFrame);
    m_timeout.start(timeoutMs);
    m_loadTimeout.start(std::min(timeoutMs, kLoadTimeoutMs));
    m_player->setSource(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
}

void VideoFrameGrabber::onLoaded()
{
    if (m_playing || m_done)
        return;
    m_loadTimeout.stop();
    m_still.durationMs = quint64(std::max<qint64>(0, m_player->duration()));
    if (!m_player->hasVideo()) {
        m_noVideo = true;
        if (m_still.durationMs > 0)
            finish(QStringLiteral("the file has no video track"));
        else
            m_durationWait.start(1000);
        return;
    }
    // 1 s in, or 10 % of a shorter video; 1 s (or the last frame) when the length is unknown.
    m_targetUs = m_still.durationMs > 0
                     ? std::min<qint64>(1000, qint64(m_still.durationMs / 10)) * 1000
                     : 1000 * 1000;
    m_playing = true;
    m_player->setPlaybackRate(8);
    m_player->play();
}

void VideoFrameGrabber::onFrame(const QVideoFrame &frame)
{
    if (m_done || !frame.isValid())
        return;
    qCDebug(lcClient) << "video frame at" << frame.startTime() << "us, format"
                      << frame.pixelFormat() << frame.size();
    if (!m_newest)
        m_newest = new QVideoFrame(frame);
    else
        *m_newest = frame;
    if (m_firstUs < 0)
        m_firstUs = frame.startTime();
    // Half a frame early is on time (frame times are rounded).
    if (frame.startTime() < 0 || frame.startTime() - m_firstUs >= m_targetUs - 20000)
        finish();
}

void VideoFrameGrabber::finish(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_loadTimeout.stop();
    m_durationWait.stop();
    if (m_newest) {
        m_still.image = imageOf(*m_newest);
        m_still.size = m_still.image.isNull() ? m_newest->size() : m_still.image.size();
        if (m_still.image.isNull())
            m_still.error = QStringLiteral("video frames of pixel format %1 cannot be read")
                                .arg(int(m_newest->pixelFormat()));
        delete m_newest; // the backend may reuse its buffer
        m_newest = nullptr;
    } else {
        m_still.error =
            error.isEmpty() ? QStringLiteral("no frame of the video could be decoded") : error;
    }
    if (m_player) {
        // Not deleted inside its own signal; it stops decoding now.
        m_player->disconnect(this);
        m_sink->disconnect(this);
        m_player->stop();
        m_player->deleteLater();
        m_sink->deleteLater();
        m_player = nullptr;
        m_sink = nullptr;
    }
    if (!m_still.hasImage())
        qCInfo(lcClient) << "no still of the video:" << m_still.error;
    Q_EMIT finished(m_still);
}

VideoStill VideoFrameGrabber::grab(const QString &path, const std::function<bool()> &cancelled,
                                   int timeoutMs)
{
    VideoStill out;
    bool done = false;
    QEventLoop loop;
    VideoFrameGrabber grabber;
    connect(&grabber, &VideoFrameGrabber::finished, &loop, [&](const VideoStill &still) {
        out = still;
        done = true;
        loop.quit();
    });
    if (cancelled && cancelled()) {
        out.error = QStringLiteral("cancelled");
        return out;
    }
    QTimer poll;
    if (cancelled) {
        connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancelled()) {
                out.error = QStringLiteral("cancelled");
                done = true;
                loop.quit();
            }
        });
        poll.start(100);
    }
    grabber.start(path, timeoutMs);
    if (!done)
        loop.exec();
    return out;
}

} // namespace linnet::client
