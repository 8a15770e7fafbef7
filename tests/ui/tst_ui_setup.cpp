// SPDX-License-Identifier: GPL-3.0-or-later
// The first-start path against the real server: the set-up wizard (register,
// wrong invite, hosting a server), the settings dialog and the translations.
#include "AppController.h"
#include "media/MediaClient.h"
#include "host/BundledServer.h"
#include "protocol/InviteLink.h"
#include "Profile.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "SettingsDialog.h"
#include "SetupWizard.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "Translations.h"
#include "UiSettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet;
using linnet::ui::AppController;
using linnet::ui::SetupWizard;

class TstUiSetup : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wrongInviteThenRegister();
    void settingsDialog();
    void hostServerOnThisComputer();
    void hostingOnAllInterfacesSharesThisComputersAddress();
    void anInviteLinkNamesTheServerAndPinsItsCertificate();
    void germanAndSpanish();
    void settingsTabsAreWholeInGerman();
    void theAutoDownloadLimitIsAppliedAtStart();
    void cleanupTestCase();

private:
    AppController::Options optionsIn(const QTemporaryDir &dir) const;
    template <typename T> T *child(QWidget *parent, const char *name);
    void clickButton(QWizard *wizard, QWizard::WizardButton which);
    void typeInto(QWidget *parent, const char *name, const QString &text);

    test::ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppController> m_app;
};

AppController::Options TstUiSetup::optionsIn(const QTemporaryDir &dir) const
{
    AppController::Options o;
    o.profileDir = dir.filePath(QStringLiteral("profile"));
    o.settingsPath = dir.filePath(QStringLiteral("ui.ini"));
    o.serverBinary = test::serverBinary();
    o.serverDataDir = dir.filePath(QStringLiteral("server"));
    o.serverListen = QStringLiteral("127.0.0.1:0");
    return o;
}

template <typename T> T *TstUiSetup::child(QWidget *parent, const char *name)
{
    auto *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

void TstUiSetup::clickButton(QWizard *wizard, QWizard::WizardButton which)
{
    QAbstractButton *button = wizard->button(which);
    QVERIFY(button);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

void TstUiSetup::typeInto(QWidget *parent, const char *name, const QString &text)
{
    auto *edit = child<QLineEdit>(parent, name);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TstUiSetup::initTestCase()
{
    test::initTestEnvironment();
    qunsetenv("LINNET_THEME");
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY(m_dir.isValid());
}

void TstUiSetup::wrongInviteThenRegister()
{
    const auto invite = m_server.admin({QStringLiteral("invite"), QStringLiteral("create")});
    QCOMPARE(invite.exitCode, 0);
    const QString code = QString::fromUtf8(invite.out).trimmed();
    QVERIFY(!code.isEmpty());

    m_app = std::make_unique<AppController>(optionsIn(m_dir));
    QVERIFY(m_app->start());
    QVERIFY(!m_app->profile().client().hasAccount());
    SetupWizard *wizard = m_app->wizard();
    QVERIFY(wizard);
    QVERIFY(QTest::qWaitForWindowExposed(wizard));
    QVERIFY(!m_app->mainWindow());

    // Page 1: the server's address.
    QCOMPARE(wizard->currentId(), int(SetupWizard::ServerPageId));
    typeInto(wizard, "serverUrl", m_server.url().toString());
    clickButton(wizard, QWizard::NextButton);
    QCOMPARE(wizard->currentId(), int(SetupWizard::AccountPageId));

    // Page 2: register, first with an invite the server never issued.
    auto *registerButton = child<QRadioButton>(wizard, "register");
    QVERIFY(registerButton && registerButton->isChecked());
    typeInto(wizard, "username", QStringLiteral("wizard.user"));
    typeInto(wizard, "password", QStringLiteral("correct horse"));
    typeInto(wizard, "password2", QStringLiteral("correct horse"));
    typeInto(wizard, "invite", QStringLiteral("not-an-invite"));
    QSignalSpy failed(&m_app->profile().client(), &client::ChatClient::accountFailed);
    clickButton(wizard, QWizard::FinishButton);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    auto *error = child<QLabel>(wizard, "errorLabel");
    QVERIFY(error);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("invite"), Qt::CaseInsensitive),
             qPrintable(error->text()));
    QVERIFY(wizard->isVisible());
    QVERIFY(!m_app->mainWindow());
    QVERIFY(!m_app->profile().client().hasAccount());

    // The real invite: Finish waits for accountReady and the chats appear.
    QSignalSpy ready(&m_app->profile().client(), &client::ChatClient::accountReady);
    typeInto(wizard, "invite", code);
    clickButton(wizard, QWizard::FinishButton);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 15000);
    QCOMPARE(ready.at(0).at(0).toString(), QStringLiteral("wizard.user"));
    QTRY_VERIFY(!m_app->wizard());
    QVERIFY(m_app->profile().client().hasAccount());
    QVERIFY(m_app->mainWindow());
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_COMPARE(m_app->profile().client().state(), client::ConnectionState::Online);
}

