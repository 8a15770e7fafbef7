// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of tst_server_groups and tst_server_group_messages: a signed-in device,
// waiting for the reply to one request, and the tests' common base.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <optional>

namespace linnet::test::groups {

using namespace linnet::protocol;

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

/**
 * The server and the group operations both group test files use; each test class
 * derives from it and starts the server in its initTestCase().
 */
class ServerGroupsTest : public QObject {
protected:
    void startServer()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    Device newUser(const QString &prefix, ServerProcess *server = nullptr)
    {
        return registerDevice(server ? *server : *m_server, m_names.next(prefix), kTestPassword,
                              AfterSignIn::WaitForSynced);
    }
    Device secondDevice(const Device &of)
    {
        return loginDevice(*m_server, of.name, kTestPassword, AfterSignIn::WaitForSynced);
    }
    bool reconnect(Device &d, ServerProcess *server = nullptr)
    {
        return test::reconnect(d, server ? *server : *m_server);
    }

    std::optional<GroupInfo> create(Device &d, const QString &name, const QStringList &members,
                                    std::optional<ErrorFrame> *error = nullptr)
    {
        const quint32 r = d->nextRequestId();
        d->send(GroupCreate{r, name, members});
        return replyTo<GroupInfo>(*d.client, r, error);
    }
    std::optional<GroupInfo> update(Device &d, qint64 conv, GroupOp op, const QString &user = {},
                                    const QString &name = {},
                                    std::optional<ErrorFrame> *error = nullptr)
    {
        const quint32 r = d->nextRequestId();
        d->send(GroupUpdate{r, conv, op, user, name});
        return replyTo<GroupInfo>(*d.client, r, error);
    }
    /** The error code a request gets (0 if it succeeded or nothing came). */
    static int errorOf(RawClient &c, const Frame &frame, quint32 r)
    {
        c.send(frame);
        std::optional<ErrorFrame> error;
        replyTo<Ok>(c, r, &error); // Ok never matches a group reply: only the error is seen
        return error ? int(error->code) : 0;
    }
    static SendRequest groupSend(RawClient &c, qint64 conv, const QByteArray &body,
                                 const MessageId &id = MessageId::generate())
    {
        SendRequest s{c.nextRequestId(), id, {}, {}};
        s.group = conv;
        s.body = body;
        return s;
    }
    static std::optional<GroupEvent> nextEvent(Device &d)
    {
        auto e = d->waitFor<GroupEvent>();
        if (e)
            d->ack({e->entry});
        return e;
    }
};

} // namespace linnet::test::groups
