// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-chaos: the delivery promise under crashes (docs/reliability.md).
#include "CrashLoop.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

using namespace linnet::chaos;

namespace {

/** linnet-server beside this program (installed, or in the build tree), else the build's. */
QString defaultServerBinary()
{
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(QStringLiteral("linnet-server")),
                                     here.filePath(QStringLiteral("../../server/linnet-server"))})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    return QStringLiteral(LINNET_CHAOS_SERVER_BINARY);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("linnet-chaos"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Crash loop: devices on the real client engine write numbered messages while the "
        "real linnet-server is killed and restarted (or, with --fault none, for a while with "
        "no fault, memory sampled: a soak run); then every device is checked. Exit 0: "
        "no violation, 1: violations, 2: the run could not be made."));
    parser.addHelpOption();
    const QCommandLineOption kills(QStringLiteral("kills"), QStringLiteral("Faults to make (10)."),
                                   QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("kill (SIGKILL the server, default), term (SIGTERM the server), "
                       "client (kill a client), net (the fault proxy's cuts) or none (a soak "
                       "run: steady writing, memory sampled)."),
        QStringLiteral("KIND"), QStringLiteral("kill"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users, 2..8 (3)."),
                                   QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption oneDevice(QStringLiteral("one-device"),
                                       QStringLiteral("No second device for the first user."));
    const QCommandLineOption interval(QStringLiteral("interval-ms"),
                                      QStringLiteral("A message every MS milliseconds (20)."),
                                      QStringLiteral("MS"), QStringLiteral("20"));
    const QCommandLineOption gap(QStringLiteral("gap-ms"),
                                 QStringLiteral("Time between faults, MIN-MAX (200-2000)."),
                                 QStringLiteral("MIN-MAX"), QStringLiteral("200-2000"));
    const QCommandLineOption down(QStringLiteral("down-ms"),
                                  QStringLiteral("Longest time a killed part stays down (300)."),
                                  QStringLiteral("MS"), QStringLiteral("300"));
    const QCommandLineOption commitThread(QStringLiteral("commit-thread"),
                                          QStringLiteral("The server's commit_thread: on or off."),
                                          QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the fault schedule (random)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption settle(QStringLiteral("settle-seconds"),
                                    QStringLiteral("How long to wait for every copy (120)."),
                                    QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption server(QStringLiteral("server-binary"),
                                    QStringLiteral("The linnet-server to run."),
                                    QStringLiteral("PATH"), defaultServerBinary());
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Where profiles and the server's data go "
                                                    "(kept; a temporary one by default)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption proxy(
        QStringLiteral("proxy"),
        QStringLiteral("Clients reach the server through the fault proxy (200 ms delay with "
                       "jitter, chunks held back; --fault net adds resets and black holes)."));
    const QCommandLineOption ping(QStringLiteral("ping-ms"),
                                  QStringLiteral("The engines' ping interval (20000; 1000 with "
                                                 "the proxy)."),
                                  QStringLiteral("MS"));
    const QCommandLineOption soak(QStringLiteral("soak-seconds"),
                                  QStringLiteral("How long --fault none writes (600)."),
                                  QStringLiteral("S"), QStringLiteral("600"));
    const QCommandLineOption rss(QStringLiteral("rss-every"),
                                 QStringLiteral("Sample the server's and the clients' resident "
                                                "memory every S seconds (10 with --fault none, "
                                                "else 0: never)."),
                                 QStringLiteral("S"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Show the engines' informational logs."));
    parser.addOptions({kills, fault, users, oneDevice, interval, gap, down, commitThread, seed,
                       settle, server, workDir, proxy, ping, soak, rss, verbose});
    parser.process(app);
    if (!parser.isSet(verbose)) // warnings stay: a refused frame or a storage error is news
        QLoggingCategory::setFilterRules(QStringLiteral("linnet.*.info=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    CrashLoopOptions o;
    o.kills = parser.value(kills).toInt();
    const QString kind = parser.value(fault);
    if (kind == QLatin1String("kill"))
        o.fault = CrashLoopOptions::Fault::ServerKill;
    else if (kind == QLatin1String("term"))
        o.fault = CrashLoopOptions::Fault::ServerTerm;
    else if (kind == QLatin1String("client"))
        o.fault = CrashLoopOptions::Fault::ClientKill;
    else if (kind == QLatin1String("net"))
        o.fault = CrashLoopOptions::Fault::Network;
    else if (kind == QLatin1String("none"))
        o.fault = CrashLoopOptions::Fault::None;
    else {
        err << "linnet-chaos: --fault must be kill, term, client, net or none\n";
        return 2;
    }
    o.users = parser.value(users).toInt();
    o.secondDevice = !parser.isSet(oneDevice);
    o.sendIntervalMs = std::max(1, parser.value(interval).toInt());
    const QStringList gaps = parser.value(gap).split(QLatin1Char('-'));
    o.minGapMs = gaps.value(0).toInt();
    o.maxGapMs = gaps.value(1, gaps.value(0)).toInt();
    o.maxDownMs = std::max(0, parser.value(down).toInt());
    o.commitThread = parser.value(commitThread) != QLatin1String("off");
    o.seed = parser.value(seed).toUInt();
    o.proxy = parser.isSet(proxy) || o.fault == CrashLoopOptions::Fault::Network;
    if (o.fault == CrashLoopOptions::Fault::Network)
        o.proxyOptions.resetChance = 0.005;
    o.pingIntervalMs = parser.isSet(ping) ? parser.value(ping).toInt() : o.proxy ? 1000 : 20000;
    o.settleTimeoutMs = parser.value(settle).toInt() * 1000;
    o.serverBinary = parser.value(server);
    const bool soaking = o.fault == CrashLoopOptions::Fault::None;
    if (soaking)
        o.kills = 0;
    o.soakMs = parser.value(soak).toInt() * 1000;
    o.rssSampleMs = (parser.isSet(rss) ? parser.value(rss).toInt() : soaking ? 10 : 0) * 1000;
    if (o.soakMs <= 0 || o.rssSampleMs < 0) {
        err << "linnet-chaos: --soak-seconds must be positive, --rss-every not negative\n";
        return 2;
    }
    if ((!soaking && o.kills < 1) || o.minGapMs < 0 || o.maxGapMs < o.minGapMs ||
        o.settleTimeoutMs <= 0 || o.pingIntervalMs < 100) {
        err << "linnet-chaos: --kills must be at least 1, --gap-ms MIN-MAX with MIN <= MAX, "
               "--settle-seconds positive, --ping-ms at least 100\n";
        return 2;
    }
    QTemporaryDir temporary;
    o.workDirectory =
        parser.isSet(workDir) ? QDir(parser.value(workDir)).absolutePath() : temporary.path();
    CrashLoop loop(o, out);
    const auto figures = loop.run();
    if (!figures) {
        err << "linnet-chaos: " << loop.error() << '\n';
        return 2;
    }
    for (const QString &v : figures->violations)
        out << "VIOLATION " << v << '\n';
    out << figures->summary() << '\n';
    out << (figures->ok() ? "PASS" : "FAIL") << '\n';
    return figures->ok() ? 0 : 1;
}
