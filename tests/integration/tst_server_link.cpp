// SPDX-License-Identifier: GPL-3.0-or-later
// The link frames on the real linnet-server (issue 27, docs/protocol.md §4.35): a new
// device's link_request waits past the authentication deadline; a device of the same
// account fetches and approves it; the waiting connection then gets the approval and an
// auth_ok with a working token. Wrong, foreign and expired lookups get 424, abuse 429,
// and nothing else is accepted before authentication.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {
QByteArray lookupOf(char c)
{
    return QByteArray(32, c);
}

/** The code of the error answering request @p r on @p client (InternalError: none came). */
ErrorCode errorOf(RawClient &client, quint32 r)
{
    const auto error = client.takeError(r);
    return error ? error->code : ErrorCode::InternalError;
}
ErrorCode errorOf(const Device &device, quint32 r)
{
    return errorOf(*device.client, r);
}
ErrorCode errorOf(const std::unique_ptr<RawClient> &client, quint32 r)
{
    return errorOf(*client, r);
}

/** A link_request for @p user on @p client; the request's id. */
quint32 fileRequest(RawClient &client, const QString &user, const QByteArray &lookup,
                    const QByteArray &sealed = QByteArray(48, 's'))
{
    const quint32 r = client.nextRequestId();
    client.send(LinkRequest{r, user, lookup, sealed, QStringLiteral("Laptop")});
    return r;
}
} // namespace

