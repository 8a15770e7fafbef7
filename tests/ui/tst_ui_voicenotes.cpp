// SPDX-License-Identifier: GPL-3.0-or-later
// Voice notes in the UI, offscreen and without a server or a microphone (PulseAudio is
// pointed at nowhere): the microphone button stands where Send is while there is no
// text, says that there is no microphone and records nothing; a voice bubble shows its
// length, is named for screen readers, and a click on its button or waveform asks to
// play it there (or, not downloaded yet, to download it). The chat list says
// "🎤 Voice message". tst_ui_voice records and plays for real.
#include "AttachmentSamples.h"
#include "ComposeEdit.h"
#include "MessageDelegate.h"
#include "TestBase.h"
#include "Theme.h"
#include "attachments/AttachmentFiles.h"
#include "attachments/VoiceNoteComposer.h"
#include "attachments/VoiceNotePainter.h"
#include "media/VoiceRecorder.h"
#include "models/ConversationListModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QToolButton>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::ui;
using namespace linnet::test::samples;
using Action = AttachmentFiles::Action;

namespace {
QVariantMap voiceAttachment(const QString &state, const QString &path = {})
{
    QByteArray wave;
    for (int i = 0; i < 64; ++i)
        wave.append(char((i * 37) % 256));
    return {{QStringLiteral("name"), QStringLiteral("Voice message.ogg")},
            {QStringLiteral("size"), qulonglong(14'000)},
            {QStringLiteral("mime"), QStringLiteral("audio/ogg")},
            {QStringLiteral("kind"), QStringLiteral("voice")},
            {QStringLiteral("state"), state},
            {QStringLiteral("transferred"), qulonglong(0)},
            {QStringLiteral("total"), qulonglong(14'100)},
            {QStringLiteral("path"), path},
            {QStringLiteral("thumbnail"), QByteArray()},
            {QStringLiteral("width"), 0},
            {QStringLiteral("height"), 0},
            {QStringLiteral("ms"), qulonglong(7'400)},
            {QStringLiteral("wave"), wave},
            {QStringLiteral("error"), QString()}};
}
} // namespace

class TestUiVoiceNotes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    /** A compose row (text box, Send) with the voice-note composer wrapped around it. */
    struct Composer {
        FakeMedia media;
        QWidget view;
        QWidget *row = new QWidget(&view);
        ComposeEdit *compose = new ComposeEdit(row);
        QToolButton *send = new QToolButton(row);
        VoiceNoteComposer composer{media, &view};
        Composer() { (new QHBoxLayout(&view))->addWidget(composer.wrap(row, compose, send)); }
    };

    /** A list view with @p attachment's message in it, laid out and shown. */
    struct Bubble {
        QStandardItemModel model;
        QListView list;
        MessageDelegate *delegate = nullptr;
    };
    void show(Bubble &b, const QVariantMap &attachment, bool outgoing)
    {
        b.delegate = new MessageDelegate(&b.list);
        b.list.setItemDelegate(b.delegate);
        b.model.appendRow(row(attachment, outgoing));
        b.list.setModel(&b.model);
        b.list.resize(600, 300);
        b.list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b.list));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // No microphone: no PulseAudio to talk to (before anything asks for devices).
        qputenv("PULSE_SERVER", "unix:/nonexistent/linnet-no-pulse");
        linnet::test::initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY(m_dir.isValid());
    }

    void withoutAMicrophoneTheButtonSaysSoAndNothingRecords()
    {
        QVERIFY(!VoiceRecorder::hasMicrophone());
        Composer c;
        c.composer.setChat(QStringLiteral("ben"));
        c.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c.view));
        QVERIFY2(c.composer.micButton()->toolTip().contains(QStringLiteral("No microphone")),
                 qPrintable(c.composer.micButton()->toolTip()));
        QCOMPARE(c.composer.micButton()->accessibleName(),
                 QStringLiteral("Record a voice message"));

        QSignalSpy recording(&c.composer, &VoiceNoteComposer::recordingChanged);
        QTest::mouseClick(c.composer.micButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = c.view.findChild<QMessageBox *>(QStringLiteral("voiceProblem"))));
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("No microphone found")),
                 qPrintable(box->text()));
        QVERIFY(!c.composer.isRecording());
        QVERIFY(!c.composer.recordingBar()->isVisible());
        QVERIFY(recording.isEmpty());
        QVERIFY(c.media.calls.isEmpty());
        box->accept();
        // The app goes on: the button can be pressed again and says so again.
        QTest::mouseClick(c.composer.micButton(), Qt::LeftButton);
        QTRY_VERIFY(c.view.findChild<QMessageBox *>(QStringLiteral("voiceProblem")));
        QVERIFY(!c.composer.isRecording());
    }

    void theMicrophoneStandsWhereSendIsWhileThereIsNoText()
    {
        Composer c;
        QVERIFY(c.send->isHidden());
        QVERIFY(!c.composer.micButton()->isHidden());
        QTest::keyClicks(c.compose, QStringLiteral("hi"));
        QVERIFY(!c.send->isHidden());
        QVERIFY(c.composer.micButton()->isHidden());
        c.compose->clear();
        QTRY_VERIFY(c.send->isHidden());
        QVERIFY(!c.composer.micButton()->isHidden());
    }

    void aVoiceBubbleShowsItsLengthAndAClickPlaysOrMovesIt()
    {
        const QString path = writeFile(m_dir.filePath(QStringLiteral("note.ogg")), 14'000);
        const QVariantMap note = voiceAttachment(QStringLiteral("done"), path);
        QCOMPARE(AttachmentFiles::describe(note), QStringLiteral("Voice message, 0:07"));
        QCOMPARE(AttachmentFiles::actionFor(note, false), Action::None);
        QCOMPARE(VoiceNotePainter::buttonText(note, {}, false),
                 QStringLiteral("Play voice message"));
        VoiceNotePainter::Playback playing{true, true, 3'000, 7'400};
        QCOMPARE(VoiceNotePainter::buttonText(note, playing, false),
                 QStringLiteral("Pause voice message"));
        QCOMPARE(AttachmentFiles::durationText(7'400), QStringLiteral("0:07"));
        QCOMPARE(AttachmentFiles::durationText(125'000), QStringLiteral("2:05"));
        QCOMPARE(AttachmentFiles::durationText(3'723'000), QStringLiteral("1:02:03"));

        Bubble b;
        show(b, note, false);
        if (QTest::currentTestFailed())
            return;
        const QModelIndex index = b.model.index(0, 0);
        const QRect area = b.delegate->attachmentRect(index, false);
        const QRect button = b.delegate->attachmentRect(index, true);
        QVERIFY(!area.isEmpty() && area.contains(button));
        QVERIFY2(area.height() < 90, "a voice note is a slim bar, not a picture");
        QSignalSpy clicked(b.delegate, &MessageDelegate::voiceNoteClicked);
        QSignalSpy opened(b.delegate, &MessageDelegate::attachmentActivated);
        QTest::mouseClick(b.list.viewport(), Qt::LeftButton, {}, button.center());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().at(1).toReal(), -1.0); // the button: play or pause
        const auto laid =
            VoiceNotePainter::layout(note, false, b.list.font(), area.topLeft(), area.width());
        const QPoint threeQuarters(int(laid.progress.left() + laid.progress.width() * 0.75),
                                   int(laid.progress.center().y()));
        QTest::mouseClick(b.list.viewport(), Qt::LeftButton, {}, threeQuarters);
        QCOMPARE(clicked.size(), 2);
        QVERIFY2(qAbs(clicked.last().at(1).toReal() - 0.75) < 0.05,
                 qPrintable(QString::number(clicked.last().at(1).toReal())));
        QVERIFY(opened.isEmpty()); // a note plays in its bubble; it is not opened elsewhere
    }

    void aVoiceNoteNotHereYetIsDownloadedByItsButton()
    {
        const QVariantMap remote = voiceAttachment(QStringLiteral("remote"));
        QCOMPARE(AttachmentFiles::actionFor(remote, false), Action::Download);
        QCOMPARE(AttachmentFiles::describe(remote),
                 QStringLiteral("Voice message, 0:07, not downloaded"));
        Bubble b;
        show(b, remote, false);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy clicked(b.delegate, &MessageDelegate::voiceNoteClicked);
        QSignalSpy action(b.delegate, &MessageDelegate::attachmentActionRequested);
        const QRect button = b.delegate->attachmentRect(b.model.index(0, 0), true);
        QTest::mouseClick(b.list.viewport(), Qt::LeftButton, {}, button.center());
        QCOMPARE(action.size(), 1);
        QCOMPARE(action.first().at(1).value<Action>(), Action::Download);
        QVERIFY(clicked.isEmpty());
    }

    void theChatListSaysVoiceMessage()
    {
        linnet::protocol::FileRef f;
        f.kind = linnet::protocol::FileKind::Voice;
        f.name = QStringLiteral("Voice message.ogg");
        QCOMPARE(ConversationListModel::attachmentPreview(f, {}),
                 QStringLiteral("🎤 Voice message"));
    }
};

QTEST_MAIN(TestUiVoiceNotes)
#include "tst_ui_voicenotes.moc"
