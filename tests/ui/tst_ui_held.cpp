// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation of a verified contact whose security code changed: messages wait,
// and the view offers "Accept new security code" until the user does (Issue 22.9).
// tst_e2e drives the held state itself through a real server and a real key change.
#include "Profile.h"
#include "ConversationView.h"
#include "store/LocalStore.h"
#include "e2e/MemorySecretStore.h"
#include "TestBase.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet;

class TstUiHeld : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void aHeldConversationOffersToAcceptTheNewSecurityCode()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        client::Profile session(dir.path(), std::make_unique<client::MemorySecretStore>(),
                                client::ChatClient::Options{});
        QVERIFY(session.open().ok());
        // What the engine records when a verified contact's code changes.
        session.store().setSetting(QStringLiteral("e2e/held/bob"), QStringLiteral("1"));
        QVERIFY(session.client().isHeld(QStringLiteral("bob")));

        ui::ConversationView view(session);
        view.resize(800, 600);
        view.show();
        view.setConversation(QStringLiteral("bob"));
        auto *banner = view.findChild<QWidget *>(QStringLiteral("heldBanner"));
        auto *accept = view.findChild<QPushButton *>(QStringLiteral("acceptSecurityCodeButton"));
        QVERIFY(banner && accept);
        QVERIFY(banner->isVisible());
        QCOMPARE(accept->text(), QStringLiteral("Accept new security code"));

        QSignalSpy changed(&session.client(), &client::ChatClient::heldChanged);
        QTest::mouseClick(accept, Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(1).toBool(), false);
        QVERIFY(!session.client().isHeld(QStringLiteral("bob")));
        QVERIFY(!banner->isVisible());

        // Another contact, never held: no banner.
        view.setConversation(QStringLiteral("carol"));
        QVERIFY(!banner->isVisible());
    }
};

QTEST_MAIN(TstUiHeld)
#include "tst_ui_held.moc"
