// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "protocol/ErrorCode.h"
#include "protocol/Frames.h"
#include "protocol/MessageId.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace linnet::client {

/**
 * The approving side of linking (docs/crypto.md, "Linking"): fetches the request a new
 * device filed under the code the user typed, tells who it is (its name and the
 * fingerprint of its identity key), and on the user's word seals the account identity
 * key for it. Then, if the user wants, it sends the history as soon as the new device
 * has published its certified keys (before that no message can be encrypted to it).
 * One link at a time; ChatClient owns it (ChatClient::linking()).
 */
class LinkApprover : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<bool(const protocol::Frame &)> send;
        std::function<quint32()> nextRequestId;
        /** This device's account key pair; nullopt if it holds none (cannot approve). */
        std::function<std::optional<crypto::IdentityKeyPair>()> accountKey;
        /** Asks the server for this account's devices and keys again (keys_get for self). */
        std::function<void()> refreshOwnKeys;
        /** @p device is known as an approved device of this account, with keys. */
        std::function<bool(qint64 device)> deviceReady;
        /** Starts the history transfer to @p device; a null id if it could not start. */
        std::function<protocol::MessageId(qint64 device)> sendHistory;
    };
    /** How long the history waits for the new device's keys after the approval. */
    static constexpr int kHistoryWaitMs = 3 * 60 * 1000;

    explicit LinkApprover(Hooks hooks, QObject *parent = nullptr);

    /** Asks for the request filed under @p code (or a linnet://link URL); requestFetched
     *  or failed follows. */
    void fetch(const QString &code);
    /** Approves the fetched request; approved (then historyStarted) or failed follows. */
    void approve(bool sendHistory);
    /** Forgets the fetched request without approving it. */
    void cancel();

    // --- for ChatClient ---------------------------------------------------------------
    /** Handles LinkPending, LinkApproved and errors answering its requests. */
    bool handle(const protocol::Frame &frame);
    /** A keys reply for this account arrived: the history may go now. */
    void ownKeysChanged();
    /** The connection dropped: a fetch or approval in flight failed. */
    void connectionReset();

Q_SIGNALS:
    void requestFetched(const QString &deviceName, const QString &fingerprint);
    void approved(qint64 device);
    /** The history transfer to the new device started (HistoryTransfer reports on it). */
    void historyStarted(const linnet::protocol::MessageId &transfer);
    void failed(linnet::protocol::ErrorCode code, const QString &reason);

private:
    void fail(protocol::ErrorCode code, const QString &reason);
    void tryHistory();

    Hooks m_hooks;
    QByteArray m_lookup, m_key;
    quint32 m_fetchId = 0, m_approveId = 0;
    bool m_fetched = false;
    bool m_withHistory = false;
    qint64 m_historyDevice = 0; ///< waiting for its keys, to send it the history
    qint64 m_historyDeadline = 0;
    QTimer m_historyPoll;
};

} // namespace linnet::client
