// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/PassphraseSecretStore.h"

#include "crypto/Sodium.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>

#include <cstring>
#include <utility>

namespace linnet::client {

namespace {

Q_LOGGING_CATEGORY(lcSecretsFile, "linnet.client.secretsfile", QtInfoMsg)

using protocol::ErrorCode;
using protocol::makeError;
using KdfParams = PassphraseSecretStore::KdfParams;

constexpr char kMagic[] = {'L', 'N', 'S', 'E', 'C', 'R', 'E', 'T'};
constexpr quint8 kFormatVersion = 1;
constexpr qsizetype kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr qsizetype kCheckBytes = 16;
constexpr qsizetype kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr qsizetype kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
// magic, version, algorithm, opslimit, memlimit, salt, key check, nonce
constexpr qsizetype kHeaderBytes =
    qsizetype(sizeof kMagic) + 1 + 1 + 8 + 8 + kSaltBytes + kCheckBytes + kNonceBytes;
static_assert(kSaltBytes == 16 && kHeaderBytes == 82, "the file format says so");
constexpr char kCheckContext[] = "linnet secrets.bin key check v1";
// A damaged header must not make us spend minutes or gigabytes deriving a key.
constexpr quint64 kMaxOpsLimit = 32;
constexpr quint64 kMaxMemLimit = crypto_pwhash_MEMLIMIT_SENSITIVE;

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOrOther =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
    QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

protocol::Error corrupt(const QString &path, const QString &detail)
{
    return makeError(ErrorCode::InternalError,
                     PassphraseSecretStore::tr("the secrets file %1 is corrupt or truncated (%2): "
                                               "restore it from a backup, or delete it and log in "
                                               "again on this device")
                         .arg(nativePath(path), detail));
}

protocol::Error wrongPassphrase(const QString &path)
{
    return makeError(ErrorCode::BadCredentials,
                     PassphraseSecretStore::tr("wrong passphrase for %1").arg(nativePath(path)));
}

protocol::Error ioError(const QString &path, const QString &detail)
{
    return makeError(ErrorCode::InternalError,
                     PassphraseSecretStore::tr("cannot use the secrets file %1: %2")
                         .arg(nativePath(path), detail));
}

/** Wipes a buffer that held secrets (best effort: Qt may have made copies). */
void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

/** A file's header and where its ciphertext is; views into the file's bytes. */
struct Parsed {
    KdfParams params;
    QByteArrayView check;
    QByteArrayView nonce;
    QByteArrayView header;
    QByteArrayView ciphertext;
};

protocol::Result<Parsed> parse(const QByteArray &content, const QString &path)
{
    if (content.size() < kHeaderBytes + kTagBytes)
        return corrupt(path, PassphraseSecretStore::tr("only %n byte(s)", nullptr,
                                                       int(qMin<qsizetype>(content.size(), 1000))));
    const char *p = content.constData();
    if (std::memcmp(p, kMagic, sizeof kMagic) != 0)
        return corrupt(path, PassphraseSecretStore::tr("not a Linnet secrets file"));
    p += sizeof kMagic;
    const auto version = quint8(*p++);
    if (version != kFormatVersion)
        return ioError(path, PassphraseSecretStore::tr("format version %1 is not supported by "
                                                       "this version of Linnet")
                                 .arg(version));
    Parsed parsed;
    parsed.params.algorithm = quint8(*p++);
    parsed.params.opsLimit = qFromBigEndian<quint64>(p);
    p += 8;
    parsed.params.memLimit = qFromBigEndian<quint64>(p);
    p += 8;
    parsed.params.salt = QByteArray(p, kSaltBytes);
    p += kSaltBytes;
    parsed.check = QByteArrayView(p, kCheckBytes);
    p += kCheckBytes;
    parsed.nonce = QByteArrayView(p, kNonceBytes);
    parsed.header = QByteArrayView(content.constData(), kHeaderBytes);
    parsed.ciphertext = QByteArrayView(content).sliced(kHeaderBytes);
    const KdfParams &k = parsed.params;
    if (k.algorithm != crypto_pwhash_ALG_ARGON2ID13)
        return corrupt(
            path,
            PassphraseSecretStore::tr("unknown key derivation algorithm %1").arg(k.algorithm));
    if (k.opsLimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || k.opsLimit > kMaxOpsLimit ||
        k.memLimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || k.memLimit > kMaxMemLimit)
        return corrupt(path, PassphraseSecretStore::tr("implausible key derivation parameters"));
    return parsed;
}

QByteArray keyCheck(const unsigned char *key)
{
    QByteArray check(kCheckBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(check.data()), size_t(kCheckBytes),
                       reinterpret_cast<const unsigned char *>(kCheckContext),
                       sizeof kCheckContext - 1, key, size_t(kKeyBytes));
    return check;
}

protocol::Result<QHash<QString, QByteArray>> decrypt(const Parsed &parsed, const unsigned char *key,
                                                     const QString &path)
{
    if (!crypto::constantTimeEquals(parsed.check, keyCheck(key)))
        return wrongPassphrase(path);
    QByteArray plain(parsed.ciphertext.size() - kTagBytes, Qt::Uninitialized);
    unsigned long long plainSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char *>(plain.data()), &plainSize, nullptr,
            reinterpret_cast<const unsigned char *>(parsed.ciphertext.data()),
            quint64(parsed.ciphertext.size()),
            reinterpret_cast<const unsigned char *>(parsed.header.data()),
            quint64(parsed.header.size()),
            reinterpret_cast<const unsigned char *>(parsed.nonce.data()), key) != 0) {
        return corrupt(path, PassphraseSecretStore::tr("authentication failed: the file was "
                                                       "truncated or modified"));
    }
    QCborParserError cborError;
    const QCborValue content = QCborValue::fromCbor(plain, &cborError);
    wipe(plain);
    if (cborError.error != QCborError::NoError || !content.isMap())
        return corrupt(path, PassphraseSecretStore::tr("unreadable content"));
    QHash<QString, QByteArray> secrets;
    for (const auto &[name, value] : content.toMap()) {
        if (!name.isString() || !value.isByteArray())
            return corrupt(path, PassphraseSecretStore::tr("unreadable content"));
        secrets.insert(name.toString(), value.toByteArray());
    }
    return secrets;
}

