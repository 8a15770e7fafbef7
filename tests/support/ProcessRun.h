// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace linnet::test {

/** What a finished child process left: its exit code (-1: no normal exit) and output. */
struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/**
 * Runs @p program with @p args to its end, @p input on its stdin (then closed), in
 * @p env (an empty one: this process's). One that does not start, crashes or outlives
 * @p timeoutMs (then killed) gives exitCode -1.
 */
ProcessResult runProcess(const QString &program, const QStringList &args,
                         const QByteArray &input = {}, int timeoutMs = 30000,
                         const QProcessEnvironment &env = {});

} // namespace linnet::test
