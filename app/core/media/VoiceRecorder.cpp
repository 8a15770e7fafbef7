// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/VoiceRecorder.h"

#include "ClientLog.h"
#include "media/MediaFiles.h"

#include <QAudioDevice>
#include <QAudioInput>
#include <QAudioSource>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaFormat>
#include <QMediaRecorder>
#include <QTimer>
#include <QUrl>

#include <cmath>

namespace linnet::client {

namespace {
constexpr int kSliceMs = 100;    ///< one level per slice of this length
constexpr int kTickMs = 100;     ///< progress() this often
constexpr qreal kFloorDb = -50.; ///< quieter than this is a flat line

struct Encoding {
    QMediaFormat::FileFormat file;
    QMediaFormat::AudioCodec codec;
    const char *suffix;
};

/** The first format the backend encodes, best for speech first. */
std::optional<Encoding> chooseEncoding()
{
    const Encoding choices[] = {
        {QMediaFormat::Ogg, QMediaFormat::AudioCodec::Opus, "ogg"},
        {QMediaFormat::Ogg, QMediaFormat::AudioCodec::Vorbis, "ogg"},
        {QMediaFormat::Mpeg4Audio, QMediaFormat::AudioCodec::AAC, "m4a"},
        {QMediaFormat::Wave, QMediaFormat::AudioCodec::Wave, "wav"},
    };
    for (const Encoding &e : choices) {
        QMediaFormat format(e.file);
        format.setAudioCodec(e.codec);
        if (format.isSupported(QMediaFormat::Encode))
            return e;
    }
    return std::nullopt;
}

std::optional<QAudioDevice> findInput(const QByteArray &id)
{
    if (id.isEmpty()) {
        const QAudioDevice device = QMediaDevices::defaultAudioInput();
        return device.isNull() ? std::nullopt : std::optional(device);
    }
    for (const QAudioDevice &device : QMediaDevices::audioInputs())
        if (device.id() == id)
            return device;
    return std::nullopt;
}

/** The loudest sample of @p bytes in @p format, 0..1. */
qreal peakOf(const QByteArray &bytes, const QAudioFormat &format)
{
    qreal peak = 0;
    const char *data = bytes.constData();
    const qsizetype count = bytes.size() / std::max(1, format.bytesPerSample());
    for (qsizetype i = 0; i < count; ++i) {
        qreal v = 0;
        switch (format.sampleFormat()) {
        case QAudioFormat::Int16:
            v = std::abs(reinterpret_cast<const qint16 *>(data)[i]) / 32768.;
            break;
        case QAudioFormat::Int32:
            v = std::abs(qreal(reinterpret_cast<const qint32 *>(data)[i])) / 2147483648.;
            break;
        case QAudioFormat::Float:
            v = std::abs(reinterpret_cast<const float *>(data)[i]);
            break;
        case QAudioFormat::UInt8:
            v = std::abs(int(reinterpret_cast<const quint8 *>(data)[i]) - 128) / 128.;
            break;
        default:
            break;
        }
        peak = std::max(peak, v);
    }
    return std::min<qreal>(peak, 1);
}

/** 0..1 on a decibel scale, so that speech fills the bar and silence is flat. */
qreal loudness(qreal peak)
{
    if (peak <= 0)
        return 0;
    return std::clamp((20 * std::log10(peak) - kFloorDb) / -kFloorDb, 0., 1.);
}
} // namespace

/** The Qt Multimedia parts of one recording (none of it outlives the recording). */
struct VoiceRecorder::Pipeline {
    QMediaCaptureSession session;
    QAudioInput input;
    QMediaRecorder recorder;
    std::unique_ptr<QAudioSource> meter; ///< a second reader of the microphone, for levels
    QIODevice *meterDevice = nullptr;
    QByteArray pending; ///< meter bytes not yet a whole slice
    qreal level = 0;    ///< the last slice's loudness
    QTimer tick;
};

VoiceRecorder::VoiceRecorder(QString directory, QByteArray inputId, QObject *parent)
    : QObject(parent), m_directory(std::move(directory)), m_inputId(std::move(inputId))
{
}

VoiceRecorder::~VoiceRecorder()
{
    if (m_state != State::Idle)
        cancel();
}

bool VoiceRecorder::hasMicrophone()
{
    return !QMediaDevices::audioInputs().isEmpty();
}

qint64 VoiceRecorder::elapsedMs() const
{
    if (m_state == State::Idle)
        return m_durationMs;
    return std::max<qint64>(m_pipeline ? m_pipeline->recorder.duration() : 0, m_clock.elapsed());
}

bool VoiceRecorder::start()
{
    if (m_state != State::Idle)
        return false;
    const auto device = findInput(m_inputId);
    if (!device) {
        Q_EMIT errorOccurred(tr("No microphone found: connect one to record voice messages"));
        return false;
    }
    const auto encoding = chooseEncoding();
    if (!encoding) {
        Q_EMIT errorOccurred(tr("Voice messages cannot be recorded here: no audio encoder"));
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT errorOccurred(
            tr("Cannot record: cannot create %1").arg(QDir::toNativeSeparators(m_directory)));
        return false;
    }
    const QString name =
        QStringLiteral("Voice message %1.%2")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH.mm.ss")),
                 QLatin1String(encoding->suffix));
    m_target = mediafiles::uniqueFilePath(m_directory, name);
    m_levels.clear();
    m_durationMs = 0;

