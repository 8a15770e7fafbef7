// SPDX-License-Identifier: GPL-3.0-or-later
// Voice notes between two main windows against the real server, offscreen, with a real
// microphone (a private PulseAudio daemon playing a tone into a null sink's source,
// PulseAudioSession): the microphone button records, the bar shows the time so far,
// Send sends it and the other window shows a voice bubble with its length that plays
// when clicked; Cancel sends nothing. Saves docs/screenshot-voice.png's source when asked.
#include "ComposeEdit.h"
#include "ConversationView.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "Profile.h"
#include "PulseAudioSession.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiSessions.h"
#include "attachments/VoiceNoteComposer.h"
#include "attachments/VoiceNotePlayback.h"
#include "models/ConversationListModel.h"
#include "models/MessageModel.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {
constexpr int kTimeout = 20000;

QVariantMap attachmentAt(MessageModel *model, int row)
{
    return model->index(row).data(MessageModel::AttachmentRole).toMap();
}
} // namespace

class TestUiVoice : public QObject {
    Q_OBJECT

    std::unique_ptr<PulseAudioSession> m_pulse;
    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<MainWindow> m_anaWindow;
    std::unique_ptr<MainWindow> m_benWindow;
    const QString m_anaName = QStringLiteral("ana.voice");
    const QString m_benName = QStringLiteral("ben.voice");

    MessageModel *anaChat() { return m_ana->messages(m_benName); }
    MessageModel *benChat() { return m_ben->messages(m_anaName); }
    VoiceNoteComposer *anaVoice() { return m_anaWindow->conversationView()->voiceComposer(); }

