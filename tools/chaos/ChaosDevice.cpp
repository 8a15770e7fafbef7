// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChaosDevice.h"

#include "e2e/OwnKeys.h"

#include <QDir>

namespace linnet::chaos {

using client::ChatClient;

ChaosDevice::ChaosDevice(QString user, QString name, QString directory, int pingIntervalMs,
                         QObject *parent)
    : QObject(parent), m_user(std::move(user)), m_name(std::move(name)),
      m_directory(std::move(directory)), m_pingIntervalMs(pingIntervalMs)
{
}

ChaosDevice::~ChaosDevice() = default;

bool ChaosDevice::open()
{
    QDir().mkpath(m_directory);
    m_store = std::make_unique<client::LocalStore>(m_directory + QStringLiteral("/linnet.db"));
    if (const auto opened = m_store->open(); !opened) {
        m_error =
            QStringLiteral("%1: cannot open its database: %2").arg(m_name, opened.error().reason);
        m_store.reset();
        return false;
    }
    ChatClient::Options o;
    // Reconnect as fast as a user's app would after a short outage, not 30 s later:
    // the run measures delivery, not the backoff.
    o.initialBackoffMs = 50;
    o.maxBackoffMs = 500;
    o.pingIntervalMs = m_pingIntervalMs;
    o.deviceName = m_name;
    m_client = std::make_unique<ChatClient>(*m_store, m_secrets, o);
    connect(m_client.get(), &ChatClient::messageAdded, this,
            [this](const client::ChatMessage &m) { ++m_announced[m.id]; });
    connect(m_client.get(), &ChatClient::messageSent, this,
            [this](const protocol::MessageId &id, quint64) { Q_EMIT acked(id); });
    connect(m_client.get(), &ChatClient::keysPublished, this, &ChaosDevice::ready);
    connect(m_client.get(), &ChatClient::accountFailed, this,
            [this](protocol::ErrorCode, const QString &reason) { Q_EMIT failed(reason); });
    return true;
}

void ChaosDevice::registerAccount(const QUrl &server, const QString &password)
{
    m_client->registerAccount(server, m_user, password);
}

bool ChaosDevice::takeAccountKeyFrom(ChaosDevice &from)
{
    return client::OwnKeys::copyAccountKey(from.m_secrets, m_secrets);
}

void ChaosDevice::login(const QUrl &server, const QString &password)
{
    m_client->login(server, m_user, password);
}

void ChaosDevice::start()
{
    m_client->start();
}

void ChaosDevice::crash()
{
    if (!m_client)
        return;
    m_client->abortConnection(); // the socket dies with the process: no close frame
    disconnect(m_client.get(), nullptr, this, nullptr);
    m_client.reset();
    m_store.reset();
}

} // namespace linnet::chaos
