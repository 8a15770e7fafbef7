// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ContactStore.h"

#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"

using namespace linnet::storage;

namespace linnet::client {

namespace {
Contact fromRow(const Query &q)
{
    return Contact{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                   q.value(3).toLongLong()};
}
} // namespace

bool ContactStore::add(const QString &username, qint64 now)
{
    Query q(m_store.database(), lcLocalStore,
            R"(INSERT INTO contacts (username, created_at) VALUES (:username, :now)
               ON CONFLICT (username) DO NOTHING)");
    if (!q.bind(":username", username).bind(":now", now).exec())
        return false;
    return q.affected() > 0;
}

void ContactStore::setLastSeen(const QString &username, qint64 lastSeen)
{
    if (lastSeen <= 0)
        return;
    Query(m_store.database(), lcLocalStore,
          R"(UPDATE contacts SET last_seen = MAX(last_seen, :seen) WHERE username = :username)")
        .bind(":seen", lastSeen)
        .bind(":username", username)
        .exec();
}

std::optional<Contact> ContactStore::contact(const QString &username)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT username, display_name, last_seen, created_at
                                   FROM contacts WHERE username = :username)");
    if (!q.bind(":username", username).first())
        return std::nullopt;
    return fromRow(q);
}

QList<Contact> ContactStore::contacts()
{
    QList<Contact> out;
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT username, display_name, last_seen, created_at
                                   FROM contacts ORDER BY username)");
    if (!q.exec())
        return out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

} // namespace linnet::client
