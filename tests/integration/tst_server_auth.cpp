// SPDX-License-Identifier: GPL-3.0-or-later
// Authentication against the real linnet-server: register under each policy,
// token auth, password login, failure handling, rate limits, and that no secret
// reaches the disk in plaintext.
//
// Registrations and failed attempts count against the client address (10 per
// minute by default) and every client here is 127.0.0.1, so each test function
// starts its own server and stays well inside that budget.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include "protocol/Limits.h"

#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");

/** Every file under @p dir, as bytes, keyed by path. */
QHash<QString, QByteArray> readAllFiles(const QString &dir)
{
    QHash<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out.insert(path, f.readAll());
    }
    return out;
}

} // namespace

class TestServerAuth : public QObject {
    Q_OBJECT

private:
    /** Expects an error frame with @p code for request @p requestId, then the close. */
    static void expectFailAndClose(RawClient &c, ErrorCode code, quint32 requestId)
    {
        const auto err = c.waitFor<ErrorFrame>(30000);
        QVERIFY2(err, "no error frame");
        QCOMPARE(err->code, code);
        QCOMPARE(err->requestId, requestId);
        QVERIFY(!err->reason.isEmpty());
        QVERIFY(!c.has<AuthOk>());
        QVERIFY(c.waitForDisconnected());
        QCOMPARE(c.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void registerOpenThenTokenAuth()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        auto a = connectedClient(server);
        QVERIFY(a);
        const auto ok = a->registerUser(QStringLiteral("alice"), kPassword);
        QVERIFY2(ok, "register was not answered with auth_ok");
        QCOMPARE(ok->username, QStringLiteral("alice"));
        QCOMPARE(ok->token.size(), kTokenBytes);
        QVERIFY(ok->deviceId > 0);
        QVERIFY(ok->requestId != 0);
        QVERIFY(ok->serverTime > 0);
        QCOMPARE(ok->pending, quint64(0));
        const auto synced = a->waitFor<Synced>();
        QVERIFY(synced);
        QCOMPARE(synced->count, quint64(0));

        // A later connection authenticates with the device token alone.
        auto b = connectedClient(server);
        QVERIFY(b);
        const auto again = b->auth(ok->deviceId, ok->token);
        QVERIFY2(again, "token auth was not answered with auth_ok");
        QCOMPARE(again->username, QStringLiteral("alice"));
        QCOMPARE(again->deviceId, ok->deviceId);
        QVERIFY(again->token.isEmpty());
        QVERIFY(b->waitFor<Synced>());
        QVERIFY(b->isConnected());

        // A second authentication on the same connection is refused, not obeyed.
        const quint32 r = b->nextRequestId();
        b->send(AuthRequest{r, ok->deviceId, ok->token});
        const auto err = b->waitFor<ErrorFrame>();
        QVERIFY(err);
        QCOMPARE(err->code, ErrorCode::AlreadyAuthenticated);
        QCOMPARE(err->requestId, r);
    }

    void wrongTokenIsRefused()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        const auto ok = a->registerUser(QStringLiteral("alice"), kPassword);
        QVERIFY(ok);

        QByteArray wrong = ok->token;
        wrong[0] = char(wrong[0] ^ 0x01);
        auto b = connectedClient(server);
        QVERIFY(b);
        const quint32 r = b->nextRequestId();
        b->send(AuthRequest{r, ok->deviceId, wrong});
        expectFailAndClose(*b, ErrorCode::BadCredentials, r);
        if (QTest::currentTestFailed())
            return;

        // The right token on a device that does not exist is just as wrong.
        auto c = connectedClient(server);
        QVERIFY(c);
        const quint32 r2 = c->nextRequestId();
        c->send(AuthRequest{r2, ok->deviceId + 1000, ok->token});
        expectFailAndClose(*c, ErrorCode::BadCredentials, r2);
    }

    void loginWrongPasswordIsRefused()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        QVERIFY(a->registerUser(QStringLiteral("alice"), kPassword));

        auto b = connectedClient(server);
        QVERIFY(b);
        const quint32 r = b->nextRequestId();
        b->send(LoginRequest{r, QStringLiteral("alice"), QStringLiteral("password124"),
                             QStringLiteral("laptop")});
        expectFailAndClose(*b, ErrorCode::BadCredentials, r);
        if (QTest::currentTestFailed())
            return;