/** The file's bytes, or an empty array if it does not exist. */
protocol::Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (file.permissions() & kGroupOrOther) {
        qCWarning(lcSecretsFile).noquote()
            << "secrets file" << nativePath(path)
            << "was accessible to group/others; restricting it to the owner (0600)";
        if (!file.setPermissions(kOwnerOnly))
            qCWarning(lcSecretsFile).noquote() << "cannot restrict permissions of"
                                               << nativePath(path) << ":" << file.errorString();
    }
    if (!file.open(QIODevice::ReadOnly))
        return ioError(path, file.errorString());
    QByteArray content = file.readAll();
    if (content.isEmpty()) // QSaveFile never leaves an empty file behind
        return corrupt(path, PassphraseSecretStore::tr("the file is empty"));
    return content;
}

void appendBigEndian(QByteArray &out, quint64 value)
{
    char bytes[8];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof bytes);
}

} // namespace

/** The derived key, in a guarded allocation libsodium locks in RAM and wipes when freed. */
struct PassphraseSecretStore::Key {
    Key() : bytes(static_cast<unsigned char *>(sodium_malloc(size_t(kKeyBytes)))) {}
    ~Key()
    {
        if (bytes)
            sodium_free(bytes); // zeroes the memory first
    }
    Q_DISABLE_COPY_MOVE(Key)

    unsigned char *bytes;
};

