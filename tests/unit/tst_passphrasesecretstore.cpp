// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/MemorySecretStore.h"
#include "e2e/PassphraseSecretStore.h"
#include "TestBase.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <sodium.h>

#include <memory>

using namespace linnet;
using namespace linnet::client;

namespace {

constexpr QFileDevice::Permissions kGroupOrOther =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
    QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

const QByteArray kPassphrase = QByteArrayLiteral("correct horse battery staple");

bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    return (p & kGroupOrOther) == 0 && (p & QFileDevice::ReadOwner) &&
           (p & QFileDevice::WriteOwner) && !(p & QFileDevice::ExeOwner);
}

template <typename T> QString reasonOf(const protocol::Result<T> &r)
{
    return r.ok() ? QString() : r.error().reason;
}

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** 32 bytes that include zeros and would be easy to spot in the file. */
QByteArray binarySecret()
{
    QByteArray b(32, '\0');
    for (int i = 0; i < b.size(); ++i)
        b[i] = char(i % 3 == 0 ? 0 : 0xA0 + i);
    return b;
}

} // namespace

/**
 * PassphraseSecretStore: round trip across reopen, wrong passphrase, damaged
 * files, 0600, no plaintext in the file, removal, the environment helper; and
 * the SecretStore contract shared with MemorySecretStore.
 */
