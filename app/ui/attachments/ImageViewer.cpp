// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageViewer.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace linnet::ui {

namespace {
constexpr qreal kStep = 1.25;
constexpr qreal kMinZoom = 0.05;
constexpr qreal kMaxZoom = 16;
} // namespace

ImageViewer::ImageViewer(QList<Picture> pictures, int current, QWidget *parent)
    : QDialog(parent), m_pictures(std::move(pictures)), m_scroll(new QScrollArea(this)),
      m_canvas(new QLabel), m_error(new QLabel(this)), m_position(new QLabel(this))
{
    setObjectName(QStringLiteral("imageViewer"));
    setAccessibleName(tr("Picture viewer"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);

    m_canvas->setObjectName(QStringLiteral("imageCanvas"));
    m_canvas->setAlignment(Qt::AlignCenter);
    m_canvas->setAccessibleName(tr("Picture"));
    m_scroll->setWidget(m_canvas);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setBackgroundRole(QPalette::Dark);
    m_scroll->setAccessibleName(tr("Picture"));
    m_scroll->viewport()->installEventFilter(this);
    m_error->setObjectName(QStringLiteral("imageError"));
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setWordWrap(true);
    m_error->setVisible(false);

    m_previous = toolButton(tr("Previous"), QStringLiteral("previousPicture"), Qt::Key_Left);
    m_next = toolButton(tr("Next"), QStringLiteral("nextPicture"), Qt::Key_Right);
    QToolButton *out = toolButton(tr("Zoom out"), QStringLiteral("zoomOut"), Qt::Key_Minus);
    QToolButton *in = toolButton(tr("Zoom in"), QStringLiteral("zoomIn"), Qt::Key_Plus);
    QToolButton *fit = toolButton(tr("Fit"), QStringLiteral("fitPicture"), Qt::Key_0);
    QToolButton *actual = toolButton(tr("Actual size"), QStringLiteral("actualSize"), Qt::Key_1);
    connect(m_previous, &QToolButton::triggered, this, &ImageViewer::previous);
    connect(m_next, &QToolButton::triggered, this, &ImageViewer::next);
    connect(out, &QToolButton::triggered, this, &ImageViewer::zoomOut);
    connect(in, &QToolButton::triggered, this, &ImageViewer::zoomIn);
    connect(fit, &QToolButton::triggered, this, &ImageViewer::fitToWindow);
    connect(actual, &QToolButton::triggered, this, &ImageViewer::actualSize);
    // The usual second keys for zooming (Ctrl and = on keyboards without a plus key).
    for (const QKeySequence &key :
         {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::Key_Equal)})
        addAction(tr("Zoom in"), key, this, &ImageViewer::zoomIn);
    addAction(tr("Zoom out"), QKeySequence(QKeySequence::ZoomOut), this, &ImageViewer::zoomOut);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addStretch();
    bar->addWidget(m_position);
    bar->addStretch();
    bar->addWidget(out);
    bar->addWidget(in);
    bar->addWidget(fit);
    bar->addWidget(actual);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_error);
    layout->addLayout(bar);
    bar->setContentsMargins(8, 0, 8, 0);
    resize(900, 680);
    showPicture(current);
}

QToolButton *ImageViewer::toolButton(const QString &text, const QString &name,
                                     const QKeySequence &key)
{
    // The key on an action, not the button: a button's own shortcut clicks it 100 ms late.
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setDefaultAction(action);
    button->setAccessibleName(text);
    button->setAutoRaise(true);
    return button;
}

void ImageViewer::showPicture(int index)
{
    if (m_pictures.isEmpty())
        return;
    m_current = std::clamp(index, 0, int(m_pictures.size()) - 1);
    const Picture &picture = m_pictures.at(m_current);
    QImageReader reader(picture.path);
    reader.setAutoTransform(true);
    m_image = reader.read();
    m_error->setVisible(m_image.isNull());
    if (m_image.isNull())
        m_error->setText(tr("%1 cannot be shown: %2").arg(picture.name, reader.errorString()));
    const QString name = picture.name.isEmpty() ? QFileInfo(picture.path).fileName() : picture.name;
    setWindowTitle(m_pictures.size() > 1
                       ? tr("%1 (%2 of %3)").arg(name).arg(m_current + 1).arg(m_pictures.size())
                       : name);
    m_position->setText(m_pictures.size() > 1
                            ? tr("%1 of %2").arg(m_current + 1).arg(m_pictures.size())
                            : QString());
    m_canvas->setAccessibleName(name);
    m_previous->defaultAction()->setEnabled(m_current > 0);
    m_next->defaultAction()->setEnabled(m_current + 1 < m_pictures.size());
    fitToWindow();
}

void ImageViewer::next()
{
    if (m_current + 1 < m_pictures.size())
        showPicture(m_current + 1);
}

void ImageViewer::previous()
{
    if (m_current > 0)
        showPicture(m_current - 1);
}

void ImageViewer::zoomIn()
{
    setZoom(m_zoom * kStep);
}

void ImageViewer::zoomOut()
{
    setZoom(m_zoom / kStep);
}

void ImageViewer::fitToWindow()
{
    m_fit = true;
    m_zoom = fitZoom();
    render();
}

void ImageViewer::actualSize()
{
    setZoom(1);
}

void ImageViewer::setZoom(qreal zoom)
{
    m_fit = false;
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    render();
}

qreal ImageViewer::fitZoom() const
{
    if (m_image.isNull())
        return 1;
    const QSize room = (m_scroll->viewport()->size() - QSize(4, 4)).expandedTo(QSize(1, 1));
    return std::clamp(
        std::min(qreal(room.width()) / m_image.width(), qreal(room.height()) / m_image.height()),
        kMinZoom, 1.0);
}

void ImageViewer::render()
{
    if (m_image.isNull()) {
        m_canvas->clear();
        m_canvas->resize(m_scroll->viewport()->size());
        return;
    }
    const qreal dpr = devicePixelRatioF();
    const QSize shown = (QSizeF(m_image.size()) * m_zoom).toSize().expandedTo(QSize(1, 1));
    QPixmap pixmap = QPixmap::fromImage(
        m_image.scaled(shown * dpr, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(dpr);
    m_canvas->setPixmap(pixmap);
    m_canvas->resize(shown.expandedTo(m_scroll->viewport()->size() - QSize(2, 2)));
}

bool ImageViewer::eventFilter(QObject *watched, QEvent *event)
{
    // The picture's room is the viewport's: fitted pictures follow its size.
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize && m_fit)
        fitToWindow();
    if (watched == m_scroll->viewport() && event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            if (wheel->angleDelta().y() > 0)
                zoomIn();
            else if (wheel->angleDelta().y() < 0)
                zoomOut();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace linnet::ui
