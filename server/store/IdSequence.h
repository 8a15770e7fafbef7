// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace linnet::server {

/**
 * Hands out conversation ids before their rows are written: the gateway
 * reserves one for a new one-to-one conversation when its first message
 * arrives (the row follows in that message's group commit), and a new group
 * takes the next one too, so the two never collide. Seeded from the highest id
 * on disk when the store opens; used on the store's thread only.
 */
class IdSequence {
public:
    explicit IdSequence(qint64 last = 0) : m_last(last) {}
    qint64 next() { return ++m_last; }

private:
    qint64 m_last;
};

} // namespace linnet::server
