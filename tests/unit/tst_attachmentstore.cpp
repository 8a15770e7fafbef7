// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/AttachmentStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

namespace {

ChatMessage fileMessage(const QString &conversation, bool outgoing, quint64 seq = 0)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = outgoing ? QStringLiteral("me") : conversation;
    m.outgoing = outgoing;
    m.text = QStringLiteral("caption");
    m.seq = seq;
    m.sentAt = 1000;
    m.state = outgoing ? DeliveryState::Queued : DeliveryState::Delivered;
    m.kind = MessageKind::File;
    return m;
}

Attachment described(const MessageId &id, TransferState state)
{
    Attachment a;
    a.message = id;
    a.file.blob = QByteArray(16, '\x5a');
    a.file.key = QByteArray(32, '\x01');
    a.file.sha256 = QByteArray(32, '\x02');
    a.file.size = 70000;
    a.file.cipherSize = 70075;
    a.file.mime = QStringLiteral("image/jpeg");
    a.file.name = QStringLiteral("beach.jpg");
    a.file.kind = protocol::FileKind::Image;
    a.file.thumbnail = QByteArrayLiteral("\xff\xd8 thumb");
    a.file.width = 4000;
    a.file.height = 3000;
    a.file.durationMs = 0;
    a.state = state;
    return a;
}

} // namespace

