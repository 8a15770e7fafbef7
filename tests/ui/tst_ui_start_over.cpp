// SPDX-License-Identifier: GPL-3.0-or-later
// The set-up wizard's "Start over with this account" (issue 27) against the real server: a
// log-in to an account that has a device is refused with what to do; ticking the box starts
// over (the other device is removed) and the app opens as after any log-in. A device added
// to the account while the app was away is said above the chats.
#include "AppController.h"
#include "../integration/E2eTestSupport.h"
#include "../integration/HostileServerSupport.h"
#include "DeviceNoticeBanner.h"
#include "Profile.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "SetupWizard.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet;
using linnet::ui::AppController;
using linnet::ui::SetupWizard;

class TstUiStartOver : public QObject {
    Q_OBJECT

    test::ServerProcess m_server{test::ServerProcess::openRegistration()};
    QTemporaryDir m_dir;

    template <typename T> T *child(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    void typeInto(QWidget *parent, const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(parent, name);
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    void clickFinish(QWizard *wizard)
    {
        QAbstractButton *button = wizard->button(QWizard::FinishButton);
        QVERIFY(button);
        QTRY_VERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        qunsetenv("LINNET_THEME");
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
    }

    void aRefusedLogInSaysWhatToDoStartingOverOpensTheAppAndNewDevicesAreSaid()
    {
        // The account's device, somewhere else (its account key makes password log-ins 423).
        auto old = test::signIn(m_dir.filePath(QStringLiteral("old")), m_server.url(),
                                QStringLiteral("ana"), false);
        QVERIFY(old);

        AppController::Options o;
        o.profileDir = m_dir.filePath(QStringLiteral("profile"));
        o.settingsPath = m_dir.filePath(QStringLiteral("ui.ini"));
        o.serverBinary = test::serverBinary();
        o.serverDataDir = m_dir.filePath(QStringLiteral("server"));
        o.serverListen = QStringLiteral("127.0.0.1:0");
        AppController app(o);
        QVERIFY(app.start());
        SetupWizard *wizard = app.wizard();
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        typeInto(wizard, "serverUrl", m_server.url().toString());
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(SetupWizard::AccountPageId));

        // Only a log-in can start over.
        auto *startOver = child<QCheckBox>(wizard, "startOver");
        QVERIFY(startOver);
        QVERIFY(!startOver->isVisible());
        child<QRadioButton>(wizard, "login")->click();
        QVERIFY(startOver->isVisible());
        QVERIFY(!startOver->isChecked());
        typeInto(wizard, "username", QStringLiteral("ana"));
        typeInto(wizard, "password", QStringLiteral("correct horse"));

        auto &client = app.profile().client();
        QSignalSpy failed(&client, &client::ChatClient::accountFailed);
        clickFinish(wizard);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        auto *error = child<QLabel>(wizard, "errorLabel");
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("approve this device")),
                 qPrintable(error->text()));
        QVERIFY2(error->text().contains(QStringLiteral("Start over with this account")),
                 qPrintable(error->text()));
        QVERIFY(!client.hasAccount());
        QCOMPARE(old->client->state(), client::ConnectionState::Online);

        // Ticked: the account starts over here and the other device is removed.
        QSignalSpy ready(&client, &client::ChatClient::accountReady);
        startOver->click();
        clickFinish(wizard);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        QTRY_VERIFY(!app.wizard());
        QVERIFY(app.mainWindow());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), client::ConnectionState::Online, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(old->client->state(), client::ConnectionState::AuthFailed, 20000);
        ui::DeviceNoticeBanner *notice = app.mainWindow()->deviceNoticeBanner();
        QVERIFY(!notice->isVisible());

        // A device the account gains while the app is away is said when it is back.
        const qint64 ghost = test::injectDevice(
            QDir(m_server.dataDir()).filePath(QStringLiteral("linnet.db")), QStringLiteral("ana"));
        QVERIFY(ghost > 0);
        client.abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
        QVERIFY2(notice->text().startsWith(
                     QStringLiteral("A new device was linked to your account: ghost.")),
                 qPrintable(notice->text()));
        auto *close = child<QToolButton>(app.mainWindow(), "deviceNoticeClose");
        QVERIFY(close && close->isVisible());
        close->click();
        QVERIFY(!notice->isVisible());
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_MAIN(TstUiStartOver)
#include "tst_ui_start_over.moc"
