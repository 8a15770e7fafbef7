// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaPeer.h"

#include "EventWait.h"

#include "protocol/MessageId.h"

namespace linnet::bench {

using namespace linnet::protocol;

namespace {

/** The request id a reply answers (0 for frames that answer nothing). */
quint32 answeredRequest(const Frame &frame)
{
    if (const auto *t = std::get_if<MediaTicket>(&frame))
        return t->requestId;
    if (const auto *a = std::get_if<SendAck>(&frame))
        return a->requestId;
    if (const auto *o = std::get_if<Ok>(&frame))
        return o->requestId;
    if (const auto *e = std::get_if<ErrorFrame>(&frame))
        return e->requestId;
    return 0;
}

} // namespace

bool MediaPeer::open(const QUrl &url, int timeoutMs)
{
    m_connection.setConnectedHandler([this] {
        m_connection.send(AuthRequest{1, m_device.deviceId, m_device.token});
    });
    m_connection.setFrameHandler([this](const Frame &frame) {
        if (std::holds_alternative<AuthOk>(frame)) {
            m_authed = true;
        } else if (const auto *d = std::get_if<Deliver>(&frame)) {
            m_connection.send(DeliverAck{{d->entry}});
        } else if (const auto *r = std::get_if<Receipt>(&frame)) {
            m_connection.send(DeliverAck{{r->entry}});
        } else if (const quint32 request = answeredRequest(frame)) {
            if (Reply reply = m_pending.take(request))
                reply(frame);
        } else if (const auto *e = std::get_if<ErrorFrame>(&frame)) {
            m_error = QStringLiteral("error %1: %2").arg(int(e->code)).arg(e->reason);
        }
    });
    m_connection.open(url);
    if (!waitUntil([this] { return m_authed || !m_error.isEmpty(); }, timeoutMs) || !m_authed) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 did not sign in").arg(m_device.username);
        return false;
    }
    return true;
}

quint32 MediaPeer::nextRequest(Reply reply)
{
    const quint32 request = ++m_lastRequest;
    m_pending.insert(request, std::move(reply));
    return request;
}

void MediaPeer::reserve(quint64 size, Reply reply)
{
    MediaUploadRequest request;
    request.requestId = nextRequest(std::move(reply));
    request.size = size;
    m_connection.send(request);
}

void MediaPeer::requestDownload(const QByteArray &blob, Reply reply)
{
    m_connection.send(MediaDownloadRequest{nextRequest(std::move(reply)), blob});
}

void MediaPeer::sendWithMedia(const DeviceCredentials &to, const QByteArray &blob, Reply reply)
{
    SendRequest request;
    request.requestId = nextRequest(std::move(reply));
    request.id = MessageId::generate();
    request.to = to.username;
    request.copies = {
        DeviceCopy{to.deviceId, benchRegistrationId(to.deviceId), QByteArray(64, 'm')}};
    request.media = {blob};
    m_connection.send(request);
}

void MediaPeer::done(const QByteArray &blob, Reply reply)
{
    m_connection.send(MediaDone{nextRequest(std::move(reply)), blob});
}

std::optional<MediaTicket> ticketIn(const Frame &reply)
{
    if (const auto *t = std::get_if<MediaTicket>(&reply))
        return *t;
    return std::nullopt;
}

} // namespace linnet::bench
