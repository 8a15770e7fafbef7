// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace linnet::bench {

/** CPU time and memory of one process, from /proc. */
struct ProcSample {
    bool valid = false;
    double cpuSeconds = 0; ///< utime + stime
    qint64 rssKb = 0;      ///< VmRSS
    qint64 hwmKb = 0;      ///< VmHWM: the peak RSS of the process's life
    int threads = 0;
};

/** Reads /proc/PID/stat and /proc/PID/status; pid 0 means this process. */
ProcSample sampleProcess(qint64 pid);

/**
 * The server under test: either a linnet-server this process starts on a
 * loopback port with a bench config that lifts the rate limits, or a running
 * server given by URL (and optionally PID for its CPU and memory readings).
 */
class ServerHandle {
public:
    ServerHandle() = default;
    ~ServerHandle();
    ServerHandle(const ServerHandle &) = delete;
    ServerHandle &operator=(const ServerHandle &) = delete;

    /**
     * Starts @p binary serving @p dataDir (a temporary directory when empty),
     * with @p configLines ("key = value") added to the [server] section of its
     * bench config; false with error() set when it does not print its URL in time.
     */
    bool start(const QString &binary, const QString &dataDir, const QStringList &configLines = {});
    void attach(const QUrl &url, qint64 pid);
    /** Stops a server we started (SIGTERM, then SIGKILL); false if it did not exit cleanly. */
    bool stop();
    /** SIGKILL, as a crash or a pulled plug (the lan workload). */
    void kill();

    QUrl url() const { return m_url; }
    qint64 pid() const { return m_pid; }
    QString dataDir() const { return m_dataDir; }
    QString error() const { return m_error; }
    ProcSample sample() const { return m_pid ? sampleProcess(m_pid) : ProcSample{}; }

private:
    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QProcess> m_process;
    QString m_dataDir;
    QUrl m_url;
    qint64 m_pid = 0;
    QString m_error;
};

} // namespace linnet::bench
