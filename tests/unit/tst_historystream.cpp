// SPDX-License-Identifier: GPL-3.0-or-later
// HistoryExport and HistoryImport (issue 27, history transfer) on real temporary client
// databases: 1,000 messages, a group with its events and members, an attachment's
// description, contacts and verifications arrive in the old device's order; importing
// again or after live arrivals adds nothing twice; a cut, damaged, foreign or newer
// stream is refused with the record it broke at and leaves nothing behind.
#include "e2e/CryptoStore.h"
#include "groups/LocalGroupStore.h"
#include "history/HistoryExport.h"
#include "history/HistoryImport.h"
#include "media/AttachmentStore.h"
#include "store/ContactStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QBuffer>
#include <QCborValue>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <limits>

using namespace linnet::client;
using namespace linnet::protocol;

namespace {

const QString kBob = QStringLiteral("bob");
constexpr qint64 kGroupId = 77;
constexpr int kMessages = 1000;

ChatMessage chatMessage(const QString &conversation, quint64 seq, bool outgoing,
                        const QString &sender)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = sender;
    m.outgoing = outgoing;
    m.text = QStringLiteral("message %1 in %2").arg(seq).arg(conversation);
    m.seq = seq;
    m.sentAt = 1'700'000'000'000 + qint64(seq);
    m.senderTime = m.sentAt - 5;
    m.state = outgoing ? DeliveryState::Read : DeliveryState::Delivered;
    return m;
}

FileRef photo()
{
    FileRef f;
    f.blob = QByteArray(kBlobIdBytes, 'b');
    f.key = QByteArray(32, 'k');
    f.sha256 = QByteArray(32, 's');
    f.size = 1234;
    f.cipherSize = 1300;
    f.mime = QStringLiteral("image/jpeg");
    f.name = QStringLiteral("beach.jpg");
    f.kind = FileKind::Image;
    f.thumbnail = QByteArray(100, 't');
    f.width = 640;
    f.height = 480;
    return f;
}

/** A store of its own in a temporary directory. */
struct Profile {
    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store;
    Profile() : store(std::make_unique<LocalStore>(dir.filePath(QStringLiteral("p.db"))))
    {
        QVERIFY(store->open());
    }
    QList<ChatMessage> all(const QString &key)
    {
        return store->messages(key, std::numeric_limits<int>::max());
    }
};

QByteArray exportOf(LocalStore &store, HistoryCounts *counts = nullptr)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    const auto written = HistoryExport(store).write(out);
    if (!written)
        qWarning() << written.error().reason;
    if (counts && written)
        *counts = written.value();
    return out.data();
}

Result<HistoryImport::Outcome> importInto(LocalStore &store, const QByteArray &bytes,
                                          QList<int> *progress = nullptr)
{
    QBuffer in;
    in.setData(bytes);
    in.open(QIODevice::ReadOnly);
    return HistoryImport(store).read(in, [progress](int n) {
        if (progress)
            progress->append(n);
    });
}

/** The offsets at which each record of @p bytes starts (after the 8-byte magic). */
QList<qsizetype> recordOffsets(const QByteArray &bytes)
{
    QList<qsizetype> at;
    for (qsizetype pos = 8; pos + 4 <= bytes.size();) {
        at.append(pos);
        pos += 4 + qFromBigEndian<quint32>(bytes.constData() + pos);
    }
    return at;
}

} // namespace

class TestHistoryStream : public QObject {
    Q_OBJECT

    std::unique_ptr<Profile> m_old;
    QList<MessageId> m_direct; ///< the direct chat's ids in order

