// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <utility>
#include <variant>

namespace linnet {

/**
 * A value or the reason it could not be had: Linnet's one "ok or error" type, so that
 * bad input is reported as a value and never unwinds through a Qt event handler
 * (std::expected is C++23). Each layer names it with its own error type:
 * protocol::Result<T> is Result<T, protocol::Error>, crypto::Result<T> is
 * Result<T, crypto::CryptoFailure>. An operation that yields nothing but success
 * returns a Status (Result<void, E>): default-constructed (`return {};`) it is ok.
 */
template <typename T, typename E> class Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    /** The value; only when ok(). */
    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    /** Why it failed; only when !ok(). */
    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

/** Success without a value, or an error: what Status<E> names. */
template <typename E> class Result<void, E> {
public:
    /** Success. */
    Result() = default;
    Result(E error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }

    /** Why it failed; only when !ok(). */
    const E &error() const { return m_error.value(); }

private:
    std::optional<E> m_error;
};

/** Ok, or an E saying why not. */
template <typename E> using Status = Result<void, E>;

} // namespace linnet
