// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorCode.h"

#include <utility>
#include <variant>

namespace linnet::protocol {

/**
 * A value or an Error. Decoders return this instead of throwing, so that bad
 * input never unwinds through a Qt event handler (std::expected is C++23).
 */
template <typename T> class Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

inline Error makeError(ErrorCode code, QString reason)
{
    return Error{code, std::move(reason)};
}

} // namespace linnet::protocol
