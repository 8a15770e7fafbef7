// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>

namespace linnet::server {

class Session;

/** The authenticated connections, found by device and by account. One per device. */
class SessionRegistry {
public:
    /** Registers @p session; returns the session it replaces for the same device, if any. */
    Session *add(Session *session);
    void remove(Session *session);

    Session *byDevice(qint64 deviceId) const { return m_byDevice.value(deviceId); }
    QList<Session *> byAccount(qint64 accountId) const { return m_byAccount.values(accountId); }
    bool isOnline(qint64 accountId) const { return m_byAccount.contains(accountId); }
    QList<Session *> all() const { return m_byDevice.values(); }
    qsizetype size() const { return m_byDevice.size(); }

private:
    QHash<qint64, Session *> m_byDevice;
    QMultiHash<qint64, Session *> m_byAccount;
};

} // namespace linnet::server
