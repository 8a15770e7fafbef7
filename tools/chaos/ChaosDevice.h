// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChatClient.h"
#include "e2e/MemorySecretStore.h"
#include "store/LocalStore.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace linnet::chaos {

/**
 * One device of a chaos run: a profile directory with its LocalStore and the real
 * client engine (app/core's ChatClient), as linnet-cli and the app run it. crash()
 * takes the engine and the database away at once, without a goodbye, as a killed
 * process loses them; the secrets stay, as a keychain outlives the app. It counts how
 * often the engine announced each message as new, across its restarts.
 */
class ChaosDevice : public QObject {
    Q_OBJECT

public:
    ChaosDevice(QString user, QString name, QString directory, int pingIntervalMs,
                QObject *parent = nullptr);
    ~ChaosDevice() override;

    /** Opens the database and makes the engine; false with error() on failure. */
    bool open();
    void registerAccount(const QUrl &server, const QString &password);
    void login(const QUrl &server, const QString &password);
    /** Connects (after open() on a device that has its account). */
    void start();
    /** Gone at once, as a SIGKILLed process: no close frame, nothing flushed. */
    void crash();
    bool isOpen() const { return bool(m_client); }

    QString user() const { return m_user; }
    QString name() const { return m_name; }
    QString error() const { return m_error; }
    /**
     * Gives this (new) device the account identity key @p from holds, as linking will
     * (issue 27): without it the account's devices are not certified and nothing is
     * encrypted to it. False if @p from has none.
     */
    bool takeAccountKeyFrom(ChaosDevice &from);
    client::ChatClient *client() const { return m_client.get(); }
    client::LocalStore *store() const { return m_store.get(); }
    const QHash<protocol::MessageId, int> &announced() const { return m_announced; }

Q_SIGNALS:
    /** The server acked a message this device wrote (✓). */
    void acked(const linnet::protocol::MessageId &id);
    /** The account exists and the server has this device's keys. */
    void ready();
    void failed(const QString &reason);

private:
    QString m_user;
    QString m_name;
    QString m_directory;
    QString m_error;
    int m_pingIntervalMs;
    client::MemorySecretStore m_secrets;
    std::unique_ptr<client::LocalStore> m_store;
    std::unique_ptr<client::ChatClient> m_client;
    QHash<protocol::MessageId, int> m_announced;
};

} // namespace linnet::chaos
