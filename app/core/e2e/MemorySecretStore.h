// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "e2e/SecretStore.h"

#include <QHash>

#include <optional>
#include <utility>

namespace linnet::client {

/**
 * Secrets in a hash map, for unit tests of classes that take a SecretStore:
 * nothing survives the object. setFailure() makes every call fail, to test
 * how callers handle a locked or broken store.
 */
class MemorySecretStore : public SecretStore {
public:
    protocol::Result<QByteArray> read(const QString &key) override
    {
        if (m_failure)
            return *m_failure;
        return m_values.value(key);
    }

    protocol::Status write(const QString &key, const QByteArray &value) override
    {
        if (m_failure)
            return *m_failure;
        if (key.isEmpty())
            return protocol::makeError(protocol::ErrorCode::InvalidField,
                                       QStringLiteral("secret key is empty"));
        m_values.insert(key, value);
        return {};
    }

    protocol::Result<bool> remove(const QString &key) override
    {
        if (m_failure)
            return *m_failure;
        return m_values.remove(key) > 0;
    }

    /** From now on every call returns @p failure (std::nullopt: work again). */
    void setFailure(std::optional<protocol::Error> failure) { m_failure = std::move(failure); }
    /** Everything stored, for assertions. */
    const QHash<QString, QByteArray> &values() const { return m_values; }

private:
    QHash<QString, QByteArray> m_values;
    std::optional<protocol::Error> m_failure;
};

} // namespace linnet::client
