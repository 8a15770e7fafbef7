// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDataStream>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtMath>

#include <memory>

namespace linnet::test {

/**
 * A real microphone for tests: a private PulseAudio daemon with a null sink and a source
 * remapped from its monitor (Qt lists monitors as no input; the remap makes one). What is
 * played into the sink (play()) is what the "microphone" hears. The test process talks to
 * it through PULSE_SERVER, set by start() before anything asks Qt Multimedia for devices
 * (Qt connects to PulseAudio once per process): start it in initTestCase. Stopped and its
 * files removed when destroyed.
 */
class PulseAudioSession {
public:
    PulseAudioSession() = default;
    PulseAudioSession(const PulseAudioSession &) = delete;
    PulseAudioSession &operator=(const PulseAudioSession &) = delete;
    ~PulseAudioSession()
    {
        silence();
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.terminate();
            if (!m_daemon.waitForFinished(5000)) {
                m_daemon.kill();
                m_daemon.waitForFinished(3000);
            }
        }
    }

    /** Why no session can start here ("pulseaudio is not installed"), or empty. */
    static QString missing()
    {
        for (const char *tool : {"pulseaudio", "paplay", "pactl"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                return QStringLiteral("%1 is not installed").arg(QLatin1String(tool));
        return {};
    }

    /** Starts the daemon and waits until it answers; false with errorString() otherwise. */
    bool start()
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary directory"));
        const QString socket = m_dir.filePath(QStringLiteral("native"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path()); // the daemon's own files
        env.insert(QStringLiteral("HOME"), m_dir.path());
        // Off the session bus: a daemon takes the bus name org.PulseAudio1 and exits when
        // another test's daemon holds it (ctest runs tests in parallel under one bus).
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
        m_daemon.setProcessEnvironment(env);
        m_daemon.setProcessChannelMode(QProcess::MergedChannels);
        m_daemon.start(QStringLiteral("pulseaudio"),
                       {QStringLiteral("-n"), QStringLiteral("--daemonize=no"),
                        QStringLiteral("--exit-idle-time=-1"),
                        QStringLiteral("--load=module-native-protocol-unix socket=") + socket,
                        QStringLiteral("--load=module-null-sink sink_name=linnet_null"),
                        QStringLiteral("--load=module-remap-source master=linnet_null.monitor "
                                       "source_name=linnet_mic")});
        if (!m_daemon.waitForStarted(5000))
            return fail(QStringLiteral("pulseaudio did not start: ") + m_daemon.errorString());
        m_server = QStringLiteral("unix:") + socket;
        qputenv("PULSE_SERVER", m_server.toLocal8Bit());
        // Ready once it answers (pactl fails at once while the socket is not there yet).
        const QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            if (m_daemon.state() == QProcess::NotRunning)
                return fail(QStringLiteral("pulseaudio exited: ") +
                            QString::fromLocal8Bit(m_daemon.readAll()));
            QProcess pactl;
            pactl.start(QStringLiteral("pactl"),
                        {QStringLiteral("-s"), m_server, QStringLiteral("info")});
            if (pactl.waitForFinished(5000) && pactl.exitCode() == 0)
                return true;
            QThread::msleep(50);
        }
        return fail(QStringLiteral("pulseaudio did not answer within 15 s"));
    }

    QString errorString() const { return m_error; }
    /** The name of the microphone, as PulseAudio and QAudioDevice::id() call it. */
    static QByteArray microphoneId() { return QByteArrayLiteral("linnet_mic"); }

    /**
     * Plays @p wav into the sink, so the microphone hears it, with a low latency: a null
     * sink nobody plays into runs with 2 s blocks, and a recorder stopped meanwhile misses
     * its last block (or all of a short recording). Returns once the sink plays it (false
     * if it does not within 10 s); the playing stops when the file ends or the session does.
     */
    bool play(const QString &wav)
    {
        const qsizetype before = sinkInputs();
        auto player = std::make_unique<QProcess>();
        player->start(QStringLiteral("paplay"),
                      {QStringLiteral("-s"), m_server, QStringLiteral("--latency-msec=20"),
                       QStringLiteral("-d"), QStringLiteral("linnet_null"), wav});
        const bool started = player->waitForStarted(5000);
        m_players.push_back(std::move(player));
        const QDeadlineTimer deadline(10000);
        while (started && !deadline.hasExpired()) {
            if (sinkInputs() > before)
                return true;
            QThread::msleep(20);
        }
        return false;
    }

    /** How many streams play into the sink now. */
    qsizetype sinkInputs() const
    {
        QProcess pactl;
        pactl.start(QStringLiteral("pactl"),
                    {QStringLiteral("-s"), m_server, QStringLiteral("list"),
                     QStringLiteral("short"), QStringLiteral("sink-inputs")});
        if (!pactl.waitForFinished(5000))
            return 0;
        return pactl.readAllStandardOutput().count('\n');
    }

    /** Stops everything play() started (a tone still playing into the sink can make the
     *  backend's player race through a note). */
    void silence()
    {
        for (auto &player : m_players) {
            player->kill();
            player->waitForFinished(3000);
        }
        m_players.clear();
    }

    /** Writes a 16-bit mono WAV of a @p hz tone, @p ms long, into the session's folder;
     *  @p pulsing: its loudness swells and fades about twice a second, like speech. */
    QString writeTone(int ms, int hz = 440, bool pulsing = false)
    {
        constexpr int kRate = 16000;
        const QString path = m_dir.filePath(
            QStringLiteral("tone-%1-%2-%3.wav").arg(ms).arg(hz).arg(pulsing ? 1 : 0));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        const quint32 samples = quint32(qint64(kRate) * ms / 1000);
        QDataStream out(&file);
        out.setByteOrder(QDataStream::LittleEndian);
        out.writeRawData("RIFF", 4);
        out << quint32(36 + samples * 2);
        out.writeRawData("WAVEfmt ", 8);
        out << quint32(16) << quint16(1) << quint16(1) << quint32(kRate) << quint32(kRate * 2)
            << quint16(2) << quint16(16);
        out.writeRawData("data", 4);
        out << quint32(samples * 2);
        for (quint32 i = 0; i < samples; ++i)
            out << qint16((pulsing ? 0.05 + 0.95 * qAbs(qSin(M_PI * 1.1 * i / kRate)) : 1.0) *
                          12000 * qSin(2 * M_PI * hz * i / kRate));
        return path;
    }

private:
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_server;
    QString m_error;
    std::vector<std::unique_ptr<QProcess>> m_players;
};

} // namespace linnet::test
