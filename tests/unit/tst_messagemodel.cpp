// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/AttachmentStore.h"
#include "store/LocalStore.h"
#include "models/MessageModel.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using linnet::protocol::MessageId;

namespace {
constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;
}

class TestMessageModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

    static ChatMessage incoming(quint64 seq, const QString &text,
                                const QString &conversation = QStringLiteral("ana"))
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = conversation;
        m.sender = conversation;
        m.text = text;
        m.seq = seq;
        m.sentAt = qint64(seq) * 1000;
        m.state = DeliveryState::Delivered;
        return m;
    }

    static ChatMessage outgoing(const QString &text)
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

    /** Stores @p m as received and returns it. */
    ChatMessage stored(const ChatMessage &m)
    {
        [&] { QVERIFY(m_store->addIncoming(m, 1)); }();
        return m;
    }

    void storeHistory(quint64 count)
    {
        for (quint64 s = 1; s <= count; ++s)
            stored(incoming(s, QString::number(s)));
    }

    static QList<quint64> seqs(const MessageModel &model)
    {
        QList<quint64> out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << model.index(i).data(MessageModel::SeqRole).toULongLong();
        return out;
    }

    static QStringList texts(const MessageModel &model)
    {
        QStringList out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << model.index(i).data(Qt::DisplayRole).toString();
        return out;
    }

    static QList<quint64> range(quint64 from, quint64 to)
    {
        QList<quint64> out;
        for (quint64 s = from; s <= to; ++s)
            out << s;
        return out;
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("t.db")));
        QVERIFY(m_store->open());
    }

    void rolesOfAMessage()
    {
        const ChatMessage m = stored(incoming(7, QStringLiteral("hello")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex i = model.index(0);
        QCOMPARE(i.data(Qt::DisplayRole).toString(), QStringLiteral("hello"));
        QCOMPARE(i.data(MessageModel::TextRole).toString(), QStringLiteral("hello"));
        QCOMPARE(i.data(MessageModel::IdRole).toString(), m.id.toHex());
        QCOMPARE(i.data(MessageModel::SenderRole).toString(), QStringLiteral("ana"));
        QCOMPARE(i.data(MessageModel::OutgoingRole).toBool(), false);
        QCOMPARE(i.data(MessageModel::SentAtRole).toLongLong(), 7000);
        QCOMPARE(i.data(MessageModel::SeqRole).toULongLong(), 7u);
        QCOMPARE(i.data(MessageModel::StateRole).toInt(), int(DeliveryState::Delivered));
        QCOMPARE(i.data(MessageModel::StateNameRole).toString(), QStringLiteral("delivered"));
        QCOMPARE(model.rowOf(m.id), 0);
        const auto names = model.roleNames();
        QCOMPARE(names.value(MessageModel::IdRole), QByteArray("id"));
        QCOMPARE(names.value(MessageModel::StateNameRole), QByteArray("stateName"));
        QCOMPARE(int(MessageModel::IdRole), Qt::UserRole + 1);
        QVERIFY(!model.canFetchMore({})); // a short first page: nothing older
    }

    void aReplyShowsItsQuoteAndOtherMessagesNone()
    {
        const ChatMessage question = stored(incoming(1, QStringLiteral("lunch?")));
        ChatMessage answer = incoming(2, QStringLiteral("voice it"));
        answer.replyTo = linnet::protocol::ReplyRef{question.id, QStringLiteral("me"), QString(),
                                                    linnet::protocol::FileKind::Voice};
        stored(answer);
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.index(0).data(MessageModel::ReplyRole).toMap(), QVariantMap());
        const QVariantMap reply = model.index(1).data(MessageModel::ReplyRole).toMap();
        QCOMPARE(reply.value(QStringLiteral("id")).toString(), question.id.toHex());
        QCOMPARE(reply.value(QStringLiteral("from")).toString(), QStringLiteral("me"));
        QCOMPARE(reply.value(QStringLiteral("text")).toString(), QString());
        QCOMPARE(reply.value(QStringLiteral("kind")).toString(), QStringLiteral("voice"));
        QCOMPARE(model.roleNames().value(MessageModel::ReplyRole), QByteArray("reply"));
    }

    void reactionsShowUnderTheirMessageAndAreNoRowsOfTheirOwn()
    {
        const ChatMessage hi = stored(incoming(1, QStringLiteral("hi")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.index(0).data(MessageModel::ReactionsRole).toList(), QVariantList());
        ChatMessage like = incoming(2, QString());
        like.kind = MessageKind::Reaction;
        like.text = QStringLiteral("👍");
        like.target = hi.id;
        stored(like);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addMessage(like); // never a row
        model.updateActions(like);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        const QVariantList reactions = model.index(0).data(MessageModel::ReactionsRole).toList();
        QCOMPARE(reactions.size(), 1);
        QCOMPARE(reactions.first().toMap().value(QStringLiteral("emoji")).toString(),
                 QStringLiteral("👍"));
        QCOMPARE(reactions.first().toMap().value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(reactions.first().toMap().value(QStringLiteral("from")).toStringList(),
                 QStringList{QStringLiteral("ana")});
        model.reload();
        QCOMPARE(model.rowCount(), 1); // a page holds messages only
    }

    void anEditOrADeleteChangesItsRowInPlace()
    {
        const ChatMessage hi = stored(incoming(1, QStringLiteral("helo")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.index(0).data(MessageModel::EditedAtRole).toLongLong(), 0);
        QCOMPARE(model.index(0).data(MessageModel::DeletedRole).toBool(), false);
        ChatMessage edit = incoming(2, QStringLiteral("hello"));
        edit.kind = MessageKind::Edit;
        edit.target = hi.id;
        edit.senderTime = 1500;
        stored(edit);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addMessage(edit); // never a row
        model.updateActions(edit);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0).data(MessageModel::TextRole).toString(), QStringLiteral("hello"));
        QCOMPARE(model.index(0).data(MessageModel::EditedAtRole).toLongLong(), 1500);

        ChatMessage like = incoming(3, QStringLiteral("👍"));
        like.kind = MessageKind::Reaction;
        like.target = hi.id;
        stored(like);
        model.updateActions(like);
        ChatMessage del = incoming(4, QString());
        del.kind = MessageKind::Delete;
        del.target = hi.id;
        stored(del);
        model.updateActions(del);
        QCOMPARE(model.index(0).data(MessageModel::DeletedRole).toBool(), true);
        QCOMPARE(model.index(0).data(MessageModel::TextRole).toString(), QString());
        // A deleted message shows no reactions or attachment.
        QCOMPARE(model.index(0).data(MessageModel::ReactionsRole).toList(), QVariantList());
        QVERIFY(!model.index(0).data(MessageModel::AttachmentRole).isValid());
    }

    void aMessageWhoseEditCameFirstIsAddedAsEdited()
    {
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        ChatMessage hi = incoming(1, QStringLiteral("helo"));
        ChatMessage edit = incoming(2, QStringLiteral("hello"));
        edit.kind = MessageKind::Edit;
        edit.target = hi.id;
        stored(edit);
        stored(hi);
        model.addMessage(hi); // as the engine announces it: with the text it arrived with
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(MessageModel::TextRole).toString(), QStringLiteral("hello"));
        QVERIFY(model.index(0).data(MessageModel::EditedAtRole).toLongLong() != 0);
    }

    void aFileMessageShowsItsAttachmentAndATextMessageNone()
    {
        const ChatMessage text = stored(incoming(1, QStringLiteral("hello")));
        ChatMessage file = incoming(2, QStringLiteral("the beach"));
        file.kind = MessageKind::File;
        Attachment a;
        a.message = file.id;
        a.file.blob = QByteArray(16, 'b');
        a.file.key = QByteArray(32, 'k');
        a.file.sha256 = QByteArray(32, 's');
        a.file.size = 1000;
        a.file.cipherSize = 1041;
        a.file.mime = QStringLiteral("image/jpeg");
        a.file.name = QStringLiteral("beach.jpg");
        a.file.kind = linnet::protocol::FileKind::Image;
        a.file.thumbnail = QByteArrayLiteral("jpeg bytes");
        a.file.width = 640;
        a.file.height = 480;
        a.state = TransferState::Remote;
        QVERIFY(m_store->addIncoming(file, 1, AttachmentStore::incoming(file.id, a.file)));

        MessageModel model(*m_store, QStringLiteral("ana"));
        AttachmentStore attachments(*m_store);
        int reads = 0;
        model.setAttachmentSource([&](const MessageId &id) {
            ++reads;
            return attachments.attachment(id);
        });
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.roleNames().value(MessageModel::AttachmentRole), QByteArray("attachment"));
        QVERIFY(!model.index(model.rowOf(text.id)).data(MessageModel::AttachmentRole).isValid());
        const QModelIndex row = model.index(model.rowOf(file.id));
        QCOMPARE(row.data(MessageModel::KindRole).toInt(), int(MessageKind::File));
        QCOMPARE(row.data(MessageModel::TextRole).toString(), QStringLiteral("the beach"));
        const QVariantMap map = row.data(MessageModel::AttachmentRole).toMap();
        QCOMPARE(map.value(QStringLiteral("name")).toString(), QStringLiteral("beach.jpg"));
        QCOMPARE(map.value(QStringLiteral("size")).toULongLong(), 1000u);
        QCOMPARE(map.value(QStringLiteral("mime")).toString(), QStringLiteral("image/jpeg"));
        QCOMPARE(map.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
        QCOMPARE(map.value(QStringLiteral("state")).toString(), QStringLiteral("remote"));
        QCOMPARE(map.value(QStringLiteral("transferred")).toULongLong(), 0u);
        QCOMPARE(map.value(QStringLiteral("total")).toULongLong(), 1041u);
        QCOMPARE(map.value(QStringLiteral("path")).toString(), QString());
        QCOMPARE(map.value(QStringLiteral("thumbnail")).toByteArray(),
                 QByteArrayLiteral("jpeg bytes"));
        QCOMPARE(map.value(QStringLiteral("width")).toInt(), 640);
        QCOMPARE(map.value(QStringLiteral("height")).toInt(), 480);
        QCOMPARE(map.value(QStringLiteral("error")).toString(), QString());
        const int readsAfterFirst = reads;
        row.data(MessageModel::AttachmentRole); // painting again reads no database
        QCOMPARE(reads, readsAfterFirst);

        // Progress: many updates, few announcements, the newest value shown.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (quint64 done = 1; done <= 500; ++done)
            model.updateProgress(file.id, QStringLiteral("ana"), done, 1041);
        QCOMPARE(changed.size(), 0);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), row);
        QCOMPARE(changed.first().at(2).value<QList<int>>(),
                 QList<int>{MessageModel::AttachmentRole});
        QCOMPARE(row.data(MessageModel::AttachmentRole)
                     .toMap()
                     .value(QStringLiteral("transferred"))
                     .toULongLong(),
                 500u);
        // Another conversation's progress is not ours.
        model.updateProgress(file.id, QStringLiteral("ben"), 900, 1041);
        QTest::qWait(2 * MessageModel::kProgressIntervalMs);
        QCOMPARE(changed.size(), 1);

        // A state change is announced at once and read afresh.
        attachments.setDone(file.id, QStringLiteral("/files/beach.jpg"));
        model.updateAttachment(file.id, QStringLiteral("ana"));
        QCOMPARE(changed.size(), 2);
        const QVariantMap done = row.data(MessageModel::AttachmentRole).toMap();
        QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QCOMPARE(done.value(QStringLiteral("path")).toString(), QStringLiteral("/files/beach.jpg"));
        QCOMPARE(done.value(QStringLiteral("transferred")).toULongLong(), 1041u);
    }

    void pagesHistoryInFromTheNewest()
    {
        storeHistory(120);
        MessageModel model(*m_store, QStringLiteral("ana"));
        // Read-only look at the first page before the tester pages more in.
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(seqs(model), range(71, 120));
        QVERIFY(model.canFetchMore({}));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // The tester calls fetchMore() itself on every check, as a view would.
        QAbstractItemModelTester tester(&model, kTester);
        while (model.canFetchMore({}))
            model.fetchMore({});
        model.fetchMore({}); // nothing left: a no-op

        QCOMPARE(inserted.size(), 2); // 50, then the short page of 20
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 49);
        QCOMPARE(inserted.at(1).at(1).toInt(), 0);
        QCOMPARE(inserted.at(1).at(2).toInt(), 19);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.rowCount(), 120);
        QCOMPARE(seqs(model), range(1, 120)); // ascending, no duplicate, no gap
    }

    void pageSizeIsSettable()
    {
        storeHistory(12);
        MessageModel model(*m_store, QStringLiteral("ana"));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 12);
        model.setPageSize(5); // reloads the newest 5; the tester then pages in 5 and 2
        QCOMPARE(model.pageSize(), 5);
        QCOMPARE(reset.size(), 1);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(0).at(2).toInt(), 4);
        QCOMPARE(inserted.at(1).at(2).toInt(), 1);
        QCOMPARE(seqs(model), range(1, 12));
        model.setPageSize(5); // unchanged: no reload
        QCOMPARE(reset.size(), 1);
    }

    void newMessagesAndDuplicates()
    {
        stored(incoming(1, QStringLiteral("one")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.rowCount(), 1);

        const ChatMessage two = stored(incoming(2, QStringLiteral("two")));
        model.addMessage(two);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.last().at(1).toInt(), 1); // appended
        model.addMessage(two);                      // the same id again: ignored
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(texts(model), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));

        // A message of another conversation is not ours.
        model.addMessage(stored(incoming(3, QStringLiteral("elsewhere"), QStringLiteral("ben"))));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 1);

        // Everything older is loaded, so a late message goes to its seq position.
        model.addMessage(stored(incoming(5, QStringLiteral("five"))));
        model.addMessage(stored(incoming(4, QStringLiteral("four"))));
        QCOMPARE(seqs(model), (QList<quint64>{1, 2, 4, 5}));
    }

    void lateMessageInsideUnloadedHistoryWaitsForPaging()
    {
        // Seqs 1..120 except 30 and 70: 118 stored, the newest page is 71..120.
        for (quint64 s = 1; s <= 120; ++s) {
            if (s != 30 && s != 70)
                stored(incoming(s, QString::number(s)));
        }
        MessageModel model(*m_store, QStringLiteral("ana"));
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.index(0).data(MessageModel::SeqRole).toULongLong(), 71u);
        QVERIFY(model.canFetchMore({}));
        // QAbstractItemModelTester fetches all history as soon as it sees the model,
        // which would make the state under test unreachable: it comes in below, right
        // after these two insertions. Until then, a listener that pages in from
        // inside a change (the tester does so from rowsAboutToBeInserted) must not
        // shift the rows under it.
        connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, &model,
                [&model] { model.fetchMore({}); });
        const ChatMessage thirty = stored(incoming(30, QStringLiteral("30")));
        model.addMessage(thirty); // deep in history not loaded: paging brings it
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.rowOf(thirty.id), -1);
        model.addMessage(stored(incoming(70, QStringLiteral("70")))); // right before 71
        QCOMPARE(model.rowCount(), 51);
        QCOMPARE(model.index(0).data(MessageModel::SeqRole).toULongLong(), 70u);

        QAbstractItemModelTester tester(&model, kTester);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(seqs(model), range(1, 120)); // 30 came with its page, once
    }

    void queuedOwnMessageMovesToItsSeqWhenSent()
    {
        stored(incoming(1, QStringLiteral("one")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        const ChatMessage mine = outgoing(QStringLiteral("mine"));
        QVERIFY(m_store->addOutgoing(mine, QByteArrayLiteral("body")));
        model.addMessage(mine);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(MessageModel::StateNameRole).toString(),
                 QStringLiteral("queued"));
        QCOMPARE(model.index(1).data(MessageModel::OutgoingRole).toBool(), true);

        // Before the ack comes, ana's seq 3 arrives: the queued message stays last.
        model.addMessage(stored(incoming(3, QStringLiteral("three"))));
        QCOMPARE(texts(model), (QStringList{QStringLiteral("one"), QStringLiteral("three"),
                                            QStringLiteral("mine")}));

        // The ack gives it seq 2: it moves between one and three.
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QVERIFY(m_store->markSent(mine.id, 1, 2, 2000));
        model.updateMessage(mine.id);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(seqs(model), (QList<quint64>{1, 2, 3}));
        QCOMPARE(model.rowOf(mine.id), 1);
        QCOMPARE(model.index(1).data(MessageModel::StateRole).toInt(), int(DeliveryState::Sent));
        QCOMPARE(model.index(1).data(MessageModel::SentAtRole).toLongLong(), 2000);
    }

    void queuedMessagesKeepArrivalOrder()
    {
        stored(incoming(1, QStringLiteral("one")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        const ChatMessage a = outgoing(QStringLiteral("a"));
        const ChatMessage b = outgoing(QStringLiteral("b"));
        QVERIFY(m_store->addOutgoing(a, QByteArrayLiteral("a")));
        QVERIFY(m_store->addOutgoing(b, QByteArrayLiteral("b")));
        model.addMessage(a);
        model.addMessage(b);
        QCOMPARE(texts(model),
                 (QStringList{QStringLiteral("one"), QStringLiteral("a"), QStringLiteral("b")}));

        // Re-reading a still-queued message (refused, say) does not reorder the queue.
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_store->markFailed(a.id));
        model.updateMessage(a.id);
        QCOMPARE(moved.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1).data(MessageModel::StateNameRole).toString(),
                 QStringLiteral("failed"));

        // b is acked: sequenced messages come before every seq-less one.
        QVERIFY(m_store->markSent(b.id, 1, 2, 2000));
        model.updateMessage(b.id);
        QCOMPARE(texts(model),
                 (QStringList{QStringLiteral("one"), QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(moved.size(), 1); // b moved up past the failed (seq-less) a
        QCOMPARE(seqs(model), (QList<quint64>{1, 2, 0}));

        model.updateMessage(MessageId::generate()); // unknown: nothing
        QCOMPARE(model.rowCount(), 3);
    }

    void acknowledgedLastMessageStays()
    {
        stored(incoming(1, QStringLiteral("one")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        const ChatMessage mine = outgoing(QStringLiteral("mine"));
        QVERIFY(m_store->addOutgoing(mine, QByteArrayLiteral("body")));
        model.addMessage(mine);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_store->markSent(mine.id, 1, 2, 2000));
        model.updateMessage(mine.id);
        QCOMPARE(moved.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(seqs(model), (QList<quint64>{1, 2}));
    }

    void updateStateEmitsDataChanged()
    {
        const ChatMessage mine = outgoing(QStringLiteral("mine"));
        QVERIFY(m_store->addOutgoing(mine, QByteArrayLiteral("body")));
        MessageModel model(*m_store, QStringLiteral("ana"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.updateState(mine.id, QStringLiteral("ana"), DeliveryState::Delivered);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.last().at(0).toModelIndex(), model.index(0));
        const auto roles = changed.last().at(2).value<QList<int>>();
        QVERIFY(roles.contains(MessageModel::StateRole));
        QVERIFY(roles.contains(MessageModel::StateNameRole));
        QCOMPARE(model.index(0).data(MessageModel::StateRole).toInt(),
                 int(DeliveryState::Delivered));
        QCOMPARE(model.index(0).data(MessageModel::StateNameRole).toString(),
                 QStringLiteral("delivered"));

        model.updateState(mine.id, QStringLiteral("ana"), DeliveryState::Delivered); // same
        model.updateState(mine.id, QStringLiteral("ben"), DeliveryState::Read);      // other chat
        model.updateState(MessageId::generate(), QStringLiteral("ana"), DeliveryState::Read);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0).data(MessageModel::StateRole).toInt(),
                 int(DeliveryState::Delivered));
    }

    void emptyConversation()
    {
        MessageModel model(*m_store, QStringLiteral("nobody"));
        QAbstractItemModelTester tester(&model, kTester);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
        ChatMessage first = incoming(1, QStringLiteral("hi"), QStringLiteral("nobody"));
        model.addMessage(stored(first));
        QCOMPARE(model.rowCount(), 1);
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.conversation(), QStringLiteral("nobody"));
    }
};

QTEST_GUILESS_MAIN(TestMessageModel)
#include "tst_messagemodel.moc"
