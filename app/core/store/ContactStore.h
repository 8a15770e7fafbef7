// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace linnet::client {

class LocalStore;

/** A person this account talks to. */
struct Contact {
    QString username;
    QString displayName; ///< empty: show the username
    qint64 lastSeen = 0; ///< ms UTC, last known; 0 = unknown or hidden
    qint64 createdAt = 0;
    bool operator==(const Contact &) const = default;
};

/** The contacts table of a profile's LocalStore (schema step 2). */
class ContactStore {
public:
    explicit ContactStore(LocalStore &store) : m_store(store) {}

    /** Adds @p username if unknown; returns true if it was added. */
    bool add(const QString &username, qint64 now);
    /** Remembers the last-seen time from a presence update (kept if @p lastSeen is 0). */
    void setLastSeen(const QString &username, qint64 lastSeen);
    std::optional<Contact> contact(const QString &username);
    /** Alphabetical. */
    QList<Contact> contacts();

private:
    LocalStore &m_store;
};

} // namespace linnet::client
