// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AttachmentFiles.h"
#include "ImageViewer.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QAbstractItemModel;
class QMenu;
class QModelIndex;
class QWidget;

namespace linnet::client {
class MediaClient;
}

namespace linnet::ui {

/**
 * What can be done with an attachment in the conversation: open it (pictures
 * in the ImageViewer, everything else with the desktop's application), fetch,
 * cancel or retry it, save a copy, show its folder. The bubble's click
 * targets, the context menu and the keyboard (Enter) all end here.
 */
class AttachmentActions : public QObject {
    Q_OBJECT
public:
    AttachmentActions(client::MediaClient &media, QWidget *parent);

    /** Opens @p index's attachment (pictures in the viewer, other files with the desktop's
     *  application; if there is none, a message says so); one not fetched yet is fetched
     *  instead. */
    void open(const QModelIndex &index);
    void perform(const QModelIndex &index, AttachmentFiles::Action action);
    /** Asks where, then saveCopy(). */
    void saveAs(const QModelIndex &index);
    void showInFolder(const QModelIndex &index);
    /** Adds the entries for @p index's attachment (if it has one) to @p menu. */
    void addMenuActions(QMenu *menu, const QModelIndex &index);

    /** Copies @p from to @p to, replacing it; false with the reason in @p error. */
    static bool saveCopy(const QString &from, const QString &to, QString *error);
    /** The pictures (downloaded images) of @p model in order; @p current gets the
     *  position of @p row among them (-1 if it is not one). */
    static QList<ImageViewer::Picture> picturesOf(const QAbstractItemModel *model, int row,
                                                  int *current);

    /** The viewer on screen, if any. */
    ImageViewer *viewer() const { return m_viewer.data(); }
    /** The message that no application opens a file, while it is shown. */
    QMessageBox *problem() const { return m_problem.data(); }

private:
    client::MediaClient &m_media;
    QWidget *m_parent;
    QPointer<ImageViewer> m_viewer;
    QPointer<QMessageBox> m_problem;
};

} // namespace linnet::ui
