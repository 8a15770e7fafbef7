// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace linnet::client {

/**
 * Records a voice note from the microphone into a file (Ogg/Opus where the Qt
 * Multimedia backend encodes it, else the first of Ogg/Vorbis, MPEG-4/AAC and WAV
 * it can), and its waveform: the loudness of equal slices of the note, measured
 * while recording (docs/protocol.md 8, `wave`). The UI sees only this class: start(),
 * then finish() (finished() once the file is complete) or cancel() (the file goes).
 * Without a microphone start() refuses and says so; nothing else happens.
 */
class VoiceRecorder : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Recording, Finishing };
    /** Bars in the waveform of a note (at most protocol::kMaxWaveformBytes). */
    static constexpr int kWaveformBars = 64;

    /** Records into @p directory (made if missing) from the input whose id is @p inputId;
     *  empty: the system's default input. */
    explicit VoiceRecorder(QString directory, QByteArray inputId = {}, QObject *parent = nullptr);
    ~VoiceRecorder() override;

    /** True if the system has a microphone (an audio input) at all. */
    static bool hasMicrophone();

    /** Starts recording; false (errorOccurred says why) without a microphone or when the
     *  recording cannot start. */
    bool start();
    /** Stops; finished() follows once the file is complete (or errorOccurred). */
    void finish();
    /** Stops and deletes what was recorded; nothing follows. */
    void cancel();

    State state() const { return m_state; }
    /** How long it has been recording, in ms. */
    qint64 elapsedMs() const;

    /** @p levels (0..255, one per slice of time) squeezed into at most @p bars bars by
     *  their peaks; empty if there are none. */
    static QByteArray waveform(const QList<quint8> &levels, int bars);

Q_SIGNALS:
    /** About ten times a second while recording: the time so far and the loudness now
     *  (0..1). */
    void progress(qint64 elapsedMs, qreal level);
    /** The note is complete at @p path (the caller owns the file now). */
    void finished(const QString &path, quint64 durationMs, const QByteArray &waveform);
    /** Why recording did not start or produced nothing, for people. */
    void errorOccurred(const QString &reason);

private:
    struct Pipeline;
    void onStateChanged();
    void onLevels();
    void fail(const QString &reason);
    /** Stops @p pipeline's recording and deletes it and its file once stopped. */
    void discard(Pipeline *pipeline);
    void reset();

    QString m_directory;
    QByteArray m_inputId;
    State m_state = State::Idle;
    QString m_target; ///< the file the note ends up in
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    QList<quint8> m_levels;
    std::unique_ptr<Pipeline> m_pipeline;
};

} // namespace linnet::client
