// SPDX-License-Identifier: GPL-3.0-or-later
#include "Limits.h"

namespace linnet::protocol {

bool isValidUsername(QStringView name)
{
    if (name.size() < kMinUsernameLength || name.size() > kMaxUsernameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (alnum)
            continue;
        if (i == 0 || (c != u'.' && c != u'_' && c != u'-'))
            return false;
    }
    return true;
}

} // namespace linnet::protocol
