// SPDX-License-Identifier: GPL-3.0-or-later
// The admin command line (`linnet-server --data-dir DIR account|invite ...`)
// run as separate processes next to a running server on the same data dir.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include "protocol/Limits.h"

#include <QRegularExpression>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QByteArray kPasswordLine = "password123\n";
const QString kPassword = QStringLiteral("password123");

QStringList createArgs(const QString &name)
{
    return {QStringLiteral("account"), QStringLiteral("create"), name,
            QStringLiteral("--password-stdin")};
}

QString describe(const ServerProcess::AdminResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

} // namespace

class TestServerAdmin : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    std::unique_ptr<RawClient> connected()
    {
        auto c = std::make_unique<RawClient>();
        if (!c->connectTo(m_server->url()))
            return nullptr;
        return c;
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void createAccountThenLogin()
    {
        const auto r = m_server->admin(createArgs(QStringLiteral("alice")), kPasswordLine);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains("alice"));

        auto c = connected();
        QVERIFY(c);
        const auto ok = c->login(QStringLiteral("alice"), kPassword);
        QVERIFY2(ok, "an account made by the admin cannot log in");
        QCOMPARE(ok->username, QStringLiteral("alice"));
        QCOMPARE(ok->token.size(), kTokenBytes);

        // The trailing newline from stdin is not part of the password.
        auto d = connected();
        QVERIFY(d);
        const quint32 rq = d->nextRequestId();
        d->send(LoginRequest{rq, QStringLiteral("alice"), kPassword + QLatin1Char('\n'),
                             QStringLiteral("x")});
        const auto err = d->waitFor<ErrorFrame>(30000);
        QVERIFY(err);
        QCOMPARE(err->code, ErrorCode::BadCredentials);
    }

    void duplicateAccountIsRefused()
    {
        auto r = m_server->admin(createArgs(QStringLiteral("alice")), kPasswordLine);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        r = m_server->admin(createArgs(QStringLiteral("alice")), "another-password\n");
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable(describe(r)));
        const QString err = QString::fromUtf8(r.err);
        // Log lines may share stderr; the message for people is one "error:" line.
        static const QRegularExpression message(QStringLiteral("^error: .*taken"),
                                                QRegularExpression::MultilineOption);
        QVERIFY2(err.contains(message), qPrintable(describe(r)));
        QVERIFY2(!r.out.contains("created"), qPrintable(describe(r)));

        // The first password still works: the account was not overwritten.
        auto c = connected();
        QVERIFY(c);
        QVERIFY(c->login(QStringLiteral("alice"), kPassword));
    }

    void listAccounts()
    {
        QCOMPARE(m_server->admin(createArgs(QStringLiteral("alice")), kPasswordLine).exitCode, 0);
        QCOMPARE(m_server->admin(createArgs(QStringLiteral("bob")), kPasswordLine).exitCode, 0);
        const auto r = m_server->admin({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString out = QString::fromUtf8(r.out);
        const QRegularExpression alice(QStringLiteral("^alice\\s"),
                                       QRegularExpression::MultilineOption);
        const QRegularExpression bob(QStringLiteral("^bob\\s"),
                                     QRegularExpression::MultilineOption);
        QVERIFY2(out.contains(alice), qPrintable(out));
        QVERIFY2(out.contains(bob), qPrintable(out));
        QCOMPARE(out.trimmed().split(QLatin1Char('\n')).size(), 2);
    }

    void inviteCreate()
    {
        const auto r = m_server->admin({QStringLiteral("invite"), QStringLiteral("create")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString code = QString::fromUtf8(r.out).trimmed();
        static const QRegularExpression pattern(
            QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"));
        QVERIFY2(pattern.match(code).hasMatch(), qPrintable(code));

        const auto r2 = m_server->admin({QStringLiteral("invite"), QStringLiteral("create")});
        QCOMPARE(r2.exitCode, 0);
        QVERIFY(QString::fromUtf8(r2.out).trimmed() != code);

        // The running server accepts it (registration defaults to invite-only).
        auto c = connected();
        QVERIFY(c);
        QVERIFY2(c->registerUser(QStringLiteral("carol"), kPassword, code),
                 "the running server refused a fresh invite code");
    }

    void disableWhileConnected()
    {
        QCOMPARE(m_server->admin(createArgs(QStringLiteral("alice")), kPasswordLine).exitCode, 0);
        QCOMPARE(m_server->admin(createArgs(QStringLiteral("bob")), kPasswordLine).exitCode, 0);
        auto alice = connected();
        auto bob = connected();
        QVERIFY(alice && bob);
        const auto aliceDevice = alice->login(QStringLiteral("alice"), kPassword);
        QVERIFY(aliceDevice);
        QVERIFY(bob->login(QStringLiteral("bob"), kPassword));

        const auto r = m_server->admin(
            {QStringLiteral("account"), QStringLiteral("disable"), QStringLiteral("alice")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));

        // The server polls for admin changes (every 2 s by default).
        QTRY_VERIFY_WITH_TIMEOUT(alice->has<ErrorFrame>(), 15000);
        const auto err = alice->waitFor<ErrorFrame>(0);
        QVERIFY(err);
        QCOMPARE(err->code, ErrorCode::Forbidden);
        QVERIFY(alice->waitForDisconnected());
        QCOMPARE(alice->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

        // Only alice: bob keeps his connection.
        QVERIFY(bob->isConnected());
        bob->settle(100);
        QVERIFY(bob->isConnected());
        QVERIFY(!bob->has<ErrorFrame>());

        auto again = connected();
        QVERIFY(again);
        const quint32 rq = again->nextRequestId();
        again->send(LoginRequest{rq, QStringLiteral("alice"), kPassword, QStringLiteral("x")});
        const auto refused = again->waitFor<ErrorFrame>(30000);
        QVERIFY2(refused, "a disabled account could log in");
        QCOMPARE(refused->code, ErrorCode::Forbidden);
        QCOMPARE(refused->requestId, rq);
        QVERIFY(again->waitForDisconnected());

        // Her existing device token is refused as well.
        auto viaToken = connected();
        QVERIFY(viaToken);
        const quint32 rt = viaToken->nextRequestId();
        viaToken->send(AuthRequest{rt, aliceDevice->deviceId, aliceDevice->token});
        const auto tokenRefused = viaToken->waitFor<ErrorFrame>();
        QVERIFY2(tokenRefused, "a disabled account could authenticate with a token");
        QCOMPARE(tokenRefused->code, ErrorCode::Forbidden);
        QCOMPARE(tokenRefused->requestId, rt);
        QVERIFY(viaToken->waitForDisconnected());

        const auto list = m_server->admin({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY(QString::fromUtf8(list.out).contains(QRegularExpression(
            QStringLiteral("^alice\\s+disabled"), QRegularExpression::MultilineOption)));

        // Enabling lets her back in.
        const auto en = m_server->admin(
            {QStringLiteral("account"), QStringLiteral("enable"), QStringLiteral("alice")});
        QVERIFY2(en.exitCode == 0, qPrintable(describe(en)));
        auto back = connected();
        QVERIFY(back);
        QVERIFY(back->login(QStringLiteral("alice"), kPassword));
    }

    void disableUnknownAccount()
    {
        const auto r = m_server->admin(
            {QStringLiteral("account"), QStringLiteral("disable"), QStringLiteral("nobody")});
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("nobody"), qPrintable(describe(r)));
    }

    void invalidUsername_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("one letter") << QStringLiteral("a");
        QTest::newRow("upper case") << QStringLiteral("A");
        QTest::newRow("upper case, long enough") << QStringLiteral("Alice");
        QTest::newRow("space") << QStringLiteral("has space");
        QTest::newRow("leading dot") << QStringLiteral(".alice");
        QTest::newRow("too long") << QString(33, QLatin1Char('a'));
    }

    void invalidUsername()
    {
        QFETCH(QString, name);
        const auto r = m_server->admin(createArgs(name), kPasswordLine);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("not a valid username"), qPrintable(describe(r)));
        const auto list = m_server->admin({QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.trimmed().isEmpty(), list.out.constData());
    }

    void shortPasswordIsRefused()
    {
        const auto r = m_server->admin(createArgs(QStringLiteral("alice")), "short\n");
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY(r.err.contains("password"));
    }

    void unknownCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("frobnicate") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("account rename") << QStringList{
            QStringLiteral("account"), QStringLiteral("rename"), QStringLiteral("alice")};
        QTest::newRow("invite alone") << QStringList{QStringLiteral("invite")};
    }

    void unknownCommand()
    {
        QFETCH(QStringList, args);
        const auto r = m_server->admin(args);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QStringLiteral("unknown command")), qPrintable(describe(r)));
        // The help text follows, listing the real commands.
        QVERIFY2(err.contains(QStringLiteral("account create")), qPrintable(describe(r)));
        QVERIFY2(err.contains(QStringLiteral("invite create")), qPrintable(describe(r)));
    }
};

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_server_admin.moc"
