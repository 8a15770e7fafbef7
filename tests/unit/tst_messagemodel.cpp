// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalStore.h"
#include "MessageModel.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using linnet::protocol::MessageId;

class TestMessageModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

    ChatMessage incoming(quint64 seq, const QString &text)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = QStringLiteral("ana");
        m.sender = QStringLiteral("ana");
        m.text = text;
        m.seq = seq;
        m.sentAt = qint64(seq) * 1000;
        m.state = DeliveryState::Delivered;
        return m;
    }

    ChatMessage outgoing(const QString &text)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = QStringLiteral("ana");
        m.sender = QStringLiteral("me");
        m.outgoing = true;
        m.text = text;
        m.sentAt = 5;
        m.state = DeliveryState::Queued;
        return m;
    }

    static QList<quint64> seqs(const MessageModel &model)
    {
        QList<quint64> out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << model.index(i).data(MessageModel::SeqRole).toULongLong();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("t.db")));
        QVERIFY(m_store->open());
    }

    void pagesHistoryInFromTheNewest()
    {
        for (quint64 s = 1; s <= 120; ++s)
            QVERIFY(m_store->addIncoming(incoming(s, QString::number(s)), 1));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.index(0).data(MessageModel::SeqRole).toULongLong(), 71u);
        QCOMPARE(model.index(49).data(MessageModel::TextRole).toString(), QStringLiteral("120"));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0).data(MessageModel::SeqRole).toULongLong(), 21u);
        // The tester checks the model and itself fetches what is left (20 rows).
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 120);
        QList<quint64> expected;
        for (quint64 s = 1; s <= 120; ++s)
            expected << s;
        QCOMPARE(seqs(model), expected);
    }

    void newMessagesAndDuplicates()
    {
        QVERIFY(m_store->addIncoming(incoming(1, QStringLiteral("one")), 1));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        const ChatMessage two = incoming(2, QStringLiteral("two"));
        model.addMessage(two);
        model.addMessage(two); // the same id again: ignored
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(MessageModel::TextRole).toString(), QStringLiteral("two"));

        ChatMessage other = incoming(3, QStringLiteral("elsewhere"));
        other.conversation = QStringLiteral("ben");
        model.addMessage(other);
        QCOMPARE(model.rowCount(), 2);

        // An older message arriving late goes to its seq position.
        QVERIFY(m_store->addIncoming(incoming(5, QStringLiteral("five")), 1));
        model.addMessage(incoming(5, QStringLiteral("five")));
        model.addMessage(incoming(4, QStringLiteral("four")));
        QCOMPARE(seqs(model), (QList<quint64>{1, 2, 4, 5}));
    }

    void queuedOwnMessageMovesToItsSeqWhenSent()
    {
        QVERIFY(m_store->addIncoming(incoming(1, QStringLiteral("one")), 1));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ChatMessage mine = outgoing(QStringLiteral("mine"));
        QVERIFY(m_store->addOutgoing(mine, QByteArrayLiteral("body")));
        model.addMessage(mine);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(MessageModel::StateNameRole).toString(),
                 QStringLiteral("queued"));

        // Before the ack comes, ana's seq 3 arrives: the queued message stays last.
        const ChatMessage three = incoming(3, QStringLiteral("three"));
        QVERIFY(m_store->addIncoming(three, 1));
        model.addMessage(three);
        QCOMPARE(model.index(2).data(MessageModel::TextRole).toString(), QStringLiteral("mine"));

        // The ack gives it seq 2: it moves between one and three.
        QVERIFY(m_store->markSent(mine.id, 1, 2, 2000));
        model.updateMessage(mine.id);
        QCOMPARE(seqs(model), (QList<quint64>{1, 2, 3}));
        QCOMPARE(model.index(1).data(MessageModel::StateRole).toInt(), int(DeliveryState::Sent));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateState(mine.id, QStringLiteral("ana"), DeliveryState::Delivered);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1).data(MessageModel::StateNameRole).toString(),
                 QStringLiteral("delivered"));
        model.updateState(mine.id, QStringLiteral("ben"), DeliveryState::Read); // other chat
        QCOMPARE(model.index(1).data(MessageModel::StateRole).toInt(),
                 int(DeliveryState::Delivered));
    }
};

QTEST_GUILESS_MAIN(TestMessageModel)
#include "tst_messagemodel.moc"
