// SPDX-License-Identifier: GPL-3.0-or-later
// The client's MediaController without a network: what it asks the server, and what it
// makes of each answer (tickets refused for size, quota, disk; a reservation gone;
// a busy server; media_done's ok), through fake hooks.
#include "media/AttachmentStore.h"
#include "media/MediaController.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::ErrorCode;
using protocol::MessageId;

class TestClientMedia : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<MediaController> m_media;
    QList<protocol::Frame> m_sent;
    QList<OutboxItem> m_queued;
    QList<QPair<MessageId, ErrorCode>> m_failed;
    QList<ChatMessage> m_added;
    quint32 m_nextId = 0;
    QString m_notMember;

    template <typename T> QList<T> sentOf() const
    {
        QList<T> out;
        for (const auto &f : m_sent)
            if (const auto *t = std::get_if<T>(&f))
                out << *t;
        return out;
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? path : QString();
    }

    /** An incoming file message stored as the engine stores one. */
    MessageId incomingFile(protocol::FileKind kind, quint64 size)
    {
        ChatMessage m;
        m.id = MessageId::generate();
        m.conversation = QStringLiteral("ana");
        m.sender = QStringLiteral("ana");
        m.seq = 1;
        m.sentAt = 5;
        m.kind = MessageKind::File;
        protocol::FileRef f;
        f.blob = QByteArray(16, '\x42');
        f.key = QByteArray(32, 'k');
        f.sha256 = QByteArray(32, 's');
        f.size = size;
        f.cipherSize = size + 41;
        f.mime = QStringLiteral("image/png");
        f.name = QStringLiteral("a.png");
        f.kind = kind;
        [&] { QVERIFY(m_store->addIncoming(m, 1, AttachmentStore::incoming(m.id, f))); }();
        m_media->onMessageAdded(m);
        return m.id;
    }

    static protocol::ErrorFrame refusal(quint32 requestId, ErrorCode code, const QString &reason)
    {
        protocol::ErrorFrame e;
        e.requestId = requestId;
        e.code = code;
        e.reason = reason;
        return e;
    }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("linnet.db")));
        QVERIFY(m_store->open());
        m_sent.clear();
        m_queued.clear();
        m_failed.clear();
        m_added.clear();
        m_notMember.clear();
        MediaController::Options o;
        o.mediaDirectory = m_dir->filePath(QStringLiteral("media"));
        o.initialRetryMs = 20;
        o.maxRetryMs = 40;
        MediaController::Hooks h;
        h.send = [this](const protocol::Frame &f) {
            m_sent << f;
            return true;
        };
        h.nextRequestId = [this] { return ++m_nextId; };
        h.serverUrl = [] { return QUrl(QStringLiteral("ws://127.0.0.1:9/v1/ws")); };
        h.self = [] { return QStringLiteral("me"); };
        h.cannotSendTo = [this](const QString &) { return m_notMember; };
        h.added = [this](const ChatMessage &m) { m_added << m; };
        h.queue = [this](const OutboxItem &item) {
            m_queued << item;
            return true;
        };
        h.failMessage = [this](const MessageId &id, ErrorCode code, const QString &) {
            m_failed << qMakePair(id, code);
            m_store->markFailed(id);
        };
        h.requeueHeld = [this](const MessageId &id) { return m_store->setQueued(id); };
        m_media = std::make_unique<MediaController>(*m_store, o, h);
    }
    void cleanup()
    {
        m_media.reset();
        m_store.reset();
        m_dir.reset();
    }

    void aFileIsStoredAtOnceAndWaitsForTheConnection()
    {
        const QString path = writeFile(QStringLiteral("notes.txt"), "some notes\n");
        const MessageId id = m_media->sendFile(QStringLiteral("ben"), path, QStringLiteral("hi"));
        QVERIFY(!id.isNull());
        QCOMPARE(m_added.size(), 1);
        QCOMPARE(m_added.first().kind, MessageKind::File);
        QCOMPARE(m_added.first().text, QStringLiteral("hi"));
        QCOMPARE(m_added.first().sender, QStringLiteral("me"));
        const auto a = m_media->attachment(id);
        QCOMPARE(a->state, TransferState::Uploading);
        QCOMPARE(a->file.mime, QStringLiteral("text/plain"));
        QCOMPARE(a->file.kind, protocol::FileKind::File);
        QCOMPARE(a->file.size, 11u);
        QCOMPARE(a->file.cipherSize, 11u + 41u);
        QCOMPARE(a->file.key.size(), 32);
        QVERIFY(a->localPath.startsWith(m_dir->filePath(QStringLiteral("media/sent/"))));
        QVERIFY(QFile::exists(a->localPath));
        QVERIFY(m_sent.isEmpty()); // offline: nothing asked yet
        QVERIFY(m_store->outbox().isEmpty());

        m_media->connected();
        const auto asked = sentOf<protocol::MediaUploadRequest>();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().size, a->file.cipherSize);
        QVERIFY(asked.first().blob.isEmpty());
    }

    void theServersRefusalsFailTheMessageWithTheirReason_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("too large") << int(ErrorCode::MediaTooLarge)
                                   << QStringLiteral("the file is too large for the server");
        QTest::newRow("quota") << int(ErrorCode::QuotaExceeded)
                               << QStringLiteral("your storage on the server is full");
        QTest::newRow("disk full")
            << int(ErrorCode::StorageFull) << QStringLiteral("the server's disk is full");
        QTest::newRow("invalid") << int(ErrorCode::InvalidField)
                                 << QStringLiteral("the server refused the upload");
    }
    void theServersRefusalsFailTheMessageWithTheirReason()
    {
        QFETCH(int, code);
        QFETCH(QString, says);
        m_media->connected();
        const MessageId id =
            m_media->sendFile(QStringLiteral("ben"), writeFile(QStringLiteral("f.bin"), "xyz"));
        QSignalSpy errors(m_media.get(), &MediaClient::errorOccurred);
        const auto asked = sentOf<protocol::MediaUploadRequest>();
        QCOMPARE(asked.size(), 1);
        QVERIFY(m_media->handle(
            refusal(asked.first().requestId, ErrorCode(code), QStringLiteral("limit"))));
        const auto a = m_media->attachment(id);
        QCOMPARE(a->state, TransferState::Failed);
        QVERIFY2(a->error.startsWith(says), qPrintable(a->error));
        QVERIFY(a->error.contains(QStringLiteral("limit"))); // the server's own words too
        QCOMPARE(m_failed.size(), 1);
        QCOMPARE(m_failed.first().second, ErrorCode(code));
        QCOMPARE(m_store->message(id)->state, DeliveryState::Failed);
        QCOMPARE(errors.size(), 1);
        QVERIFY(m_queued.isEmpty());
    }

    void aBusyServerIsAskedAgainLater()
    {
        m_media->connected();
        const MessageId id =
            m_media->sendFile(QStringLiteral("ben"), writeFile(QStringLiteral("f.bin"), "xyz"));
        const auto first = sentOf<protocol::MediaUploadRequest>();
        QVERIFY(m_media->handle(
            refusal(first.first().requestId, ErrorCode::RateLimited, QStringLiteral("slow down"))));
        QCOMPARE(m_media->attachment(id)->state, TransferState::Uploading); // not failed
        QTRY_COMPARE(sentOf<protocol::MediaUploadRequest>().size(), 2);
        QVERIFY(m_failed.isEmpty());
    }

    void aLostReservationStartsANewUpload()
    {
        m_media->connected();
        const MessageId id =
            m_media->sendFile(QStringLiteral("ben"), writeFile(QStringLiteral("f.bin"), "xyz"));
        AttachmentStore(*m_store).setBlob(id, QByteArray(16, '\x07')); // as if reserved before
        m_media->disconnected();
        m_media->connected();
        auto asked = sentOf<protocol::MediaUploadRequest>();
        QCOMPARE(asked.last().blob, QByteArray(16, '\x07')); // a resume first
        QVERIFY(m_media->handle(
            refusal(asked.last().requestId, ErrorCode::UnknownMedia, QStringLiteral("gone"))));
        QTRY_COMPARE(sentOf<protocol::MediaUploadRequest>().size(), asked.size() + 1);
        QVERIFY(sentOf<protocol::MediaUploadRequest>().last().blob.isEmpty()); // a new one
        QCOMPARE(m_media->attachment(id)->state, TransferState::Uploading);
    }

    void refusedBeforeAnythingIsStored()
    {
        QSignalSpy errors(m_media.get(), &MediaClient::errorOccurred);
        QVERIFY(m_media->sendFile(QStringLiteral("ben"), m_dir->filePath(QStringLiteral("none")))
                    .isNull());
        QVERIFY(m_media->sendFile(QStringLiteral("ben"), m_dir->path()).isNull()); // a folder
        QVERIFY(m_media
                    ->sendFile(QStringLiteral("ben"), writeFile(QStringLiteral("c.txt"), "x"),
                               QString(protocol::kMaxTextLength + 1, u'c'))
                    .isNull());
        m_notMember = QStringLiteral("you are not a member of this group");
        QVERIFY(
            m_media->sendFile(QStringLiteral("group:4"), writeFile(QStringLiteral("d.txt"), "x"))
                .isNull());
        QCOMPARE(errors.size(), 4);
        QCOMPARE(errors.last().at(0).toString(), m_notMember);
        QVERIFY(m_added.isEmpty());
        QVERIFY(m_store->conversations().isEmpty());
        QVERIFY(!QDir(m_dir->filePath(QStringLiteral("media/sent"))).exists() ||
                QDir(m_dir->filePath(QStringLiteral("media/sent")))
                    .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                    .isEmpty());
    }

    void imagesUnderTheLimitAreFetchedOthersWait()
    {
        m_media->connected();
        m_media->setAutoDownloadLimit(1000);
        const MessageId small = incomingFile(protocol::FileKind::Image, 1000);
        const MessageId large = incomingFile(protocol::FileKind::Image, 1001);
        const MessageId pdf = incomingFile(protocol::FileKind::File, 10);
        QCOMPARE(m_media->attachment(small)->state, TransferState::Downloading);
        QCOMPARE(m_media->attachment(large)->state, TransferState::Remote);
        QCOMPARE(m_media->attachment(pdf)->state, TransferState::Remote);
        QCOMPARE(sentOf<protocol::MediaDownloadRequest>().size(), 1);
        m_media->setAutoDownloadLimit(0); // never
        const MessageId off = incomingFile(protocol::FileKind::Image, 1);
        QCOMPARE(m_media->attachment(off)->state, TransferState::Remote);
    }

    void aBlobNoLongerOnTheServerFailsTheDownload()
    {
        m_media->connected();
        const MessageId id = incomingFile(protocol::FileKind::File, 10);
        QVERIFY(m_media->download(id));
        const auto asked = sentOf<protocol::MediaDownloadRequest>();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().blob, QByteArray(16, '\x42'));
        QVERIFY(m_media->handle(
            refusal(asked.first().requestId, ErrorCode::UnknownMedia, QStringLiteral("no"))));
        QCOMPARE(m_media->attachment(id)->state, TransferState::Failed);
        QCOMPARE(m_media->attachment(id)->error,
                 QStringLiteral("the file is no longer on the server"));
        QVERIFY(m_failed.isEmpty()); // an incoming message does not fail
    }

    void mediaDoneIsSaidUntilTheServerConfirmsIt()
    {
        const MessageId id = incomingFile(protocol::FileKind::File, 10);
        AttachmentStore(*m_store).setDone(id, m_dir->filePath(QStringLiteral("a.png")));
        m_media->connected();
        auto done = sentOf<protocol::MediaDone>();
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().blob, QByteArray(16, '\x42'));
        // No ok before the line dropped: said again on the next connection.
        m_media->disconnected();
        m_media->connected();
        done = sentOf<protocol::MediaDone>();
        QCOMPARE(done.size(), 2);
        QVERIFY(m_media->handle(protocol::Ok{done.last().requestId}));
        m_media->disconnected();
        m_media->connected();
        QCOMPARE(sentOf<protocol::MediaDone>().size(), 2);
        QVERIFY(!m_media->handle(protocol::Ok{9999})); // not ours
    }
};

QTEST_GUILESS_MAIN(TestClientMedia)
#include "tst_clientmedia.moc"
