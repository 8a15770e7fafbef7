// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace linnet::client {

/**
 * "Host a server on this computer": runs linnet-server as a child process with
 * its data in the user's data directory, reports the address others use, and
 * creates invite codes through its admin command. The server stops with the app.
 */
class BundledServer : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString binary;  ///< path of linnet-server; empty = next to this program, then PATH
        QString dataDir; ///< empty = <GenericDataLocation>/linnet-server
        QString listen = QStringLiteral("127.0.0.1:7480");
        QString registration = QStringLiteral("invite");
    };

    explicit BundledServer(Options options, QObject *parent = nullptr);
    ~BundledServer() override;

    /** Starts the server; started() or failed() follows. */
    void start();
    /** Stops it gracefully (SIGTERM) and waits a little. */
    void stop();
    bool isRunning() const;

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_options.dataDir; }
    QString binary() const { return m_binary; }

    /** Runs `invite create` on the same data dir; returns the code or an empty string. */
    QString createInvite(QString *error = nullptr) const;

    static QString defaultDataDir();
    static QString findBinary(const QString &hint);

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &reason);
    void stopped();

private:
    Options m_options;
    QString m_binary;
    QProcess m_process;
    QByteArray m_output;
    QUrl m_url;
};

} // namespace linnet::client
