// SPDX-License-Identifier: GPL-3.0-or-later
// The new device's side of a link code (issue 27): the code shown, the QR code it is
// drawn as, the linnet://link URL a scan gives back, and the request it files, which
// opens only with the same code.
#include "crypto/DeviceLink.h"
#include "crypto/Keys.h"
#include "crypto/Sodium.h"
#include "devices/NewDeviceLink.h"
#include "devices/QrCode.h"

#include <QtTest>

using namespace linnet;
using namespace linnet::client;

class TestLinkCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(crypto::initSodium()); }

    void aCodeIsShownInFourGroupsAndItsUrlGivesItBack()
    {
        const NewDeviceLink link = NewDeviceLink::create();
        const QString code = link.code();
        QCOMPARE(code.size(), 19);
        QCOMPARE(code.count(u'-'), 3);
        QVERIFY(crypto::parseLinkCode(code).has_value());
        QVERIFY(NewDeviceLink::create().code() != code); // random each time
        const QString url = link.qrText(QStringLiteral("anä"));
        QVERIFY(url.startsWith(QStringLiteral("linnet://link?user=an%C3%A4&code=")));
        QCOMPARE(linkCodeFrom(url), code);
        QCOMPARE(linkCodeFrom(QStringLiteral("  ") + code + QStringLiteral("\n")), code);
        QCOMPARE(linkCodeFrom(QStringLiteral("linnet://invite?code=XYZ")),
                 QStringLiteral("linnet://invite?code=XYZ")); // not a link: left to the parser
    }

    void theRequestOpensOnlyWithTheSameCode()
    {
        const NewDeviceLink link = NewDeviceLink::create();
        const auto identity = crypto::IdentityKeyPair::generate();
        const auto request =
            link.request(7, QStringLiteral("ana"), identity.publicKey(), QStringLiteral("Laptop"));
        QCOMPARE(request.requestId, 7u);
        QCOMPARE(request.deviceName, QStringLiteral("Laptop"));
        const auto secret = crypto::parseLinkCode(link.code());
        QVERIFY(secret);
        QCOMPARE(request.lookup, crypto::linkLookup(*secret));
        const auto opened =
            crypto::openLinkRequest(crypto::linkKey(*secret), request.lookup, request.sealed);
        QVERIFY(opened);
        QCOMPARE(opened->identityKey, identity.publicKey());
        QCOMPARE(opened->deviceName, QStringLiteral("Laptop"));
        const auto other = crypto::parseLinkCode(NewDeviceLink::create().code());
        QVERIFY(!crypto::openLinkRequest(crypto::linkKey(*other), request.lookup, request.sealed));

        // The approval the other side seals opens here and gives the account key.
        const auto account = crypto::IdentityKeyPair::generate();
        protocol::LinkSealed sealed{
            7, crypto::sealLinkApproval(crypto::linkKey(*secret), request.lookup, account)};
        const auto got = link.open(sealed);
        QVERIFY(got);
        QCOMPARE(got->publicKey(), account.publicKey());
        sealed.sealed[sealed.sealed.size() - 1] ^= 1; // damaged on the way
        QVERIFY(!link.open(sealed));
        QVERIFY(!NewDeviceLink::create().open(
            {7, crypto::sealLinkApproval(crypto::linkKey(*secret), request.lookup, account)}));
    }

    void theQrCodeHasItsFinderPatterns()
    {
        const QrCode qr = QrCode::encode(
            NewDeviceLink::create().qrText(QStringLiteral("a-rather-long-user-name")));
        QVERIFY(!qr.isNull());
        QCOMPARE((qr.size() - 21) % 4, 0); // 21, 25, 29...
        QVERIFY(qr.size() > 21);           // about 70 bytes do not fit version 1
        // A finder pattern in three corners: a dark ring, a light ring, a dark 3×3 core.
        for (const auto &[x0, y0] : {std::pair{0, 0}, {qr.size() - 7, 0}, {0, qr.size() - 7}}) {
            QVERIFY(qr.module(x0, y0) && qr.module(x0 + 6, y0 + 6));
            QVERIFY(!qr.module(x0 + 1, y0 + 1) && !qr.module(x0 + 5, y0 + 5));
            QVERIFY(qr.module(x0 + 3, y0 + 3));
        }
        QVERIFY(!qr.module(-1, 0) && !qr.module(0, qr.size())); // outside: light
        QVERIFY(QrCode::encode(QString(5000, u'x')).isNull());  // more than a QR code holds
    }
};

QTEST_GUILESS_MAIN(TestLinkCode)
#include "tst_linkcode.moc"