    m_pipeline = std::make_unique<Pipeline>();
    Pipeline &p = *m_pipeline;
    p.input.setDevice(*device);
    p.session.setAudioInput(&p.input);
    p.session.setRecorder(&p.recorder);
    QMediaFormat format(encoding->file);
    format.setAudioCodec(encoding->codec);
    p.recorder.setMediaFormat(format);
    p.recorder.setQuality(QMediaRecorder::NormalQuality);
    // Without a suffix: the backend adds its own (GStreamer's for Ogg is ".ogv"); the file
    // is renamed to m_target when complete.
    p.recorder.setOutputLocation(QUrl::fromLocalFile(
        m_target.chopped(int(qstrlen(encoding->suffix)) + 1) + QStringLiteral(".recording")));
    connect(&p.recorder, &QMediaRecorder::recorderStateChanged, this,
            &VoiceRecorder::onStateChanged);
    connect(&p.recorder, &QMediaRecorder::errorOccurred, this,
            [this](QMediaRecorder::Error, const QString &why) {
                fail(tr("Recording failed: %1").arg(why));
            });

    QAudioFormat meterFormat;
    meterFormat.setSampleRate(16000);
    meterFormat.setChannelCount(1);
    meterFormat.setSampleFormat(QAudioFormat::Int16);
    if (!device->isFormatSupported(meterFormat))
        meterFormat = device->preferredFormat();
    p.meter = std::make_unique<QAudioSource>(*device, meterFormat);
    p.meterDevice = p.meter->start(); // no levels if the device can be opened only once
    if (p.meterDevice)
        connect(p.meterDevice, &QIODevice::readyRead, this, &VoiceRecorder::onLevels);
    p.tick.setInterval(kTickMs);
    connect(&p.tick, &QTimer::timeout, this,
            [this] { Q_EMIT progress(elapsedMs(), m_pipeline ? m_pipeline->level : 0); });

    m_state = State::Recording;
    m_clock.start();
    p.recorder.record();
    p.tick.start();
    qCInfo(lcClient) << "recording a voice note from" << device->description() << "as"
                     << format.fileFormatName(encoding->file);
    return true;
}

void VoiceRecorder::onLevels()
{
    if (!m_pipeline || !m_pipeline->meterDevice)
        return;
    Pipeline &p = *m_pipeline;
    p.pending += p.meterDevice->readAll();
    const QAudioFormat format = p.meter->format();
    const qsizetype slice = format.bytesForDuration(qint64(kSliceMs) * 1000);
    while (slice > 0 && p.pending.size() >= slice) {
        p.level = loudness(peakOf(p.pending.first(slice), format));
        m_levels.append(quint8(std::lround(p.level * 255)));
        p.pending.remove(0, slice);
    }
}

