// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextStream>

namespace linnet::server {

class Store;

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

    int createInvite(int validDays);
    int createAccount(const QString &username, const QString &password);
    int listAccounts();
    int setDisabled(const QString &username, bool disabled);

private:
    Store &m_store;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace linnet::server
