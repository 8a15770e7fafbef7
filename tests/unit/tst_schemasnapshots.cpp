// SPDX-License-Identifier: GPL-3.0-or-later
// The schema at every version of both migration histories (server/store/Migrations.cpp,
// app/core/store/ClientMigrations.cpp), compared with the snapshots in
// tests/unit/schema/ (server_vN.sql, client_vN.sql), as qTox's dbschema_test does:
// the tables of any version can be read there without replaying the steps, and a
// change to a shipped step shows up here. After appending a migration, write its
// snapshot with LINNET_WRITE_SCHEMA_SNAPSHOTS=1 and review the new file.
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "store/ClientMigrations.h"
#include "store/Migrations.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace linnet;
using namespace linnet::test;

namespace {

/** Where the snapshots live (the source tree, set by CMake). */
QString snapshotDir()
{
    return QStringLiteral(LINNET_SCHEMA_SNAPSHOT_DIR);
}

QString snapshotPath(const QString &history, int version)
{
    return QDir(snapshotDir()).filePath(QStringLiteral("%1_v%2.sql").arg(history).arg(version));
}

/** The first @p version steps of a history: what a database of that version ran. */
std::vector<storage::Migration> upTo(const std::vector<storage::Migration> &steps, int version)
{
    return {steps.begin(), steps.begin() + version};
}

const std::vector<storage::Migration> &historyOf(const QString &history)
{
    return history == QLatin1String("server") ? server::schemaMigrations()
                                              : client::clientMigrations();
}

/** Migrates the empty database @p db with @p steps; false (with a warning) on an error. */
bool migrateTo(const QString &history, QSqlDatabase &db,
               const std::vector<storage::Migration> &steps)
{
    const auto result = history == QLatin1String("server")
                            ? server::migrate(db, steps)
                            : client::migrateClientDatabase(db, steps);
    if (!result.ok())
        qWarning("%s migration failed: %s", qPrintable(history), qPrintable(result.error().reason));
    return result.ok() && result.value() == int(steps.size());
}

/** @p sql with its lines re-indented: the raw strings of the steps keep their own. */
QString indented(const QString &sql)
{
    QStringList lines = sql.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        lines[i] = lines[i].trimmed();
        if (i > 0 && !lines[i].startsWith(QLatin1Char(')')))
            lines[i].prepend(QStringLiteral("    "));
    }
    return lines.join(QLatin1Char('\n'));
}

/**
 * The schema of @p db as a snapshot file holds it: every object of sqlite_master
 * by name, its SQL as SQLite keeps it (the ones SQLite makes itself have none).
 */
QString snapshotOf(const QSqlDatabase &db, const QString &history, int version)
{
    QString out = QStringLiteral("-- The %1 schema at version %2: %3, steps 1 to %2,"
                                 "\n-- as SELECT type, name, tbl_name, sql FROM "
                                 "sqlite_master ORDER BY name lists it.\n-- Written by "
                                 "tst_schemasnapshots (LINNET_WRITE_SCHEMA_SNAPSHOTS=1); "
                                 "compared with whitespace folded.\n")
                      .arg(history)
                      .arg(version)
                      .arg(history == QLatin1String("server")
                               ? QStringLiteral("server/store/Migrations.cpp")
                               : QStringLiteral("app/core/store/ClientMigrations.cpp"));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                               "ORDER BY name")))
        return {};
    while (q.next()) {
        const QString type = q.value(0).toString();
        const QString name = q.value(1).toString();
        const QString table = q.value(2).toString();
        out += QStringLiteral("\n-- %1 %2").arg(type, name);
        if (table != name)
            out += QStringLiteral(" on %1").arg(table);
        out += QLatin1Char('\n');
        out += q.value(3).isNull() ? QStringLiteral("-- (made by SQLite itself, no SQL)\n")
                                   : indented(q.value(3).toString()) + QStringLiteral(";\n");
    }
    return out;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/** Where @p actual and the snapshot @p expected part, line by line (indentation aside). */
