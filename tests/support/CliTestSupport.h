// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running linnet-cli in a test: its environment and its --json output.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>

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

} // namespace linnet::test
