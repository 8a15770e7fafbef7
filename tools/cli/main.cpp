// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommand.h"
#include "CliOutput.h"
#include "crypto/Sodium.h"
#include "protocol/InviteLink.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace linnet::cli;

namespace {

constexpr char kDescription[] =
    "Linnet command-line client (scriptable; same engine as the desktop app).\n"
    "\n"
    "Commands:\n"
    "  register USER --password-stdin [--invite CODE]   create an account (needs --server)\n"
    "  register USER --password-stdin --invite LINK     create an account with an invite link\n"
    "                         (linnet://invite?...: it names the server and pins its TLS\n"
    "                         certificate, so no --server)\n"
    "  login USER --password-stdin [--pin PIN]          add this profile as a device (needs "
    "--server)\n"
    "                         an account with devices refuses it: approve it from one of\n"
    "                         them, or, having lost all of them, give --start-over (every\n"
    "                         device of the account is removed, a new account key is made,\n"
    "                         every contact sees a new security code)\n"
    "  link USER [--name NAME] [--pin PIN]              join USER's account as a new device\n"
    "                         (needs --server): prints a code and its QR code, and waits\n"
    "                         (10 minutes) until one of the account's devices approves it\n"
    "  approve CODE [--no-history] [--yes]              approve the new device showing CODE:\n"
    "                         shows its name and fingerprint, asks \"yes\" on stdin (unless\n"
    "                         --yes), hands it the account key and sends it the history\n"
    "  --pin PIN (register, login, link): trust exactly the server certificate with this pin\n"
    "                         (SHA-256 of its public key, as invite links and the server's\n"
    "                         log show it), self-signed or not; any other is refused\n"
    "  send PEER TEXT         queue TEXT for PEER; returns after the server's ack, prints the id\n"
    "  send PEER --file PATH [--caption TEXT]           send a file (end-to-end encrypted,\n"
    "                         up to 2 GiB); prints the id after the server's ack, progress on\n"
    "                         a terminal\n"
    "  listen [--count N] [--timeout S] [--json] [--download-dir DIR]\n"
    "                         receive, store and acknowledge messages; files are fetched,\n"
    "                         checked and saved (in PROFILE/files unless --download-dir)\n"
    "  fetch MESSAGE_ID --out PATH                      save a received file as PATH\n"
    "                         (downloads, checks the hash and decrypts it if needed)\n"
    "  reply MESSAGE_ID TEXT  send TEXT as a reply to a stored message, in its chat; the\n"
    "                         reply quotes its author and first line\n"
    "  react MESSAGE_ID EMOJI react to a stored message (one reaction per person: it\n"
    "                         replaces yours; \"\" takes it back)\n"
    "  edit MESSAGE_ID TEXT   give an own message a new text, on every device of its chat\n"
    "                         (within 15 minutes of writing it; shown as edited)\n"
    "  delete MESSAGE_ID [--for-everyone]               delete a message from this profile;\n"
    "                         --for-everyone: an own message, on every device of its chat\n"
    "                         (within 48 hours of writing it)\n"
    "  forward MESSAGE_ID CHAT...                       send the text of a stored message\n"
    "                         to each CHAT (a user or group), shown there as forwarded;\n"
    "                         prints each copy's id\n"
    "  history PEER [--json]  print the stored conversation with PEER (or group)\n"
    "  search TEXT [--chat PEER] [--json]               print the stored messages holding\n"
    "                         every word of TEXT (or words starting so; case, accents and\n"
    "                         ß/ss do not matter), oldest first, at most 1000\n"
    "  group create NAME [--members USER,USER,...]      create a group; prints its key\n"
    "  group add NAME USER    add USER to the group NAME (admins)\n"
    "  group remove NAME USER remove USER from the group NAME (admins)\n"
    "  group leave NAME       leave the group NAME\n"
    "  devices [--json]       list this account's devices: id, name, when linked and last\n"
    "                         seen, fingerprint, NOT APPROVED if the account key did not\n"
    "                         certify it, (this device)\n"
    "  rename-device ID NAME  give device ID a new name (at most 64 characters)\n"
    "  revoke ID              remove device ID from the account: its connection is closed,\n"
    "                         it cannot connect again and nothing more is encrypted to it\n"
    "  PEER may be a group of this profile (its name, or group:ID) in send and history.\n"
    "\n"
    "  send and listen take part in LAN fallback while the server is unreachable: peers on\n"
    "  the local network exchange one-to-one messages directly (--lan / --no-lan override\n"
    "  the profile's setting: lan=on|off in PROFILE/settings.ini, default on; also lan_port,\n"
    "  lan_interfaces). A send delivered only there exits 0.\n"
    "\n"
    "Environment:\n"
    "  LINNET_PASSPHRASE      required: the passphrase that encrypts the profile's secrets\n"
    "                         (PROFILE/secrets.bin); a new profile keeps the first one given\n"
    "\n"
    "Exit codes: 0 ok, 1 failure or timeout (a message not sent in time stays queued;\n"
    "the reason is printed; also a file that fails its hash check or cannot be saved),\n"
    "2 usage (also a text over 16384 characters, a file that is missing, unreadable or\n"
    "over 2 GiB, an --out path that exists), 3 server unreachable (the message stays\n"
    "queued), 4 not registered / wrong password / device refused or revoked, 5 refused\n"
    "by the server (unknown user, a message it cannot take, name taken, invite, unknown group,\n"
    "group full, not an admin, a file too large for it or over the account's quota, a\n"
    "file no longer on it, a device that is not this account's),\n"
    "6 secrets locked (LINNET_PASSPHRASE\n"
    "missing or wrong, or secrets.bin damaged).";

int usage(QCommandLineParser &parser, const QString &message)
{
    QTextStream err(stderr);
    err << "error: " << message << "\n\n" << parser.helpText();
    return ExitUsage;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("linnet-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Linnet"));
    if (!linnet::crypto::initSodium())
        return ExitFailure;

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.addHelpOption();
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
                                        QStringLiteral("Profile directory (one account)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption serverOpt(QStringLiteral("server"),
                                       QStringLiteral("Server URL, ws://HOST:PORT/v1/ws."),
                                       QStringLiteral("URL"));
    const QCommandLineOption passwordStdinOpt(QStringLiteral("password-stdin"),
                                              QStringLiteral("Read the password from stdin."));
    const QCommandLineOption inviteOpt(QStringLiteral("invite"),
                                       QStringLiteral("Invite code or link for registration."),
                                       QStringLiteral("CODE"));
    const QCommandLineOption pinOpt(QStringLiteral("pin"),
                                    QStringLiteral("register, login: the server certificate's "
                                                   "pin."),
                                    QStringLiteral("PIN"));
    const QCommandLineOption startOverOpt(
        QStringLiteral("start-over"),
        QStringLiteral("login: start over with the account (removes all its devices)."));
    const QCommandLineOption countOpt(QStringLiteral("count"),
                                      QStringLiteral("listen: stop after N messages."),
                                      QStringLiteral("N"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
                                        QStringLiteral("Give up after SECONDS."),
                                        QStringLiteral("SECONDS"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("One JSON object per message and line."));
    const QCommandLineOption membersOpt(QStringLiteral("members"),
                                        QStringLiteral("group create: the other members."),
                                        QStringLiteral("USER,USER,..."));
    const QCommandLineOption fileOpt(
        QStringLiteral("file"), QStringLiteral("send: a file to send."), QStringLiteral("PATH"));
    const QCommandLineOption captionOpt(QStringLiteral("caption"),
                                        QStringLiteral("send --file: a caption."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption downloadDirOpt(
        QStringLiteral("download-dir"),
        QStringLiteral("listen: where received files are saved (default PROFILE/files)."),
        QStringLiteral("DIR"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("fetch: the path to save the file as."),
                                    QStringLiteral("PATH"));
    const QCommandLineOption chatOpt(QStringLiteral("chat"),
                                     QStringLiteral("search: only in this chat (or group)."),
                                     QStringLiteral("PEER"));
    const QCommandLineOption forEveryoneOpt(QStringLiteral("for-everyone"),
                                            QStringLiteral("delete: for everyone in the chat"));
    const QCommandLineOption lanOpt(QStringLiteral("lan"),
                                    QStringLiteral("send, listen: use LAN fallback."));
    const QCommandLineOption noLanOpt(QStringLiteral("no-lan"),
                                      QStringLiteral("send, listen: no LAN fallback."));
    const QCommandLineOption nameOpt(QStringLiteral("name"),
                                     QStringLiteral("link: this device's name in the device list."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption noHistoryOpt(QStringLiteral("no-history"),
                                          QStringLiteral("approve: do not send the history."));
    const QCommandLineOption yesOpt(QStringLiteral("yes"),
                                    QStringLiteral("approve: approve without asking."));
    parser.addOptions(
        {profileOpt, serverOpt, passwordStdinOpt, inviteOpt,      countOpt, timeoutOpt,   jsonOpt,
         membersOpt, fileOpt,   captionOpt,       downloadDirOpt, outOpt,   chatOpt,      lanOpt,
         noLanOpt,   pinOpt,    startOverOpt,     forEveryoneOpt, nameOpt,  noHistoryOpt, yesOpt});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("see above"));
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }

    CliRequest request;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(parser, QStringLiteral("no command given"));
    request.command = positional.first();
    request.args = positional.mid(1);
    if (!parser.isSet(profileOpt))
        return usage(parser, QStringLiteral("--profile DIR is required"));
    request.profile = parser.value(profileOpt);
    request.server = QUrl(parser.value(serverOpt));
    request.invite = parser.value(inviteOpt);
    request.json = parser.isSet(jsonOpt);
    request.file = parser.value(fileOpt);
    request.caption = parser.value(captionOpt);
    request.downloadDir = parser.value(downloadDirOpt);
    request.out = parser.value(outOpt);
    request.chat = parser.value(chatOpt);
    bool ok = true;
    if (parser.isSet(countOpt)) {
        request.count = parser.value(countOpt).toInt(&ok);
        if (!ok || request.count < 1)
            return usage(parser, QStringLiteral("--count must be a positive number"));
    }
    if (parser.isSet(timeoutOpt)) {
        request.timeoutSeconds = parser.value(timeoutOpt).toInt(&ok);
        if (!ok || request.timeoutSeconds < 1)
            return usage(parser, QStringLiteral("--timeout must be a positive number of seconds"));
    }

    const QString &c = request.command;
    if (c == QLatin1String("group")) {
        const QString sub = request.args.value(0);
        const int want = sub == QLatin1String("create") || sub == QLatin1String("leave") ? 2
                         : sub == QLatin1String("add") || sub == QLatin1String("remove") ? 3
                                                                                         : -1;
        if (want < 0)
            return usage(parser, QStringLiteral("group needs create, add, remove or leave"));
        if (request.args.size() != want)
            return usage(parser, QStringLiteral("wrong number of arguments for group %1").arg(sub));
        if (parser.isSet(membersOpt) && sub != QLatin1String("create"))
            return usage(parser, QStringLiteral("--members is for group create"));
        for (const QString &m : parser.value(membersOpt).split(u',', Qt::SkipEmptyParts))
            request.members << m.trimmed();
    }
    const bool sendFile = c == QLatin1String("send") && parser.isSet(fileOpt);
    if (parser.isSet(captionOpt) && !sendFile)
        return usage(parser, QStringLiteral("--caption is for send --file"));
    if (parser.isSet(fileOpt) && c != QLatin1String("send"))
        return usage(parser, QStringLiteral("--file is for send"));
    if (parser.isSet(downloadDirOpt) && c != QLatin1String("listen"))
        return usage(parser, QStringLiteral("--download-dir is for listen"));
    if (parser.isSet(lanOpt) && parser.isSet(noLanOpt))
        return usage(parser, QStringLiteral("give --lan or --no-lan, not both"));
    if ((parser.isSet(lanOpt) || parser.isSet(noLanOpt)) && c != QLatin1String("send") &&
        c != QLatin1String("listen"))
        return usage(parser, QStringLiteral("--lan and --no-lan are for send and listen"));
    if (parser.isSet(lanOpt) || parser.isSet(noLanOpt))
        request.lan = parser.isSet(lanOpt);
    request.forEveryone = parser.isSet(forEveryoneOpt);
    if (request.forEveryone && c != QLatin1String("delete"))
        return usage(parser, QStringLiteral("--for-everyone is for delete"));
    if (parser.isSet(chatOpt) && c != QLatin1String("search"))
        return usage(parser, QStringLiteral("--chat is for search"));
    if (c == QLatin1String("fetch") && !parser.isSet(outOpt))
        return usage(parser, QStringLiteral("fetch needs --out PATH"));
    if (parser.isSet(outOpt) && c != QLatin1String("fetch"))
        return usage(parser, QStringLiteral("--out is for fetch"));
    const int wantArgs = (c == QLatin1String("register") || c == QLatin1String("login") ||
                          c == QLatin1String("history") || c == QLatin1String("fetch") ||
                          c == QLatin1String("link") || c == QLatin1String("approve") || sendFile)
                             ? 1
                         : c == QLatin1String("send") || c == QLatin1String("reply") ||
                                 c == QLatin1String("react") || c == QLatin1String("edit") ||
                                 c == QLatin1String("forward")
                             ? 2
                         : c == QLatin1String("delete")  ? 1
                         : c == QLatin1String("search")  ? std::max(1, int(request.args.size()))
                         : c == QLatin1String("listen")  ? 0
                         : c == QLatin1String("devices") ? 0
                         : c == QLatin1String("revoke")  ? 1
                         : c == QLatin1String("rename-device") ? 2
                         : c == QLatin1String("group") ? int(request.args.size()) // checked above
                                                       : -1;
    if (wantArgs < 0)
        return usage(parser, QStringLiteral("unknown command \"%1\"").arg(c));
    if (c != QLatin1String("group") &&
        (request.args.size() < wantArgs || (wantArgs < 2 && request.args.size() > wantArgs)))
        return usage(parser, sendFile ? QStringLiteral("send --file takes the peer only (the text "
                                                       "goes in --caption)")
                                      : QStringLiteral("wrong number of arguments for %1").arg(c));
    if (c == QLatin1String("react") && request.args.size() != 2)
        return usage(parser, QStringLiteral("react takes a message id and one emoji"));
    const bool account = c == QLatin1String("register") || c == QLatin1String("login");
    if (parser.isSet(inviteOpt) && !account)
        return usage(parser, QStringLiteral("--invite is for register and login"));
    if (parser.isSet(pinOpt) && !account && c != QLatin1String("link"))
        return usage(parser, QStringLiteral("--pin is for register, login and link"));
    if (parser.isSet(nameOpt) && c != QLatin1String("link"))
        return usage(parser, QStringLiteral("--name is for link"));
    if ((parser.isSet(noHistoryOpt) || parser.isSet(yesOpt)) && c != QLatin1String("approve"))
        return usage(parser, QStringLiteral("--no-history and --yes are for approve"));
    request.deviceName = parser.value(nameOpt);
    request.noHistory = parser.isSet(noHistoryOpt);
    request.yes = parser.isSet(yesOpt);
    if (parser.isSet(startOverOpt) && c != QLatin1String("login"))
        return usage(parser, QStringLiteral("--start-over is for login"));
    request.startOver = parser.isSet(startOverOpt);
    if (parser.isSet(pinOpt)) {
        const auto pin = linnet::protocol::pinFromText(parser.value(pinOpt));
        if (!pin)
            return usage(parser, pin.error().reason);
        request.pin = pin.value();
    }
    if (linnet::protocol::InviteLink::looksLikeLink(request.invite)) {
        const auto link = linnet::protocol::InviteLink::parse(request.invite);
        if (!link)
            return usage(parser, link.error().reason);
        if (parser.isSet(serverOpt) && request.server != link.value().server)
            return usage(parser,
                         QStringLiteral("the invite link is for %1, not --server %2")
                             .arg(link.value().server.toString(), request.server.toString()));
        if (parser.isSet(pinOpt) && !link.value().pin.isEmpty() && request.pin != link.value().pin)
            return usage(parser,
                         QStringLiteral("the invite link pins another certificate than --pin"));
        request.server = link.value().server;
        if (!link.value().pin.isEmpty())
            request.pin = link.value().pin;
        request.invite = link.value().code;
    }
    if (account) {
        if (!parser.isSet(passwordStdinOpt))
            return usage(parser,
                         QStringLiteral("give the password on stdin with --password-stdin"));
        QTextStream in(stdin);
        request.password = in.readLine();
    }

    CliCommand command(request);
    QObject::connect(&command, &CliCommand::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    command.run();
    return QCoreApplication::exec();
}
