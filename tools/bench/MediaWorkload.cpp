// SPDX-License-Identifier: GPL-3.0-or-later
// The media workload: attachments through the whole path (encrypt, upload, store,
// download, decrypt) on the real server, one large file and many at once.
#include "EventWait.h"
#include "MediaPeer.h"
#include "Workloads.h"

#include "crypto/Sodium.h"
#include "media/AttachmentCipher.h"
#include "media/BlobTransfer.h"
#include "media/DecryptingWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <memory>

namespace linnet::bench {

using namespace linnet::protocol;
using client::BlobTransfer;
using client::TransferOutcome;

namespace {

constexpr int kStepTimeoutMs = 30000;
constexpr int kTransferTimeoutMs = 30 * 60 * 1000;
/** The server lets one device run this many transfers at once (media_transfers_per_device). */
constexpr int kTransfersPerDevice = 4;

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

/** Starts a new VmHWM peak for @p pid (0: this process): writes 5 to clear_refs. */
void resetPeak(qint64 pid)
{
    QFile f(pid ? QStringLiteral("/proc/%1/clear_refs").arg(pid)
                : QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

/** A file of @p size bytes that does not repeat within a chunk: random 1 MiB, varied per MiB. */
bool writePlaintext(const QString &path, quint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray block = crypto::randomBytes(1 << 20);
    for (quint64 at = 0; at < size;) {
        const qsizetype n = qsizetype(qMin<quint64>(quint64(block.size()), size - at));
        block[0] = char(at >> 20);
        if (file.write(block.constData(), n) != n)
            return false;
        at += quint64(n);
    }
    return true;
}

QString describe(const std::optional<Frame> &reply)
{
    if (!reply)
        return QStringLiteral("no answer");
    if (const auto *e = std::get_if<ErrorFrame>(&*reply))
        return QStringLiteral("error %1: %2").arg(int(e->code)).arg(e->reason);
    return QStringLiteral("an unexpected answer");
}

/** One attachment on its way: the plaintext's key, its reader, its blob and transfers. */
struct Attachment {
    QByteArray key = media::newKey();
    QByteArray header = media::EncryptingReader::newHeader();
    std::unique_ptr<media::EncryptingReader> reader;
    QByteArray blob;
    QString part;
    std::unique_ptr<media::DecryptingWriter> writer; ///< decrypts the download as it comes
    std::unique_ptr<BlobTransfer> transfer;
    std::optional<TransferOutcome> outcome;
};

/** Starts @p a's transfer; its outcome lands in a.outcome. */
BlobTransfer &newTransfer(Attachment &a, const QUrl &url)
{
    a.outcome.reset();
    a.transfer = std::make_unique<BlobTransfer>(url, QSslConfiguration::defaultConfiguration());
    QObject::connect(a.transfer.get(), &BlobTransfer::finished, a.transfer.get(),
                     [&a](const TransferOutcome &o) { a.outcome = o; });
    return *a.transfer;
}

struct Phases {
    MediaResult &r;
    ServerHandle &server;
    QString dir;

    void fail(const QString &why)
    {
        if (r.errorSamples.size() < 8)
            r.errorSamples << why;
    }

    /** Samples both processes' CPU now, for a phase's cost. */
    struct Clock {
        QElapsedTimer wall;
        ProcSample server0, client0;
    };
    Clock start()
    {
        resetPeak(server.pid());
        resetPeak(0);
        Clock c;
        c.server0 = server.sample();
        c.client0 = sampleProcess(0);
        c.wall.start();
        return c;
    }
    MediaCost finish(const Clock &c, quint64 throughServer)
    {
        MediaCost cost;
        cost.seconds = seconds(c.wall);
        const ProcSample s1 = server.sample();
        const ProcSample c1 = sampleProcess(0);
        cost.serverCpuSeconds = s1.cpuSeconds - c.server0.cpuSeconds;
        cost.clientCpuSeconds = c1.cpuSeconds - c.client0.cpuSeconds;
        cost.serverRssBeforeKb = c.server0.rssKb;
        cost.serverPeakKb = s1.hwmKb;
        cost.clientRssBeforeKb = c.client0.rssKb;
        cost.clientPeakKb = c1.hwmKb;
        cost.throughServerBytes = throughServer;
        return cost;
    }
};

/** Asks for a ticket for each attachment and starts its transfer with it: all at once. */
using TicketRequest = std::function<void(size_t index, MediaPeer::Reply reply)>;
using TransferStart = std::function<void(Attachment &a, const MediaTicket &ticket)>;
bool transferAll(Phases &p, std::vector<Attachment> &all, const QString &what,
                 const TicketRequest &request, const TransferStart &start)
{
    int pending = int(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
        Attachment &a = all[i];
        request(i, [&](const Frame &f) {
            const auto ticket = ticketIn(f);
            if (!ticket) {
                p.fail(what + QStringLiteral(" ticket: ") + describe(f));
                --pending;
                return;
            }
            start(a, *ticket);
            QObject::connect(a.transfer.get(), &BlobTransfer::finished, a.transfer.get(),
                             [&pending] { --pending; });
        });
    }
    waitUntil([&] { return pending == 0; }, kTransferTimeoutMs, 2);
    bool ok = pending == 0;
    for (const Attachment &a : all) {
        if (!a.outcome || a.outcome->kind != TransferOutcome::Kind::Done) {
            p.fail(what + QStringLiteral(": ") +
                   (a.outcome ? a.outcome->reason : QStringLiteral("unfinished")));
            ok = false;
        }
    }
    return ok;
}

/** Uploads every attachment at once (four per sending device); false on any failure. */
bool uploadAll(Phases &p, std::vector<Attachment> &all,
               std::vector<std::unique_ptr<MediaPeer>> &senders, const QUrl &url)
{
    return transferAll(
        p, all, QStringLiteral("upload"),
        [&](size_t i, MediaPeer::Reply reply) {
            senders[i / kTransfersPerDevice]->reserve(all[i].reader->size(), std::move(reply));
        },
        [&](Attachment &a, const MediaTicket &ticket) {
            a.blob = ticket.blob;
            newTransfer(a, url).upload(ticket.blob, ticket.ticket, *a.reader, ticket.offset);
        });
}

/** Grants each blob to its recipient and downloads (and decrypts) every one at once. */
bool downloadAll(Phases &p, std::vector<Attachment> &all,
                 std::vector<std::unique_ptr<MediaPeer>> &senders,
                 std::vector<std::unique_ptr<MediaPeer>> &recipients, const QUrl &url)
{
    int acks = 0;
    for (size_t i = 0; i < all.size(); ++i)
        senders[i / kTransfersPerDevice]->sendWithMedia(
            recipients[i / kTransfersPerDevice]->device(), all[i].blob, [&](const Frame &f) {
                if (!std::holds_alternative<SendAck>(f))
                    p.fail(QStringLiteral("send: ") + describe(f));
                ++acks;
            });
    waitUntil([&] { return acks == int(all.size()); }, kStepTimeoutMs, 1);
    return transferAll(
        p, all, QStringLiteral("download"),
        [&](size_t i, MediaPeer::Reply reply) {
            Attachment &a = all[i];
            a.part = p.dir + QStringLiteral("/down-%1.part").arg(i);
            a.writer = std::make_unique<media::DecryptingWriter>(a.part, a.key, a.reader->hash(),
                                                                 a.reader->size());
            if (auto s = a.writer->open(media::DecryptingWriter::Mode::Fresh); !s)
                p.fail(QStringLiteral("download: ") + s.error().reason);
            recipients[i / kTransfersPerDevice]->requestDownload(a.blob, std::move(reply));
        },
        [&](Attachment &a, const MediaTicket &ticket) {
            newTransfer(a, url).download(ticket.blob, ticket.ticket, *a.writer, ticket.size);
        });
}

/** Checks every download's hash and moves it into place, then removes it. */
bool saveAll(Phases &p, std::vector<Attachment> &all, quint64 plainSize)
{
    bool ok = true;
    for (Attachment &a : all) {
        const QString out = a.part + QStringLiteral(".out");
        const auto s = a.writer->finish(out);
        if (!s) {
            p.fail(QStringLiteral("save: ") + s.error().reason);
            ok = false;
        } else if (quint64(QFileInfo(out).size()) != plainSize) {
            p.fail(QStringLiteral("save: the file has the wrong size"));
            ok = false;
        }
        a.writer.reset();
        media::DecryptingWriter::removePart(a.part);
        QFile::remove(out);
    }
    return ok;
}

/**
 * @p count attachments of one plaintext of @p size bytes, all at once: upload, grant,
 * download, decrypt. The costs of the whole round, and of the upload and download alone.
 */
bool runRound(Phases &p, const QUrl &url, Provisioner &provisioner, int count, quint64 size,
              MediaRound &round)
{
    round.transfers = count;
    round.plainBytes = size;
    const int devices = (count + kTransfersPerDevice - 1) / kTransfersPerDevice;
    const QString prefix =
        QStringLiteral("md%1").arg(QRandomGenerator::global()->generate() % 1000000);
    const auto creds = provisioner.devices(prefix, 2 * devices, 120000);
    if (!creds) {
        p.fail(provisioner.error());
        return false;
    }
    std::vector<std::unique_ptr<MediaPeer>> senders, recipients;
    for (int i = 0; i < 2 * devices; ++i) {
        auto peer = std::make_unique<MediaPeer>(creds->at(size_t(i)));
        if (!peer->open(url, kStepTimeoutMs)) {
            p.fail(peer->error());
            return false;
        }
        (i < devices ? senders : recipients).push_back(std::move(peer));
    }
    const QString plainPath = p.dir + QStringLiteral("/plain-%1.bin").arg(size);
    if (!writePlaintext(plainPath, size)) {
        p.fail(QStringLiteral("cannot write %1").arg(plainPath));
        return false;
    }
    std::vector<Attachment> all(static_cast<size_t>(count));
    for (Attachment &a : all) {
        a.reader = std::make_unique<media::EncryptingReader>(plainPath, a.key, a.header);
        if (auto s = a.reader->open(size); !s) {
            p.fail(s.error().reason);
            return false;
        }
    }
    round.blobBytes = all.front().reader->size();
    const quint64 moved = round.blobBytes * quint64(count);

    progress(QStringLiteral("media: %1 x %2 bytes: encrypt + upload").arg(count).arg(size));
    const auto whole = p.start();
    auto clock = p.start();
    if (!uploadAll(p, all, senders, url))
        return false;
    round.upload = p.finish(clock, moved);
    progress(QStringLiteral("media: grant + download + decrypt"));
    clock = p.start();
    if (!downloadAll(p, all, senders, recipients, url))
        return false;
    round.download = p.finish(clock, moved);
    progress(QStringLiteral("media: check + save"));
    clock = p.start();
    const bool ok = saveAll(p, all, size);
    round.decrypt = p.finish(clock, 0);
    round.endToEnd = p.finish(whole, 2 * moved);
    // Peaks over the whole round: the largest of its phases.
    for (const MediaCost *c : {&round.upload, &round.download, &round.decrypt}) {
        round.endToEnd.serverPeakKb = qMax(round.endToEnd.serverPeakKb, c->serverPeakKb);
        round.endToEnd.clientPeakKb = qMax(round.endToEnd.clientPeakKb, c->clientPeakKb);
    }
    for (Attachment &a : all) {
        bool answered = false;
        recipients[size_t(&a - all.data()) / kTransfersPerDevice]->done(
            a.blob, [&](const Frame &) { answered = true; });
        waitUntil([&] { return answered; }, kStepTimeoutMs, 1);
    }
    QFile::remove(plainPath);
    return ok;
}

} // namespace

MediaResult runMedia(const BenchOptions &o, ServerHandle &server, Provisioner &provisioner)
{
    MediaResult r;
    crypto::initSodium();
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/linnet-bench-media-XXXXXX"));
    if (!dir.isValid()) {
        r.errorSamples << QStringLiteral("no temporary directory");
        return r;
    }
    Phases p{r, server, dir.path()};
    const bool large = runRound(p, server.url(), provisioner, 1, o.mediaFileBytes, r.large);
    const bool many = large && runRound(p, server.url(), provisioner, o.mediaTransfers,
                                        o.mediaTransferBytes, r.many);
    r.complete = large && many;
    return r;
}

} // namespace linnet::bench
