// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommand.h"
#include "CliOutput.h"
#include "crypto/Sodium.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace linnet::cli;

namespace {

constexpr char kDescription[] =
    "Linnet command-line client (scriptable; same engine as the desktop app).\n"
    "\n"
    "Commands:\n"
    "  register USER --password-stdin [--invite CODE]   create an account (needs --server)\n"
    "  login USER --password-stdin                      add this profile as a device (needs "
    "--server)\n"
    "  send PEER TEXT         queue TEXT for PEER; returns after the server's ack, prints the id\n"
    "  listen [--count N] [--timeout S] [--json]        receive, store and acknowledge messages\n"
    "  history PEER [--json]  print the stored conversation with PEER (or group)\n"
    "  group create NAME [--members USER,USER,...]      create a group; prints its key\n"
    "  group add NAME USER    add USER to the group NAME (admins)\n"
    "  group remove NAME USER remove USER from the group NAME (admins)\n"
    "  group leave NAME       leave the group NAME\n"
    "  PEER may be a group of this profile (its name, or group:ID) in send and history.\n"
    "\n"
    "Environment:\n"
    "  LINNET_PASSPHRASE      required: the passphrase that encrypts the profile's secrets\n"
    "                         (PROFILE/secrets.bin); a new profile keeps the first one given\n"
    "\n"
    "Exit codes: 0 ok, 1 failure or timeout (a message not sent in time stays queued;\n"
    "the reason is printed), 2 usage (also a text over 16384 characters), 3 server\n"
    "unreachable (the message stays queued), 4 not registered / wrong password / device\n"
    "refused, 5 refused by the server (unknown user, a message it cannot take, name taken,\n"
    "invite, unknown group, group full, not an admin),\n"
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
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
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
                                       QStringLiteral("Invite code for registration."),
                                       QStringLiteral("CODE"));
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
    parser.addOptions({profileOpt, serverOpt, passwordStdinOpt, inviteOpt, countOpt, timeoutOpt,
                       jsonOpt, membersOpt});
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
    const int wantArgs = (c == QLatin1String("register") || c == QLatin1String("login") ||
                          c == QLatin1String("history"))
                             ? 1
                         : c == QLatin1String("send")   ? 2
                         : c == QLatin1String("listen") ? 0
                         : c == QLatin1String("group")  ? int(request.args.size()) // checked above
                                                        : -1;
    if (wantArgs < 0)
        return usage(parser, QStringLiteral("unknown command \"%1\"").arg(c));
    if (c != QLatin1String("group") &&
        (request.args.size() < wantArgs || (wantArgs < 2 && request.args.size() > wantArgs)))
        return usage(parser, QStringLiteral("wrong number of arguments for %1").arg(c));
    if (c == QLatin1String("register") || c == QLatin1String("login")) {
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
