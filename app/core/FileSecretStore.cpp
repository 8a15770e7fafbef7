// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileSecretStore.h"

#include "ClientLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <utility>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOrOther =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
    QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

protocol::Error failure(const QString &path, const QString &why)
{
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("secret file %1: %2").arg(QDir::toNativeSeparators(path), why));
}

/**
 * The whole file as a key -> base64 object; an empty object if the file does
 * not exist. A file others may read is still used, but narrowed to 0600 first.
 */
protocol::Result<QJsonObject> load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject{};
    if (file.permissions() & kGroupOrOther) {
        qCWarning(lcLocalStore).noquote()
            << "secret file" << QDir::toNativeSeparators(path)
            << "was accessible to group/others; restricting it to the owner (0600)";
        if (!file.setPermissions(kOwnerOnly))
            qCWarning(lcLocalStore).noquote()
                << "cannot restrict permissions of" << path << ":" << file.errorString();
    }
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    const QByteArray content = file.readAll();
    if (content.trimmed().isEmpty())
        return QJsonObject{}; // an interrupted first write cannot leave this (QSaveFile), but be
                              // lenient
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(path, QStringLiteral("corrupt (not valid JSON at offset %1: %2)")
                                 .arg(parseError.offset)
                                 .arg(parseError.errorString()));
    if (!doc.isObject())
        return failure(path, QStringLiteral("corrupt (expected a JSON object)"));
    return doc.object();
}

protocol::Result<bool> save(const QString &path, const QJsonObject &object)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failure(path, QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    // Narrow the temporary file before any secret is in it; the rename keeps the mode.
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        return failure(path,
                       QStringLiteral("cannot set permissions 0600: %1").arg(file.errorString()));
    }
    const QByteArray content = QJsonDocument(object).toJson(QJsonDocument::Indented);
    if (file.write(content) != content.size() || !file.commit())
        return failure(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return true;
}

} // namespace

FileSecretStore::FileSecretStore(QString filePath) : m_path(std::move(filePath)) {}

protocol::Result<QByteArray> FileSecretStore::read(const QString &key)
{
    const auto object = load(m_path);
    if (!object)
        return object.error();
    const QJsonValue value = object.value().value(key);
    if (value.isUndefined() || value.isNull())
        return QByteArray();
    if (!value.isString())
        return failure(m_path,
                       QStringLiteral("corrupt (value of \"%1\" is not a string)").arg(key));
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return failure(m_path, QStringLiteral("corrupt (value of \"%1\" is not base64)").arg(key));
    return *std::move(decoded);
}

protocol::Result<bool> FileSecretStore::write(const QString &key, const QByteArray &value)
{
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidField, QStringLiteral("secret key is empty"));
    auto object = load(m_path);
    if (!object) // never overwrite a file we cannot understand: it may hold other secrets
        return object.error();
    object.value().insert(key, QString::fromLatin1(value.toBase64()));
    return save(m_path, object.value());
}

protocol::Result<bool> FileSecretStore::remove(const QString &key)
{
    auto object = load(m_path);
    if (!object)
        return object.error();
    if (!object.value().contains(key))
        return false;
    object.value().remove(key);
    const auto saved = save(m_path, object.value());
    if (!saved)
        return saved.error();
    return true;
}

} // namespace linnet::client
