// SPDX-License-Identifier: GPL-3.0-or-later
// The account identity key and device certificates on the real linnet-server (issue 27,
// docs/protocol.md keys_upload): the first certified upload sets the account's key, the
// server refuses a certificate that does not verify and another account key, hands both
// out with the device list, and asks a send for copies of certified devices only once
// the account has a key. A login that starts over with the account removes every device
// and the key (issue 27).
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
namespace crypto = linnet::crypto;

namespace {

/** A device's key set, certified by @p account for @p device of @p user when given. */
KeysUpload keySet(const crypto::IdentityKeyPair &identity, quint32 requestId,
                  const crypto::IdentityKeyPair *account = nullptr, const QString &user = {},
                  qint64 device = 0)
{
    const auto spk = crypto::generateSignedPreKey(identity, 1, 0);
    KeysUpload u;
    u.requestId = requestId;
    u.identity = identity.publicKey();
    u.registrationId = 4242;
    u.signedPreKeyId = spk.id;
    u.signedPreKey = spk.pair.publicKey;
    u.signature = spk.signature;
    if (account) {
        u.accountKey = account->publicKey();
        u.deviceSignature = crypto::signDevice(*account, user, device, u.identity);
    }
    return u;
}

/** The server's answer to @p upload: 0 when stored, else the error code. */
int uploadResult(RawClient &c, const KeysUpload &upload)
{
    c.send(upload);
    if (c.replyTo<PreKeyCount>(upload.requestId))
        return 0;
    const auto error = c.takeError(upload.requestId);
    return error ? int(error->code) : -1;
}

/** A login with start_over (docs/protocol.md 4.2). */
LoginRequest startOverLogin(quint32 requestId, const QString &user, const QString &password)
{
    LoginRequest login{requestId, user, password, QStringLiteral("fresh")};
    login.startOver = true;
    return login;
}

const DeviceKeys *listed(const KeysReply &reply, qint64 device)
{
    for (const DeviceKeys &d : reply.devices)
        if (d.device == device)
            return &d;
    return nullptr;
}

} // namespace

