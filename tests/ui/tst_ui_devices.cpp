// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Devices (issue 27) against the real server: ana's desktop lists her two
// devices with their fingerprints, marks one her account key did not approve, renames
// one (bad names explained in the dialog) and revokes the other after saying what that
// does; the revoked device is told 421 at once. A history transfer between the two shows
// its progress above the chats on both. Failures are said, nothing changes
// silently.
#include "SettingsDialog.h"
#include "TestBase.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "devices/DeviceNameDialog.h"
#include "devices/DeviceRow.h"
#include "devices/HistoryProgressBar.h"
#include "devices/DevicesPage.h"
#include "e2e/OwnKeys.h"
#include "store/LocalStore.h"

#include "../integration/HostileServerSupport.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

using namespace linnet;
using namespace linnet::test;
using client::ConnectionState;
using protocol::ErrorCode;
using ui::DeviceRow;
using ui::DevicesPage;

namespace {
constexpr int kTimeout = 30000;

bool hasText(const QList<client::ChatMessage> &messages, const QString &text)
{
    return std::any_of(messages.cbegin(), messages.cend(),
                       [&](const client::ChatMessage &m) { return m.text == text; });
}

QString labelText(const QWidget *row, const char *name)
{
    const auto *label = row->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

/** A second device of @p username in @p dir named @p deviceName, approved by the profile
 *  whose secrets are in @p approvedByDir (it gets the account key, as linking gives it). */
std::unique_ptr<client::Profile> approvedDevice(const QString &dir, const QString &approvedByDir,
                                                const QUrl &server, const QString &username,
                                                const QString &deviceName)
{
    const QByteArray passphrase("ui test passphrase");
    auto from = client::PassphraseSecretStore::open(approvedByDir + QStringLiteral("/secrets.bin"),
                                                    passphrase);
    QDir().mkpath(dir);
    auto to = client::PassphraseSecretStore::open(dir + QStringLiteral("/secrets.bin"), passphrase);
    if (!from || !to || !client::OwnKeys::copyAccountKey(*from.value(), *to.value()))
        return nullptr;
    auto session =
        std::make_unique<client::Profile>(dir, std::move(to).value(), uiTestOptions(deviceName));
    if (!session->open())
        return nullptr;
    QSignalSpy ready(&session->client(), &client::ChatClient::accountReady);
    session->client().login(server, username, QStringLiteral("correct horse"));
    return ready.wait(kTimeout) ? std::move(session) : nullptr;
}

/** The page of a settings dialog, after it asked for the list and got it. */
DevicesPage *devicesTab(ui::SettingsDialog &dialog)
{
    auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
    auto *page = dialog.findChild<DevicesPage *>();
    if (!tabs || !page)
        return nullptr;
    tabs->setCurrentWidget(page);
    return page;
}
} // namespace

class TestUiDevices : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<client::Profile> m_ana;
    std::unique_ptr<client::Profile> m_laptop;
    std::unique_ptr<client::Profile> m_ben;
    QString m_name = QStringLiteral("ana.devices");
    std::unique_ptr<ui::UiSettings> m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_ana = m_ui.session(m_name, QStringLiteral("ana"));
        QVERIFY(m_ana);
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->client().state(), ConnectionState::Online, kTimeout);
        m_laptop = approvedDevice(m_ui.filePath(QStringLiteral("laptop")),
                                  m_ui.filePath(QStringLiteral("ana")), m_ui.server().url(), m_name,
                                  QStringLiteral("Laptop"));
        QVERIFY(m_laptop);
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->client().state(), ConnectionState::Online, kTimeout);
        // Ana's engine has the list the server sent after the laptop uploaded its keys.
        const auto laptopListed = [this] {
            const QList<client::OwnDevice> listed = m_ana->client().devices().devices();
            return std::any_of(listed.cbegin(), listed.cend(), [&](const client::OwnDevice &d) {
                return d.id == m_laptop->client().deviceId() && !d.fingerprint.isEmpty();
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(laptopListed(), kTimeout);
        m_ben = m_ui.session(QStringLiteral("ben.devices"), QStringLiteral("ben"));
        QVERIFY(m_ben);
        m_settings = std::make_unique<ui::UiSettings>(m_ui.filePath(QStringLiteral("ui.ini")));
    }

    void cleanup() { m_ui.server().warnOutputIfTestFailed(); }

    void cleanupTestCase()
    {
        m_laptop.reset();
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void theListShowsBothDevicesWithTheirFingerprintsAndWhichIsThisOne()
    {
        ui::SettingsDialog dialog(*m_ana, *m_settings);
        dialog.show();
        DevicesPage *page = devicesTab(dialog);
        QVERIFY(page);
        const qint64 self = m_ana->client().deviceId(), laptop = m_laptop->client().deviceId();
        QTRY_VERIFY_WITH_TIMEOUT(page->row(self) && page->row(laptop), kTimeout);

        DeviceRow *mine = page->row(self), *other = page->row(laptop);
        QCOMPARE(labelText(other, "deviceName"), QStringLiteral("Laptop"));
        QVERIFY(mine->findChild<QLabel *>(QStringLiteral("thisDevice")));
        QVERIFY(!other->findChild<QLabel *>(QStringLiteral("thisDevice")));
        // This device cannot be revoked from here; the other one can.
        QVERIFY(!mine->findChild<QPushButton *>(QStringLiteral("revokeDevice")));
        QVERIFY(other->findChild<QPushButton *>(QStringLiteral("revokeDevice")));
        QVERIFY(labelText(other, "deviceTimes").contains(QStringLiteral("Linked")));

        // The fingerprints as the engine computes them, in groups of four over two lines,
        // and both devices approved: no mark.
        for (DeviceRow *row : {mine, other}) {
            const QString shown = labelText(row, "deviceFingerprint");
            QCOMPARE(shown.simplified(), row->device().fingerprint);
            QCOMPARE(shown.count(u'\n'), 1);
            QVERIFY(row->device().approved);
            QVERIFY(!row->findChild<QLabel *>(QStringLiteral("notApproved")));
        }
        QVERIFY(mine->device().fingerprint != other->device().fingerprint);
        QVERIFY(page->statusText().isEmpty());
        QTRY_VERIFY(mine->isVisible() && other->isVisible());
        QVERIFY(saveScreenshot(&dialog, QStringLiteral("settings-devices.png")));
    }

    void aDeviceTheAccountKeyDidNotApproveIsClearlyMarked()
    {
        // As a hostile server would: a device written into the server's database.
        const qint64 ghost = injectDevice(
            QDir(m_ui.server().dataDir()).filePath(QStringLiteral("linnet.db")), m_name);
        QVERIFY(ghost > 0);
        DevicesPage page(m_ana->client());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.row(ghost), kTimeout);
        const QString mark = labelText(page.row(ghost), "notApproved");
        QVERIFY2(mark.contains(QStringLiteral("Not approved by your account key")),
                 qPrintable(mark));
        QVERIFY(mark.contains(QStringLiteral("nothing is encrypted to it")));
        QVERIFY(!page.row(m_ana->client().deviceId())
                     ->findChild<QLabel *>(QStringLiteral("notApproved")));

        // Removed again behind the server's back (in its database, so that no new list is
        // sent), so that the other tests see two devices: ana's page still shows the ghost,
        // renaming it is refused (419), said, and the list comes again without it.
        {
            SqlConnection db(QDir(m_ui.server().dataDir()).filePath(QStringLiteral("linnet.db")));
            QSqlQuery q(db.db());
            q.prepare(QStringLiteral("UPDATE devices SET revoked_at = 1 WHERE id = :id"));
            q.bindValue(QStringLiteral(":id"), ghost);
            QVERIFY(q.exec());
        }
        auto *rename = page.row(ghost)->findChild<QPushButton *>(QStringLiteral("renameDevice"));
        QVERIFY(rename);
        rename->click();
        auto *dialog = page.findChild<ui::DeviceNameDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("deviceNameEdit"))
            ->setText(QStringLiteral("mine now"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(
            page.statusText().contains(QStringLiteral("no longer on your account")), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!page.row(ghost), kTimeout);
        QVERIFY(page.row(m_laptop->client().deviceId()));
    }

    void aRenameExplainsABadNameInlineAndShowsUpOnBothDevices()
    {
        DevicesPage page(m_ana->client());
        page.show();
        const qint64 laptop = m_laptop->client().deviceId();
        QTRY_VERIFY_WITH_TIMEOUT(page.row(laptop), kTimeout);
        page.row(laptop)->findChild<QPushButton *>(QStringLiteral("renameDevice"))->click();
        auto *dialog = page.findChild<ui::DeviceNameDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("deviceNameEdit"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("deviceNameProblem"));
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(edit && problem && ok);
        QCOMPARE(edit->text(), QStringLiteral("Laptop"));
        QVERIFY(ok->isEnabled());
        QVERIFY(problem->isHidden());

        edit->clear();
        QCOMPARE(problem->text(), client::DeviceListController::nameProblem({}));
        QVERIFY(problem->isVisible());
        QVERIFY(!ok->isEnabled());
        edit->setText(QString(65, u'x'));
        QCOMPARE(problem->text(), client::DeviceListController::nameProblem(QString(65, u'x')));
        QVERIFY(!ok->isEnabled());

        const QString kitchen = QStringLiteral("Kitchen laptop ✓");
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("Kitchen laptop"));
        edit->insert(QStringLiteral(" ✓")); // keyClicks takes Latin-1 only
        QVERIFY(problem->isHidden());
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page.row(laptop), "deviceName"), kitchen, kTimeout);
        QVERIFY(page.statusText().contains(QStringLiteral("Renamed")));

        // The laptop's own page shows its new name, as this device.
        DevicesPage onLaptop(m_laptop->client());
        onLaptop.show();
        QTRY_VERIFY_WITH_TIMEOUT(onLaptop.row(laptop) &&
                                     labelText(onLaptop.row(laptop), "deviceName") == kitchen,
                                 kTimeout);
        QVERIFY(onLaptop.row(laptop)->findChild<QLabel *>(QStringLiteral("thisDevice")));
    }

    void offlineNothingIsSentAndThePageSaysSo()
    {
        DevicesPage page(m_ana->client());
        page.show();
        const qint64 laptop = m_laptop->client().deviceId();
        QTRY_VERIFY_WITH_TIMEOUT(page.row(laptop), kTimeout);
        const QString name = page.row(laptop)->device().name;
        m_ana->client().stop();
        QTRY_VERIFY(m_ana->client().state() != ConnectionState::Online);

        page.row(laptop)->findChild<QPushButton *>(QStringLiteral("revokeDevice"))->click();
        auto *box = page.findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"));
        QVERIFY(box);
        box->findChild<QPushButton *>(QStringLiteral("confirmRevoke"))->click();
        QVERIFY2(page.statusText().contains(QStringLiteral("offline")),
                 qPrintable(page.statusText()));
        QCOMPARE(page.row(laptop)->device().name, name);

        // Back online, the list comes again by itself and the laptop is still on it.
        QSignalSpy listed(&m_ana->client().devices(), &client::DeviceListController::listChanged);
        m_ana->client().start();
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->client().state(), ConnectionState::Online, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), kTimeout);
        QVERIFY(page.row(laptop));
        QCOMPARE(m_laptop->client().state(), ConnectionState::Online);
    }

    void aHistoryTransferShowsItsProgressOnBothDevices()
    {
        const QString ben = m_ben->client().username(), text = QStringLiteral("kept for later");
        m_ana->client().sendText(ben, text);
        QTRY_VERIFY_WITH_TIMEOUT(hasText(m_ben->store().messages(m_name, 100, 0), text), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(hasText(m_laptop->store().messages(ben, 100, 0), text), kTimeout);
        // The laptop forgets that chat, so that the history brings it back.
        QVERIFY(m_laptop->client().clearHistory(ben));
        QVERIFY(!hasText(m_laptop->store().messages(ben, 100, 0), text));

        ui::MainWindow anaWindow(*m_ana), laptopWindow(*m_laptop);
        auto *sending = anaWindow.findChild<ui::HistoryProgressBar *>();
        auto *receiving = laptopWindow.findChild<ui::HistoryProgressBar *>();
        QVERIFY(sending && receiving);
        anaWindow.show();
        laptopWindow.show();
        QVERIFY(sending->isHidden() && receiving->isHidden()); // nothing under way

        QVERIFY(!m_ana->client().history().sendTo(m_laptop->client().deviceId()).isNull());
        QTRY_VERIFY_WITH_TIMEOUT(sending->isVisible(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(sending->text().contains(QStringLiteral("was sent")), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(receiving->text().contains(QStringLiteral("arrived")), kTimeout);
        QVERIFY(receiving->isVisible());
        QCOMPARE(receiving->percent(), 100);
        QVERIFY(hasText(m_laptop->store().messages(ben, 100, 0), text));
        QVERIFY(saveScreenshot(&laptopWindow, QStringLiteral("history-arrived.png")));
        auto *dismiss = receiving->findChild<QToolButton *>(QStringLiteral("dismissHistory"));
        QVERIFY(dismiss && dismiss->isVisible());
        dismiss->click();
        QVERIFY(receiving->isHidden());
    }

    void revokeSaysWhatHappensFirstThenRemovesTheDeviceWhichIsToldAtOnce()
    {
        ui::SettingsDialog dialog(*m_ana, *m_settings);
        dialog.show();
        DevicesPage *page = devicesTab(dialog);
        QVERIFY(page);
        const qint64 laptop = m_laptop->client().deviceId();
        QTRY_VERIFY_WITH_TIMEOUT(page->row(laptop), kTimeout);
        DevicesPage onLaptop(m_laptop->client());
        onLaptop.show();
        QTRY_VERIFY_WITH_TIMEOUT(onLaptop.row(laptop), kTimeout);

        // Cancel: nothing is sent.
        page->row(laptop)->findChild<QPushButton *>(QStringLiteral("revokeDevice"))->click();
        auto *box = page->findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"));
        QVERIFY(box);
        QVERIFY(box->text().contains(page->row(laptop)->device().name));
        QVERIFY(box->informativeText().contains(QStringLiteral("signed out at once")));
        QVERIFY(box->informativeText().contains(QStringLiteral("no new messages")));
        QVERIFY(box->informativeText().contains(QStringLiteral("change your password")));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!page->findChild<QMessageBox *>(QStringLiteral("revokeConfirmation")));
        QVERIFY(page->statusText().isEmpty());
        QCOMPARE(m_laptop->client().state(), ConnectionState::Online);

        // Revoke: the row goes, the laptop is signed out with 421 and its page says why.
        QSignalSpy told(&m_laptop->client(), &client::ChatClient::errorOccurred);
        page->row(laptop)->findChild<QPushButton *>(QStringLiteral("revokeDevice"))->click();
        box = page->findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"));
        QVERIFY(box);
        box->findChild<QPushButton *>(QStringLiteral("confirmRevoke"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!page->row(laptop), kTimeout);
        QVERIFY(page->statusText().contains(QStringLiteral("was revoked")));
        QVERIFY(page->row(m_ana->client().deviceId()));
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->client().state(), ConnectionState::AuthFailed,
                                  kTimeout);
        QVERIFY(std::any_of(told.cbegin(), told.cend(), [](const QList<QVariant> &args) {
            return args.at(0).value<ErrorCode>() == ErrorCode::DeviceRevoked;
        }));
        QTRY_VERIFY(onLaptop.statusText().contains(QStringLiteral("removed from your account")));
        QVERIFY(!onLaptop.row(laptop)->isEnabled());
        QTRY_VERIFY(page->row(m_ana->client().deviceId())->isVisible());
        QVERIFY(saveScreenshot(&dialog, QStringLiteral("settings-devices-revoked.png")));
    }
};

QTEST_MAIN(TestUiDevices)
#include "tst_ui_devices.moc"
