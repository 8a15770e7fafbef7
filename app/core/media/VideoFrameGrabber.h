// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>
#include <QTimer>

#include <functional>

class QMediaPlayer;
class QVideoFrame;
class QVideoSink;

namespace linnet::client {

/** One still of a video and what is known of the video: what VideoFrameGrabber made. */
struct VideoStill {
    QImage image;           ///< the frame as it is shown (turned); null if none was decoded
    QSize size;             ///< the video's size in pixels as it is shown; empty if unknown
    quint64 durationMs = 0; ///< 0 if unknown
    QString error;          ///< why there is no image; empty when there is one
    bool hasImage() const { return !image.isNull(); }
};

/**
 * Decodes one frame of a video file with Qt Multimedia (a QMediaPlayer into a QVideoSink;
 * no audio output, nothing on a screen): the frame at 1 s, or at 10 % of a shorter video,
 * so that a black first frame (a fade-in) is not what the video looks like. It plays the
 * start at 8× speed rather than seeking: paused seeks give no new frame on some backends
 * (GStreamer in Qt 6.4), and frame times are counted from the first frame (GStreamer's
 * start late by the decoder's delay). The frame is converted on the CPU, without a GPU
 * context, so this also works in linnet-cli (a QCoreApplication) and off the GUI thread.
 * Errors are English, for the log: the user sees a video without a thumbnail.
 *
 * start() returns at once; finished() comes exactly once, with the image or with why
 * there is none (no such file, not a video Qt can decode, no video track, a pixel format
 * it cannot convert, no frame in time). grab() is the blocking form for a worker thread:
 * it runs its own event loop there.
 */
class VideoFrameGrabber final : public QObject {
    Q_OBJECT
public:
    /** How long a grab may take before it gives up (a file that decodes forever). */
    static constexpr int kDefaultTimeoutMs = 15000;
    /** How long opening the file may take: Qt 6.4's GStreamer backend sometimes reports
     *  nothing at all for a broken file (after another file was decoded). */
    static constexpr int kLoadTimeoutMs = 5000;

    explicit VideoFrameGrabber(QObject *parent = nullptr);
    ~VideoFrameGrabber() override;

    /** Starts decoding @p path; finished() follows (possibly before this returns, for a
     *  file that is not there). Call once. */
    void start(const QString &path, int timeoutMs = kDefaultTimeoutMs);

    /** start() and wait for finished() in a local event loop; @p cancelled is asked every
     *  first and every 100 ms, and ends the wait early (error "cancelled"). Not on the
     *  GUI thread. */
    static VideoStill grab(const QString &path, const std::function<bool()> &cancelled = {},
                           int timeoutMs = kDefaultTimeoutMs);

    /** @p frame as an RGB32 image, converted on the CPU (YUV 4:2:0 8 and 10 bit, packed
     *  4:2:2 and RGB formats), turned and mirrored as it is to be shown; null for a pixel
     *  format it does not know. */
    static QImage imageOf(const QVideoFrame &frame);

Q_SIGNALS:
    void finished(const linnet::client::VideoStill &still);

private:
    void onLoaded();
    void onFrame(const QVideoFrame &frame);
    /** Ends with the newest frame decoded, if any; else with @p error. */
    void finish(const QString &error = {});

    QMediaPlayer *m_player = nullptr;
    QVideoSink *m_sink = nullptr;
    QTimer m_timeout;
    QTimer m_loadTimeout;
    QTimer m_durationWait;           ///< a file without pictures: its duration may come a bit later
    QVideoFrame *m_newest = nullptr; ///< the newest frame decoded (owned), converted at the end
    VideoStill m_still;
    qint64 m_targetUs = 0;
    qint64 m_firstUs = -1; ///< the first frame's start time
    bool m_playing = false;
    bool m_noVideo = false;
    bool m_done = false;
};

} // namespace linnet::client
