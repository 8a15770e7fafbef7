// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanAnnouncement.h"

#include <QHash>
#include <QList>
#include <QPair>

namespace linnet::lan {

/**
 * Decides whether an announcement heard on the LAN is taken (docs/protocol.md §12.2): it
 * must decode, be fresh by this device's clock, come from a device on the list of known
 * devices (whose tag it carries and whose identity key signed it), and be newer than the
 * last one taken from that device. Everything else is rejected with its reason; nothing
 * a rejected datagram says changes the state. Pure logic: no sockets, no clock of its own.
 */
class AnnouncementVerifier {
public:
    struct Options {
        qint64 maxAgeMs = 30'000;   ///< older announcements are Stale
        qint64 maxAheadMs = 30'000; ///< further ahead are FromTheFuture (clock differences)
    };

    /** An announcement taken: who, where its listener is, when it was made. */
    struct Heard {
        LanDevice device;
        quint16 port = 0;
        qint64 timestamp = 0;
    };

    explicit AnnouncementVerifier(LanDevice self) : AnnouncementVerifier(std::move(self), Options{})
    {
    }
    AnnouncementVerifier(LanDevice self, Options options);

    /** Replaces the devices whose announcements may be taken (this device is ignored). */
    void setKnownDevices(QList<LanDevice> devices);
    const QList<LanDevice> &knownDevices() const { return m_known; }

    /** Checks @p datagram, received at @p nowMs (this device's clock). */
    AnnouncementResult<Heard> verify(QByteArrayView datagram, qint64 nowMs);

private:
    /** Indexes into m_known of the devices whose tag for @p window is @p tag. */
    QList<qsizetype> devicesWithTag(qint64 window, const QByteArray &tag);

    LanDevice m_self;
    Options m_options;
    QList<LanDevice> m_known;
    /** Tag -> known devices, per tag window (a few windows, rebuilt on a new list). */
    QHash<qint64, QMultiHash<QByteArray, qsizetype>> m_tags;
    struct Last {
        qint64 timestamp = 0;
        QByteArray signature;
    };
    /** The last announcement taken from each (account, device). */
    QHash<QPair<QString, qint64>, Last> m_last;
};

} // namespace linnet::lan
