// SPDX-License-Identifier: GPL-3.0-or-later
// Media in the main window against the real server, offscreen, two accounts side by
// side: an image pasted into the compose box goes through the preview and arrives as a
// picture bubble (thumbnail, progress, ticks, then the picture itself), a file bubble
// shows name and size and waits for a click, a large transfer can be cancelled and
// retried from its bubble, the picture viewer opens and closes, and the auto-download
// setting reaches the engine. Saves docs/screenshot-media.png's source when asked.
#include "ComposeEdit.h"
#include "ConversationView.h"
#include "models/ConversationListModel.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "Profile.h"
#include "SettingsDialog.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiContextMenu.h"
#include "UiSessions.h"
#include "UiSettings.h"
#include "attachments/AttachmentActions.h"
#include "attachments/AttachmentPreviewDialog.h"
#include "attachments/AttachmentSender.h"
#include "attachments/ImageViewer.h"
#include "media/MediaClient.h"
#include "models/MessageModel.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QToolButton>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::test;
using namespace linnet::ui;

namespace {

/** A picture worth looking at in a screenshot: a sunset over hills. */
QImage landscape()
{
    QImage image(QSize(1200, 800), QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 560);
    sky.setColorAt(0, QColor(0x2b, 0x4c, 0x8c));
    sky.setColorAt(0.6, QColor(0xf2, 0x9e, 0x6b));
    sky.setColorAt(1, QColor(0xfb, 0xd3, 0x8a));
    p.fillRect(image.rect(), sky);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xff, 0xe6, 0x9a));
    p.drawEllipse(QPointF(780, 470), 90, 90);
    QPainterPath far;
    far.moveTo(0, 560);
    far.cubicTo(300, 420, 600, 620, 1200, 480);
    far.lineTo(1200, 800);
    far.lineTo(0, 800);
    p.setBrush(QColor(0x4a, 0x6b, 0x5a));
    p.drawPath(far);
    QPainterPath near;
    near.moveTo(0, 700);
    near.cubicTo(400, 560, 800, 760, 1200, 640);
    near.lineTo(1200, 800);
    near.lineTo(0, 800);
    p.setBrush(QColor(0x24, 0x40, 0x33));
    p.drawPath(near);
    return image;
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

QVariantMap attachmentAt(MessageModel *model, int row)
{
    return model->index(row).data(MessageModel::AttachmentRole).toMap();
}

QString stateAt(MessageModel *model, int row)
{
    return attachmentAt(model, row).value(QStringLiteral("state")).toString();
}

} // namespace

class TestUiMedia : public QObject {
    Q_OBJECT

    UiTestServer m_ui;
    std::unique_ptr<Profile> m_ana;
    std::unique_ptr<Profile> m_ben;
    std::unique_ptr<Profile> m_cy; ///< sends Ben a photo, for his chat list
    QList<QUrl> m_opened;          ///< what was handed to the desktop to open
    std::unique_ptr<MainWindow> m_anaWindow;
    std::unique_ptr<MainWindow> m_benWindow;
    const QString m_anaName = QStringLiteral("ana.media");
    const QString m_benName = QStringLiteral("ben.media");

    MessageModel *anaChat() { return m_ana->messages(m_benName); }
    MessageModel *benChat() { return m_ben->messages(m_anaName); }

