// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "e2e/SecretStore.h"

#include <QCoreApplication>
#include <QHash>

#include <memory>

namespace linnet::client {

/**
 * All of a profile's secrets in one file (e.g. PROFILE/secrets.bin), encrypted
 * under a key derived from a passphrase: for linnet-cli, servers and other
 * machines without a keychain.
 *
 * File format, version 1 (integers big-endian):
 *
 * | offset | size | field                                                  |
 * |-------:|-----:|--------------------------------------------------------|
 * |      0 |    8 | magic "LNSECRET"                                       |
 * |      8 |    1 | format version (1)                                     |
 * |      9 |    1 | KDF algorithm (crypto_pwhash_ALG_ARGON2ID13)           |
 * |     10 |    8 | KDF opslimit                                           |
 * |     18 |    8 | KDF memlimit in bytes                                  |
 * |     26 |   16 | salt                                                   |
 * |     42 |   16 | key check: BLAKE2b keyed with the derived key          |
 * |     58 |   24 | nonce                                                  |
 * |     82 |    … | XChaCha20-Poly1305 of a CBOR map key → bytes; the 82   |
 * |        |      | header bytes are its associated data                   |
 *
 * The key is Argon2id (crypto_pwhash, OPSLIMIT/MEMLIMIT_MODERATE for new
 * files: 3 passes over 256 MiB; an existing file keeps the parameters in its
 * header, so files made with the earlier INTERACTIVE cost still open). The key check tells a wrong
 * passphrase (check differs) from a damaged file (check matches, the
 * authenticated decryption fails). The derived key lives only in memory, in
 * a guarded, locked libsodium allocation wiped on destruction; the passphrase
 * is not kept.
 *
 * Each call re-reads the file, so two processes on one profile see each
 * other's writes; writes and removals hold a lock file (FILE.lock) across
 * their read-modify-write, and every write is atomic (QSaveFile) with mode
 * 0600 and a fresh nonce. Deriving the key takes a noticeable fraction of a second: do
 * not call open() on a GUI thread.
 */
class PassphraseSecretStore : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(PassphraseSecretStore)

public:
    /** The environment variable passphraseFromEnvironment() reads. */
    static constexpr char kEnvironmentVariable[] = "LINNET_PASSPHRASE";

    /**
     * Opens the secrets file at @p filePath, or prepares to create it on the
     * first write if it does not exist. Errors: an empty passphrase
     * (InvalidField); a wrong passphrase for an existing file (BadCredentials,
     * "wrong passphrase for FILE"); a corrupt, truncated or unsupported file,
     * or one that cannot be read (InternalError).
     */
    static protocol::Result<std::unique_ptr<PassphraseSecretStore>>
    open(const QString &filePath, const QByteArray &passphrase);

    /** Argon2id cost: passes and memory in bytes. */
    struct KdfCost {
        quint64 opsLimit = 0;
        quint64 memLimit = 0;
    };
    /** The cost a new file gets: libsodium's MODERATE. */
    static KdfCost newFileCost();
    /** open() with another cost for a NEW file (tests make files of older versions). */
    static protocol::Result<std::unique_ptr<PassphraseSecretStore>>
    open(const QString &filePath, const QByteArray &passphrase, KdfCost newFile);

    /**
     * The passphrase in $LINNET_PASSPHRASE, or an InvalidField error telling
     * the user to set it if it is missing or empty.
     */
    static protocol::Result<QByteArray> passphraseFromEnvironment();

    ~PassphraseSecretStore() override;
    Q_DISABLE_COPY_MOVE(PassphraseSecretStore)

    protocol::Result<QByteArray> read(const QString &key) override;
    protocol::Status write(const QString &key, const QByteArray &value) override;
    protocol::Result<bool> remove(const QString &key) override;

    QString filePath() const { return m_path; }

    /** The KDF parameters a file records (public for tests and diagnostics). */
    struct KdfParams {
        int algorithm = 0;
        quint64 opsLimit = 0;
        quint64 memLimit = 0;
        QByteArray salt;
        bool operator==(const KdfParams &) const = default;
    };
    /**
     * The KDF parameters in the header of a secrets file's bytes @p content, after the
     * checks open() makes before it derives a key (size, magic, version, algorithm, a
     * plausible cost); errors as for open(), naming @p path. Public for the fuzz target.
     */
    static protocol::Result<KdfParams> readHeader(const QByteArray &content, const QString &path);

private:
    struct Key;
    PassphraseSecretStore(QString path, KdfParams params, std::unique_ptr<Key> key);

    static protocol::Result<std::unique_ptr<Key>>
    deriveKey(const QByteArray &passphrase, const KdfParams &params, const QString &path);

    /** Every secret in the file; an empty map if there is no file. */
    protocol::Result<QHash<QString, QByteArray>> load() const;
    protocol::Status save(const QHash<QString, QByteArray> &secrets) const;

    QString m_path;
    KdfParams m_params;
    std::unique_ptr<Key> m_key;
};

} // namespace linnet::client
