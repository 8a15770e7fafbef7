// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientTypes.h"

namespace linnet::client {

QString deliveryStateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Read:
        return QStringLiteral("read");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

} // namespace linnet::client
