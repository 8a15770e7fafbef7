// SPDX-License-Identifier: GPL-3.0-or-later
// What the client engine does with every answer to a send that is not an ack,
// against the real server: a refusal fails the message with its reason (and the user
// may retry or delete it), a failed commit is retried with the reason shown, a text
// over the limit or a frame too large for the server never leaves; and presence keeps
// working with groups in the chat list.
#include "GroupClientTestSupport.h"
#include "SqlTestHelpers.h"
#include "protocol/Limits.h"

#include <QSqlQuery>

using namespace linnet::test;
using namespace linnet::test::groups;

class TestClientSendProblems : public ClientGroupsTest {
    Q_OBJECT

    /** Another device of @p user, logged in, online, its keys published. */
    /** A device of @p first's account, approved by it (it has the account key). */
    std::unique_ptr<Member> newDevice(Member &first)
    {
        const QString user = first.name;
        auto m = std::make_unique<Member>();
        m->name = user;
        const QString dir = m_root.filePath(QStringLiteral("%1-dev%2").arg(user).arg(++m_counter));
        QDir().mkpath(dir);
        m->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
        if (!m->store->open())
            return nullptr;
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        m->client = std::make_unique<ChatClient>(*m->store, m->secrets, o);
        if (!copyAccountKey(first.secrets, m->secrets))
            return nullptr;
        QSignalSpy published(m->client.get(), &ChatClient::keysPublished);
        m->client->login(m_server->url(), user, QStringLiteral("correct horse"));
        return published.wait(kTimeout) ? std::move(m) : nullptr;
    }