    /** Records about @p seconds in Ana's window (the tone playing into the microphone). */
    void recordInAnasWindow(int seconds)
    {
        VoiceNoteComposer *voice = anaVoice();
        QVERIFY(m_pulse->play(m_pulse->writeTone((seconds + 4) * 1000, 330, /*pulsing=*/true)));
        QVERIFY(voice->micButton()->isVisible());
        QTest::mouseClick(voice->micButton(), Qt::LeftButton);
        QTRY_VERIFY(voice->recordingBar()->isVisible());
        QVERIFY(voice->isRecording());
        QVERIFY(!m_anaWindow->conversationView()->composeEdit()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(voice->elapsedLabel()->text(),
                                  QStringLiteral("0:%1").arg(seconds, 2, 10, QLatin1Char('0')),
                                  kTimeout);
    }

    /** Clicks the voice note in @p row of Ben's window (its button if @p button). */
    void clickBensNote(int row, bool button, qreal fraction = 0)
    {
        QListView *list = m_benWindow->conversationView()->messageList();
        const QModelIndex index = list->model()->index(row, 0);
        list->scrollTo(index);
        auto *delegate = qobject_cast<MessageDelegate *>(list->itemDelegate());
        QVERIFY(delegate);
        const QRect rect = delegate->attachmentRect(index, button);
        QVERIFY(!rect.isEmpty());
        QPoint at = rect.center();
        if (!button) {
            const auto laid =
                VoiceNotePainter::layout(index.data(MessageModel::AttachmentRole).toMap(), false,
                                         list->font(), rect.topLeft(), rect.width());
            at = QPoint(int(laid.progress.left() + laid.progress.width() * fraction),
                        int(laid.progress.center().y()));
        }
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = PulseAudioSession::missing(); !why.isEmpty())
            QSKIP(qPrintable(why + QStringLiteral(": no microphone to test with")));
        m_pulse = std::make_unique<PulseAudioSession>(); // before anything asks for devices
        QVERIFY2(m_pulse->start(), qPrintable(m_pulse->errorString()));
        initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY2(m_ui.start(), qPrintable(m_ui.errorString()));
        openSideBySide(m_ui, m_anaName, m_benName, m_ana, m_ben, m_anaWindow, m_benWindow);
        if (QTest::currentTestFailed())
            return;
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

    void aRecordedNoteIsSentAndPlaysInTheOtherWindow()
    {
        ConversationView *view = m_anaWindow->conversationView();
        QCOMPARE(anaVoice()->micButton()->toolTip(), QStringLiteral("Record a voice message"));
        QVERIFY(!view->sendButton()->isVisible()); // no text: the microphone stands there
        recordInAnasWindow(2);
        QTest::mouseClick(anaVoice()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!anaVoice()->recordingBar()->isVisible(), kTimeout);
        QVERIFY(view->composeEdit()->isVisible());
        m_pulse->silence();

        // Ana's own bubble: a voice note of about two seconds with a waveform, delivered.
        QTRY_VERIFY_WITH_TIMEOUT(anaChat()->rowCount() == 1 || m_anaWindow->findChild<QWidget *>(
                                                                   QStringLiteral("voiceProblem")),
                                 kTimeout);
        if (auto *problem = m_anaWindow->findChild<QMessageBox *>(QStringLiteral("voiceProblem")))
            QFAIL(qPrintable(QStringLiteral("not sent: ") + problem->text()));
        QCOMPARE(anaChat()->rowCount(), 1);
        const QVariantMap own = attachmentAt(anaChat(), 0);
        QCOMPARE(own.value(QStringLiteral("kind")).toString(), QStringLiteral("voice"));
        QVERIFY2(own.value(QStringLiteral("ms")).toULongLong() >= 2000,
                 qPrintable(own.value(QStringLiteral("ms")).toString()));
        QVERIFY(!own.value(QStringLiteral("wave")).toByteArray().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            DeliveryState(anaChat()->index(0).data(MessageModel::StateRole).toInt()),
            DeliveryState::Delivered, kTimeout);

        // Ben's window: in the chat list as a voice message, fetched by itself, playable.
        ConversationListModel *chats = &m_ben->conversations();
        QTRY_COMPARE_WITH_TIMEOUT(chats->rowCount(), 1, kTimeout);
        QCOMPARE(chats->index(0).data(ConversationListModel::LastMessageRole).toString(),
                 QStringLiteral("🎤 Voice message"));
        m_benWindow->openChat(m_anaName);
        QTRY_COMPARE_WITH_TIMEOUT(
            attachmentAt(benChat(), 0).value(QStringLiteral("state")).toString(),
            QStringLiteral("done"), kTimeout);
        const QVariantMap got = attachmentAt(benChat(), 0);
        QCOMPARE(got.value(QStringLiteral("ms")), own.value(QStringLiteral("ms")));
        QCOMPARE(got.value(QStringLiteral("wave")), own.value(QStringLiteral("wave")));

        VoiceNotePlayback *playback = m_benWindow->conversationView()->voicePlayback();
        const QString id = benChat()->index(0).data(MessageModel::IdRole).toString();
        clickBensNote(0, true);
        QTRY_VERIFY_WITH_TIMEOUT(playback->isPlaying(), kTimeout);
        QCOMPARE(playback->current(), id);
        QTRY_VERIFY_WITH_TIMEOUT(playback->playback(id).positionMs > 0, kTimeout);
        clickBensNote(0, true); // pause: the place is kept
        QTRY_VERIFY_WITH_TIMEOUT(!playback->isPlaying(), kTimeout);
        QCOMPARE(playback->current(), id);
        QVERIFY(playback->playback(id).positionMs > 0);
        clickBensNote(0, false, 0.1); // the waveform: from there, playing
        QTRY_VERIFY_WITH_TIMEOUT(playback->isPlaying(), kTimeout);
        // Played to the end, it is back at the start.
        QTRY_VERIFY_WITH_TIMEOUT(!playback->isPlaying(), kTimeout);
        QCOMPARE(playback->playback(id).positionMs, 0);
    }

    void screenshotOfAVoiceChat()
    {
        const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LINNET_SCREENSHOT_DIR not set");
        // Ben's window with the note paused a little way in: the waveform fills as it plays.
        VoiceNotePlayback *playback = m_benWindow->conversationView()->voicePlayback();
        const QString id = benChat()->index(0).data(MessageModel::IdRole).toString();
        clickBensNote(0, true);
        QTRY_VERIFY_WITH_TIMEOUT(playback->playback(id).positionMs > 700, kTimeout);
        clickBensNote(0, true);
        QTRY_VERIFY_WITH_TIMEOUT(!playback->isPlaying(), kTimeout);
        QVERIFY(m_benWindow->grab().save(QDir(dir).filePath(QStringLiteral("voice.png"))));
        recordInAnasWindow(1);
        QVERIFY(
            m_anaWindow->grab().save(QDir(dir).filePath(QStringLiteral("voice-recording.png"))));
        QTest::mouseClick(anaVoice()->cancelButton(), Qt::LeftButton);
        m_pulse->silence();
    }

    void aCancelledRecordingSendsNothing()
    {
        const int before = anaChat()->rowCount();
        recordInAnasWindow(1);
        QTest::mouseClick(anaVoice()->cancelButton(), Qt::LeftButton);
        m_pulse->silence();
        QVERIFY(!anaVoice()->isRecording());
        QTRY_VERIFY(!anaVoice()->recordingBar()->isVisible());
        QVERIFY(m_anaWindow->conversationView()->composeEdit()->isVisible());
        QCOMPARE(anaChat()->rowCount(), before);

        // Escape cancels too (the bar has the focus while it records).
        recordInAnasWindow(1);
        QTest::keyClick(anaVoice()->sendButton(), Qt::Key_Escape);
        m_pulse->silence();
        QVERIFY(!anaVoice()->isRecording());
        QTRY_VERIFY(!anaVoice()->recordingBar()->isVisible());
        QCOMPARE(anaChat()->rowCount(), before);
    }

    void switchingChatsWhileRecordingCancelsIt()
    {
        const int before = anaChat()->rowCount();
        recordInAnasWindow(1);
        m_anaWindow->openChat(QStringLiteral("someone.else"));
        m_pulse->silence();
        QVERIFY(!anaVoice()->isRecording());
        m_anaWindow->openChat(m_benName);
        QVERIFY(!anaVoice()->recordingBar()->isVisible());
        QCOMPARE(anaChat()->rowCount(), before);
    }
};

QTEST_MAIN(TestUiVoice)
#include "tst_ui_voice.moc"
