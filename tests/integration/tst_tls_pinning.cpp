// SPDX-License-Identifier: GPL-3.0-or-later
// TLS by default for a server without a CA certificate (issue 28): the server makes a
// self-signed certificate once, `invite create` prints a link with its pin, and the
// engine and linnet-cli trust exactly that certificate; any other is refused, nothing
// secret is sent to it. Plain ws:// keeps working where it is configured.
#include "E2eTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "TestCertificate.h"
#include "protocol/InviteLink.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("correct horse");

QStringList selfSigned()
{
    return {QStringLiteral("--registration"), QStringLiteral("invite"),
            QStringLiteral("--tls-self-signed")};
}

QByteArray certificatePin(const ServerProcess &server)
{
    const auto chain =
        QSslCertificate::fromPath(server.dataDir() + QStringLiteral("/tls-cert.pem"));
    return chain.isEmpty() ? QByteArray() : pinOfPublicKey(chain.first().publicKey().toDer());
}

/** `invite create --url` on @p server's data dir, parsed. */
std::optional<InviteLink> invite(const ServerProcess &server, const QStringList &extra = {})
{
    const auto r =
        server.admin(extra + QStringList{QStringLiteral("--tls-self-signed"),
                                         QStringLiteral("--url"), server.url().toString(),
                                         QStringLiteral("invite"), QStringLiteral("create")});
    const auto link = InviteLink::parse(QString::fromUtf8(r.out));
    if (r.exitCode != 0 || !link) {
        qWarning("invite create: %d %s %s", r.exitCode, r.out.constData(), r.err.constData());
        return std::nullopt;
    }
    return link.value();
}

} // namespace

