// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A registered, connected Profile for the UI tests (passphrase-protected secrets,
// quick reconnects), so each test file does not repeat the set-up.

#include "Profile.h"
#include "e2e/PassphraseSecretStore.h"

#include <QSignalSpy>
#include <QUrl>

#include <memory>

namespace linnet::test {

/** Registers @p name on @p server with a profile in @p dir; nullptr if any step fails. */
inline std::unique_ptr<client::Profile> registeredSession(const QString &dir, const QUrl &server,
                                                          const QString &name)
{
    auto secrets = client::PassphraseSecretStore::open(dir + QStringLiteral("/secrets.bin"),
                                                       QByteArrayLiteral("ui test passphrase"));
    if (!secrets)
        return nullptr;
    client::ChatClient::Options options;
    options.initialBackoffMs = 50;
    options.maxBackoffMs = 400;
    options.deviceName = QStringLiteral("ui-test");
    auto session = std::make_unique<client::Profile>(dir, std::move(secrets).value(), options);
    if (!session->open())
        return nullptr;
    QSignalSpy ready(&session->client(), &client::ChatClient::accountReady);
    session->client().registerAccount(server, name, QStringLiteral("correct horse"));
    if (!ready.wait(30000))
        return nullptr;
    return session;
}

} // namespace linnet::test
