// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For engine tests with several devices of one account: what linking hands a new device
// (issue 27) is the account identity key; tests that sign a second device in by password
// give it that key first, so that it proves it may add a device, certifies itself and
// peers encrypt to it.
#include "e2e/OwnKeys.h"
#include "e2e/SecretStore.h"

#include <QString>

namespace linnet::test {

/** The secret under which a device keeps its copy of the account identity key. */
inline const QString kAccountKeySecret = client::OwnKeys::accountKeySecret();

/** Copies the account key of an approved device's secrets into a new device's. */
inline bool copyAccountKey(client::SecretStore &from, client::SecretStore &to)
{
    return client::OwnKeys::copyAccountKey(from, to);
}

} // namespace linnet::test
