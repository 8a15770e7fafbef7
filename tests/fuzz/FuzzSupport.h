// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What every fuzz target shares: the input as Qt sees bytes, and a check that stops the
// run (libFuzzer then saves the input as a crash) when a property does not hold.

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace linnet::fuzz {

inline QByteArrayView input(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

/** Aborts with @p what when @p holds is false: a broken property is a finding like a crash. */
inline void check(bool holds, const char *what)
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

/**
 * For a stored state T (static deserialize, serialize): if @p bytes deserialize, the
 * serialization deserializes again and serializes to the same bytes.
 */
template <typename T> void checkReserialize(QByteArrayView bytes)
{
    const auto state = T::deserialize(bytes);
    if (!state)
        return;
    const auto serialized = state->serialize();
    const auto again = T::deserialize(serialized);
    check(again.has_value(), "a serialized state deserializes");
    check(again->serialize() == serialized, "serialization is stable");
}

} // namespace linnet::fuzz
