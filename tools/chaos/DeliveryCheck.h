// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace linnet::chaos {

/** One message a chaos device wrote: where, its number in its writer's sequence, its ✓. */
struct SentMessage {
    protocol::MessageId id;
    QString conversation; ///< canonical: "alice|bob" (names sorted) or the group's key
    int device = 0;       ///< index of the device that wrote it
    int number = 0;       ///< 1, 2, 3... per writing device and conversation
    bool acked = false;   ///< the writer's engine reported the server's ack (✓)
};

/** One row of a conversation as a device shows it. */
struct ShownMessage {
    protocol::MessageId id;
    quint64 seq = 0; ///< 0: not sequenced (own, not acked yet)
};

/** What one device shows at the end of a run, and how often it announced each message. */
struct DeviceView {
    QString name;
    /** Per canonical conversation, the chaos messages in display order. */
    QHash<QString, QList<ShownMessage>> conversations;
    /** How many times the engine announced each message as new (messageAdded). */
    QHash<protocol::MessageId, int> announced;
    /** Rows of its chaos conversations it could not decrypt (each one a message lost). */
    int undecryptable = 0;
};

/** The figures a run prints, and each violation of the delivery promise it found. */
struct Figures {
    int kills = 0;
    int sent = 0;       ///< messages written
    int acked = 0;      ///< of which the writer saw ✓
    int unacked = 0;    ///< without ✓ at the end
    int delivered = 0;  ///< (message, device other than its writer) pairs shown once
    int lost = 0;       ///< (acked message, device of its conversation) pairs not shown
    int duplicated = 0; ///< (message, device) pairs shown or announced more than once
    int reordered = 0;  ///< messages out of the server's order, at another seq, or
                        ///< out of their writer's order
    QStringList violations;
    bool ok() const { return violations.isEmpty(); }
    /** "kills 10 acked 812 delivered 2436 lost 0 duplicated 0 reordered 0 (sent 812, unacked 0)" */
    QString summary() const;
};

/**
 * The end-of-run check of the delivery promise (README: ✓ means durable, exactly once,
 * in order): every acked message is shown exactly once on every device of its
 * conversation, an unacked one at most once, every device shows a message at the same
 * seq and each conversation in seq order (so all devices and the server agree), and
 * one writer's messages keep the order they were written in.
 * @p participants maps each conversation to the indices (into @p devices) that take part.
 */
Figures checkDelivery(const QList<SentMessage> &sent, const QList<DeviceView> &devices,
                      const QHash<QString, QList<int>> &participants);

} // namespace linnet::chaos
