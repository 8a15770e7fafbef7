// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/LinkApprover.h"

#include "ClientLog.h"
#include "crypto/DeviceFingerprint.h"
#include "crypto/DeviceLink.h"
#include "devices/NewDeviceLink.h"
#include "protocol/Overloaded.h"

#include <QDateTime>

namespace linnet::client {

using protocol::ErrorCode;

namespace {
/** How often the keys of this account are asked for while the history waits. */
constexpr std::chrono::seconds kPollInterval{2};

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

LinkApprover::LinkApprover(Hooks hooks, QObject *parent)
    : QObject(parent), m_hooks(std::move(hooks))
{
    m_historyPoll.setInterval(kPollInterval);
    connect(&m_historyPoll, &QTimer::timeout, this, [this] {
        m_hooks.refreshOwnKeys();
        tryHistory();
    });
}

void LinkApprover::fetch(const QString &code)
{
    const auto secret = crypto::parseLinkCode(linkCodeFrom(code));
    if (!secret) {
        fail(ErrorCode::InvalidField,
             tr("that is not a link code: 16 letters and digits, as the new device shows them"));
        return;
    }
    if (!m_hooks.accountKey()) {
        fail(ErrorCode::Forbidden, tr("this device does not hold the account key, so it cannot "
                                      "approve others: approve from one that does"));
        return;
    }
    m_lookup = crypto::linkLookup(*secret);
    m_key = crypto::linkKey(*secret);
    m_fetched = false;
    m_approveId = 0;
    m_fetchId = m_hooks.nextRequestId();
    if (!m_hooks.send(protocol::LinkFetch{m_fetchId, m_lookup})) {
        m_fetchId = 0;
        fail(ErrorCode::InternalError, tr("not connected to the server; try again when online"));
    }
}

void LinkApprover::approve(bool sendHistory)
{
    const auto account = m_hooks.accountKey();
    if (!m_fetched || !account) {
        fail(ErrorCode::InternalError,
             account ? tr("fetch the new device's request first")
                     : tr("this device does not hold the account key: approve from one that "
                          "does"));
        return;
    }
    m_withHistory = sendHistory;
    m_approveId = m_hooks.nextRequestId();
    if (!m_hooks.send(protocol::LinkApprove{m_approveId, m_lookup,
                                            crypto::sealLinkApproval(m_key, m_lookup, *account)})) {
        m_approveId = 0;
        fail(ErrorCode::InternalError, tr("not connected to the server; try again when online"));
    }
}

void LinkApprover::cancel()
{
    m_fetched = false;
    m_fetchId = m_approveId = 0;
    m_lookup.clear();
    m_key.clear();
}

bool LinkApprover::handle(const protocol::Frame &frame)
{
    using namespace protocol;
    return std::visit(
        Overloaded{
            [this](const LinkPending &f) {
                if (f.requestId == 0 || f.requestId != m_fetchId)
                    return false;
                m_fetchId = 0;
                const auto request = crypto::openLinkRequest(m_key, m_lookup, f.sealed);
                if (!request) {
                    fail(ErrorCode::InvalidField,
                         tr("the request filed under this code does not open with it; it was "
                            "not approved"));
                    return true;
                }
                m_fetched = true;
                Q_EMIT requestFetched(request->deviceName,
                                      crypto::deviceFingerprint(request->identityKey));
                return true;
            },
            [this](const LinkApproved &f) {
                if (f.requestId == 0 || f.requestId != m_approveId)
                    return false;
                qCInfo(lcClient) << "linked device" << f.device << "to this account";
                cancel();
                Q_EMIT approved(f.device);
                if (m_withHistory) {
                    m_historyDevice = f.device;
                    m_historyDeadline = nowMs() + kHistoryWaitMs;
                    m_hooks.refreshOwnKeys();
                    m_historyPoll.start();
                }
                return true;
            },
            [this](const ErrorFrame &f) {
                if (f.requestId == 0 || (f.requestId != m_fetchId && f.requestId != m_approveId))
                    return false;
                const bool approving = f.requestId == m_approveId;
                m_fetchId = m_approveId = 0;
                if (approving)
                    m_fetched = false;
                fail(f.code, f.code == ErrorCode::UnknownLink
                                 ? tr("no device is waiting for this code: check it, or make a "
                                      "new one on the new device (a code lasts 10 minutes)")
                                 : f.reason);
                return true;
            },
            [](const auto &) { return false; },
        },
        frame);
}

void LinkApprover::ownKeysChanged()
{
    tryHistory();
}

void LinkApprover::connectionReset()
{
    if (m_fetchId != 0 || m_approveId != 0) {
        m_fetchId = m_approveId = 0;
        m_fetched = false;
        fail(ErrorCode::InternalError,
             tr("the connection to the server dropped; type the code again"));
    }
}

void LinkApprover::tryHistory()
{
    if (m_historyDevice == 0)
        return;
    const qint64 device = m_historyDevice;
    if (m_hooks.deviceReady(device)) {
        m_historyDevice = 0;
        m_historyPoll.stop();
        const protocol::MessageId transfer = m_hooks.sendHistory(device);
        if (!transfer.isNull())
            Q_EMIT historyStarted(transfer);
        return;
    }
    if (nowMs() > m_historyDeadline) {
        m_historyDevice = 0;
        m_historyPoll.stop();
        fail(ErrorCode::InternalError,
             tr("the new device did not come online to receive the history; it is linked, and "
                "the history can be sent later"));
    }
}

void LinkApprover::fail(ErrorCode code, const QString &reason)
{
    qCInfo(lcClient) << "linking:" << reason;
    Q_EMIT failed(code, reason);
}

} // namespace linnet::client