    /** Sends @p paths from Ana's window through the preview, with @p caption. */
    void sendThroughPreview(const QStringList &paths, const QString &caption = {})
    {
        ConversationView *view = m_anaWindow->conversationView();
        view->attachmentSender()->attach(paths);
        AttachmentPreviewDialog *preview = view->attachmentSender()->previewDialog();
        QVERIFY(preview);
        QTRY_VERIFY(preview->isVisible());
        QTest::keyClicks(preview->captionEdit(), caption);
        QTest::mouseClick(preview->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(!view->attachmentSender()->previewDialog());
    }

    /** Opens @p row's context menu in @p window and triggers the entry called @p trigger;
     *  returns the entries' texts. */
    QStringList contextMenu(MainWindow *window, int row, const QString &trigger = {})
    {
        return contextMenuOf(window->conversationView()->messageList(), row, trigger);
    }

    /** Clicks @p row's attachment (its round button if @p button) in @p window. */
    void clickAttachment(MainWindow *window, int row, bool button)
    {
        QListView *list = window->conversationView()->messageList();
        const QModelIndex index = list->model()->index(row, 0);
        list->scrollTo(index);
        auto *delegate = qobject_cast<MessageDelegate *>(list->itemDelegate());
        QVERIFY(delegate);
        const QRect rect = delegate->attachmentRect(index, button);
        QVERIFY2(!rect.isEmpty(), button ? "no button" : "no attachment");
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          button ? rect.center() : rect.topLeft() + QPoint(6, 6));
    }

public Q_SLOTS:
    /** Stands in for the desktop's file handler (QDesktopServices::setUrlHandler). */
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
        m_cy.reset();
        m_ui.stop();
    }

    void aPastedImageIsPreviewedSentAndShownAsAPictureOnBothSides()
    {
        ConversationView *view = m_anaWindow->conversationView();
        QSignalSpy progress(&m_ana->client().media(), &MediaClient::transferProgress);
        auto *data = new QMimeData;
        data->setImageData(landscape());
        QGuiApplication::clipboard()->setMimeData(data);
        view->composeEdit()->setFocus();
        view->composeEdit()->paste();
        QCOMPARE(view->composeEdit()->toPlainText(), QString()); // no path, no text
        AttachmentPreviewDialog *preview = view->attachmentSender()->previewDialog();
        QVERIFY(preview);
        QTRY_VERIFY(preview->isVisible());
        QCOMPARE(preview->files().size(), 1);
        QVERIFY(preview->files().first().endsWith(QStringLiteral(".png")));
        QTest::keyClicks(preview->captionEdit(), QStringLiteral("Sunset from the hill"));
        QTest::keyClick(preview->captionEdit(), Qt::Key_Return); // Send is the default
        QTRY_VERIFY(!view->attachmentSender()->previewDialog());

        // Ana's bubble at once: a picture with its caption, uploading with a progress bar.
        MessageModel *mine = anaChat();
        QTRY_COMPARE(mine->rowCount(), 1);
        QCOMPARE(mine->index(0).data(MessageModel::KindRole).toInt(), int(MessageKind::File));
        QCOMPARE(mine->index(0).data(MessageModel::TextRole).toString(),
                 QStringLiteral("Sunset from the hill"));
        // The picture's preview follows once the copy is made (on a worker).
        QTRY_COMPARE(attachmentAt(mine, 0).value(QStringLiteral("kind")).toString(),
                     QStringLiteral("image"));
        const QVariantMap sending = attachmentAt(mine, 0);
        QVERIFY(!sending.value(QStringLiteral("thumbnail")).toByteArray().isEmpty());
        QCOMPARE(sending.value(QStringLiteral("width")).toInt(), 1200);
        if (sending.value(QStringLiteral("state")) == QLatin1String("uploading"))
            QVERIFY(!AttachmentPainter::layout(sending, true, view->font(), {}, 400)
                         .progress.isEmpty());
        // Then uploaded and sent: ✓ like any message, progress reported on the way.
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(mine, 0), QStringLiteral("uploaded"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(mine->index(0).data(MessageModel::StateRole).toInt() >=
                                     int(DeliveryState::Sent),
                                 20000);
        QVERIFY(progress.size() >= 1);
        QCOMPARE(progress.last().at(2), progress.last().at(3)); // all of it

        // Ben's window: the picture bubble, fetched by itself (under 16 MB), then sharp.
        m_benWindow->openChat(m_anaName);
        MessageModel *theirs = benChat();
        QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), 1, 20000);
        const QVariantMap arrived = attachmentAt(theirs, 0);
        QCOMPARE(arrived.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
        QVERIFY(!arrived.value(QStringLiteral("thumbnail")).toByteArray().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(theirs, 0), QStringLiteral("done"), 20000);
        const QString path = attachmentAt(theirs, 0).value(QStringLiteral("path")).toString();
        QCOMPARE(QImage(path).size(), QSize(1200, 800));
        QCOMPARE(sha256Of(path),
                 sha256Of(attachmentAt(mine, 0).value(QStringLiteral("path")).toString()));
        auto *delegate = qobject_cast<MessageDelegate *>(
            m_benWindow->conversationView()->messageList()->itemDelegate());
        const QModelIndex shown =
            m_benWindow->conversationView()->messageList()->model()->index(0, 0);
        QVERIFY(!delegate->attachmentRect(shown, false).isEmpty());
        QVERIFY(delegate->attachmentRect(shown, true).isEmpty()); // nothing left to press
        QVERIFY(AttachmentPainter::showsFullPicture(attachmentAt(theirs, 0)));
        // Read receipts come back as for text: ✓✓ on Ana's side.
        QTRY_VERIFY_WITH_TIMEOUT(mine->index(0).data(MessageModel::StateRole).toInt() >=
                                     int(DeliveryState::Delivered),
                                 20000);
    }

    void clickingAPictureOrEnterOnItOpensTheViewerAndEscapeClosesIt()
    {
        clickAttachment(m_benWindow.get(), 0, false);
        AttachmentActions *actions = m_benWindow->conversationView()->attachmentActions();
        QTRY_VERIFY(actions->viewer() && actions->viewer()->isVisible());
        ImageViewer *viewer = actions->viewer();
        QCOMPARE(viewer->image().size(), QSize(1200, 800));
        QCOMPARE(viewer->count(), 1);
        QTest::keyClick(viewer, Qt::Key_Escape);
        QTRY_VERIFY(!actions->viewer());

        // The keyboard way: the message list's current message, Enter.
        QListView *list = m_benWindow->conversationView()->messageList();
        list->setFocus();
        list->setCurrentIndex(list->model()->index(0, 0));
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_VERIFY(actions->viewer() && actions->viewer()->isVisible());
        actions->viewer()->close();
        QTRY_VERIFY(!actions->viewer());
    }

    void thePaperclipOffersPhotosAndFiles()
    {
        QToolButton *attach = m_anaWindow->conversationView()->attachmentSender()->attachButton();
        QCOMPARE(attach->accessibleName(), QStringLiteral("Attach"));
        QVERIFY(attach->menu());
        QStringList entries;
        for (QAction *action : attach->menu()->actions())
            entries << action->text();
        QCOMPARE(entries,
                 (QStringList{QStringLiteral("&Photo or video…"), QStringLiteral("&File…")}));
    }

    void aFileBubbleShowsNameAndSizeAndWaitsForAClick()
    {
        const QString pdf = m_ui.filePath(QStringLiteral("report.pdf"));
        {
            QFile file(pdf);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("%PDF-1.4\n");
            file.write(QByteArray(250'000, 'r'));
        }
        // Dropped on the conversation: the preview, as for the paperclip.
        ConversationView *view = m_anaWindow->conversationView();
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(pdf)});
        const QPoint at = view->messageList()->geometry().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view, &drop);
        QVERIFY(drop.isAccepted());
        AttachmentPreviewDialog *preview = view->attachmentSender()->previewDialog();
        QVERIFY(preview);
        QCOMPARE(preview->files(), QStringList{pdf});
        QTest::mouseClick(preview->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(!view->attachmentSender()->previewDialog());
        MessageModel *theirs = benChat();
        QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), 2, 20000);
        QVariantMap file = attachmentAt(theirs, 1);
        QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("report.pdf"));
        QCOMPARE(file.value(QStringLiteral("size")).toULongLong(), 250'009ull);
        QCOMPARE(file.value(QStringLiteral("state")).toString(), QStringLiteral("remote"));
        const QString described = m_benWindow->conversationView()
                                      ->messageList()
                                      ->model()
                                      ->index(1, 0)
                                      .data(Qt::AccessibleTextRole)
                                      .toString();
        QVERIFY2(described.contains(QStringLiteral("report.pdf")) &&
                     described.contains(QStringLiteral("250.0 kB")) &&
                     described.contains(QStringLiteral("not downloaded")),
                 qPrintable(described));
        QVERIFY(contextMenu(m_benWindow.get(), 1).contains(QStringLiteral("Download (250.0 kB)")));

        clickAttachment(m_benWindow.get(), 1, true); // the Download button
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(theirs, 1), QStringLiteral("done"), 20000);
        file = attachmentAt(theirs, 1);
        QCOMPARE(sha256Of(file.value(QStringLiteral("path")).toString()), sha256Of(pdf));
        const QStringList entries = contextMenu(m_benWindow.get(), 1);
        for (const QString &entry :
             {QStringLiteral("Open"), QStringLiteral("Save as…"), QStringLiteral("Show in folder")})
            QVERIFY2(entries.contains(entry), qPrintable(entries.join(u',')));

        // Open and Show in folder hand the file and its folder to the desktop.
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
        m_opened.clear();
        contextMenu(m_benWindow.get(), 1, QStringLiteral("Open"));
        contextMenu(m_benWindow.get(), 1, QStringLiteral("Show in folder"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        const QString saved = file.value(QStringLiteral("path")).toString();
        QCOMPARE(m_opened, (QList<QUrl>{QUrl::fromLocalFile(saved),
                                        QUrl::fromLocalFile(QFileInfo(saved).absolutePath())}));
    }

    void aLargeUploadAndDownloadCanBeCancelledAndRetried()
    {
        const QString big = m_ui.filePath(QStringLiteral("trip-photos.zip"));
        {
            QFile file(big);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray chunk(1 << 20, 'b');
            for (int i = 0; i < 64; ++i)
                file.write(chunk);
        }
        MediaClient &media = m_ana->client().media();
        // Cancelled from the bubble's button at the first progress report.
        QMetaObject::Connection once;
        once = connect(&media, &MediaClient::transferProgress, this, [&] {
            disconnect(once);
            clickAttachment(m_anaWindow.get(), anaChat()->rowCount() - 1, true);
        });
        sendThroughPreview({big});
        MessageModel *mine = anaChat();
        const int row = mine->rowCount() - 1;
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(mine, row), QStringLiteral("cancelled"), 20000);
        QVERIFY(contextMenu(m_anaWindow.get(), row).contains(QStringLiteral("Retry upload")));
        contextMenu(m_anaWindow.get(), row, QStringLiteral("Retry upload"));
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(mine, row), QStringLiteral("uploaded"), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(mine->index(row).data(MessageModel::StateRole).toInt() >=
                                     int(DeliveryState::Sent),
                                 20000);

        MessageModel *theirs = benChat();
        QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), row + 1, 20000);
        QCOMPARE(stateAt(theirs, row), QStringLiteral("remote"));
        MediaClient &benMedia = m_ben->client().media();
        once = connect(&benMedia, &MediaClient::transferProgress, this, [&] {
            disconnect(once);
            contextMenu(m_benWindow.get(), row, QStringLiteral("Cancel download"));
        });
        clickAttachment(m_benWindow.get(), row, true); // Download
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(theirs, row), QStringLiteral("cancelled"), 20000);
        clickAttachment(m_benWindow.get(), row, true); // Retry
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(theirs, row), QStringLiteral("done"), 60000);
        QCOMPARE(sha256Of(attachmentAt(theirs, row).value(QStringLiteral("path")).toString()),
                 sha256Of(big));
    }

    void aFileThatCannotBeQueuedSaysWhyAndSendsNothing()
    {
        const QString gone = m_ui.filePath(QStringLiteral("gone.txt"));
        {
            QFile file(gone);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("soon gone");
        }
        ConversationView *view = m_anaWindow->conversationView();
        const int before = anaChat()->rowCount();
        view->attachmentSender()->attach({gone});
        AttachmentPreviewDialog *preview = view->attachmentSender()->previewDialog();
        QVERIFY(preview);
        QVERIFY(QFile::remove(gone)); // taken away while the preview is open
        QTest::mouseClick(preview->sendButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = view->findChild<QMessageBox *>()) && box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("gone.txt")), qPrintable(box->text()));
        box->close();
        QCOMPARE(anaChat()->rowCount(), before);
    }

    void theAutoDownloadLimitSettingReachesTheEngine()
    {
        UiSettings settings(m_ui.filePath(QStringLiteral("ana-ui.ini")));
        SettingsDialog dialog(*m_ana, settings);
        auto *limit = dialog.findChild<QSpinBox *>(QStringLiteral("autoDownloadLimit"));
        QVERIFY(limit);
        QCOMPARE(limit->value(), 16);
        limit->setValue(3);
        QCOMPARE(settings.autoDownloadMegabytes(), 3);
        QCOMPARE(m_ana->client().media().autoDownloadLimit(), qint64(3'000'000));
        limit->setValue(0);
        QCOMPARE(m_ana->client().media().autoDownloadLimit(), qint64(0));
        QCOMPARE(limit->text(), QStringLiteral("Never"));
    }

    void theChatListSaysPhotoForAPhoto()
    {
        auto cy = m_ui.session(QStringLiteral("cy.media"), QStringLiteral("cy"));
        QVERIFY(cy);
        QTRY_COMPARE(cy->client().state(), ConnectionState::Online);
        const QString photo = m_ui.filePath(QStringLiteral("hills.jpg"));
        QVERIFY(landscape().save(photo, "JPEG"));
        QVERIFY(!cy->client().media().sendFile(m_benName, photo).isNull());
        auto preview = [this] {
            ConversationListModel &list = m_ben->conversations();
            const int row = list.rowOf(QStringLiteral("cy.media"));
            return row < 0
                       ? QString()
                       : list.index(row).data(ConversationListModel::LastMessageRole).toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(preview().startsWith(QStringLiteral("📷")), 20000);

        m_cy = std::move(cy);
    }

    void screenshotOfAMediaChat()
    {
        const QString dir = qEnvironmentVariable("LINNET_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LINNET_SCREENSHOT_DIR not set");
        m_ben->client().sendText(m_anaName,
                                 QStringLiteral("Wow, what a view! 😍 Got the report too."));
        QTRY_COMPARE_WITH_TIMEOUT(anaChat()->rowCount(), 4, 20000);
        m_benWindow->openChat(m_anaName);
        m_benWindow->conversationView()->messageList()->clearSelection();
        QDir().mkpath(dir);
        QVERIFY(m_benWindow->grab().save(QDir(dir).filePath(QStringLiteral("media.png"))));
    }
};

QTEST_MAIN(TestUiMedia)
#include "tst_ui_media.moc"
