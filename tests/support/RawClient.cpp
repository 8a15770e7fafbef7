// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawClient.h"

#include "crypto/Keys.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <QtTest>

namespace linnet::test {

using namespace linnet::protocol;

RawClient::RawClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        auto frame = decodeFrame(bytes);
        if (!frame) {
            qWarning("RawClient: undecodable frame from server: %s",
                     qPrintable(frame.error().reason));
            return;
        }
        m_queue.push_back(frame.value());
    });
}

bool RawClient::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(20, deadline.remainingTime()), &loop,
                           &QEventLoop::quit);
        connect(&m_socket, &QWebSocket::binaryMessageReceived, &loop, &QEventLoop::quit,
                Qt::QueuedConnection);
        connect(&m_socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
        connect(&m_socket, &QWebSocket::connected, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

bool RawClient::connectTo(const QUrl &url, int timeoutMs)
{
    return connectTo(QNetworkRequest(url), timeoutMs);
}

bool RawClient::connectTo(const QNetworkRequest &request, int timeoutMs)
{
    m_socket.open(request);
    return waitUntil([this] { return isConnected(); }, timeoutMs);
}

bool RawClient::waitForDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                     timeoutMs);
}

void RawClient::settle(int ms)
{
    waitUntil([] { return false; }, ms);
}

void RawClient::send(const Frame &frame)
{
    m_socket.sendBinaryMessage(encodeFrame(frame));
}

std::optional<AuthOk> RawClient::remember(std::optional<AuthOk> ok)
{
    if (ok) {
        m_username = ok->username;
        m_deviceId = ok->deviceId;
        if (!ok->token.isEmpty()) // register and login hand one out, auth does not
            m_token = ok->token;
    }
    return ok;
}

std::optional<AuthOk> RawClient::registerUser(const QString &name, const QString &password,
                                              const QString &invite)
{
    send(RegisterRequest{nextRequestId(), name, password, invite, QStringLiteral("test")});
    auto ok = remember(waitFor<AuthOk>(30000));
    if (ok && !uploadKeys())
        qWarning("RawClient: keys upload of %s failed", qPrintable(name));
    return ok;
}

std::optional<AuthOk> RawClient::login(const QString &name, const QString &password)
{
    send(LoginRequest{nextRequestId(), name, password, QStringLiteral("test")});
    auto ok = remember(waitFor<AuthOk>(30000));
    if (ok && !uploadKeys())
        qWarning("RawClient: keys upload of %s failed", qPrintable(name));
    return ok;
}

std::optional<AuthOk> RawClient::auth(qint64 deviceId, const QByteArray &token)
{
    send(AuthRequest{nextRequestId(), deviceId, token});
    return remember(waitFor<AuthOk>(10000));
}

bool RawClient::uploadKeys(int preKeys)
{
    const auto identity = crypto::IdentityKeyPair::generate();
    const auto spk = crypto::generateSignedPreKey(identity, 1, 0);
    KeysUpload upload;
    upload.requestId = nextRequestId();
    upload.identity = identity.publicKey();
    upload.registrationId = 1 + quint32(m_deviceId % kMaxRegistrationId);
    upload.signedPreKeyId = spk.id;
    upload.signedPreKey = spk.pair.publicKey;
    upload.signature = spk.signature;
    for (int i = 0; i < preKeys; ++i)
        upload.preKeys.append(PreKeyPublic{m_nextPreKeyId++, crypto::generateX25519().publicKey});
    send(upload);
    const auto count = waitFor<PreKeyCount>(10000);
    return count && count->requestId == upload.requestId;
}

std::optional<KeysReply> RawClient::fetchKeys(const QString &user, const QList<quint64> &claim)
{
    const quint32 r = nextRequestId();
    send(KeysRequest{r, user, claim});
    return replyTo<KeysReply>(r);
}

SendRequest RawClient::makeSend(const QString &to, const QByteArray &body, const MessageId &id)
{
    SendRequest request{nextRequestId(), id.isNull() ? MessageId::generate() : id, to, {}};
    QStringList users{to};
    if (to != m_username)
        users.append(m_username);
    for (const QString &user : std::as_const(users)) {
        if (!m_devices.contains(user)) {
            const auto reply = fetchKeys(user);
            if (!reply)
                continue; // the send goes out without copies and the server says why
            m_devices.insert(user, reply->devices);
        }
        for (const DeviceKeys &device : m_devices.value(user))
            if (device.device != m_deviceId)
                request.copies.append(DeviceCopy{device.device, device.registrationId, body});
    }
    return request;
}

std::optional<SendAck> RawClient::sendMessage(const QString &to, const QByteArray &body,
                                              const MessageId &id, bool again)
{
    SendRequest request = makeSend(to, body, id);
    request.again = again;
    send(request);
    return replyTo<SendAck>(request.requestId);
}

void RawClient::ack(const QList<quint64> &entries)
{
    for (qsizetype i = 0; i < entries.size(); i += kMaxAckEntries)
        send(DeliverAck{entries.mid(i, kMaxAckEntries)});
}

std::optional<MediaTicket> RawClient::reserveUpload(quint64 size)
{
    const quint32 r = nextRequestId();
    send(MediaUploadRequest{r, size, {}});
    return replyTo<MediaTicket>(r);
}

std::optional<MediaTicket> RawClient::resumeUpload(const QByteArray &blob)
{
    const quint32 r = nextRequestId();
    send(MediaUploadRequest{r, 0, blob});
    return replyTo<MediaTicket>(r);
}

std::optional<MediaTicket> RawClient::requestDownload(const QByteArray &blob)
{
    const quint32 r = nextRequestId();
    send(MediaDownloadRequest{r, blob});
    return replyTo<MediaTicket>(r);
}

bool RawClient::mediaDone(const QByteArray &blob)
{
    const quint32 r = nextRequestId();
    send(MediaDone{r, blob});
    return replyTo<Ok>(r).has_value();
}

std::optional<ErrorFrame> RawClient::takeError(quint32 r)
{
    std::optional<ErrorFrame> found;
    waitUntil(
        [&] {
            for (auto it = m_queue.begin(); it != m_queue.end(); ++it)
                if (const auto *e = std::get_if<ErrorFrame>(&*it); e && e->requestId == r) {
                    found = *e;
                    m_queue.erase(it);
                    return true;
                }
            return false;
        },
        2000);
    return found;
}

ErrorCode RawClient::takeErrorCode(quint32 r)
{
    const auto error = takeError(r);
    return error ? error->code : ErrorCode(0);
}

} // namespace linnet::test
