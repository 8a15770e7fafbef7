// SPDX-License-Identifier: GPL-3.0-or-later
// The attachment widgets on their own, offscreen and without a server: pasting an
// image or a file into the compose box hands it on instead of inserting text, the
// preview before sending, the bubbles (picture, file card, button per state, clicks),
// the picture viewer, saving a copy, and the auto-download setting.
#include "ComposeEdit.h"
#include "MessageDelegate.h"
#include "TestBase.h"
#include "Theme.h"
#include "UiAudit.h"
#include "UiSettings.h"
#include "attachments/AttachmentActions.h"
#include "attachments/AttachmentFiles.h"
#include "attachments/AttachmentPainter.h"
#include "attachments/AttachmentPreviewDialog.h"
#include "attachments/ImageViewer.h"
#include "media/MediaClient.h"
#include "models/MessageModel.h"
#include "protocol/MessageId.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::ui;
using Action = AttachmentFiles::Action;

namespace {

QString writePng(const QString &path, const QSize &size, const QColor &color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    return image.save(path, "PNG") ? path : QString();
}

QString writeFile(const QString &path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray(bytes, 'x'));
    return path;
}

QByteArray thumbnailJpeg(const QColor &color)
{
    QImage image(QSize(64, 48), QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return bytes;
}

QVariantMap imageAttachment(const QString &state, const QString &path = {})
{
    return {{QStringLiteral("name"), QStringLiteral("beach.jpg")},
            {QStringLiteral("size"), qulonglong(3'200'000)},
            {QStringLiteral("mime"), QStringLiteral("image/jpeg")},
            {QStringLiteral("kind"), QStringLiteral("image")},
            {QStringLiteral("state"), state},
            {QStringLiteral("transferred"), qulonglong(800'000)},
            {QStringLiteral("total"), qulonglong(3'200'100)},
            {QStringLiteral("path"), path},
            {QStringLiteral("thumbnail"), thumbnailJpeg(Qt::darkCyan)},
            {QStringLiteral("width"), 1600},
            {QStringLiteral("height"), 1200},
            {QStringLiteral("error"), QString()}};
}

QVariantMap fileAttachment(const QString &state, const QString &path = {})
{
    return {{QStringLiteral("name"), QStringLiteral("report.pdf")},
            {QStringLiteral("size"), qulonglong(2'400'000)},
            {QStringLiteral("mime"), QStringLiteral("application/pdf")},
            {QStringLiteral("kind"), QStringLiteral("file")},
            {QStringLiteral("state"), state},
            {QStringLiteral("transferred"), qulonglong(1'200'000)},
            {QStringLiteral("total"), qulonglong(2'400'100)},
            {QStringLiteral("path"), path},
            {QStringLiteral("thumbnail"), QByteArray()},
            {QStringLiteral("width"), 0},
            {QStringLiteral("height"), 0},
            {QStringLiteral("error"), QString()}};
}

/** Records what AttachmentActions asks of the engine. */
class FakeMedia : public MediaClient {
public:
    QStringList calls;
    linnet::protocol::MessageId sendFile(const QString &, const QString &, const QString &) override
    {
        return {};
    }
    bool download(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("download ") + id.toHex();
        return true;
    }
    void cancel(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("cancel ") + id.toHex();
    }
    bool retry(const linnet::protocol::MessageId &id) override
    {
        calls << QStringLiteral("retry ") + id.toHex();
        return true;
    }
    std::optional<Attachment> attachment(const linnet::protocol::MessageId &) override
    {
        return {};
    }
    qint64 autoDownloadLimit() const override { return 0; }
    void setAutoDownloadLimit(qint64) override {}
    QString downloadDirectory() const override { return {}; }
    void setDownloadDirectory(const QString &) override {}
};

} // namespace

class TestUiAttachments : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QList<QUrl> m_opened; ///< what was handed to the desktop to open

    /** A message row as MessageModel gives it. */
    static QStandardItem *row(const QVariantMap &attachment, bool outgoing,
                              const QString &caption = {})
    {
        auto *item = new QStandardItem;
        item->setData(linnet::protocol::MessageId::generate().toHex(), MessageModel::IdRole);
        item->setData(outgoing ? QStringLiteral("me") : QStringLiteral("ben"),
                      MessageModel::SenderRole);
        item->setData(outgoing, MessageModel::OutgoingRole);
        item->setData(caption, MessageModel::TextRole);
        item->setData(QDateTime::currentMSecsSinceEpoch(), MessageModel::SentAtRole);
        item->setData(int(DeliveryState::Sent), MessageModel::StateRole);
        item->setData(int(attachment.isEmpty() ? MessageKind::Text : MessageKind::File),
                      MessageModel::KindRole);
        if (!attachment.isEmpty())
            item->setData(attachment, MessageModel::AttachmentRole);
        return item;
    }

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

        actions.open(model.index(2, 0)); // not here: fetched instead
        actions.perform(model.index(3, 0), Action::Cancel);
        actions.open(model.index(4, 0)); // failed: tried again
        QCOMPARE(media.calls, (QStringList{QStringLiteral("download ") + id(2),
                                           QStringLiteral("cancel ") + id(3),
                                           QStringLiteral("retry ") + id(4)}));
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
