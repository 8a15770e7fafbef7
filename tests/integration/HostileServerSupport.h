// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a hostile server does to an account, done by writing the real server's database
// directly (issue 27): tests check that clients never trust what no account key approved.
#include "SqlTestHelpers.h"
#include "crypto/Keys.h"

#include <QSqlQuery>
#include <QVariant>

namespace linnet::test {

/**
 * Adds a device to @p user's account in the server database @p dbFile, with real keys
 * (so a client could encrypt to it) and @p certificate as its device certificate (empty:
 * none). Returns its id, 0 on failure.
 */
inline qint64 injectDevice(const QString &dbFile, const QString &user,
                           const QByteArray &certificate = {})
{
    SqlConnection db(dbFile);
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("INSERT INTO devices (account_id, name, token_hash, created_at) "
                             "SELECT id, 'ghost', x'00', 0 FROM accounts WHERE username = :user"));
    q.bindValue(QStringLiteral(":user"), user);
    if (!q.exec())
        return 0;
    const qint64 device = q.lastInsertId().toLongLong();
    const auto identity = crypto::IdentityKeyPair::generate();
    const auto spk = crypto::generateSignedPreKey(identity, 1, 0);
    q.prepare(QStringLiteral(
        "INSERT INTO device_keys (device_id, account_id, identity_key, registration_id, "
        "signed_prekey_id, signed_prekey, signed_prekey_signature, updated_at, "
        "device_signature) SELECT :device, id, :identity, 777, 1, :spk, :sig, 0, :cert "
        "FROM accounts WHERE username = :user"));
    q.bindValue(QStringLiteral(":device"), device);
    q.bindValue(QStringLiteral(":identity"), identity.publicKey());
    q.bindValue(QStringLiteral(":spk"), spk.pair.publicKey);
    q.bindValue(QStringLiteral(":sig"), spk.signature);
    q.bindValue(QStringLiteral(":cert"), certificate.isEmpty()
                                             ? QVariant(QMetaType(QMetaType::QByteArray))
                                             : QVariant(certificate));
    q.bindValue(QStringLiteral(":user"), user);
    return q.exec() ? device : 0;
}

} // namespace linnet::test
