// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include "ServerLog.h"
#include "ShutdownSignals.h"
#include "admin/AdminCommands.h"
#include "admin/DataDirLock.h"
#include "admin/ServerBackup.h"
#include "protocol/Limits.h"
#include "crypto/Sodium.h"
#include "gateway/Server.h"
#include "protocol/InviteLink.h"
#include "store/CommitThread.h"
#include "store/SqliteStore.h"
#include "transport/ServerCertificate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>

namespace linnet::server {

namespace {

constexpr char kSummary[] =
    "Linnet server: relays end-to-end encrypted messages between devices.\n"
    "\n"
    "Commands:\n"
    "  serve                          run the server\n"
    "  invite create [--valid-days N] [--url URL] [--no-pin]\n"
    "                                 print a new single-use invite: a link holding the\n"
    "                                 server's URL, its certificate's pin and the code\n"
    "                                 when the URL is known (--url, public_url, the listen\n"
    "                                 address), else the code alone\n"
    "  account create NAME --password-stdin\n"
    "  account list\n"
    "  account disable NAME | account enable NAME\n"
    "  user admin NAME on|off         let the account create and list invites from the app\n"
    "  backup FILE                    write a backup of the data dir to FILE\n"
    "  restore FILE                   restore a backup into an empty data dir\n"
    "\n"
    "Admin commands and backup work while the server runs; restore "
    "needs it stopped.";

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/linnet-server");
}

bool prepareDataDir(const QString &dir, QTextStream &err)
{
    QDir d(dir);
    if (!d.exists() && !d.mkpath(QStringLiteral("."))) {
        err << "error: cannot create the data directory " << dir << Qt::endl;
        return false;
    }
    // The database holds password hashes and queued messages: owner only.
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

/** SQLite's words for a file whose pages or header are not what it wrote. */
bool looksDamaged(const QString &reason)
{
    return reason.contains(QStringLiteral("quick_check")) ||
           reason.contains(QStringLiteral("malformed")) ||
           reason.contains(QStringLiteral("not a database")) ||
           reason.contains(QStringLiteral("SQLite code 11")) ||
           reason.contains(QStringLiteral("SQLite code 26"));
}

QString damagedDatabaseAdvice(const QString &file)
{
    return QStringLiteral(
               "The database %1 is damaged; the server does not serve it. With the server "
               "stopped, either restore the file (with its -wal file, if the backup has one) "
               "from a backup, or recover what SQLite can still read into a new file:\n"
               "  sqlite3 %1 .recover | sqlite3 %1.recovered\n"
               "  sqlite3 %1.recovered 'PRAGMA integrity_check'\n"
               "then keep the damaged file aside and move %1.recovered to %1 "
               "(docs/storage.md).")
        .arg(file);
}

QString readPasswordFromStdin()
{
    QTextStream in(stdin);
    return in.readLine();
}

/** `backup FILE` (or `backup --out FILE`) and `restore FILE`; nullopt if not one of them. */
std::optional<int> runBackupCommand(const QStringList &args, const QString &out,
                                    const QString &dataDir, QTextStream &stdOut, QTextStream &err)
{
    const QString command = args.value(0);
    if (command != QLatin1String("backup") && command != QLatin1String("restore"))
        return std::nullopt;
    QString file = args.value(1);
    if (command == QLatin1String("backup") && !out.isEmpty() && args.size() == 1)
        file = out;
    if (args.size() > 2 || file.isEmpty()) {
        err << "error: " << command << " needs one FILE: linnet-server " << command << " FILE"
            << Qt::endl;
        return 2;
    }
    if (command == QLatin1String("backup")) {
        const auto made = ServerBackup::create(dataDir, file);
        if (!made) {
            err << "error: " << made.error().reason << Qt::endl;
            return 1;
        }
        const BackupSummary &s = made.value();
        stdOut << "backed up " << QDir(dataDir).absolutePath() << " to " << file << ": "
               << s.contents() << "; " << s.bytes << " bytes" << Qt::endl;
        if (s.blobsGone > 0)
            stdOut << s.blobsGone << " attachments were deleted by the server while the backup "
                   << "ran (every recipient had them); they are not in it" << Qt::endl;
        return 0;
    }
    const auto restored = ServerBackup::restore(file, dataDir);
    if (!restored) {
        err << "error: " << restored.error().reason << Qt::endl;
        return 1;
    }
    stdOut << "restored " << file << " into " << QDir(dataDir).absolutePath() << ": "
           << restored.value().contents() << Qt::endl;
    return 0;
}

/** With tls_self_signed: makes the certificate once and serves it. */
bool prepareSelfSignedTls(ServerConfig &config, QTextStream &err)
{
    if (!config.tlsSelfSigned)
        return true;
    if (!config.tlsCertFile.isEmpty() || !config.tlsKeyFile.isEmpty()) {
        err << "error: tls_self_signed and tls_cert/tls_key exclude each other: give one"
            << Qt::endl;
        return false;
    }
    if (auto made = ServerCertificate::ensureSelfSigned(config.dataDir); !made) {
        err << "error: " << made.error().reason << Qt::endl;
        return false;
    }
    config.tlsCertFile = ServerCertificate::certPath(config.dataDir);
    config.tlsKeyFile = ServerCertificate::keyPath(config.dataDir);
    return true;
}

/** Where an invite link sends its reader: --url, else public_url, else the listen
 *  address if it is one (not a wildcard); with the certificate's pin when TLS is on. */
std::optional<InviteTarget> inviteTarget(const ServerConfig &config, const QString &url, bool pin,
                                         QTextStream &err)
{
    InviteTarget target;
    const QString given = url.isEmpty() ? config.publicUrl : url;
    if (!given.isEmpty()) {
        target.server = protocol::withWebSocketPath(QUrl(given, QUrl::StrictMode));
        const QString scheme = target.server.scheme();
        if (!target.server.isValid() || target.server.host().isEmpty() ||
            (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
            err << "error: --url must be the ws:// or wss:// URL clients use, e.g. "
                   "wss://chat.example.org:7480/v1/ws"
                << Qt::endl;
            return std::nullopt;
        }
    } else if (config.tlsEnabled() && config.listenAddress != QHostAddress::Any &&
               config.listenAddress != QHostAddress::AnyIPv4 &&
               config.listenAddress != QHostAddress::AnyIPv6) {
        target.server = QUrl(config.clientUrl(config.port));
    } else if (config.tlsEnabled()) {
        err << "note: the code alone; for an invite link that carries the server's address "
               "and certificate pin, give --url or set public_url"
            << Qt::endl;
    }
    if (pin && config.tlsEnabled() && target.server.scheme() == QLatin1String("wss")) {
        const auto p = ServerCertificate::pinOfFile(config.tlsCertFile);
        if (!p) {
            err << "error: " << p.error().reason << Qt::endl;
            return std::nullopt;
        }
        target.pin = p.value();
    }
    return target;
}

int serve(const ServerConfig &config, std::unique_ptr<Store> store, QTextStream &out,
          QTextStream &err)
{
    // Batches commit on a second connection of their own thread (see CommitThread).
    std::unique_ptr<CommitThread> commitThread;
    if (config.commitThread) {
        commitThread = std::make_unique<CommitThread>(
            [dir = config.dataDir]() -> protocol::Result<std::unique_ptr<Store>> {
                auto connection = SqliteStore::openAt(dir);
                if (!connection)
                    return connection.error();
                return std::unique_ptr<Store>(std::move(connection).value());
            });
        if (auto started = commitThread->start(); !started) {
            err << "error: cannot open the database for the commit thread: "
                << started.error().reason << Qt::endl;
            return 1;
        }
        qCInfo(lcServer) << "message batches commit on a thread of their own (commit_thread)";
    }
    Server server(config, std::move(store), std::move(commitThread));
    const auto port = server.start();
    if (!port) {
        err << "error: " << port.error().reason << Qt::endl;
        return 1;
    }
    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &server,
                     &Server::shutdown);
    QObject::connect(&server, &Server::stopped, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    out << "Linnet server listening on " << config.clientUrl(port.value()) << Qt::endl;
    if (config.tlsEnabled()) {
        if (const auto pin = ServerCertificate::pinOfFile(config.tlsCertFile))
            out << "TLS certificate pin (SHA-256 of its public key): "
                << protocol::pinToText(pin.value()) << Qt::endl;
    }
    if (const quint16 adminPort = server.adminPort())
        out << "Admin address (/healthz, /metrics): " << config.adminUrl(adminPort) << Qt::endl;
    out << "Data directory: " << QDir(config.dataDir).absolutePath()
        << "; registration: " << registrationPolicyName(config.registration) << Qt::endl;
    const int code = QCoreApplication::exec();
    qCInfo(lcServer) << "stopped";
    return code;
}

} // namespace

int runCommandLine(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!crypto::initSodium()) {
        err << "error: libsodium could not be initialised" << Qt::endl;
        return 1;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kSummary));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOpt(
        QStringLiteral("data-dir"),
        QStringLiteral("Where the database lives (default: %1).").arg(defaultDataDir()),
        QStringLiteral("DIR"));
    const QCommandLineOption configOpt(QStringLiteral("config"),
                                       QStringLiteral("INI config file ([server] section)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
                                       QStringLiteral("Address to listen on (default "
                                                      "127.0.0.1:7480; port 0 picks a free one)."),
                                       QStringLiteral("HOST:PORT"));
    const QCommandLineOption registrationOpt(
        QStringLiteral("registration"),
        QStringLiteral("Who may register: open, invite (default) or closed."),
        QStringLiteral("POLICY"));
    const QCommandLineOption passwordStdinOpt(QStringLiteral("password-stdin"),
                                              QStringLiteral("Read the password from stdin."));
    const QCommandLineOption validDaysOpt(QStringLiteral("valid-days"),
                                          QStringLiteral("Days an invite stays valid (default 7)."),
                                          QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption tlsCertOpt(
        QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate: serve wss:// (with --tls-key)."), QStringLiteral("FILE"));
    const QCommandLineOption tlsKeyOpt(QStringLiteral("tls-key"),
                                       QStringLiteral("PEM private key for --tls-cert."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption selfSignedOpt(
        QStringLiteral("tls-self-signed"),
        QStringLiteral("Serve wss:// with a self-signed certificate made once in the data dir."));
    const QCommandLineOption urlOpt(
        QStringLiteral("url"),
        QStringLiteral("invite create: the server URL clients use (default: public_url)."),
        QStringLiteral("URL"));
    const QCommandLineOption noPinOpt(
        QStringLiteral("no-pin"),
        QStringLiteral("invite create: no certificate pin in the link (a CA-signed certificate "
                       "whose key changes at renewal)."));
    const QCommandLineOption logLevelOpt(
        QStringLiteral("log-level"),
        QStringLiteral("What to log: debug, info (default) or warning."), QStringLiteral("LEVEL"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("backup: the file to write (or give it after "
                                                   "\"backup\")."),
                                    QStringLiteral("FILE"));
    parser.addOptions({dataDirOpt, configOpt, listenOpt, registrationOpt, passwordStdinOpt,
                       validDaysOpt, tlsCertOpt, tlsKeyOpt, outOpt, logLevelOpt, selfSignedOpt,
                       urlOpt, noPinOpt});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve | invite create | account ... | backup | restore"));
    if (!parser.parse(arguments)) {
        err << "error: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << "linnet-server " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }

    ServerConfig config;
    if (parser.isSet(configOpt)) {
        auto loaded = ServerConfig::fromIniFile(parser.value(configOpt), config);
        if (!loaded) {
            err << "error: " << loaded.error().reason << Qt::endl;
            return 2;
        }
        config = loaded.value();
    }
    if (parser.isSet(dataDirOpt))
        config.dataDir = parser.value(dataDirOpt);
    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    if (parser.isSet(listenOpt)) {
        auto r = ServerConfig::parseListen(parser.value(listenOpt), config);
        if (!r) {
            err << "error: " << r.error().reason << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(registrationOpt)) {
        const auto policy = parseRegistrationPolicy(parser.value(registrationOpt));
        if (!policy) {
            err << "error: --registration must be open, invite or closed" << Qt::endl;
            return 2;
        }
        config.registration = *policy;
    }

    if (parser.isSet(logLevelOpt)) {
        const auto level = parseLogLevel(parser.value(logLevelOpt));
        if (!level) {
            err << "error: --log-level must be debug, info or warning" << Qt::endl;
            return 2;
        }
        config.logLevel = *level;
    }
    applyLogLevel(config.logLevel);

    if (parser.isSet(tlsCertOpt))
        config.tlsCertFile = parser.value(tlsCertOpt);
    if (parser.isSet(tlsKeyOpt))
        config.tlsKeyFile = parser.value(tlsKeyOpt);
    if (parser.isSet(selfSignedOpt))
        config.tlsSelfSigned = true;

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << "error: no command given\n\n" << parser.helpText();
        return 2;
    }

    // Neither opens (nor creates, nor migrates) the database through the store.
    if (const auto code = runBackupCommand(args, parser.value(outOpt), config.dataDir, out, err))
        return *code;

    if (!prepareDataDir(config.dataDir, err))
        return 1;
    // A damaged database is not served: messages would be lost or mixed up silently.
    const bool serving = args == QStringList{QStringLiteral("serve")};
    // One server per data dir; restore does not fill a directory a server uses.
    DataDirLock lock;
    if (serving) {
        if (auto locked = lock.acquire(config.dataDir); !locked) {
            err << "error: " << locked.error().reason << Qt::endl;
            return 1;
        }
    }
    auto opened = SqliteStore::openAt(config.dataDir, serving);
    if (!opened) {
        err << "error: cannot open the database in " << config.dataDir << ": "
            << opened.error().reason << Qt::endl;
        if (looksDamaged(opened.error().reason))
            err << damagedDatabaseAdvice(QDir(config.dataDir).filePath(QStringLiteral("linnet.db")))
                << Qt::endl;
        return 1;
    }
    std::unique_ptr<SqliteStore> store = std::move(opened).value();

    const QString command = args.join(QLatin1Char(' '));
    const bool inviting = command == QLatin1String("invite create");
    if ((serving || inviting) && !prepareSelfSignedTls(config, err))
        return 1;
    if (serving)
        return serve(config, std::move(store), out, err);

    AdminCommands admin(*store, out, err);
    if (command == QLatin1String("invite create")) {
        bool ok = false;
        const int days = parser.value(validDaysOpt).toInt(&ok);
        if (!ok || days < 1 || days > protocol::kMaxInviteDays) {
            err << "error: --valid-days must be 1-365" << Qt::endl;
            return 2;
        }
        const auto target =
            inviteTarget(config, parser.value(urlOpt), !parser.isSet(noPinOpt), err);
        if (!target)
            return 2;
        return admin.createInvite(days, *target);
    }
    if (command == QLatin1String("account list"))
        return admin.listAccounts();
    if (args.size() == 3 && args[0] == QLatin1String("account")) {
        if (args[1] == QLatin1String("create")) {
            if (!parser.isSet(passwordStdinOpt)) {
                err << "error: give the password on stdin with --password-stdin" << Qt::endl;
                return 2;
            }
            return admin.createAccount(args[2], readPasswordFromStdin());
        }
        if (args[1] == QLatin1String("disable"))
            return admin.setDisabled(args[2], true);
        if (args[1] == QLatin1String("enable"))
            return admin.setDisabled(args[2], false);
    }
    if (args.size() == 4 && args[0] == QLatin1String("user") && args[1] == QLatin1String("admin")) {
        if (args[3] == QLatin1String("on") || args[3] == QLatin1String("off"))
            return admin.setServerAdmin(args[2], args[3] == QLatin1String("on"));
        err << "error: user admin NAME takes on or off, not \"" << args[3] << "\"" << Qt::endl;
        return 2;
    }
    err << "error: unknown command \"" << command << "\"\n\n" << parser.helpText();
    return 2;
}

} // namespace linnet::server
