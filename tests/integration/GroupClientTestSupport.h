// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of tst_groups and tst_group_encryption: members with real ChatClient
// engines on one real server, groups between them, and raw "spy" members that keep
// every frame they get.
#include "AccountKeyTestSupport.h"
#include "ChatClient.h"
#include "store/LocalStore.h"
#include "e2e/MemorySecretStore.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "crypto/SenderKey.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <memory>
#include <optional>

namespace linnet::test::groups {

using namespace linnet::client;
using namespace linnet::protocol;

constexpr int kTimeout = 60000;

/** One installation: its database, in-memory secrets and engine. */
struct Member {
    QString name;
    std::unique_ptr<LocalStore> store;
    MemorySecretStore secrets;
    std::unique_ptr<ChatClient> client;

    QList<ChatMessage> messages(const QString &key) const
    {
        return store->messages(key, 100000, 0);
    }
    /** The state of @p id's attachment here (Cancelled if there is none). */
    TransferState attachmentState(const MessageId &id) const
    {
        const auto a = client->media().attachment(id);
        return a ? a->state : TransferState::Cancelled;
    }
    QList<ChatMessage> texts(const QString &key) const
    {
        QList<ChatMessage> out;
        for (const auto &m : messages(key))
            if (m.kind == MessageKind::Text)
                out << m;
        return out;
    }
    int countText(const QString &key, const QString &text) const
    {
        int n = 0;
        for (const auto &m : messages(key))
            if (m.text == text && m.kind == MessageKind::Text)
                ++n;
        return n;
    }
    std::optional<ChatMessage> find(const QString &key, const QString &text) const
    {
        for (const auto &m : messages(key))
            if (m.text == text)
                return m;
        return std::nullopt;
    }
    /** This member's own view of the group lists @p user (its sends then include them). */
    bool seesMember(const QString &key, const QString &user) const
    {
        const auto g = client->groups().group(key);
        return g && std::any_of(g->members.cbegin(), g->members.cend(),
                                [&](const auto &m) { return m.user == user; });
    }

    bool inGroup(const QString &key, const QStringList &members) const
    {
        const auto g = client->groups().group(key);
        if (!g || !g->member)
            return false;
        QStringList names;
        for (const auto &m : g->members)
            names << m.user;
        QStringList want = members;
        want.sort();
        return names == want;
    }
};

/** (seq, text) of every message, the order a member shows. */
inline QStringList order(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const auto &m : messages)
        out << QStringLiteral("%1:%2:%3").arg(m.seq).arg(int(m.kind)).arg(m.text);
    return out;
}

/** The server (configured for groups of up to 1,024) and the helpers both files use. */
class ClientGroupsTest : public QObject {
protected:
    void startServer()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--config"), writeConfig(QStringLiteral("big.ini"), 1024)});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString writeConfig(const QString &file, int maxMembers)
    {
        const QString path = m_root.filePath(file);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("[server]\nregistration = open\nregistrations_per_minute = 100000\n"
                               "auth_failures_per_minute = 10000\n"
                               // 50 people signing up at once from one address
                               "max_unauthenticated_per_address = 1000\n"
                               "max_group_members = %1\n")
                    .arg(maxMembers)
                    .toUtf8());
        return path;
    }

    /** New accounts, registered in parallel, online with their keys published. */
    std::vector<std::unique_ptr<Member>> members(const QString &prefix, int count,
                                                 ServerProcess *server = nullptr)
    {
        server = server ? server : m_server.get();
        std::vector<std::unique_ptr<Member>> out;
        int published = 0;
        QString failed;
        for (int i = 0; i < count; ++i) {
            auto m = std::make_unique<Member>();
            m->name = QStringLiteral("%1%2").arg(prefix).arg(++m_counter);
            const QString dir = m_root.filePath(m->name);
            QDir().mkpath(dir);
            m->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
            if (!m->store->open())
                return {};
            ChatClient::Options o;
            o.initialBackoffMs = 50;
            o.maxBackoffMs = 500;
            m->client = std::make_unique<ChatClient>(*m->store, m->secrets, o);
            connect(m->client.get(), &ChatClient::keysPublished, this,
                    [&published] { ++published; });
            connect(m->client.get(), &ChatClient::accountFailed, this,
                    [&failed](ErrorCode, const QString &reason) { failed = reason; });
            m->client->registerAccount(server->url(), m->name, QStringLiteral("correct horse"));
            out.push_back(std::move(m));
        }
        const bool ready =
            QTest::qWaitFor([&] { return published >= count || !failed.isEmpty(); }, 120000);
        for (auto &m : out)
            disconnect(m->client.get(), nullptr, this, nullptr);
        if (!ready || !failed.isEmpty()) {
            qWarning("registration failed: %s", qPrintable(failed));
            return {};
        }
        return out;
    }

    /** @p admin creates a group with @p others; waits until every member knows it. */
    QString createGroup(Member &admin, const QList<Member *> &others, const QString &name)
    {
        QStringList names;
        for (const Member *m : others)
            names << m->name;
        QSignalSpy finished(&admin.client->groups(), &GroupClient::requestFinished);
        const quint32 id = admin.client->groups().createGroup(name, names);
        if (id == 0 || !QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeout))
            return {};
        const QString key = finished.first().at(1).toString();
        QStringList all = names;
        all << admin.name;
        const bool known = QTest::qWaitFor(
            [&] {
                for (const Member *m : others)
                    if (!m->inGroup(key, all))
                        return false;
                return admin.inGroup(key, all);
            },
            kTimeout);
        return known ? key : QString();
    }

    /** A raw member: every group frame it gets stays queued for the test to read. */
    std::unique_ptr<RawClient> spy(ServerProcess *server = nullptr)
    {
        server = server ? server : m_server.get();
        auto raw = std::make_unique<RawClient>();
        if (!raw->connectTo(server->url()) ||
            !raw->registerUser(QStringLiteral("spy%1").arg(++m_counter),
                               QStringLiteral("correct horse")))
            return nullptr;
        return raw;
    }

    /** The group message with @p id as the spy received it. */
    static std::optional<Deliver> captured(RawClient &raw, const MessageId &id)
    {
        std::optional<Deliver> found;
        (void)QTest::qWaitFor(
            [&] {
                for (const auto &f : raw.queue())
                    if (const auto *d = std::get_if<Deliver>(&f); d && d->id == id)
                        found = *d;
                return found.has_value();
            },
            kTimeout);
        return found;
    }
};

} // namespace linnet::test::groups
