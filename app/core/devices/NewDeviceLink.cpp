// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/NewDeviceLink.h"

#include "crypto/DeviceLink.h"

#include <QUrl>
#include <QUrlQuery>

namespace linnet::client {

NewDeviceLink NewDeviceLink::create()
{
    NewDeviceLink link;
    link.m_secret = crypto::newLinkSecret();
    return link;
}

QString NewDeviceLink::code() const
{
    return crypto::formatLinkCode(m_secret);
}

QString NewDeviceLink::qrText(const QString &username) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("user"), username);
    query.addQueryItem(QStringLiteral("code"), code());
    return QStringLiteral("linnet://link?") + query.toString(QUrl::FullyEncoded);
}

protocol::LinkRequest NewDeviceLink::request(quint32 requestId, const QString &username,
                                             const QByteArray &identityKey,
                                             const QString &deviceName) const
{
    const QByteArray lookup = crypto::linkLookup(m_secret);
    return protocol::LinkRequest{
        requestId, username, lookup,
        crypto::sealLinkRequest(crypto::linkKey(m_secret), lookup, {identityKey, deviceName}),
        deviceName};
}

std::optional<crypto::IdentityKeyPair> NewDeviceLink::open(const protocol::LinkSealed &sealed) const
{
    return crypto::openLinkApproval(crypto::linkKey(m_secret), crypto::linkLookup(m_secret),
                                    sealed.sealed);
}

QString linkCodeFrom(const QString &typed)
{
    const QString trimmed = typed.trimmed();
    const QUrl url(trimmed);
    if (url.scheme() == QLatin1String("linnet") && url.host() == QLatin1String("link"))
        return QUrlQuery(url).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    return trimmed;
}

} // namespace linnet::client
