// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/SenderKey.h"

#include <QPair>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace linnet::client {

class CryptoStore;
class LocalStore;

/**
 * Sender-key state in a profile's LocalStore (schema step 4): this device's own
 * key per group, which devices hold it, and the keys received from each sender
 * device. Key material is sealed with the profile's state key through the
 * CryptoStore and bound to its row, like the ratchet sessions; unreadable rows
 * read as absent. Groups are named by their server conversation id.
 */
class SenderKeyStore {
public:
    SenderKeyStore(LocalStore &store, CryptoStore &crypto) : m_store(store), m_crypto(crypto) {}

    /** This device's current key for the group, nullopt if none (or unreadable). */
    std::optional<crypto::OwnSenderKey> ownKey(qint64 group);
    /** Stores the key (after every encrypt: the chain position must never be reused). */
    bool saveOwnKey(qint64 group, const crypto::OwnSenderKey &key, qint64 now);
    /** Forgets the own key and who holds it: the next message uses a new one (rotation). */
    bool dropOwnKey(qint64 group);

    /** (user, device) pairs known to hold own key @p keyId of the group. */
    QSet<QPair<QString, qint64>> holders(qint64 group, quint32 keyId);
    bool addHolders(qint64 group, quint32 keyId, const QList<QPair<QString, qint64>> &devices);

    /** The keys received from one sender device for the group (empty if none yet). */
    crypto::ReceivedSenderKeys received(qint64 group, const QString &sender, qint64 device);
    bool saveReceived(qint64 group, const QString &sender, qint64 device,
                      const crypto::ReceivedSenderKeys &keys, qint64 now);
    /** saveReceived() and @p also in one transaction (the pairwise session that carried
     *  the key): both are stored or neither. Empty, or why it failed (SQLite's words). */
    QString saveReceivedWith(qint64 group, const QString &sender, qint64 device,
                             const crypto::ReceivedSenderKeys &keys, qint64 now,
                             const std::function<bool()> &also);

private:
    LocalStore &m_store;
    CryptoStore &m_crypto;
};

} // namespace linnet::client
