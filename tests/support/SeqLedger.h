// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QHash>

namespace linnet::test {

/**
 * Which message each conversation seq was seen with, across every device of a
 * test: a seq that left the server must never name a second message.
 */
class SeqLedger {
public:
    /** Records @p id at @p seq; false if @p seq was already seen with another message. */
    bool see(quint64 seq, const protocol::MessageId &id)
    {
        const auto it = m_bySeq.constFind(seq);
        if (it != m_bySeq.cend() && *it != id)
            return false;
        m_bySeq.insert(seq, id);
        return true;
    }

private:
    QHash<quint64, protocol::MessageId> m_bySeq;
};

} // namespace linnet::test
