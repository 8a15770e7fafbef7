// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

namespace linnet::client {

/** One device of this account as the device list shows it. */
struct OwnDevice {
    qint64 id = 0;
    QString name;
    qint64 linkedAt = 0; ///< ms UTC
    qint64 lastSeen = 0; ///< ms UTC; 0: never
    QByteArray identity; ///< empty until the device uploaded keys
    QString fingerprint; ///< crypto::deviceFingerprint of identity; empty without one
    /** Its certificate verifies under the account key this device holds (docs/crypto.md). */
    bool approved = false;
    bool current = false; ///< the device this engine runs on
    bool operator==(const OwnDevice &) const = default;
};

/**
 * The device list of this account (issue 27; docs/protocol.md "Device list"): asks the
 * server for it, renames and revokes devices. Whether a device is approved is checked
 * here, against the account key this device holds, not taken from the server. ChatClient
 * owns it (ChatClient::devices()), hands it the frames and, after a revoke, rotates the
 * group sender keys (deviceRevoked).
 */
class DeviceListController : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<bool(const protocol::Frame &)> send;
        std::function<quint32()> nextRequestId;
        /** This device's copy of the account key's public half (empty: none). */
        std::function<QByteArray()> accountKey;
    };

    explicit DeviceListController(Hooks hooks, QObject *parent = nullptr);

    // Each request returns its id (0 if it was not sent: offline, or a bad name);
    // requestFinished(id) or requestFailed(id, code, reason) follows.
    /** Asks for the list; listChanged follows its arrival. */
    quint32 refresh();
    /** Renames device @p device; the list is asked for again when it is done. */
    quint32 rename(qint64 device, const QString &name);
    /** Revokes device @p device (not this one); deviceRevoked and a new list follow. */
    quint32 revoke(qint64 device);

    /** The list as last received (empty before the first). */
    QList<OwnDevice> devices() const { return m_devices; }
    /** Why @p name cannot be a device name (empty, too long), or empty if it can. */
    static QString nameProblem(const QString &name);

    // --- for ChatClient ---------------------------------------------------------------
    void setSelf(const QString &username, qint64 deviceId);
    /** The connection changed: requests in flight are over (they fail). */
    void connectionReset();
    /** A DeviceList (the answer to a request, or the server's own when the account's list
     *  changed), or an Ok / ErrorFrame answering one of our requests; false otherwise. */
    bool handle(const protocol::Frame &frame);

Q_SIGNALS:
    void listChanged();
    void requestFinished(quint32 requestId);
    void requestFailed(quint32 requestId, linnet::protocol::ErrorCode code, const QString &reason);
    /** The server removed @p device of this account (this device asked for it). */
    void deviceRevoked(qint64 device);

private:
    enum class Kind { List, Rename, Revoke };
    struct Pending {
        Kind kind = Kind::List;
        qint64 device = 0;
    };
    quint32 sendRequest(Kind kind, qint64 device, const protocol::Frame &frame);
    void onList(const protocol::DeviceList &list);

    Hooks m_hooks;
    QString m_self;
    qint64 m_selfDevice = 0;
    QHash<quint32, Pending> m_pending;
    QList<OwnDevice> m_devices;
};

} // namespace linnet::client
