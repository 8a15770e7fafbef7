// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli search: the stored messages that hold the words, as history prints them.
#include "CliCommand.h"
#include "CliOutput.h"

#include "store/LocalStore.h"
#include "store/SearchStore.h"

#include <algorithm>

namespace linnet::cli {

namespace {
/** More than a terminal shows; a script narrows its words or uses --chat. */
constexpr int kMaxHits = 1000;
} // namespace

void CliCommand::runSearch()
{
    const QString text = m_request.args.join(QLatin1Char(' '));
    QString conversation;
    if (!m_request.chat.isEmpty()) {
        conversation = conversationFor(m_request.chat, true);
        if (!m_store->conversation(conversation)) {
            fail(ExitUsage, tr("no chat with \"%1\" in this profile").arg(m_request.chat));
            return;
        }
    }
    const auto hits = client::SearchStore(*m_store).search(text, conversation, kMaxHits);
    if (!hits) {
        fail(hits.error().code == protocol::ErrorCode::InvalidField ? ExitUsage : ExitFailure,
             hits.error().reason);
        return;
    }
    // Oldest first, as history prints a chat: the newest ends up next to the prompt.
    QList<client::SearchHit> found = hits.value();
    std::reverse(found.begin(), found.end());
    for (const client::SearchHit &hit : std::as_const(found)) {
        if (const auto m = m_store->message(hit.id))
            printMessage(*m);
    }
    finish(ExitOk);
}

} // namespace linnet::cli
