// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliOutput.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace linnet::cli {

QString messageJson(const client::ChatMessage &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), m.id.toHex());
    o.insert(QStringLiteral("from"), m.sender);
    o.insert(QStringLiteral("conversation"), m.conversation);
    o.insert(QStringLiteral("seq"), static_cast<qint64>(m.seq));
    o.insert(QStringLiteral("text"), m.text);
    o.insert(QStringLiteral("sent_at"), m.sentAt);
    o.insert(QStringLiteral("outgoing"), m.outgoing);
    o.insert(QStringLiteral("state"), client::deliveryStateName(m.state));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString messageText(const client::ChatMessage &m)
{
    const QString when =
        QDateTime::fromMSecsSinceEpoch(m.sentAt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QString line = QStringLiteral("%1  %2: %3").arg(when, m.sender, m.text);
    if (m.outgoing)
        line += QStringLiteral("  [%1]").arg(client::deliveryStateName(m.state));
    return line;
}

} // namespace linnet::cli
