// SPDX-License-Identifier: GPL-3.0-or-later
// Edits and deletes (issue 30) through the real server with real engines: an edit and a
// delete for everyone reach the peer and the author's other devices, in one-to-one chats
// and groups; only the author may, and only within the window (the sender's engine
// refuses, a receiver ignores a late one); one that comes before its message waits for
// it; delete for me stays on this device.
#include "E2eTestSupport.h"
#include "GroupClientTestSupport.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

#include <algorithm>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

namespace {

std::optional<ChatMessage> byId(const QList<ChatMessage> &messages, const MessageId &id)
{
    for (const ChatMessage &m : messages)
        if (m.id == id)
            return m;
    return std::nullopt;
}

/** Moves the author's time of @p id in @p store @p agoMs into the past (an old message). */
bool writtenAgo(LocalStore &store, const MessageId &id, qint64 agoMs)
{
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("UPDATE messages SET sender_time = :t WHERE id = :id"));
    q.bindValue(QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - agoMs);
    q.bindValue(QStringLiteral(":id"), id.toBytes());
    return q.exec() && q.numRowsAffected() == 1;
}

int rowsOfKind(LocalStore &store, MessageKind kind)
{
    QSqlQuery q(store.database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages WHERE kind = %1").arg(int(kind))) &&
                   q.next()
               ? q.value(0).toInt()
               : -1;
}

qsizetype invalidFieldErrors(const QSignalSpy &spy)
{
    return std::count_if(spy.cbegin(), spy.cend(), [](const auto &args) {
        return args.at(0).template value<ErrorCode>() == ErrorCode::InvalidField;
    });
}

} // namespace

class TestMessageEdits : public ClientGroupsTest {
    Q_OBJECT

