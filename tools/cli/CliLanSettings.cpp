// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliLanSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace linnet::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("linnet::cli::CliLanSettings", text);
}
} // namespace

bool readLanOptions(const QString &profileDir, std::optional<bool> override,
                    client::LanFallback::Options *options, QString *error)
{
    const QString path = QDir(profileDir).filePath(QStringLiteral("settings.ini"));
    const QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        *error = tr("cannot read %1").arg(path);
        return false;
    }
    client::LanFallback::Options o;
    const QString lan =
        settings.value(QStringLiteral("lan"), QStringLiteral("on")).toString().trimmed().toLower();
    static const QStringList kOn{QStringLiteral("on"), QStringLiteral("true"),
                                 QStringLiteral("yes"), QStringLiteral("1")};
    static const QStringList kOff{QStringLiteral("off"), QStringLiteral("false"),
                                  QStringLiteral("no"), QStringLiteral("0")};
    if (!kOn.contains(lan) && !kOff.contains(lan)) {
        *error = tr("%1: lan must be on or off, not \"%2\"").arg(path, lan);
        return false;
    }
    if (settings.contains(QStringLiteral("lan_port"))) {
        bool ok = false;
        const uint port = settings.value(QStringLiteral("lan_port")).toString().toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            *error = tr("%1: lan_port must be a port number (1 to 65535)").arg(path);
            return false;
        }
        o.discovery.port = quint16(port);
    }
    QStringList interfaces;
    for (const QString &name : settings.value(QStringLiteral("lan_interfaces")).toStringList()) {
        if (!name.trimmed().isEmpty())
            interfaces << name.trimmed();
    }
    o.discovery.interfaces = interfaces;
    if (interfaces == QStringList{QStringLiteral("lo")}) {
        // Loopback has no broadcast address and no IPv6 multicast (protocol.md 12.1).
        o.discovery.ipv6 = false;
        o.discovery.extraBroadcastAddresses = {QHostAddress(QStringLiteral("127.255.255.255"))};
    }
    if (!override.value_or(kOn.contains(lan)))
        o = client::LanFallback::Options::off();
    *options = o;
    return true;
}

} // namespace linnet::cli
