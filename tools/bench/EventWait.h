// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace linnet::bench {

/**
 * Runs the calling thread's event loop until @p done returns true or
 * @p timeoutMs passes; returns whether @p done became true. The coordinator
 * uses it to wait on counters the worker threads update.
 */
bool waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs = 5);

/** Runs the calling thread's event loop for @p ms. */
void spinFor(int ms);

} // namespace linnet::bench
