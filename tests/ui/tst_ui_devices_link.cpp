// SPDX-License-Identifier: GPL-3.0-or-later
// Linking from the app (issue 27) against the real server: a new computer chooses "Link
// this computer to an account I already use" in the set-up wizard and shows a code and
// its QR code; on ana's desktop Settings → Devices → "Link a device" takes the code,
// shows the new device's name and fingerprint, links it with the chat history and
// follows the upload to its end; the new computer finishes the wizard as after a login
// and has the history. A wrong code, an expired one and being offline are said.
#include "SetupWizard.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "crypto/DeviceLink.h"
#include "devices/DeviceRow.h"
#include "devices/DevicesPage.h"
#include "devices/LinkDeviceDialog.h"
#include "devices/NewDeviceLinkPage.h"
#include "devices/QrCodeView.h"
#include "host/BundledServer.h"
#include "store/LocalStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QtTest>

using namespace linnet;
using namespace linnet::test;
using client::ConnectionState;
using ui::LinkDeviceDialog;
using ui::SetupWizard;

namespace {
constexpr int kTimeout = 60000;

template <typename T> T *child(QWidget *parent, const char *name)
{
    auto *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

bool hasText(const QList<client::ChatMessage> &messages, const QString &text)
{
    return std::any_of(messages.cbegin(), messages.cend(),
                       [&](const client::ChatMessage &m) { return m.text == text; });
}

/** A computer where Linnet starts for the first time: a profile without an account, its
 *  set-up wizard shown. */
struct NewComputer {
    NewComputer(const QString &dir, const QString &deviceName)
    {
        QDir().mkpath(dir);
        auto secrets = client::PassphraseSecretStore::open(dir + QStringLiteral("/secrets.bin"),
                                                           QByteArrayLiteral("ui test passphrase"));
        if (!secrets)
            return;
        profile = std::make_unique<client::Profile>(dir, std::move(secrets).value(),
                                                    uiTestOptions(deviceName));
        if (!profile->open()) {
            profile.reset();
            return;
        }
        settings = std::make_unique<ui::UiSettings>(dir + QStringLiteral("/ui.ini"));
        client::BundledServer::Options o;
        o.binary = serverBinary();
        o.dataDir = dir + QStringLiteral("/bundled");
        bundled = std::make_unique<client::BundledServer>(o);
        wizard = std::make_unique<SetupWizard>(profile->client(), *bundled, *settings);
        wizard->show();
    }
    std::unique_ptr<client::Profile> profile;
    std::unique_ptr<ui::UiSettings> settings;
    std::unique_ptr<client::BundledServer> bundled;
    std::unique_ptr<SetupWizard> wizard;
};

void clickWizard(QWizard *wizard, QWizard::WizardButton which)
{
    QAbstractButton *button = wizard->button(which);
    QVERIFY(button);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

/** Goes through the wizard to the link page and asks for a code for @p username. */
void askForACode(NewComputer &computer, const QUrl &server, const QString &username)
{
    SetupWizard *wizard = computer.wizard.get();
    QVERIFY(QTest::qWaitForWindowExposed(wizard));
    auto *url = child<QLineEdit>(wizard, "serverUrl");
    QVERIFY(url);
    url->setText(server.toString());
    clickWizard(wizard, QWizard::NextButton);
    QCOMPARE(wizard->currentId(), int(SetupWizard::AccountPageId));
    auto *link = child<QRadioButton>(wizard, "link");
    QVERIFY(link);
    QTest::mouseClick(link, Qt::LeftButton);
    QVERIFY(link->isChecked());
    clickWizard(wizard, QWizard::NextButton); // the account page asks for nothing now
    QCOMPARE(wizard->currentId(), int(SetupWizard::LinkPageId));
    auto *user = child<QLineEdit>(wizard, "linkUsername");
    auto *name = child<QLineEdit>(wizard, "linkDeviceNameEdit");
    QVERIFY(user && name);
    QVERIFY(!name->text().isEmpty()); // this computer's name is offered
    QTest::keyClicks(user, username);
    name->setText(QStringLiteral("Laptop"));
    clickWizard(wizard, QWizard::FinishButton);
}

/** The link page of @p computer's wizard. */
ui::NewDeviceLinkPage *linkPage(NewComputer &computer)
{
    return qobject_cast<ui::NewDeviceLinkPage *>(computer.wizard->page(SetupWizard::LinkPageId));
}
} // namespace

class TestUiDevicesLink : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<client::Profile> m_ana;
    std::unique_ptr<client::Profile> m_ben;
    QString m_anaName = QStringLiteral("ana.link");
    QString m_benName = QStringLiteral("ben.link");

    /** The "Link a device" dialog opened from a Devices page of ana's. */
    LinkDeviceDialog *openLinkDialog(ui::DevicesPage &page)
    {
        page.show();
        auto *button = child<QPushButton>(&page, "linkDevice");
        if (!button)
            return nullptr;
        button->click();
        return page.findChild<LinkDeviceDialog *>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_ana = m_ui.session(m_anaName, QStringLiteral("ana"));
        m_ben = m_ui.session(m_benName, QStringLiteral("ben"));
        QVERIFY(m_ana && m_ben);
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->client().state(), ConnectionState::Online, kTimeout);
        // Some history to send.
        m_ben->client().sendText(m_anaName, QStringLiteral("before the laptop 1"));
        m_ana->client().sendText(m_benName, QStringLiteral("before the laptop 2"));
        QTRY_VERIFY_WITH_TIMEOUT(hasText(m_ana->store().messages(m_benName, 100, 0),
                                         QStringLiteral("before the laptop 1")),
                                 kTimeout);
    }