void VoiceRecorder::finish()
{
    if (m_state != State::Recording)
        return;
    m_state = State::Finishing;
    m_durationMs = elapsedMs();
    m_pipeline->tick.stop();
    onLevels();
    m_pipeline->meter->stop();
    m_pipeline->recorder.stop(); // onStateChanged() once the file is written
}

void VoiceRecorder::cancel()
{
    if (m_state == State::Idle)
        return;
    m_state = State::Idle;
    discard(m_pipeline.release());
    qCInfo(lcClient) << "voice note cancelled";
}

void VoiceRecorder::discard(Pipeline *pipeline)
{
    // The backend may still be writing: the file goes once the recorder has stopped.
    pipeline->tick.stop();
    pipeline->recorder.disconnect(this);
    if (pipeline->meter)
        pipeline->meter->stop();
    const auto dispose = [pipeline] {
        QFile::remove(pipeline->recorder.actualLocation().toLocalFile());
        QTimer::singleShot(0, [pipeline] { delete pipeline; });
    };
    if (pipeline->recorder.recorderState() == QMediaRecorder::StoppedState) {
        dispose();
        return;
    }
    connect(&pipeline->recorder, &QMediaRecorder::recorderStateChanged, &pipeline->recorder,
            [pipeline, dispose](QMediaRecorder::RecorderState state) {
                if (state != QMediaRecorder::StoppedState)
                    return;
                pipeline->recorder.disconnect();
                dispose();
            });
    pipeline->recorder.stop();
}

void VoiceRecorder::onStateChanged()
{
    if (!m_pipeline || m_state != State::Finishing ||
        m_pipeline->recorder.recorderState() != QMediaRecorder::StoppedState)
        return;
    const QString recorded = m_pipeline->recorder.actualLocation().toLocalFile();
    m_durationMs = std::max<qint64>(m_durationMs, m_pipeline->recorder.duration());
    reset();
    if (recorded.isEmpty() || QFileInfo(recorded).size() == 0 || m_durationMs <= 0) {
        QFile::remove(recorded);
        Q_EMIT errorOccurred(tr("Nothing was recorded: is the microphone working?"));
        return;
    }
    if (recorded != m_target && !QFile::rename(recorded, m_target)) {
        QFile::remove(recorded);
        Q_EMIT errorOccurred(
            tr("Cannot save the voice message in %1").arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    qCInfo(lcClient) << "voice note recorded," << m_durationMs << "ms";
    Q_EMIT finished(m_target, quint64(m_durationMs), waveform(m_levels, kWaveformBars));
}

void VoiceRecorder::fail(const QString &reason)
{
    if (m_state == State::Idle)
        return;
    m_state = State::Idle;
    discard(m_pipeline.release());
    qCWarning(lcClient) << "voice note failed:" << reason;
    Q_EMIT errorOccurred(reason);
}

void VoiceRecorder::reset()
{
    m_state = State::Idle;
    if (!m_pipeline)
        return;
    m_pipeline->tick.stop();
    m_pipeline->recorder.disconnect(this);
    if (m_pipeline->meter)
        m_pipeline->meter->stop();
    // Deleted later: this may run inside one of the recorder's own signals.
    Pipeline *done = m_pipeline.release();
    QTimer::singleShot(0, [done] { delete done; });
}

QByteArray VoiceRecorder::waveform(const QList<quint8> &levels, int bars)
{
    QByteArray out;
    if (levels.isEmpty() || bars <= 0)
        return out;
    const qsizetype n = std::min<qsizetype>(bars, levels.size());
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype from = i * levels.size() / n;
        const qsizetype to = std::max(from + 1, (i + 1) * levels.size() / n);
        out.append(char(*std::max_element(levels.cbegin() + from, levels.cbegin() + to)));
    }
    return out;
}

} // namespace linnet::client
