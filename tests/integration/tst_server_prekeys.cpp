// SPDX-License-Identifier: GPL-3.0-or-later
// One-time prekeys on the real linnet-server: no one can drain another account's
// pool (budgets per requesting and per target account, across connections).
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include "crypto/Keys.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");

/** A keys_upload of one fixed identity with the one-time prekeys @p ids. */
class KeySet {
public:
    KeysUpload upload(quint32 requestId, const QList<quint32> &ids)
    {
        KeysUpload u;
        u.requestId = requestId;
        u.identity = m_identity.publicKey();
        u.registrationId = 77;
        u.signedPreKeyId = m_signedPreKey.id;
        u.signedPreKey = m_signedPreKey.pair.publicKey;
        u.signature = m_signedPreKey.signature;
        for (quint32 id : ids) {
            if (!m_preKeys.contains(id))
                m_preKeys.insert(id, linnet::crypto::generateX25519().publicKey);
            u.preKeys.append(PreKeyPublic{id, m_preKeys.value(id)});
        }
        return u;
    }

private:
    linnet::crypto::IdentityKeyPair m_identity = linnet::crypto::IdentityKeyPair::generate();
    linnet::crypto::SignedPreKey m_signedPreKey =
        linnet::crypto::generateSignedPreKey(m_identity, 1, 0);
    QHash<quint32, QByteArray> m_preKeys;
};

/** Uploads @p upload and returns the pool size the server answers with, or -1. */
qint64 send(RawClient &c, const KeysUpload &upload)
{
    c.send(upload);
    // Pushed counts (a claim left the pool low) come without a request id: passed over.
    while (const auto count = c.waitFor<PreKeyCount>()) {
        if (count->requestId == upload.requestId)
            return qint64(count->count);
    }
    return -1;
}

} // namespace

class TestServerPreKeys : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    void startServer(const QByteArray &config = {})
    {
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(), config);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    /** A registered, connected user whose device has @p preKeys one-time prekeys on the server. */
    Device user(const QString &name, int preKeys = 5)
    {
        Device u = registerDevice(*m_server, name, kPassword);
        if (u.deviceId && preKeys != 5 && !u.client->uploadKeys(preKeys))
            u.deviceId = 0;
        return u;
    }

    /**
     * Claims a bundle of @p target's device @p times times as @p claimer; returns how
     * many came with a one-time prekey (every bundle must have the signed prekey).
     */
    static int claimOneTimePreKeys(RawClient &claimer, const Device &target, int times)
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
        if (m_server)
            m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void oneAccountCannotDrainAnothersPoolEvenAcrossReconnects()
    {
        startServer();
        const Device bob = user(QStringLiteral("bob"), 100); // a client's pool
        QVERIFY(bob.deviceId);
        Device mallory = user(QStringLiteral("mallory"));
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
        Device carol = user(QStringLiteral("carol"));
        QVERIFY(carol.deviceId);
        QCOMPARE(claimOneTimePreKeys(*carol.client, bob, 5), 0);
    }

    void theBudgetOfOneTargetIsSharedByEveryone()
    {
        startServer("prekey_claim_burst = 8\n");
        const Device bob = user(QStringLiteral("bob"), 50);
        Device carol = user(QStringLiteral("carol"));
        Device dave = user(QStringLiteral("dave"));
        Device erin = user(QStringLiteral("erin"));
        const Device frank = user(QStringLiteral("frank"), 50);
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
        const Device bob = user(QStringLiteral("bob"), 50);
        const Device frank = user(QStringLiteral("frank"), 50);
        Device mallory = user(QStringLiteral("mallory"));
        Device carol = user(QStringLiteral("carol"));
        QVERIFY(bob.deviceId && frank.deviceId && mallory.deviceId && carol.deviceId);

        QCOMPARE(claimOneTimePreKeys(*mallory.client, bob, 8), 8);
        // Another target does not help mallory; it still has its keys for others.
        QCOMPARE(claimOneTimePreKeys(*mallory.client, frank, 3), 0);
        QCOMPARE(claimOneTimePreKeys(*carol.client, frank, 3), 3);
    }

    void aPreKeyUploadedAgainAfterItsClaimIsNeverHandedOutTwice()
    {
        // Issue 22.10: bob's confirmation of an upload is lost, so bob uploads the
        // same prekeys again after one was claimed; that one must not come back.
        startServer();
        Device bob = user(QStringLiteral("bob"));
        Device alice = user(QStringLiteral("alice"));
        QVERIFY(bob.deviceId && alice.deviceId);
        KeySet keys;
        QCOMPARE(send(*bob.client, keys.upload(bob.client->nextRequestId(), {1, 2, 3})), 3);

        QList<quint32> handedOut;
        auto claimOne = [&] {
            const auto reply = alice.client->fetchKeys(bob.name, {quint64(bob.deviceId)});
            QVERIFY(reply && reply->devices.size() == 1);
            if (reply->devices[0].preKeyId != 0)
                handedOut.append(reply->devices[0].preKeyId);
        };
        claimOne();
        QCOMPARE(handedOut, QList<quint32>{1});

        QCOMPARE(send(*bob.client, keys.upload(bob.client->nextRequestId(), {1, 2, 3})), 2);
        claimOne();
        claimOne();
        claimOne(); // the pool is empty now: the signed prekey alone
        QCOMPARE(handedOut, (QList<quint32>{1, 2, 3}));

        // Even after all were claimed, and across a reconnect of bob.
        bob.client = std::make_unique<RawClient>();
        QVERIFY(bob.client->connectTo(m_server->url()));
        QVERIFY(bob.client->auth(bob.deviceId, bob.token));
        QCOMPARE(send(*bob.client, keys.upload(bob.client->nextRequestId(), {1, 2, 3, 4})), 1);
        claimOne();
        claimOne();
        QCOMPARE(handedOut, (QList<quint32>{1, 2, 3, 4}));

        // A new identity starts a new pool, whose ids may repeat the old ones.
        KeySet newIdentity;
        QCOMPARE(send(*bob.client, newIdentity.upload(bob.client->nextRequestId(), {1, 2})), 2);
        claimOne();
        QCOMPARE(handedOut.last(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestServerPreKeys)
#include "tst_server_prekeys.moc"
