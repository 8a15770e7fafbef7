// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaTransfer.h"

#include "ServerConfig.h"
#include "ServerLog.h"
#include "media/BlobStore.h"
#include "media/MediaHttp.h"
#include "transport/WebSocketWire.h"

namespace linnet::server {

using http::Headers;
using http::Method;

namespace {

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

} // namespace

MediaTransfer::MediaTransfer(std::unique_ptr<ByteStream> stream, MediaHttp &owner)
    : m_stream(std::move(stream)), m_owner(owner)
{
    m_stream->setListener(this);
    m_stall.setSingleShot(true);
    m_stall.setInterval(std::chrono::seconds(owner.config().mediaStallSeconds));
    QObject::connect(&m_stall, &QTimer::timeout, [this] { stalled(); });
}

MediaTransfer::~MediaTransfer()
{
    m_stream->setListener(nullptr);
    if (m_state != State::Done) {
        // The server is going away: an upload keeps what it received.
        if (m_state == State::Receiving)
            m_owner.store().noteWritten(m_busyBlob, m_owner.now(), false);
        m_stream->abort();
        releaseHolds();
    }
}

void MediaTransfer::start(const QByteArray &received, ConnectionAdmission::HandOver verdict)
{
    touch();
    switch (verdict) {
    case ConnectionAdmission::HandOver::Serve:
        break;
    case ConnectionAdmission::HandOver::AddressBusy:
        refuse(429, "too many connections from your address; try again in a few seconds",
               {{"Retry-After", "5"}});
        return;
    case ConnectionAdmission::HandOver::ServerFull:
        refuse(503, "the server has too many connections; try later", {{"Retry-After", "5"}});
        return;
    }
    const qsizetype length = websocket::headLength(received);
    const auto parsed = http::parseRequestHead(QByteArrayView(received).first(length));
    if (const auto *refusal = std::get_if<http::Refusal>(&parsed)) {
        refuse(refusal->status, refusal->reason);
        return;
    }
    serve(std::get<http::RequestHead>(parsed), QByteArrayView(received).sliced(length));
}

void MediaTransfer::serve(const http::RequestHead &head, QByteArrayView bodyStart)
{
    if (head.method == Method::Other) {
        refuse(405, "media is moved with PUT, GET and HEAD", {{"Allow", "GET, HEAD, PUT"}});
        return;
    }
    const auto blob = http::blobFromTarget(head.target);
    if (!blob) {
        refuse(404, "no such blob");
        return;
    }
    switch (head.method) {
    case Method::Put:
        if (const auto ticket = authorize(head, *blob, TicketDirection::Upload))
            startUpload(head, *ticket, bodyStart);
        return;
    case Method::Get:
        if (const auto ticket = authorize(head, *blob, TicketDirection::Download))
            startDownload(head, *ticket, false);
        return;
    case Method::Head:
        if (const auto ticket = authorize(head, *blob, std::nullopt)) {
            if (ticket->direction == TicketDirection::Upload)
                answerUploadOffset(*ticket);
            else
                startDownload(head, *ticket, true);
        }
        return;
    case Method::Other:
        break;
    }
}

std::optional<Ticket> MediaTransfer::authorize(const http::RequestHead &head,
                                               const QByteArray &blob,
                                               std::optional<TicketDirection> direction)
{
    const Headers challenge{{"WWW-Authenticate", "Bearer"}};
    const auto token = http::bearerToken(head.authorization);
    if (!token) {
        refuse(401, "a media ticket is needed (Authorization: Bearer)", challenge);
        return std::nullopt;
    }
    const MediaTickets &tickets = m_owner.tickets();
    const auto checked = direction ? tickets.check(*token, blob, *direction, m_owner.now())
                                   : tickets.verify(*token, m_owner.now());
    if (const auto *refusal = std::get_if<TicketRefusal>(&checked)) {
        refuse(refusal->status, refusal->reason.toUtf8(),
               refusal->status == 401 ? challenge : Headers{});
        return std::nullopt;
    }
    const Ticket &ticket = std::get<Ticket>(checked);
    if (ticket.blob != blob) {
        refuse(403, "the ticket is for another blob");
        return std::nullopt;
    }
    return ticket;
}

void MediaTransfer::answerUploadOffset(const Ticket &ticket)
{
    const auto blob = m_owner.store().blob(ticket.blob);
    if (!blob || blob->deviceId != ticket.device) {
        refuse(404, "no such upload");
        return;
    }
    const qint64 offset =
        blob->complete ? blob->size : std::min(m_owner.blobs().size(blob->id), blob->size);
    m_stream->write(
        http::responseHead(200, {{"Upload-Offset", number(offset)}, {"Connection", "close"}}, 0));
    closeAfterResponse();
}

void MediaTransfer::startUpload(const http::RequestHead &head, const Ticket &ticket,
                                QByteArrayView bodyStart)
{
    const auto blob = m_owner.store().blob(ticket.blob);
    if (!blob || blob->deviceId != ticket.device) {
        refuse(404, "no such upload");
        return;
    }
    if (head.chunked || !head.contentLength) {
        refuse(411, "send the part with a Content-Length");
        return;
    }
    m_declared = blob->size;
    m_stored = blob->complete ? m_declared : std::min(m_owner.blobs().size(blob->id), m_declared);
    const Headers offset{{"Upload-Offset", number(m_stored)}};
    const qint64 length = *head.contentLength;
    qint64 first = 0;
    if (!head.contentRange.isNull()) {
        const auto range = http::parseContentRange(head.contentRange);
        if (!range || range->total != m_declared || range->last - range->first + 1 != length) {
            refuse(400,
                   "Content-Range must be bytes FIRST-LAST/SIZE with SIZE the declared size and "
                   "LAST-FIRST+1 the Content-Length");
            return;
        }
        first = range->first;
    }
    if (first != m_stored) {
        refuse(409, "the server holds " + number(m_stored) + " bytes; go on from there", offset);
        return;
    }
    if (first + length > m_declared) {
        refuse(413, "the body would pass the declared size of " + number(m_declared) + " bytes",
               offset);
        return;
    }
    if (!hold(ticket.device, blob->id))
        return;
    auto writer = m_owner.blobs().openForAppend(blob->id, m_stored);
    if (!writer) {
        qCWarning(lcMedia) << writer.error().reason;
        refuse(500, "the server cannot store the blob now", offset);
        return;
    }
    m_writer = std::move(writer.value());
    m_remaining = length;
    m_state = State::Receiving;
    if (head.expectContinue && length > 0)
        m_stream->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (!bodyStart.isEmpty())
        receive(bodyStart);
    if (m_state == State::Receiving && m_remaining == 0)
        endUpload();
}

void MediaTransfer::receive(QByteArrayView bytes)
{
    // Straight to the file: nothing of the body is kept here.
    const QByteArrayView part = bytes.first(std::min<qint64>(bytes.size(), m_remaining));
    if (part.isEmpty())
        return;
    const auto written = m_writer->write(part);
    if (written)
        m_stored += written.value();
    if (!written || written.value() < part.size()) {
        m_storageFull = m_writer->diskFull();
        m_storageFailed = true;
        if (!written)
            qCWarning(lcMedia) << written.error().reason;
        endUpload();
        return;
    }
    m_remaining -= part.size();
    if (m_remaining == 0)
        endUpload();
}

void MediaTransfer::endUpload()
{
    m_writer.reset();
    const bool complete = !m_storageFailed && m_stored == m_declared;
    if (const auto noted = m_owner.store().noteWritten(m_busyBlob, m_owner.now(), complete);
        !noted) {
        // The file is the record of the bytes: only a completion must be written down.
        qCWarning(lcMedia) << noted.error().reason;
        if (complete) {
            refuse(500, "the server cannot record the blob now",
                   {{"Upload-Offset", number(m_stored)}});
            return;
        }
    }
    const Headers offset{{"Upload-Offset", number(m_stored)}};
    if (m_storageFailed) {
        if (m_storageFull)
            qCWarning(lcMedia) << "the disk is full: an upload stopped at" << m_stored << "of"
                               << m_declared << "bytes";
        refuse(m_storageFull ? 507 : 500,
               m_storageFull ? "the server's disk is full; the bytes so far are kept"
                             : "the server cannot store the blob now",
               offset);
        return;
    }
    if (complete) {
        m_stream->write(http::responseHead(201, {{"Connection", "close"}}, 0));
    } else {
        m_stream->write(http::responseHead(200, {offset[0], {"Connection", "close"}}, 0));
    }
    closeAfterResponse();
}

void MediaTransfer::startDownload(const http::RequestHead &head, const Ticket &ticket,
                                  bool headOnly)
{
    const auto blob = m_owner.store().blob(ticket.blob);
    if (!blob || !blob->complete || !m_owner.store().hasGrant(blob->id, ticket.device)) {
        refuse(404, "no such blob for this device (it may have been deleted)");
        return;
    }
    const qint64 size = blob->size;
    qint64 first = 0, last = size - 1;
    const auto range = head.range.isNull() ? std::nullopt : http::parseRange(head.range);
    if (range) {
        if (range->first >= size) {
            refuse(416, "the range is past the end of the blob",
                   {{"Content-Range", "bytes */" + number(size)}});
            return;
        }
        first = range->first;
        last = std::min(range->last.value_or(size - 1), size - 1);
    }
    Headers headers{{"Content-Type", "application/octet-stream"},
                    {"Accept-Ranges", "bytes"},
                    {"Connection", "close"}};
    if (range)
        headers.emplaceBack("Content-Range",
                            "bytes " + number(first) + '-' + number(last) + '/' + number(size));
    const qint64 length = last - first + 1;
    if (headOnly) {
        m_stream->write(http::responseHead(range ? 206 : 200, headers, length));
        closeAfterResponse();
        return;
    }
    if (!hold(ticket.device, blob->id))
        return;
    auto reader = m_owner.blobs().openForRead(blob->id, first);
    if (!reader) {
        qCWarning(lcMedia) << reader.error().reason;
        refuse(500, "the server cannot read the blob now");
        return;
    }
    m_reader = std::move(reader.value());
    m_remaining = length;
    m_sendFile = m_stream->canSendFile() && m_reader->fileDescriptor() >= 0;
    m_fileOffset = first;
    m_stream->write(http::responseHead(range ? 206 : 200, headers, length));
    m_state = State::Sending;
    pump();
}

void MediaTransfer::pump()
{
    while (m_state == State::Sending && m_remaining > 0 && m_stream->pendingBytes() < kHighWater) {
        if (m_sendFile) {
            const qint64 length = std::min(kFilePieceBytes, m_remaining);
            if (!m_stream->writeFile(m_reader->fileDescriptor(), m_fileOffset, length)) {
                qCWarning(lcMedia) << "cannot send a blob from its file";
                m_stream->abort();
                finish();
                return;
            }
            m_fileOffset += length;
            m_remaining -= length;
            continue;
        }
        const auto piece = m_reader->read(std::min(kPieceBytes, m_remaining));
        if (!piece || piece.value().isEmpty()) {
            // The file ended or failed under us: the peer sees a short body and retries.
            qCWarning(lcMedia) << "cannot read a blob being sent:"
                               << (piece ? QStringLiteral("it is shorter than recorded")
                                         : piece.error().reason);
            m_stream->abort();
            finish();
            return;
        }
        m_remaining -= piece.value().size();
        m_stream->write(piece.value());
    }
    if (m_state == State::Sending && m_remaining == 0) {
        m_reader.reset();
        closeAfterResponse();
    }
}

void MediaTransfer::streamData(const QByteArray &bytes)
{
    switch (m_state) {
    case State::Receiving:
        touch();
        receive(bytes);
        return;
    case State::Starting:
    case State::Sending:
    case State::Closing:
    case State::Done:
        return; // a body we refused, or a pipelined request: ignored, the connection closes
    }
}

void MediaTransfer::streamDrained()
{
    if (m_state == State::Sending || m_state == State::Closing)
        touch(); // the peer reads: the end of a body may take its time
    if (m_state == State::Sending)
        pump();
}

void MediaTransfer::streamClosed()
{
    if (m_state == State::Receiving)
        endUpload(); // a cut connection keeps every byte received: the upload resumes
    finish();
}

void MediaTransfer::refuse(int status, const QByteArray &reason, const Headers &headers)
{
    if (m_state == State::Done)
        return;
    m_stream->write(http::textResponse(status, reason, headers));
    // A refused peer gets a moment to read why, not the whole stall timeout: the
    // connection counts against max_connections until it is gone.
    m_stall.setInterval(std::min(m_stall.interval(), kLingerMs));
    touch();
    closeAfterResponse();
}

void MediaTransfer::closeAfterResponse()
{
    releaseHolds();
    m_state = State::Closing;
    m_stream->closeAfterWrites();
}

void MediaTransfer::touch()
{
    m_stall.start();
}

void MediaTransfer::stalled()
{
    if (m_state == State::Done)
        return;
    qCInfo(lcMedia) << "dropping a media transfer that moved nothing for"
                    << m_owner.config().mediaStallSeconds << "s";
    if (m_state == State::Receiving) {
        m_writer.reset();
        if (const auto noted = m_owner.store().noteWritten(m_busyBlob, m_owner.now(), false);
            !noted)
            qCWarning(lcMedia) << noted.error().reason;
    }
    m_stream->abort();
    finish();
}

bool MediaTransfer::hold(qint64 device, const QByteArray &blob)
{
    if (!m_owner.acquireSlot(device)) {
        refuse(429, "too many transfers of this device at once", {{"Retry-After", "1"}});
        return false;
    }
    m_slotDevice = device;
    m_busyBlob = blob;
    m_owner.markBusy(m_busyBlob);
    return true;
}

void MediaTransfer::releaseHolds()
{
    m_writer.reset();
    m_reader.reset();
    if (m_slotDevice != 0)
        m_owner.releaseSlot(std::exchange(m_slotDevice, 0));
    if (!m_busyBlob.isEmpty())
        m_owner.unmarkBusy(std::exchange(m_busyBlob, QByteArray()));
}

void MediaTransfer::finish()
{
    if (m_state == State::Done)
        return;
    releaseHolds();
    m_state = State::Done;
    m_stall.stop();
    m_owner.finished(this);
}

} // namespace linnet::server