    /** The errors reported about message @p id. */
    static QList<ErrorCode> errorsAbout(const QSignalSpy &spy, const MessageId &id)
    {
        QList<ErrorCode> codes;
        for (const auto &args : spy)
            if (args.at(2).value<MessageId>() == id)
                codes << args.at(0).value<ErrorCode>();
        return codes;
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void aSendTheServerCannotStoreIsRetriedWithItsReasonShown()
    {
        auto people = members(QStringLiteral("store"), 2);
        QVERIFY(people.size() == 2);
        Member &ana = *people[0], &ben = *people[1];
        const MessageId first = ana.client->sendText(ben.name, QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(first)->state, DeliveryState::Delivered,
                                  kTimeout);

        QSignalSpy errors(ana.client.get(), &ChatClient::errorOccurred);
        MessageId second;
        {
            // Another process holds the write lock past the server's busy timeout: the
            // server's commit fails (500) and its error names only the request.
            SqlConnection other(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
            QSqlQuery lock(other.db());
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            second = ana.client->sendText(ben.name, QStringLiteral("second"));
            QTRY_VERIFY_WITH_TIMEOUT(!ana.client->sendProblem(second).isEmpty(), kTimeout);
            QVERIFY(errorsAbout(errors, second).contains(ErrorCode::InternalError));
            QCOMPARE(ana.store->message(second)->state, DeliveryState::Queued); // not failed
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        }
        // Tried again without a reconnect, and then the reason is gone.
        QTRY_VERIFY_WITH_TIMEOUT(ana.store->message(second)->state == DeliveryState::Delivered,
                                 kTimeout);
        QVERIFY(ana.client->sendProblem(second).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ben.countText(ana.name, QStringLiteral("second")), 1, kTimeout);
    }

    void aRefusedMessageFailsWithItsReasonAndIsSentWhenRetried()
    {
        auto people = members(QStringLiteral("refused"), 1);
        QVERIFY(people.size() == 1);
        Member &ana = *people[0];
        const QString later = QStringLiteral("later%1").arg(++m_counter);
        QSignalSpy problems(ana.client.get(), &ChatClient::sendProblemChanged);
        const MessageId id = ana.client->sendText(later, QStringLiteral("are you there?"));
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(id)->state, DeliveryState::Failed, kTimeout);
        QVERIFY2(ana.client->sendProblem(id).contains(later),
                 qPrintable(ana.client->sendProblem(id)));
        QVERIFY(!problems.isEmpty());
        QCOMPARE(problems.last().at(0).value<MessageId>(), id);

        // The user registers after all: Retry sends the same message.
        Member newcomer;
        newcomer.name = later;
        const QString dir = m_root.filePath(later);
        QDir().mkpath(dir);
        newcomer.store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
        QVERIFY(newcomer.store->open());
        newcomer.client =
            std::make_unique<ChatClient>(*newcomer.store, newcomer.secrets, ChatClient::Options{});
        QSignalSpy published(newcomer.client.get(), &ChatClient::keysPublished);
        newcomer.client->registerAccount(m_server->url(), later, QStringLiteral("correct horse"));
        QVERIFY(published.wait(kTimeout));

        QVERIFY(ana.client->retryMessage(id));
        QVERIFY(ana.client->sendProblem(id).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(ana.store->message(id)->state == DeliveryState::Delivered,
                                 kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(newcomer.countText(ana.name, QStringLiteral("are you there?")), 1,
                                  kTimeout);
        QVERIFY(!ana.client->retryMessage(id)); // only a failed message can be retried
    }

    void aFailedMessageCanBeDeleted()
    {
        auto people = members(QStringLiteral("delete"), 1);
        QVERIFY(people.size() == 1);
        Member &ana = *people[0];
        const MessageId kept =
            ana.client->sendText(QStringLiteral("nobody-at-all"), QStringLiteral("one"));
        const MessageId id =
            ana.client->sendText(QStringLiteral("nobody-at-all"), QStringLiteral("two"));
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(id)->state, DeliveryState::Failed, kTimeout);
        QSignalSpy removed(ana.client.get(), &ChatClient::messageRemoved);
        QVERIFY(ana.client->deleteMessage(id));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!ana.store->message(id));
        QVERIFY(ana.store->message(kept));
        QCOMPARE(ana.store->conversation(QStringLiteral("nobody-at-all"))->lastMessage,
                 QStringLiteral("one"));

        QSignalSpy gone(ana.client.get(), &ChatClient::conversationRemoved);
        QVERIFY(ana.client->deleteConversation(QStringLiteral("nobody-at-all")));
        QCOMPARE(gone.size(), 1);
        QVERIFY(!ana.store->conversation(QStringLiteral("nobody-at-all")));
        QVERIFY(!ana.store->message(kept));
        QCOMPARE(ana.store->outbox().size(), 0);
    }

    void aMessageTooLargeForEveryDeviceFailsAtOnceWithItsReason()
    {
        // Three devices of ben: three copies of a 48 KB text pass the 128 KiB frame limit,
        // which the server could only drop without saying which message it was.
        auto people = members(QStringLiteral("large"), 2);
        QVERIFY(people.size() == 2);
        Member &ana = *people[0], &ben = *people[1];
        auto ben2 = newDevice(ben);
        auto ben3 = newDevice(ben);
        QVERIFY(ben2 && ben3);
        QSignalSpy errors(ana.client.get(), &ChatClient::errorOccurred);
        const QString text(kMaxTextLength - 10, QChar(0x20ac)); // "€": 3 bytes each
        const MessageId id = ana.client->sendText(ben.name, text);
        QVERIFY(!id.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(id)->state, DeliveryState::Failed, kTimeout);
        QCOMPARE(errorsAbout(errors, id), QList<ErrorCode>{ErrorCode::FrameTooLarge});
        QVERIFY(!ana.client->sendProblem(id).isEmpty());
        QCOMPARE(ana.client->state(), ConnectionState::Online);
        // The next message goes as usual.
        const MessageId next = ana.client->sendText(ben.name, QStringLiteral("shorter"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.store->message(next)->state == DeliveryState::Delivered,
                                 kTimeout);
    }

    void aTextOverTheLimitIsRefusedBeforeItIsStored()
    {
        auto people = members(QStringLiteral("limit"), 2);
        QVERIFY(people.size() == 2);
        Member &ana = *people[0], &ben = *people[1];
        QSignalSpy errors(ana.client.get(), &ChatClient::errorOccurred);
        const MessageId tooLong = ana.client->sendText(ben.name, QString(kMaxTextLength + 1, u'x'));
        QVERIFY(tooLong.isNull());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().at(0).value<ErrorCode>(), ErrorCode::InvalidField);
        QVERIFY(errors.first().at(1).toString().contains(QStringLiteral("384")));
        QCOMPARE(ana.store->messageCount(ben.name), 0);
        QCOMPARE(ana.store->outbox().size(), 0);

        // The longest text there is reaches ben readable.
        const QString longest(kMaxTextLength, QChar(0x20ac));
        const MessageId id = ana.client->sendText(ben.name, longest);
        QVERIFY(!id.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(ben.countText(ana.name, longest), 1, kTimeout);
    }

    void presenceIsFollowedWithGroupsInTheChatList()
    {
        auto people = members(QStringLiteral("seen"), 3);
        QVERIFY(people.size() == 3);
        Member &ana = *people[0], &ben = *people[1], &cy = *people[2];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("crew"));
        QVERIFY(!key.isEmpty());
        QSignalSpy presence(ana.client.get(), &ChatClient::presenceChanged);
        QSignalSpy errors(ana.client.get(), &ChatClient::errorOccurred);
        // What the chat list gives: the group's key beside the people.
        ana.client->watchPresence({key, ben.name});
        QCOMPARE(ana.client->presenceSubscription(), QStringList{ben.name});
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(presence.cbegin(), presence.cend(),
                                             [&](const QList<QVariant> &a) {
                                                 return a.at(0).toString() == ben.name &&
                                                        a.at(1).toBool();
                                             }),
                                 kTimeout);
        QVERIFY(errors.isEmpty());
        // The open group adds its other members, still without the group itself.
        ana.client->watchGroupPresence(key);
        QCOMPARE(ana.client->presenceSubscription(), (QStringList{ben.name, cy.name}));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(presence.cbegin(), presence.cend(),
                        [&](const QList<QVariant> &a) { return a.at(0).toString() == cy.name; }),
            kTimeout);
        QVERIFY(errors.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestClientSendProblems)
#include "tst_client_send_problems.moc"
