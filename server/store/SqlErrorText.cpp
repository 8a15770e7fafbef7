// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlErrorText.h"

#include <QSqlError>
#include <QStringList>

namespace linnet::server {

QString sqlErrorText(const QSqlError &error)
{
    QStringList parts;
    if (const QString database = error.databaseText().trimmed(); !database.isEmpty())
        parts.append(database);
    if (const QString driver = error.driverText().trimmed();
        !driver.isEmpty() && !parts.contains(driver))
        parts.append(driver);
    if (const QString code = error.nativeErrorCode(); !code.isEmpty())
        parts.append(QStringLiteral("SQLite code %1").arg(code));
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("; "));
    return error.type() == QSqlError::NoError
               ? QStringLiteral("SQLite reported no error for a call that failed")
               : QStringLiteral("no message from SQLite (error type %1)").arg(int(error.type()));
}

} // namespace linnet::server
