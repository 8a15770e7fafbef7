// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCertificate.h"

#include "ServerLog.h"
#include "protocol/InviteLink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

/** Long enough never to expire in a team server's life: nobody checks it against a date
 *  that matters, the pin is what clients trust. */
constexpr long kValidSeconds = 20L * 365 * 24 * 3600;

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

/** Key and certificate as PEM, or an error. */
protocol::Result<std::pair<QByteArray, QByteArray>> make()
{
    auto failed = [](const char *step) {
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot make a TLS certificate: %1 failed").arg(QLatin1String(step)));
    };
    PKey key(EVP_EC_gen("P-256"));
    if (!key)
        return failed("EVP_EC_gen");
    Cert cert(X509_new());
    if (!cert)
        return failed("X509_new");
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return failed("RAND_bytes");
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialOk = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    if (!serialOk)
        return failed("serial");
    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *cn = reinterpret_cast<const unsigned char *>("Linnet server");
    if (X509_set_version(cert.get(), 2) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidSeconds) ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return failed("X509 fields");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return failed("X509_sign");
    Bio keyPem(BIO_new(BIO_s_mem()));
    Bio certPem(BIO_new(BIO_s_mem()));
    if (!keyPem || !certPem ||
        PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1 ||
        PEM_write_bio_X509(certPem.get(), cert.get()) != 1)
        return failed("PEM_write");
    return std::pair{drain(keyPem.get()), drain(certPem.get())};
}

protocol::Status writePrivate(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    // QSaveFile writes a temporary file beside @p path: owner-only before any byte.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

QString ServerCertificate::certPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls-cert.pem"));
}

QString ServerCertificate::keyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls-key.pem"));
}

protocol::Result<QByteArray> ServerCertificate::pinOfFile(const QString &certFile)
{
    const auto chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty())
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("cannot read a PEM certificate from %1").arg(certFile));
    return protocol::pinOfPublicKey(chain.first().publicKey().toDer());
}

protocol::Status ServerCertificate::ensureSelfSigned(const QString &dataDir)
{
    if (QFileInfo::exists(certPath(dataDir)) && QFileInfo::exists(keyPath(dataDir)))
        return {};
    auto made = make();
    if (!made)
        return made.error();
    // The key first: a certificate without its key is made again next time.
    if (auto w = writePrivate(keyPath(dataDir), made.value().first); !w)
        return w;
    if (auto w = writePrivate(certPath(dataDir), made.value().second); !w)
        return w;
    qCInfo(lcServer) << "made a self-signed TLS certificate in" << certPath(dataDir);
    return {};
}

} // namespace linnet::server
