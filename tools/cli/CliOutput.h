// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "media/MediaClient.h"
#include "store/ReactionStore.h"

#include <QString>

namespace linnet::cli {

/** Process exit codes of linnet-cli (documented in its --help and the README). */
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,     ///< timed out, storage error, anything else
    ExitUsage = 2,       ///< bad command line
    ExitUnreachable = 3, ///< server unreachable (a message stays queued)
    ExitAuth = 4,        ///< not registered, wrong password, device refused, account disabled
    ExitRefused = 5,     ///< the server refused the request (unknown user, taken name, invite)
    ExitSecrets = 6,     ///< secrets.bin locked: LINNET_PASSPHRASE missing or wrong, file damaged
};

/** The exit code for a request the server (or engine) refused with @p code. */
int exitCodeFor(protocol::ErrorCode code);

/** One message as a JSON object on one line (the --json format). For a group message
 *  @p groupName is the group's name: it goes into "conversation", the group's key
 *  ("group:ID") into "group". "kind" is text, notice, undecryptable, event or file; a file
 *  message (@p attachment) adds "file": {name, size, mime, sha256 (hex, of the blob),
 *  saved_to (empty until it is saved), and "error" if it could not be}. A non-empty @p via
 *  ("lan" or "server", listen) says how the message came. A reply adds "reply_to" and
 *  "quote"; @p reactions, if any, "reactions": [{emoji, from: [USER...]}]. A reaction
 *  (kind "reaction", listen) has "on" (the message's id) and "emoji" (empty: taken back);
 *  an edit (kind "edit") "on" and its new "text"; a delete for everyone (kind "delete")
 *  "on". Every other row has "edited" and "deleted" (true once its author deleted it for
 *  everyone: its text is then empty). */
QString messageJson(const client::ChatMessage &message, const QString &groupName = {},
                    const client::Attachment *attachment = nullptr, const QString &via = {},
                    const QList<client::Reaction> &reactions = {});
/** One message for people: "2026-11-22 10:15:03  alice: hello  ✓✓" ("[NAME] " first in a
 *  group; a file adds "[file NAME, SIZE -> PATH]"). */
QString messageText(const client::ChatMessage &message, const QString &groupName = {},
                    const client::Attachment *attachment = nullptr,
                    const QList<client::Reaction> &reactions = {});

} // namespace linnet::cli
