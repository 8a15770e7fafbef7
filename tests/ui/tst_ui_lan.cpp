// SPDX-License-Identifier: GPL-3.0-or-later
// LAN fallback in the main window (issue 26, docs/protocol.md 12), offscreen, two accounts
// side by side on a real server that the test stops: the engines find each other on the
// loopback interface, the banner says the chats go on over the local network and with whom,
// the conversation header says the contact is there; the Settings checkbox is on by
// default, is saved, and turns the engine's fallback off and on again.
#include "ConnectionBanner.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "Profile.h"
#include "SettingsDialog.h"
#include "TestBase.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "LanTestSupport.h"
#include "e2e/CryptoStore.h"
#include "lan/LanDiscovery.h"
#include "models/MessageModel.h"

#include <QCheckBox>
#include <QUdpSocket>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {

constexpr int kTimeout = 30000;

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::AnyIPv4, 0, QUdpSocket::DontShareAddress);
    return probe.localPort();
}

/** LAN fallback on loopback, quick (as tst_lanfallback). */
LanFallback::Options loopbackLan(quint16 port)
{
    LanFallback::Options o;
    o.discovery.port = port;
    o.discovery.intervalMs = 300;
    o.discovery.interfaces = {QStringLiteral("lo")};
    o.discovery.ipv6 = false;
    o.discovery.extraBroadcastAddresses = {QHostAddress(QStringLiteral("127.255.255.255"))};
    o.dialDelayMs = 500;
    return o;
}

bool hasText(MessageModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageModel::TextRole).toString() == text)
            return true;
    }
    return false;
}

} // namespace