/** AttachmentStore: what a device keeps of each attachment, and its transfer state. */
class TestAttachmentStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open().ok());
    }
    void cleanup() { m_store.reset(); }

    void anIncomingAttachmentIsStoredWithItsMessageAndReadBackWhole()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ana"), false, 1);
        const Attachment a = described(m.id, TransferState::Remote);
        const auto added = m_store->addIncoming(
            m, 7, [&](const QSqlDatabase &db) { return AttachmentStore::insert(db, a); });
        QVERIFY(added.ok() && added.value());
        AttachmentStore store(*m_store);
        const auto back = store.attachment(m.id);
        QVERIFY(back);
        QCOMPARE(*back, a);
        QCOMPARE(m_store->message(m.id)->kind, MessageKind::File);
        QVERIFY(store.streamHeader(m.id).isEmpty());
        QVERIFY(!store.attachment(MessageId::generate()));
    }

    void aFailedInsertStoresNeitherMessageNorAttachment()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ana"), false, 1);
        Attachment a = described(m.id, TransferState::Remote);
        a.message = MessageId::generate(); // no such message: the foreign key refuses it
        const auto added = m_store->addIncoming(
            m, 7, [&](const QSqlDatabase &db) { return AttachmentStore::insert(db, a); });
        QVERIFY(!added.ok());
        QVERIFY(!m_store->message(m.id));
        QVERIFY(!AttachmentStore(*m_store).attachment(a.message));
    }

    void anOwnUploadKeepsItsStreamHeaderAndWaitsOutsideTheOutbox()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ben"), true);
        Attachment a = described(m.id, TransferState::Uploading);
        a.file.blob.clear(); // not reserved yet
        a.file.sha256.clear();
        a.localPath = QStringLiteral("/profile/media/sent/beach.jpg");
        const QByteArray header(24, '\x33');
        QVERIFY(m_store
                    ->addOutgoingHeld(m,
                                      [&](const QSqlDatabase &db) {
                                          return AttachmentStore::insert(db, a, header);
                                      })
                    .ok());
        AttachmentStore store(*m_store);
        QCOMPARE(store.streamHeader(m.id), header);
        QCOMPARE(store.attachment(m.id)->file.blob, QByteArray());
        QVERIFY(m_store->outbox().isEmpty()); // nothing goes out before the upload
        QCOMPARE(m_store->message(m.id)->state, DeliveryState::Queued);
        QCOMPARE(store.inState(TransferState::Uploading).size(), 1);

        const QByteArray blob(16, '\x77');
        QVERIFY(store.setBlob(m.id, blob));
        QVERIFY(store.setTransferred(m.id, 500));
        QCOMPARE(store.attachment(m.id)->transferred, 500u);
        QVERIFY(store.setUploaded(m.id, QByteArray(32, '\x09')));
        const auto up = store.attachment(m.id);
        QCOMPARE(up->state, TransferState::Uploaded);
        QCOMPARE(up->file.blob, blob);
        QCOMPARE(up->file.sha256, QByteArray(32, '\x09'));
        QCOMPARE(up->transferred, up->file.cipherSize);
        QVERIFY(store.inState(TransferState::Uploading).isEmpty());

        // Then it joins the outbox with the blob it references.
        OutboxItem item{m.id, m.conversation, QByteArrayLiteral("content"), 2000, 0, {blob}};
        QVERIFY(m_store->queueOutgoing(item));
        const auto pending = m_store->outbox();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first(), item);
    }

    void queueingRefusesAMessageAlreadySentOrUnknown()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ben"), true);
        QVERIFY(m_store->addOutgoingHeld(m, {}).ok());
        QVERIFY(m_store->markSent(m.id, 3, 1, 5000));
        QVERIFY(!m_store->queueOutgoing(OutboxItem{m.id, m.conversation, "x", 1, 0, {}}));
        QVERIFY(!m_store->queueOutgoing(
            OutboxItem{MessageId::generate(), m.conversation, "x", 1, 0, {}}));
        QVERIFY(m_store->outbox().isEmpty());
    }

    void aFailedOwnMessageCanBeQueuedAgainWithSeveralBlobs()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ben"), true);
        QVERIFY(m_store->addOutgoing(m, "body").ok());
        QVERIFY(m_store->markFailed(m.id));
        const QList<QByteArray> blobs{QByteArray(16, 'a'), QByteArray(16, 'b')};
        QVERIFY(m_store->queueOutgoing(OutboxItem{m.id, m.conversation, "again", 9, 1, blobs}));
        QCOMPARE(m_store->message(m.id)->state, DeliveryState::Queued);
        QCOMPARE(m_store->outbox().first().media, blobs);
        QCOMPARE(m_store->outbox().first().attempts, 1);
    }

    void statesProgressAndErrorsAreKept()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ana"), false, 1);
        QVERIFY(m_store
                    ->addIncoming(m, 7,
                                  [&](const QSqlDatabase &db) {
                                      return AttachmentStore::insert(
                                          db, described(m.id, TransferState::Remote));
                                  })
                    .ok());
        AttachmentStore store(*m_store);
        QVERIFY(store.setState(m.id, TransferState::Failed, QStringLiteral("tampered")));
        QCOMPARE(store.attachment(m.id)->error, QStringLiteral("tampered"));
        QVERIFY(store.setState(m.id, TransferState::Downloading));
        QCOMPARE(store.attachment(m.id)->error, QString()); // a new try clears the reason
        QCOMPARE(store.inState(TransferState::Downloading).size(), 1);
        QVERIFY(!store.setState(MessageId::generate(), TransferState::Done));

        QVERIFY(store.doneNotAnnounced().isEmpty());
        QVERIFY(store.setDone(m.id, QStringLiteral("/downloads/beach.jpg")));
        const auto done = store.attachment(m.id);
        QCOMPARE(done->state, TransferState::Done);
        QCOMPARE(done->localPath, QStringLiteral("/downloads/beach.jpg"));
        QCOMPARE(store.doneNotAnnounced().size(), 1);
        QVERIFY(store.setAnnounced(m.id));
        QVERIFY(store.doneNotAnnounced().isEmpty());
    }

    void deletingTheMessageDeletesItsAttachment()
    {
        const ChatMessage m = fileMessage(QStringLiteral("ana"), false, 1);
        QVERIFY(m_store
                    ->addIncoming(m, 7,
                                  [&](const QSqlDatabase &db) {
                                      return AttachmentStore::insert(
                                          db, described(m.id, TransferState::Remote));
                                  })
                    .ok());
        QSqlQuery q(m_store->database());
        q.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
        q.addBindValue(m.id.toBytes());
        QVERIFY(q.exec());
        QVERIFY(!AttachmentStore(*m_store).attachment(m.id));
    }

    void stateNamesAreTheDocumentedOnes()
    {
        QCOMPARE(transferStateName(TransferState::Uploading), QStringLiteral("uploading"));
        QCOMPARE(transferStateName(TransferState::Uploaded), QStringLiteral("uploaded"));
        QCOMPARE(transferStateName(TransferState::Remote), QStringLiteral("remote"));
        QCOMPARE(transferStateName(TransferState::Downloading), QStringLiteral("downloading"));
        QCOMPARE(transferStateName(TransferState::Done), QStringLiteral("done"));
        QCOMPARE(transferStateName(TransferState::Failed), QStringLiteral("failed"));
        QCOMPARE(transferStateName(TransferState::Cancelled), QStringLiteral("cancelled"));
    }

    void theLargestFileFitsTheTwoGibibyteBlob()
    {
        // 24 + S + 17 * (S / 64 KiB + 1) <= 2 GiB, and one byte more would not fit.
        const auto blob = [](quint64 s) { return 24 + s + 17 * (s / 65536 + 1); };
        const quint64 max = MediaClient::maxFileSize();
        QVERIFY(blob(max) <= quint64(1) << 31);
        QVERIFY(blob(max + 1) > quint64(1) << 31);
    }

private:
    std::unique_ptr<LocalStore> m_store;
};

QTEST_GUILESS_MAIN(TestAttachmentStore)
#include "tst_attachmentstore.moc"