    void cleanup() { m_ui.server().warnOutputIfTestFailed(); }

    void cleanupTestCase()
    {
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void aNewComputerShowsACodeAnOldOneLinksItWithTheHistory()
    {
        NewComputer laptop(m_ui.filePath(QStringLiteral("laptop")), QStringLiteral("laptop"));
        QVERIFY(laptop.wizard);
        askForACode(laptop, m_ui.server().url(), m_anaName);
        ui::NewDeviceLinkPage *page = linkPage(laptop);
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->code().isEmpty(), kTimeout);
        const QString code = page->code();
        QVERIFY(crypto::parseLinkCode(code).has_value());
        auto *codeLabel = child<QLabel>(laptop.wizard.get(), "linkCode");
        QVERIFY(codeLabel && codeLabel->isVisible());
        QVERIFY(codeLabel->font().pointSizeF() > laptop.wizard->font().pointSizeF());

        // The QR code: whole modules, white quiet zone of four, the finder's dark corner.
        auto *qr = laptop.wizard->findChild<ui::QrCodeView *>();
        QVERIFY(qr && qr->isVisible());
        QVERIFY(qr->modulesAcross() >= 21 + 2 * ui::QrCodeView::kQuietZone);
        const int module = qr->moduleSize();
        QVERIFY(module >= 2);
        const QImage image = qr->grab().toImage();
        const QPoint at = qr->origin();
        const int ratio = int(qr->devicePixelRatioF());
        const auto pixel = [&](int x, int y) { return image.pixelColor(x * ratio, y * ratio); };
        QCOMPARE(pixel(at.x() - 2 * module, at.y() - 2 * module), QColor(Qt::white));
        QCOMPARE(pixel(at.x() + module / 2, at.y() + module / 2), QColor(Qt::black));
        QVERIFY(saveScreenshot(laptop.wizard.get(), QStringLiteral("link-new-device.png")));

        // On ana's desktop: the code, the new device's name and fingerprint, Link.
        ui::DevicesPage devices(m_ana->client());
        LinkDeviceDialog *dialog = openLinkDialog(devices);
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "linkCodeEdit"), code.toLower());
        child<QPushButton>(dialog, "fetchLink")->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), LinkDeviceDialog::Step::Confirm, kTimeout);
        QVERIFY(dialog->message().contains(QStringLiteral("Laptop")));
        // The new device's fingerprint, as it shows it itself.
        const QString fingerprint = child<QLabel>(dialog, "linkFingerprint")->text();
        QCOMPARE(fingerprint.simplified(), laptop.profile->client().deviceFingerprint());
        QVERIFY(child<QLabel>(laptop.wizard.get(), "ownFingerprint")
                    ->text()
                    .contains(ui::DeviceRow::formatFingerprint(
                        laptop.profile->client().deviceFingerprint())));
        auto *history = child<QCheckBox>(dialog, "sendHistory");
        QVERIFY(history && history->isChecked());
        QVERIFY(saveScreenshot(dialog, QStringLiteral("link-approve.png")));
        QSignalSpy linked(dialog, &LinkDeviceDialog::linked);
        child<QPushButton>(dialog, "approveLink")->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), LinkDeviceDialog::Step::Done, kTimeout);
        QCOMPARE(linked.size(), 1);
        const qint64 device = linked.first().at(0).toLongLong();
        QCOMPARE(child<QProgressBar>(dialog, "linkProgress")->value(), 100);
        QVERIFY2(dialog->message().contains(QStringLiteral("history was sent")),
                 qPrintable(dialog->message()));

        // The new computer: signed in as after a login, the history arrives.
        QSignalSpy ready(laptop.wizard.get(), &SetupWizard::accountReady);
        QTRY_VERIFY_WITH_TIMEOUT(!laptop.wizard->isVisible(), kTimeout);
        QCOMPARE(laptop.wizard->result(), int(QDialog::Accepted));
        QCOMPARE(laptop.profile->client().username(), m_anaName);
        QCOMPARE(laptop.profile->client().deviceId(), device);
        QTRY_VERIFY_WITH_TIMEOUT(hasText(laptop.profile->store().messages(m_benName, 100, 0),
                                         QStringLiteral("before the laptop 2")),
                                 kTimeout);
        // Ana's list shows it, approved, under its name.
        QTRY_VERIFY_WITH_TIMEOUT(devices.row(device), kTimeout);
        QCOMPARE(devices.row(device)->device().name, QStringLiteral("Laptop"));
        QVERIFY(devices.row(device)->device().approved);
    }

    void aWrongCodeIsSaidAndNothingIsLinked()
    {
        ui::DevicesPage devices(m_ana->client());
        LinkDeviceDialog *dialog = openLinkDialog(devices);
        QVERIFY(dialog);
        auto *edit = child<QLineEdit>(dialog, "linkCodeEdit");
        auto *fetch = child<QPushButton>(dialog, "fetchLink");
        fetch->click(); // nothing typed
        QVERIFY(dialog->message().contains(QStringLiteral("Type the code")));

        // Well formed, but no device waits under it: 424.
        QTest::keyClicks(edit, crypto::formatLinkCode(crypto::newLinkSecret()));
        fetch->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->message().contains(QStringLiteral("No new device")),
                                 kTimeout);
        QCOMPARE(dialog->step(), LinkDeviceDialog::Step::Code);
        QVERIFY(fetch->isEnabled()); // the user may correct it and try again
    }

    void offlineTheDialogSaysSoAndSendsNothing()
    {
        ui::DevicesPage devices(m_ana->client());
        LinkDeviceDialog *dialog = openLinkDialog(devices);
        QVERIFY(dialog);
        m_ana->client().stop();
        QTRY_VERIFY(m_ana->client().state() != ConnectionState::Online);
        QTest::keyClicks(child<QLineEdit>(dialog, "linkCodeEdit"),
                         crypto::formatLinkCode(crypto::newLinkSecret()));
        child<QPushButton>(dialog, "fetchLink")->click();
        QVERIFY(dialog->message().contains(QStringLiteral("offline")));
        QCOMPARE(dialog->step(), LinkDeviceDialog::Step::Code);
        m_ana->client().start();
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->client().state(), ConnectionState::Online, kTimeout);
    }

    void aLinkWithoutHistoryIsDoneAtOnce()
    {
        NewComputer desk(m_ui.filePath(QStringLiteral("desk")), QStringLiteral("desk"));
        QVERIFY(desk.wizard);
        askForACode(desk, m_ui.server().url(), m_anaName);
        QTRY_VERIFY_WITH_TIMEOUT(!linkPage(desk)->code().isEmpty(), kTimeout);
        ui::DevicesPage devices(m_ana->client());
        LinkDeviceDialog *dialog = openLinkDialog(devices);
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "linkCodeEdit"), linkPage(desk)->code());
        child<QPushButton>(dialog, "fetchLink")->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), LinkDeviceDialog::Step::Confirm, kTimeout);
        child<QCheckBox>(dialog, "sendHistory")->setChecked(false);
        child<QPushButton>(dialog, "approveLink")->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), LinkDeviceDialog::Step::Done, kTimeout);
        QVERIFY(dialog->message().contains(QStringLiteral("history stays on this device")));
        QTRY_VERIFY_WITH_TIMEOUT(!desk.wizard->isVisible(), kTimeout);
        QCOMPARE(desk.profile->client().username(), m_anaName);
    }

    void anExpiredCodeIsSaidOnTheNewComputerAndANewOneCanBeAsked()
    {
        // A server whose link codes last ten seconds (its shortest).
        ServerProcess quick(ServerProcess::openRegistration(), "link_timeout_seconds = 10\n");
        QVERIFY2(quick.start(), qPrintable(quick.errorString()));
        auto carol = registeredSession(m_ui.filePath(QStringLiteral("carol")), quick.url(),
                                       QStringLiteral("carol.link"));
        QVERIFY(carol);
        NewComputer late(m_ui.filePath(QStringLiteral("late")), QStringLiteral("late"));
        QVERIFY(late.wizard);
        askForACode(late, quick.url(), QStringLiteral("carol.link"));
        auto *error = child<QLabel>(linkPage(late), "errorLabel"); // the link page's own
        QTRY_VERIFY_WITH_TIMEOUT(
            error->isVisible() && error->text().contains(QStringLiteral("expired")), kTimeout);
        QVERIFY(linkPage(late)->code().isEmpty()); // the old code is gone
        QVERIFY(late.wizard->isVisible());
        QVERIFY(late.wizard->button(QWizard::FinishButton)->isEnabled()); // ask again
        carol.reset();
        quick.stop();
    }
};

QTEST_MAIN(TestUiDevicesLink)
#include "tst_ui_devices_link.moc"
