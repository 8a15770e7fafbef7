// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli send with LAN fallback (issue 26, docs/protocol.md 12): while the server is
// unreachable, a text waits for its recipient on the local network, for kLanWaitMs at most.
#include "CliCommand.h"

#include "CliLanSettings.h"
#include "CliOutput.h"
#include "store/LocalStore.h"

namespace linnet::cli {

void CliCommand::awaitOnLan(const std::function<void(const QString &)> &unreachable)
{
    // A peer's ack over the LAN (protocol.md 12.7): delivered, the server gets it later.
    connect(m_client.get(), &client::ChatClient::messageStateChanged, this,
            [this](const protocol::MessageId &id, const QString &, client::DeliveryState state) {
                if (id != m_sending || (state != client::DeliveryState::Delivered &&
                                        state != client::DeliveryState::Read))
                    return;
                m_out << id.toHex() << ' '
                      << tr("(delivered on the local network; will reach the server later)")
                      << Qt::endl;
                finish(ExitOk);
            });
    // Nobody to give it to on the LAN either: said now, not when the time is up.
    m_lanWait.setSingleShot(true);
    connect(&m_lanWait, &QTimer::timeout, this, [this, unreachable] {
        const auto m = m_store->message(m_sending);
        if (m_client->state() == client::ConnectionState::Online || !m ||
            m_client->lanReaches(m->conversation))
            return;
        const QString who = client::isGroupKey(m->conversation)
                                ? tr("no member of this group")
                                : tr("no device of %1").arg(m->conversation);
        unreachable(tr("%1; %2 found on the local network").arg(m_unreachableReason, who));
    });
}

bool CliCommand::lanTakesOver(const QString &reason)
{
    if (!m_lanEnabled || !m_request.file.isEmpty())
        return false;
    if (!m_lanAnnounced) {
        m_err << tr("server unreachable (%1); trying the local network").arg(reason) << Qt::endl;
        m_unreachableReason = reason;
        m_lanWait.start(kLanWaitMs);
    }
    m_lanAnnounced = true;
    return true;
}

} // namespace linnet::cli
