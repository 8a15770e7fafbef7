// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainSecretStore against the real Secret Service (gnome-keyring): tools/dev.sh
// test runs ctest under dbus-run-session with an unlocked throwaway keyring. Without
// a session bus the keychain tests are skipped, saying why; they never pass without
// a keychain. The error for an unreachable keychain is checked in a child process.
#include "e2e/KeychainSecretStore.h"
#include "TestBase.h"

#include <QDBusConnection>
#include <QProcess>
#include <QUuid>
#include <QtTest>

#include <cstdio>

#include <memory>

using namespace linnet;
using namespace linnet::client;

namespace {

const QString kService = QStringLiteral("Linnet tests");

template <typename T> QString reasonOf(const protocol::Result<T> &r)
{
    return r.ok() ? QString() : r.error().reason;
}

QByteArray binaryWithZeros()
{
    QByteArray b(64, '\0');
    for (int i = 0; i < b.size(); ++i)
        b[i] = char(i % 4 == 0 ? 0 : (i * 37) & 0xff);
    b.append('\0'); // a trailing zero must survive too
    return b;
}

} // namespace

class TestKeychainSecretStore : public QObject {
    Q_OBJECT

private:
    /** A prefix no earlier run used, so every test starts with an empty keychain view. */
    static QString freshPrefix()
    {
        return QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    QStringList m_prefixes; ///< cleaned up at the end (the keyring is a throwaway anyway)

    std::unique_ptr<KeychainSecretStore> newStore(const QString &prefix)
    {
        m_prefixes << prefix;
        return std::make_unique<KeychainSecretStore>(kService, prefix);
    }

    bool m_haveBus = false;

#define REQUIRE_KEYCHAIN()                                                                         \
    do {                                                                                           \
        if (!m_haveBus)                                                                            \
            QSKIP("no D-Bus session bus, so no keychain: run it with `tools/dev.sh test` or "      \
                  "under dbus-run-session with an unlocked gnome-keyring (PLATFORM-NOTES.md)");    \
    } while (false)

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        m_haveBus = QDBusConnection::sessionBus().isConnected();
    }

    void unreachableKeychainIsAClearError()
    {
        // A child process whose session bus address leads nowhere: every keychain job fails.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/linnet-test-bus"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--read-once"), freshPrefix()});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray out = child.readAllStandardOutput();
        QCOMPARE(child.exitCode(), 1);
        QVERIFY2(out.contains("InternalError"), out.constData());
        QVERIFY2(out.contains("system keychain"), out.constData());
        QVERIFY2(out.contains("unavailable or locked"), out.constData());
    }

    void binaryRoundTripWithZeroBytes()
    {
        REQUIRE_KEYCHAIN();
        auto store = newStore(freshPrefix());
        const auto missing = store->read(QStringLiteral("device_token"));
        QVERIFY2(missing.ok(), qPrintable(reasonOf(missing)));
        QVERIFY(missing.value().isEmpty());
        const auto written = store->write(QStringLiteral("device_token"), binaryWithZeros());
        QVERIFY2(written.ok(), qPrintable(reasonOf(written)));
        const auto read = store->read(QStringLiteral("device_token"));
        QVERIFY2(read.ok(), qPrintable(reasonOf(read)));
        QCOMPARE(read.value(), binaryWithZeros());
        QCOMPARE(read.value().size(), 65);
    }

    void valueSurvivesANewInstance()
    {
        REQUIRE_KEYCHAIN();
        const QString prefix = freshPrefix();
        {
            auto writer = newStore(prefix);
            QVERIFY2(writer->write(QStringLiteral("identity_key"), binaryWithZeros()).ok(),
                     "write failed");
            QVERIFY(writer->write(QStringLiteral("state_key"), QByteArray(32, '\x07')).ok());
        }
        // A new instance has an empty cache: this read goes to the keychain.
        auto reader = newStore(prefix);
        const auto identity = reader->read(QStringLiteral("identity_key"));
        QVERIFY2(identity.ok(), qPrintable(reasonOf(identity)));
        QCOMPARE(identity.value(), binaryWithZeros());
        QCOMPARE(reader->read(QStringLiteral("state_key")).value(), QByteArray(32, '\x07'));
        // Overwriting replaces the entry rather than adding a second one.
        QVERIFY(reader->write(QStringLiteral("state_key"), QByteArray(32, '\x09')).ok());
        auto third = newStore(prefix);
        QCOMPARE(third->read(QStringLiteral("state_key")).value(), QByteArray(32, '\x09'));
    }

