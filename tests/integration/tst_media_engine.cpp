// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments through the client engine (ChatClient::media()) and the real server:
// files arrive intact (the same bytes) on every device they are for, a removed member
// cannot fetch, transfers resume after the server is killed, a tampered blob is refused,
// and the server's size and quota limits reach the user.
#include "GroupClientTestSupport.h"
#include "MediaClientTestSupport.h"
#include "media/AttachmentStore.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QRandomGenerator>

using namespace linnet::test;
using namespace linnet::test::groups;
using linnet::test::media::randomBytes;
using linnet::test::media::sha256Of;
using linnet::test::media::SmallFolder;
using linnet::test::media::writeBytes;

class TestMediaEngine : public ClientGroupsTest {
    Q_OBJECT

private:
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        return writeBytes(m_root.filePath(QStringLiteral("originals/") + name), bytes);
    }

    QString writeImage(const QString &name, int width, int height)
    {
        QImage image(width, height, QImage::Format_RGB32);
        image.fill(QColor(40, 120, 200));
        for (int x = 0; x < width; x += 7)
            image.setPixelColor(x, x % height, Qt::yellow);
        const QString path = m_root.filePath(QStringLiteral("originals/") + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        return image.save(path, "PNG") ? path : QString();
    }

    /** Another device of @p user's account, logged in and with its keys published. */
    std::unique_ptr<Member> secondDevice(Member &user, ServerProcess *server = nullptr)
    {
        server = server ? server : m_server.get();
        auto m = std::make_unique<Member>();
        m->name = user.name;
        const QString dir = m_root.filePath(user.name + QStringLiteral("-2"));
        QDir().mkpath(dir);
        m->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
        if (!m->store->open())
            return nullptr;
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        m->client = std::make_unique<ChatClient>(*m->store, m->secrets, o);
        if (!copyAccountKey(user.secrets, m->secrets)) // approved by the user's first device
            return nullptr;
        QSignalSpy published(m->client.get(), &ChatClient::keysPublished);
        m->client->login(server->url(), user.name, QStringLiteral("correct horse"));
        if (!published.wait(kTimeout))
            return nullptr;
        return m;
    }

    /** The blob file of @p blob in @p server's data directory. */
    static QString blobFile(const ServerProcess &server, const QByteArray &blob)
    {
        QDirIterator it(server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        const QString name = QString::fromLatin1(blob.toHex());
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).fileName() == name)
                return path;
        }
        return {};
    }

    static QStringList filesIn(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden);
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            m_server->warnOutputIfTestFailed();
    }

    void anImageArrivesIntactOnTheRecipientAndOnTheSendersOtherDevice()
    {
        auto people = members(QStringLiteral("img"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        auto alice2 = secondDevice(alice);
        QVERIFY(alice2);
        const QString photo = writeImage(QStringLiteral("beach.png"), 1200, 800);
        QVERIFY(!photo.isEmpty());

        QSignalSpy bobGot(bob.client.get(), &ChatClient::messageAdded);
        const MessageId id =
            alice.client->media().sendFile(bob.name, photo, QStringLiteral("the beach"));
        QVERIFY(!id.isNull());
        // Stored at once, the clock showing, the upload under way.
        QCOMPARE(alice.store->message(id)->kind, MessageKind::File);
        QCOMPARE(alice.store->message(id)->state, DeliveryState::Queued);
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(alice.attachmentState(id), TransferState::Uploaded);
        const auto own = alice.client->media().attachment(id);
        QVERIFY(QFileInfo(own->localPath).absoluteFilePath().startsWith(m_root.path()));
        QVERIFY(own->localPath.contains(QStringLiteral("/media/sent/")));

        // Bob's device fetched it by itself (an image under the limit) and it is the same.
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        const auto got = bob.client->media().attachment(id);
        QCOMPARE(sha256Of(got->localPath), sha256Of(photo));
        QCOMPARE(got->file.name, QStringLiteral("beach.png"));
        QCOMPARE(got->file.kind, FileKind::Image);
        QCOMPARE(got->file.mime, QStringLiteral("image/png"));
        QCOMPARE(got->file.width, 1200u);
        QCOMPARE(got->file.height, 800u);
        QVERIFY(!got->file.thumbnail.isEmpty());
        QCOMPARE(bob.store->message(id)->text, QStringLiteral("the beach"));
        QCOMPARE(bob.store->message(id)->kind, MessageKind::File);
        QVERIFY(got->localPath.startsWith(QFileInfo(bob.store->path()).absolutePath()));

        // Alice's other device got her copy of the message and fetched it too.
        QTRY_COMPARE_WITH_TIMEOUT(alice2->attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(alice2->client->media().attachment(id)->localPath), sha256Of(photo));
        QVERIFY(alice2->store->message(id)->outgoing);
    }

    void aFileWaitsForAClickAndIsSavedUnderASafeUniqueName()
    {
        auto people = members(QStringLiteral("doc"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QByteArray bytes = randomBytes(300 * 1024 + 3);
        const QString path = writeFile(QStringLiteral("report.pdf"), bytes);
        const MessageId first = alice.client->media().sendFile(bob.name, path);
        const MessageId second = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(second).has_value(), kTimeout);
        QCOMPARE(bob.attachmentState(first), TransferState::Remote); // no image: it waits
        QVERIFY(bob.client->media().download(first));
        QVERIFY(bob.client->media().download(second));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(first), TransferState::Done, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(second), TransferState::Done, kTimeout);
        const QString a = bob.client->media().attachment(first)->localPath;
        const QString b = bob.client->media().attachment(second)->localPath;
        QVERIFY(a != b); // the second never overwrites the first
        QCOMPARE(QFileInfo(a).absolutePath(), bob.client->media().downloadDirectory());
        QCOMPARE(sha256Of(a), sha256Of(path));
        QCOMPARE(sha256Of(b), sha256Of(path));
        QVERIFY(!bob.client->media().download(first)); // it is here already
    }

    void aVoiceNoteArrivesAsOneWithItsLengthAndWaveformAndIsFetchedByItself()
    {
        auto people = members(QStringLiteral("voice"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        // The engine does not look inside: any bytes named like a recording will do here
        // (tst_voicenotes records real ones).
        const QByteArray bytes = randomBytes(40 * 1024);
        const QString path = writeFile(QStringLiteral("Voice message.ogg"), bytes);
        QByteArray wave;
        for (int i = 0; i < 64; ++i)
            wave.append(char(i * 4));
        const MessageId id = alice.client->media().sendVoiceNote(bob.name, path, 4'321, wave);
        QVERIFY(!id.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        // Still a voice note once its copy is made (not "audio" by its type), waveform kept.
        const auto own = alice.client->media().attachment(id);
        QCOMPARE(own->file.kind, FileKind::Voice);
        QCOMPARE(own->file.durationMs, 4'321u);
        QCOMPARE(own->file.waveform, wave);
        QVERIFY(own->file.thumbnail.isEmpty());

        // Bob's device fetched it without a click, as a chat app does with voice notes.
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        const auto got = bob.client->media().attachment(id);
        QCOMPARE(got->file.kind, FileKind::Voice);
        QCOMPARE(got->file.durationMs, 4'321u);
        QCOMPARE(got->file.waveform, wave);
        QCOMPARE(sha256Of(got->localPath), sha256Of(path));
        QVERIFY(QFileInfo::exists(path)); // the recording stays the caller's
    }

    void aGroupFileReachesEveryMemberDeviceIncludingOneOfflineDuringTheSend()
    {
        auto people = members(QStringLiteral("grp"), 3);
        QVERIFY(people.size() == 3);
        Member &alice = *people[0];
        Member &bob = *people[1];
        Member &carol = *people[2];
        const QString key = createGroup(alice, {&bob, &carol}, QStringLiteral("files"));
        QVERIFY(!key.isEmpty());
        carol.client->stop();
        QTRY_COMPARE(carol.client->state(), ConnectionState::Offline);

        const QString path = writeFile(QStringLiteral("minutes.txt"), randomBytes(200 * 1024));
        const MessageId id = alice.client->media().sendFile(key, path, QStringLiteral("minutes"));
        QVERIFY(!id.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(alice.store->message(id)->seq > 0, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), kTimeout);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));

        carol.client->start();
        QTRY_VERIFY_WITH_TIMEOUT(carol.store->message(id).has_value(), kTimeout);
        QCOMPARE(carol.store->message(id)->conversation, key);
        QVERIFY(carol.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(carol.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(carol.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void aRemovedMemberCannotFetchABlobSentAfterTheRemoval()
    {
        auto people = members(QStringLiteral("rm"), 3);
        QVERIFY(people.size() == 3);
        Member &alice = *people[0];
        Member &bob = *people[1];
        Member &carol = *people[2];
        const QString key = createGroup(alice, {&bob, &carol}, QStringLiteral("after"));
        QVERIFY(!key.isEmpty());
        QSignalSpy removed(&alice.client->groups(), &GroupClient::requestFinished);
        QVERIFY(alice.client->groups().removeMember(key, carol.name) != 0);
        QTRY_VERIFY_WITH_TIMEOUT(!removed.isEmpty(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!carol.client->groups().group(key)->member, kTimeout);

        const QString path = writeFile(QStringLiteral("secret.txt"), randomBytes(64 * 1024));
        const MessageId id = alice.client->media().sendFile(key, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), kTimeout);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QVERIFY(!carol.store->message(id).has_value());

        // Even knowing everything (blob id, key, hash), carol's device gets no ticket.
        ChatMessage forged;
        forged.id = MessageId::generate();
        forged.conversation = alice.name;
        forged.sender = alice.name;
        forged.seq = 0;
        forged.sentAt = 1;
        forged.kind = MessageKind::File;
        const auto file = alice.client->media().attachment(id)->file;
        QVERIFY(carol.store->addIncoming(forged, 0, AttachmentStore::incoming(forged.id, file)));
        QSignalSpy refused(&carol.client->media(), &MediaClient::errorOccurred);
        QVERIFY(carol.client->media().download(forged.id));
        QTRY_COMPARE_WITH_TIMEOUT(carol.attachmentState(forged.id), TransferState::Failed,
                                  kTimeout);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(carol.client->media().attachment(forged.id)->error,
                 QStringLiteral("the file is no longer on the server"));
        QVERIFY(filesIn(carol.client->media().downloadDirectory()).isEmpty());
    }

    void aTamperedBlobIsRefusedAndShownAsFailed()
    {
        auto people = members(QStringLiteral("tamper"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("contract.txt"), randomBytes(150 * 1024));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), kTimeout);
        const QString stored = blobFile(*m_server, alice.client->media().attachment(id)->file.blob);
        QVERIFY2(!stored.isEmpty(), "the blob is in the server's data directory");
        {
            QFile f(stored);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(f.size() / 2));
            char c = 0;
            QVERIFY(f.getChar(&c));
            QVERIFY(f.seek(f.size() / 2));
            QVERIFY(f.putChar(char(c ^ 0x20)));
        }
        QSignalSpy refused(&bob.client->media(), &MediaClient::errorOccurred);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Failed, kTimeout);
        const auto a = bob.client->media().attachment(id);
        QVERIFY2(a->error.contains(QStringLiteral("tampered")), qPrintable(a->error));
        QVERIFY(a->localPath.isEmpty());
        QCOMPARE(refused.size(), 1);
        // Nothing half-written anywhere: not in the downloads, not as a part file.
        QVERIFY(filesIn(bob.client->media().downloadDirectory()).isEmpty());
        QVERIFY(
            filesIn(QFileInfo(bob.store->path()).absolutePath() + QStringLiteral("/media/partial"))
                .isEmpty());
    }

    void theServersSizeAndQuotaLimitsReachTheUser()
    {
        ServerProcess small(ServerProcess::openRegistration(),
                            QByteArrayLiteral("media_max_bytes = 100000\n"
                                              "media_quota_bytes = 150000\n"));
        QVERIFY2(small.start(), qPrintable(small.errorString()));
        auto people = members(QStringLiteral("quota"), 2, &small);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];

        QSignalSpy problems(&alice.client->media(), &MediaClient::errorOccurred);
        const MessageId big = alice.client->media().sendFile(
            bob.name, writeFile(QStringLiteral("big.bin"), randomBytes(200 * 1000)));
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(big)->state, DeliveryState::Failed,
                                  kTimeout);
        QCOMPARE(alice.attachmentState(big), TransferState::Failed);
        QVERIFY2(alice.client->sendProblem(big).contains(QStringLiteral("too large")),
                 qPrintable(alice.client->sendProblem(big)));
        QCOMPARE(problems.size(), 1);

        const MessageId fits = alice.client->media().sendFile(
            bob.name, writeFile(QStringLiteral("fits.bin"), randomBytes(90 * 1000)));
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(fits)->state, DeliveryState::Delivered,
                                  kTimeout);
        const MessageId over = alice.client->media().sendFile(
            bob.name, writeFile(QStringLiteral("over.bin"), randomBytes(90 * 1000)));
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(over)->state, DeliveryState::Failed,
                                  kTimeout);
        QVERIFY2(alice.client->sendProblem(over).contains(QStringLiteral("storage")),
                 qPrintable(alice.client->sendProblem(over)));
        people.clear();
        QCOMPARE(small.stop(), 0);
    }

    void badFilesAreRefusedBeforeAnythingIsStored()
    {
        auto people = members(QStringLiteral("bad"), 1);
        QVERIFY(people.size() == 1);
        Member &alice = *people[0];
        QSignalSpy refused(&alice.client->media(), &MediaClient::errorOccurred);
        QVERIFY(alice.client->media()
                    .sendFile(QStringLiteral("nobody"), m_root.filePath(QStringLiteral("missing")))
                    .isNull());
        QVERIFY(alice.client->media().sendFile(QStringLiteral("nobody"), m_root.path()).isNull());
        QVERIFY(
            alice.client->media()
                .sendFile(QStringLiteral("group:999999"), writeFile(QStringLiteral("x.txt"), "x"))
                .isNull());
        QCOMPARE(refused.size(), 3);
        QVERIFY(refused.at(0).at(0).toString().contains(QStringLiteral("no file")));
        QVERIFY(alice.store->conversations().isEmpty());
    }

    void aCancelledUploadFailsTheMessageAndARetrySendsIt()
    {
        auto people = members(QStringLiteral("cnu"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("draft.bin"), randomBytes(512 * 1024));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        alice.client->media().cancel(id);
        QCOMPARE(alice.attachmentState(id), TransferState::Cancelled);
        QCOMPARE(alice.store->message(id)->state, DeliveryState::Failed);
        QCOMPARE(alice.client->sendProblem(id), QStringLiteral("the upload was cancelled"));
        QTest::qWait(300); // nothing goes out behind the user's back
        QVERIFY(!bob.store->message(id).has_value());

        QVERIFY(alice.client->retryMessage(id)); // the chat's "send again"
        QCOMPARE(alice.store->message(id)->state, DeliveryState::Queued);
        QCOMPARE(alice.client->sendProblem(id), QString());
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void deletingTheChatStopsItsTransfersAndDropsTheProfilesCopies()
    {
        auto people = members(QStringLiteral("del"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        alice.client->stop();
        const MessageId id = alice.client->media().sendFile(
            bob.name, writeFile(QStringLiteral("gone.bin"), randomBytes(1000)));
        const QString copy = alice.client->media().attachment(id)->localPath;
        QTRY_VERIFY(QFile::exists(copy)); // made on a worker
        QVERIFY(alice.client->deleteConversation(bob.name));
        QVERIFY(!QFile::exists(copy));
        QVERIFY(!alice.client->media().attachment(id));
        alice.client->start(); // nothing of it goes out
        QTRY_COMPARE(alice.client->state(), ConnectionState::Online);
        QTest::qWait(300);
        QVERIFY(!bob.store->message(id).has_value());
    }

    void aCancelledDownloadCanBeRetried()
    {
        auto people = members(QStringLiteral("cnd"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("film.bin"), randomBytes(256 * 1024));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), kTimeout);
        QVERIFY(bob.client->media().download(id));
        bob.client->media().cancel(id);
        QCOMPARE(bob.attachmentState(id), TransferState::Cancelled);
        QVERIFY(!bob.client->media().retry(MessageId::generate()));
        QVERIFY(bob.client->media().retry(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
        QVERIFY(!bob.client->media().retry(id)); // nothing to retry once done
    }

    void aFullDiskFailsTheDownloadClearlyAndARetryAfterwardsSavesIt()
    {
        if (!SmallFolder::possible())
            QSKIP(SmallFolder::kSkipReason);
        auto people = members(QStringLiteral("full"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const SmallFolder disk(m_root.filePath(QStringLiteral("small-downloads")));
        QVERIFY(disk.mounted());
        const QString small = disk.path();
        bob.client->media().setDownloadDirectory(small);
        const QString path = writeFile(QStringLiteral("large.bin"), randomBytes(3 * 1024 * 1024));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), kTimeout);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Failed, kTimeout);
        const auto failed = bob.client->media().attachment(id);
        QVERIFY2(failed->error.startsWith(QStringLiteral("cannot save the file")),
                 qPrintable(failed->error));
        QVERIFY(filesIn(small).isEmpty()); // nothing half-written left behind
        // The rest of the profile is untouched: the message is there, others still arrive.
        QCOMPARE(bob.store->message(id)->kind, MessageKind::File);
        const MessageId text = alice.client->sendText(bob.name, QStringLiteral("still here"));
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(text).has_value(), kTimeout);

        // With room again, a retry saves it from what was fetched (no second download).
        bob.client->media().setDownloadDirectory(m_root.filePath(QStringLiteral("roomy")));
        QVERIFY(bob.client->media().retry(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void anUploadResumesAfterTheServerIsKilledMidway()
    {
        auto people = members(QStringLiteral("upk"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        // Large enough that the upload is still going when the first progress comes.
        const QString path = writeFile(QStringLiteral("big.bin"), randomBytes(128 * 1024 * 1024));
        bool killed = false;
        quint64 firstAfterRestart = 0;
        connect(&alice.client->media(), &MediaClient::transferProgress, this,
                [&](const MessageId &, const QString &, quint64 done, quint64 total) {
                    if (!killed && done > 0 && done < total) {
                        killed = true;
                        m_server->kill();
                    } else if (killed && firstAfterRestart == 0 && m_server->isRunning()) {
                        firstAfterRestart = done;
                    }
                });
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(killed, kTimeout);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  2 * kTimeout);
        QVERIFY2(firstAfterRestart > 0, "the upload went on from what the server had");
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, 2 * kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
        disconnect(&alice.client->media(), nullptr, this, nullptr);
    }

    void anUploadGoesOnAfterTheAppIsRestartedMidway()
    {
        auto people = members(QStringLiteral("upr"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("long.bin"), randomBytes(128 * 1024 * 1024));
        bool quit = false;
        connect(&alice.client->media(), &MediaClient::transferProgress, this,
                [&](const MessageId &, const QString &, quint64 done, quint64 total) {
                    if (done > 0 && done < total)
                        quit = true;
                });
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(quit, kTimeout);
        // The app quits mid-upload; the next run goes on where the server is.
        alice.client.reset();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        alice.client = std::make_unique<ChatClient>(*alice.store, alice.secrets, o);
        quint64 resumedFrom = 0;
        connect(&alice.client->media(), &MediaClient::transferProgress, this,
                [&](const MessageId &, const QString &, quint64 done, quint64) {
                    if (resumedFrom == 0)
                        resumedFrom = done;
                });
        alice.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  2 * kTimeout);
        QVERIFY2(resumedFrom > 0, "the upload went on from what the server had");
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, 2 * kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void aDownloadResumesAfterTheServerIsKilledMidway()
    {
        auto people = members(QStringLiteral("dnk"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("big2.bin"), randomBytes(48 * 1024 * 1024));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(id).has_value(), 2 * kTimeout);
        bool killed = false;
        quint64 firstAfterRestart = 0;
        connect(&bob.client->media(), &MediaClient::transferProgress, this,
                [&](const MessageId &, const QString &, quint64 done, quint64 total) {
                    if (!killed && done > 0 && done < total / 2) {
                        killed = true;
                        m_server->kill();
                    } else if (killed && firstAfterRestart == 0 && m_server->isRunning()) {
                        firstAfterRestart = done;
                    }
                });
        QVERIFY(bob.client->media().download(id));
        QTRY_VERIFY_WITH_TIMEOUT(killed, kTimeout);
        // The app quits too; the part file stays and the next run goes on from it.
        bob.client.reset();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        bob.client = std::make_unique<ChatClient>(*bob.store, bob.secrets, o);
        connect(&bob.client->media(), &MediaClient::transferProgress, this,
                [&](const MessageId &, const QString &, quint64 done, quint64) {
                    if (firstAfterRestart == 0)
                        firstAfterRestart = done;
                });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        bob.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, 2 * kTimeout);
        QVERIFY2(firstAfterRestart > 0, "the download went on from the part file");
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }
};

QTEST_MAIN(TestMediaEngine)
#include "tst_media_engine.moc"
