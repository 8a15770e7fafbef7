// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QTextStream>

namespace linnet::server {

class Store;

/** Where an invite sends its reader; an empty server: the code alone is printed. */
struct InviteTarget {
    QUrl server;
    QByteArray pin; ///< protocol::pinOfPublicKey of the server's certificate, or empty
};

/**
 * The administrator's commands (invite create, account create/list/disable).
 * They run as their own process on the data dir, also while the server runs:
 * SQLite in WAL mode lets both write, and the server picks changes up.
 * Each returns a process exit code and prints for people on @p out / @p err.
 */
class AdminCommands {
public:
    AdminCommands(Store &store, QTextStream &out, QTextStream &err)
        : m_store(store), m_out(out), m_err(err)
    {
    }

    /** Stores a new invite and prints it: as a link (protocol::InviteLink) when
     *  @p target names the server, else the code alone. */
    int createInvite(int validDays, const InviteTarget &target = {});
    int createAccount(const QString &username, const QString &password);
    int listAccounts();
    int setDisabled(const QString &username, bool disabled);
    /** `user admin NAME on|off`: the account may create and list invites from the app. */
    int setServerAdmin(const QString &username, bool admin);

private:
    Store &m_store;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace linnet::server
