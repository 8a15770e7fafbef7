// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::test {

/** The committed test file @p name in tests/data (tiny video clips; tests/data/README.md
 *  says how each was made). */
inline QString testDataPath(const QString &name)
{
    return QStringLiteral(LINNET_TEST_DATA_DIR "/") + name;
}

} // namespace linnet::test