void TstUiSetup::settingsDialog()
{
    QVERIFY(m_app && m_app->mainWindow());
    auto &client = m_app->profile().client();
    Q_EMIT m_app->mainWindow()->settingsRequested();
    ui::SettingsDialog *dialog = m_app->settingsDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(child<QLineEdit>(dialog, "accountUsername")->text(), QStringLiteral("wizard.user"));
    QCOMPARE(child<QLineEdit>(dialog, "accountServer")->text(), m_server.url().toString());

    auto *receipts = child<QCheckBox>(dialog, "readReceipts");
    QVERIFY(receipts);
    QVERIFY(receipts->isChecked());
    QVERIFY(client.sendReadReceipts());
    receipts->click();
    QVERIFY(!receipts->isChecked());
    QVERIFY(!client.sendReadReceipts());

    auto *theme = child<QComboBox>(dialog, "themeCombo");
    QVERIFY(theme);
    theme->setCurrentIndex(theme->findData(int(ui::ThemeMode::Light)));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() >= 128);
    theme->setCurrentIndex(theme->findData(int(ui::ThemeMode::Dark)));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
    QCOMPARE(m_app->settings().theme(), ui::ThemeMode::Dark);
    theme->setCurrentIndex(theme->findData(int(ui::ThemeMode::Light)));

    auto *language = child<QComboBox>(dialog, "languageCombo");
    QVERIFY(language);
    language->setCurrentIndex(language->findData(QStringLiteral("es")));
    QCOMPARE(m_app->settings().language(), QStringLiteral("es"));
    language->setCurrentIndex(0);
    QCOMPARE(m_app->settings().language(), QString());
    dialog->close();
}

void TstUiSetup::hostServerOnThisComputer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppController app(optionsIn(dir));
    QVERIFY(app.start());
    SetupWizard *wizard = app.wizard();
    QVERIFY(wizard);
    QVERIFY(QTest::qWaitForWindowExposed(wizard));

    auto *host = child<QRadioButton>(wizard, "hostServer");
    QVERIFY(host);
    QTest::mouseClick(host, Qt::LeftButton, {}, QPoint(8, host->height() / 2));
    QVERIFY(host->isChecked());
    auto *shareInvite = child<QLineEdit>(wizard, "shareInvite");
    QVERIFY(shareInvite);
    QTRY_VERIFY_WITH_TIMEOUT(!shareInvite->text().isEmpty(), 20000);
    QVERIFY(app.bundledServer().isRunning());
    // TLS by default: what is shared is a link with the certificate's pin.
    QCOMPARE(app.bundledServer().url().scheme(), QStringLiteral("wss"));
    const auto shared = protocol::InviteLink::parse(shareInvite->text());
    QVERIFY2(shared, qPrintable(shareInvite->text()));
    QCOMPARE(shared.value().pin, app.bundledServer().pin());
    QCOMPARE(shared.value().pin.size(), protocol::kPinBytes);
    // Listening on loopback only (the test's choice): nothing to share, and it says so,
    // instead of handing out 127.0.0.1 as if others could use it.
    QVERIFY(child<QLineEdit>(wizard, "shareAddress")->text().isEmpty());
    QVERIFY(
        child<QLabel>(wizard, "hostStatus")->text().contains(QStringLiteral("only this computer")));

    clickButton(wizard, QWizard::NextButton);
    QCOMPARE(wizard->currentId(), int(SetupWizard::AccountPageId));
    const QString ownInvite = child<QLineEdit>(wizard, "invite")->text();
    QVERIFY(!ownInvite.isEmpty());
    QVERIFY(ownInvite != shareInvite->text()); // invites work once: the shared one stays free
    typeInto(wizard, "username", QStringLiteral("host.owner"));
    typeInto(wizard, "password", QStringLiteral("s3cret pass"));
    typeInto(wizard, "password2", QStringLiteral("s3cret pass"));
    clickButton(wizard, QWizard::FinishButton);
    QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() != nullptr, 15000);
    QVERIFY(app.profile().client().hasAccount());
    QCOMPARE(app.profile().client().serverUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(app.profile().client().serverUrl().port(), app.bundledServer().url().port());
    QCOMPARE(app.profile().client().serverUrl().scheme(), QStringLiteral("wss"));
    QCOMPARE(app.profile().client().serverPin(), app.bundledServer().pin());
    QVERIFY(app.settings().hostServer());
}

