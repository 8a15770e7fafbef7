// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of tst_server_groups: a signed-in device, and waiting for the reply
// to one request.
#include "RawClient.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <optional>

namespace linnet::test::groups {

using namespace linnet::protocol;

/** One signed-in device of a test user. */
struct Device {
    std::unique_ptr<RawClient> client;
    QString name;
    qint64 deviceId = 0;
    QByteArray token;
    RawClient *operator->() const { return client.get(); }
};

/** Waits for the reply T to request @p r (or an error for it, stored in @p error). */
template <typename T>
std::optional<T> replyTo(RawClient &c, quint32 r, std::optional<ErrorFrame> *error = nullptr)
{
    std::optional<T> out;
    (void)QTest::qWaitFor(
        [&] {
            auto &q = c.queue();
            for (auto it = q.begin(); it != q.end(); ++it) {
                if (const T *f = std::get_if<T>(&*it); f && f->requestId == r) {
                    out = *f;
                    q.erase(it);
                    return true;
                }
                if (const auto *e = std::get_if<ErrorFrame>(&*it); e && e->requestId == r) {
                    if (error)
                        *error = *e;
                    q.erase(it);
                    return true;
                }
            }
            return !c.isConnected();
        },
        15000);
    return out;
}

/** "user" or "user*" (admin) for each member, sorted. */
inline QStringList memberNames(const GroupInfo &info)
{
    QStringList out;
    for (const GroupMember &m : info.members)
        out.append(m.user + (m.admin ? QStringLiteral("*") : QString()));
    std::sort(out.begin(), out.end());
    return out;
}

/** Every frame of type T queued on @p c, in arrival order (removed from the queue). */
template <typename T> QList<T> takeAll(RawClient &c)
{
    QList<T> out;
    auto &q = c.queue();
    for (auto it = q.begin(); it != q.end();) {
        if (const T *f = std::get_if<T>(&*it)) {
            out.append(*f);
            it = q.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

} // namespace linnet::test::groups
