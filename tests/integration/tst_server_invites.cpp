// SPDX-License-Identifier: GPL-3.0-or-later
// Invites from the app (issue 28): an account the server's admin made a server admin
// (`linnet-server user admin NAME on`) creates and lists invites over the protocol;
// anyone else is refused with not_server_admin; an invite made so lets a new user
// register on an invite-only server, once.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QtTest>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

QString describe(const ProcessResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

} // namespace

class TestServerInvites : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    /** An account made with the admin command (the server is invite-only). */
    Device account(const QString &name)
    {
        const auto made = m_server->admin({QStringLiteral("account"), QStringLiteral("create"),
                                           name, QStringLiteral("--password-stdin")},
                                          kTestPassword.toUtf8() + '\n');
        if (made.exitCode != 0)
            qWarning("%s", qPrintable(describe(made)));
        return loginDevice(*m_server, name);
    }

    ProcessResult setAdmin(const QString &name, const char *onOrOff)
    {
        return m_server->admin(
            {QStringLiteral("user"), QStringLiteral("admin"), name, QString::fromLatin1(onOrOff)});
    }

    /** The code of the error frame the client got (left queued by replyTo()). */
    static ErrorCode errorCode(RawClient &c)
    {
        const auto e = c.waitFor<ErrorFrame>();
        return e ? e->code : ErrorCode::InternalError;
    }

    static std::optional<InviteCreated> create(RawClient &c, int days, ErrorCode *refused = nullptr)
    {
        const quint32 r = c.nextRequestId();
        c.send(InviteCreate{r, days});
        auto created = c.replyTo<InviteCreated>(r);
        if (!created && refused)
            *refused = errorCode(c);
        return created;
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init()
    {
        // Invite-only, the default.
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void aServerAdminCreatesAnInviteThatLetsANewUserJoinOnce()
    {
        Device ana = account(QStringLiteral("ana"));
        QVERIFY(ana.client);
        const auto on = setAdmin(QStringLiteral("ana"), "on");
        QVERIFY2(on.exitCode == 0, qPrintable(describe(on)));
        QVERIFY2(on.out.contains("ana is a server admin"), qPrintable(describe(on)));

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto invite = create(*ana.client, 3);
        QVERIFY(invite);
        QVERIFY(!invite->code.isEmpty());
        // Three days from now (as the server's clock sees it).
        QVERIFY(invite->expiresAt >= before + 3LL * 24 * 3600 * 1000 - 60000);
        QVERIFY(invite->expiresAt <= QDateTime::currentMSecsSinceEpoch() + 3LL * 24 * 3600 * 1000);

        // A new user joins with it...
        auto ben = connectedClient(*m_server);
        QVERIFY(ben && ben->registerUser(QStringLiteral("ben"), kTestPassword, invite->code));
        // ... and nobody else can use it again.
        auto cat = connectedClient(*m_server);
        QVERIFY(cat);
        QVERIFY(!cat->registerUser(QStringLiteral("cat"), kTestPassword, invite->code));

        // The list shows it used, by ben; a second, unused one comes first.
        QVERIFY(create(*ana.client, 1));
        const quint32 r = ana->nextRequestId();
        ana->send(InvitesGet{r});
        const auto list = ana->replyTo<InviteList>(r);
        QVERIFY(list);
        QCOMPARE(list->invites.size(), 2);
        QVERIFY(list->invites[0].usedBy.isEmpty());
        QCOMPARE(list->invites[0].usedAt, 0);
        QCOMPARE(list->invites[1].usedBy, QStringLiteral("ben"));
        QVERIFY(list->invites[1].usedAt >= before);
        QCOMPARE(list->invites[1].expiresAt, invite->expiresAt);
        // The admin command lists ana as admin.
        const auto accounts = m_server->admin({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY2(accounts.out.contains("\tadmin"), qPrintable(describe(accounts)));
    }

    void anyoneElseIsRefusedWithNotServerAdminAndNoInviteIsMade()
    {
        Device bob = account(QStringLiteral("bob"));
        QVERIFY(bob.client);
        ErrorCode refused{};
        QVERIFY(!create(*bob.client, 7, &refused));
        QCOMPARE(refused, ErrorCode::NotServerAdmin);
        const quint32 r = bob->nextRequestId();
        bob->send(InvitesGet{r});
        QVERIFY(!bob->replyTo<InviteList>(r));
        QCOMPARE(errorCode(*bob.client), ErrorCode::NotServerAdmin);
        QVERIFY(bob->isConnected()); // a refusal, not a reason to hang up

        // Made admin and then no more: refused again.
        QVERIFY(setAdmin(QStringLiteral("bob"), "on").exitCode == 0);
        QVERIFY(create(*bob.client, 7));
        const auto off = setAdmin(QStringLiteral("bob"), "off");
        QVERIFY2(off.exitCode == 0, qPrintable(describe(off)));
        QVERIFY(!create(*bob.client, 7, &refused));
        QCOMPARE(refused, ErrorCode::NotServerAdmin);
        QVERIFY(m_server->output().contains("is no server admin and asked to create invites"));
    }

    void userAdminNamesAnAccountThatExistsAndOnOrOff()
    {
        const auto missing = setAdmin(QStringLiteral("nobody"), "on");
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("there is no account \"nobody\""),
                 qPrintable(describe(missing)));
        QVERIFY(account(QStringLiteral("ana")).client);
        const auto bad = setAdmin(QStringLiteral("ana"), "yes");
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("takes on or off"), qPrintable(describe(bad)));
    }
};

QTEST_GUILESS_MAIN(TestServerInvites)
#include "tst_server_invites.moc"
