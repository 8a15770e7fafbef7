// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A registered, connected Profile for the UI tests (passphrase-protected secrets,
// quick reconnects) and the server they sign in to, so each test file does not
// repeat the set-up.

#include "MainWindow.h"
#include "Profile.h"
#include "ServerProcess.h"
#include "e2e/PassphraseSecretStore.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace linnet::test {

/** Engine options for a UI test's device named @p deviceName: quick reconnects, LAN
 *  fallback as @p lan says. */
inline client::ChatClient::Options
uiTestOptions(const QString &deviceName = QStringLiteral("ui-test"),
              const client::LanFallback::Options &lan = client::LanFallback::Options::off())
{
    client::ChatClient::Options options;
    options.initialBackoffMs = 50;
    options.maxBackoffMs = 400;
    options.deviceName = deviceName;
    options.lan = lan;
    return options;
}

/** Registers @p name on @p server with a profile in @p dir; nullptr if any step fails. */
/** @p lan: LAN fallback options (tst_ui_lan: on loopback); off by default. */
inline std::unique_ptr<client::Profile>
registeredSession(const QString &dir, const QUrl &server, const QString &name,
                  const client::LanFallback::Options &lan = client::LanFallback::Options::off())
{
    auto secrets = client::PassphraseSecretStore::open(dir + QStringLiteral("/secrets.bin"),
                                                       QByteArrayLiteral("ui test passphrase"));
    if (!secrets)
        return nullptr;
    auto session = std::make_unique<client::Profile>(dir, std::move(secrets).value(),
                                                     uiTestOptions(QStringLiteral("ui-test"), lan));
    if (!session->open())
        return nullptr;
    QSignalSpy ready(&session->client(), &client::ChatClient::accountReady);
    session->client().registerAccount(server, name, QStringLiteral("correct horse"));
    if (!ready.wait(30000))
        return nullptr;
    return session;
}

/** Saves @p widget as @p name in $LINNET_SCREENSHOT_DIR, if that is set (false if it is set
 *  and the file could not be written). */
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
    return dir.isEmpty() || (QDir().mkpath(dir) && widget->grab().save(QDir(dir).filePath(name)));
}

/**
 * The real server (anyone may register) and a temporary folder for the profiles of
 * a UI test: start() in initTestCase(), session() for each account.
 */
class UiTestServer {
public:
    /** Starts the server; false with the reason in errorString(). */
    bool start()
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        if (m_server->start())
            return true;
        m_error = m_server->errorString();
        return false;
    }
    QString errorString() const { return m_error; }
    /** SIGTERM and wait (see ServerProcess::stop); -1 if it was not started. */
    int stop() { return m_server ? m_server->stop() : -1; }

    /** Registers @p name with a profile in the folder @p profile (default: @p name). */
    std::unique_ptr<client::Profile>
    session(const QString &name, const QString &profile = {},
            const client::LanFallback::Options &lan = client::LanFallback::Options::off()) const
    {
        return registeredSession(m_dir.filePath(profile.isEmpty() ? name : profile),
                                 m_server->url(), name, lan);
    }
    /** A path in the temporary folder, for a test's own files. */
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    ServerProcess &server() { return *m_server; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_error;
};

/**
 * Two accounts side by side, as two people have them: @p firstName and @p secondName
 * registered on @p ui (profiles "ana" and "ben"), online, each in its own shown main
 * window (1000×720), with LAN fallback as @p lan says. Fails the running test (QVERIFY) if a step
 * does not happen.
 */
inline void
openSideBySide(const UiTestServer &ui, const QString &firstName, const QString &secondName,
               std::unique_ptr<client::Profile> &first, std::unique_ptr<client::Profile> &second,
               std::unique_ptr<ui::MainWindow> &firstWindow,
               std::unique_ptr<ui::MainWindow> &secondWindow,
               const client::LanFallback::Options &lan = client::LanFallback::Options::off())
{
    first = ui.session(firstName, QStringLiteral("ana"), lan);
    second = ui.session(secondName, QStringLiteral("ben"), lan);
    QVERIFY(first && second);
    QTRY_COMPARE(first->client().state(), client::ConnectionState::Online);
    QTRY_COMPARE(second->client().state(), client::ConnectionState::Online);
    firstWindow = std::make_unique<ui::MainWindow>(*first);
    secondWindow = std::make_unique<ui::MainWindow>(*second);
    for (ui::MainWindow *w : {firstWindow.get(), secondWindow.get()}) {
        w->resize(1000, 720);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }
}

} // namespace linnet::test