QString firstDifference(const QString &actual, const QString &expected, const QString &path)
{
    auto lines = [](const QString &text) {
        QStringList out;
        for (const QString &line : text.split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty())
                out.append(line.simplified());
        return out;
    };
    const QStringList a = lines(actual), e = lines(expected);
    for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
        const QString got = i < a.size() ? a[i] : QStringLiteral("(end)");
        const QString want = i < e.size() ? e[i] : QStringLiteral("(end)");
        if (got != want)
            return QStringLiteral("%1 differs at its line %2:\n  migrated: %3\n  snapshot: %4")
                .arg(path)
                .arg(i + 1)
                .arg(got, want);
    }
    return QStringLiteral("%1 differs in its line breaks only").arg(path);
}

} // namespace

class TestSchemaSnapshots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void everyVersionHasTheSchemaOfItsSnapshot_data()
    {
        QTest::addColumn<QString>("history");
        QTest::addColumn<int>("version");
        for (const QString &history : {QStringLiteral("server"), QStringLiteral("client")})
            for (const auto &step : historyOf(history))
                QTest::addRow("%s v%d", qPrintable(history), step.version)
                    << history << step.version;
    }

    void everyVersionHasTheSchemaOfItsSnapshot()
    {
        QFETCH(QString, history);
        QFETCH(int, version);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SqlConnection c(dir.filePath(QStringLiteral("fresh.db")));
        QSqlDatabase db = c.db();
        QVERIFY(db.isOpen());
        QVERIFY(migrateTo(history, db, upTo(historyOf(history), version)));
        QCOMPARE(userVersion(db), version);

        const QString actual = snapshotOf(db, history, version);
        QVERIFY(!actual.isEmpty());
        const QString path = snapshotPath(history, version);
        if (qEnvironmentVariableIntValue("LINNET_WRITE_SCHEMA_SNAPSHOTS") == 1) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
            f.write(actual.toUtf8());
            qInfo("wrote %s", qPrintable(path));
        }
        const QString expected = readFile(path);
        QVERIFY2(!expected.isEmpty(),
                 qPrintable(QStringLiteral("no snapshot %1: write it with "
                                           "LINNET_WRITE_SCHEMA_SNAPSHOTS=1 and review it")
                                .arg(path)));
        // Line breaks and indentation do not count; every word of the SQL does.
        QVERIFY2(actual.simplified() == expected.simplified(),
                 qPrintable(firstDifference(actual, expected, path)));
    }

    void everySnapshotIsOfAVersionThatExists()
    {
        QStringList expected;
        for (const QString &history : {QStringLiteral("server"), QStringLiteral("client")})
            for (const auto &step : historyOf(history))
                expected.append(QFileInfo(snapshotPath(history, step.version)).fileName());
        expected.sort();
        QStringList files = QDir(snapshotDir()).entryList({QStringLiteral("*.sql")}, QDir::Files);
        files.sort();
        QCOMPARE(files, expected);
    }

    void theLastSnapshotIsTheSchemaOfAFullMigration()
    {
        // upTo(latest) is the whole history: the snapshot seam adds no path of its own.
        for (const QString &history : {QStringLiteral("server"), QStringLiteral("client")}) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            SqlConnection c(dir.filePath(QStringLiteral("full.db")));
            QSqlDatabase db = c.db();
            const auto result = history == QLatin1String("server")
                                    ? server::migrate(db)
                                    : client::migrateClientDatabase(db);
            QVERIFY(result.ok());
            const int latest = result.value();
            QCOMPARE(latest, int(historyOf(history).size()));
            QCOMPARE(snapshotOf(db, history, latest).simplified(),
                     readFile(snapshotPath(history, latest)).simplified());
        }
    }
};

QTEST_GUILESS_MAIN(TestSchemaSnapshots)
#include "tst_schemasnapshots.moc"
