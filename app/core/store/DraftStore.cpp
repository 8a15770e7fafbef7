// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/DraftStore.h"

#include "ClientLog.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

#include <QVariant>

namespace linnet::client {

using storage::nonNull;
using storage::Query;

QString DraftStore::normalized(const QString &text)
{
    // Blank space alone is no draft: the chat list would say "Draft:" over nothing.
    return text.trimmed().isEmpty() ? QString() : text;
}

bool DraftStore::setDraft(const QString &conversation, const QString &text)
{
    Query q(m_store.database(), lcLocalStore,
            R"(UPDATE conversations SET draft = :draft WHERE key = :key)");
    return q.bind(":draft", nonNull(normalized(text))).bind(":key", conversation).exec() &&
           q.affected() > 0;
}

QString DraftStore::draft(const QString &conversation)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT draft FROM conversations WHERE key = :key)");
    return q.bind(":key", conversation).first() ? q.value(0).toString() : QString();
}

} // namespace linnet::client
