// SPDX-License-Identifier: GPL-3.0-or-later
// One-time prekeys on the real linnet-server: no one can drain another account's
// pool (budgets per requesting and per target account, across connections).
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");

/** A registered, connected user whose device has @p preKeys one-time prekeys on the server. */
struct User {
    std::unique_ptr<RawClient> client;
    QString name;
    qint64 deviceId = 0;
    QByteArray token;
};

} // namespace

class TestServerPreKeys : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    void startServer(const QByteArray &config = {})
    {
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--registration"), QStringLiteral("open")}, config);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    User user(const QString &name, int preKeys = 5)
    {
        User u;
        u.name = name;
        u.client = std::make_unique<RawClient>();
        if (!u.client->connectTo(m_server->url()))
            return u;
        if (const auto ok = u.client->registerUser(name, kPassword)) {
            u.deviceId = ok->deviceId;
            u.token = ok->token;
            if (preKeys != 5 && !u.client->uploadKeys(preKeys))
                u.deviceId = 0;
        }
        return u;
    }

    /**
     * Claims a bundle of @p target's device @p times times as @p claimer; returns how
     * many came with a one-time prekey (every bundle must have the signed prekey).
     */
    static int claimOneTimePreKeys(RawClient &claimer, const User &target, int times)
    {
        int withPreKey = 0;
        for (int i = 0; i < times; ++i) {
            const auto keys = claimer.fetchKeys(target.name, {quint64(target.deviceId)});
            if (!keys || keys->devices.size() != 1 || keys->devices[0].signedPreKeyId == 0)
                return -1; // keys_get itself must keep working
            if (keys->devices[0].preKeyId != 0)
                ++withPreKey;
        }
        return withPreKey;
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            qWarning("server output:\n%s", m_server->output().constData());
        m_server.reset();
    }

    void oneAccountCannotDrainAnothersPoolEvenAcrossReconnects()
    {
        startServer();
        const User bob = user(QStringLiteral("bob"), 100); // a client's pool
        QVERIFY(bob.deviceId);
        User mallory = user(QStringLiteral("mallory"));
        QVERIFY(mallory.deviceId);

        // The default budget (64) is smaller than the pool, and past it keys_get still
        // answers, with the signed prekey alone (X3DH without a one-time prekey).
        const int first = claimOneTimePreKeys(*mallory.client, bob, 100);
        QVERIFY2(first >= 64 && first <= 65, qPrintable(QString::number(first)));

        // A new connection does not bring a new budget.
        mallory.client = std::make_unique<RawClient>();
        QVERIFY(mallory.client->connectTo(m_server->url()));
        QVERIFY(mallory.client->auth(mallory.deviceId, mallory.token));
        QCOMPARE(claimOneTimePreKeys(*mallory.client, bob, 20), 0);

        // What is left of bob's pool still serves others... once bob's own budget
        // allows: it is shared by everyone who asks (the next test).
        User carol = user(QStringLiteral("carol"));
        QVERIFY(carol.deviceId);
        QCOMPARE(claimOneTimePreKeys(*carol.client, bob, 5), 0);
    }

    void theBudgetOfOneTargetIsSharedByEveryone()
    {
        startServer("prekey_claim_burst = 8\n");
        const User bob = user(QStringLiteral("bob"), 50);
        User carol = user(QStringLiteral("carol"));
        User dave = user(QStringLiteral("dave"));
        User erin = user(QStringLiteral("erin"));
        const User frank = user(QStringLiteral("frank"), 50);
        QVERIFY(bob.deviceId && carol.deviceId && dave.deviceId && erin.deviceId && frank.deviceId);

        QCOMPARE(claimOneTimePreKeys(*carol.client, bob, 5), 5);
        QCOMPARE(claimOneTimePreKeys(*dave.client, bob, 3), 3);
        // bob's budget is used up for everyone, erin's own is untouched.
        QCOMPARE(claimOneTimePreKeys(*erin.client, bob, 3), 0);
        QCOMPARE(claimOneTimePreKeys(*erin.client, frank, 1), 1);
    }

    void theBudgetOfOneRequesterCoversEveryTarget()
    {
        startServer("prekey_claim_burst = 8\n");
        const User bob = user(QStringLiteral("bob"), 50);
        const User frank = user(QStringLiteral("frank"), 50);
        User mallory = user(QStringLiteral("mallory"));
        User carol = user(QStringLiteral("carol"));
        QVERIFY(bob.deviceId && frank.deviceId && mallory.deviceId && carol.deviceId);

        QCOMPARE(claimOneTimePreKeys(*mallory.client, bob, 8), 8);
        // Another target does not help mallory; it still has its keys for others.
        QCOMPARE(claimOneTimePreKeys(*mallory.client, frank, 3), 0);
        QCOMPARE(claimOneTimePreKeys(*carol.client, frank, 3), 3);
    }
};

QTEST_GUILESS_MAIN(TestServerPreKeys)
#include "tst_server_prekeys.moc"