class TestPassphraseSecretStore : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;

    /** Files made here get the quicker INTERACTIVE cost (an existing file keeps its own, and
     *  the MODERATE default takes about a second per open); fileHasTheDocumentedHeader
     *  checks what a new file gets by default. */
    std::unique_ptr<PassphraseSecretStore> openStore(const QByteArray &passphrase = kPassphrase)
    {
        auto opened = PassphraseSecretStore::open(
            m_file, passphrase,
            {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE});
        if (!opened) {
            qWarning("open failed: %s", qPrintable(opened.error().reason));
            return nullptr;
        }
        return std::move(opened).value();
    }

    /** A file with two secrets, written and closed. */
    void writeTwoSecrets()
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->write(QStringLiteral("device_token"), binarySecret()).ok());
        QVERIFY(store->write(QStringLiteral("other"), QByteArrayLiteral("two")).ok());
    }

    /** What every SecretStore must do (MemorySecretStore mirrors the real stores). */
    static void checkContract(SecretStore &store)
    {
        const auto missing = store.read(QStringLiteral("missing"));
        QVERIFY2(missing.ok(), qPrintable(reasonOf(missing)));
        QVERIFY(missing.value().isEmpty());
        QVERIFY(!store.write(QString(), QByteArrayLiteral("v")).ok());
        QVERIFY(store.write(QStringLiteral("k"), binarySecret()).ok());
        QCOMPARE(store.read(QStringLiteral("k")).value(), binarySecret());
        QVERIFY(store.write(QStringLiteral("k"), QByteArrayLiteral("replaced")).ok());
        QCOMPARE(store.read(QStringLiteral("k")).value(), QByteArrayLiteral("replaced"));
        const auto removed = store.remove(QStringLiteral("k"));
        QVERIFY(removed.ok());
        QVERIFY(removed.value());
        QVERIFY(store.read(QStringLiteral("k")).value().isEmpty());
        const auto again = store.remove(QStringLiteral("k"));
        QVERIFY(again.ok());
        QVERIFY(!again.value());
    }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("profile/secrets.bin"));
    }
    void cleanup() { m_dir.reset(); }

    void contract()
    {
        auto store = openStore();
        QVERIFY(store);
        checkContract(*store);
    }

    void memoryStoreContract()
    {
        MemorySecretStore memory;
        checkContract(memory);
        memory.setFailure(
            protocol::Error{protocol::ErrorCode::InternalError, QStringLiteral("locked")});
        QVERIFY(!memory.read(QStringLiteral("k")).ok());
        QVERIFY(!memory.write(QStringLiteral("k"), "v").ok());
        memory.setFailure(std::nullopt);
        QVERIFY(memory.write(QStringLiteral("k"), "v").ok());
        QCOMPARE(memory.values().value(QStringLiteral("k")), QByteArrayLiteral("v"));
    }

    void newFileIsCreatedOnFirstWrite()
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(!QFile::exists(m_file));
        QVERIFY(store->read(QStringLiteral("device_token")).value().isEmpty());
        QVERIFY(!store->remove(QStringLiteral("device_token")).value());
        QVERIFY(!QFile::exists(m_file)); // reading and removing nothing create nothing
        QVERIFY(store->write(QStringLiteral("device_token"), binarySecret()).ok());
        QVERIFY(QFile::exists(m_file));
        QVERIFY(ownerOnly(m_file));
        QVERIFY(!QFile::exists(m_file + QStringLiteral(".lock"))); // released after the write
    }

    void roundTripAcrossReopen()
    {
        writeTwoSecrets();
        auto again = openStore();
        QVERIFY(again);
        QCOMPARE(again->read(QStringLiteral("device_token")).value(), binarySecret());
        QCOMPARE(again->read(QStringLiteral("other")).value(), QByteArrayLiteral("two"));
        QVERIFY(again->read(QStringLiteral("missing")).value().isEmpty());
        // A rewrite by the reopened store keeps the mode and the other secret.
        QVERIFY(again->write(QStringLiteral("other"), QByteArrayLiteral("three")).ok());
        QVERIFY(ownerOnly(m_file));
        auto third = openStore();
        QVERIFY(third);
        QCOMPARE(third->read(QStringLiteral("other")).value(), QByteArrayLiteral("three"));
        QCOMPARE(third->read(QStringLiteral("device_token")).value(), binarySecret());
    }

    void twoInstancesSeeEachOthersWrites()
    {
        auto a = openStore();
        QVERIFY(a);
        QVERIFY(a->write(QStringLiteral("a"), QByteArrayLiteral("1")).ok());
        auto b = openStore();
        QVERIFY(b);
        QVERIFY(b->write(QStringLiteral("b"), QByteArrayLiteral("2")).ok());
        // a re-reads the file: b's secret is there and a's write does not drop it.
        QCOMPARE(a->read(QStringLiteral("b")).value(), QByteArrayLiteral("2"));
        QVERIFY(a->write(QStringLiteral("c"), QByteArrayLiteral("3")).ok());
        QCOMPARE(b->read(QStringLiteral("a")).value(), QByteArrayLiteral("1"));
        QCOMPARE(b->read(QStringLiteral("c")).value(), QByteArrayLiteral("3"));
    }

    void wrongPassphraseIsAnErrorAndLeavesTheFile()
    {
        writeTwoSecrets();
        const QByteArray before = contentOf(m_file);
        QVERIFY(!before.isEmpty());
        const auto opened = PassphraseSecretStore::open(m_file, QByteArrayLiteral("incorrect"));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, protocol::ErrorCode::BadCredentials);
        QVERIFY2(opened.error().reason.contains(QStringLiteral("wrong passphrase for")),
                 qPrintable(opened.error().reason));
        QVERIFY2(opened.error().reason.contains(QStringLiteral("secrets.bin")),
                 qPrintable(opened.error().reason));
        QCOMPARE(contentOf(m_file), before);
        auto right = openStore();
        QVERIFY(right);
        QCOMPARE(right->read(QStringLiteral("device_token")).value(), binarySecret());
    }

    void emptyPassphraseIsRefused()
    {
        const auto opened = PassphraseSecretStore::open(m_file, QByteArray());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, protocol::ErrorCode::InvalidField);
        QVERIFY2(opened.error().reason.contains(QStringLiteral("empty")),
                 qPrintable(opened.error().reason));
        QVERIFY(!QFile::exists(m_file));
    }

    void damagedFileIsAnError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated body")
            << QStringLiteral("truncate-body") << QStringLiteral("authentication failed");
        QTest::newRow("truncated header")
            << QStringLiteral("truncate-header") << QStringLiteral("only");
        QTest::newRow("flipped ciphertext bit")
            << QStringLiteral("flip-body") << QStringLiteral("authentication failed");
        QTest::newRow("flipped header bit")
            << QStringLiteral("flip-header") << QStringLiteral("authentication failed");
        QTest::newRow("not ours") << QStringLiteral("garbage")
                                  << QStringLiteral("not a Linnet secrets file");
        QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("empty");
        QTest::newRow("absurd memlimit")
            << QStringLiteral("memlimit") << QStringLiteral("implausible");
    }

    void damagedFileIsAnError()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        writeTwoSecrets();
        QByteArray content = contentOf(m_file);
        QVERIFY(content.size() > 100);
        if (damage == QLatin1String("truncate-body"))
            content.chop(5);
        else if (damage == QLatin1String("truncate-header"))
            content.truncate(40);
        else if (damage == QLatin1String("flip-body"))
            content[content.size() - 20] = char(content[content.size() - 20] ^ 0x01);
        else if (damage == QLatin1String("flip-header"))
            content[60] = char(content[60] ^ 0x01); // in the nonce: covered by the tag
        else if (damage == QLatin1String("garbage"))
            content = QByteArray(200, 'x');
        else if (damage == QLatin1String("empty"))
            content.clear();
        else if (damage == QLatin1String("memlimit"))
            content[18] = char(0x7f); // memlimit's top byte: petabytes
        {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(f.write(content), content.size());
        }
        const auto opened = PassphraseSecretStore::open(m_file, kPassphrase);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, protocol::ErrorCode::InternalError);
        QVERIFY2(opened.error().reason.contains(QStringLiteral("corrupt or truncated")),
                 qPrintable(opened.error().reason));
        QVERIFY2(opened.error().reason.contains(expected), qPrintable(opened.error().reason));
        QVERIFY2(!opened.error().reason.contains(QStringLiteral("wrong passphrase")),
                 qPrintable(opened.error().reason));
        QCOMPARE(contentOf(m_file), content); // never overwritten
    }

    void damageAfterOpenIsNotOverwritten()
    {
        writeTwoSecrets();
        auto store = openStore();
        QVERIFY(store);
        QByteArray content = contentOf(m_file);
        content.chop(1);
        {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        }
        QVERIFY(!store->read(QStringLiteral("other")).ok());
        QVERIFY(!store->write(QStringLiteral("k"), QByteArrayLiteral("v")).ok());
        QVERIFY(!store->remove(QStringLiteral("other")).ok());
        QCOMPARE(contentOf(m_file), content);
    }

    void unsupportedVersionIsNamed()
    {
        writeTwoSecrets();
        QByteArray content = contentOf(m_file);
        content[8] = char(9);
        {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        }
        const auto opened = PassphraseSecretStore::open(m_file, kPassphrase);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().reason.contains(QStringLiteral("format version 9")),
                 qPrintable(opened.error().reason));
    }

    void fileHasTheDocumentedHeader()
    {
        {
            auto created = PassphraseSecretStore::open(m_file, kPassphrase);
            QVERIFY(created);
            QVERIFY(created.value()->write(QStringLiteral("device_token"), binarySecret()).ok());
            QVERIFY(created.value()->write(QStringLiteral("other"), QByteArrayLiteral("two")).ok());
        }
        const QByteArray content = contentOf(m_file);
        QVERIFY(content.startsWith("LNSECRET"));
        QCOMPARE(int(quint8(content.at(8))), 1);                            // version
        QCOMPARE(int(quint8(content.at(9))), crypto_pwhash_ALG_ARGON2ID13); // algorithm
        // Issue 22.12: new files get Argon2id MODERATE (3 passes, 256 MiB).
        QCOMPARE(qFromBigEndian<quint64>(content.constData() + 10),
                 quint64(crypto_pwhash_OPSLIMIT_MODERATE));
        QCOMPARE(qFromBigEndian<quint64>(content.constData() + 18),
                 quint64(crypto_pwhash_MEMLIMIT_MODERATE));
        // A fresh nonce on every write: the same content never gives the same bytes.
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->write(QStringLiteral("other"), QByteArrayLiteral("two")).ok());
        const QByteArray rewritten = contentOf(m_file);
        QCOMPARE(rewritten.size(), content.size());
        QCOMPARE(rewritten.left(58), content.left(58)); // same salt and key check
        QVERIFY(rewritten.mid(58, 24) != content.mid(58, 24));
    }

    void readHeaderGivesTheFilesKdfParametersOrWhyNot()
    {
        writeTwoSecrets();
        QByteArray content = contentOf(m_file);
        const auto params = PassphraseSecretStore::readHeader(content, m_file);
        QVERIFY2(params, params ? "" : qPrintable(params.error().reason));
        QCOMPARE(params.value().algorithm, crypto_pwhash_ALG_ARGON2ID13);
        QCOMPARE(params.value().opsLimit, quint64(crypto_pwhash_OPSLIMIT_INTERACTIVE));
        QCOMPARE(params.value().memLimit, quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE));
        QCOMPARE(params.value().salt, content.mid(26, 16));

        content[17] = char(33); // opslimit's low byte: past the most a file may ask for
        const auto refused = PassphraseSecretStore::readHeader(content, m_file);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().reason.contains(QStringLiteral("implausible")),
                 qPrintable(refused.error().reason));
        QVERIFY2(refused.error().reason.contains(QDir::toNativeSeparators(m_file)),
                 qPrintable(refused.error().reason));
    }

    void aFileWithTheEarlierInteractiveCostStillOpensAndKeepsIt()
    {
        {
            auto old = PassphraseSecretStore::open(
                m_file, kPassphrase,
                {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE});
            QVERIFY(old);
            QVERIFY(old.value()->write(QStringLiteral("device_token"), binarySecret()).ok());
        }
        const QByteArray before = contentOf(m_file);
        QCOMPARE(qFromBigEndian<quint64>(before.constData() + 18),
                 quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE));
        auto opened = PassphraseSecretStore::open(m_file, kPassphrase); // the default cost
        QVERIFY(opened);
        auto &store = opened.value();
        QCOMPARE(store->read(QStringLiteral("device_token")).value(), binarySecret());
        QVERIFY(store->write(QStringLiteral("other"), QByteArrayLiteral("two")).ok());
        const QByteArray after = contentOf(m_file);
        QCOMPARE(after.left(58), before.left(58)); // same cost, salt and key check
        QVERIFY(!PassphraseSecretStore::open(m_file, "not the passphrase"));
    }

    void noPlaintextInTheFile()
    {
        writeTwoSecrets();
        const QByteArray content = contentOf(m_file);
        QVERIFY(!content.contains(binarySecret()));
        QVERIFY(!content.contains(binarySecret().mid(1, 8)));
        QVERIFY(!content.contains(binarySecret().toBase64()));
        QVERIFY(!content.contains("device_token")); // names are encrypted too
        QVERIFY(!content.contains(kPassphrase));
    }

    void ownerOnlyEvenWhenLoosened()
    {
        writeTwoSecrets();
        QVERIFY(ownerOnly(m_file));
        QVERIFY(QFile::setPermissions(m_file, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY(!ownerOnly(m_file));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("accessible to group/others")));
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(ownerOnly(m_file));
    }

    void removeDeletesOnlyThatKey()
    {
        writeTwoSecrets();
        auto store = openStore();
        QVERIFY(store);
        const auto removed = store->remove(QStringLiteral("other"));
        QVERIFY(removed.ok());
        QVERIFY(removed.value());
        auto again = openStore();
        QVERIFY(again);
        QVERIFY(again->read(QStringLiteral("other")).value().isEmpty());
        QCOMPARE(again->read(QStringLiteral("device_token")).value(), binarySecret());
        QVERIFY(!again->remove(QStringLiteral("other")).value());
        QVERIFY(ownerOnly(m_file));
    }

    void passphraseFromEnvironment()
    {
        const QByteArray saved = qgetenv(PassphraseSecretStore::kEnvironmentVariable);
        const bool wasSet = qEnvironmentVariableIsSet(PassphraseSecretStore::kEnvironmentVariable);
        qunsetenv(PassphraseSecretStore::kEnvironmentVariable);
        const auto missing = PassphraseSecretStore::passphraseFromEnvironment();
        qputenv(PassphraseSecretStore::kEnvironmentVariable, QByteArray());
        const auto empty = PassphraseSecretStore::passphraseFromEnvironment();
        qputenv(PassphraseSecretStore::kEnvironmentVariable, QByteArrayLiteral("s3cret pass"));
        const auto set = PassphraseSecretStore::passphraseFromEnvironment();
        if (wasSet)
            qputenv(PassphraseSecretStore::kEnvironmentVariable, saved);
        else
            qunsetenv(PassphraseSecretStore::kEnvironmentVariable);

        for (const auto *r : {&missing, &empty}) {
            QVERIFY(!r->ok());
            QCOMPARE(r->error().code, protocol::ErrorCode::InvalidField);
            QVERIFY2(r->error().reason.contains(QStringLiteral("LINNET_PASSPHRASE is not set")),
                     qPrintable(r->error().reason));
        }
        QVERIFY(set.ok());
        QCOMPARE(set.value(), QByteArrayLiteral("s3cret pass"));
    }
};

QTEST_GUILESS_MAIN(TestPassphraseSecretStore)
#include "tst_passphrasesecretstore.moc"
