// SPDX-License-Identifier: GPL-3.0-or-later
#include "Provisioner.h"

#include "crypto/Keys.h"

#include "EventWait.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

namespace linnet::bench {

using namespace linnet::protocol;

namespace {
const QString kPassword = QStringLiteral("linnet-bench-password");
constexpr int kMaxAttempts = 5;
} // namespace

Provisioner::Provisioner(QUrl url, QString cacheFile, int parallel)
    : m_url(std::move(url)), m_cacheFile(std::move(cacheFile)), m_parallel(std::max(1, parallel))
{
    // The server checks keys but never uses them: one valid set serves every device.
    const auto identity = crypto::IdentityKeyPair::generate();
    const auto signedPreKey = crypto::generateSignedPreKey(identity, 1, 0);
    m_keys.identity = identity.publicKey();
    m_keys.signedPreKeyId = signedPreKey.id;
    m_keys.signedPreKey = signedPreKey.pair.publicKey;
    m_keys.signature = signedPreKey.signature;
    loadCache();
}

void Provisioner::loadCache()
{
    if (m_cacheFile.isEmpty())
        return;
    QFile f(m_cacheFile);
    if (!f.open(QIODevice::ReadOnly))
        return;
    while (!f.atEnd()) {
        const QList<QByteArray> parts = f.readLine().trimmed().split('\t');
        if (parts.size() != 3)
            continue;
        DeviceCredentials d{QString::fromUtf8(parts[0]), parts[1].toLongLong(),
                            QByteArray::fromHex(parts[2])};
        m_cache.insert(d.username, d);
    }
}

void Provisioner::appendToCache(const DeviceCredentials &d)
{
    if (m_cacheFile.isEmpty())
        return;
    QFile f(m_cacheFile);
    if (f.open(QIODevice::Append))
        f.write(d.username.toUtf8() + '\t' + QByteArray::number(d.deviceId) + '\t' +
                d.token.toHex() + '\n');
}

std::optional<std::vector<DeviceCredentials>> Provisioner::devices(const QString &prefix, int count,
                                                                   int timeoutMs)
{
    std::vector<DeviceCredentials> out(size_t(std::max(0, count)));
    std::deque<int> todo;
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(prefix).arg(i);
        const auto it = m_cache.constFind(name);
        if (it != m_cache.constEnd())
            out[size_t(i)] = it.value();
        else
            todo.push_back(i);
    }
    const int needed = int(todo.size());
    int done = 0;
    int running = 0;
    bool failed = false;
    QHash<int, int> attempts;
    // Registered before, but its token was not kept (the answer was lost): a
    // login with the bench's password makes a new device of the same account.
    QSet<int> loginInstead;
    QElapsedTimer clock;
    clock.start();

    QSet<BenchConnection *> live;
    std::function<void()> startMore;
    auto finishOne = [&](BenchConnection *conn) {
        --running;
        live.remove(conn);
        conn->close(); // a close we ask for does not call the closed handler
        conn->deleteLater();
        QTimer::singleShot(0, startMore);
    };
    startMore = [&] {
        while (!failed && running < m_parallel && !todo.empty()) {
            const int i = todo.front();
            todo.pop_front();
            ++running;
            const QString name = QStringLiteral("%1-%2").arg(prefix).arg(i);
            auto *conn = new BenchConnection;
            live.insert(conn);
            auto over = std::make_shared<bool>(false);
            auto retry = [&, i, conn, over](const QString &why) {
                if (*over)
                    return;
                *over = true;
                if (++attempts[i] >= kMaxAttempts) {
                    failed = true;
                    m_error =
                        QStringLiteral("cannot register %1-%2: %3").arg(prefix).arg(i).arg(why);
                } else {
                    todo.push_back(i);
                }
                finishOne(conn);
            };
            const bool login = loginInstead.contains(i);
            conn->setConnectedHandler([conn, name, login] {
                if (login)
                    conn->send(LoginRequest{1, name, kPassword, QStringLiteral("linnet-bench")});
                else
                    conn->send(RegisterRequest{1, name, kPassword, QString(),
                                               QStringLiteral("linnet-bench")});
            });
            conn->setClosedHandler([retry] { retry(QStringLiteral("connection closed")); });
            conn->setFrameHandler([&, i, conn, retry, over](const Frame &frame) {
                if (*over)
                    return;
                if (const auto *ok = std::get_if<AuthOk>(&frame)) {
                    // Keys first: only a device with keys can be sent to.
                    out[size_t(i)] = DeviceCredentials{ok->username, ok->deviceId, ok->token};
                    KeysUpload upload = m_keys;
                    upload.requestId = 2;
                    upload.registrationId = benchRegistrationId(ok->deviceId);
                    conn->send(upload);
                } else if (std::holds_alternative<PreKeyCount>(frame)) {
                    *over = true;
                    const DeviceCredentials &d = out[size_t(i)];
                    appendToCache(d);
                    m_cache.insert(d.username, d);
                    ++done;
                    finishOne(conn);
                } else if (const auto *e = std::get_if<ErrorFrame>(&frame)) {
                    if (e->code == ErrorCode::UsernameTaken)
                        loginInstead.insert(i);
                    retry(QStringLiteral("error %1: %2").arg(int(e->code)).arg(e->reason));
                }
            });
            conn->open(m_url);
        }
    };
    startMore();
    const bool ok = waitUntil([&] { return failed || done == needed; }, timeoutMs, 10);
    // Whatever is still running must not call back into this stack frame.
    failed = failed || !ok;
    for (BenchConnection *conn : std::as_const(live)) {
        conn->setFrameHandler({});
        conn->setClosedHandler({});
        conn->setConnectedHandler({});
        conn->close();
        conn->deleteLater();
    }
    live.clear();
    spinFor(50); // the deferred deletes and singleShots above run while our locals exist
    m_registered = done;
    m_seconds = double(clock.nsecsElapsed()) / 1e9;
    if (!ok || failed) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("registered only %1 of %2 devices in %3 s")
                          .arg(done)
                          .arg(needed)
                          .arg(m_seconds, 0, 'f', 1);
        return std::nullopt;
    }
    return out;
}

} // namespace linnet::bench
