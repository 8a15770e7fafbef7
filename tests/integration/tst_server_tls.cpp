// SPDX-License-Identifier: GPL-3.0-or-later
// The server's own TLS listener: wss:// with a certificate made for the test.
#include "HttpTestClient.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestCertificate.h"

#include <QSslCertificate>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerTls : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;

    QSslConfiguration trusting() const
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_cert));
        return tls;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        const auto made = makeTestCertificate(m_cert, m_key);
        if (made == TestCertificateResult::NoOpenssl)
            QSKIP("the openssl command is not installed (tools/dev.sh installs it)");
        QCOMPARE(made, TestCertificateResult::Made);
    }

    void chatOverWss()
    {
        ServerProcess server({QStringLiteral("--registration"), QStringLiteral("open"),
                              QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"),
                              m_key});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.url().scheme(), QStringLiteral("wss"));

        RawClient alice, bob;
        alice.setSslConfiguration(trusting());
        bob.setSslConfiguration(trusting());
        QVERIFY(alice.connectTo(server.url()));
        QVERIFY(bob.connectTo(server.url()));
        QVERIFY(alice.registerUser(QStringLiteral("alice"), QStringLiteral("correct horse")));
        QVERIFY(bob.registerUser(QStringLiteral("bob"), QStringLiteral("correct horse")));
        const auto ack = alice.sendMessage(QStringLiteral("bob"), QByteArrayLiteral("over tls"));
        QVERIFY(ack);
        const auto d = bob.waitFor<Deliver>();
        QVERIFY(d);
        QCOMPARE(d->body, QByteArrayLiteral("over tls"));

        // A client that does not trust the certificate does not get through.
        RawClient stranger;
        QVERIFY(!stranger.connectTo(server.url(), 5000));
        // Nor does plain ws:// on the TLS port.
        QUrl plain = server.url();
        plain.setScheme(QStringLiteral("ws"));
        RawClient cleartext;
        QVERIFY(!cleartext.connectTo(plain, 5000));
    }

    void mediaGoesOverHttpsOnTheSamePort()
    {
        ServerProcess server({QStringLiteral("--registration"), QStringLiteral("open"),
                              QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"),
                              m_key});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RawClient alice, bob;
        alice.setSslConfiguration(trusting());
        bob.setSslConfiguration(trusting());
        QVERIFY(alice.connectTo(server.url()));
        QVERIFY(bob.connectTo(server.url()));
        QVERIFY(alice.registerUser(QStringLiteral("alice"), QStringLiteral("correct horse")));
        QVERIFY(bob.registerUser(QStringLiteral("bob"), QStringLiteral("correct horse")));
        QByteArray bytes(600 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7 + i / 251);
        const auto upload = alice.reserveUpload(quint64(bytes.size()));
        QVERIFY(upload);
        HttpTestClient https(server.url());
        https.setSslConfiguration(trusting());
        const auto put = https.request("PUT", HttpTestClient::pathOf(upload->blob),
                                       {{"Authorization", HttpTestClient::bearer(upload->ticket)},
                                        {"Content-Length", QByteArray::number(bytes.size())}},
                                       bytes);
        QCOMPARE(put.status, 201);
        SendRequest send = alice.makeSend(QStringLiteral("bob"), "a file", MessageId::generate());
        send.media = {upload->blob};
        alice.send(send);
        QVERIFY(alice.replyTo<SendAck>(send.requestId));
        const auto download = bob.requestDownload(upload->blob);
        QVERIFY(download);
        const auto got =
            https.request("GET", HttpTestClient::pathOf(upload->blob),
                          {{"Authorization", HttpTestClient::bearer(download->ticket)}});
        QCOMPARE(got.status, 200);
        QVERIFY(got.body == bytes);
    }

    void unreadableKeyIsAClearError()
    {
        ServerProcess server({QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"),
                              m_dir.filePath(QStringLiteral("missing.pem"))});
        QVERIFY(!server.start());
        QVERIFY2(server.output().contains("cannot read the TLS key"), server.output().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
