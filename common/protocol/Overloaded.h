// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace linnet::protocol {

/**
 * One lambda per alternative for std::visit, so that routing a Frame reads as a table:
 * @code
 * std::visit(Overloaded{
 *     [&](const SendAck &ack) { onAck(ack); },
 *     [&](const auto &other) { unexpected(other); },
 * }, frame);
 * @endcode
 * The frame routing of the server (Server::dispatch) and of the client
 * (ChatClient::onFrame) both use it.
 */
template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace linnet::protocol
