// SPDX-License-Identifier: GPL-3.0-or-later
// The attachment widgets on their own, offscreen and without a server: pasting an
// image or a file into the compose box hands it on instead of inserting text, the
// preview before sending, the picture viewer, their accessibility, and the
// auto-download setting. The bubbles are in tst_ui_attachmentbubbles.
#include "AttachmentSamples.h"
#include "ComposeEdit.h"
#include "TestBase.h"
#include "TestData.h"
#include "Theme.h"
#include "UiAudit.h"
#include "UiSettings.h"
#include "attachments/AttachmentFiles.h"
#include "attachments/AttachmentPreviewDialog.h"
#include "attachments/ImageViewer.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QThreadPool>
#include <QtTest>

using namespace linnet::ui;
using namespace linnet::test::samples;
using Action = AttachmentFiles::Action;
using linnet::test::testDataPath;

class TestUiAttachments : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY(m_dir.isValid());
    }

    void pastingAnImageHandsItOnInsteadOfInsertingText()
    {
        ComposeEdit compose;
        QSignalSpy images(&compose, &ComposeEdit::imagePasted);
        QSignalSpy files(&compose, &ComposeEdit::filesPasted);
        auto *data = new QMimeData;
        QImage image(QSize(20, 10), QImage::Format_RGB32);
        image.fill(Qt::red);
        data->setImageData(image);
        QGuiApplication::clipboard()->setMimeData(data);
        compose.paste();
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.first().at(0).value<QImage>().size(), QSize(20, 10));
        QCOMPARE(files.size(), 0);
        QCOMPARE(compose.toPlainText(), QString());
    }

    void pastingAFileHandsItOnInsteadOfItsPath()
    {
        const QString path = writeFile(m_dir.filePath(QStringLiteral("notes.txt")), 12);
        QVERIFY(!path.isEmpty());
        ComposeEdit compose;
        QSignalSpy images(&compose, &ComposeEdit::imagePasted);
        QSignalSpy files(&compose, &ComposeEdit::filesPasted);
        auto *data = new QMimeData;
        data->setUrls({QUrl::fromLocalFile(path), QUrl::fromLocalFile(m_dir.path()),
                       QUrl(QStringLiteral("https://example.org/x.png"))});
        data->setText(QUrl::fromLocalFile(path).toString());
        QGuiApplication::clipboard()->setMimeData(data);
        compose.paste();
        // The file only: folders and remote links are not files to send.
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().at(0).toStringList(), QStringList{path});
        QCOMPARE(images.size(), 0);
        QVERIFY(!compose.toPlainText().contains(QStringLiteral("file:")));
    }

    void theFileDialogStartsInAFolderThatExists()
    {
        // Found as a user: with no ~/Pictures the dialog opened the home folder with
        // "Pictures" typed in as the file name.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QCOMPARE(AttachmentFiles::startFolder(dir.path(), QStringLiteral("/fallback")), dir.path());
        QCOMPARE(AttachmentFiles::startFolder(dir.filePath(QStringLiteral("Pictures")),
                                              QStringLiteral("/fallback")),
                 QStringLiteral("/fallback"));
        QCOMPARE(AttachmentFiles::startFolder(QString(), QStringLiteral("/fallback")),
                 QStringLiteral("/fallback"));
    }

    void pastingTextStillInsertsIt()
    {
        ComposeEdit compose;
        QSignalSpy files(&compose, &ComposeEdit::filesPasted);
        QGuiApplication::clipboard()->setText(QStringLiteral("just words"));
        compose.paste();
        QCOMPARE(compose.toPlainText(), QStringLiteral("just words"));
        QCOMPARE(files.size(), 0);
    }

    void aPastedImageIsSavedAsAPngWithADistinctName()
    {
        QTemporaryDir dir;
        QImage image(QSize(30, 20), QImage::Format_RGB32);
        image.fill(Qt::blue);
        QString error;
        const QString first = AttachmentFiles::savePastedImage(image, dir.path(), &error);
        const QString second = AttachmentFiles::savePastedImage(image, dir.path(), &error);
        QVERIFY2(!first.isEmpty() && !second.isEmpty(), qPrintable(error));
        QVERIFY(first != second);
        QVERIFY(first.endsWith(QStringLiteral(".png")));
        QCOMPARE(QImage(first).size(), QSize(30, 20));
        QVERIFY(AttachmentFiles::isImageFile(first));

        QVERIFY(AttachmentFiles::savePastedImage(QImage(), dir.path(), &error).isEmpty());
        QCOMPARE(error, QStringLiteral("The pasted image is empty."));
        QVERIFY(
            AttachmentFiles::savePastedImage(image, dir.filePath(QStringLiteral("gone/x")), &error)
                .isEmpty());
        QVERIFY2(error.contains(QStringLiteral("could not be saved")), qPrintable(error));
    }

    void thePreviewShowsAPictureForAnImageAndNameSizeAndTypeForAFile()
    {
        const QString png =
            writePng(m_dir.filePath(QStringLiteral("shot.png")), {400, 300}, Qt::darkGreen);
        const QString pdf = writeFile(m_dir.filePath(QStringLiteral("report.pdf")), 2048);
        AttachmentPreviewDialog single({png}, QStringLiteral("ben"), 1 << 20);
        QCOMPARE(single.windowTitle(), QStringLiteral("Send to ben"));
        auto *picture = single.findChild<QLabel *>(QStringLiteral("attachmentPicture"));
        QVERIFY(picture);
        QVERIFY(picture->pixmap().width() > 100); // shown large: the only file
        QCOMPARE(single.files(), QStringList{png});

        AttachmentPreviewDialog two({png, pdf}, QStringLiteral("ben"), 1 << 20);

        const auto names = two.findChildren<QLabel *>(QStringLiteral("attachmentName"));
        QCOMPARE(names.size(), 2);
        QCOMPARE(names.at(1)->text(), QStringLiteral("report.pdf"));
        const auto details = two.findChildren<QLabel *>(QStringLiteral("attachmentDetails"));
        QVERIFY2(details.at(1)->text().contains(QStringLiteral("2.0 kB")) &&
                     details.at(1)->text().contains(QStringLiteral("PDF")),
                 qPrintable(details.at(1)->text()));
        QCOMPARE(two.files(), (QStringList{png, pdf}));
        QVERIFY(two.captionEdit()->placeholderText().contains(QStringLiteral("first")));
        QVERIFY(two.sendButton()->isEnabled());
        QVERIFY(two.sendButton()->isDefault());
        QCOMPARE(two.captionEdit()->accessibleName(), QStringLiteral("Caption"));
        QTest::keyClicks(two.captionEdit(), QStringLiteral("  the report  "));
        QCOMPARE(two.caption(), QStringLiteral("the report"));
    }

    void thePreviewShowsAFrameOfAVideoOnceDecodedAndItsIconIfThereIsNone()
    {
        // The frame is decoded on a worker: the dialog is there at once with the icon.
        AttachmentPreviewDialog single({testDataPath(QStringLiteral("video-160x90-6s.mp4"))},
                                       QStringLiteral("ben"), 1 << 20);
        auto *picture = single.findChild<QLabel *>(QStringLiteral("attachmentPicture"));
        QVERIFY(picture);
        QCOMPARE(single.framesPending(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(single.framesPending(), 0, 20000);
        QCOMPARE(picture->pixmap().size(), QSize(160, 90)); // the frame itself, not bigger
        QVERIFY(qGray(picture->pixmap().toImage().pixel(20, 20)) > 60); // past the black start
        // The dialog makes room for it: name and details are not scrolled away.
        single.show();
        QVERIFY(QTest::qWaitForWindowExposed(&single));
        auto *scroll = single.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QTRY_COMPARE(scroll->verticalScrollBar()->maximum(), 0);

        AttachmentPreviewDialog broken({testDataPath(QStringLiteral("broken.mp4"))},
                                       QStringLiteral("ben"), 1 << 20);
        auto *icon = broken.findChild<QLabel *>(QStringLiteral("attachmentPicture"));
        const QSize before = icon->pixmap().size();
        QTRY_COMPARE_WITH_TIMEOUT(broken.framesPending(), 0, 20000);
        QCOMPARE(icon->pixmap().size(), before); // its icon stays
        QCOMPARE(broken.files().size(), 1);      // and it is sent all the same
    }

    void aPreviewClosedWhileAFrameIsDecodedLeavesNothingBehind()
    {
        auto dialog = std::make_unique<AttachmentPreviewDialog>(
            QStringList{testDataPath(QStringLiteral("video-160x90-6s.mp4"))}, QStringLiteral("ben"),
            1 << 20);
        QCOMPARE(dialog->framesPending(), 1);
        dialog.reset(); // the worker is told to stop; its result goes nowhere
        QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
    }

    void thePreviewLeavesOutWhatCannotBeSentAndSaysWhy()
    {
        const QString big = writeFile(m_dir.filePath(QStringLiteral("big.bin")), 4096);
        const QString missing = m_dir.filePath(QStringLiteral("missing.bin"));
        AttachmentPreviewDialog dialog({big, missing, m_dir.path()}, QStringLiteral("ben"), 1000);
        QVERIFY(dialog.files().isEmpty());
        QVERIFY(!dialog.sendButton()->isEnabled());
        const QStringList problems = dialog.problems();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.at(0).startsWith(QStringLiteral("big.bin: larger than 1.0 kB")),
                 qPrintable(problems.at(0)));
        QVERIFY(problems.at(1).contains(QStringLiteral("does not exist")));
        QVERIFY(problems.at(2).contains(QStringLiteral("not folders")));
        const auto details = dialog.findChildren<QLabel *>(QStringLiteral("attachmentDetails"));
        QVERIFY(details.at(0)->text().startsWith(QStringLiteral("Cannot be sent: ")));
    }

    void theViewerFitsZoomsStepsThroughPicturesAndClosesOnEscape()
    {
        QList<ImageViewer::Picture> pictures;
        for (int i = 0; i < 3; ++i)
            pictures.append({writePng(m_dir.filePath(QStringLiteral("p%1.png").arg(i)),
                                      {2000 + i, 1500}, Qt::GlobalColor(Qt::red + i)),
                             QStringLiteral("p%1.png").arg(i)});
        ImageViewer viewer(pictures, 1);
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QApplication::setActiveWindow(&viewer);
        QTRY_VERIFY(viewer.isActiveWindow());
        QCOMPARE(viewer.currentIndex(), 1);
        QCOMPARE(viewer.windowTitle(), QStringLiteral("p1.png (2 of 3)"));
        QVERIFY(viewer.isFitting());
        QVERIFY(viewer.zoom() < 0.5 && viewer.zoom() > 0.3); // 2000 px into an 800 px window

        const qreal fitted = viewer.zoom();
        QTest::mouseClick(viewer.findChild<QToolButton *>(QStringLiteral("zoomIn")),
                          Qt::LeftButton);
        QVERIFY(viewer.zoom() > fitted);
        QVERIFY(!viewer.isFitting());
        QTest::keyClick(&viewer, Qt::Key_1);
        QCOMPARE(viewer.zoom(), 1.0);
        QTest::keyClick(&viewer, Qt::Key_0);
        QVERIFY(viewer.isFitting());

        QTest::keyClick(&viewer, Qt::Key_Right);
        QCOMPARE(viewer.currentIndex(), 2);
        QCOMPARE(viewer.image().width(), 2002);
        QVERIFY(!viewer.findChild<QToolButton *>(QStringLiteral("nextPicture"))->isEnabled());
        viewer.next();
        QCOMPARE(viewer.currentIndex(), 2);
        QTest::keyClick(&viewer, Qt::Key_Left);
        QTest::keyClick(&viewer, Qt::Key_Left);
        QCOMPARE(viewer.currentIndex(), 0);

        QTest::keyClick(&viewer, Qt::Key_Escape);
        QTRY_VERIFY(!viewer.isVisible());
    }

    void theViewerSaysSoWhenAPictureCannotBeRead()
    {
        const QString broken = writeFile(m_dir.filePath(QStringLiteral("broken.png")), 100);
        ImageViewer viewer({{broken, QStringLiteral("broken.png")}}, 0);
        viewer.show();
        QVERIFY(viewer.image().isNull());
        QVERIFY(viewer.errorLabel()->isVisible());
        QVERIFY(
            viewer.errorLabel()->text().startsWith(QStringLiteral("broken.png cannot be shown")));
    }

    void thePreviewAndTheViewerAreNamedAndReachedByTab()
    {
        const QString png =
            writePng(m_dir.filePath(QStringLiteral("a11y.png")), {300, 200}, Qt::darkBlue);
        AttachmentPreviewDialog preview({png}, QStringLiteral("ben"), 1 << 20);
        linnet::test::audit::activate(&preview);
        QVERIFY_NONE(linnet::test::audit::unnamedControls(&preview));
        QVERIFY_NONE(linnet::test::audit::notReachedByTab(&preview));

        ImageViewer viewer({{png, QStringLiteral("a11y.png")}, {png, QStringLiteral("b.png")}}, 0);
        linnet::test::audit::activate(&viewer);
        QVERIFY_NONE(linnet::test::audit::unnamedControls(&viewer));
        QVERIFY_NONE(linnet::test::audit::notReachedByTab(&viewer));
    }

    void theAutoDownloadLimitIsSixteenMegabytesUntilChanged()
    {
        const QString path = m_dir.filePath(QStringLiteral("ui.ini"));
        {
            UiSettings settings(path);
            QCOMPARE(settings.autoDownloadMegabytes(), 16);
            settings.setAutoDownloadMegabytes(50);
            QCOMPARE(settings.autoDownloadMegabytes(), 50);
            settings.setAutoDownloadMegabytes(0);
            QCOMPARE(settings.autoDownloadMegabytes(), 0);
            settings.sync();
        }
        QCOMPARE(UiSettings(path).autoDownloadMegabytes(), 0);
        QCOMPARE(UiSettings::megabytesToBytes(16), qint64(16'000'000));
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("media/auto_download_mb"), QStringLiteral("lots"));
        }
        QCOMPARE(UiSettings(path).autoDownloadMegabytes(), 16);
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("media/auto_download_mb"), -5);
        }
        QCOMPARE(UiSettings(path).autoDownloadMegabytes(), 16);
    }
};

QTEST_MAIN(TestUiAttachments)
#include "tst_ui_attachments.moc"