void TstUiSetup::anInviteLinkNamesTheServerAndPinsItsCertificate()
{
    test::ServerProcess server({QStringLiteral("--registration"), QStringLiteral("invite"),
                                QStringLiteral("--tls-self-signed")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const auto made =
        server.admin({QStringLiteral("--tls-self-signed"), QStringLiteral("--url"),
                      server.url().toString(), QStringLiteral("invite"), QStringLiteral("create")});
    const auto link = protocol::InviteLink::parse(QString::fromUtf8(made.out));
    QVERIFY2(link, made.err.constData());
    QVERIFY(!link.value().pin.isEmpty());

    QTemporaryDir dir;
    AppController app(optionsIn(dir));
    QVERIFY(app.start());
    SetupWizard *wizard = app.wizard();
    QVERIFY(wizard);
    // A link that is cut short cannot go on; the whole one can.
    typeInto(wizard, "serverUrl",
             QStringLiteral("linnet://invite?server=") + server.url().toString());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    typeInto(wizard, "serverUrl", link.value().toString());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    clickButton(wizard, QWizard::NextButton);
    QCOMPARE(wizard->currentId(), int(SetupWizard::AccountPageId));
    QCOMPARE(wizard->serverUrl(), server.url());
    QCOMPARE(child<QLineEdit>(wizard, "invite")->text(), link.value().code);
    typeInto(wizard, "username", QStringLiteral("linked.joiner"));
    typeInto(wizard, "password", QStringLiteral("s3cret pass"));
    typeInto(wizard, "password2", QStringLiteral("s3cret pass"));
    clickButton(wizard, QWizard::FinishButton);
    QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() != nullptr, 15000);
    QCOMPARE(app.profile().client().serverUrl(), server.url());
    QCOMPARE(app.profile().client().serverPin(), link.value().pin);
    QTRY_COMPARE(app.profile().client().state(), client::ConnectionState::Online);
    server.warnOutputIfTestFailed();
}

void TstUiSetup::hostingOnAllInterfacesSharesThisComputersAddress()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppController::Options options = optionsIn(dir);
    options.serverListen = QStringLiteral("0.0.0.0:0");
    AppController app(options);
    QVERIFY(app.start());
    SetupWizard *wizard = app.wizard();
    QVERIFY(wizard);
    auto *host = child<QRadioButton>(wizard, "hostServer");
    QTest::mouseClick(host, Qt::LeftButton, {}, QPoint(8, host->height() / 2));
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLineEdit>(wizard, "shareInvite")->text().isEmpty(), 20000);
    const auto shared =
        protocol::InviteLink::parse(child<QLineEdit>(wizard, "shareInvite")->text());
    QVERIFY(shared);
    // The server prints ws://127.0.0.1:PORT/v1/ws: this app uses it, others get a LAN address.
    QCOMPARE(app.bundledServer().url().host(), QStringLiteral("127.0.0.1"));
    const QList<QUrl> lan = app.bundledServer().shareableUrls();
    const QString shown = child<QLineEdit>(wizard, "shareAddress")->text();
    QVERIFY2(!shown.contains(QStringLiteral("127.0.0.1")), qPrintable(shown));
    if (lan.isEmpty()) {
        QVERIFY(shown.isEmpty());
        QVERIFY(child<QLabel>(wizard, "hostStatus")
                    ->text()
                    .contains(QStringLiteral("only this computer")));
    } else {
        QCOMPARE(shown, lan.first().toString());
        QCOMPARE(lan.first().port(), app.bundledServer().url().port());
        QCOMPARE(shared.value().server, lan.first()); // the link leads others there
    }
    // The account page still connects over loopback.
    clickButton(wizard, QWizard::NextButton);
    QCOMPARE(wizard->serverUrl().host(), QStringLiteral("127.0.0.1"));
}

