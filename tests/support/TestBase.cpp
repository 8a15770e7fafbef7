// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBase.h"

#include "crypto/Sodium.h"

#include <QStandardPaths>
#include <QtGlobal>

namespace linnet::test {

void initTestEnvironment()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!crypto::initSodium())
        qFatal("libsodium failed to initialise");
}

} // namespace linnet::test