    void twoPrefixesDoNotCollide()
    {
        REQUIRE_KEYCHAIN();
        auto a = newStore(freshPrefix());
        auto b = newStore(freshPrefix());
        QVERIFY(a->write(QStringLiteral("device_token"), QByteArrayLiteral("token of a")).ok());
        QVERIFY(b->write(QStringLiteral("device_token"), QByteArrayLiteral("token of b")).ok());
        auto a2 = newStore(a->accountPrefix());
        auto b2 = newStore(b->accountPrefix());
        QCOMPARE(a2->read(QStringLiteral("device_token")).value(), QByteArrayLiteral("token of a"));
        QCOMPARE(b2->read(QStringLiteral("device_token")).value(), QByteArrayLiteral("token of b"));
        QVERIFY(b2->remove(QStringLiteral("device_token")).value());
        auto a3 = newStore(a->accountPrefix());
        QCOMPARE(a3->read(QStringLiteral("device_token")).value(), QByteArrayLiteral("token of a"));
    }

    void profilePrefixesDiffer()
    {
        const QString p1 = KeychainSecretStore::accountPrefixForProfile(QStringLiteral("/tmp/a"));
        const QString p2 = KeychainSecretStore::accountPrefixForProfile(QStringLiteral("/tmp/b"));
        QVERIFY(p1 != p2);
        QCOMPARE(KeychainSecretStore::accountPrefixForProfile(QStringLiteral("/tmp/a/")), p1);
        QVERIFY(p1.startsWith(QStringLiteral("profile-")));
        QVERIFY(!p1.contains(QLatin1Char('/')));
        KeychainSecretStore store(kService, p1);
        QCOMPARE(store.accountFor(QStringLiteral("device_token")),
                 p1 + QStringLiteral("/device_token"));
    }

    void removeThenReadIsEmpty()
    {
        REQUIRE_KEYCHAIN();
        const QString prefix = freshPrefix();
        auto store = newStore(prefix);
        QVERIFY(store->write(QStringLiteral("device_token"), QByteArrayLiteral("tok")).ok());
        QVERIFY(store->write(QStringLiteral("keep"), QByteArrayLiteral("kept")).ok());
        const auto removed = store->remove(QStringLiteral("device_token"));
        QVERIFY2(removed.ok(), qPrintable(reasonOf(removed)));
        QVERIFY(removed.value());
        QVERIFY(store->read(QStringLiteral("device_token")).value().isEmpty());
        // ...also for a new instance, i.e. in the keychain itself.
        auto fresh = newStore(prefix);
        const auto read = fresh->read(QStringLiteral("device_token"));
        QVERIFY2(read.ok(), qPrintable(reasonOf(read)));
        QVERIFY(read.value().isEmpty());
        QCOMPARE(fresh->read(QStringLiteral("keep")).value(), QByteArrayLiteral("kept"));
        const auto again = fresh->remove(QStringLiteral("device_token"));
        QVERIFY2(again.ok(), qPrintable(reasonOf(again)));
        QVERIFY(!again.value());
    }

    void badNamesAreRefused()
    {
        KeychainSecretStore slash(kService, QStringLiteral("a/b"));
        const auto r = slash.read(QStringLiteral("k"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, protocol::ErrorCode::InvalidField);
        KeychainSecretStore fine(kService, freshPrefix());
        QVERIFY(!fine.write(QString(), QByteArrayLiteral("v")).ok());
    }

    void cleanupTestCase()
    {
        for (const QString &prefix : std::as_const(m_prefixes)) {
            KeychainSecretStore store(kService, prefix);
            for (const char *key : {"device_token", "identity_key", "state_key", "keep"})
                QVERIFY(store.remove(QString::fromLatin1(key)).ok());
        }
    }
};

/** `--read-once PREFIX`: one read in this process, its outcome on stdout (for the child test). */
static int readOnce(const QString &prefix)
{
    KeychainSecretStore store(kService, prefix);
    const auto read = store.read(QStringLiteral("device_token"));
    if (read.ok()) {
        std::printf("ok %d bytes\n", int(read.value().size()));
        return 0;
    }
    std::printf("%s: %s\n",
                read.error().code == protocol::ErrorCode::InternalError ? "InternalError"
                                                                        : "other error",
                qPrintable(read.error().reason));
    return 1;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--read-once") == 0)
        return readOnce(QString::fromLocal8Bit(argv[2]));
    TestKeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keychainsecretstore.moc"
