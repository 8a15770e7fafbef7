// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteLink.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUrlQuery>

namespace linnet::protocol {

namespace {
const QString kScheme = QStringLiteral("linnet");
const QString kHost = QStringLiteral("invite");
} // namespace

QByteArray pinOfPublicKey(const QByteArray &spkiDer)
{
    return QCryptographicHash::hash(spkiDer, QCryptographicHash::Sha256);
}

QString pinToText(const QByteArray &pin)
{
    return QString::fromLatin1(
        pin.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QByteArray> pinFromText(const QString &text)
{
    const QString t = text.trimmed();
    QByteArray pin;
    static const QRegularExpression hex(QStringLiteral("^([0-9A-Fa-f]{2}:?){32}$"));
    if (hex.match(t).hasMatch()) {
        pin = QByteArray::fromHex(t.toLatin1().replace(':', ""));
    } else {
        auto decoded = QByteArray::fromBase64Encoding(
            t.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            pin = *decoded;
    }
    if (pin.size() != kPinBytes)
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("\"%1\" is not a certificate fingerprint (SHA-256, 43 "
                                        "characters of base64url or 64 hex digits)")
                             .arg(t.left(80)));
    return pin;
}

QString InviteLink::toString() const
{
    QUrl url;
    url.setScheme(kScheme);
    url.setHost(kHost);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("server"),
                       QString::fromUtf8(QUrl::toPercentEncoding(server.toString(), ":/[]")));
    if (!pin.isEmpty())
        query.addQueryItem(QStringLiteral("pin"), pinToText(pin));
    query.addQueryItem(QStringLiteral("code"),
                       QString::fromUtf8(QUrl::toPercentEncoding(code, "-")));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

bool InviteLink::looksLikeLink(const QString &text)
{
    return text.trimmed().startsWith(kScheme + QLatin1Char(':'), Qt::CaseInsensitive);
}

QUrl withWebSocketPath(QUrl server)
{
    const QString scheme = server.scheme();
    if ((scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) &&
        (server.path().isEmpty() || server.path() == QLatin1String("/")))
        server.setPath(QLatin1String(kWebSocketPath));
    return server;
}

Result<InviteLink> InviteLink::parse(const QString &text)
{
    auto bad = [](const QString &why) {
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("not a Linnet invite link: %1").arg(why));
    };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(kScheme, Qt::CaseInsensitive) != 0 ||
        url.host().compare(kHost, Qt::CaseInsensitive) != 0)
        return bad(QStringLiteral("it must start with linnet://invite?"));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems()) {
        if (key != QLatin1String("server") && key != QLatin1String("pin") &&
            key != QLatin1String("code"))
            return bad(QStringLiteral("unknown part \"%1\"").arg(key.left(40)));
        if (query.allQueryItemValues(key).size() > 1)
            return bad(QStringLiteral("\"%1\" is given twice").arg(key));
    }
    InviteLink link;
    link.server = withWebSocketPath(
        QUrl(query.queryItemValue(QStringLiteral("server"), QUrl::FullyDecoded), QUrl::StrictMode));
    const QString scheme = link.server.scheme();
    if (!link.server.isValid() || link.server.host().isEmpty() ||
        (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")))
        return bad(QStringLiteral("it names no ws:// or wss:// server"));
    if (query.hasQueryItem(QStringLiteral("pin"))) {
        if (scheme != QLatin1String("wss"))
            return bad(QStringLiteral("a certificate fingerprint needs a wss:// server"));
        auto pin = pinFromText(query.queryItemValue(QStringLiteral("pin")));
        if (!pin)
            return bad(pin.error().reason);
        link.pin = pin.value();
    }
    link.code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).trimmed();
    if (link.code.isEmpty())
        return bad(QStringLiteral("it holds no invite code"));
    return link;
}

} // namespace linnet::protocol
