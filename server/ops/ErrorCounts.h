// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QtGlobal>

#include <map>

namespace linnet::server {

/**
 * The error frames the server sent, by code, since it started (linnet_errors_sent_total):
 * a rise of one code says what clients run into (429 rate limits, 402 wrong passwords,
 * 507 a full disk). One per gateway; every Session counts into it.
 */
class ErrorCounts {
public:
    void count(protocol::ErrorCode code) { ++m_counts[code]; }
    const std::map<protocol::ErrorCode, quint64> &byCode() const { return m_counts; }

private:
    std::map<protocol::ErrorCode, quint64> m_counts;
};

} // namespace linnet::server