class TestServerDevices : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    /** A new account whose one device is certified by @p account. */
    Device certifiedUser(const QString &prefix, const crypto::IdentityKeyPair &account)
    {
        return certified(registerDevice(*m_server, m_names.next(prefix)), account);
    }

    /** @p d after it uploaded keys certified by @p account (deviceId 0 if refused). */
    Device certified(Device d, const crypto::IdentityKeyPair &account)
    {
        if (d.deviceId == 0 ||
            uploadResult(*d.client, keySet(crypto::IdentityKeyPair::generate(), d->nextRequestId(),
                                           &account, d.name, d.deviceId)) != 0)
            d.deviceId = 0;
        return d;
    }

    /**
     * A new account with two devices, the first certified by @p account: the second signs
     * in by password before the account has a key (afterwards a password alone adds no
     * device: 423, tst_linked_devices), so it holds no certificate. {first, second}.
     */
    std::pair<Device, Device>
    certifiedUserWithABareSecondDevice(const QString &prefix,
                                       const crypto::IdentityKeyPair &account)
    {
        Device first = registerDevice(*m_server, m_names.next(prefix));
        Device second = loginDevice(*m_server, first.name);
        return {certified(std::move(first), account), std::move(second)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void theFirstCertifiedUploadSetsTheAccountKeyThatAuthAndKeysHandOut()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        Device ana = certifiedUser(QStringLiteral("ana"), account);
        QVERIFY(ana.deviceId);
        const auto keys = ana->fetchKeys(ana.name);
        QVERIFY(keys);
        QCOMPARE(keys->accountKey, account.publicKey());
        const DeviceKeys *own = listed(*keys, ana.deviceId);
        QVERIFY(own);
        QVERIFY(crypto::verifyDevice(keys->accountKey, ana.name, ana.deviceId, own->identity,
                                     own->deviceSignature));
        // Every later connection is told the key in auth_ok.
        auto again = connectedClient(*m_server);
        QVERIFY(again);
        const auto ok = again->auth(ana.deviceId, ana.token);
        QVERIFY(ok);
        QCOMPARE(ok->accountKey, account.publicKey());
    }

    void anAccountWithoutAKeyIsSaidToHaveNone()
    {
        Device ben = registerDevice(*m_server, m_names.next(QStringLiteral("ben")));
        QVERIFY(ben.deviceId); // RawClient uploaded keys without a certificate
        const auto keys = ben->fetchKeys(ben.name);
        QVERIFY(keys);
        QVERIFY(keys->accountKey.isEmpty());
        QVERIFY(listed(*keys, ben.deviceId)->deviceSignature.isEmpty());
        auto again = connectedClient(*m_server);
        QVERIFY(again);
        QVERIFY(again->auth(ben.deviceId, ben.token)->accountKey.isEmpty());
    }

    void aCertificateThatDoesNotVerifyIsRefusedAndSetsNothing_data()
    {
        QTest::addColumn<int>("flaw");
        QTest::newRow("another device id") << 0;
        QTest::newRow("another user") << 1;
        QTest::newRow("a flipped bit") << 2;
        QTest::newRow("signed by the device key") << 3;
    }
    void aCertificateThatDoesNotVerifyIsRefusedAndSetsNothing()
    {
        QFETCH(int, flaw);
        Device cy = registerDevice(*m_server, m_names.next(QStringLiteral("cy")));
        QVERIFY(cy.deviceId);
        const auto account = crypto::IdentityKeyPair::generate();
        const auto identity = crypto::IdentityKeyPair::generate();
        KeysUpload u = keySet(identity, cy->nextRequestId(), &account,
                              flaw == 1 ? QStringLiteral("someone") : cy.name,
                              flaw == 0 ? cy.deviceId + 1 : cy.deviceId);
        if (flaw == 2)
            u.deviceSignature[5] = char(u.deviceSignature[5] ^ 0x10);
        if (flaw == 3)
            u.deviceSignature = identity.sign(crypto::deviceCertificateStatement(
                account.publicKey(), cy.name, cy.deviceId, identity.publicKey()));
        QCOMPARE(uploadResult(*cy.client, u), int(ErrorCode::InvalidField));
        const auto keys = cy->fetchKeys(cy.name);
        QVERIFY(keys);
        QVERIFY(keys->accountKey.isEmpty());
        QVERIFY(listed(*keys, cy.deviceId)->identity != identity.publicKey());
    }

    void anotherAccountKeyIsRefused()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        auto [dan, dan2] = certifiedUserWithABareSecondDevice(QStringLiteral("dan"), account);
        QVERIFY(dan.deviceId);
        QVERIFY(dan2.deviceId);
        const auto other = crypto::IdentityKeyPair::generate();
        QCOMPARE(uploadResult(*dan2.client,
                              keySet(crypto::IdentityKeyPair::generate(), dan2->nextRequestId(),
                                     &other, dan2.name, dan2.deviceId)),
                 int(ErrorCode::InvalidField));
        QCOMPARE(dan->fetchKeys(dan.name)->accountKey, account.publicKey());
        // The account's own key certifies the second device.
        QCOMPARE(uploadResult(*dan2.client,
                              keySet(crypto::IdentityKeyPair::generate(), dan2->nextRequestId(),
                                     &account, dan2.name, dan2.deviceId)),
                 0);
        const auto keys = dan->fetchKeys(dan.name);
        QVERIFY(!listed(*keys, dan2.deviceId)->deviceSignature.isEmpty());
    }

    void aCertificateStaysWithItsIdentityOnly()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        Device eve = registerDevice(*m_server, m_names.next(QStringLiteral("eve")));
        QVERIFY(eve.deviceId);
        const auto identity = crypto::IdentityKeyPair::generate();
        QCOMPARE(uploadResult(*eve.client, keySet(identity, eve->nextRequestId(), &account,
                                                  eve.name, eve.deviceId)),
                 0);
        // A top-up restates the identity without the certificate: it stays.
        QCOMPARE(uploadResult(*eve.client, keySet(identity, eve->nextRequestId())), 0);
        QVERIFY(!listed(*eve->fetchKeys(eve.name), eve.deviceId)->deviceSignature.isEmpty());
        // A new identity without one: the old certificate does not carry over.
        QCOMPARE(uploadResult(*eve.client,
                              keySet(crypto::IdentityKeyPair::generate(), eve->nextRequestId())),
                 0);
        QVERIFY(listed(*eve->fetchKeys(eve.name), eve.deviceId)->deviceSignature.isEmpty());
    }

    void onceAnAccountHasAKeyItsUncertifiedDevicesNeedNoCopy()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        // A device that signed in by password and uploaded keys no account key certified.
        auto [fay, fay2] = certifiedUserWithABareSecondDevice(QStringLiteral("fay"), account);
        QVERIFY(fay.deviceId);
        QVERIFY(fay2.deviceId);
        Device gus = registerDevice(*m_server, m_names.next(QStringLiteral("gus")));
        QVERIFY(gus.deviceId);

        const auto keys = gus->fetchKeys(fay.name);
        QVERIFY(listed(*keys, fay2.deviceId)); // listed, for peers to see and warn about
        SendRequest send{gus->nextRequestId(),
                         MessageId::generate(),
                         fay.name,
                         {DeviceCopy{fay.deviceId, 4242, QByteArray(80, 'x')}}};
        gus->send(send);
        const auto ack = gus->replyTo<SendAck>(send.requestId);
        QVERIFY2(ack, "a send without a copy for the uncertified device was refused");
        // A copy for it is not asked for, and one given is refused like any stranger's.
        send.requestId = gus->nextRequestId();
        send.id = MessageId::generate();
        send.copies.append(DeviceCopy{fay2.deviceId, listed(*keys, fay2.deviceId)->registrationId,
                                      QByteArray(80, 'y')});
        gus->send(send);
        QVERIFY(!gus->replyTo<SendAck>(send.requestId));
        QCOMPARE(int(gus->takeError(send.requestId)->code), int(ErrorCode::DevicesChanged));
    }

    // --- starting over with an account (login start_over) ----------------------------

    void aLoginThatStartsOverRevokesEveryDeviceAndForgetsTheAccountKey()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        auto [hal, hal2] = certifiedUserWithABareSecondDevice(QStringLiteral("hal"), account);
        QVERIFY(hal.deviceId);
        QVERIFY(hal2.deviceId);
        auto fresh = connectedClient(*m_server);
        QVERIFY(fresh);
        const quint32 r = fresh->nextRequestId();
        fresh->send(startOverLogin(r, hal.name, kTestPassword));
        const auto ok = fresh->replyTo<AuthOk>(r, 30000);
        QVERIFY(ok);
        QVERIFY(ok->accountKey.isEmpty()); // this device makes the new one
        QCOMPARE(ok->token.size(), 32);
        QVERIFY(ok->deviceId != hal.deviceId && ok->deviceId != hal2.deviceId);

        // Each old device's live connection is told and closed, and its token fails.
        for (Device *old : {&hal, &hal2}) {
            const auto told = old->client->waitFor<ErrorFrame>(10000);
            QVERIFY(told);
            QCOMPARE(told->code, ErrorCode::DeviceRevoked);
            QVERIFY(old->client->waitForDisconnected());
            auto again = connectedClient(*m_server);
            QVERIFY(again);
            const quint32 a = again->nextRequestId();
            again->send(AuthRequest{a, old->deviceId, old->token});
            QVERIFY(!again->replyTo<AuthOk>(a));
            QCOMPARE(int(again->takeError(a)->code), int(ErrorCode::DeviceRevoked));
        }
        // A new account key is taken (the old one is gone), and only the new device is listed.
        const auto newAccount = crypto::IdentityKeyPair::generate();
        QCOMPARE(
            uploadResult(*fresh, keySet(crypto::IdentityKeyPair::generate(), fresh->nextRequestId(),
                                        &newAccount, hal.name, ok->deviceId)),
            0);
        const auto keys = fresh->fetchKeys(hal.name);
        QVERIFY(keys);
        QCOMPARE(keys->accountKey, newAccount.publicKey());
        QCOMPARE(keys->devices.size(), 1);
        QCOMPARE(keys->devices.first().device, ok->deviceId);
        // After that a password alone adds no device again (423).
        auto another = connectedClient(*m_server);
        QVERIFY(another);
        const quint32 l = another->nextRequestId();
        another->send(LoginRequest{l, hal.name, kTestPassword, QStringLiteral("later")});
        QVERIFY(!another->replyTo<AuthOk>(l, 30000));
        QCOMPARE(int(another->takeError(l)->code), int(ErrorCode::LinkRequired));
    }

    void aSendToTheDevicesOfAnAccountThatStartedOverIsToldTheyChanged()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        Device ivy = certifiedUser(QStringLiteral("ivy"), account);
        Device jon = registerDevice(*m_server, m_names.next(QStringLiteral("jon")));
        QVERIFY(ivy.deviceId);
        QVERIFY(jon.deviceId);
        QVERIFY(jon->fetchKeys(ivy.name)); // jon knows ivy's old device
        auto fresh = connectedClient(*m_server);
        QVERIFY(fresh);
        const quint32 r = fresh->nextRequestId();
        fresh->send(startOverLogin(r, ivy.name, kTestPassword));
        QVERIFY(fresh->replyTo<AuthOk>(r, 30000));
        // A copy for the old device is never stored: the sender must fetch the list again.
        SendRequest send{jon->nextRequestId(),
                         MessageId::generate(),
                         ivy.name,
                         {DeviceCopy{ivy.deviceId, 4242, QByteArray(80, 'x')}}};
        jon->send(send);
        QVERIFY(!jon->replyTo<SendAck>(send.requestId));
        QCOMPARE(int(jon->takeError(send.requestId)->code), int(ErrorCode::DevicesChanged));
    }

    void aWrongPasswordThatWouldStartOverIsRefusedAndRemovesNothing()
    {
        const auto account = crypto::IdentityKeyPair::generate();
        Device kim = certifiedUser(QStringLiteral("kim"), account);
        QVERIFY(kim.deviceId);
        auto fresh = connectedClient(*m_server);
        QVERIFY(fresh);
        const quint32 r = fresh->nextRequestId();
        fresh->send(startOverLogin(r, kim.name, QStringLiteral("wrong horse battery")));
        QVERIFY(!fresh->replyTo<AuthOk>(r, 30000));
        QCOMPARE(int(fresh->takeError(r)->code), int(ErrorCode::BadCredentials));
        // The device, its connection and the account key are as they were.
        const auto keys = kim->fetchKeys(kim.name);
        QVERIFY(keys);
        QCOMPARE(keys->accountKey, account.publicKey());
        QVERIFY(listed(*keys, kim.deviceId));
        QVERIFY(kim->isConnected());
        auto again = connectedClient(*m_server);
        QVERIFY(again);
        QVERIFY(again->auth(kim.deviceId, kim.token));
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerDevices)
#include "tst_server_devices.moc"
