// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::test {

// The programs of this build that tests run, by the paths CMake compiles in
// ($<TARGET_FILE:...>): a test never picks up another copy from PATH or from the
// environment. Each one ends the test process (qFatal), saying which target to
// build, if its file is missing.

/** linnet-server of this build. */
QString serverBinary();
/** linnet-cli of this build. */
QString cliBinary();
/** linnet-bench of this build. */
QString benchBinary();

} // namespace linnet::test