    std::unique_ptr<linnet::test::Profile> device(const QString &name, bool login,
                                                  linnet::test::Profile *approvedBy = nullptr)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      login, approvedBy);
    }
    QString name(const char *prefix)
    {
        return QString::fromLatin1(prefix) + QString::number(++m_counter);
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void anEditReachesThePeerAndTheAuthorsOtherDevice()
    {
        const QString anaName = name("edit"), benName = name("edit");
        auto ana = device(anaName, false);
        QVERIFY(ana);
        auto anaLaptop = device(anaName, true, ana.get());
        auto ben = device(benName, false);
        QVERIFY(anaLaptop && ben);
        const MessageId plan = ana->client->sendText(benName, QStringLiteral("see you at 8"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(plan).has_value(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(anaLaptop->store->message(plan).has_value(), kTimeout);
        QSignalSpy benActions(ben->client.get(), &ChatClient::actionAdded);
        QSignalSpy benMessages(ben->client.get(), &ChatClient::messageAdded);

        const MessageId edit = ana->client->editMessage(plan, QStringLiteral("see you at 9"));
        QVERIFY(!edit.isNull());
        QCOMPARE(ana->store->message(plan)->text, QStringLiteral("see you at 9")); // at once
        QVERIFY(ana->store->message(plan)->editedAt != 0);
        for (auto *p : {ben.get(), anaLaptop.get()}) {
            QTRY_COMPARE_WITH_TIMEOUT(p->store->message(plan)->text, QStringLiteral("see you at 9"),
                                      kTimeout);
            QVERIFY(p->store->message(plan)->editedAt != 0);
            const QString chat = p == ben.get() ? anaName : benName;
            QCOMPARE(p->store->messageCount(chat), 1); // no message of its own
            QCOMPARE(p->store->conversation(chat)->lastMessage, QStringLiteral("see you at 9"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!benActions.isEmpty(), kTimeout);
        QCOMPARE(benActions.first().at(0).value<ChatMessage>().target, plan);
        QVERIFY(benMessages.isEmpty());
        QCOMPARE(ben->store->conversation(anaName)->unread, 1); // the message, not the edit
    }

    void aDeleteForEveryoneLeavesDeletedOnEveryDevice()
    {
        const QString anaName = name("del"), benName = name("del");
        auto ana = device(anaName, false);
        QVERIFY(ana);
        auto anaLaptop = device(anaName, true, ana.get());
        auto ben = device(benName, false);
        QVERIFY(anaLaptop && ben);
        const MessageId oops = ana->client->sendText(benName, QStringLiteral("wrong chat, sorry"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(oops).has_value(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(anaLaptop->store->message(oops).has_value(), kTimeout);
        QVERIFY(!ben->client->react(oops, QStringLiteral("😮")).isNull());

        QSignalSpy benChats(ben->client.get(), &ChatClient::conversationChanged);
        QVERIFY(!ana->client->deleteForEveryone(oops).isNull());
        for (auto *p : {ana.get(), ben.get(), anaLaptop.get()}) {
            QTRY_VERIFY_WITH_TIMEOUT(p->store->message(oops)->deleted, kTimeout);
            QCOMPARE(p->store->message(oops)->text, QString());
            QCOMPARE(p->store->messageCount(benName == p->client->username() ? anaName : benName),
                     1);
        }
        // The chat list hears of it: the preview no longer says what it said.
        QVERIFY(std::any_of(benChats.cbegin(), benChats.cend(),
                            [&](const auto &args) { return args.at(0).toString() == anaName; }));
        QCOMPARE(ben->store->conversation(anaName)->lastMessage, QString());
        // Nothing more can be done to it by its author.
        QSignalSpy refused(ana->client.get(), &ChatClient::errorOccurred);
        QVERIFY(ana->client->editMessage(oops, QStringLiteral("again")).isNull());
        QVERIFY(ana->client->deleteForEveryone(oops).isNull());
        QCOMPARE(invalidFieldErrors(refused), 2);
    }

    void onlyTheAuthorMayEditOrDeleteForEveryone()
    {
        const QString anaName = name("own"), benName = name("own");
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId hers = ana->client->sendText(benName, QStringLiteral("ana's words"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(hers).has_value(), kTimeout);
        QSignalSpy refused(ben->client.get(), &ChatClient::errorOccurred);
        QVERIFY(ben->client->editMessage(hers, QStringLiteral("ben's words")).isNull());
        QVERIFY(ben->client->deleteForEveryone(hers).isNull());
        QVERIFY(ben->client->editMessage(MessageId::generate(), QStringLiteral("x")).isNull());
        QCOMPARE(invalidFieldErrors(refused), 3);
        // Nothing was stored or sent.
        QCOMPARE(rowsOfKind(*ben->store, MessageKind::Edit), 0);
        QCOMPARE(rowsOfKind(*ben->store, MessageKind::Delete), 0);
        QCOMPARE(ben->store->message(hers)->text, QStringLiteral("ana's words"));
        // An empty edit is refused too (that is a delete).
        QSignalSpy anaRefused(ana->client.get(), &ChatClient::errorOccurred);
        QVERIFY(ana->client->editMessage(hers, QStringLiteral("  ")).isNull());
        QCOMPARE(invalidFieldErrors(anaRefused), 1);
        QCOMPARE(ana->store->message(hers)->text, QStringLiteral("ana's words"));
    }

    void afterTheWindowTheSenderRefusesAndAReceiverIgnoresALateOne()
    {
        const QString anaName = name("late"), benName = name("late");
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId old = ana->client->sendText(benName, QStringLiteral("old words"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(old).has_value(), kTimeout);
        QSignalSpy refused(ana->client.get(), &ChatClient::errorOccurred);

        QVERIFY(writtenAgo(*ana->store, old, kEditWindowMs + 60'000));
        QVERIFY(ana->client->editMessage(old, QStringLiteral("new words")).isNull());
        QCOMPARE(invalidFieldErrors(refused), 1);
        QVERIFY(writtenAgo(*ana->store, old, kDeleteWindowMs + 60'000));
        QVERIFY(ana->client->deleteForEveryone(old).isNull());
        QCOMPARE(invalidFieldErrors(refused), 2);
        QCOMPARE(rowsOfKind(*ana->store, MessageKind::Edit), 0);
        QCOMPARE(rowsOfKind(*ana->store, MessageKind::Delete), 0);

        // A sender whose clock says it is in time, to a receiver whose copy says the
        // message is older than the window: the receiver stores the edit and ignores it.
        QVERIFY(writtenAgo(*ana->store, old, 60'000));
        QVERIFY(writtenAgo(*ben->store, old, kEditWindowMs + 60'000));
        QVERIFY(!ana->client->editMessage(old, QStringLiteral("new words")).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(rowsOfKind(*ben->store, MessageKind::Edit), 1, kTimeout);
        QCOMPARE(ben->store->message(old)->text, QStringLiteral("old words"));
        QCOMPARE(ben->store->message(old)->editedAt, 0);
    }

    void anEditAndADeleteBeforeTheirMessageWaitForIt()
    {
        const QString anaName = name("wait"), benName = name("wait");
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId typo = ben->client->sendText(anaName, QStringLiteral("teh plan"));
        const MessageId gone = ben->client->sendText(anaName, QStringLiteral("never mind"));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(gone).has_value(), kTimeout);
        // The laptop is linked after those messages: it never got them.
        auto anaLaptop = device(anaName, true, ana.get());
        QVERIFY(anaLaptop);
        QVERIFY(!ben->client->editMessage(typo, QStringLiteral("the plan")).isNull());
        QVERIFY(!ben->client->deleteForEveryone(gone).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(rowsOfKind(*anaLaptop->store, MessageKind::Edit), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(rowsOfKind(*anaLaptop->store, MessageKind::Delete), 1, kTimeout);
        QCOMPARE(anaLaptop->store->messageCount(benName), 0);
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(gone)->deleted, kTimeout);

        // The messages come later (as history from the old device would bring them),
        // as they were sent.
        for (const MessageId &id : {typo, gone}) {
            ChatMessage copy = *ben->store->message(id);
            copy.outgoing = false;
            copy.conversation = benName;
            copy.text = id == typo ? QStringLiteral("teh plan") : QStringLiteral("never mind");
            copy.editedAt = 0;
            copy.deleted = false;
            copy.seq = 0;
            QVERIFY(anaLaptop->store->addIncoming(copy, 0).ok());
        }
        QCOMPARE(anaLaptop->store->message(typo)->text, QStringLiteral("the plan"));
        QVERIFY(anaLaptop->store->message(gone)->deleted);
        QCOMPARE(anaLaptop->store->message(gone)->text, QString());
    }

    void deleteForMeStaysOnThisDevice()
    {
        const QString anaName = name("me"), benName = name("me");
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId hi = ana->client->sendText(benName, QStringLiteral("hi ben"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(hi).has_value(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(hi)->state, DeliveryState::Delivered,
                                  kTimeout);
        QSignalSpy removed(ben->client.get(), &ChatClient::messageRemoved);
        QVERIFY(ben->client->deleteForMe(hi));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!ben->store->message(hi));
        QVERIFY(!ben->client->deleteForMe(hi)); // already gone
        // Ana's own copy and the message itself stay; her later edit changes nothing here.
        QVERIFY(!ana->client->editMessage(hi, QStringLiteral("hi, ben")).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(rowsOfKind(*ben->store, MessageKind::Edit), 1, kTimeout);
        QVERIFY(!ben->store->message(hi));
        QCOMPARE(ben->store->messageCount(anaName), 0);
        // The author may delete her own copy only for herself too.
        QVERIFY(ana->client->deleteForMe(hi));
        QVERIFY(!ana->store->message(hi));
    }

    void aForwardReachesEachChatShownAsForwarded()
    {
        const QString anaName = name("fwd"), benName = name("fwd"), cyName = name("fwd");
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        auto cy = device(cyName, false);
        QVERIFY(ana && ben && cy);
        const MessageId tip =
            ben->client->sendText(anaName, QStringLiteral("the bakery opens at 7"));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(tip).has_value(), kTimeout);
        const QList<MessageId> copies = ana->client->forward(tip, {cyName, benName});
        QCOMPARE(copies.size(), 2);
        for (const auto &[p, copy] :
             {std::pair{cy.get(), copies.at(0)}, std::pair{ben.get(), copies.at(1)}}) {
            QTRY_VERIFY_WITH_TIMEOUT(p->store->message(copy).has_value(), kTimeout);
            const ChatMessage got = *p->store->message(copy);
            QCOMPARE(got.text, QStringLiteral("the bakery opens at 7"));
            QVERIFY(got.forwarded);
            QCOMPARE(got.sender, anaName);
            QCOMPARE(got.conversation, anaName);
        }
        QVERIFY(ana->store->message(copies.at(0))->forwarded);
        QVERIFY(!ana->store->message(tip)->forwarded); // the original stays as it was

        // Nothing is sent for what cannot be forwarded.
        QSignalSpy refused(ana->client.get(), &ChatClient::errorOccurred);
        QVERIFY(ana->client->forward(MessageId::generate(), {cyName}).isEmpty());
        QVERIFY(ana->client->forward(tip, {}).isEmpty());
        QVERIFY(ana->client->forward(tip, {QStringLiteral("group:999999")}).isEmpty());
        QVERIFY(!ben->client->deleteForEveryone(tip).isNull());
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(tip)->deleted, kTimeout);
        QVERIFY(ana->client->forward(tip, {cyName}).isEmpty());
        QCOMPARE(invalidFieldErrors(refused), 4);
        QCOMPARE(ana->store->messageCount(cyName), 1);
    }

    void editsAndDeletesReachEveryMemberOfAGroup()
    {
        auto p = members(QStringLiteral("egrp"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("edits"));
        QVERIFY(!key.isEmpty());
        const MessageId cake = ben.client->sendText(key, QStringLiteral("I bring cake"));
        const MessageId oops = ben.client->sendText(key, QStringLiteral("and wine"));
        for (Member *m : {&ana, &cy})
            QTRY_VERIFY_WITH_TIMEOUT(byId(m->messages(key), oops).has_value(), kTimeout);
        QVERIFY(!ben.client->editMessage(cake, QStringLiteral("I bring pie")).isNull());
        QVERIFY(!ben.client->deleteForEveryone(oops).isNull());
        // A member edits no one else's message.
        QVERIFY(cy.client->editMessage(cake, QStringLiteral("cy brings pie")).isNull());
        for (Member *m : {&ana, &ben, &cy}) {
            QTRY_COMPARE_WITH_TIMEOUT(byId(m->messages(key), cake)->text,
                                      QStringLiteral("I bring pie"), kTimeout);
            QTRY_VERIFY_WITH_TIMEOUT(byId(m->messages(key), oops)->deleted, kTimeout);
            QCOMPARE(byId(m->messages(key), oops)->text, QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestMessageEdits)
#include "tst_message_edits.moc"
