// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrCodeView.h"

#include <QPainter>

namespace linnet::ui {

QrCodeView::QrCodeView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("qrCode"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

bool QrCodeView::setText(const QString &text)
{
    client::QrCode code = client::QrCode::encode(text);
    if (code.size() <= 0) {
        clear();
        return false;
    }
    m_code = std::move(code);
    updateGeometry();
    update();
    return true;
}

void QrCodeView::clear()
{
    m_code.reset();
    updateGeometry();
    update();
}

int QrCodeView::modulesAcross() const
{
    return m_code ? m_code->size() + 2 * kQuietZone : 0;
}

int QrCodeView::moduleSize() const
{
    const int across = modulesAcross();
    return across > 0 ? std::min(width(), height()) / across : 0;
}

QPoint QrCodeView::origin() const
{
    const int module = moduleSize();
    const int side = module * modulesAcross();
    return {(width() - side) / 2 + kQuietZone * module,
            (height() - side) / 2 + kQuietZone * module};
}

QSize QrCodeView::sizeHint() const
{
    const int across = modulesAcross();
    return across > 0 ? QSize(across * 5, across * 5) : QSize(0, 0);
}

QSize QrCodeView::minimumSizeHint() const
{
    const int across = modulesAcross();
    return QSize(across * 3, across * 3);
}

void QrCodeView::paintEvent(QPaintEvent *)
{
    const int module = moduleSize();
    if (!m_code || module == 0)
        return;
    QPainter painter(this);
    const int side = module * modulesAcross();
    const QRect area((width() - side) / 2, (height() - side) / 2, side, side);
    painter.fillRect(area, Qt::white); // light in every theme: cameras need the contrast
    const QPoint at = origin();
    for (int y = 0; y < m_code->size(); ++y)
        for (int x = 0; x < m_code->size(); ++x)
            if (m_code->module(x, y))
                painter.fillRect(at.x() + x * module, at.y() + y * module, module, module,
                                 Qt::black);
}

} // namespace linnet::ui