void TstUiSetup::germanAndSpanish()
{
    QVERIFY(m_app);
    ui::Translations translations;
    auto titleIn = [this](const QString &language, ui::Translations &t) {
        if (!t.load(language))
            return QStringLiteral("<not loaded>");
        SetupWizard wizard(m_app->profile().client(), m_app->bundledServer(), m_app->settings());
        return wizard.windowTitle() + QLatin1Char('|') +
               wizard.button(QWizard::NextButton)->text() + QLatin1Char('|') +
               wizard.page(SetupWizard::ServerPageId)->title();
    };
    QCOMPARE(titleIn(QStringLiteral("de"), translations),
             QStringLiteral("Willkommen bei Linnet|&Weiter|Mit einem Server verbinden"));
    QCOMPARE(translations.current(), QStringLiteral("de"));
    QCOMPARE(titleIn(QStringLiteral("es"), translations),
             QStringLiteral("Bienvenido a Linnet|&Siguiente|Conectarse a un servidor"));
    QCOMPARE(titleIn(QStringLiteral("en"), translations),
             QStringLiteral("Welcome to Linnet|&Next|Connect to a server"));
    QVERIFY(!translations.load(QStringLiteral("xx")));
    // A core string, translated from the engine's own context.
    QVERIFY(translations.load(QStringLiteral("de")));
    QCOMPARE(ui::AccountPage::describeFailure(protocol::ErrorCode::UsernameTaken, {}),
             QStringLiteral("Dieser Benutzername ist schon vergeben. Bitte wähle einen anderen."));
    QVERIFY(translations.load(QStringLiteral("en")));
}

void TstUiSetup::settingsTabsAreWholeInGerman()
{
    QVERIFY(m_app);
    ui::Translations translations;
    QVERIFY(translations.load(QStringLiteral("de")));
    ui::SettingsDialog dialog(m_app->profile(), m_app->settings());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
    QVERIFY(tabs);
    QTabBar *bar = tabs->tabBar();
    for (int i = 0; i < bar->count(); ++i) {
        // The whole name fits its tab, and the tab fits the bar on screen ("Spr…" no more).
        const int needed = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
        QVERIFY2(bar->tabRect(i).width() >= needed, qPrintable(bar->tabText(i)));
        QVERIFY2(bar->tabRect(i).right() <= tabs->width(), qPrintable(bar->tabText(i)));
    }
    QCOMPARE(bar->tabText(bar->count() - 1), QStringLiteral("Sprache"));
    translations.load(QStringLiteral("en"));
}

void TstUiSetup::theAutoDownloadLimitIsAppliedAtStart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AppController::Options options = optionsIn(dir);
    {
        ui::UiSettings settings(options.settingsPath);
        settings.setAutoDownloadMegabytes(5);
        settings.sync();
    }
    AppController app(options);
    QVERIFY(app.start());
    QCOMPARE(app.profile().client().media().autoDownloadLimit(), qint64(5'000'000));
    delete app.wizard();
}

void TstUiSetup::cleanupTestCase()
{
    m_app.reset();
    m_server.stop();
}

QTEST_MAIN(TstUiSetup)
#include "tst_ui_setup.moc"
