// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBinaries.h"

#include <QFileInfo>

namespace linnet::test {

namespace {

QString existing(const char *path, const char *target)
{
    if (!QFileInfo(QString::fromUtf8(path)).isExecutable())
        qFatal("%s is not at %s: build it first (cmake --build BUILD --target %s)", target, path,
               target);
    return QString::fromUtf8(path);
}

} // namespace

QString serverBinary()
{
    return existing(LINNET_SERVER_BINARY, "linnet-server");
}

QString cliBinary()
{
    return existing(LINNET_CLI_BINARY, "linnet-cli");
}

QString benchBinary()
{
    return existing(LINNET_BENCH_BINARY, "linnet-bench");
}

} // namespace linnet::test
