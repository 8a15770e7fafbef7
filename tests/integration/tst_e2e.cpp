// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end encryption through the real server: what the server stores never
// contains plaintext; tampered, replayed, reordered and lost ciphertext is
// handled; identity changes show a notice; an exhausted prekey pool falls back
// to the signed prekey and is replenished. Clients are the real ChatClient with
// a real passphrase-protected secret store; "mallory" is a raw protocol client
// holding a real session, to craft what an honest client never sends.
#include "ChatClient.h"
#include "store/LocalStore.h"
#include "e2e/PassphraseSecretStore.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "E2eTestSupport.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"
#include "crypto/SessionCipher.h"
#include "protocol/MessageContent.h"

#include <QDateTime>
#include <QDirIterator>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
namespace crypto = linnet::crypto;

namespace {

/** Every file under @p dir that contains @p needle. */
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << f.fileName();
    }
    return hits;
}

} // namespace

class TestE2e : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString nextName(const char *prefix)
    {
        return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++m_counter);
    }

    /** A new account (or, with @p approvedBy, a new device of its account), online. */
    std::unique_ptr<Profile> device(const QString &name, Profile *approvedBy = nullptr)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      approvedBy != nullptr, approvedBy);
    }

    /** A raw client with its own real identity and a session with @p victim's device. */
    struct Mallory {
        std::unique_ptr<RawClient> raw;
        crypto::IdentityKeyPair identity = crypto::IdentityKeyPair::generate();
        crypto::SessionRecord session;
        qint64 device = 0;
        quint32 registrationId = 0;
    };
    std::unique_ptr<Mallory> mallory(const QString &victim)
    {
        auto m = std::make_unique<Mallory>();
        m->raw = std::make_unique<RawClient>();
        if (!m->raw->connectTo(m_server->url()) ||
            !m->raw->registerUser(nextName("mallory"), QStringLiteral("correct horse")))
            return nullptr;
        // Mallory's device keys on the server are the session's identity, certified by an
        // account key of hers: a peer as real as any, as far as the victim can tell.
        const auto account = crypto::IdentityKeyPair::generate();
        const auto spk = crypto::generateSignedPreKey(m->identity, 1, 0);
        KeysUpload keys{m->raw->nextRequestId(),
                        m->identity.publicKey(),
                        99,
                        spk.id,
                        spk.pair.publicKey,
                        spk.signature,
                        {},
                        account.publicKey(),
                        {}};
        keys.deviceSignature =
            crypto::signDevice(account, m->raw->username(), m->raw->deviceId(), keys.identity);
        m->raw->send(keys);
        if (!m->raw->replyTo<PreKeyCount>(keys.requestId))
            return nullptr;
        const auto list = m->raw->fetchKeys(victim);
        if (!list || list->devices.size() != 1)
            return nullptr;
        m->device = list->devices[0].device;
        const auto claimed = m->raw->fetchKeys(victim, {quint64(m->device)});
        if (!claimed || claimed->devices.size() != 1)
            return nullptr;
        const DeviceKeys &k = claimed->devices[0];
        m->registrationId = k.registrationId;
        const crypto::PreKeyBundle bundle{k.identity,  k.signedPreKeyId, k.signedPreKey,
                                          k.signature, k.preKeyId,       k.preKey};
        if (!crypto::initiateSession(m->session, m->identity, bundle))
            return nullptr;
        return m;
    }
    QByteArray encrypt(Mallory &m, const QString &text)
    {
        const auto envelope = crypto::encrypt(m.session, encodeContent({text, {}, 0}));
        return envelope ? envelope.value() : QByteArray();
    }
    /** Sends @p envelope as the only copy to the victim's device. */
    bool deliver(Mallory &m, const QString &victim, const QByteArray &envelope)
    {
        SendRequest send{m.raw->nextRequestId(),
                         MessageId::generate(),
                         victim,
                         {DeviceCopy{m.device, m.registrationId, envelope}}};
        m.raw->send(send);
        const auto ack = m.raw->waitFor<SendAck>();
        return ack && ack->id == send.id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        // preKeyExhaustionFallsBackAndReplenishes empties a pool on purpose: lift the
        // one-time prekey budgets (tst_server_prekeys tests them).
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "prekey_claim_burst = 100000\n");
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void serverNeverSeesPlaintext()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b1 = device(bob);
        QVERIFY(a && b1);
        auto b2 = device(bob, b1.get()); // bob's second device, approved by the first
        QVERIFY(b2);

        const QString toBob = QStringLiteral("canary-to-bob-4e1f9b7c the vault code is 0451");
        const QString toAlice = QStringLiteral("canary-to-alice-9d2a61e0 meet at the old mill");
        a->client->sendText(bob, toBob);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b1->messages(alice), toBob), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b2->messages(alice), toBob), 20000);
        b1->client->sendText(alice, toAlice);
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), toAlice), 20000);
        // Bob's other device shows what bob sent from the first, as his own.
        QTRY_VERIFY_WITH_TIMEOUT(findText(b2->messages(alice), toAlice), 20000);
        QVERIFY(findText(b2->messages(alice), toAlice)->outgoing);
        QTRY_COMPARE_WITH_TIMEOUT(findText(a->messages(bob), toBob)->state,
                                  DeliveryState::Delivered, 20000);

        // The check itself can fail: the plaintext is in the clients' own files.
        const QByteArray needle = QByteArrayLiteral("canary-to-");
        QVERIFY(!filesContaining(b1->path, needle).isEmpty());
        // Nothing the server wrote, while running (WAL) or after a clean stop, has it.
        QCOMPARE(filesContaining(m_server->dataDir(), needle), QStringList());
        QCOMPARE(filesContaining(m_server->dataDir(), QByteArrayLiteral("0451")), QStringList());
        QCOMPARE(m_server->stop(), 0);
        QCOMPARE(filesContaining(m_server->dataDir(), needle), QStringList());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void tamperedReplayedAndReorderedCiphertext()
    {
        const QString bob = nextName("bob");
        auto b = device(bob);
        QVERIFY(b);
        auto m = mallory(bob);
        QVERIFY(m);
        const QString from = m->raw->username();

        // The first message of a session carries the X3DH header: tamper with it.
        QByteArray first = encrypt(*m, QStringLiteral("first"));
        QByteArray tampered = first;
        tampered[40] = char(tampered[40] ^ 0x01); // inside the prekey header's base key
        QVERIFY(deliver(*m, bob, tampered));
        QTRY_COMPARE_WITH_TIMEOUT(b->messages(from).size(), 1, 20000);
        const ChatMessage broken = b->messages(from).at(0);
        QCOMPARE(broken.kind, MessageKind::Undecryptable);
        QVERIFY2(broken.text.contains(QStringLiteral("could not be decrypted")),
                 qPrintable(broken.text));

        // The genuine one still works: nothing was corrupted by the failure.
        QVERIFY(deliver(*m, bob, first));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(from), QStringLiteral("first")), 20000);

        // A flipped ciphertext byte.
        QByteArray second = encrypt(*m, QStringLiteral("second"));
        QByteArray flipped = second;
        flipped[flipped.size() - 1] = char(flipped[flipped.size() - 1] ^ 0x80);
        QVERIFY(deliver(*m, bob, flipped));
        QTRY_COMPARE_WITH_TIMEOUT(b->messages(from).size(), 3, 20000);
        QCOMPARE(b->messages(from).last().kind, MessageKind::Undecryptable);
        QVERIFY(deliver(*m, bob, second));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(from), QStringLiteral("second")), 20000);

        // A replay (same ciphertext, new message id) is refused, visibly.
        QVERIFY(deliver(*m, bob, second));
        QTRY_COMPARE_WITH_TIMEOUT(b->messages(from).size(), 5, 20000);
        QCOMPARE(b->messages(from).last().kind, MessageKind::Undecryptable);

        // Out of order and lost: 3 arrives before 1, 2 never arrives.
        const QByteArray m1 = encrypt(*m, QStringLiteral("m1"));
        encrypt(*m, QStringLiteral("m2 (lost)"));
        const QByteArray m3 = encrypt(*m, QStringLiteral("m3"));
        QVERIFY(deliver(*m, bob, m3));
        QVERIFY(deliver(*m, bob, m1));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(from), QStringLiteral("m1")), 20000);
        QVERIFY(findText(b->messages(from), QStringLiteral("m3")));

        // Beyond the skipped-key bound: a clear error, and the session survives it.
        for (int i = 0; i < 1100; ++i)
            encrypt(*m, QStringLiteral("never sent"));
        QVERIFY(deliver(*m, bob, encrypt(*m, QStringLiteral("too far"))));
        QTRY_COMPARE_WITH_TIMEOUT(b->messages(from).size(), 8, 20000);
        QCOMPARE(b->messages(from).last().kind, MessageKind::Undecryptable);
        QVERIFY(!findText(b->messages(from), QStringLiteral("too far")));

        // Every one of those was acknowledged: none comes back after a reconnect.
        const int count = b->messages(from).size();
        QSignalSpy synced(b->client.get(), &ChatClient::synced);
        b->client->abortConnection();
        QTRY_COMPARE_WITH_TIMEOUT(b->client->state(), ConnectionState::Online, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000); // the inbox drain is over
        QCOMPARE(b->messages(from).size(), count);
    }

    void aReplyAfterARestartReachesTheContactWhoWroteFirst()
    {
        // Issue 22.1: bob learns alice's device from her prekey message, without its
        // registration id; after a restart his reply must still carry a valid one.
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("you there?"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("you there?")), 20000);

        b->client->stop();
        b->close();
        QVERIFY(b->open());
        b->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(b->client->state(), ConnectionState::Online, 20000);
        b->client->sendText(alice, QStringLiteral("back after a restart"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("back after a restart")),
                                 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            findText(b->messages(alice), QStringLiteral("back after a restart"))->state,
            DeliveryState::Delivered, 20000);
    }

    void aMessageLostToACrashIsPlacedWhereItsSenderHasIt()
    {
        // Issue 23.6: alice's message reached bob before its commit, then the server
        // died; its resend gets a new seq, after bob's reply. bob must move his copy
        // there, or the two see the conversation in different orders.
        auto crashing = std::make_unique<ServerProcess>(
            ServerProcess::openRegistration(),
            "commit_gather_ms = 1000\n"); // a push comes long before its commit
        QVERIFY2(crashing->start(), qPrintable(crashing->errorString()));
        std::swap(m_server, crashing); // device() and the engines use this server
        const auto restore = qScopeGuard([&] { std::swap(m_server, crashing); });
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        const MessageId first = a->client->sendText(bob, QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(a->store->message(first)->state, DeliveryState::Delivered, 20000);
        const MessageId lost = a->client->sendText(bob, QStringLiteral("pushed, then a crash"));
        QTRY_VERIFY_WITH_TIMEOUT(
            findText(b->messages(alice), QStringLiteral("pushed, then a crash")), 20000);
        QVERIFY2(a->store->message(lost)->state == DeliveryState::Queued,
                 "committed before the kill: the test missed its window");
        a->client->stop(); // alice is away while the server restarts
        m_server->kill();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        QTRY_COMPARE_WITH_TIMEOUT(b->client->state(), ConnectionState::Online, 20000);
        const MessageId reply = b->client->sendText(alice, QStringLiteral("reply"));
        QTRY_VERIFY_WITH_TIMEOUT(b->store->message(reply)->seq > 0, 20000);
        a->client->start(); // her outbox sends the lost message again
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("reply")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(a->store->message(lost)->seq > 0, 20000);
        const auto order = [](const QList<ChatMessage> &messages) {
            QStringList texts;
            for (const ChatMessage &m : messages)
                texts << m.text;
            return texts;
        };
        QCOMPARE(order(a->messages(bob)),
                 QStringList({QStringLiteral("first"), QStringLiteral("reply"),
                              QStringLiteral("pushed, then a crash")}));
        QTRY_COMPARE_WITH_TIMEOUT(order(b->messages(alice)), order(a->messages(bob)), 20000);
        QCOMPARE(b->store->message(lost)->seq, a->store->message(lost)->seq);
    }

    void newIdentityShowsNoticeAndNewSessionWorks()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("before")), 20000);
        const QString number = a->client->safetyNumber(bob);
        QCOMPARE(number.size(), 60);
        QTRY_COMPARE_WITH_TIMEOUT(b->client->safetyNumber(alice), number, 20000); // the same
        a->client->setVerified(bob, true);
        QVERIFY(a->client->isVerified(bob));

        // Bob loses every key (keychain reset) and starts over with a new account key.
        startOverWithANewIdentity(*b, bob);
        if (QTest::currentTestFailed())
            return;

        QSignalSpy changed(a->client.get(), &ChatClient::identityChanged);
        a->client->sendText(bob, QStringLiteral("after"));
        // Bob was verified: the message waits until alice accepts the new code.
        QTRY_VERIFY_WITH_TIMEOUT(a->client->isHeld(bob), 20000);
        a->client->acceptIdentityChange(bob);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("after")), 20000);
        QCOMPARE(findText(b->messages(alice), QStringLiteral("after"))->kind, MessageKind::Text);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.first().at(0).toString(), bob);
        bool notice = false;
        for (const auto &m : a->messages(bob))
            notice = notice || m.kind == MessageKind::Notice;
        QVERIFY2(notice, "no security code notice in alice's conversation");
        QVERIFY(a->client->safetyNumber(bob) != number);
        QVERIFY(!a->client->isVerified(bob));
        // And back: bob's reply reaches alice in the new session.
        b->client->sendText(alice, QStringLiteral("reply"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("reply")), 20000);
    }

    /**
     * Bob's device loses its identity key (and, unless @p keepAccountKey, the account key:
     * all of bob's keys, after which the server forgets the account key with him, as
     * starting over with the account does) and comes back with new ones, online.
     */
    void startOverWithANewIdentity(Profile &b, const QString &name, bool keepAccountKey = false)
    {
        b.client->stop();
        b.close();
        {
            auto secrets =
                PassphraseSecretStore::open(b.path + QStringLiteral("/secrets.bin"), kPassphrase);
            QVERIFY(secrets);
            QVERIFY(secrets.value()->remove(QStringLiteral("identity_key")));
            if (!keepAccountKey)
                QVERIFY(secrets.value()->remove(kAccountKeySecret));
        }
        if (!keepAccountKey) {
            SqlConnection db(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
            QSqlQuery q(db.db());
            q.prepare(QStringLiteral("UPDATE accounts SET account_key = NULL WHERE username = :u"));
            q.bindValue(QStringLiteral(":u"), name);
            QVERIFY(q.exec());
            q.prepare(QStringLiteral("UPDATE device_keys SET device_signature = NULL WHERE "
                                     "account_id = (SELECT id FROM accounts WHERE username = :u)"));
            q.bindValue(QStringLiteral(":u"), name);
            QVERIFY(q.exec());
        }
        QVERIFY(b.open());
        QSignalSpy published(b.client.get(), &ChatClient::keysPublished);
        b.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(b.client->state(), ConnectionState::Online, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), 20000); // before alice sends
    }

    void aNewDeviceKeyUnderTheSameAccountKeyChangesNoSecurityCode()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("before")), 20000);
        const QString number = a->client->safetyNumber(bob);
        a->client->setVerified(bob, true);

        startOverWithANewIdentity(*b, bob, /*keepAccountKey=*/true);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy changed(a->client.get(), &ChatClient::identityChanged);
        a->client->sendText(bob, QStringLiteral("after"));
        // The account key certified the new device key: a new session, nothing held.
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("after")), 20000);
        QVERIFY(changed.isEmpty());
        QVERIFY(!a->client->isHeld(bob));
        QCOMPARE(a->client->safetyNumber(bob), number);
        QVERIFY(a->client->isVerified(bob));
        b->client->sendText(alice, QStringLiteral("reply"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(a->messages(bob), QStringLiteral("reply")), 20000);
    }

    void aVerifiedContactsNewKeyHoldsTheOutboxUntilAccepted()
    {
        // Issue 22.9: a 412 refetched the keys and re-encrypted at once, verified or not.
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("before")), 20000);
        a->client->setVerified(bob, true);
        QVERIFY(!a->client->isHeld(bob));

        startOverWithANewIdentity(*b, bob);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy held(a->client.get(), &ChatClient::heldChanged);
        a->client->sendText(bob, QStringLiteral("held"));
        QTRY_VERIFY_WITH_TIMEOUT(a->client->isHeld(bob), 20000);
        QCOMPARE(held.first().at(0).toString(), bob);
        QVERIFY(!a->client->isVerified(bob));
        // It stays queued, also across a reconnect, and nothing reaches bob.
        a->client->abortConnection();
        QTRY_COMPARE_WITH_TIMEOUT(a->client->state(), ConnectionState::Online, 20000);
        QSignalSpy synced(b->client.get(), &ChatClient::synced);
        b->client->abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
        QCOMPARE(findText(a->messages(bob), QStringLiteral("held"))->state, DeliveryState::Queued);
        QVERIFY(!findText(b->messages(alice), QStringLiteral("held")));
        QVERIFY(a->client->isHeld(bob));

        a->client->acceptIdentityChange(bob);
        QVERIFY(!a->client->isHeld(bob));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("held")), 20000);
    }

    void anUnverifiedContactsNewKeyOnlyShowsANotice()
    {
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("before")), 20000);
        startOverWithANewIdentity(*b, bob);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy changed(a->client.get(), &ChatClient::identityChanged);
        a->client->sendText(bob, QStringLiteral("not held"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("not held")), 20000);
        QVERIFY(!changed.isEmpty());
        QVERIFY(!a->client->isHeld(bob));
    }

    void theSendersTimeTravelsEncryptedAndIsShown()
    {
        // Issue 22.11: the time came only from the server; now the author's own clock,
        // inside the ciphertext, is stored and is what the conversation shows.
        const QString alice = nextName("alice"), bob = nextName("bob");
        auto a = device(alice);
        auto b = device(bob);
        QVERIFY(a && b);
        auto a2 = device(alice, a.get()); // alice's second device gets a sync copy
        QVERIFY(a2);
        a->client->sendText(bob, QStringLiteral("what time is it"));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(alice), QStringLiteral("what time is it")),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(findText(a2->messages(bob), QStringLiteral("what time is it")),
                                 20000);
        const qint64 written =
            findText(a->messages(bob), QStringLiteral("what time is it"))->senderTime;
        QVERIFY(written > 0);
        QCOMPARE(findText(b->messages(alice), QStringLiteral("what time is it"))->senderTime,
                 written);
        QCOMPARE(findText(a2->messages(bob), QStringLiteral("what time is it"))->senderTime,
                 written);
    }

    void aCopyEncryptedForSomeoneElseIsRejectedAsTampered()
    {
        const QString bob = nextName("bob");
        auto b = device(bob);
        QVERIFY(b);
        auto m = mallory(bob);
        QVERIFY(m);
        const QString from = m->raw->username();
        // Written to carol, relabelled by the server as a message to bob.
        const auto forCarol = crypto::encrypt(
            m->session, encodeContent({QStringLiteral("for carol only"), QStringLiteral("carol"),
                                       QDateTime::currentMSecsSinceEpoch()}));
        QVERIFY(forCarol);
        QVERIFY(deliver(*m, bob, forCarol.value()));
        QTRY_COMPARE_WITH_TIMEOUT(b->messages(from).size(), 1, 20000);
        const ChatMessage rejected = b->messages(from).at(0);
        QCOMPARE(rejected.kind, MessageKind::Undecryptable);
        QVERIFY2(rejected.text.contains(QStringLiteral("rejected")), qPrintable(rejected.text));
        QVERIFY(!rejected.text.contains(QStringLiteral("for carol only")));
        // Addressed to bob, it is read, with its author's time.
        const auto forBob = crypto::encrypt(
            m->session, encodeContent({QStringLiteral("for bob"), bob, 1'700'000'000'000}));
        QVERIFY(forBob);
        QVERIFY(deliver(*m, bob, forBob.value()));
        QTRY_VERIFY_WITH_TIMEOUT(findText(b->messages(from), QStringLiteral("for bob")), 20000);
        QCOMPARE(findText(b->messages(from), QStringLiteral("for bob"))->senderTime,
                 1'700'000'000'000);
    }

    void preKeyExhaustionFallsBackAndReplenishes()
    {
        const QString bob = nextName("bob");
        auto b = device(bob);
        QVERIFY(b); // its first keys_upload is answered (device())
        b->client->stop();

        RawClient claimer;
        QVERIFY(claimer.connectTo(m_server->url()));
        QVERIFY(claimer.registerUser(nextName("claimer"), QStringLiteral("correct horse")));
        const auto list = claimer.fetchKeys(bob);
        QVERIFY(list && list->devices.size() == 1);
        const quint64 bobDevice = quint64(list->devices[0].device);
        QSet<quint32> seen;
        for (int i = 0; i < 200; ++i) {
            const auto claimed = claimer.fetchKeys(bob, {bobDevice});
            QVERIFY(claimed && claimed->devices.size() == 1);
            const DeviceKeys &k = claimed->devices[0];
            QVERIFY(k.signedPreKeyId != 0);
            if (k.preKeyId == 0)
                break; // exhausted: only the signed prekey is left
            QVERIFY2(!seen.contains(k.preKeyId), "a one-time prekey was handed out twice");
            seen.insert(k.preKeyId);
        }
        QVERIFY(seen.size() >= 25);
        const auto empty = claimer.fetchKeys(bob, {bobDevice});
        QVERIFY(empty && empty->devices.size() == 1);
        QCOMPARE(empty->devices[0].preKeyId, 0u);

        // A new contact starts a session on the signed prekey alone; bob reads it.
        const QString alice = nextName("alice");
        auto a = device(alice);
        QVERIFY(a);
        a->client->sendText(bob, QStringLiteral("no one-time prekey left"));
        QTRY_COMPARE_WITH_TIMEOUT(a->messages(bob).at(0).state, DeliveryState::Sent, 20000);
        b->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            findText(b->messages(alice), QStringLiteral("no one-time prekey left")), 20000);

        // Bob's device saw an empty pool at login and filled it again.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto again = claimer.fetchKeys(bob, {bobDevice});
                return again && again->devices.size() == 1 && again->devices[0].preKeyId != 0 &&
                       !seen.contains(again->devices[0].preKeyId);
            }(),
            20000);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestE2e)
#include "tst_e2e.moc"
