// SPDX-License-Identifier: GPL-3.0-or-later
// Videos in the main window against the real server, offscreen, two accounts side by
// side: a clip sent through the preview shows as a video bubble on both sides (the frame
// its sender's app decoded, blurred until downloaded, a play sign and the length), the
// chat list says "🎥 Video", a click fetches it and then hands it to the desktop's player.
// Saves docs/screenshot-video.png's source when asked (LINNET_SCREENSHOT_DIR).
#include "ConversationView.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "Profile.h"
#include "TestBase.h"
#include "TestData.h"
#include "Theme.h"
#include "UiSessions.h"
#include "attachments/AttachmentFiles.h"
#include "attachments/AttachmentPainter.h"
#include "attachments/AttachmentPreviewDialog.h"
#include "attachments/AttachmentSender.h"
#include "media/MediaClient.h"
#include "models/ConversationListModel.h"
#include "models/MessageModel.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {

QVariantMap attachmentAt(MessageModel *model, int row)
{
    return model->index(row).data(MessageModel::AttachmentRole).toMap();
}

bool isWhite(QRgb c)
{
    return qRed(c) > 235 && qGreen(c) > 235 && qBlue(c) > 235;
}

} // namespace

class TestUiVideo : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<MainWindow> m_anaWindow;
    std::unique_ptr<MainWindow> m_benWindow;
    QList<QUrl> m_opened; ///< what was handed to the desktop to open
    const QString m_anaName = QStringLiteral("ana.video");
    const QString m_benName = QStringLiteral("ben.video");

    MessageModel *anaChat() { return m_ana->messages(m_benName); }
    MessageModel *benChat() { return m_ben->messages(m_anaName); }

    /** Where @p row's video bubble is in @p window's list, and its parts laid out there. */
    AttachmentPainter::Layout bubble(MainWindow *window, int row, bool outgoing)
    {
        QListView *list = window->conversationView()->messageList();
        const QModelIndex index = list->model()->index(row, 0);
        list->scrollTo(index);
        auto *delegate = qobject_cast<MessageDelegate *>(list->itemDelegate());
        const QRect area = delegate ? delegate->attachmentRect(index, false) : QRect();
        if (area.isEmpty())
            return {};
        return AttachmentPainter::layout(index.data(MessageModel::AttachmentRole).toMap(), outgoing,
                                         list->font(), area.topLeft(), area.width());
    }

public Q_SLOTS:
    /** Stands in for the desktop's video player (QDesktopServices::setUrlHandler). */
    void openUrl(const QUrl &url) { m_opened.append(url); }

