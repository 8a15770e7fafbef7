// SPDX-License-Identifier: GPL-3.0-or-later
// The attachment part of a message, offscreen and without a server: what each state
// offers and how it is said, the picture and file-card layout, the bubbles in a real
// list view and what clicks on them ask for, and what opening, fetching, cancelling
// and saving do (AttachmentActions against a recording MediaClient).
#include "AttachmentSamples.h"
#include "MessageDelegate.h"
#include "TestBase.h"
#include "Theme.h"
#include "attachments/AttachmentActions.h"
#include "attachments/AttachmentFiles.h"
#include "attachments/AttachmentPainter.h"
#include "attachments/ImageViewer.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QListView>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::ui;
using namespace linnet::test::samples;
using Action = AttachmentFiles::Action;

class TestUiAttachmentBubbles : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QList<QUrl> m_opened; ///< what was handed to the desktop to open

public Q_SLOTS:
    /** Stands in for the desktop's file handler (QDesktopServices::setUrlHandler). */
    void openUrl(const QUrl &url) { m_opened.append(url); }

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        applyTheme(*qApp, ThemeMode::Light);
        QVERIFY(m_dir.isValid());
    }

    void eachStateOffersItsButtonAndWordsForIt()
    {
        QCOMPARE(AttachmentFiles::actionFor(imageAttachment(QStringLiteral("remote")), false),
                 Action::Download);
        QCOMPARE(AttachmentFiles::actionFor(imageAttachment(QStringLiteral("downloading")), false),
                 Action::Cancel);
        QCOMPARE(AttachmentFiles::actionFor(fileAttachment(QStringLiteral("uploading")), true),
                 Action::Cancel);
        QCOMPARE(AttachmentFiles::actionFor(fileAttachment(QStringLiteral("failed")), true),
                 Action::Retry);
        QCOMPARE(AttachmentFiles::actionFor(fileAttachment(QStringLiteral("cancelled")), false),
                 Action::Retry);
        QCOMPARE(AttachmentFiles::actionFor(fileAttachment(QStringLiteral("uploaded")), true),
                 Action::None);
        QCOMPARE(AttachmentFiles::actionFor(fileAttachment(QStringLiteral("done")), false),
                 Action::None);
        const QVariantMap remote = fileAttachment(QStringLiteral("remote"));
        QCOMPARE(AttachmentFiles::actionText(Action::Download, remote, false),
                 QStringLiteral("Download (2.4 MB)"));
        QCOMPARE(AttachmentFiles::actionText(Action::Cancel,
                                             fileAttachment(QStringLiteral("uploading")), true),
                 QStringLiteral("Cancel upload"));
        QCOMPARE(AttachmentFiles::describe(imageAttachment(QStringLiteral("downloading"))),
                 QStringLiteral("Photo beach.jpg, 3.2 MB, downloading 25%"));
        QVariantMap failed = fileAttachment(QStringLiteral("failed"));
        failed.insert(QStringLiteral("error"), QStringLiteral("the file's hash does not match"));
        QCOMPARE(AttachmentFiles::describe(failed),
                 QStringLiteral("File report.pdf, 2.4 MB, PDF document, transfer failed: the "
                                "file's hash does not match"));
        QCOMPARE(AttachmentFiles::progress(fileAttachment(QStringLiteral("done"))), -1.0);
        QVERIFY(qAbs(AttachmentFiles::progress(fileAttachment(QStringLiteral("uploading"))) - 0.5) <
                0.01);
    }

    void aPictureIsAtMost300PxAndAFileCardHasItsProgressUnderIt()
    {
        const QFont font = QApplication::font();
        const auto picture = AttachmentPainter::layout(imageAttachment(QStringLiteral("remote")),
                                                       false, font, {}, 500);
        // 4:3 at most 300 px, a Download button in the middle, no bar until it moves.
        QCOMPARE(picture.picture.size(), QSizeF(300, 225));
        QCOMPARE(picture.action, Action::Download);
        QVERIFY(picture.picture.contains(picture.button));
        QVERIFY(picture.progress.isEmpty());
        const auto narrow = AttachmentPainter::layout(imageAttachment(QStringLiteral("done")),
                                                      false, font, {}, 200);
        QCOMPARE(narrow.picture.width(), 200.0);
        QVERIFY(narrow.button.isEmpty()); // here: nothing to press
        const auto moving = AttachmentPainter::layout(
            imageAttachment(QStringLiteral("downloading")), false, font, {}, 500);
        QVERIFY(!moving.progress.isEmpty());
        QVERIFY(moving.picture.contains(moving.progress));

        const auto card = AttachmentPainter::layout(fileAttachment(QStringLiteral("uploading")),
                                                    true, font, QPointF(10, 20), 400);
        QVERIFY(card.picture.isEmpty());
        QCOMPARE(card.button, card.icon); // Cancel where the icon was
        QVERIFY(card.progress.top() >= card.details.bottom());
        QVERIFY(card.area.contains(card.progress));
        // The same height with and without the bar: nothing under it jumps when it ends.
        QCOMPARE(AttachmentPainter::layout(fileAttachment(QStringLiteral("uploaded")), true, font,
                                           QPointF(10, 20), 400)
                     .area,
                 card.area);
        QCOMPARE(card.area.topLeft(), QPointF(10, 20));
        QCOMPARE(AttachmentPainter::detailsText(fileAttachment(QStringLiteral("done"))),
                 QStringLiteral("2.4 MB · PDF document"));
        QCOMPARE(AttachmentPainter::detailsText(fileAttachment(QStringLiteral("uploading"))),
                 QStringLiteral("1.2 MB of 2.4 MB"));
        QVERIFY(!AttachmentPainter::showsFullPicture(imageAttachment(QStringLiteral("remote"))));
        QVERIFY(AttachmentPainter::showsFullPicture(
            imageAttachment(QStringLiteral("done"), QStringLiteral("/x.png"))));

        // A video is a picture too (its thumbnail), with a play button once it is here.
        QVariantMap video = imageAttachment(QStringLiteral("done"), QStringLiteral("/x.mp4"));
        video.insert(QStringLiteral("kind"), QStringLiteral("video"));
        video.insert(QStringLiteral("mime"), QStringLiteral("video/mp4"));
        const auto played = AttachmentPainter::layout(video, false, font, {}, 500);
        QVERIFY(!played.picture.isEmpty());
        QCOMPARE(played.action, Action::None);
        QVERIFY(played.picture.contains(played.button));
    }

    void aVideoHasABadgeWithThePlaySignAndItsLengthAboveTheBar()
    {
        const QFont font = QApplication::font();
        QCOMPARE(AttachmentFiles::durationText(0), QStringLiteral("0:00"));
        QCOMPARE(AttachmentFiles::durationText(6000), QStringLiteral("0:06"));
        QCOMPARE(AttachmentFiles::durationText(59'600), QStringLiteral("1:00"));
        QCOMPARE(AttachmentFiles::durationText(754'000), QStringLiteral("12:34"));
        QCOMPARE(AttachmentFiles::durationText(3'723'000), QStringLiteral("1:02:03"));

        QVariantMap video = imageAttachment(QStringLiteral("remote"));
        video.insert(QStringLiteral("kind"), QStringLiteral("video"));
        video.insert(QStringLiteral("ms"), qulonglong(6000));
        QCOMPARE(AttachmentPainter::badgeText(video), QStringLiteral("0:06"));
        const auto still = AttachmentPainter::layout(video, false, font, {}, 500);
        QVERIFY(still.picture.contains(still.badge));
        QCOMPARE(still.action, Action::Download);
        QVERIFY(!still.badge.intersects(still.button));
        video.insert(QStringLiteral("state"), QStringLiteral("downloading"));
        const auto moving = AttachmentPainter::layout(video, false, font, {}, 500);
        QVERIFY(moving.badge.bottom() <= moving.progress.top()); // never over the bar
        // Unknown length: the play sign alone, a narrower badge; pictures have none.
        video.remove(QStringLiteral("ms"));
        QCOMPARE(AttachmentPainter::badgeText(video), QString());
        QVERIFY(AttachmentPainter::layout(video, false, font, {}, 500).badge.width() <
                moving.badge.width());
        // ... and none once ▶ is in the middle (the file is here): one play sign is enough.
        video.insert(QStringLiteral("state"), QStringLiteral("done"));
        video.insert(QStringLiteral("path"), QStringLiteral("/x.mp4"));
        const auto here = AttachmentPainter::layout(video, false, font, {}, 500);
        QVERIFY(!here.button.isEmpty());
        QVERIFY(here.badge.isEmpty());
        QVERIFY(AttachmentPainter::layout(imageAttachment(QStringLiteral("remote")), false, font,
                                          {}, 500)
                    .badge.isEmpty());
    }

    void bubblesShowPicturesAndFileCardsWithTheirButtons()
    {
        const QString png =
            writePng(m_dir.filePath(QStringLiteral("full.png")), {800, 600}, Qt::darkYellow);
        QStandardItemModel model;
        model.appendRow(row({}, false, QStringLiteral("hello")));                     // 0
        model.appendRow(row(imageAttachment(QStringLiteral("remote")), false));       // 1
        model.appendRow(row(imageAttachment(QStringLiteral("done"), png), false));    // 2
        model.appendRow(row(fileAttachment(QStringLiteral("uploading"), png), true)); // 3
        model.appendRow(
            row(fileAttachment(QStringLiteral("done"), png), false, QStringLiteral("see p. 3")));
        QListView view;
        auto *delegate = new MessageDelegate(&view);
        view.setItemDelegate(delegate);
        view.setModel(&model);
        view.resize(700, 1400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const QRect text = view.visualRect(model.index(0, 0));
        const QRect picture = delegate->attachmentRect(model.index(1, 0), false);
        // A 4:3 picture at most 300 px: wider than tall, much taller than a text line.
        QVERIFY2(picture.width() >= 290 && picture.height() >= 200 &&
                     picture.width() > picture.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(picture.width()).arg(picture.height())));
        QVERIFY(view.visualRect(model.index(1, 0)).height() > 3 * text.height());
        QVERIFY(delegate->attachmentRect(model.index(0, 0), false).isEmpty());
        // Download on the blurred picture; none on the downloaded one.
        QVERIFY(picture.contains(delegate->attachmentRect(model.index(1, 0), true)));
        QVERIFY(delegate->attachmentRect(model.index(2, 0), true).isEmpty());
        QVERIFY(!AttachmentPainter::showsFullPicture(imageAttachment(QStringLiteral("remote"))));
        QVERIFY(AttachmentPainter::showsFullPicture(imageAttachment(QStringLiteral("done"), png)));
        // The file card: Cancel while it uploads, with a progress bar under it.
        QVERIFY(!delegate->attachmentRect(model.index(3, 0), true).isEmpty());
        const auto card = AttachmentPainter::layout(fileAttachment(QStringLiteral("uploading")),
                                                    true, view.font(), {}, 400);
        QVERIFY(!card.progress.isEmpty());
        QVERIFY(card.progress.top() >= card.name.bottom());
        QCOMPARE(AttachmentPainter::detailsText(fileAttachment(QStringLiteral("done"))),
                 QStringLiteral("2.4 MB · PDF document"));
        QCOMPARE(AttachmentPainter::detailsText(fileAttachment(QStringLiteral("uploading"))),
                 QStringLiteral("1.2 MB of 2.4 MB"));
        // A caption goes under its file: that bubble is taller than the one without.
        QVERIFY(view.visualRect(model.index(4, 0)).height() >
                view.visualRect(model.index(3, 0)).height());
        // Everything paints (blurred thumbnail, picture from the file, cards).
        QVERIFY(!view.grab().isNull());
    }

    void clicksOnABubbleAskToOpenAndOnItsButtonForTheAction()
    {
        QStandardItemModel model;
        model.appendRow(row(imageAttachment(QStringLiteral("remote")), false));
        model.appendRow(row(fileAttachment(QStringLiteral("failed")), true));
        QListView view;
        auto *delegate = new MessageDelegate(&view);
        view.setItemDelegate(delegate);
        view.setModel(&model);
        view.resize(700, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy opened(delegate, &MessageDelegate::attachmentActivated);
        QSignalSpy actions(delegate, &MessageDelegate::attachmentActionRequested);

        const QRect button = delegate->attachmentRect(model.index(0, 0), true);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, button.center());
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.first().at(1).value<Action>(), Action::Download);
        QCOMPARE(opened.size(), 0);
        const QRect picture = delegate->attachmentRect(model.index(0, 0), false);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, picture.topLeft() + QPoint(8, 8));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).value<QModelIndex>().row(), 0);

        const QRect retry = delegate->attachmentRect(model.index(1, 0), true);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, retry.center());
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions.last().at(1).value<Action>(), Action::Retry);
        QCOMPARE(actions.last().at(0).value<QModelIndex>().row(), 1);
    }

    void saveCopyReplacesTheTargetAndLeavesNothingHalfWritten()
    {
        const QString from = writeFile(m_dir.filePath(QStringLiteral("orig.bin")), 5000);
        const QString to = m_dir.filePath(QStringLiteral("copy.bin"));
        writeFile(to, 10);
        QString error;
        QVERIFY2(AttachmentActions::saveCopy(from, to, &error), qPrintable(error));
        QCOMPARE(QFileInfo(to).size(), 5000);
        QVERIFY(!QFile::exists(to + QStringLiteral(".part")));
        const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/copy.bin"));
        QVERIFY(!AttachmentActions::saveCopy(from, nowhere, &error));
        QVERIFY2(error.contains(QStringLiteral("could not be saved")), qPrintable(error));
        QVERIFY(!QFile::exists(nowhere));
    }

    void theViewerStepsOnlyThroughDownloadedPictures()
    {
        const QString png = writePng(m_dir.filePath(QStringLiteral("a.png")), {10, 10}, Qt::red);
        QStandardItemModel model;
        model.appendRow(row(imageAttachment(QStringLiteral("done"), png), false));
        model.appendRow(row(imageAttachment(QStringLiteral("remote")), false));
        model.appendRow(row(fileAttachment(QStringLiteral("done"), png), false));
        model.appendRow(row({}, false, QStringLiteral("text")));
        model.appendRow(row(imageAttachment(QStringLiteral("uploaded"), png), true));
        QVariantMap video = imageAttachment(QStringLiteral("done"), png);
        video.insert(QStringLiteral("kind"), QStringLiteral("video"));
        model.appendRow(row(video, false)); // opened by the desktop, not the viewer
        int current = -2;
        const auto pictures = AttachmentActions::picturesOf(&model, 4, &current);
        QCOMPARE(pictures.size(), 2);
        QCOMPARE(current, 1);
        QCOMPARE(pictures.at(0).name, QStringLiteral("beach.jpg"));
        AttachmentActions::picturesOf(&model, 1, &current);
        QCOMPARE(current, -1);
    }

    void openingShowsPicturesHandsOtherFilesToTheDesktopAndFetchesWhatIsNotHere()
    {
        const QString png = writePng(m_dir.filePath(QStringLiteral("o.png")), {40, 30}, Qt::red);
        QStandardItemModel model;
        model.appendRow(row(imageAttachment(QStringLiteral("done"), png), false));    // 0
        model.appendRow(row(fileAttachment(QStringLiteral("done"), png), false));     // 1
        model.appendRow(row(imageAttachment(QStringLiteral("remote")), false));       // 2
        model.appendRow(row(fileAttachment(QStringLiteral("uploading"), png), true)); // 3
        model.appendRow(row(fileAttachment(QStringLiteral("failed")), false));        // 4
        const auto id = [&](int r) {
            return model.index(r, 0).data(MessageModel::IdRole).toString();
        };
        FakeMedia media;
        QWidget parent;
        AttachmentActions actions(media, &parent);

        actions.open(model.index(0, 0));
        QVERIFY(actions.viewer());
        QCOMPARE(actions.viewer()->image().size(), QSize(40, 30));
        actions.viewer()->close();

        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
        actions.open(model.index(1, 0));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(m_opened, QList<QUrl>{QUrl::fromLocalFile(png)});

        // No application for it on this computer (offscreen: none at all): a message says
        // so and what to do instead; nothing else happens.
        actions.open(model.index(1, 0));
        QVERIFY(actions.problem());
        QTRY_VERIFY(actions.problem()->isVisible());
        QVERIFY(actions.problem()->text().contains(QStringLiteral("report.pdf")));
        QVERIFY(actions.problem()->text().contains(QStringLiteral("Save as")));
        actions.problem()->close();
        QTRY_VERIFY(!actions.problem());
        QVERIFY(media.calls.isEmpty());

        actions.open(model.index(2, 0)); // not here: fetched instead
        actions.perform(model.index(3, 0), Action::Cancel);
        actions.open(model.index(4, 0)); // failed: tried again
        QCOMPARE(media.calls, (QStringList{QStringLiteral("download ") + id(2),
                                           QStringLiteral("cancel ") + id(3),
                                           QStringLiteral("retry ") + id(4)}));
    }
};

QTEST_MAIN(TestUiAttachmentBubbles)
#include "tst_ui_attachmentbubbles.moc"