        // An unknown user gets the same answer, so usernames cannot be probed.
        auto c = connectedClient(server);
        QVERIFY(c);
        const quint32 r2 = c->nextRequestId();
        c->send(LoginRequest{r2, QStringLiteral("nobody"), kPassword, QStringLiteral("laptop")});
        expectFailAndClose(*c, ErrorCode::BadCredentials, r2);
    }

    void startingOverSignsInAndClosesTheOtherDevices()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        const auto first = a->registerUser(QStringLiteral("alice"), kPassword);
        QVERIFY(first);

        // Start over (docs/protocol.md 4.2): the password, and every other device goes.
        auto b = connectedClient(server);
        QVERIFY(b);
        const quint32 r = b->nextRequestId();
        b->send(
            LoginRequest{r, QStringLiteral("alice"), kPassword, QStringLiteral("laptop"), true});
        const auto ok = b->replyTo<AuthOk>(r);
        QVERIFY2(ok, "start over with the right password was not answered with auth_ok");
        QVERIFY(ok->deviceId != first->deviceId);
        QVERIFY(ok->accountKey.isEmpty()); // the new device makes the new account key
        const auto revoked = a->waitFor<ErrorFrame>(30000);
        QVERIFY(revoked);
        QCOMPARE(revoked->code, ErrorCode::DeviceRevoked);
        QVERIFY(a->waitForDisconnected());
    }

    void loginCreatesNewDevice()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        const auto first = a->registerUser(QStringLiteral("alice"), kPassword);
        QVERIFY(first);

        auto b = connectedClient(server);
        QVERIFY(b);
        const auto second = b->login(QStringLiteral("alice"), kPassword);
        QVERIFY2(second, "login with the right password was not answered with auth_ok");
        QCOMPARE(second->username, QStringLiteral("alice"));
        QVERIFY(second->deviceId > 0);
        QVERIFY(second->deviceId != first->deviceId);
        QCOMPARE(second->token.size(), kTokenBytes);
        QVERIFY(second->token != first->token);

        // Both devices' tokens stay valid, each for its own device only.
        auto c = connectedClient(server);
        QVERIFY(c);
        const auto viaSecond = c->auth(second->deviceId, second->token);
        QVERIFY(viaSecond);
        QCOMPARE(viaSecond->deviceId, second->deviceId);
        auto d = connectedClient(server);
        QVERIFY(d);
        const quint32 r = d->nextRequestId();
        d->send(AuthRequest{r, first->deviceId, second->token});
        expectFailAndClose(*d, ErrorCode::BadCredentials, r);
    }

    void registerAndLoginWithoutDeviceNameGetAUsableDevice()
    {
        // device_name is optional (docs/protocol.md 4.1, 4.2): leaving it out must
        // neither fail nor leave an account without a device behind.
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        a->send(RegisterRequest{a->nextRequestId(), QStringLiteral("alice"), kPassword, {}, {}});
        const auto registered = a->waitFor<AuthOk>(30000);
        QVERIFY2(registered, "register without device_name was not answered with auth_ok");
        QVERIFY(!a->has<ErrorFrame>());
        QVERIFY(registered->deviceId > 0);
        QCOMPARE(registered->token.size(), kTokenBytes);

        auto b = connectedClient(server);
        QVERIFY(b);
        b->send(LoginRequest{b->nextRequestId(), QStringLiteral("alice"), kPassword, {}});
        const auto loggedIn = b->waitFor<AuthOk>(30000);
        QVERIFY2(loggedIn, "login without device_name was not answered with auth_ok");
        QVERIFY(loggedIn->deviceId > 0 && loggedIn->deviceId != registered->deviceId);

        // Both devices are real: their tokens authenticate later connections.
        for (const auto &ok : {*registered, *loggedIn}) {
            auto c = connectedClient(server);
            QVERIFY(c);
            const auto again = c->auth(ok.deviceId, ok.token);
            QVERIFY2(again, "the new device's token does not authenticate");
            QCOMPARE(again->deviceId, ok.deviceId);
        }
    }

    void duplicateUsernameIsTaken()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        QVERIFY(a->registerUser(QStringLiteral("alice"), kPassword));

        auto b = connectedClient(server);
        QVERIFY(b);
        const quint32 r = b->nextRequestId();
        b->send(RegisterRequest{r,
                                QStringLiteral("alice"),
                                QStringLiteral("another password"),
                                {},
                                QStringLiteral("phone")});
        expectFailAndClose(*b, ErrorCode::UsernameTaken, r);
    }

    void invitePolicyByDefault()
    {
        ServerProcess server; // registration: invite
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        auto a = connectedClient(server);
        QVERIFY(a);
        const quint32 r = a->nextRequestId();
        a->send(
            RegisterRequest{r, QStringLiteral("alice"), kPassword, {}, QStringLiteral("phone")});
        expectFailAndClose(*a, ErrorCode::InviteRequired, r);
        if (QTest::currentTestFailed())
            return;

        // A code the server never issued.
        auto bogus = connectedClient(server);
        QVERIFY(bogus);
        const quint32 rb = bogus->nextRequestId();
        bogus->send(RegisterRequest{rb, QStringLiteral("alice"), kPassword,
                                    QStringLiteral("ZZZZ-ZZZZ-ZZZZ-ZZZZ"),
                                    QStringLiteral("phone")});
        expectFailAndClose(*bogus, ErrorCode::InviteRequired, rb);
        if (QTest::currentTestFailed())
            return;

        const auto invite = server.admin({QStringLiteral("invite"), QStringLiteral("create")});
        QCOMPARE(invite.exitCode, 0);
        const QString code = QString::fromUtf8(invite.out).trimmed();
        QVERIFY(!code.isEmpty());

        auto b = connectedClient(server);
        QVERIFY(b);
        const auto ok = b->registerUser(QStringLiteral("alice"), kPassword, code);
        QVERIFY2(ok, "register with a fresh invite was not answered with auth_ok");
        QCOMPARE(ok->username, QStringLiteral("alice"));

        // The code is single-use.
        auto c = connectedClient(server);
        QVERIFY(c);
        const quint32 rc = c->nextRequestId();
        c->send(
            RegisterRequest{rc, QStringLiteral("bob"), kPassword, code, QStringLiteral("phone")});
        expectFailAndClose(*c, ErrorCode::InviteRequired, rc);
    }

    void closedPolicyIsForbidden()
    {
        ServerProcess server({QStringLiteral("--registration"), QStringLiteral("closed")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto a = connectedClient(server);
        QVERIFY(a);
        const quint32 r = a->nextRequestId();
        a->send(
            RegisterRequest{r, QStringLiteral("alice"), kPassword, {}, QStringLiteral("phone")});
        expectFailAndClose(*a, ErrorCode::Forbidden, r);
        if (QTest::currentTestFailed())
            return;

        // Accounts made by the administrator still log in.
        const auto made =
            server.admin({QStringLiteral("account"), QStringLiteral("create"),
                          QStringLiteral("alice"), QStringLiteral("--password-stdin")},
                         kPassword.toUtf8() + '\n');
        QCOMPARE(made.exitCode, 0);
        auto b = connectedClient(server);
        QVERIFY(b);
        QVERIFY(b->login(QStringLiteral("alice"), kPassword));
    }

    void failedLoginsAreRateLimited()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // Made by the admin so that no registration uses up the address budget.
        const auto made =
            server.admin({QStringLiteral("account"), QStringLiteral("create"),
                          QStringLiteral("victim"), QStringLiteral("--password-stdin")},
                         kPassword.toUtf8() + '\n');
        QCOMPARE(made.exitCode, 0);

        // Default: 10 failures per minute, refilled at one per 6 s; the first 10
        // fail on the password, then the limiter answers (a slow machine may
        // earn a token or two of refill on the way).
        constexpr int kBudget = 10;
        int badCredentials = 0;
        bool limited = false;
        for (int i = 0; i < kBudget + 4 && !limited; ++i) {
            auto c = connectedClient(server);
            QVERIFY(c);
            const quint32 r = c->nextRequestId();
            c->send(LoginRequest{r, QStringLiteral("victim"), QStringLiteral("wrong password"),
                                 QStringLiteral("bot")});
            const auto err = c->waitFor<ErrorFrame>(30000);
            QVERIFY(err);
            QCOMPARE(err->requestId, r);
            if (err->code == ErrorCode::RateLimited) {
                limited = true;
            } else {
                QCOMPARE(err->code, ErrorCode::BadCredentials);
                ++badCredentials;
            }
            QVERIFY(c->waitForDisconnected());
        }
        QVERIFY2(limited, "no rate limit after repeated failed logins");
        QVERIFY2(
            badCredentials >= kBudget,
            qPrintable(QStringLiteral("rate limited after only %1 failures").arg(badCredentials)));

        // Now even the right password is not checked.
        auto c = connectedClient(server);
        QVERIFY(c);
        const quint32 r = c->nextRequestId();
        c->send(LoginRequest{r, QStringLiteral("victim"), kPassword, QStringLiteral("owner")});
        expectFailAndClose(*c, ErrorCode::RateLimited, r);
    }

    void parallelFailedLoginsAreRateLimited()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto made =
            server.admin({QStringLiteral("account"), QStringLiteral("create"),
                          QStringLiteral("victim"), QStringLiteral("--password-stdin")},
                         kPassword.toUtf8() + '\n');
        QCOMPARE(made.exitCode, 0);

        // The same guesses as above, but all on the wire before the first is checked:
        // the limit must hold for an attacker who does not wait for answers.
        constexpr int kParallel = 24;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < kParallel; ++i) {
            clients.push_back(connectedClient(server));
            QVERIFY(clients.back());
        }
        for (auto &c : clients)
            c->send(LoginRequest{c->nextRequestId(), QStringLiteral("victim"),
                                 QStringLiteral("wrong password"), QStringLiteral("bot")});
        int badCredentials = 0;
        int limited = 0;
        for (auto &c : clients) {
            const auto err = c->waitFor<ErrorFrame>(30000);
            QVERIFY(err);
            QVERIFY(!c->has<AuthOk>());
            if (err->code == ErrorCode::RateLimited)
                ++limited;
            else if (err->code == ErrorCode::BadCredentials)
                ++badCredentials;
        }
        QCOMPARE(badCredentials + limited, kParallel);
        // 10 failures per minute, plus at most a token or two of refill meanwhile.
        QVERIFY2(badCredentials <= 12,
                 qPrintable(QStringLiteral("%1 of %2 parallel wrong passwords were checked")
                                .arg(badCredentials)
                                .arg(kParallel)));
    }

    void secretsNeverStoredInPlaintext()
    {
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString password = QStringLiteral("Tr0ub4dor&3-plaintext-canary");
        const QString username = QStringLiteral("canary.user");

        auto a = connectedClient(server);
        QVERIFY(a);
        const auto reg = a->registerUser(username, password);
        QVERIFY(reg);
        auto b = connectedClient(server);
        QVERIFY(b);
        const auto login = b->login(username, password);
        QVERIFY(login);
        auto c = connectedClient(server);
        QVERIFY(c);
        QVERIFY(c->auth(reg->deviceId, reg->token));
        const QList<QByteArray> tokens{reg->token, login->token};

        const auto check = [&](const char *when) {
            const auto files = readAllFiles(server.dataDir());
            QVERIFY2(!files.isEmpty(), "no files in the data dir");
            bool usernameSeen = false;
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                const QByteArray &bytes = it.value();
                const QByteArray where = it.key().toUtf8() + " (" + when + ")";
                usernameSeen = usernameSeen || bytes.indexOf(username.toUtf8()) != -1;
                QVERIFY2(bytes.indexOf(password.toUtf8()) == -1,
                         ("plaintext password in " + where).constData());
                for (const QByteArray &token : tokens) {
                    QVERIFY2(bytes.indexOf(token) == -1, ("raw token in " + where).constData());
                    QVERIFY2(bytes.indexOf(token.toHex()) == -1,
                             ("hex token in " + where).constData());
                    QVERIFY2(bytes.indexOf(token.toBase64()) == -1,
                             ("base64 token in " + where).constData());
                }
            }
            // Proves the search looks at the real database: the username is stored.
            QVERIFY2(usernameSeen, "the username was not found in any file of the data dir");
        };
        check("while running");
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(server.stop(), 0);
        check("after shutdown");
    }
};

QTEST_GUILESS_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
