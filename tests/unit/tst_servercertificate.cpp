// SPDX-License-Identifier: GPL-3.0-or-later
// The server's self-signed certificate (tls_self_signed) and the pin invites carry.
#include "protocol/InviteLink.h"
#include "transport/ServerCertificate.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::server;

class TestServerCertificate : public QObject {
    Q_OBJECT

private:
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static bool ownerOnly(const QString &path)
    {
        const auto p = QFile::permissions(path);
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeOther | QFileDevice::ExeOwner;
        return (p & others) == 0 && (p & QFileDevice::ReadOwner);
    }

private Q_SLOTS:
    void aSelfSignedCertificateIsMadeOnceAndKeptPrivate()
    {
        QTemporaryDir dir;
        QVERIFY(ServerCertificate::ensureSelfSigned(dir.path()));
        const QString cert = ServerCertificate::certPath(dir.path());
        const QString key = ServerCertificate::keyPath(dir.path());
        QVERIFY(ownerOnly(cert));
        QVERIFY(ownerOnly(key));
        const auto chain = QSslCertificate::fromPath(cert);
        QCOMPARE(chain.size(), 1);
        QVERIFY(chain.first().isSelfSigned());
        QVERIFY(chain.first().expiryDate() > QDateTime::currentDateTimeUtc().addYears(10));
        const QSslKey privateKey(read(key), QSsl::Ec);
        QVERIFY(!privateKey.isNull());
        QCOMPARE(privateKey.type(), QSsl::PrivateKey);

        // Made once: the next start keeps the same certificate, so pins stay valid.
        const QByteArray before = read(cert) + read(key);
        QVERIFY(ServerCertificate::ensureSelfSigned(dir.path()));
        QCOMPARE(read(cert) + read(key), before);
        const auto pin = ServerCertificate::pinOfFile(cert);
        QVERIFY(pin);
        QCOMPARE(pin.value().size(), linnet::protocol::kPinBytes);
    }

    void thePinIsTheSha256OfTheSubjectPublicKeyInfo()
    {
        // The same pin as `openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256`.
        QTemporaryDir dir;
        QVERIFY(ServerCertificate::ensureSelfSigned(dir.path()));
        QProcess pubkey;
        pubkey.start(QStringLiteral("openssl"),
                     {QStringLiteral("x509"), QStringLiteral("-in"),
                      ServerCertificate::certPath(dir.path()), QStringLiteral("-pubkey"),
                      QStringLiteral("-noout")});
        if (!pubkey.waitForStarted())
            QSKIP("the openssl command is not installed (tools/dev.sh installs it)");
        QVERIFY(pubkey.waitForFinished(30000));
        QProcess der;
        der.start(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-pubin"),
                                              QStringLiteral("-outform"), QStringLiteral("DER")});
        QVERIFY(der.waitForStarted());
        der.write(pubkey.readAllStandardOutput());
        der.closeWriteChannel();
        QVERIFY(der.waitForFinished(30000));
        const QByteArray spki = der.readAllStandardOutput();
        QVERIFY(spki.size() > 60);
        QCOMPARE(ServerCertificate::pinOfFile(ServerCertificate::certPath(dir.path())).value(),
                 linnet::protocol::pinOfPublicKey(spki));
    }

    void aHalfMadePairIsMadeAgain()
    {
        QTemporaryDir dir;
        QVERIFY(ServerCertificate::ensureSelfSigned(dir.path()));
        const QByteArray key = read(ServerCertificate::keyPath(dir.path()));
        QVERIFY(QFile::remove(ServerCertificate::certPath(dir.path())));
        QVERIFY(ServerCertificate::ensureSelfSigned(dir.path()));
        QVERIFY(read(ServerCertificate::keyPath(dir.path())) != key);
        // The new certificate is for the new key.
        QProcess check;
        check.start(QStringLiteral("openssl"),
                    {QStringLiteral("x509"), QStringLiteral("-in"),
                     ServerCertificate::certPath(dir.path()), QStringLiteral("-noout"),
                     QStringLiteral("-pubkey")});
        if (!check.waitForStarted())
            return;
        QVERIFY(check.waitForFinished(30000));
        QProcess fromKey;
        fromKey.start(QStringLiteral("openssl"),
                      {QStringLiteral("pkey"), QStringLiteral("-in"),
                       ServerCertificate::keyPath(dir.path()), QStringLiteral("-pubout")});
        QVERIFY(fromKey.waitForFinished(30000));
        QCOMPARE(check.readAllStandardOutput(), fromKey.readAllStandardOutput());
    }

    void whatCannotBeWrittenOrReadIsAClearError()
    {
        QTemporaryDir dir;
        // A file where the data dir should be: nothing can be written inside it.
        const QString notADir = dir.filePath(QStringLiteral("file"));
        QFile f(notADir);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const auto made = ServerCertificate::ensureSelfSigned(notADir);
        QVERIFY(!made);
        QVERIFY2(made.error().reason.contains(QStringLiteral("cannot write")),
                 qPrintable(made.error().reason));

        const auto pin = ServerCertificate::pinOfFile(notADir);
        QVERIFY(!pin);
        QVERIFY2(pin.error().reason.contains(QStringLiteral("cannot read a PEM certificate")),
                 qPrintable(pin.error().reason));
    }
};

QTEST_GUILESS_MAIN(TestServerCertificate)
#include "tst_servercertificate.moc"
