// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace linnet::chaos {

/**
 * The real linnet-server under test: started on a loopback port that stays the same
 * across restarts (clients reconnect to one URL), with its data dir and a config
 * that lifts the rate limits, and stopped the hard way (SIGKILL) or the graceful one
 * (SIGTERM). Its output goes to server.log in the data dir.
 */
class ChaosServer {
public:
    ChaosServer(QString binary, QString dataDir, QStringList configLines);
    ~ChaosServer();
    ChaosServer(const ChaosServer &) = delete;
    ChaosServer &operator=(const ChaosServer &) = delete;

    /** Starts `serve` and waits for its URL line; false with error() set on failure. */
    bool start();
    /** SIGKILL: nothing that was not durable survives. */
    void kill();
    /** SIGTERM and wait; false if it did not exit with 0 in time (then it is killed). */
    bool terminate();
    bool isRunning() const;
    /** The running server's process id, or 0. */
    qint64 processId() const;

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_dataDir; }
    QString error() const { return m_error; }

private:
    QString m_binary;
    QString m_dataDir;
    QStringList m_configLines;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QUrl m_url;
    QString m_error;
};

} // namespace linnet::chaos
