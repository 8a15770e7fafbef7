// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running linnet-cli in a test: its environment and its --json output.

#include "ProcessRun.h"
#include "TestBinaries.h"

#include <QByteArray>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>

#include <utility>

namespace linnet::test {

/** The children's environment: LINNET_PASSPHRASE set to @p passphrase, or unset if null. */
inline QProcessEnvironment cliTestEnvironment(const QByteArray &passphrase)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LINNET_PASSPHRASE"));
    if (!passphrase.isNull())
        env.insert(QStringLiteral("LINNET_PASSPHRASE"), QString::fromUtf8(passphrase));
    return env;
}

/** One JSON object per non-empty line of @p out. */
inline QList<QJsonObject> cliJsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

/**
 * Profiles of linnet-cli under one folder, each named by its account: run() runs one
 * command in a profile (with --server for register), registered() signs accounts up.
 */
class CliProfiles {
public:
    CliProfiles(QString root, QByteArray passphrase)
        : m_root(std::move(root)), m_passphrase(std::move(passphrase))
    {
    }
    void setServer(const QString &url) { m_server = url; }

    ProcessResult run(const QString &name, const QStringList &args, const QByteArray &input = {},
                      int timeoutMs = 60000) const
    {
        QStringList all{QStringLiteral("--profile"), QDir(m_root).filePath(name)};
        if (args.value(0) == QLatin1String("register"))
            all << QStringLiteral("--server") << m_server;
        return runProcess(cliBinary(), all + args, input, timeoutMs,
                          cliTestEnvironment(m_passphrase));
    }
    /** Registers each of @p names (password "correct horse"); false if one failed. */
    bool registered(const QStringList &names) const
    {
        for (const QString &name : names) {
            if (run(name, {QStringLiteral("register"), name, QStringLiteral("--password-stdin")},
                    "correct horse\n")
                    .exitCode != 0)
                return false;
        }
        return true;
    }
    /** The first row `listen --count 1 --json` prints for @p name (within 60 s); empty if
     *  listen failed (its stderr is then in @p error, if given). */
    QJsonObject listenOne(const QString &name, QByteArray *error = nullptr) const
    {
        const ProcessResult r = run(name, {QStringLiteral("listen"), QStringLiteral("--count"),
                                           QStringLiteral("1"), QStringLiteral("--timeout"),
                                           QStringLiteral("60"), QStringLiteral("--json")});
        if (r.exitCode != 0) {
            if (error)
                *error = r.err;
            return {};
        }
        return cliJsonLines(r.out).value(0);
    }

private:
    QString m_root;
    QByteArray m_passphrase;
    QString m_server;
};

} // namespace linnet::test
