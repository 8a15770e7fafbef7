// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QImage>
#include <QList>

class QLabel;
class QScrollArea;
class QToolButton;

namespace linnet::ui {

/**
 * Shows the pictures of a chat one at a time: fitted to the window at first,
 * zoomed with Ctrl+wheel, +, - (0 fits again, 1 shows actual size), the
 * previous and next picture with the arrow keys or buttons; Esc closes.
 */
class ImageViewer : public QDialog {
    Q_OBJECT
public:
    struct Picture {
        QString path;
        QString name;
    };

    ImageViewer(QList<Picture> pictures, int current, QWidget *parent = nullptr);

    int currentIndex() const { return m_current; }
    int count() const { return int(m_pictures.size()); }
    /** Shown pixels per image pixel. */
    qreal zoom() const { return m_zoom; }
    bool isFitting() const { return m_fit; }
    /** The picture as loaded (null if it could not be read). */
    const QImage &image() const { return m_image; }
    QLabel *errorLabel() const { return m_error; }

public Q_SLOTS:
    void showPicture(int index);
    void next();
    void previous();
    void zoomIn();
    void zoomOut();
    /** Fits the picture into the window (never enlarging it). */
    void fitToWindow();
    void actualSize();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setZoom(qreal zoom);
    void render();
    qreal fitZoom() const;
    QToolButton *toolButton(const QString &text, const QString &name, const QKeySequence &key);

    QList<Picture> m_pictures;
    int m_current = -1;
    QImage m_image;
    qreal m_zoom = 1;
    bool m_fit = true;
    QScrollArea *m_scroll;
    QLabel *m_canvas;
    QLabel *m_error;
    QLabel *m_position;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
};

} // namespace linnet::ui