class TestUiLan : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<MainWindow> m_anaWindow;
    std::unique_ptr<MainWindow> m_benWindow;
    const QString m_anaName = QStringLiteral("ana.lan");
    const QString m_benName = QStringLiteral("ben.lan");
    quint16 m_lanPort = 0;

    /** ana's device as ben's key store has it: what a device that knows her would hear. */
    std::optional<linnet::lan::LanDevice> anaAsBenKnowsHer()
    {
        CryptoStore keys(m_ben->client().store());
        for (const PeerDevice &d : keys.allDevices())
            if (d.peer == m_anaName)
                return linnet::lan::LanDevice{d.peer, d.device, d.identity};
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        qRegisterMetaType<linnet::lan::LanDevice>();
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        m_lanPort = freeUdpPort();
        openSideBySide(m_ui, m_anaName, m_benName, m_ana, m_ben, m_anaWindow, m_benWindow,
                       loopbackLan(m_lanPort));
        if (QTest::currentTestFailed())
            return;
        // A message each way through the server: each knows the other's device.
        m_ana->client().sendText(m_benName, QStringLiteral("hello via the server"));
        QTRY_VERIFY_WITH_TIMEOUT(
            hasText(m_ben->messages(m_anaName), QStringLiteral("hello via the server")), kTimeout);
        m_ben->client().sendText(m_anaName, QStringLiteral("hi via the server"));
        QTRY_VERIFY_WITH_TIMEOUT(
            hasText(m_ana->messages(m_benName), QStringLiteral("hi via the server")), kTimeout);
        m_anaWindow->openChat(m_benName);
    }

    void cleanupTestCase()
    {
        m_anaWindow.reset();
        m_benWindow.reset();
        m_ana.reset();
        m_ben.reset();
        m_ui.stop();
    }

    void cleanup() { m_ui.server().warnOutputIfTestFailed(); }

    void theLocalNetworkSettingIsOnByDefaultSavedAndTurnsTheEngineOffAndOn()
    {
        const QString path = m_ui.filePath(QStringLiteral("ui.ini"));
        UiSettings settings(path);
        QVERIFY(settings.lanEnabled());
        SettingsDialog dialog(*m_ana, settings);
        auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("lanFallback"));
        QVERIFY(box);
        QVERIFY(box->isChecked());

        box->setChecked(false);
        settings.sync();
        QVERIFY(!UiSettings(path).lanEnabled());

        // The server goes away: ben falls back to the LAN, ana (turned off) does not.
        // (A failed attempt is what starts the fallback: after one, it would be running.)
        QSignalSpy anaFailed(&m_ana->client(), &ChatClient::connectionFailed);
        m_ui.server().kill();
        QTRY_VERIFY_WITH_TIMEOUT(m_ben->client().lanActive(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(anaFailed.count() >= 2, kTimeout);
        QVERIFY(!m_ana->client().lanActive());
        QVERIFY(!m_anaWindow->connectionBanner()->text().contains(QStringLiteral("local network")));

        // A witness on the same port that knows ana's device: while she is off it hears
        // other devices (ben) announce several times and never her, and its own
        // announcements get no answer from her.
        const auto ana = anaAsBenKnowsHer();
        QVERIFY(ana);
        linnet::test::LanTestDevice witnessDevice("witness", 999999);
        LanDiscovery witness(witnessDevice.keys, witnessDevice.device,
                             loopbackLan(m_lanPort).discovery);
        witness.setKnownDevices({*ana});
        QSignalSpy witnessHeard(&witness, &LanDiscovery::peerHeard);
        QSignalSpy witnessRejected(&witness, &LanDiscovery::announcementRejected);
        QVERIFY(witness.start(40099));
        const auto othersHeard = [&witnessRejected] {
            int n = 0; // ben's announcements: a device the witness does not know
            for (const auto &args : witnessRejected)
                n += args.at(0).value<linnet::lan::AnnouncementError>() ==
                     linnet::lan::AnnouncementError::UnknownDevice;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(othersHeard() >= 6, kTimeout);
        QVERIFY(witnessHeard.isEmpty());
        QVERIFY(!m_ana->client().lanActive());

        box->setChecked(true);
        settings.sync();
        QVERIFY(UiSettings(path).lanEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(m_ana->client().lanActive(), kTimeout);
        // Turned on, she is heard at once: the witness's silence above was hers.
        QTRY_VERIFY_WITH_TIMEOUT(!witnessHeard.isEmpty(), kTimeout);
        QCOMPARE(witnessHeard.first().at(0).value<linnet::lan::LanDevice>(), *ana);
    }

    void theBannerSaysTheChatsGoOnOverTheLocalNetworkAndWithWhom()
    {
        QVERIFY(m_ana->client().lanActive()); // server down since the previous test
        ConnectionBanner *banner = m_anaWindow->connectionBanner();
        QTRY_COMPARE_WITH_TIMEOUT(m_ana->client().lanPeers(), QStringList{m_benName}, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeout);
        QCOMPARE(banner->text(),
                 QStringLiteral("Server unreachable — chatting on the local network with %1")
                     .arg(m_benName));
        QTRY_COMPARE_WITH_TIMEOUT(m_benWindow->connectionBanner()->text(),
                                  QStringLiteral("Server unreachable — chatting on the local "
                                                 "network with %1")
                                      .arg(m_anaName),
                                  kTimeout);
    }

    void theHeaderSaysTheContactIsOnTheLocalNetwork()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_anaWindow->conversationView()->presenceLine(),
                                  QStringLiteral("on the local network"), kTimeout);
    }

    void theBannerWithoutPeersSaysItIsLookingAndWithoutLanWhatItSaidBefore()
    {
        ConnectionBanner banner;
        banner.setState(ConnectionState::Offline);
        const QString offline = banner.text();
        QVERIFY(offline.startsWith(QStringLiteral("Offline")));
        banner.setLan(true, {});
        QCOMPARE(banner.text(),
                 QStringLiteral("Server unreachable — looking for contacts on the local network"));
        banner.setLan(true, {QStringLiteral("ana"), QStringLiteral("ben")});
        QCOMPARE(banner.text(),
                 QStringLiteral("Server unreachable — chatting on the local network with %1")
                     .arg(QLocale().createSeparatedList(
                         {QStringLiteral("ana"), QStringLiteral("ben")})));
        banner.setLan(false, {});
        QCOMPARE(banner.text(), offline);
        banner.setServerNote(QStringLiteral("The server on this computer stopped"));
        banner.setLan(true, {});
        QVERIFY(banner.text().contains(QStringLiteral("local network")));
    }
};

QTEST_MAIN(TestUiLan)
#include "tst_ui_lan.moc"
