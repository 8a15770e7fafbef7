// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli's message actions: reply, react, edit, delete (issue 30, protocol.md 8).
#include "CliCommand.h"
#include "CliOutput.h"

#include "store/LocalStore.h"

namespace linnet::cli {

void CliCommand::runReply()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    const auto id = protocol::MessageId::fromHex(m_request.args.value(0));
    const auto conversation = id ? m_store->conversationOf(*id) : std::nullopt;
    if (!conversation) {
        fail(ExitUsage, tr("no message %1 in this profile (see history --json for ids)")
                            .arg(m_request.args.value(0)));
        return;
    }
    const QString text = m_request.args.mid(1).join(QLatin1Char(' '));
    startSend([&] { return m_client->sendReply(*conversation, text, *id); });
}

void CliCommand::runReact()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    const auto id = protocol::MessageId::fromHex(m_request.args.value(0));
    if (!id || !m_store->message(*id)) {
        fail(ExitUsage, tr("no message %1 in this profile (see history --json for ids)")
                            .arg(m_request.args.value(0)));
        return;
    }
    const QString emoji = m_request.args.value(1);
    startSend([&] { return m_client->react(*id, emoji); });
}

std::optional<protocol::MessageId> CliCommand::storedMessageArg()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return std::nullopt;
    }
    const auto id = protocol::MessageId::fromHex(m_request.args.value(0));
    if (!id || !m_store->message(*id)) {
        fail(ExitUsage, tr("no message %1 in this profile (see history --json for ids)")
                            .arg(m_request.args.value(0)));
        return std::nullopt;
    }
    return id;
}

void CliCommand::runEdit()
{
    const auto id = storedMessageArg();
    if (!id)
        return;
    const QString text = m_request.args.mid(1).join(QLatin1Char(' '));
    startSend([&] { return m_client->editMessage(*id, text); });
}

void CliCommand::runForward()
{
    const auto id = storedMessageArg();
    if (!id)
        return;
    QStringList chats;
    for (const QString &name : m_request.args.mid(1))
        chats << conversationFor(name);
    // Every copy is stored and queued at once; the command returns once the last is acked
    // (the outbox sends them in order), printing each copy's id.
    startSend([&] {
        const QList<protocol::MessageId> sent = m_client->forward(*id, chats);
        for (qsizetype i = 0; i + 1 < sent.size(); ++i)
            m_out << sent.at(i).toHex() << Qt::endl;
        return sent.isEmpty() ? protocol::MessageId() : sent.last();
    });
}

void CliCommand::runDelete()
{
    const auto id = storedMessageArg();
    if (!id)
        return;
    if (m_request.forEveryone) {
        startSend([&] { return m_client->deleteForEveryone(*id); });
        return;
    }
    if (!m_client->deleteForMe(*id)) {
        fail(ExitUsage, tr("message %1 cannot be deleted here (still being sent?)")
                            .arg(m_request.args.value(0)));
        return;
    }
    finish(ExitOk);
}

} // namespace linnet::cli
