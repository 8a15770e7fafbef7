// SPDX-License-Identifier: GPL-3.0-or-later
// The Outbox without a network or a database: a fake send function records what goes
// out and answers as told, a fake store holds the queue (qTox's friend-message
// dispatcher test idiom). The window is respected, acked messages leave, a temporary
// refusal is retried later with its reason shown, any other refusal fails with its
// reason, a reconnect resends in order, and nothing goes out twice on one connection.
#include "outbox/Outbox.h"
#include "TestBase.h"

#include <QHash>
#include <QSignalSpy>
#include <QtTest>

using namespace linnet::client;
using linnet::protocol::ErrorCode;
using linnet::protocol::MessageId;

namespace {

/** The queue in memory: the oldest first, as LocalStore keeps it. */
class FakeOutboxStore final : public OutboxStore {
public:
    QList<OutboxItem> items;
    QList<MessageId> failed;
    QHash<MessageId, QString> conversations; ///< every message ever queued
    QHash<MessageId, int> attemptsCounted;

    MessageId add(const QString &recipient, qint64 createdAt = 1000)
    {
        OutboxItem item{MessageId::generate(), recipient, "body", createdAt, 0};
        items.append(item);
        conversations.insert(item.id, recipient);
        return item.id;
    }
    OutboxItem item(const MessageId &id) const
    {
        for (const auto &i : items)
            if (i.id == id)
                return i;
        return {};
    }
    /** What the engine does with an ack: the entry leaves the queue. */
    void remove(const MessageId &id)
    {
        items.removeIf([&](const OutboxItem &i) { return i.id == id; });
    }

    QList<OutboxItem> pending() override { return items; }
    void countAttempt(const MessageId &id) override
    {
        ++attemptsCounted[id];
        for (auto &i : items)
            if (i.id == id)
                ++i.attempts;
    }
    bool markFailed(const MessageId &id) override
    {
        const auto before = items.size();
        remove(id);
        if (items.size() == before)
            return false;
        failed.append(id);
        return true;
    }
    std::optional<QString> conversationOf(const MessageId &id) override
    {
        if (!conversations.contains(id))
            return std::nullopt;
        return conversations.value(id);
    }
};

/** One call of the send function. */
struct Sent {
    MessageId id;
    bool again = false;
    quint32 requestId = 0;
};

} // namespace

class TestOutbox : public QObject {
    Q_OBJECT

    FakeOutboxStore m_store;
    QList<Sent> m_sent;
    /** Answers other than Sent, by message (Sent when not listed). */
    QHash<MessageId, Outbox::Attempt> m_answers;
    quint32 m_nextRequest = 0;
    std::unique_ptr<Outbox> m_outbox;

    void makeOutbox(Outbox::Options options = {})
    {
        m_outbox = std::make_unique<Outbox>(
            m_store,
            [this](const OutboxItem &item, bool again) {
                if (m_answers.contains(item.id))
                    return m_answers.value(item.id);
                m_sent.append(Sent{item.id, again, ++m_nextRequest});
                return Outbox::Attempt::sent(m_nextRequest);
            },
            options);
    }

    QList<MessageId> sentIds() const
    {
        QList<MessageId> ids;
        for (const auto &s : m_sent)
            ids << s.id;
        return ids;
    }
    quint32 requestOf(const MessageId &id) const
    {
        for (auto it = m_sent.crbegin(); it != m_sent.crend(); ++it)
            if (it->id == id)
                return it->requestId;
        return 0;
    }
    /** The server acks @p id and the engine stores that. */
    void ack(const MessageId &id)
    {
        m_outbox->acked(requestOf(id), id);
        m_store.remove(id);
        m_outbox->flushIfRoom();
    }
    /** Adds a message to the queue and hands it to the outbox as sendText does. */
    MessageId submit(const QString &recipient)
    {
        const MessageId id = m_store.add(recipient, 2000);
        m_outbox->submit(m_store.item(id));
        return id;
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_store = FakeOutboxStore();
        m_sent.clear();
        m_answers.clear();
        m_nextRequest = 0;
        makeOutbox();
    }

    void aNewMessageGoesOutAtOnceWhenNothingWaits()
    {
        m_outbox->connected(1500);
        m_outbox->flush();
        const MessageId id = submit(QStringLiteral("ben"));
        QCOMPARE(sentIds(), QList<MessageId>{id});
        QVERIFY(!m_sent.first().again); // written after the connection came up
        QVERIFY(m_outbox->isInFlight(id));
    }

