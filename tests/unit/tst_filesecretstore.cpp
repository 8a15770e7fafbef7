// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileSecretStore.h"
#include "TestBase.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;

namespace {

constexpr QFileDevice::Permissions kGroupOrOther =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
    QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    return (p & kGroupOrOther) == 0 && (p & QFileDevice::ReadOwner) &&
           (p & QFileDevice::WriteOwner) && !(p & QFileDevice::ExeOwner);
}

QString reasonOf(const protocol::Result<QByteArray> &r)
{
    return r.ok() ? QString() : r.error().reason;
}

} // namespace

/** FileSecretStore: round trip, 0600, missing keys, removal, corruption, reopen. */
class TestFileSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("profile/secrets.json"));
    }
    void cleanup() { m_dir.reset(); }

    void missingFileReadsEmpty()
    {
        FileSecretStore store(m_file);
        const auto value = store.read(QStringLiteral("device_token"));
        QVERIFY2(value.ok(), qPrintable(reasonOf(value)));
        QVERIFY(value.value().isEmpty());
        QVERIFY(!QFile::exists(m_file)); // reading creates nothing
        const auto removed = store.remove(QStringLiteral("device_token"));
        QVERIFY(removed.ok());
        QVERIFY(!removed.value());
    }

    void roundTripWithOwnerOnlyPermissions()
    {
        FileSecretStore store(m_file);
        QByteArray binary(32, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char(i * 37);
        QVERIFY(store.write(QStringLiteral("device_token"), binary).ok());
        QVERIFY(store.write(QStringLiteral("other"), QByteArrayLiteral("two")).ok());
        QVERIFY(QFile::exists(m_file));
        QVERIFY(ownerOnly(m_file));

        QCOMPARE(store.read(QStringLiteral("device_token")).value(), binary);
        QCOMPARE(store.read(QStringLiteral("other")).value(), QByteArrayLiteral("two"));
        QVERIFY(store.read(QStringLiteral("missing")).value().isEmpty());

        QVERIFY(store.write(QStringLiteral("other"), QByteArrayLiteral("three")).ok());
        QCOMPARE(store.read(QStringLiteral("other")).value(), QByteArrayLiteral("three"));
        QVERIFY(ownerOnly(m_file)); // still after a rewrite

        // the secret is not in the file in clear
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("three"));
    }

    void removeDeletesOnlyThatKey()
    {
        FileSecretStore store(m_file);
        QVERIFY(store.write(QStringLiteral("a"), QByteArrayLiteral("1")).ok());
        QVERIFY(store.write(QStringLiteral("b"), QByteArrayLiteral("2")).ok());
        const auto removed = store.remove(QStringLiteral("a"));
        QVERIFY(removed.ok());
        QVERIFY(removed.value());
        QVERIFY(store.read(QStringLiteral("a")).value().isEmpty());
        QCOMPARE(store.read(QStringLiteral("b")).value(), QByteArrayLiteral("2"));
        QVERIFY(!store.remove(QStringLiteral("a")).value());
        QVERIFY(ownerOnly(m_file));
    }

    void survivesReopen()
    {
        {
            FileSecretStore store(m_file);
            QVERIFY(store.write(QStringLiteral("device_token"), QByteArrayLiteral("tok")).ok());
        }
        FileSecretStore again(m_file);
        QCOMPARE(again.read(QStringLiteral("device_token")).value(), QByteArrayLiteral("tok"));
    }

    void corruptFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArrayLiteral("{\"device_token\": ") << "not valid JSON";
        QTest::newRow("array") << QByteArrayLiteral("[1, 2]") << "expected a JSON object";
        QTest::newRow("number value")
            << QByteArrayLiteral("{\"device_token\": 5}") << "is not a string";
        QTest::newRow("bad base64")
            << QByteArrayLiteral("{\"device_token\": \"@@@\"}") << "is not base64";
    }

    void corruptFileIsAnError()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QVERIFY(QDir().mkpath(QFileInfo(m_file).absolutePath()));
        {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        FileSecretStore store(m_file);
        const auto value = store.read(QStringLiteral("device_token"));
        QVERIFY(!value.ok());
        QVERIFY2(value.error().reason.contains(expected), qPrintable(value.error().reason));
        QVERIFY2(value.error().reason.contains(QStringLiteral("secrets.json")),
                 qPrintable(value.error().reason));
    }

    void corruptFileIsNotOverwritten()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_file).absolutePath()));
        {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("garbage");
        }
        FileSecretStore store(m_file);
        // created with the default umask: narrowed on first use, but never overwritten
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("accessible to group/others")));
        QVERIFY(!store.write(QStringLiteral("k"), QByteArrayLiteral("v")).ok());
        QVERIFY(!store.remove(QStringLiteral("k")).ok());
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArrayLiteral("garbage"));
    }

    void loosePermissionsAreFixed()
    {
        {
            FileSecretStore store(m_file);
            QVERIFY(store.write(QStringLiteral("k"), QByteArrayLiteral("v")).ok());
        }
        QVERIFY(QFile::setPermissions(m_file, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY(!ownerOnly(m_file));
        FileSecretStore store(m_file);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("accessible to group/others")));
        QCOMPARE(store.read(QStringLiteral("k")).value(), QByteArrayLiteral("v"));
        QVERIFY(ownerOnly(m_file));
    }

    void emptyKeyIsRefused()
    {
        FileSecretStore store(m_file);
        QVERIFY(!store.write(QString(), QByteArrayLiteral("v")).ok());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestFileSecretStore)
#include "tst_filesecretstore.moc"
