// SPDX-License-Identifier: GPL-3.0-or-later
// MediaTransfer on an in-memory stream whose peer reads only when the test says
// so: a download never has more than a bounded amount of the blob out at once,
// whatever its size, and goes on as the output drains; an upload goes straight
// to the file.
#include "SqliteStoreFixture.h"
#include "ServerConfig.h"
#include "media/FileBlobStore.h"
#include "media/MediaHttp.h"
#include "media/MediaTransfer.h"
#include "protocol/Limits.h"

using namespace linnet::server;

namespace linnet::test {

namespace {

/** Keeps what is written until the test lets the peer read it (drain()). */
class HeldStream final : public ByteStream {
public:
    QByteArray written; ///< not read by the peer yet
    qint64 everWritten = 0;
    qint64 mostPending = 0;
    bool closed = false;
    Listener *listener = nullptr;

    void setListener(Listener *l) override { listener = l; }
    void write(QByteArrayView bytes) override
    {
        written.append(bytes);
        everWritten += bytes.size();
        mostPending = std::max<qint64>(mostPending, written.size());
    }
    void closeAfterWrites() override { closed = true; }
    void abort() override { closed = true; }
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }
    qint64 pendingBytes() const override { return written.size(); }
    QObject *context() const override { return const_cast<QObject *>(&m_context); }

    /** The peer reads everything; the stream says so. */
    QByteArray drain()
    {
        const QByteArray out = std::exchange(written, QByteArray());
        if (listener)
            listener->streamDrained();
        return out;
    }

private:
    QObject m_context;
};

} // namespace

class TestMediaTransfer : public SqliteStoreTest {
    Q_OBJECT

    ServerConfig m_config;
    std::unique_ptr<FileBlobStore> m_blobs;
    std::unique_ptr<MediaTickets> m_tickets;
    std::unique_ptr<MediaHttp> m_http;

    QByteArray request(const QByteArray &method, const QByteArray &blob, TicketDirection direction,
                       const QByteArray &more = {})
    {
        const QByteArray ticket = m_tickets->issue(
            {direction, blob,
             direction == TicketDirection::Upload ? m_ana.devices[0] : m_carl.devices[0],
             QDateTime::currentMSecsSinceEpoch() + 60000});
        return method + " /v1/media/" + blob.toHex() +
               " HTTP/1.1\r\nHost: x\r\nAuthorization: " + "Bearer " +
               ticket.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
               "\r\n" + more + "\r\n";
    }

private Q_SLOTS:
    void init()
    {
        setUp();
        m_blobs = std::make_unique<FileBlobStore>(m_dir->filePath(QStringLiteral("media")));
        QVERIFY(m_blobs->open());
        m_tickets = std::make_unique<MediaTickets>(QByteArray(MediaTickets::kKeyBytes, 'k'));
        m_http = std::make_unique<MediaHttp>(m_store->media(), *m_blobs, *m_tickets, m_config);
    }

    void cleanup()
    {
        m_http.reset();
        tearDown();
    }

    void aDownloadKeepsOnlyABoundedPartOfTheBlobOutAtOnce()
    {
        const qint64 size = 5 * 1024 * 1024 + 17;
        const QByteArray blob(protocol::kBlobIdBytes, '\x01');
        QByteArray bytes(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            bytes[i] = char(i % 251);
        m_store->media().createBlob({blob, m_ana.id, m_ana.devices[0], size, true, false, 1, 1});
        QVERIFY(m_blobs->openForAppend(blob, 0).value()->write(bytes));
        SendWrite s = send(m_ana, 0, m_carl, makeId(1), 2);
        s.media = {blob};
        WriteBatch batch;
        batch.sends.push_back(s);
        commit(batch);

        auto owned = std::make_unique<HeldStream>();
        HeldStream *stream = owned.get();
        m_http->accept(std::move(owned), request("GET", blob, TicketDirection::Download),
                       ConnectionAdmission::HandOver::Serve);
        QByteArray received;
        for (int rounds = 0; !stream->closed || !stream->written.isEmpty(); ++rounds) {
            QVERIFY2(rounds < 1000, "the download stopped going on");
            QVERIFY(stream->written.size() <=
                    MediaTransfer::kHighWater + MediaTransfer::kPieceBytes);
            received += stream->drain();
        }
        QVERIFY(stream->mostPending <= MediaTransfer::kHighWater + MediaTransfer::kPieceBytes);
        const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
        QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(received.sliced(headEnd) == bytes);
    }

    void anUploadGoesStraightToTheFile()
    {
        const QByteArray blob(protocol::kBlobIdBytes, '\x02');
        const qint64 size = 3 * 1024 * 1024;
        m_store->media().createBlob({blob, m_ana.id, m_ana.devices[0], size, false, false, 1, 1});
        auto owned = std::make_unique<HeldStream>();
        HeldStream *stream = owned.get();
        m_http->accept(std::move(owned),
                       request("PUT", blob, TicketDirection::Upload,
                               "Content-Length: " + QByteArray::number(size) + "\r\n"),
                       ConnectionAdmission::HandOver::Serve);
        const QByteArray piece(256 * 1024, 'u');
        for (qint64 sent = 0; sent < size; sent += piece.size()) {
            stream->listener->streamData(piece);
            // Every byte is in the file as soon as it has arrived: nothing waits here.
            QCOMPARE(m_blobs->size(blob), sent + piece.size());
        }
        QVERIFY(stream->written.startsWith("HTTP/1.1 201 Created\r\n"));
        QVERIFY(m_store->media().blob(blob)->complete);
        QVERIFY(m_http->isBusy(blob) == false);
    }
};

} // namespace linnet::test

QTEST_GUILESS_MAIN(linnet::test::TestMediaTransfer)
#include "tst_mediatransfer.moc"
