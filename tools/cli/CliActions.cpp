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
