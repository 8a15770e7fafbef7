// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the engine tests that run real ChatClients against the real server with a
// passphrase secret store each (tst_e2e, tst_linked_devices).
#include "AccountKeyTestSupport.h"
#include "ServerProcess.h"
#include "ChatClient.h"
#include "store/LocalStore.h"
#include "e2e/PassphraseSecretStore.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <optional>

namespace linnet::test {

using client::ChatClient;
using client::ChatMessage;
using client::LocalStore;
using client::PassphraseSecretStore;

inline const QByteArray kPassphrase = QByteArrayLiteral("e2e test passphrase");

/** One installation: its directory, database, secret store and engine. */
struct Profile {
    explicit Profile(QString dirPath) : path(std::move(dirPath)) {}

    bool open()
    {
        QDir().mkpath(path);
        store = std::make_unique<LocalStore>(path + QStringLiteral("/linnet.db"));
        auto opened =
            PassphraseSecretStore::open(path + QStringLiteral("/secrets.bin"), kPassphrase);
        if (!store->open() || !opened)
            return false;
        secrets = std::move(opened).value();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        client = std::make_unique<ChatClient>(*store, *secrets, o);
        return true;
    }
    void close()
    {
        client.reset();
        secrets.reset();
        store.reset();
    }
    QList<ChatMessage> messages(const QString &conversation)
    {
        return store->messages(conversation, 100000, 0);
    }

    QString path;
    std::unique_ptr<LocalStore> store;
    std::unique_ptr<PassphraseSecretStore> secrets;
    std::unique_ptr<ChatClient> client;
};

inline std::optional<ChatMessage> findText(const QList<ChatMessage> &messages, const QString &text)
{
    for (const auto &m : messages)
        if (m.text == text)
            return m;
    return std::nullopt;
}

/** @p from sends @p text to @p to; true once @p receiver has it from @p sender. */
inline bool exchange(Profile &from, const QString &to, Profile &receiver, const QString &sender,
                     const QString &text)
{
    from.client->sendText(to, text);
    return QTest::qWaitFor([&] { return findText(receiver.messages(sender), text).has_value(); },
                           20000);
}

/**
 * A new account (or, with @p login, a new device of @p name) in a new profile at @p dir,
 * online with its keys on the server. @p approvedBy: an approved device of the account
 * whose account key the new device gets before it signs in (what linking hands over).
 */
inline std::unique_ptr<Profile> signIn(const QString &dir, const QUrl &server, const QString &name,
                                       bool login, Profile *approvedBy = nullptr)
{
    auto p = std::make_unique<Profile>(dir);
    if (!p->open())
        return nullptr;
    if (approvedBy && !copyAccountKey(*approvedBy->secrets, *p->secrets))
        return nullptr;
    QSignalSpy ready(p->client.get(), &ChatClient::accountReady);
    QSignalSpy published(p->client.get(), &ChatClient::keysPublished);
    if (login)
        p->client->login(server, name, QStringLiteral("correct horse"));
    else
        p->client->registerAccount(server, name, QStringLiteral("correct horse"));
    // Online, and its keys are on the server: peers can start sessions with it.
    if (!ready.wait(30000) ||
        !QTest::qWaitFor([&] { return p->client->state() == client::ConnectionState::Online; }) ||
        !QTest::qWaitFor([&] { return !published.isEmpty(); }, 30000))
        return nullptr;
    return p;
}

/** A real server and the profiles of one test file, under one temporary directory. */
class EngineTestBed {
public:
    /** Starts the server (open registration); false, with a warning, if it would not. */
    bool start()
    {
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        if (m_root.isValid() && m_server->start())
            return true;
        qWarning("the server would not start: %s", qPrintable(m_server->errorString()));
        return false;
    }
    ServerProcess &server() { return *m_server; }
    /** @p prefix with a number no other name of this test bed has. */
    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }
    QString dir(const QString &name) const { return m_root.filePath(name); }
    /** A new account @p name in its own profile (at @p dir, else dir(name)), online. */
    std::unique_ptr<Profile> account(const QString &name, const QString &profileDir = {})
    {
        return signIn(profileDir.isEmpty() ? dir(name) : profileDir, m_server->url(), name, false);
    }

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;
};

} // namespace linnet::test
