// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QProcess>
#include <QTimer>
#include <QUrl>

namespace linnet::client {

/**
 * "Host a server on this computer": runs linnet-server as a child process with
 * its data in the user's data directory, reports the address others use, and
 * creates invites through its admin command. By default it speaks TLS (wss://) with a
 * self-signed certificate the server makes once in its data dir; invite links carry
 * that certificate's pin, so a joining app trusts exactly it (docs/self-hosting.md).
 * A server that dies is started again after a growing delay (state() says so
 * meanwhile); it stops with the app.
 */
class BundledServer : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString binary;  ///< path of linnet-server; empty = next to this program, then PATH
        QString dataDir; ///< empty = <GenericDataLocation>/linnet-server
        QString listen = QStringLiteral("127.0.0.1:7480");
        QString registration = QStringLiteral("invite");
        int restartInitialMs = 1000; ///< first delay before starting a dead server again
        int restartMaxMs = 30000;    ///< the delay doubles up to this
        bool tls = true;             ///< wss:// with a self-signed certificate; false: plain ws://
    };

    enum class State : quint8 {
        Stopped,    ///< not started, or stopped on purpose
        Starting,   ///< started, waiting for it to listen
        Running,    ///< listening at url()
        Restarting, ///< it died (lastError() says how); started again after a delay
    };
    Q_ENUM(State)

    explicit BundledServer(Options options, QObject *parent = nullptr);
    ~BundledServer() override;

    /** Starts the server; started() or failed() follows. */
    void start();
    /** Stops it gracefully (SIGTERM) and waits a little; no restart follows. */
    void stop();
    /** The process exists (it may not listen yet). */
    bool isRunning() const;
    State state() const { return m_state; }
    /** Why it last stopped or failed to start, for people; empty if it never did. */
    QString lastError() const { return m_lastError; }
    /** The child's process id while it runs (tests kill it), else 0. */
    qint64 processId() const { return m_process.processId(); }

    /** How this computer reaches the server (ws://127.0.0.1:PORT/v1/ws when it listens
     *  on all interfaces); empty while it is not running. */
    QUrl url() const { return m_url; }
    /** The addresses to give to others (LanAddresses), best first; empty when nobody
     *  else can reach it (no network, or it listens on loopback only). */
    QList<QUrl> shareableUrls() const;
    QString listen() const { return m_options.listen; }
    QString dataDir() const { return m_options.dataDir; }
    QString binary() const { return m_binary; }

    /** The pin of the running server's certificate (from its start line); empty without
     *  TLS or while it is not running. */
    QByteArray pin() const { return m_pin; }

    /** Runs `invite create` on the same data dir: an invite link to @p server (with the
     *  pin, protocol::InviteLink), by default to url(); while it is not running, what the
     *  server prints by itself (the code alone, or a link to a listen address that is not
     *  a wildcard); an empty string on failure. */
    QString createInvite(QString *error = nullptr, const QUrl &server = {}) const;

    static QString defaultDataDir();
    static QString findBinary(const QString &hint);

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &reason);
    void stopped();
    /** state() changed; @p reason says why for Restarting. */
    void stateChanged(linnet::client::BundledServer::State state, const QString &reason);

private:
    void launch();
    void setState(State state, const QString &reason = {});
    void onFinished(int code, QProcess::ExitStatus status);
    void scheduleRestart(const QString &reason);

    Options m_options;
    QTimer m_restartTimer;
    int m_restartDelayMs = 0;
    State m_state = State::Stopped;
    QString m_lastError;
    bool m_wanted = false; ///< started and not stopped: a death is restarted
    QString m_binary;
    QProcess m_process;
    QByteArray m_output;
    QUrl m_url;
    QByteArray m_pin;
};

} // namespace linnet::client
