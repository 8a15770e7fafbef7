// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestAccounts.h"

#include "ServerProcess.h"

namespace linnet::test {

using namespace linnet::protocol;

namespace {

Device signIn(const ServerProcess &server, const QString &name, AfterSignIn after,
              const std::function<std::optional<AuthOk>(RawClient &)> &request)
{
    Device d;
    d.name = name;
    d.client = connectedClient(server);
    if (!d.client) {
        d.client = std::make_unique<RawClient>(); // callers may still use it, and see it failed
        return d;
    }
    if (const auto ok = request(*d.client)) {
        d.deviceId = ok->deviceId;
        d.token = ok->token;
        if (after == AfterSignIn::WaitForSynced)
            d.client->waitFor<Synced>();
    }
    return d;
}

} // namespace

std::unique_ptr<RawClient> connectedClient(const ServerProcess &server)
{
    auto c = std::make_unique<RawClient>();
    if (!c->connectTo(server.url())) {
        qWarning("cannot connect to %s", qPrintable(server.url().toString()));
        return nullptr;
    }
    return c;
}

Device registerDevice(const ServerProcess &server, const QString &name, const QString &password,
                      AfterSignIn after)
{
    return signIn(server, name, after,
                  [&](RawClient &c) { return c.registerUser(name, password); });
}

Device loginDevice(const ServerProcess &server, const QString &name, const QString &password,
                   AfterSignIn after)
{
    return signIn(server, name, after, [&](RawClient &c) { return c.login(name, password); });
}

Device registerAccount(const ServerProcess &server, const QString &name, const QString &password)
{
    Device d = registerDevice(server, name, password);
    d.client.reset();
    return d;
}

bool reconnect(Device &device, const ServerProcess &server)
{
    device.client = std::make_unique<RawClient>();
    return device.client->connectTo(server.url()) &&
           device.client->auth(device.deviceId, device.token);
}

std::unique_ptr<RawClient> connectAs(const ServerProcess &server, const Device &device,
                                     std::optional<AuthOk> *ok)
{
    auto c = connectedClient(server);
    if (!c)
        return nullptr;
    const auto authOk = c->auth(device.deviceId, device.token);
    if (!authOk) {
        for (const auto &f : c->queue())
            if (const auto *e = std::get_if<ErrorFrame>(&f))
                qWarning("auth refused: %d %s", int(e->code), qPrintable(e->reason));
        qWarning("server output:\n%s", server.output().constData());
        return nullptr;
    }
    if (ok)
        *ok = authOk;
    return c;
}

QList<Deliver> drainAll(RawClient &client)
{
    QList<Deliver> out;
    while (true) {
        if (auto d = client.waitFor<Deliver>(2000)) {
            out.append(*d);
            client.ack({d->entry});
            continue;
        }
        if (client.has<Synced>() || !client.isConnected())
            break;
    }
    return out;
}

} // namespace linnet::test