class TestServerLink : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        // A short authentication deadline: a waiting link request must outlive it.
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "auth_timeout_seconds = 2\n"
                                                   "link_timeout_seconds = 10\n");
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void anApprovedRequestSignsInTheWaitingConnection()
    {
        const QString ana = m_names.next(QStringLiteral("ana"));
        Device old = registerDevice(*m_server, ana);
        QVERIFY(old.deviceId != 0);
        auto fresh = connectedClient(*m_server);
        QVERIFY(fresh);
        const QByteArray sealed(90, 'q');
        const quint32 r = fileRequest(*fresh, ana, lookupOf('a'), sealed);
        QVERIFY(fresh->replyTo<Ok>(r));
        // Past the 2 s authentication deadline, still open.
        QTest::qWait(3500);
        QVERIFY(fresh->isConnected());

        const quint32 f = old->nextRequestId();
        old->send(LinkFetch{f, lookupOf('a')});
        const auto pending = old->replyTo<LinkPending>(f);
        QVERIFY(pending);
        QCOMPARE(pending->sealed, sealed); // relayed as filed
        QVERIFY(pending->expires > QDateTime::currentMSecsSinceEpoch());

        const QByteArray approval(88, 'k');
        const quint32 a = old->nextRequestId();
        old->send(LinkApprove{a, lookupOf('a'), approval});
        const auto approved = old->replyTo<LinkApproved>(a);
        QVERIFY(approved);
        const auto handed = fresh->replyTo<LinkSealed>(r);
        QVERIFY(handed);
        QCOMPARE(handed->sealed, approval);
        const auto ok = fresh->replyTo<AuthOk>(r);
        QVERIFY(ok);
        QCOMPARE(ok->deviceId, approved->device);
        QCOMPARE(ok->username, ana);
        QVERIFY(!ok->token.isEmpty());

        // A device like any other: it is listed with its name and its token signs in.
        const quint32 l = old->nextRequestId();
        old->send(DevicesGet{l});
        const auto list = old->replyTo<DeviceList>(l);
        QVERIFY(list);
        QCOMPARE(list->devices.size(), 2);
        QCOMPARE(list->devices.last().device, approved->device);
        QCOMPARE(list->devices.last().name, QStringLiteral("Laptop"));
        Device linked{nullptr, ana, ok->deviceId, ok->token};
        QVERIFY(connectAs(*m_server, linked));
        // The request is gone: the same code cannot be approved twice.
        const quint32 again = old->nextRequestId();
        old->send(LinkFetch{again, lookupOf('a')});
        QCOMPARE(errorOf(old, again), ErrorCode::UnknownLink);
    }

    void wrongAndForeignLookupsAreAnsweredAlike()
    {
        const QString ana = m_names.next(QStringLiteral("ana"));
        const QString cy = m_names.next(QStringLiteral("cy"));
        Device old = registerDevice(*m_server, ana);
        Device other = registerDevice(*m_server, cy);
        auto fresh = connectedClient(*m_server);
        QVERIFY(old.deviceId && other.deviceId && fresh);
        const quint32 r = fileRequest(*fresh, ana, lookupOf('b'));
        QVERIFY(fresh->replyTo<Ok>(r));
        const quint32 wrong = old->nextRequestId();
        old->send(LinkFetch{wrong, lookupOf('z')});
        const auto unknown = old->takeError(wrong);
        QVERIFY(unknown);
        QCOMPARE(unknown->code, ErrorCode::UnknownLink);
        const quint32 foreign = other->nextRequestId();
        other->send(LinkApprove{foreign, lookupOf('b'), QByteArray(88, 'x')});
        const auto refused = other->takeError(foreign);
        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::UnknownLink);
        QCOMPARE(refused->reason, unknown->reason); // nothing tells them apart
        QVERIFY(other->isConnected() && old->isConnected());
        // The waiting device was not signed in by the foreign approval.
        QVERIFY(!fresh->waitFor<AuthOk>(500));
        // A second request under a lookup in use is refused.
        auto rival = connectedClient(*m_server);
        QVERIFY(rival);
        const quint32 taken = fileRequest(*rival, ana, lookupOf('b'));
        QCOMPARE(errorOf(rival, taken), ErrorCode::InvalidField);
    }

    void anUnapprovedRequestExpires()
    {
        const QString ana = m_names.next(QStringLiteral("ana"));
        Device old = registerDevice(*m_server, ana);
        auto fresh = connectedClient(*m_server);
        QVERIFY(old.deviceId && fresh);
        const quint32 r = fileRequest(*fresh, ana, lookupOf('c'));
        QVERIFY(fresh->replyTo<Ok>(r));
        const auto expired = fresh->waitFor<ErrorFrame>(30000); // link_timeout_seconds = 10
        QVERIFY(expired);
        QCOMPARE(expired->code, ErrorCode::UnknownLink);
        QVERIFY(fresh->waitForDisconnected());
        const quint32 f = old->nextRequestId();
        old->send(LinkFetch{f, lookupOf('c')});
        QCOMPARE(errorOf(old, f), ErrorCode::UnknownLink);
    }

    void onlyTheLinkRequestComesBeforeAuthentication()
    {
        auto c = connectedClient(*m_server);
        QVERIFY(c);
        const quint32 f = c->nextRequestId();
        c->send(LinkFetch{f, lookupOf('d')});
        const auto refused = c->waitFor<ErrorFrame>();
        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::NotAuthenticated);
        QVERIFY(c->waitForDisconnected());

        // A signed-in connection does not file requests; nor does an unknown account.
        Device ana = registerDevice(*m_server, m_names.next(QStringLiteral("ana")));
        QVERIFY(ana.deviceId);
        const quint32 r = fileRequest(*ana.client, ana.name, lookupOf('e'));
        QCOMPARE(errorOf(ana, r), ErrorCode::AlreadyAuthenticated);
        auto stranger = connectedClient(*m_server);
        QVERIFY(stranger);
        const quint32 u =
            fileRequest(*stranger, m_names.next(QStringLiteral("nobody")), lookupOf('f'));
        QCOMPARE(errorOf(stranger, u), ErrorCode::UnknownUser);
    }

    void guessingIsRateLimited()
    {
        // Its own server: the limits are per address, and every test comes from loopback.
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        Device ana = registerDevice(server, m_names.next(QStringLiteral("ana")));
        QVERIFY(ana.deviceId);
        int missed = 0;
        ErrorCode last = ErrorCode::UnknownLink;
        while (last == ErrorCode::UnknownLink && missed < 50) {
            const quint32 f = ana->nextRequestId();
            ana->send(LinkFetch{f, lookupOf(char('A' + missed % 26))});
            last = errorOf(ana, f);
            ++missed;
        }
        QCOMPARE(last, ErrorCode::RateLimited);
        QVERIFY(missed > 10); // ten misses a minute pass (plus what refills meanwhile)
        QVERIFY(ana->isConnected());
        QCOMPARE(server.stop(), 0);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerLink)
#include "tst_server_link.moc"
