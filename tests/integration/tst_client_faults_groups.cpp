// SPDX-License-Identifier: GPL-3.0-or-later
// A group member whose database refuses writes (as on a full disk, issue 29): neither the
// sender's key nor the group message is acknowledged unless stored, so both come again
// and the message opens once there is room. Real ChatClients against the real server.
#include "GroupClientTestSupport.h"
#include "SqlTestHelpers.h"

using namespace linnet::test;
using namespace linnet::test::groups;

class TestClientFaultsGroups : public ClientGroupsTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void aSenderKeyAndGroupMessageThatCannotBeStoredComeAgainAndOpen()
    {
        auto p = members(QStringLiteral("fault"), 2);
        QCOMPARE(p.size(), size_t(2));
        Member &ana = *p[0];
        Member &ben = *p[1];
        const QString key = createGroup(ana, {&ben}, QStringLiteral("full disk"));
        QVERIFY(!key.isEmpty());

        // Ben's database takes neither sender keys nor messages, as on a full disk.
        const QSqlDatabase db = ben.store->database();
        QVERIFY(refuseWrites(db, QStringLiteral("received_sender_keys")));
        QVERIFY(refuseWrites(db, QStringLiteral("messages")));
        QSignalSpy errors(ben.client.get(), &ChatClient::errorOccurred);
        const QString text = QStringLiteral("the first words in the group");
        const MessageId id = ana.client->sendText(key, text);
        QVERIFY(!id.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 3, kTimeout); // refused, asked again, ...
        QStringList reasons;
        for (const auto &args : std::as_const(errors))
            reasons << args.at(1).toString();
        QVERIFY2(!reasons.filter(QStringLiteral("refused by the test")).isEmpty(),
                 qPrintable(reasons.join(QLatin1Char('\n'))));
        QVERIFY(!ben.find(key, text));

        // Room again: the key comes again before the message, and the message opens.
        QVERIFY(allowWrites(db, QStringLiteral("messages")));
        QVERIFY(allowWrites(db, QStringLiteral("received_sender_keys")));
        QTRY_COMPARE_WITH_TIMEOUT(ben.countText(key, text), 1, kTimeout);
        // Once, and as text: not an undecryptable placeholder next to it.
        for (const auto &m : ben.messages(key))
            QVERIFY2(m.kind != MessageKind::Undecryptable, qPrintable(m.text));
        QVERIFY(!ana.client->sendText(key, QStringLiteral("and the next")).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(ben.countText(key, QStringLiteral("and the next")), 1, kTimeout);
    }
};

QTEST_GUILESS_MAIN(TestClientFaultsGroups)
#include "tst_client_faults_groups.moc"
