// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace linnet::test {

/**
 * Call first in every test's initTestCase(): isolates QStandardPaths from the
 * user's real folders and starts libsodium (fails the process if it cannot).
 */
void initTestEnvironment();

} // namespace linnet::test