private Q_SLOTS:
    void initTestCase()
    {
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

    void aVideoSentThroughThePreviewIsAVideoBubbleWithItsFramePlaySignAndLength()
    {
        ConversationView *view = m_anaWindow->conversationView();
        view->attachmentSender()->attach({testDataPath(QStringLiteral("video-160x90-6s.mp4"))});
        AttachmentPreviewDialog *preview = view->attachmentSender()->previewDialog();
        QVERIFY(preview);
        QTRY_VERIFY(preview->isVisible());
        QTest::keyClicks(preview->captionEdit(), QStringLiteral("Test card"));
        QTest::mouseClick(preview->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(!view->attachmentSender()->previewDialog());

        // Ana's side: the frame is decoded off the window's thread, then shown sharp.
        MessageModel *mine = anaChat();
        QTRY_COMPARE(mine->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(attachmentAt(mine, 0).value(QStringLiteral("kind")).toString(),
                                  QStringLiteral("video"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !attachmentAt(mine, 0).value(QStringLiteral("thumbnail")).toByteArray().isEmpty(),
            20000);
        QCOMPARE(AttachmentPainter::badgeText(attachmentAt(mine, 0)), QStringLiteral("0:06"));
        QTRY_COMPARE_WITH_TIMEOUT(attachmentAt(mine, 0).value(QStringLiteral("state")).toString(),
                                  QStringLiteral("uploaded"), 20000);
        const auto own = bubble(m_anaWindow.get(), 0, true);
        QVERIFY(!own.badge.isEmpty());
        QVERIFY(!own.button.isEmpty()); // her own copy is here: ▶ to play it

        // Ben's side: blurred until fetched, ▶ and the length in the corner, Download.
        m_benWindow->openChat(m_anaName);
        MessageModel *theirs = benChat();
        QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), 1, 20000);
        const QVariantMap arrived = attachmentAt(theirs, 0);
        QCOMPARE(arrived.value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QCOMPARE(arrived.value(QStringLiteral("state")).toString(), QStringLiteral("remote"));
        QCOMPARE(arrived.value(QStringLiteral("width")).toInt(), 160);
        QVERIFY(!AttachmentPainter::showsFullPicture(arrived));
        QCOMPARE(AttachmentFiles::describe(arrived),
                 QStringLiteral("Video video-160x90-6s.mp4, 0:06, %1, not downloaded")
                     .arg(AttachmentFiles::sizeText(
                         arrived.value(QStringLiteral("size")).toULongLong())));
        const auto remote = bubble(m_benWindow.get(), 0, false);
        QCOMPARE(remote.action, AttachmentFiles::Action::Download);
        QVERIFY(remote.picture.contains(remote.badge));
        QVERIFY(remote.badge.bottom() < remote.picture.bottom());

        // What is painted: the white play sign in the badge, on the frame.
        QListView *list = m_benWindow->conversationView()->messageList();
        const QImage shot = list->viewport()->grab().toImage();
        const qreal dpr = shot.devicePixelRatio();
        const QPointF sign(remote.badge.left() + 11, remote.badge.center().y());
        QVERIFY2(isWhite(shot.pixel((sign * dpr).toPoint())), "no play sign in the badge");

        // The chat list says what it is.
        ConversationListModel &chats = m_ben->conversations();
        QTRY_COMPARE(chats.index(chats.rowOf(m_anaName))
                         .data(ConversationListModel::LastMessageRole)
                         .toString(),
                     QStringLiteral("🎥 Video · Test card"));

        // A click on Download fetches it; then the bubble has ▶ in the middle and a click
        // hands the file to the desktop's player.
        auto *delegate = qobject_cast<MessageDelegate *>(list->itemDelegate());
        const QModelIndex index = list->model()->index(0, 0);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          delegate->attachmentRect(index, true).center());
        QTRY_COMPARE_WITH_TIMEOUT(attachmentAt(theirs, 0).value(QStringLiteral("state")).toString(),
                                  QStringLiteral("done"), 20000);
        QVERIFY(AttachmentPainter::showsFullPicture(attachmentAt(theirs, 0)));
        const auto here = bubble(m_benWindow.get(), 0, false);
        QCOMPARE(here.action, AttachmentFiles::Action::None);
        QVERIFY(here.picture.contains(here.button));
        QVERIFY(!here.badge.isEmpty());
        const QImage played = list->viewport()->grab().toImage();
        QVERIFY2(isWhite(played.pixel((here.button.center() * dpr).toPoint())),
                 "no play sign in the middle");
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          delegate->attachmentRect(index, false).topLeft() + QPoint(8, 8));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(m_opened.size(), 1);
        QCOMPARE(m_opened.first().toLocalFile(),
                 attachmentAt(theirs, 0).value(QStringLiteral("path")).toString());
    }

    void aVideoWithoutAFrameIsADarkBubbleWithThePlaySign()
    {
        // Qt cannot decode it: still a video, no thumbnail, no length.
        const linnet::protocol::MessageId id =
            m_ana->client().media().sendFile(m_benName, testDataPath(QStringLiteral("broken.mp4")));
        QVERIFY(!id.isNull());
        MessageModel *theirs = benChat();
        QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), 2, 30000);
        const QVariantMap arrived = attachmentAt(theirs, 1);
        QCOMPARE(arrived.value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QVERIFY(arrived.value(QStringLiteral("thumbnail")).toByteArray().isEmpty());
        QCOMPARE(AttachmentPainter::badgeText(arrived), QString());
        const auto l = bubble(m_benWindow.get(), 1, false);
        QVERIFY(!l.badge.isEmpty()); // the play sign alone
        QCOMPARE(l.action, AttachmentFiles::Action::Download);
    }

    void screenshotOfAVideoChat()
    {
        const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LINNET_SCREENSHOT_DIR not set");
        m_ana->client().media().sendFile(m_benName,
                                         testDataPath(QStringLiteral("portrait-90x160-2s.webm")),
                                         QStringLiteral("And one standing up"));
        QTRY_COMPARE_WITH_TIMEOUT(benChat()->rowCount(), 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !attachmentAt(benChat(), 2).value(QStringLiteral("thumbnail")).toByteArray().isEmpty(),
            30000);
        m_benWindow->openChat(m_anaName);
        m_benWindow->resize(1000, 1000); // all three: played, undecodable, not yet fetched
        m_benWindow->conversationView()->messageList()->clearSelection();
        m_benWindow->conversationView()->messageList()->scrollToBottom();
        QTest::qWait(50); // the resize is laid out
        QDir().mkpath(dir);
        QVERIFY(m_benWindow->grab().save(QDir(dir).filePath(QStringLiteral("video.png"))));
    }
};

QTEST_MAIN(TestUiVideo)
#include "tst_ui_video.moc"
