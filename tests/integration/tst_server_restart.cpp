// SPDX-License-Identifier: GPL-3.0-or-later
// Durability: an acked message survives SIGKILL and SIGTERM of the real server,
// and resending unacked messages after a crash delivers each exactly once.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerRestart : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    struct Account {
        QString name;
        qint64 deviceId = 0;
        QByteArray token;
    };

    Account registerAccount(const QString &name)
    {
        RawClient c;
        Account a{name, 0, {}};
        if (c.connectTo(m_server->url())) {
            if (const auto ok = c.registerUser(name, QStringLiteral("correct horse"))) {
                a.deviceId = ok->deviceId;
                a.token = ok->token;
            }
        }
        return a;
    }

    std::unique_ptr<RawClient> connectAs(const Account &a)
    {
        auto c = std::make_unique<RawClient>();
        if (!c->connectTo(m_server->url())) {
            qWarning("cannot connect to %s", qPrintable(m_server->url().toString()));
            return nullptr;
        }
        if (!c->auth(a.deviceId, a.token)) {
            for (const auto &f : c->queue())
                if (const auto *e = std::get_if<ErrorFrame>(&f))
                    qWarning("auth refused: %d %s", int(e->code), qPrintable(e->reason));
            qWarning("server output:\n%s", m_server->output().constData());
            return nullptr;
        }
        return c;
    }

    /** Drains everything for a device until "synced", acking as it goes. */
    QList<Deliver> drainAll(RawClient &c)
    {
        QList<Deliver> out;
        while (true) {
            if (auto d = c.waitFor<Deliver>(2000)) {
                out.append(*d);
                c.ack({d->entry});
                continue;
            }
            if (c.has<Synced>())
                break;
            if (!c.isConnected())
                break;
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--registration"), QStringLiteral("open")});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server.reset(); }

    void ackedMessagesSurviveSigkill()
    {
        const Account alice = registerAccount(QStringLiteral("alice"));
        const Account bob = registerAccount(QStringLiteral("bob"));
        auto a = connectAs(alice);
        QVERIFY(a);
        constexpr int kCount = 200;
        QList<MessageId> ids;
        for (int i = 0; i < kCount; ++i) {
            ids.append(MessageId::generate());
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids.last()));
        }
        QCOMPARE(a->collect<SendAck>(kCount).size(), kCount);

        m_server->kill();
        a.reset();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        auto b = connectAs(bob);
        QVERIFY(b);
        const auto got = b->collect<Deliver>(kCount);
        QCOMPARE(got.size(), kCount);
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(got[i].id, ids[i]);
            QCOMPARE(got[i].seq, quint64(i + 1));
        }
        // The conversation's seqs were held in memory when the server was killed
        // (written lazily): the restart took them from the messages, so the next
        // message goes on from there instead of reusing a seq.
        QVERIFY2(m_server->output().contains("from their messages"),
                 m_server->output().constData());
        auto again = connectAs(alice);
        QVERIFY(again);
        again->send(again->makeSend(bob.name, QByteArrayLiteral("after"), MessageId::generate()));
        const auto ack = again->waitFor<SendAck>(5000);
        QVERIFY(ack);
        QCOMPARE(ack->seq, quint64(kCount + 1));
    }

    void sigtermSaysGoodbyeAndKeepsMessages()
    {
        const Account alice = registerAccount(QStringLiteral("alice"));
        const Account bob = registerAccount(QStringLiteral("bob"));
        auto a = connectAs(alice);
        QVERIFY(a);
        const auto ack = a->sendMessage(bob.name, QByteArrayLiteral("before restart"));
        QVERIFY(ack);

        QCOMPARE(m_server->stop(), 0);
        const auto bye = a->waitFor<ErrorFrame>();
        QVERIFY(bye);
        QCOMPARE(bye->code, ErrorCode::ShuttingDown);
        QVERIFY(a->waitForDisconnected());
        QCOMPARE(a->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        auto b = connectAs(bob);
        QVERIFY(b);
        const auto d = b->waitFor<Deliver>();
        QVERIFY(d);
        QCOMPARE(d->id, ack->id);
        QCOMPARE(d->body, QByteArrayLiteral("before restart"));
    }

    void crashMidBurstThenResendDeliversEachOnce()
    {
        const Account alice = registerAccount(QStringLiteral("alice"));
        const Account bob = registerAccount(QStringLiteral("bob"));
        auto a = connectAs(alice);
        QVERIFY(a);
        constexpr int kCount = 500;
        QList<MessageId> ids;
        for (int i = 0; i < kCount; ++i) {
            ids.append(MessageId::generate());
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids.last()));
        }
        // Kill as soon as the first acks arrive: some are durable, some are not.
        QVERIFY(a->waitFor<SendAck>());
        m_server->kill();
        QSet<MessageId> acked;
        a->settle(100);
        for (const auto &f : a->queue())
            if (const auto *ack = std::get_if<SendAck>(&f))
                acked.insert(ack->id);
        a.reset();

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // The client resends everything it has no ack for, with the same ids.
        a = connectAs(alice);
        QVERIFY(a);
        for (int i = 0; i < kCount; ++i)
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids[i]));
        const auto acks = a->collect<SendAck>(kCount);
        QCOMPARE(acks.size(), kCount);
        for (const auto &ack : acks) {
            if (acked.contains(ack.id))
                QVERIFY2(ack.duplicate, "a message acked before the crash was stored again");
        }

        auto b = connectAs(bob);
        QVERIFY(b);
        const auto got = drainAll(*b);
        QCOMPARE(got.size(), kCount);
        QSet<MessageId> seen;
        for (int i = 0; i < got.size(); ++i) {
            QVERIFY2(!seen.contains(got[i].id), "a message was delivered twice");
            seen.insert(got[i].id);
            // What was durable before the crash is a prefix, so order is kept.
            QCOMPARE(got[i].id, ids[i]);
            QCOMPARE(got[i].seq, quint64(i + 1));
        }
        for (const auto &id : acked)
            QVERIFY2(seen.contains(id), "an acked message was lost");
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_server_restart.moc"
