// SPDX-License-Identifier: GPL-3.0-or-later
// GroupMessaging without a server: a 300-member group gets this device's sender
// key in group_keys frames of at most 256 copies, the message waits for every
// ok, holders are not sent the key again, a new member gets only its own copy,
// and a rotation sends a new key to everyone.
#include "e2e/CryptoStore.h"
#include "e2e/E2eSessions.h"
#include "groups/GroupMessaging.h"
#include "groups/LocalGroupStore.h"
#include "store/LocalStore.h"
#include "e2e/MemorySecretStore.h"
#include "e2e/OwnKeys.h"
#include "TestBase.h"
#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"
#include "protocol/Limits.h"

#include <QHash>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
namespace crypto = linnet::crypto;

class TestGroupMessaging : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalStore> m_store;
    MemorySecretStore m_secrets;
    std::unique_ptr<CryptoStore> m_crypto;
    std::unique_ptr<OwnKeys> m_keys;
    std::unique_ptr<E2eSessions> m_e2e;
    std::unique_ptr<LocalGroupStore> m_groups;
    std::unique_ptr<GroupMessaging> m_messaging;
    QList<Frame> m_sent;
    QList<KeysRequest> m_keyRequests;
    quint32 m_nextId = 0;
    Group m_group;
    QHash<QString, crypto::IdentityKeyPair> m_identities;

    /** A user with one device whose keys (and a bundle) the server has just listed. */
    void addUser(const QString &user, qint64 device)
    {
        const auto identity = crypto::IdentityKeyPair::generate();
        const auto signedPreKey = crypto::generateSignedPreKey(identity, 1, 1);
        DeviceKeys keys;
        keys.device = device;
        keys.registrationId = quint32(device);
        keys.identity = identity.publicKey();
        keys.signedPreKeyId = 1;
        keys.signedPreKey = signedPreKey.pair.publicKey;
        keys.signature = signedPreKey.signature;
        // Certified by the user's account key: only such devices get anything.
        const auto account = crypto::IdentityKeyPair::generate();
        keys.deviceSignature = crypto::signDevice(account, user, device, keys.identity);
        m_e2e->applyKeys(KeysReply{0, user, {keys}, account.publicKey()}, 1);
        m_group.members.append(GroupMember{user, false});
        m_identities.insert(user, identity);
    }

    /** A sender_key copy of @p key for group 9 from @p from's @p device, in a new session
     *  that @p identity starts with this device (a prekey envelope, as a first copy is). */
    SenderKeyCopy senderKeyCopy(const QString &from, qint64 device,
                                const crypto::IdentityKeyPair &identity,
                                const crypto::OwnSenderKey &key)
    {
        const KeysUpload own = m_keys->buildUpload(0, 1000, 1);
        const crypto::PreKeyBundle bundle{
            own.identity, own.signedPreKeyId, own.signedPreKey, own.signature, 0, {}};
        crypto::SessionRecord record;
        if (!crypto::initiateSession(record, identity, bundle))
            return {};
        const auto envelope =
            crypto::encrypt(record, GroupMessaging::distributionPayload(9, key.distribution()));
        return envelope ? SenderKeyCopy{0, 9, from, device, envelope.value()} : SenderKeyCopy{};
    }

    /** Whether this device now reads group 9 messages of @p key from @p from's @p device. */
    bool reads(const QString &from, qint64 device, crypto::OwnSenderKey key)
    {
        const auto body = key.encrypt("hi", GroupMessaging::associatedData(9, device, from));
        return body && m_messaging->tryOpen(9, from, device, body.value()).ok;
    }

    GroupMessaging::Outcome send(const MessageId &id)
    {
        return m_messaging->send(OutboxItem{id, m_group.key, "hello", 5, 0}, ++m_nextId).outcome;
    }

    QList<GroupKeys> takeKeyFrames()
    {
        QList<GroupKeys> out;
        for (const Frame &f : std::as_const(m_sent))
            if (const auto *k = std::get_if<GroupKeys>(&f))
                out << *k;
        m_sent.clear();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open());
        m_crypto = std::make_unique<CryptoStore>(*m_store);
        m_keys = std::make_unique<OwnKeys>(m_secrets, *m_crypto);
        QVERIFY(m_keys->load(1));
        m_e2e = std::make_unique<E2eSessions>(*m_crypto, *m_keys);
        m_e2e->setSelf(QStringLiteral("me"), 1);
        m_e2e->applyKeys(KeysReply{0, QStringLiteral("me"), {}, {}}, 1); // no other devices
        m_groups = std::make_unique<LocalGroupStore>(*m_store);
        m_messaging = std::make_unique<GroupMessaging>(
            *m_store, *m_crypto, *m_e2e, *m_groups,
            [this](const Frame &f) {
                m_sent << f;
                return true;
            },
            [this] { return ++m_nextId; }, [this](const KeysRequest &r) { m_keyRequests << r; });
        m_messaging->setSelf(QStringLiteral("me"), 1);
        m_group = Group{
            groupKey(9), 9, QStringLiteral("big"), {GroupMember{QStringLiteral("me"), true}}, true};
        for (int i = 1; i < 300; ++i)
            addUser(QStringLiteral("user%1").arg(i, 3, 10, QLatin1Char('0')), 100 + i);
        QVERIFY(m_groups->saveGroup(m_group, 1));
    }

    void keysGoFirstInChunks()
    {
        const MessageId first = MessageId::generate();
        QCOMPARE(send(first), GroupMessaging::Outcome::Waiting);
        QVERIFY(m_keyRequests.isEmpty()); // every list and session is there already
        const auto frames = takeKeyFrames();
        QCOMPARE(frames.size(), 2);
        QCOMPARE(frames.at(0).copies.size(), kMaxKeyCopies);
        QCOMPARE(frames.at(1).copies.size(), 299 - kMaxKeyCopies);
        QSet<qint64> devices;
        for (const auto &f : frames) {
            QCOMPARE(f.conversation, 9);
            for (const auto &c : f.copies)
                devices.insert(c.device);
        }
        QCOMPARE(devices.size(), 299);
        QVERIFY(!devices.contains(1)); // never to this device itself

        // Nothing more until both are confirmed; no key sent twice meanwhile.
        QCOMPARE(send(first), GroupMessaging::Outcome::Waiting);
        QVERIFY(m_sent.isEmpty());
        QVERIFY(!m_messaging->onOk(Ok{12345}));
        QVERIFY(m_messaging->onOk(Ok{frames.at(0).requestId}));
        QCOMPARE(send(first), GroupMessaging::Outcome::Waiting);
        QVERIFY(m_sent.isEmpty());
        QVERIFY(m_messaging->onOk(Ok{frames.at(1).requestId}));

        QCOMPARE(send(first), GroupMessaging::Outcome::Sent);
        QCOMPARE(m_sent.size(), 1);
        const auto *request = std::get_if<SendRequest>(&m_sent.first());
        QVERIFY(request);
        QCOMPARE(request->id, first);
        QCOMPARE(request->group, 9);
        QVERIFY(request->to.isEmpty() && request->copies.isEmpty());
        QVERIFY(crypto::senderKeyIdOf(request->body).has_value());
        const quint32 keyId = *crypto::senderKeyIdOf(request->body);
        m_sent.clear();

        // Everyone holds it: the next message goes straight out, same key.
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Sent);
        QCOMPARE(m_sent.size(), 1);
        QCOMPARE(*crypto::senderKeyIdOf(std::get<SendRequest>(m_sent.first()).body), keyId);
        m_sent.clear();

        // A new member: only its device gets the (current) key.
        addUser(QStringLiteral("late"), 999);
        QVERIFY(m_groups->saveGroup(m_group, 2));
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Waiting);
        auto late = takeKeyFrames();
        QCOMPARE(late.size(), 1);
        QCOMPARE(late.first().copies.size(), 1);
        QCOMPARE(late.first().copies.first().device, 999);
        QVERIFY(m_messaging->onOk(Ok{late.first().requestId}));
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Sent);
        QCOMPARE(*crypto::senderKeyIdOf(std::get<SendRequest>(m_sent.first()).body), keyId);
        m_sent.clear();

        // Someone left: a new key, to everyone again; an ok for the old key does not count.
        m_messaging->rotate(9);
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Waiting);
        const auto rotated = takeKeyFrames();
        QCOMPARE(rotated.size(), 2);
        QCOMPARE(rotated.at(0).copies.size() + rotated.at(1).copies.size(), 300);
        QVERIFY(m_messaging->onOk(Ok{rotated.at(0).requestId}));
        QVERIFY(m_messaging->onOk(Ok{rotated.at(1).requestId}));
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Sent);
        QVERIFY(*crypto::senderKeyIdOf(std::get<SendRequest>(m_sent.first()).body) != keyId);
        m_sent.clear();
    }

    void refusedDistributionIsSentAgain()
    {
        m_messaging->rotate(9);
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Waiting);
        const auto frames = takeKeyFrames();
        QCOMPARE(frames.size(), 2);
        QVERIFY(!m_messaging->onError(ErrorFrame{4242, ErrorCode::RateLimited, {}, {}}));
        QCOMPARE(
            m_messaging->onError(ErrorFrame{
                frames.at(1).requestId, ErrorCode::RateLimited, QStringLiteral("slow down"), {}}),
            std::optional<qint64>(9));
        // The whole distribution again (the first chunk's ok never counted).
        QVERIFY(!m_messaging->onOk(Ok{frames.at(0).requestId}));
        QCOMPARE(send(MessageId::generate()), GroupMessaging::Outcome::Waiting);
        const auto again = takeKeyFrames();
        QCOMPARE(again.size(), 2);
        QCOMPARE(again.at(0).copies.size() + again.at(1).copies.size(), 300);
    }

    void aMembersSenderKeyIsKept()
    {
        const auto key = crypto::OwnSenderKey::generate();
        const QString user = QStringLiteral("user001");
        QVERIFY(
            m_messaging->onSenderKey(senderKeyCopy(user, 101, m_identities.value(user), key), 2));
        QVERIFY(reads(user, 101, key));
    }

    void aSenderKeyFromANewIdentityOfAKnownDeviceIsRefused()
    {
        // Issue 22.8: the sender-key path accepted it and replaced the stored identity, so
        // the next one-to-one messages went to the new key without a notice.
        const QString user = QStringLiteral("user002");
        const auto before = m_crypto->device(user, 102);
        QVERIFY(before);
        const QByteArray session = m_crypto->session(user, 102)->serialize();
        const auto key = crypto::OwnSenderKey::generate();
        const auto other = crypto::IdentityKeyPair::generate();
        QVERIFY(!m_messaging->onSenderKey(senderKeyCopy(user, 102, other, key), 2));
        QVERIFY(!reads(user, 102, key));
        QCOMPARE(m_crypto->device(user, 102), before); // the known identity stays
        QCOMPARE(m_crypto->session(user, 102)->serialize(), session);
    }

    void aSenderKeyFromSomeoneNotInTheGroupIsRefused()
    {
        const auto key = crypto::OwnSenderKey::generate();
        const auto stranger = crypto::IdentityKeyPair::generate();
        QVERIFY(!m_messaging->onSenderKey(
            senderKeyCopy(QStringLiteral("stranger"), 5000, stranger, key), 2));
        QVERIFY(!reads(QStringLiteral("stranger"), 5000, key));
        QVERIFY(!m_crypto->device(QStringLiteral("stranger"), 5000));
        QVERIFY(!m_crypto->session(QStringLiteral("stranger"), 5000));
    }

    void notAMemberFails()
    {
        Group gone = m_group;
        gone.member = false;
        QVERIFY(m_groups->saveGroup(gone, 3));
        const auto prepared =
            m_messaging->send(OutboxItem{MessageId::generate(), m_group.key, "x", 5, 0}, 1);
        QCOMPARE(prepared.outcome, GroupMessaging::Outcome::Failed);
        QVERIFY(!prepared.error.isEmpty());
        QVERIFY(m_sent.isEmpty());
    }

    void cleanupTestCase()
    {
        m_messaging.reset();
        m_groups.reset();
        m_e2e.reset();
        m_keys.reset();
        m_crypto.reset();
        m_store.reset();
    }
};

QTEST_GUILESS_MAIN(TestGroupMessaging)
#include "tst_groupmessaging.moc"
