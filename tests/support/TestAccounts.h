// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RawClient.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace linnet::test {

class ServerProcess;

/** The password of every test account that does not need another. */
inline const QString kTestPassword = QStringLiteral("correct horse");

/**
 * One signed-in device of a test account, as the server tests hold it: its open
 * connection (null once the test closes it), the account name, and the device id
 * and token that sign it in again. deviceId stays 0 if registering or login failed.
 */
struct Device {
    std::unique_ptr<RawClient> client;
    QString name;
    qint64 deviceId = 0;
    QByteArray token;
    RawClient *operator->() const { return client.get(); }
};

/**
 * Account names unique for one test server's life ("alice1", "bob2"), so that the
 * test functions sharing a server do not collide.
 */
class UniqueNames {
public:
    QString next(const QString &prefix) { return prefix + QString::number(++m_count); }

private:
    int m_count = 0;
};

/** Whether a sign-in also waits for the end of the device's inbox drain ("synced"). */
enum class AfterSignIn { Return, WaitForSynced };

/** A new RawClient connected to @p server, or null if it could not connect. */
std::unique_ptr<RawClient> connectedClient(const ServerProcess &server);

/** Registers the account @p name on a new connection to @p server, which the Device keeps. */
Device registerDevice(const ServerProcess &server, const QString &name,
                      const QString &password = kTestPassword,
                      AfterSignIn after = AfterSignIn::Return);

/** Signs in another device of the account @p name with its password. */
Device loginDevice(const ServerProcess &server, const QString &name,
                   const QString &password = kTestPassword,
                   AfterSignIn after = AfterSignIn::Return);

/** Registers @p name and closes the connection: an account to connectAs() later. */
Device registerAccount(const ServerProcess &server, const QString &name,
                       const QString &password = kTestPassword);

/** Opens a new connection for @p device and signs it in with its token: true on auth_ok. */
bool reconnect(Device &device, const ServerProcess &server);

/**
 * A new connection signed in as @p device with its token (the auth_ok in @p ok if
 * given), or null with the reason as warnings: the error frames and the server's output.
 */
std::unique_ptr<RawClient> connectAs(const ServerProcess &server, const Device &device,
                                     std::optional<protocol::AuthOk> *ok = nullptr);

/**
 * Reads what the server delivers to @p client until its inbox is drained ("synced" and
 * no delivery for 2 s) or the connection closes, acknowledging each entry as it comes.
 */
QList<protocol::Deliver> drainAll(RawClient &client);

} // namespace linnet::test
