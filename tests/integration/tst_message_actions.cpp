// SPDX-License-Identifier: GPL-3.0-or-later
// Message actions (issue 30) through the real server with real engines: replies carry
// their quote end to end, to the peer, to the author's other devices and in groups, and
// keep it where the original is gone.
#include "E2eTestSupport.h"
#include "GroupClientTestSupport.h"
#include "store/ReactionStore.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

namespace {

QList<Reaction> reactionsAt(LocalStore &store, const MessageId &id)
{
    return ReactionStore(store).reactionsTo(id);
}

std::optional<ChatMessage> byId(const QList<ChatMessage> &messages, const MessageId &id)
{
    for (const ChatMessage &m : messages)
        if (m.id == id)
            return m;
    return std::nullopt;
}

} // namespace

class TestMessageActions : public ClientGroupsTest {
    Q_OBJECT

    std::unique_ptr<linnet::test::Profile> device(const QString &name, bool login,
                                                  linnet::test::Profile *approvedBy = nullptr)
    {
        return signIn(m_root.filePath(name + QString::number(++m_counter)), m_server->url(), name,
                      login, approvedBy);
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void aReplyReachesThePeerAndTheAuthorsOtherDeviceWithItsQuote()
    {
        const QString anaName = QStringLiteral("reply%1").arg(++m_counter);
        const QString benName = QStringLiteral("reply%1").arg(++m_counter);
        auto ana = device(anaName, false);
        QVERIFY(ana);
        auto anaLaptop = device(anaName, true, ana.get());
        QVERIFY(anaLaptop);
        auto ben = device(benName, false);
        QVERIFY(ben);

        const MessageId question =
            ben->client->sendText(anaName, QStringLiteral("\nlunch at noon?\nor later"));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(question).has_value(), kTimeout);
        const MessageId answer =
            ana->client->sendReply(benName, QStringLiteral("noon is fine"), question);
        QVERIFY(!answer.isNull());
        const ReplyRef quote{question, benName, QStringLiteral("lunch at noon?")};
        QCOMPARE(ana->store->message(answer)->replyTo, quote);

        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(answer).has_value(), kTimeout);
        QCOMPARE(ben->store->message(answer)->text, QStringLiteral("noon is fine"));
        QCOMPARE(ben->store->message(answer)->replyTo, quote);
        // The author's other device shows the reply in the same chat, quote and all.
        QTRY_VERIFY_WITH_TIMEOUT(anaLaptop->store->message(answer).has_value(), kTimeout);
        QCOMPARE(anaLaptop->store->message(answer)->conversation, benName);
        QCOMPARE(anaLaptop->store->message(answer)->replyTo, quote);
    }

    void aReplyToAMessageTheRecipientNoLongerHasStillShowsTheQuote()
    {
        const QString anaName = QStringLiteral("gone%1").arg(++m_counter);
        const QString benName = QStringLiteral("gone%1").arg(++m_counter);
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId question = ben->client->sendText(anaName, QStringLiteral("still there?"));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(question).has_value(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->store->message(question)->state, DeliveryState::Delivered,
                                  kTimeout);
        QVERIFY(ben->client->clearHistory(anaName));
        QVERIFY(!ben->store->message(question));

        const MessageId answer = ana->client->sendReply(benName, QStringLiteral("yes"), question);
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(answer).has_value(), kTimeout);
        QCOMPARE(ben->store->message(answer)->replyTo,
                 (ReplyRef{question, benName, QStringLiteral("still there?")}));
    }

    void aReplyQuotingAnotherChatsMessageIsRefusedBeforeItIsStored()
    {
        const QString anaName = QStringLiteral("other%1").arg(++m_counter);
        const QString benName = QStringLiteral("other%1").arg(++m_counter);
        const QString cyName = QStringLiteral("other%1").arg(++m_counter);
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId toBen = ana->client->sendText(benName, QStringLiteral("for ben only"));
        QVERIFY(!toBen.isNull());
        QSignalSpy refused(ana->client.get(), &ChatClient::errorOccurred);
        // Quoting a message of another chat would show it to someone who never had it.
        QVERIFY(ana->client->sendReply(cyName, QStringLiteral("see this"), toBen).isNull());
        QVERIFY(
            ana->client->sendReply(benName, QStringLiteral("?"), MessageId::generate()).isNull());
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused.first().at(0).value<ErrorCode>(), ErrorCode::InvalidField);
        QCOMPARE(ana->store->messageCount(cyName), 0);
        QCOMPARE(ana->store->messageCount(benName), 1);
    }

    void aReplyInAGroupQuotesTheMemberItAnswers()
    {
        auto p = members(QStringLiteral("grp"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("replies"));
        QVERIFY(!key.isEmpty());
        const MessageId question = ben.client->sendText(key, QStringLiteral("who brings cake?"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.store->message(question).has_value(), kTimeout);
        const MessageId answer = ana.client->sendReply(key, QStringLiteral("I do"), question);
        QVERIFY(!answer.isNull());
        const ReplyRef quote{question, ben.name, QStringLiteral("who brings cake?")};
        QTRY_VERIFY_WITH_TIMEOUT(byId(cy.messages(key), answer).has_value(), kTimeout);
        QCOMPARE(byId(cy.messages(key), answer)->replyTo, quote);
        QTRY_VERIFY_WITH_TIMEOUT(byId(ben.messages(key), answer).has_value(), kTimeout);
        QCOMPARE(byId(ben.messages(key), answer)->replyTo, quote);
    }

    void reactionsAreReplacedAndTakenBackOnEveryDevice()
    {
        const QString anaName = QStringLiteral("react%1").arg(++m_counter);
        const QString benName = QStringLiteral("react%1").arg(++m_counter);
        auto ana = device(anaName, false);
        QVERIFY(ana);
        auto anaLaptop = device(anaName, true, ana.get());
        auto ben = device(benName, false);
        QVERIFY(anaLaptop && ben);
        const MessageId photo = ana->client->sendText(benName, QStringLiteral("beach day"));
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(photo).has_value(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(anaLaptop->store->message(photo).has_value(), kTimeout);
        QSignalSpy added(ana->client.get(), &ChatClient::messageAdded);
        QSignalSpy acted(ana->client.get(), &ChatClient::actionAdded);

        QVERIFY(!ben->client->react(photo, QStringLiteral("👍")).isNull());
        const QList<Reaction> benLikes{{QStringLiteral("👍"), {benName}}};
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*ana->store, photo), benLikes, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*anaLaptop->store, photo), benLikes, kTimeout);
        QCOMPARE(reactionsAt(*ben->store, photo), benLikes); // at once on the sender's side
        QVERIFY(!acted.isEmpty());
        QCOMPARE(acted.first().at(0).value<ChatMessage>().target, photo);

        // Ana's own reaction reaches her other device; ben's second one replaces his first.
        QVERIFY(!ana->client->react(photo, QStringLiteral("😂")).isNull());
        QVERIFY(!ben->client->react(photo, QStringLiteral("❤️")).isNull());
        const QList<Reaction> both{{QStringLiteral("😂"), {anaName}},
                                   {QStringLiteral("❤️"), {benName}}};
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*ana->store, photo), both, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*anaLaptop->store, photo), both, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*ben->store, photo), both, kTimeout);

        QVERIFY(!ben->client->react(photo, QString()).isNull()); // taken back
        const QList<Reaction> anaOnly{{QStringLiteral("😂"), {anaName}}};
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*ana->store, photo), anaOnly, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*anaLaptop->store, photo), anaOnly, kTimeout);
        // None of it was a message: the chat still holds the one, nothing unread.
        QVERIFY(added.isEmpty());
        QCOMPARE(ana->store->messageCount(benName), 1);
        QCOMPARE(anaLaptop->store->messageCount(benName), 1);
        QCOMPARE(ana->store->conversation(benName)->lastMessage, QStringLiteral("beach day"));
    }

    void aBadReactionIsRefusedBeforeItIsStored()
    {
        const QString anaName = QStringLiteral("badr%1").arg(++m_counter);
        auto ana = device(anaName, false);
        QVERIFY(ana);
        const MessageId note =
            ana->client->sendText(QStringLiteral("nobody.r"), QStringLiteral("x"));
        QSignalSpy refused(ana->client.get(), &ChatClient::errorOccurred);
        QVERIFY(ana->client->react(note, QStringLiteral("two words")).isNull());
        QVERIFY(ana->client->react(MessageId::generate(), QStringLiteral("👍")).isNull());
        // (The server may refuse the message to nobody meanwhile: another code.)
        const auto invalid = std::count_if(refused.cbegin(), refused.cend(), [](const auto &args) {
            return args.at(0).template value<ErrorCode>() == ErrorCode::InvalidField;
        });
        QCOMPARE(invalid, 2);
        QVERIFY(ReactionStore(*ana->store).reactionsTo(note).isEmpty());
    }

    void aReactionToAMessageThisDeviceDoesNotHaveYetWaitsForIt()
    {
        const QString anaName = QStringLiteral("late%1").arg(++m_counter);
        const QString benName = QStringLiteral("late%1").arg(++m_counter);
        auto ana = device(anaName, false);
        auto ben = device(benName, false);
        QVERIFY(ana && ben);
        const MessageId early = ben->client->sendText(anaName, QStringLiteral("before the laptop"));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(early).has_value(), kTimeout);
        // The laptop is linked after that message: it never got it.
        auto anaLaptop = device(anaName, true, ana.get());
        QVERIFY(anaLaptop);
        QVERIFY(!ben->client->react(early, QStringLiteral("🙏")).isNull());
        const QList<Reaction> thanks{{QStringLiteral("🙏"), {benName}}};
        QTRY_COMPARE_WITH_TIMEOUT(reactionsAt(*ana->store, early), thanks, kTimeout);
        // The laptop stored (and acked) it; nothing shows, as there is nothing to show under.
        const auto reactionRows = [&] {
            QSqlQuery q(anaLaptop->store->database());
            return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages WHERE kind = 100")) &&
                           q.next()
                       ? q.value(0).toInt()
                       : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(reactionRows(), 1, kTimeout);
        QVERIFY(reactionsAt(*anaLaptop->store, early).isEmpty());
        QCOMPARE(anaLaptop->store->messageCount(benName), 0);
        // The message comes later (as history from the old device would bring it).
        ChatMessage copy = *ana->store->message(early);
        copy.seq = 0;
        QVERIFY(anaLaptop->store->addIncoming(copy, 0).ok());
        QCOMPARE(reactionsAt(*anaLaptop->store, early), thanks);
    }
};

QTEST_GUILESS_MAIN(TestMessageActions)
#include "tst_message_actions.moc"