protocol::Result<std::unique_ptr<PassphraseSecretStore::Key>>
PassphraseSecretStore::deriveKey(const QByteArray &passphrase, const KdfParams &params,
                                 const QString &path)
{
    auto key = std::make_unique<Key>();
    if (!key->bytes)
        return ioError(path, tr("out of memory"));
    if (crypto_pwhash(key->bytes, quint64(kKeyBytes), passphrase.constData(),
                      quint64(passphrase.size()),
                      reinterpret_cast<const unsigned char *>(params.salt.constData()),
                      params.opsLimit, size_t(params.memLimit), params.algorithm) != 0)
        return ioError(path, tr("cannot derive the key from the passphrase (out of memory?)"));
    sodium_mprotect_readonly(key->bytes);
    return key;
}

PassphraseSecretStore::PassphraseSecretStore(QString path, KdfParams params,
                                             std::unique_ptr<Key> key)
    : m_path(std::move(path)), m_params(std::move(params)), m_key(std::move(key))
{
}

PassphraseSecretStore::~PassphraseSecretStore() = default;

protocol::Result<QByteArray> PassphraseSecretStore::passphraseFromEnvironment()
{
    const QByteArray value = qgetenv(kEnvironmentVariable);
    if (value.isEmpty())
        return makeError(ErrorCode::InvalidField,
                         tr("LINNET_PASSPHRASE is not set or empty: set it to the passphrase "
                            "that encrypts this profile's secrets (a new profile keeps the first "
                            "passphrase it is given)"));
    return value;
}

PassphraseSecretStore::KdfCost PassphraseSecretStore::newFileCost()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

protocol::Result<std::unique_ptr<PassphraseSecretStore>>
PassphraseSecretStore::open(const QString &filePath, const QByteArray &passphrase)
{
    return open(filePath, passphrase, newFileCost());
}

protocol::Result<std::unique_ptr<PassphraseSecretStore>>
PassphraseSecretStore::open(const QString &filePath, const QByteArray &passphrase, KdfCost newFile)
{
    if (passphrase.isEmpty())
        return makeError(ErrorCode::InvalidField,
                         tr("the passphrase for %1 is empty").arg(nativePath(filePath)));
    if (!crypto::initSodium())
        return ioError(filePath, tr("libsodium cannot start"));
    const auto content = readFile(filePath);
    if (!content)
        return content.error();

    if (content.value().isEmpty()) { // a new file: created on the first write
        KdfParams params{crypto_pwhash_ALG_ARGON2ID13, newFile.opsLimit, newFile.memLimit,
                         crypto::randomBytes(kSaltBytes)};
        auto key = deriveKey(passphrase, params, filePath);
        if (!key)
            return key.error();
        qCDebug(lcSecretsFile).noquote()
            << "new secrets file" << nativePath(filePath) << "(written on first use)";
        return std::unique_ptr<PassphraseSecretStore>(
            new PassphraseSecretStore(filePath, std::move(params), std::move(key).value()));
    }

    const auto parsed = parse(content.value(), filePath);
    if (!parsed)
        return parsed.error();
    auto key = deriveKey(passphrase, parsed.value().params, filePath);
    if (!key)
        return key.error();
    // Decrypt once now, so that a wrong passphrase or damage shows at start-up.
    auto secrets = decrypt(parsed.value(), key.value()->bytes, filePath);
    if (!secrets)
        return secrets.error();
    return std::unique_ptr<PassphraseSecretStore>(
        new PassphraseSecretStore(filePath, parsed.value().params, std::move(key).value()));
}

protocol::Result<KdfParams> PassphraseSecretStore::readHeader(const QByteArray &content,
                                                              const QString &path)
{
    const auto parsed = parse(content, path);
    if (!parsed)
        return parsed.error();
    return parsed.value().params;
}

