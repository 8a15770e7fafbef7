// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChatClient.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace linnet::client {
class LocalStore;
class SecretStore;
} // namespace linnet::client

namespace linnet::cli {

/** What the command line asked for, already validated. */
struct CliRequest {
    QString profile;
    QUrl server;
    QString command; ///< register, login, send, listen, history, group, devices, ...
    QStringList args;
    QStringList members; ///< group create --members
    QString password;
    QString invite;
    QByteArray pin; ///< register, login: the server certificate's pin (--pin, an invite link)
    bool startOver = false; ///< login --start-over
    int count = 0;          ///< listen: stop after this many messages (0 = no limit)
    int timeoutSeconds = 0; ///< 0 = none
    bool json = false;
    QString file;             ///< send --file
    QString caption;          ///< send --file --caption
    QString downloadDir;      ///< listen --download-dir
    QString out;              ///< fetch --out
    QString chat;             ///< search --chat
    std::optional<bool> lan;  ///< send, listen: --lan / --no-lan (else the profile's setting)
    bool forEveryone = false; ///< delete --for-everyone
    QString deviceName;       ///< link --name
    bool noHistory = false;   ///< approve --no-history
    bool yes = false;         ///< approve --yes: no question on stdin
};

/**
 * Runs one linnet-cli command on the client engine and finishes with an exit
 * code: the asynchronous steps (connect, ack, receive) are slots on the event
 * loop, and finish() closes the connection gracefully before the process quits.
 */
class CliCommand : public QObject {
    Q_OBJECT
public:
    explicit CliCommand(CliRequest request, QObject *parent = nullptr);
    ~CliCommand() override;

    /** Starts the command; done() is emitted with the exit code. */
    void run();

Q_SIGNALS:
    void done(int exitCode);

private:
    bool openProfile();
    /** A device was added to or removed from this account: listen prints it (CliDevices.cpp). */
    void reportOwnDevice(bool added, qint64 device, const QString &name);
    /** Warns on stderr about devices the account key did not approve (CliDevices.cpp). */
    void reportDeviceTrust();
    /** Waits until the history transfer @p transfer (to a newly linked device) is sent,
     *  with a progress line on a terminal (approve; CliHistory.cpp). */
    void awaitHistory(const protocol::MessageId &transfer);
    /** link USER: joins the account as a new device approved from another (CliLink.cpp). */
    void runLink();
    /** approve CODE: approves a new device of this account, sends it the history. */
    void runApprove();
    /** Says on stderr "history: N messages (M new)" once a history for this device is
     *  imported, or why it was not (listen, link; CliHistory.cpp). */
    void reportHistory();
    void runAccount(bool registering);
    void runSend();
    void runSendFile(const QString &peer);
    /** Stores a message through @p send (sendText, sendReply...) and waits until it is
     *  sent, or says why it was refused. */
    void startSend(const std::function<protocol::MessageId()> &send);
    /** reply ID TEXT: a reply to a stored message, in its chat (CliActions.cpp). */
    void runReply();
    /** react ID EMOJI: a reaction to a stored message ("" takes it back; CliActions.cpp). */
    /** edit ID TEXT: a new text for an own message (CliActions.cpp). */
    void runEdit();
    /** forward ID CHAT...: the text of a stored message to each chat (CliActions.cpp). */
    void runForward();
    /** delete ID [--for-everyone]: for this profile only, or for everyone (CliActions.cpp). */
    void runDelete();
    /** The stored message named by the first argument; fails the command if none. */
    std::optional<protocol::MessageId> storedMessageArg();
    void runReact();
    /** What send waits for once the message is stored (ack, refusals, unreachable). */
    void awaitSent();
    /** send with LAN fallback (CliLanWait.cpp): a peer's ack over the LAN ends it; nobody
     *  found on the LAN in time calls @p unreachable. */
    void awaitOnLan(const std::function<void(const QString &)> &unreachable);
    /** The server is unreachable (@p reason): true if LAN fallback now looks for the
     *  recipient (a text, LAN on), so the command does not give up yet. */
    bool lanTakesOver(const QString &reason);
    void runListen();
    void runFetch();
    /** listen: prints @p m now, or once its attachment is fetched (or failed). */
    void received(const client::ChatMessage &m);
    void attachmentChanged(const protocol::MessageId &id);
    void showProgress(quint64 done, quint64 total);
    void runHistory();
    /** search: the stored messages matching the words (CliSearch.cpp). */
    void runSearch();
    void runGroup();
    /** devices, rename-device ID NAME, revoke ID (CliDevices.cpp). */
    void runDevices();
    /** The group key for NAME ("group:ID" or a group's name) among the groups this profile
     *  is in; empty (and @p error says why) if there is none or several. */
    QString resolveGroup(const QString &name, QString *error);
    /** The conversation for send/history: a group this profile is in (with @p includeLeft,
     *  also one it left), else the username. */
    QString conversationFor(const QString &name, bool includeLeft = false);
    void fail(int code, const QString &message);
    void finish(int code);
    void printMessage(const client::ChatMessage &m);
    void counted();

    CliRequest m_request;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<client::LocalStore> m_store;
    std::unique_ptr<client::SecretStore> m_secrets;
    std::unique_ptr<client::ChatClient> m_client;
    QTimer m_timeout;
    protocol::MessageId m_sending;
    protocol::MessageId m_historySent; ///< sendHistory()'s message
    QString m_sendProblem; ///< why the message is not sent yet, while the engine retries
    bool m_wasOnline = false;
    bool m_lanEnabled = false;
    bool m_lanAnnounced = false; ///< send: "trying the local network" was said
    /** send: how long LAN fallback may look for the recipient before the command gives up
     *  (protocol.md 12.1: a peer already announcing is heard within its longest interval). */
    QTimer m_lanWait;
    QString m_unreachableReason; ///< the first connection failure, for the final line
    quint32 m_groupRequest = 0;
    quint32 m_deviceRequest = 0;
    int m_received = 0;
    QList<protocol::MessageId> m_waitingFiles; ///< listen: messages printed once fetched
    bool m_progressShown = false;
    bool m_finished = false;
};

} // namespace linnet::cli
