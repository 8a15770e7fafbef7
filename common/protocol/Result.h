// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorCode.h"
#include "base/Result.h"

#include <utility>

namespace linnet::protocol {

/**
 * A value or a protocol Error: linnet::Result with the protocol's error type. Decoders,
 * stores and the engine return this instead of throwing (base/Result.h says why).
 */
template <typename T> using Result = linnet::Result<T, Error>;

/** Ok, or an Error saying why not: for an operation that has no value to return. */
using Status = linnet::Status<Error>;

inline Error makeError(ErrorCode code, QString reason)
{
    return Error{code, std::move(reason)};
}

} // namespace linnet::protocol
