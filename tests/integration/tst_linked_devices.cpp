// SPDX-License-Identifier: GPL-3.0-or-later
// Linked devices through the real server (issue 27): peers trust a device only through
// its certificate by the account identity key they pinned. A properly linked device
// changes no safety number; a device the server adds on its own (written into its
// database here, as a hostile server would) is never encrypted to and the user hears of
// it; a new account key is never taken silently.
#include "E2eTestSupport.h"
#include "HostileServerSupport.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"
#include "crypto/Sodium.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
namespace crypto = linnet::crypto;

class TestLinkedDevices : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }
    std::unique_ptr<Profile> device(const QString &name, Profile *approvedBy = nullptr)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      approvedBy != nullptr, approvedBy);
    }
    QString serverDb() const
    {
        return QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db"));
    }

    qint64 injectDevice(const QString &user, const QByteArray &certificate)
    {
        return linnet::test::injectDevice(serverDb(), user, certificate);
    }
    /** Message copies (rows with a body) waiting in the server's inbox for @p device. The
     *  server may hand a device it added metadata (receipts), never a copy for it. */
    int copiesFor(qint64 device)
    {
        SqlConnection db(serverDb());
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM inbox WHERE device_id = :device "
                                 "AND body IS NOT NULL"));
        q.bindValue(QStringLiteral(":device"), device);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    /** Devices of @p user on the server. */
    int devicesOf(const QString &user)
    {
        SqlConnection db(serverDb());
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM devices WHERE account_id = "
                                 "(SELECT id FROM accounts WHERE username = :u)"));
        q.bindValue(QStringLiteral(":u"), user);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    /** A password login of a new profile as @p user; the accountFailed it got (empty: none). */
    QList<QVariant> passwordLogin(const QString &user, const QString &password)
    {
        Profile fresh(m_root.filePath(nextName("fresh")));
        if (!fresh.open())
            return {};
        QSignalSpy failed(fresh.client.get(), &ChatClient::accountFailed);
        QSignalSpy ready(fresh.client.get(), &ChatClient::accountReady);
        fresh.client->login(m_server->url(), user, password);
        if (!QTest::qWaitFor([&] { return !failed.isEmpty() || !ready.isEmpty(); }, 20000) ||
            !ready.isEmpty() || fresh.client->hasAccount())
            return {};
        return failed.first();
    }
    static bool hasNoticeContaining(Profile &p, const QString &conversation, const QString &part)
    {
        for (const ChatMessage &m : p.messages(conversation))
            if (m.kind == MessageKind::Notice && m.text.contains(part))
                return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void aProperlyLinkedDeviceGetsCopiesAndChangesNoSafetyNumber()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b1 = device(bob);
        QVERIFY(a && b1);
        a->client->sendText(bob, QStringLiteral("first"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("first")), 20000);
        const QString number = a->client->safetyNumber(bob);
        QCOMPARE(number.size(), 60);
        // Bob fetched alice's keys when her first message came: the same number on his side.
        QTRY_COMPARE_WITH_TIMEOUT(b1->client->safetyNumber(alice), number, 20000);
        a->client->setVerified(bob, true);

        auto b2 = device(bob, b1.get()); // holds bob's account key: certifies itself
        QVERIFY(b2);
        QSignalSpy unapproved(a->client.get(), &ChatClient::unapprovedDevices);
        QSignalSpy changed(a->client.get(), &ChatClient::identityChanged);
        a->client->sendText(bob, QStringLiteral("second"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b2->messages(alice), QStringLiteral("second")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("second")), 20000);
        QCOMPARE(a->client->safetyNumber(bob), number);
        QTRY_COMPARE_WITH_TIMEOUT(b2->client->safetyNumber(alice), number, 20000);
        QVERIFY(a->client->isVerified(bob));
        QVERIFY(!a->client->isHeld(bob));
        QVERIFY(unapproved.isEmpty());
        QVERIFY(changed.isEmpty());
        // The one notice is the new device's (tst_device_notices); no warning, no new code.
        QVERIFY(hasNoticeContaining(*a, bob, QStringLiteral("%1 linked a new device").arg(bob)));
        QVERIFY(!hasNoticeContaining(*a, bob, QStringLiteral("did not approve")));
        QVERIFY(!hasNoticeContaining(*a, bob, QStringLiteral("security code")));
        // Bob's devices see each other's messages too.
        b2->client->sendText(alice, QStringLiteral("from the new one"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), QStringLiteral("from the new one")),
                                 20000);
    }

    void aDeviceTheServerAddsIsNeverEncryptedToAndRaisesANotice_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("no certificate") << 0;
        QTest::newRow("a forged certificate") << 1;
        QTest::newRow("certified by a key the server made") << 2;
    }
    void aDeviceTheServerAddsIsNeverEncryptedToAndRaisesANotice()
    {
        QFETCH(int, kind);
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        QByteArray certificate;
        if (kind == 1)
            certificate = crypto::randomBytes(64);
        const auto serverKey = crypto::IdentityKeyPair::generate();
        const qint64 ghost = injectDevice(bob, certificate);
        QVERIFY(ghost > 0);
        if (kind == 2) { // a real signature, by a key that is not bob's
            SqlConnection db(serverDb());
            QSqlQuery q(db.db());
            q.prepare(QStringLiteral("UPDATE device_keys SET device_signature = :cert "
                                     "WHERE device_id = :device"));
            q.bindValue(QStringLiteral(":cert"),
                        crypto::signDevice(serverKey, bob, ghost, QByteArray(32, 'x')));
            q.bindValue(QStringLiteral(":device"), ghost);
            QVERIFY(q.exec());
        }

        QSignalSpy unapproved(a->client.get(), &ChatClient::unapprovedDevices);
        a->client->sendText(bob, QStringLiteral("only for bob's own devices"));
        QTRY_VERIFY_WITH_TIMEOUT(!unapproved.isEmpty(), 20000);
        QCOMPARE(unapproved.first().at(0).toString(), bob);
        QCOMPARE(unapproved.first().at(1).value<QList<qint64>>(), QList<qint64>{ghost});
        QTRY_VERIFY_WITH_TIMEOUT(hasNoticeContaining(*a, bob, QString::number(ghost)), 20000);
        if (kind == 0) // the server itself asks no copy for an uncertified device
            QTRY_VERIFY_WITH_TIMEOUT(
                findText(b->messages(alice), QStringLiteral("only for bob's own devices")), 20000);
        // Bob's own device is told as well, and does not encrypt to it either.
        QSignalSpy ownUnapproved(b->client.get(), &ChatClient::unapprovedDevices);
        b->client->sendText(alice, QStringLiteral("from bob"));
        QTRY_VERIFY_WITH_TIMEOUT(!ownUnapproved.isEmpty(), 20000);
        QCOMPARE(ownUnapproved.first().at(0).toString(), bob);
        if (kind == 0)
            QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("from bob")), 20000);
        QCOMPARE(copiesFor(ghost), 0);
        QVERIFY(a->client->safetyNumber(bob) == b->client->safetyNumber(alice));
    }

    void anAccountKeyTheServerSubstitutesHoldsAVerifiedContact()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("before")), 20000);
        const QString number = a->client->safetyNumber(bob);
        a->client->setVerified(bob, true);

        // The server swaps bob's account key for one of its own and certifies a device of its
        // own with it.
        const auto serverKey = crypto::IdentityKeyPair::generate();
        const qint64 ghost = injectDevice(bob, {});
        QVERIFY(ghost > 0);
        {
            SqlConnection db(serverDb());
            QSqlQuery q(db.db());
            q.prepare(QStringLiteral("UPDATE accounts SET account_key = :key WHERE username = :u"));
            q.bindValue(QStringLiteral(":key"), serverKey.publicKey());
            q.bindValue(QStringLiteral(":u"), bob);
            QVERIFY(q.exec());
            q.prepare(QStringLiteral("SELECT identity_key FROM device_keys WHERE device_id = :d"));
            q.bindValue(QStringLiteral(":d"), ghost);
            QVERIFY(q.exec() && q.next());
            const QByteArray ghostIdentity = q.value(0).toByteArray();
            q.prepare(QStringLiteral("UPDATE device_keys SET device_signature = :cert "
                                     "WHERE device_id = :d"));
            q.bindValue(QStringLiteral(":cert"),
                        crypto::signDevice(serverKey, bob, ghost, ghostIdentity));
            q.bindValue(QStringLiteral(":d"), ghost);
            QVERIFY(q.exec());
        }
        // Bob's device, on its next connection, learns its key is not the account's.
        QSignalSpy notApproved(b->client.get(), &ChatClient::deviceNotApproved);
        QSignalSpy published(b->client.get(), &ChatClient::keysPublished);
        b->client->abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!notApproved.isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), 20000);

        // Alice's next message is asked for a copy for the server's device (412), she sees
        // the new account key, and since bob was verified, nothing goes out.
        QSignalSpy held(a->client.get(), &ChatClient::heldChanged);
        a->client->sendText(bob, QStringLiteral("after"));
        QTRY_VERIFY_WITH_TIMEOUT(a->client->isHeld(bob), 20000);
        QVERIFY(!a->client->isVerified(bob));
        QVERIFY(a->client->safetyNumber(bob) != number);
        QVERIFY(hasNoticeContaining(*a, bob, QStringLiteral("security code")));
        QCOMPARE(findText(a->messages(bob), QStringLiteral("after"))->state, DeliveryState::Queued);
        QCOMPARE(copiesFor(ghost), 0);
    }

    void aPasswordLoginOfANewDeviceIsRefusedOnceTheAccountHasAKey()
    {
        const QString alice = nextName("alice");
        auto a = device(alice);
        QVERIFY(a);
        QCOMPARE(devicesOf(alice), 1);

        const QList<QVariant> refused = passwordLogin(alice, QStringLiteral("correct horse"));
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused.at(0).value<ErrorCode>(), ErrorCode::LinkRequired);
        QCOMPARE(refused.at(1).toString(),
                 QStringLiteral("approve this device from one of your devices"));
        QCOMPARE(devicesOf(alice), 1); // nothing was added on the server

        // A wrong password is told as before: the refusal is only for the right one.
        const QList<QVariant> wrong = passwordLogin(alice, QStringLiteral("wrong horse"));
        QCOMPARE(wrong.size(), 2);
        QCOMPARE(wrong.at(0).value<ErrorCode>(), ErrorCode::BadCredentials);

        // The device the account has keeps working with its token.
        QSignalSpy published(a->client.get(), &ChatClient::keysPublished);
        a->client->abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), 20000);
        QCOMPARE(a->client->state(), ConnectionState::Online);
    }

    void aProfileHoldingTheAccountKeyMayAddItselfByPassword()
    {
        const QString bob = nextName("bob");
        auto b1 = device(bob);
        QVERIFY(b1);
        auto b2 = device(bob, b1.get()); // its login carries the account key's proof
        QVERIFY(b2);
        QCOMPARE(devicesOf(bob), 2);
        // A key of another account proves nothing.
        const QString carol = nextName("carol");
        auto c = device(carol);
        QVERIFY(c);
        Profile stranger(m_root.filePath(nextName("stranger")));
        QVERIFY(stranger.open());
        QVERIFY(copyAccountKey(*c->secrets, *stranger.secrets));
        QSignalSpy failed(stranger.client.get(), &ChatClient::accountFailed);
        stranger.client->login(m_server->url(), bob, QStringLiteral("correct horse"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(failed.first().at(0).value<ErrorCode>(), ErrorCode::LinkRequired);
        QCOMPARE(devicesOf(bob), 2);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestLinkedDevices)
#include "tst_linked_devices.moc"
