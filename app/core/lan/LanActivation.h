// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace linnet::client {

/**
 * When LAN fallback runs (docs/protocol.md 12.1): only while it is enabled and the server
 * is unreachable, i.e. no connection is authenticated and an attempt to connect failed
 * since the last one was (or since the start). A connection that just dropped is not
 * "unreachable" yet: the first reconnect attempt decides. Fed by the engine's connection
 * events; pure logic.
 */
class LanActivation {
public:
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const { return m_enabled; }

    /** A connection to the server was authenticated. */
    void connectionUp()
    {
        m_up = true;
        m_failed = false;
    }
    /** The connection dropped (or was never up); reconnecting goes on. */
    void connectionLost()
    {
        m_up = false;
        m_failed = false;
    }
    /** An attempt to connect failed (refused, unreachable, timed out). */
    void attemptFailed()
    {
        if (!m_up)
            m_failed = true;
    }

    bool active() const { return m_enabled && !m_up && m_failed; }

private:
    bool m_enabled = true;
    bool m_up = false;
    bool m_failed = false;
};

} // namespace linnet::client