protocol::Result<QHash<QString, QByteArray>> PassphraseSecretStore::load() const
{
    const auto content = readFile(m_path);
    if (!content)
        return content.error();
    if (content.value().isEmpty())
        return QHash<QString, QByteArray>();
    const auto parsed = parse(content.value(), m_path);
    if (!parsed)
        return parsed.error();
    if (!(parsed.value().params == m_params))
        return ioError(m_path, tr("it was replaced by another program while Linnet was running "
                                  "(new salt or parameters); restart Linnet"));
    return decrypt(parsed.value(), m_key->bytes, m_path);
}

protocol::Status PassphraseSecretStore::save(const QHash<QString, QByteArray> &secrets) const
{
    QCborMap map;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        map.insert(it.key(), QCborValue(it.value()));
    QByteArray plain = QCborValue(map).toCbor();

    QByteArray out;
    out.reserve(kHeaderBytes + plain.size() + kTagBytes);
    out.append(kMagic, sizeof kMagic);
    out.append(char(kFormatVersion));
    out.append(char(m_params.algorithm));
    appendBigEndian(out, m_params.opsLimit);
    appendBigEndian(out, m_params.memLimit);
    out.append(m_params.salt);
    out.append(keyCheck(m_key->bytes));
    out.append(crypto::randomBytes(kNonceBytes)); // random: XChaCha's nonce is large enough
    Q_ASSERT(out.size() == kHeaderBytes);
    out.resize(kHeaderBytes + plain.size() + kTagBytes);
    auto *header = reinterpret_cast<unsigned char *>(out.data());
    unsigned long long cipherSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        header + kHeaderBytes, &cipherSize, reinterpret_cast<const unsigned char *>(plain.data()),
        quint64(plain.size()), header, quint64(kHeaderBytes), nullptr,
        header + kHeaderBytes - kNonceBytes, m_key->bytes);
    wipe(plain);
    Q_ASSERT(qsizetype(cipherSize) + kHeaderBytes == out.size());

    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return ioError(m_path, tr("cannot create the directory %1").arg(info.absolutePath()));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(m_path, file.errorString());
    // Narrow the temporary file before anything is in it; the rename keeps the mode.
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        return ioError(m_path, tr("cannot set permissions 0600: %1").arg(file.errorString()));
    }
    if (file.write(out) != out.size() || !file.commit())
        return ioError(m_path, file.errorString());
    return {};
}

protocol::Result<QByteArray> PassphraseSecretStore::read(const QString &key)
{
    const auto secrets = load();
    if (!secrets)
        return secrets.error();
    return secrets.value().value(key);
}

namespace {
/** Serialises read-modify-write cycles of processes sharing one profile. */
protocol::Result<std::unique_ptr<QLockFile>> lockFor(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return ioError(path, PassphraseSecretStore::tr("cannot create the directory %1")
                                 .arg(nativePath(info.absolutePath())));
    auto lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    if (!lock->tryLock(10000))
        return ioError(path, PassphraseSecretStore::tr("another process keeps it locked (%1)")
                                 .arg(nativePath(path + QStringLiteral(".lock"))));
    return lock;
}
} // namespace

protocol::Status PassphraseSecretStore::write(const QString &key, const QByteArray &value)
{
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidField, QStringLiteral("secret key is empty"));
    const auto lock = lockFor(m_path);
    if (!lock)
        return lock.error();
    auto secrets = load();
    if (!secrets) // never overwrite a file we cannot read: it holds the other secrets
        return secrets.error();
    secrets.value().insert(key, value);
    return save(secrets.value());
}

protocol::Result<bool> PassphraseSecretStore::remove(const QString &key)
{
    if (!QFile::exists(m_path)) // nothing to remove; do not create the directory for a lock
        return false;
    const auto lock = lockFor(m_path);
    if (!lock)
        return lock.error();
    auto secrets = load();
    if (!secrets)
        return secrets.error();
    if (!secrets.value().remove(key))
        return false;
    const auto saved = save(secrets.value());
    if (!saved)
        return saved.error();
    return true;
}

} // namespace linnet::client