    void nothingIsSentWhileOffline()
    {
        m_store.add(QStringLiteral("ben"));
        m_outbox->flush();
        submit(QStringLiteral("ben"));
        QVERIFY(m_sent.isEmpty());

        // The connection drops in the middle of a flush: the rest is not tried.
        const MessageId second = m_store.add(QStringLiteral("cy"));
        m_answers.insert(m_store.items.first().id, Outbox::Attempt::offline());
        m_outbox->connected(5000);
        m_outbox->flush();
        QVERIFY(m_sent.isEmpty());
        QVERIFY(!m_outbox->isInFlight(second));
    }

    void theWindowLimitsTheSendsThatAwaitTheirAcks()
    {
        makeOutbox(Outbox::Options{500, 30000, 2000, 4, 3});
        QList<MessageId> ids;
        for (int i = 0; i < 6; ++i)
            ids << m_store.add(QStringLiteral("ben"));
        m_outbox->connected(5000);
        m_outbox->flush();
        QCOMPARE(sentIds(), ids.mid(0, 4));
        QCOMPARE(m_outbox->inFlightCount(), 4);

        // A new message queues behind the older ones instead of passing them.
        const MessageId seventh = submit(QStringLiteral("ben"));
        QCOMPARE(m_sent.size(), 4);
        QVERIFY(!m_outbox->isInFlight(seventh));

        // The window opens again once half of it is free.
        ack(ids[0]);
        ack(ids[1]);
        QCOMPARE(m_sent.size(), 4);
        ack(ids[2]);
        QCOMPARE(sentIds(),
                 (QList<MessageId>{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], seventh}));
        QCOMPARE(m_outbox->inFlightCount(), 4);
    }

    void anAckedMessageLeavesTheWindowAndIsNotSentAgain()
    {
        const MessageId a = m_store.add(QStringLiteral("ben"));
        const MessageId b = m_store.add(QStringLiteral("cy"));
        m_outbox->connected(5000);
        m_outbox->flush();
        ack(a);
        QVERIFY(!m_outbox->isInFlight(a));
        QVERIFY(m_outbox->isInFlight(b));
        m_outbox->flush();
        m_outbox->flush();
        QCOMPARE(sentIds(), (QList<MessageId>{a, b})); // once each
    }

    void aTemporaryRefusalIsRetriedLaterWithItsReasonShown()
    {
        makeOutbox(Outbox::Options{100, 700, 2000, 500, 3});
        QSignalSpy problems(m_outbox.get(), &Outbox::problemChanged);
        QSignalSpy errors(m_outbox.get(), &Outbox::errorOccurred);
        m_outbox->connected(1500);
        m_outbox->flush();
        const MessageId id = submit(QStringLiteral("ben"));
        const MessageId other = submit(QStringLiteral("cy"));

        const MessageId refused =
            m_outbox->takeRequest(requestOf(id), {}); // a failed commit names no message
        QCOMPARE(refused, id);
        m_outbox->refused(refused, ErrorCode::InternalError, QStringLiteral("disk I/O error"));
        QVERIFY(m_outbox->problem(id).contains(QStringLiteral("disk I/O error")));
        QVERIFY(m_outbox->problem(id).contains(QStringLiteral("trying again")));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().at(0).value<MessageId>(), id);
        QCOMPARE(problems.first().at(1).toString(), QStringLiteral("ben"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().at(0).value<ErrorCode>(), ErrorCode::InternalError);
        QVERIFY(m_store.failed.isEmpty()); // still queued
        QVERIFY(!m_outbox->isInFlight(id));
        QVERIFY(m_outbox->isRetryScheduled());
        QCOMPARE(m_outbox->retryDelayMs(), 200); // twice the first backoff
        QCOMPARE(m_sent.size(), 2);              // not at once

        // The retry is due: the message goes again. The server refused it on this very
        // connection, so it has not stored it: it is no resend to the server.
        m_outbox->flush();
        QCOMPARE(sentIds(), (QList<MessageId>{id, other, id}));
        QVERIFY(!m_sent.last().again);

        // Refused again and again: the delay doubles up to its ceiling.
        m_outbox->refused(id, ErrorCode::RateLimited, QStringLiteral("slow down"));
        QCOMPARE(m_outbox->retryDelayMs(), 400);
        QVERIFY(m_outbox->problem(id).contains(QStringLiteral("slow down")));
        m_outbox->refused(id, ErrorCode::ShuttingDown, {});
        QCOMPARE(m_outbox->retryDelayMs(), 700);
        QCOMPARE(m_outbox->problem(id), linnet::protocol::errorCodeName(ErrorCode::ShuttingDown) +
                                            QStringLiteral("; trying again"));

        // An ack ends the problem and restarts the backoff.
        m_outbox->flush();
        problems.clear();
        ack(id);
        QVERIFY(m_outbox->problem(id).isEmpty());
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().at(2).toString().isEmpty());
        QCOMPARE(m_outbox->retryDelayMs(), 0);
    }

    void theRetryTimerSendsAgainByItself()
    {
        makeOutbox(Outbox::Options{1, 1, 1, 500, 3});
        m_outbox->connected(1500);
        m_outbox->flush();
        const MessageId id = submit(QStringLiteral("ben"));
        m_outbox->refused(id, ErrorCode::RateLimited, QStringLiteral("slow down"));
        QTRY_COMPARE(m_sent.size(), 2);
        QCOMPARE(m_sent.last().id, id);
        QVERIFY(!m_outbox->isRetryScheduled());

        // retrySoon(): a message waiting for keys is tried again by the other timer.
        const MessageId waiting = m_store.add(QStringLiteral("cy"));
        m_answers.insert(waiting, Outbox::Attempt::waiting());
        m_outbox->flush();
        QCOMPARE(m_sent.size(), 2);
        m_outbox->retrySoon();
        QVERIFY(m_outbox->isWaitRetryScheduled());
        m_answers.remove(waiting);
        QTRY_COMPARE(m_sent.size(), 3);
        QCOMPARE(m_sent.last().id, waiting);
    }

    void onlyBusyFailingOrStoppingServersAreTemporary_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("temporary");
        QTest::newRow("429 rate limited") << ErrorCode::RateLimited << true;
        QTest::newRow("500 internal") << ErrorCode::InternalError << true;
        QTest::newRow("503 shutting down") << ErrorCode::ShuttingDown << true;
        QTest::newRow("401 not authenticated") << ErrorCode::NotAuthenticated << true;
        QTest::newRow("404 unknown user") << ErrorCode::UnknownUser << false;
        QTest::newRow("403 forbidden") << ErrorCode::Forbidden << false;
        QTest::newRow("413 too large") << ErrorCode::FrameTooLarge << false;
        QTest::newRow("400 malformed") << ErrorCode::MalformedFrame << false;
    }
    void onlyBusyFailingOrStoppingServersAreTemporary()
    {
        QFETCH(ErrorCode, code);
        QFETCH(bool, temporary);
        QCOMPARE(Outbox::isTemporary(code), temporary);
        m_outbox->connected(1500);
        const MessageId id = submit(QStringLiteral("ben"));
        m_outbox->refused(id, code, QStringLiteral("because"));
        QCOMPARE(m_store.failed.contains(id), !temporary);
        QCOMPARE(m_outbox->isRetryScheduled(), temporary);
    }

    void aPermanentRefusalFailsTheMessageWithItsReason()
    {
        QSignalSpy failed(m_outbox.get(), &Outbox::messageFailed);
        QSignalSpy errors(m_outbox.get(), &Outbox::errorOccurred);
        m_outbox->connected(1500);
        const MessageId id = submit(QStringLiteral("nobody"));
        const MessageId next = submit(QStringLiteral("nobody"));
        m_outbox->refused(id, ErrorCode::UnknownUser, QStringLiteral("no user called nobody"));
        QCOMPARE(m_store.failed, QList<MessageId>{id});
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).value<MessageId>(), id);
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("nobody"));
        QCOMPARE(m_outbox->problem(id), QStringLiteral("no user called nobody"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().at(2).value<MessageId>(), id);
        QVERIFY(!m_outbox->isRetryScheduled());
        QVERIFY(!m_outbox->isInFlight(id));

        // Not sent again; without a reason, the code's name is the problem.
        m_outbox->flush();
        QCOMPARE(sentIds(), (QList<MessageId>{id, next}));
        m_outbox->refused(next, ErrorCode::Forbidden, {});
        QCOMPARE(m_outbox->problem(next), linnet::protocol::errorCodeName(ErrorCode::Forbidden));
    }

    void aMessageTheSendFunctionCannotSendFailsAndTheNextOneGoes()
    {
        m_outbox->connected(1500);
        const MessageId big = m_store.add(QStringLiteral("ben"), 2000);
        m_answers.insert(
            big, Outbox::Attempt::failed(ErrorCode::FrameTooLarge, QStringLiteral("too large")));
        m_outbox->submit(m_store.item(big));
        QCOMPARE(m_store.failed, QList<MessageId>{big});
        QCOMPARE(m_outbox->problem(big), QStringLiteral("too large"));
        const MessageId next = submit(QStringLiteral("ben"));
        QCOMPARE(sentIds(), QList<MessageId>{next});
    }

    void aWaitingMessageHoldsBackOnlyLaterOnesToTheSameRecipient()
    {
        const MessageId anaFirst = m_store.add(QStringLiteral("ana"));
        const MessageId benFirst = m_store.add(QStringLiteral("ben"));
        const MessageId anaSecond = m_store.add(QStringLiteral("ana"));
        m_answers.insert(anaFirst, Outbox::Attempt::waiting()); // e.g. keys being fetched
        m_outbox->connected(5000);
        m_outbox->flush();
        QCOMPARE(sentIds(), QList<MessageId>{benFirst});

        // ana's wait holds back only ana's: a new message to ben goes.
        const MessageId benSecond = submit(QStringLiteral("ben"));
        QCOMPARE(sentIds(), (QList<MessageId>{benFirst, benSecond}));

        // The keys came: ana's go in the order they were written.
        m_answers.remove(anaFirst);
        m_outbox->flush();
        QCOMPARE(sentIds(), (QList<MessageId>{benFirst, benSecond, anaFirst, anaSecond}));
    }

    void aReconnectResendsWhatWasNotAckedInOrderOnce()
    {
        const MessageId a = m_store.add(QStringLiteral("ben"), 1000);
        const MessageId b = m_store.add(QStringLiteral("cy"), 1001);
        const MessageId c = m_store.add(QStringLiteral("ben"), 1002);
        m_outbox->connected(5000);
        m_outbox->flush();
        ack(b);
        m_outbox->disconnected();
        QCOMPARE(m_outbox->inFlightCount(), 0);
        m_sent.clear();

        m_outbox->connected(9000);
        m_outbox->flush();
        m_outbox->flush(); // a second flush (keys arrived, a retry due) sends nothing twice
        QCOMPARE(sentIds(), (QList<MessageId>{a, c}));
        QVERIFY(m_sent[0].again && m_sent[1].again);
        QCOMPARE(m_store.attemptsCounted.value(a), 2); // written before both connections
        QCOMPARE(m_store.attemptsCounted.value(b), 1);
    }

    void anErrorNamingOnlyTheRequestFindsItsMessageOnce()
    {
        m_outbox->connected(1500);
        const MessageId id = submit(QStringLiteral("ben"));
        const quint32 request = requestOf(id);
        const MessageId named = MessageId::generate();
        QCOMPARE(m_outbox->takeRequest(request + 100, named), named);
        QCOMPARE(m_outbox->takeRequest(request, {}), id);
        QVERIFY(m_outbox->takeRequest(request, {}).isNull());
    }

    void newDevicesAreLearntAFewTimesThenTheMessageFails()
    {
        m_outbox->connected(1500);
        const MessageId id = submit(QStringLiteral("ben"));
        for (int i = 0; i < 3; ++i) {
            const auto conversation =
                m_outbox->devicesChanged(id, ErrorCode::DevicesChanged, QStringLiteral("new"));
            QVERIFY(conversation);
            QCOMPARE(*conversation, QStringLiteral("ben"));
            QVERIFY(!m_outbox->isInFlight(id));
            m_outbox->flush();
            QVERIFY(m_outbox->isInFlight(id));
        }
        QVERIFY(!m_outbox->devicesChanged(id, ErrorCode::DevicesChanged, QStringLiteral("new")));
        QCOMPARE(m_store.failed, QList<MessageId>{id});

        // A retried message starts counting again.
        const MessageId other = submit(QStringLiteral("cy"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_outbox->devicesChanged(other, ErrorCode::DevicesChanged, {}));
        m_outbox->requeued(other);
        QVERIFY(m_outbox->devicesChanged(other, ErrorCode::DevicesChanged, {}));
    }

    void aFailingRecipientFailsAllItsMessagesAndNoOneElses()
    {
        const MessageId a = m_store.add(QStringLiteral("ghost"));
        const MessageId b = m_store.add(QStringLiteral("ben"));
        const MessageId c = m_store.add(QStringLiteral("ghost"));
        m_outbox->failRecipient(QStringLiteral("ghost"), ErrorCode::UnknownUser,
                                QStringLiteral("no keys"));
        QCOMPARE(m_store.failed, (QList<MessageId>{a, c}));
        QCOMPARE(m_store.items.size(), 1);
        QCOMPARE(m_store.items.first().id, b);
    }

    void aForgottenMessageLosesItsProblemSilently()
    {
        m_outbox->connected(1500);
        const MessageId id = submit(QStringLiteral("ben"));
        m_outbox->refused(id, ErrorCode::RateLimited, QStringLiteral("busy"));
        QVERIFY(!m_outbox->problem(id).isEmpty());
        QSignalSpy problems(m_outbox.get(), &Outbox::problemChanged);
        m_outbox->forget(id);
        QVERIFY(m_outbox->problem(id).isEmpty());
        QVERIFY(problems.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