class TestTlsPinning : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    int m_counter = 0;

    QString newDir() { return m_root.filePath(QStringLiteral("p%1").arg(++m_counter)); }

    /** A profile registered with @p link; null (with a warning) if that failed. */
    std::unique_ptr<Profile> join(const InviteLink &link, const QString &name)
    {
        auto p = std::make_unique<Profile>(newDir());
        if (!p->open())
            return nullptr;
        QSignalSpy ready(p->client.get(), &ChatClient::accountReady);
        QSignalSpy published(p->client.get(), &ChatClient::keysPublished);
        QSignalSpy failed(p->client.get(), &ChatClient::accountFailed);
        p->client->registerAccount(link.server, name, kPassword, link.code, link.pin);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000) ||
            !failed.isEmpty() || !QTest::qWaitFor([&] { return !published.isEmpty(); }, 30000)) {
            qWarning("%s could not join: %s", qPrintable(name),
                     failed.isEmpty() ? "timeout" : qPrintable(failed.first().at(1).toString()));
            return nullptr;
        }
        return p;
    }

    /** Registers with @p link and @p pin; the reason it failed, or empty if it did not. */
    QString refusalFor(const InviteLink &link, const QByteArray &pin, const QString &name)
    {
        Profile p(newDir());
        if (!p.open())
            return QStringLiteral("cannot open the profile");
        QSignalSpy ready(p.client.get(), &ChatClient::accountReady);
        QSignalSpy failed(p.client.get(), &ChatClient::accountFailed);
        p.client->registerAccount(link.server, name, kPassword, link.code, pin);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000))
            return QStringLiteral("no answer");
        return failed.isEmpty() ? QString() : failed.first().at(1).toString();
    }

    static bool accountExists(const ServerProcess &server, const QString &name)
    {
        const auto list = server.admin({QStringLiteral("account"), QStringLiteral("list")});
        return list.out.contains((name + QLatin1Char('\t')).toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
    }

    void theServerMakesItsCertificateOnceAndInvitesCarryItsPin()
    {
        ServerProcess server(selfSigned());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.url().scheme(), QStringLiteral("wss"));
        const QByteArray pin = certificatePin(server);
        QCOMPARE(pin.size(), kPinBytes);
        // The server says its pin when it starts (the app and admins read it there).
        const QByteArray pinLine =
            "TLS certificate pin (SHA-256 of its public key): " + pinToText(pin).toLatin1();
        QTRY_VERIFY_WITH_TIMEOUT(server.output().contains(pinLine), 10000);
        const auto link = invite(server);
        QVERIFY(link);
        QCOMPARE(link->server, server.url());
        QCOMPARE(link->pin, pin);
        QCOMPARE(link->code.size(), 19);

        // Made once: a restart serves the same certificate, so links stay good.
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(certificatePin(server), pin);
        QVERIFY(join(*link, QStringLiteral("ana")));

        // --no-pin leaves it out (a CA-signed certificate whose key changes at renewal).
        const auto r = server.admin({QStringLiteral("--tls-self-signed"), QStringLiteral("--url"),
                                     server.url().toString(), QStringLiteral("invite"),
                                     QStringLiteral("create"), QStringLiteral("--no-pin")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(InviteLink::parse(QString::fromUtf8(r.out)).value().pin.isEmpty());
        server.warnOutputIfTestFailed();
    }

    void pinnedClientsChatOverWssAndKeepThePinAcrossRestarts()
    {
        ServerProcess server(selfSigned());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto forAna = invite(server);
        const auto forBen = invite(server);
        QVERIFY(forAna && forBen);
        auto ana = join(*forAna, QStringLiteral("ana"));
        auto ben = join(*forBen, QStringLiteral("ben"));
        QVERIFY(ana && ben);
        QCOMPARE(ana->client->serverPin(), certificatePin(server));

        QSignalSpy arrived(ben->client.get(), &ChatClient::messageAdded);
        QVERIFY(!ana->client->sendText(QStringLiteral("ben"), QStringLiteral("over pinned tls"))
                     .isNull());
        QTRY_VERIFY_WITH_TIMEOUT(
            findText(ben->messages(QStringLiteral("ana")), QStringLiteral("over pinned tls")),
            30000);

        // A new run of the app: the stored pin is what it trusts.
        const QString path = ana->path;
        ana->close();
        Profile again(path);
        QVERIFY(again.open());
        QCOMPARE(again.client->serverPin(), QByteArray());
        QVERIFY(again.client->hasAccount());
        QCOMPARE(again.client->serverPin(), certificatePin(server));
        again.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(again.client->state(), ConnectionState::Online, 30000);
        QVERIFY(!again.client->sendText(QStringLiteral("ben"), QStringLiteral("after restart"))
                     .isNull());
        QTRY_VERIFY_WITH_TIMEOUT(
            findText(ben->messages(QStringLiteral("ana")), QStringLiteral("after restart")), 30000);
        server.warnOutputIfTestFailed();
    }

    void aCertificateWithAnotherKeyIsRefusedAndGetsNoPassword()
    {
        ServerProcess server(selfSigned());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto link = invite(server);
        QVERIFY(link);
        QByteArray wrong = link->pin;
        wrong[0] = char(wrong[0] ^ 1);
        const QString why = refusalFor(*link, wrong, QStringLiteral("eve"));
        QVERIFY2(why.contains(QStringLiteral("not the one this account trusts")), qPrintable(why));
        QVERIFY2(why.contains(pinToText(link->pin)) && why.contains(pinToText(wrong)),
                 qPrintable(why));
        QVERIFY(!accountExists(server, QStringLiteral("eve")));
        // The invite is still unused: the right pin gets through with it.
        QVERIFY(join(*link, QStringLiteral("eve")));
        QVERIFY(accountExists(server, QStringLiteral("eve")));
    }

    void withoutAPinTheSelfSignedCertificateIsNotTrusted()
    {
        ServerProcess server(selfSigned());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto link = invite(server);
        QVERIFY(link);
        const QString why = refusalFor(*link, {}, QStringLiteral("sam"));
        QVERIFY2(!why.isEmpty(), "a self-signed certificate was trusted without a pin");
        QVERIFY(!accountExists(server, QStringLiteral("sam")));
    }

    void aCertificateTheSystemTrustsIsRefusedWhenThePinDiffers()
    {
        // An impostor with a certificate from a CA the system trusts raises no TLS error:
        // the pin is checked once connected, before the first frame.
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const auto made = makeTestCertificate(cert, key);
        if (made == TestCertificateResult::NoOpenssl)
            QSKIP("the openssl command is not installed (tools/dev.sh installs it)");
        QCOMPARE(made, TestCertificateResult::Made);
        const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = before;
        trusting.addCaCertificates(QSslCertificate::fromPath(cert));
        QSslConfiguration::setDefaultConfiguration(trusting);
        auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(before); });

        ServerProcess server({QStringLiteral("--registration"), QStringLiteral("invite"),
                              QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"),
                              key});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto r =
            server.admin({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key,
                          QStringLiteral("--url"), server.url().toString(),
                          QStringLiteral("invite"), QStringLiteral("create")});
        const auto link = InviteLink::parse(QString::fromUtf8(r.out));
        QVERIFY2(link, r.err.constData());
        QCOMPARE(link.value().pin,
                 pinOfPublicKey(QSslCertificate::fromPath(cert).first().publicKey().toDer()));
        const QString why =
            refusalFor(link.value(), QByteArray(kPinBytes, '\x11'), QStringLiteral("mallory"));
        QVERIFY2(why.contains(QStringLiteral("not the one this account trusts")), qPrintable(why));
        QVERIFY(!accountExists(server, QStringLiteral("mallory")));
        // Without a pin the system's CAs decide; with the right one it works too.
        QVERIFY(join(link.value(), QStringLiteral("carol")));
    }

    void plainWsStillWorksWhereItIsConfigured()
    {
        ServerProcess server({QStringLiteral("--registration"), QStringLiteral("invite")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.url().scheme(), QStringLiteral("ws"));
        // Without TLS and without --url, invite create prints the code alone, as before.
        const auto code = server.admin({QStringLiteral("invite"), QStringLiteral("create")});
        QCOMPARE(code.exitCode, 0);
        QVERIFY(!InviteLink::looksLikeLink(QString::fromUtf8(code.out)));
        // With --url, a link without a pin.
        const auto r = server.admin({QStringLiteral("--url"), server.url().toString(),
                                     QStringLiteral("invite"), QStringLiteral("create")});
        const auto link = InviteLink::parse(QString::fromUtf8(r.out));
        QVERIFY2(link, r.err.constData());
        QVERIFY(link.value().pin.isEmpty());
        QVERIFY(join(link.value(), QStringLiteral("dan")));
        QVERIFY(join(InviteLink{server.url(), {}, QString::fromUtf8(code.out).trimmed()},
                     QStringLiteral("dora")));
    }

    void theCliJoinsWithTheLinkAndRefusesAnotherCertificate()
    {
        ServerProcess server(selfSigned());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto env = [] {
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("LINNET_PASSPHRASE"), QStringLiteral("cli tls passphrase"));
            return e;
        }();
        auto cli = [&](const QString &profile, const QStringList &args) {
            return runProcess(cliBinary(),
                              QStringList{QStringLiteral("--profile"), m_root.filePath(profile)} +
                                  args,
                              "correct horse\n", 60000, env);
        };
        const auto a = invite(server);
        const auto b = invite(server);
        QVERIFY(a && b);
        const auto ana =
            cli(QStringLiteral("cli-ana"),
                {QStringLiteral("register"), QStringLiteral("cliana"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--invite"), a->toString()});
        QVERIFY2(ana.exitCode == 0, ana.err.constData());
        const auto ben =
            cli(QStringLiteral("cli-ben"),
                {QStringLiteral("register"), QStringLiteral("cliben"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--invite"), b->toString()});
        QVERIFY2(ben.exitCode == 0, ben.err.constData());
        const auto sent =
            cli(QStringLiteral("cli-ana"),
                {QStringLiteral("send"), QStringLiteral("cliben"), QStringLiteral("pinned hello")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const auto got =
            cli(QStringLiteral("cli-ben"),
                {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("1"),
                 QStringLiteral("--timeout"), QStringLiteral("60")});
        QVERIFY2(got.exitCode == 0 && got.out.contains("pinned hello"), got.err.constData());

        // Attachments go over https to the same pinned certificate.
        QByteArray bytes(200 * 1024 + 3, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 31 + i / 257);
        const QString path = m_root.filePath(QStringLiteral("pinned.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        file.close();
        const auto sentFile =
            cli(QStringLiteral("cli-ana"),
                {QStringLiteral("send"), QStringLiteral("cliben"), QStringLiteral("--file"), path});
        QVERIFY2(sentFile.exitCode == 0, sentFile.err.constData());
        const QString downloads = m_root.filePath(QStringLiteral("cli-ben-files"));
        const auto gotFile =
            cli(QStringLiteral("cli-ben"),
                {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("1"),
                 QStringLiteral("--timeout"), QStringLiteral("60"),
                 QStringLiteral("--download-dir"), downloads});
        QVERIFY2(gotFile.exitCode == 0, gotFile.err.constData());
        QFile saved(downloads + QStringLiteral("/pinned.bin"));
        QVERIFY2(saved.open(QIODevice::ReadOnly), gotFile.out.constData());
        QVERIFY(saved.readAll() == bytes);

        // A login with another pin is refused, saying why; a malformed pin is a usage error.
        QByteArray wrong = a->pin;
        wrong[5] = char(wrong[5] ^ 0x40);
        const auto refused =
            cli(QStringLiteral("cli-ana2"),
                {QStringLiteral("--server"), server.url().toString(), QStringLiteral("login"),
                 QStringLiteral("cliana"), QStringLiteral("--password-stdin"),
                 QStringLiteral("--pin"), pinToText(wrong)});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("not the one this account trusts"), refused.err.constData());
        const auto malformed =
            cli(QStringLiteral("cli-ana3"),
                {QStringLiteral("--server"), server.url().toString(), QStringLiteral("login"),
                 QStringLiteral("cliana"), QStringLiteral("--password-stdin"),
                 QStringLiteral("--pin"), QStringLiteral("abc")});
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY2(malformed.err.contains("fingerprint"), malformed.err.constData());
        const auto badLink = cli(QStringLiteral("cli-ana4"),
                                 {QStringLiteral("register"), QStringLiteral("x1"),
                                  QStringLiteral("--password-stdin"), QStringLiteral("--invite"),
                                  QStringLiteral("linnet://invite?code=ABC")});
        QCOMPARE(badLink.exitCode, 2);
        QVERIFY2(badLink.err.contains("not a Linnet invite link"), badLink.err.constData());
        // The right pin from the link logs a second device in.
        const auto second =
            cli(QStringLiteral("cli-ana5"),
                {QStringLiteral("--server"), server.url().toString(), QStringLiteral("login"),
                 QStringLiteral("cliana"), QStringLiteral("--password-stdin"),
                 QStringLiteral("--pin"), pinToText(a->pin)});
        QVERIFY2(second.exitCode == 0 || second.err.contains("approve"), second.err.constData());
        server.warnOutputIfTestFailed();
    }
};

QTEST_GUILESS_MAIN(TestTlsPinning)
#include "tst_tls_pinning.moc"
