// SPDX-License-Identifier: GPL-3.0-or-later
// The client's MediaController without a network: what it asks the server, and what it
// makes of each answer (tickets refused for size, quota, disk; a reservation gone;
// a busy server; media_done's ok), through fake hooks.
#include "media/AttachmentStore.h"
#include "media/MediaController.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QImage>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
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
    QThreadPool m_workers; ///< where the controller copies files to send
    QSemaphore m_hold;     ///< holds the one worker while blockWorkers() says so
    MediaController::Options m_options;
    MediaController::Hooks m_hooks;
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

    /** Keeps the controller's worker busy until the returned guard goes: a copy asked for
     *  meanwhile is observably not made yet. */
    auto blockWorkers()
    {
        m_workers.start([this] { m_hold.acquire(); });
        return qScopeGuard([this] {
            m_hold.release();
            m_workers.waitForDone();
        });
    }

    /** Sends @p bytes as a file and waits until its copy is made (and, online, asked for). */
    MessageId sendCopied(const QString &name, const QByteArray &bytes)
    {
        const MessageId id = m_media->sendFile(QStringLiteral("ben"), writeFile(name, bytes));
        [&] {
            QVERIFY(!id.isNull());
            QTRY_VERIFY(m_media->attachments().preparation(id)->prepared);
        }();
        return id;
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
        m_workers.setMaxThreadCount(1);
        MediaController::Options o;
        o.mediaDirectory = m_dir->filePath(QStringLiteral("media"));
        o.initialRetryMs = 20;
        o.maxRetryMs = 40;
        o.workers = &m_workers;
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
        m_options = o;
        m_hooks = h;
        m_media = std::make_unique<MediaController>(*m_store, o, h);
    }
    void cleanup()
    {
        m_media.reset();
        m_workers.waitForDone();
        m_store.reset();
        m_dir.reset();
    }

    void aFileIsStoredAndShownAtOnceItsCopyIsMadeOnAWorkerThenItWaitsForTheConnection()
    {
        const QString path = writeFile(QStringLiteral("notes.txt"), "some notes\n");
        QSignalSpy changed(m_media.get(), &MediaClient::attachmentChanged);
        auto held = blockWorkers();
        const MessageId id = m_media->sendFile(QStringLiteral("ben"), path, QStringLiteral("hi"));
        // sendFile returned while the worker has not even started the copy.
        QVERIFY(!id.isNull());
        QCOMPARE(m_added.size(), 1);
        QCOMPARE(m_added.first().kind, MessageKind::File);
        QCOMPARE(m_added.first().text, QStringLiteral("hi"));
        QCOMPARE(m_added.first().sender, QStringLiteral("me"));
        QCOMPARE(m_store->message(id)->state, DeliveryState::Queued);
        auto a = m_media->attachment(id);
        QCOMPARE(a->state, TransferState::Uploading);
        QCOMPARE(a->transferred, 0u);
        QCOMPARE(a->file.size, 11u);
        QCOMPARE(a->file.cipherSize, 11u + 41u);
        QCOMPARE(a->file.key.size(), 32);
        QCOMPARE(a->file.name, QStringLiteral("notes.txt"));
        QVERIFY(a->localPath.startsWith(m_dir->filePath(QStringLiteral("media/sent/"))));
        QVERIFY(!QFile::exists(a->localPath));
        QCOMPARE(m_media->attachments().preparation(id)->sourcePath, path);
        QVERIFY(!m_media->attachments().preparation(id)->prepared);
        m_media->connected();
        QVERIFY(m_sent.isEmpty()); // no upload of a copy not yet made

        m_media->disconnected();
        held.dismiss();
        m_hold.release();
        QTRY_COMPARE(changed.size(), 1); // the UI learns the type (and a preview) now
        QCOMPARE(changed.first().at(0).value<MessageId>(), id);
        a = m_media->attachment(id);
        QCOMPARE(a->file.mime, QStringLiteral("text/plain"));
        QCOMPARE(a->file.kind, protocol::FileKind::File);
        QFile copy(a->localPath);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), QByteArray("some notes\n"));
        QCOMPARE(QDir(QFileInfo(a->localPath).absolutePath()).entryList(QDir::Files).size(), 1);
        QVERIFY(m_sent.isEmpty()); // offline: nothing asked yet
        QVERIFY(m_store->outbox().isEmpty());

        m_media->connected();
        const auto asked = sentOf<protocol::MediaUploadRequest>();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().size, a->file.cipherSize);
        QVERIFY(asked.first().blob.isEmpty());
    }

    void anImagesPreviewIsMadeOnTheWorkerAndAnnounced()
    {
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        const QString path = m_dir->filePath(QStringLiteral("photo.png"));
        QVERIFY(image.save(path, "PNG"));
        QSignalSpy changed(m_media.get(), &MediaClient::attachmentChanged);
        auto held = blockWorkers();
        const MessageId id = m_media->sendFile(QStringLiteral("ben"), path);
        QVERIFY(m_media->attachment(id)->file.thumbnail.isEmpty()); // not known yet
        held.dismiss();
        m_hold.release();
        QTRY_COMPARE(changed.size(), 1);
        const auto a = m_media->attachment(id);
        QCOMPARE(a->file.kind, protocol::FileKind::Image);
        QCOMPARE(a->file.mime, QStringLiteral("image/png"));
        QVERIFY(!a->file.thumbnail.isEmpty());
        QCOMPARE(a->file.width, 640u);
        QCOMPARE(a->file.height, 480u);
    }

    void aCopyTheAppDidNotFinishIsMadeAgainFromTheOriginalAfterARestart()
    {
        const QString path = writeFile(QStringLiteral("report.pdf"), QByteArray(70000, 'r'));
        MessageId id;
        {
            auto held = blockWorkers();
            id = m_media->sendFile(QStringLiteral("ben"), path);
            m_media.reset(); // the app quits before the copy is made
        }
        const QString copy = AttachmentStore(*m_store).attachment(id)->localPath;
        QVERIFY(!QFile::exists(copy)); // the cancelled copy left nothing under its name
        QVERIFY(!QFileInfo(copy).dir().exists() ||
                QFileInfo(copy).dir().entryList(QDir::Files | QDir::Hidden).isEmpty());
        // A crash could leave a part under a temporary name; never under the final one.
        QDir().mkpath(QFileInfo(copy).absolutePath());
        QFile part(copy + QStringLiteral(".AbC123"));
        QVERIFY(part.open(QIODevice::WriteOnly) && part.write("half") == 4);
        part.close();

        m_media = std::make_unique<MediaController>(*m_store, m_options, m_hooks);
        m_media->connected();
        QTRY_COMPARE(sentOf<protocol::MediaUploadRequest>().size(), 1);
        QFile made(copy);
        QVERIFY(made.open(QIODevice::ReadOnly));
        QCOMPARE(made.readAll(), QByteArray(70000, 'r'));
        QCOMPARE(m_media->attachment(id)->state, TransferState::Uploading);
        QVERIFY(m_failed.isEmpty());
    }

    void aCopyTheAppDidNotFinishFailsClearlyWhenTheOriginalIsGone_data()
    {
        QTest::addColumn<bool>("removed"); // else: changed size
        QTest::newRow("removed") << true;
        QTest::newRow("changed") << false;
    }
    void aCopyTheAppDidNotFinishFailsClearlyWhenTheOriginalIsGone()
    {
        QFETCH(bool, removed);
        const QString path = writeFile(QStringLiteral("draft.txt"), "first version");
        MessageId id;
        {
            auto held = blockWorkers();
            id = m_media->sendFile(QStringLiteral("ben"), path);
            m_media.reset();
        }
        if (removed)
            QVERIFY(QFile::remove(path));
        else
            QVERIFY(!writeFile(QStringLiteral("draft.txt"), "the second version").isEmpty());

        m_media = std::make_unique<MediaController>(*m_store, m_options, m_hooks);
        QSignalSpy errors(m_media.get(), &MediaClient::errorOccurred);
        m_media->connected();
        QTRY_COMPARE(m_media->attachment(id)->state, TransferState::Failed);
        QCOMPARE(m_media->attachment(id)->error, QStringLiteral("the file to send is gone"));
        QCOMPARE(m_failed.size(), 1);
        QCOMPARE(m_store->message(id)->state, DeliveryState::Failed);
        QCOMPARE(errors.size(), 1);
        QVERIFY(sentOf<protocol::MediaUploadRequest>().isEmpty());
        QVERIFY(!QFile::exists(m_media->attachment(id)->localPath));
    }

    void aCopyThatCannotBeWrittenFailsTheMessageAndLeavesNothing()
    {
        // Where the copies go is taken by a file: no copy can be written there.
        QDir().mkpath(m_dir->filePath(QStringLiteral("media")));
        QVERIFY(!writeFile(QStringLiteral("media/sent"), "in the way").isEmpty());
        m_media->connected();
        const MessageId id =
            m_media->sendFile(QStringLiteral("ben"), writeFile(QStringLiteral("big.bin"), "xyz"));
        QVERIFY(!id.isNull());
        QTRY_COMPARE(m_media->attachment(id)->state, TransferState::Failed);
        QCOMPARE(m_media->attachment(id)->error,
                 QStringLiteral("cannot copy big.bin into the profile (is the disk full?)"));
        QCOMPARE(m_failed.size(), 1);
        QCOMPARE(m_store->message(id)->state, DeliveryState::Failed);
        QVERIFY(sentOf<protocol::MediaUploadRequest>().isEmpty());
        QVERIFY(m_store->message(id).has_value()); // nothing else is lost

        // With room again, "send again" copies it and uploads.
        QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("media/sent"))));
        QVERIFY(m_media->retry(id));
        QTRY_COMPARE(sentOf<protocol::MediaUploadRequest>().size(), 1);
        QCOMPARE(m_store->message(id)->state, DeliveryState::Queued);
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
        const MessageId id = sendCopied(QStringLiteral("f.bin"), "xyz");
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
        const MessageId id = sendCopied(QStringLiteral("f.bin"), "xyz");
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
        const MessageId id = sendCopied(QStringLiteral("f.bin"), "xyz");
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

    void aDownloadsPartFileIsReopenedOnAWorkerNotOnTheAppsThread()
    {
        // Going on from a part file re-encrypts what it holds (seconds for a large file):
        // the ticket's arrival must not do that on the thread that handles it.
        m_media->connected();
        const MessageId id = incomingFile(protocol::FileKind::File, 10);
        const QString part =
            m_dir->filePath(QStringLiteral("media/partial/%1.part").arg(id.toHex()));
        QVERIFY(QDir().mkpath(QFileInfo(part).absolutePath()));
        const QByteArray leftOver("what an earlier run left");
        {
            QFile f(part);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(leftOver), leftOver.size());
        }
        QVERIFY(m_media->download(id));
        const auto asked = sentOf<protocol::MediaDownloadRequest>();
        QCOMPARE(asked.size(), 1);
        protocol::MediaTicket t;
        t.requestId = asked.first().requestId;
        t.blob = asked.first().blob;
        t.ticket = QByteArray("ticket");
        t.size = 10 + 41;
        t.expires = QDateTime::currentMSecsSinceEpoch() + 60000;
        {
            const auto held = blockWorkers();
            QVERIFY(m_media->handle(t));
            QCoreApplication::processEvents();
            // Not opened yet: the part file is untouched while the worker is busy.
            QCOMPARE(QFileInfo(part).size(), leftOver.size());
            QCOMPARE(m_media->attachment(id)->state, TransferState::Downloading);
        }
        // Opened by the worker: no header beside it, so not this blob's, started over.
        QTRY_COMPARE(QFileInfo(part).size(), 0);
        QCOMPARE(m_media->attachment(id)->state, TransferState::Downloading);
    }

    void aDownloadCancelledWhileItsPartFileOpensLeavesNothing()
    {
        m_media->connected();
        const MessageId id = incomingFile(protocol::FileKind::File, 10);
        QVERIFY(m_media->download(id));
        const auto asked = sentOf<protocol::MediaDownloadRequest>();
        QCOMPARE(asked.size(), 1);
        protocol::MediaTicket t;
        t.requestId = asked.first().requestId;
        t.blob = asked.first().blob;
        t.ticket = QByteArray("ticket");
        t.size = 10 + 41;
        t.expires = QDateTime::currentMSecsSinceEpoch() + 60000;
        {
            const auto held = blockWorkers();
            QVERIFY(m_media->handle(t));
            m_media->cancel(id);
        }
        m_workers.waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(m_media->attachment(id)->state, TransferState::Cancelled);
        QCOMPARE(sentOf<protocol::MediaDownloadRequest>().size(), 1); // nothing asked again
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