    /** The old device: a direct chat of kMessages, a group with an event and messages,
     *  a photo, a contact, a verification, one own message still queued. */
    void fillOldDevice()
    {
        LocalStore &s = *m_old->store;
        for (int seq = 1; seq <= kMessages; ++seq) {
            const bool own = seq % 3 == 0;
            const ChatMessage m =
                chatMessage(kBob, quint64(seq), own, own ? QStringLiteral("ana") : kBob);
            QVERIFY(s.addIncoming(m, 5).value());
            m_direct.append(m.id);
        }
        ChatMessage pic = chatMessage(kBob, kMessages + 1, false, kBob);
        pic.kind = MessageKind::File;
        pic.text = QStringLiteral("the beach");
        QVERIFY(s.addIncoming(pic, 5, AttachmentStore::incoming(pic.id, photo())).value());
        m_direct.append(pic.id);
        ChatMessage queued = chatMessage(kBob, 0, true, QStringLiteral("ana"));
        queued.state = DeliveryState::Queued;
        queued.sentAt = pic.sentAt + 1; // the newest: the chat list's order does not hang on it
        QVERIFY(s.addOutgoing(queued, "body"));

        LocalGroupStore groups(s);
        const QString key = groupKey(kGroupId);
        QVERIFY(groups
                    .addEvent(GroupEvent{1,
                                         kGroupId,
                                         1,
                                         kBob,
                                         GroupOp::Create,
                                         {},
                                         QStringLiteral("climbers"),
                                         1000},
                              QStringLiteral("ana"), QStringLiteral("bob created"))
                    .value());
        QVERIFY(groups
                    .addEvent(GroupEvent{2, kGroupId, 2, kBob, GroupOp::Add, QStringLiteral("cleo"),
                                         QStringLiteral("climbers"), 1001},
                              QStringLiteral("ana"), QStringLiteral("bob added cleo"))
                    .value());
        for (int seq = 3; seq <= 7; ++seq)
            QVERIFY(s.addIncoming(chatMessage(key, quint64(seq), false, kBob), kGroupId).value());
        QVERIFY(ContactStore(s).add(kBob, 42));
        QVERIFY(CryptoStore(s).setVerified(kBob, QStringLiteral("12345 67890"), 43));
    }

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        m_old = std::make_unique<Profile>(); // read only by the tests: filled once
        fillOldDevice();
    }

    void aThousandMessagesAndAGroupArriveInTheSameOrder()
    {
        HistoryCounts written;
        const QByteArray bytes = exportOf(*m_old->store, &written);
        QCOMPARE(written.messages, kMessages + 1 + 2 + 5); // the queued one stays behind
        QCOMPARE(written.groups, 1);
        QCOMPARE(written.conversations, 2);

        Profile fresh;
        QList<int> progress;
        const auto imported = importInto(*fresh.store, bytes, &progress);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().reason));
        QCOMPARE(imported.value().added, written);
        QCOMPARE(imported.value().stream, written);
        QVERIFY(progress.size() >= 10);
        QCOMPARE(progress.last(), written.messages);

        // Same messages, same order, same fields (the queued own one is not there).
        QList<ChatMessage> expected = m_old->all(kBob);
        expected.removeLast();
        QCOMPARE(fresh.all(kBob), expected);
        QCOMPARE(fresh.all(groupKey(kGroupId)), m_old->all(groupKey(kGroupId)));
        const auto keys = [](LocalStore &store) {
            QStringList out;
            for (const Conversation &c : store.conversations())
                out << c.key;
            return out;
        };
        QCOMPARE(keys(*fresh.store), keys(*m_old->store));

        const auto bob = fresh.store->conversation(kBob);
        QVERIFY(bob);
        QCOMPARE(bob->contiguousSeq, quint64(kMessages + 1));
        QCOMPARE(bob->maxSeq, quint64(kMessages + 1));
        QCOMPARE(bob->serverId, qint64(5));
        QCOMPARE(bob->unread, 0); // history is not news
        QCOMPARE(bob->lastMessage, QStringLiteral("the beach"));

        LocalGroupStore groups(*fresh.store);
        QCOMPARE(groups.group(groupKey(kGroupId)),
                 LocalGroupStore(*m_old->store).group(groupKey(kGroupId)));
        const auto event = groups.event(LocalGroupStore::eventMessageId(kGroupId, 2));
        QVERIFY(event);
        QCOMPARE(event->user, QStringLiteral("cleo"));
        QCOMPARE(fresh.store->conversation(groupKey(kGroupId))->contiguousSeq, quint64(7));

        const auto picture = AttachmentStore(*fresh.store).attachment(m_direct.last());
        QVERIFY(picture);
        QCOMPARE(picture->file, photo());
        QCOMPARE(picture->state, TransferState::Remote);
        QCOMPARE(CryptoStore(*fresh.store).verifiedSafetyNumber(kBob),
                 std::optional<QString>(QStringLiteral("12345 67890")));
        QVERIFY(ContactStore(*fresh.store).contact(kBob));
    }

    void importingAgainOrAfterLiveMessagesAddsNothingTwice()
    {
        const QByteArray bytes = exportOf(*m_old->store);
        Profile fresh;
        // Two messages came live before the history: one of the history, one newer.
        const auto known = m_old->store->message(m_direct.at(499));
        QVERIFY(known);
        QVERIFY(fresh.store->addIncoming(*known, 5).value());
        const ChatMessage newer = chatMessage(kBob, kMessages + 2, false, kBob);
        QVERIFY(fresh.store->addIncoming(newer, 5).value());

        const auto first = importInto(*fresh.store, bytes);
        QVERIFY(first);
        QCOMPARE(first.value().added.messages, first.value().stream.messages - 1);
        const auto again = importInto(*fresh.store, bytes);
        QVERIFY(again);
        QCOMPARE(again.value().added, HistoryCounts{});

        const QList<ChatMessage> chat = fresh.all(kBob);
        QCOMPARE(chat.size(), kMessages + 2);
        for (int i = 0; i < m_direct.size(); ++i)
            QCOMPARE(chat.at(i).id, m_direct.at(i));
        QCOMPARE(chat.last().id, newer.id);
        QCOMPARE(fresh.store->conversation(kBob)->contiguousSeq, quint64(kMessages + 2));
        QCOMPARE(fresh.store->conversation(kBob)->lastMessage, newer.text);
    }

    void aCutOrDamagedStreamIsRefusedAndLeavesNothing_data()
    {
        QTest::addColumn<QByteArray>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("cut in a record") << QByteArray("cut-middle") << QStringLiteral("cut short");
        QTest::newRow("cut before end")
            << QByteArray("cut-end") << QStringLiteral("before its \"end\"");
        QTest::newRow("a record dropped")
            << QByteArray("drop") << QStringLiteral("\"end\" record counts");
        QTest::newRow("garbage record")
            << QByteArray("garbage") << QStringLiteral("not a CBOR map");
        QTest::newRow("huge length") << QByteArray("length") << QStringLiteral("record length");
        QTest::newRow("bytes after end") << QByteArray("trailing") << QStringLiteral("bytes after");
        QTest::newRow("message before its chat")
            << QByteArray("reorder") << QStringLiteral("before its conversation");
        QTest::newRow("not a history")
            << QByteArray("magic") << QStringLiteral("not a Linnet history");
        QTest::newRow("newer format")
            << QByteArray("version") << QStringLiteral("format version 2");
    }
    void aCutOrDamagedStreamIsRefusedAndLeavesNothing()
    {
        QFETCH(QByteArray, damage);
        QFETCH(QString, reason);
        QByteArray bytes = exportOf(*m_old->store);
        const QList<qsizetype> at = recordOffsets(bytes);
        const qsizetype middle = at.at(at.size() / 2);
        const auto recordAt = [&](int i) {
            return bytes.mid(at.at(i),
                             (i + 1 < at.size() ? at.at(i + 1) : bytes.size()) - at.at(i));
        };
        if (damage == "cut-middle")
            bytes.truncate(middle + 7);
        else if (damage == "cut-end")
            bytes.truncate(at.last());
        else if (damage == "drop")
            bytes.remove(middle, recordAt(at.size() / 2).size());
        else if (damage == "garbage")
            bytes.replace(middle + 4, 3, "\xff\xff\xff");
        else if (damage == "length")
            bytes.replace(middle, 4, QByteArray("\x7f\x00\x00\x00", 4));
        else if (damage == "trailing")
            bytes.append('x');
        else if (damage == "reorder") {
            // The direct chat's record moves behind its first message.
            int conv = -1;
            for (int i = 0; i < at.size() && conv < 0; ++i)
                if (const QCborMap r = QCborValue::fromCbor(recordAt(i).mid(4)).toMap();
                    r.value(QStringLiteral("t")) == QStringLiteral("conv") &&
                    r.value(QStringLiteral("key")) == kBob)
                    conv = i;
            QVERIFY(conv >= 0 && conv + 1 < at.size());
            const QByteArray c = recordAt(conv), m = recordAt(conv + 1);
            bytes.replace(at.at(conv), c.size() + m.size(), m + c);
        } else if (damage == "magic")
            bytes.replace(0, 6, "PNGPNG");
        else if (damage == "version")
            bytes[7] = 2;

        Profile fresh;
        const ChatMessage mine =
            chatMessage(QStringLiteral("cleo"), 1, false, QStringLiteral("cleo"));
        QVERIFY(fresh.store->addIncoming(mine, 9).value());
        const auto imported = importInto(*fresh.store, bytes);
        QVERIFY(!imported);
        QVERIFY2(imported.error().reason.contains(reason), qPrintable(imported.error().reason));
        // Nothing of it stayed, and what was there is untouched.
        QCOMPARE(fresh.store->conversations().size(), 1);
        QCOMPARE(fresh.all(QStringLiteral("cleo")), QList<ChatMessage>{mine});
        QVERIFY(!CryptoStore(*fresh.store).verifiedSafetyNumber(kBob));
        QVERIFY(LocalGroupStore(*fresh.store).groups().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryStream)
#include "tst_historystream.moc"
