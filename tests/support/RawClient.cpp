// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawClient.h"

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
    m_socket.open(url);
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

std::optional<AuthOk> RawClient::registerUser(const QString &name, const QString &password,
                                              const QString &invite)
{
    send(RegisterRequest{nextRequestId(), name, password, invite, QStringLiteral("test")});
    return waitFor<AuthOk>(30000);
}

std::optional<AuthOk> RawClient::login(const QString &name, const QString &password)
{
    send(LoginRequest{nextRequestId(), name, password, QStringLiteral("test")});
    return waitFor<AuthOk>(30000);
}

std::optional<AuthOk> RawClient::auth(qint64 deviceId, const QByteArray &token)
{
    send(AuthRequest{nextRequestId(), deviceId, token});
    return waitFor<AuthOk>(10000);
}

std::optional<SendAck> RawClient::sendMessage(const QString &to, const QByteArray &body,
                                              const MessageId &id)
{
    const MessageId mid = id.isNull() ? MessageId::generate() : id;
    const quint32 r = nextRequestId();
    send(SendRequest{r, mid, to, body});
    std::optional<SendAck> ack;
    waitUntil(
        [&] {
            for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
                if (const auto *a = std::get_if<SendAck>(&*it); a && a->requestId == r) {
                    ack = *a;
                    m_queue.erase(it);
                    return true;
                }
                if (const auto *e = std::get_if<ErrorFrame>(&*it); e && e->requestId == r)
                    return true;
            }
            return !isConnected();
        },
        10000);
    return ack;
}

void RawClient::ack(const QList<quint64> &entries)
{
    for (qsizetype i = 0; i < entries.size(); i += kMaxAckEntries)
        send(DeliverAck{entries.mid(i, kMaxAckEntries)});
}

} // namespace linnet::test
