// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProcessRun.h"

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace linnet::test {

/**
 * The real linnet-server of this build (serverBinary()) on a free loopback
 * port with a temporary data dir. Restarts reuse the data dir and the port, so
 * clients reconnect to the same URL.
 */
class ServerProcess {
public:
    /** @p configLines ("key = value\n"...) go into the [server] section of its config. */
    explicit ServerProcess(QStringList extraServeArgs = {}, QByteArray configLines = {});
    ~ServerProcess();

    /** The serve arguments of a server anyone may register on, as most suites want. */
    static QStringList openRegistration()
    {
        return {QStringLiteral("--registration"), QStringLiteral("open")};
    }

    /** Starts `serve` and waits for the URL line; false (see errorString) on failure. */
    bool start();
    /** SIGTERM and wait; returns the exit code, or -1 if it did not exit cleanly. */
    int stop();
    /** SIGKILL: no chance to flush anything that was not already durable. */
    void kill();
    bool isRunning() const;
    /** The exit code of a server that has exited (start() failed, stop()), else -1. */
    int exitCode() const;

    /** Starts the server with RLIMIT_NOFILE (soft and hard) at @p descriptors; 0 leaves it. */
    void setOpenFileLimit(int descriptors) { m_openFileLimit = descriptors; }
    /** The running server's process id (0 if none). */
    qint64 pid() const;

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_dataDir.path(); }
    QString errorString() const { return m_error; }
    /** Everything the server printed so far (stdout and stderr). */
    QByteArray output() const { return m_output; }
    /** Prints output() as a warning if the current test function has failed. */
    void warnOutputIfTestFailed() const;

    /** Runs an admin command (`--data-dir DIR ARGS...`) to completion. */
    using AdminResult = ProcessResult;
    AdminResult admin(const QStringList &args, const QByteArray &stdinData = {}) const;

private:
    QStringList m_extraArgs;
    QByteArray m_configLines;
    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    quint16 m_port = 0;
    int m_openFileLimit = 0;
    QString m_error;
    QByteArray m_output;
};

} // namespace linnet::test
