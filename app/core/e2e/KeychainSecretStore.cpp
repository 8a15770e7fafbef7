// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/KeychainSecretStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace linnet::client {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "linnet.client.keychain", QtInfoMsg)

using protocol::ErrorCode;
using protocol::makeError;

enum class JobOutcome { Finished, Interrupted };

/**
 * Starts @p job and waits for its finished() signal in a local event loop
 * (see the class comment for why this is synchronous). If the loop is left
 * early (QCoreApplication::exit() ends every loop), the job is still running
 * and a keychain callback will touch it later: it must not be deleted now, so
 * it is handed over to QtKeychain's auto-delete and @p job is emptied.
 */
template <typename Job> JobOutcome runJob(std::unique_ptr<Job> &job)
{
    bool finished = false;
    QEventLoop loop;
    QObject::connect(job.get(), &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    job->start(); // queued: finished() cannot come before exec()
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (finished)
        return JobOutcome::Finished;
    job.release()->setAutoDelete(true);
    return JobOutcome::Interrupted;
}

template <typename Job> std::unique_ptr<Job> makeJob(const QString &service, const QString &account)
{
    auto job = std::make_unique<Job>(service);
    job->setAutoDelete(false); // owned here; see runJob() for the one exception
    job->setInsecureFallback(false);
    job->setKey(account);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QString accountPrefix)
    : m_service(std::move(service)), m_prefix(std::move(accountPrefix)),
      m_thread(QThread::currentThread())
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::accountPrefixForProfile(const QString &profileDir)
{
    const QString path = QDir::cleanPath(QFileInfo(profileDir).absoluteFilePath());
    const QByteArray digest = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("profile-") + QString::fromLatin1(digest.toHex().left(16));
}

QString KeychainSecretStore::accountFor(const QString &key) const
{
    return m_prefix + QLatin1Char('/') + key;
}

std::optional<protocol::Error> KeychainSecretStore::checkNames(const QString &key) const
{
    Q_ASSERT_X(QThread::currentThread() == m_thread, "KeychainSecretStore",
               "used from a thread other than the one that created it");
    if (m_prefix.isEmpty() || m_prefix.contains(QLatin1Char('/')))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("keychain account prefix \"%1\" is empty or contains '/'")
                             .arg(m_prefix));
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidField, QStringLiteral("secret key is empty"));
    if (!QCoreApplication::instance())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("the keychain needs a running QCoreApplication"));
    return std::nullopt;
}

namespace {

protocol::Error interrupted(const QString &account)
{
    return makeError(ErrorCode::InternalError,
                     KeychainSecretStore::tr("the application is quitting: the system keychain "
                                             "did not answer in time for \"%1\"")
                         .arg(account));
}

enum class Action { Read, Write, Remove };

protocol::Error keychainError(Action action, const QString &service, const QString &account,
                              const QKeychain::Job &job)
{
    qCWarning(lcKeychain).noquote()
        << "keychain job for" << service << account << "failed: QtKeychain error"
        << int(job.error()) << job.errorString();
    QString reason;
    switch (action) {
    case Action::Read:
        reason = KeychainSecretStore::tr("cannot read \"%1\" (service \"%2\") from the system "
                                         "keychain: it is unavailable or locked (%3)");
        break;
    case Action::Write:
        reason = KeychainSecretStore::tr("cannot store \"%1\" (service \"%2\") in the system "
                                         "keychain: it is unavailable or locked (%3)");
        break;
    case Action::Remove:
        reason = KeychainSecretStore::tr("cannot remove \"%1\" (service \"%2\") from the system "
                                         "keychain: it is unavailable or locked (%3)");
        break;
    }
    return makeError(ErrorCode::InternalError, reason.arg(account, service, job.errorString()));
}

} // namespace

protocol::Result<QByteArray> KeychainSecretStore::read(const QString &key)
{
    if (auto bad = checkNames(key))
        return *bad;
    if (const auto cached = m_cache.constFind(key); cached != m_cache.cend())
        return *cached;
    const QString account = accountFor(key);
    auto job = makeJob<QKeychain::ReadPasswordJob>(m_service, account);
    if (runJob(job) == JobOutcome::Interrupted)
        return interrupted(account);
    QByteArray value;
    if (job->error() == QKeychain::NoError)
        value = job->binaryData();
    else if (job->error() != QKeychain::EntryNotFound)
        return keychainError(Action::Read, m_service, account, *job);
    qCDebug(lcKeychain).noquote() << "read" << account << (value.isEmpty() ? "(none)" : "");
    m_cache.insert(key, value);
    return value;
}

protocol::Status KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    if (auto bad = checkNames(key))
        return *bad;
    const QString account = accountFor(key);
    // Whatever happens next, the keychain may no longer hold what the cache says.
    m_cache.remove(key);
    auto job = makeJob<QKeychain::WritePasswordJob>(m_service, account);
    job->setBinaryData(value);
    if (runJob(job) == JobOutcome::Interrupted)
        return interrupted(account);
    if (job->error() != QKeychain::NoError)
        return keychainError(Action::Write, m_service, account, *job);
    m_cache.insert(key, value);
    return {};
}

protocol::Result<bool> KeychainSecretStore::remove(const QString &key)
{
    // Deleting a missing entry is not an error for every backend, nor reported:
    // look first, so that the result says whether something was there.
    const auto existing = read(key);
    if (!existing)
        return existing.error();
    const QString account = accountFor(key);
    m_cache.remove(key);
    auto job = makeJob<QKeychain::DeletePasswordJob>(m_service, account);
    if (runJob(job) == JobOutcome::Interrupted)
        return interrupted(account);
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
        return keychainError(Action::Remove, m_service, account, *job);
    m_cache.insert(key, QByteArray());
    return !existing.value().isEmpty();
}

} // namespace linnet::client
