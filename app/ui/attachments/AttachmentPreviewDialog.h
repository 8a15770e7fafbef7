// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QLineEdit;
class QPushButton;

namespace linnet::ui {

/**
 * Asks before files go out: a picture for an image, icon, name, size and type
 * for anything else, an optional caption, Send and Cancel. Files that cannot
 * be sent (unreadable, too large) are shown with the reason and left out;
 * several files become one message each, the caption going with the first.
 */
class AttachmentPreviewDialog : public QDialog {
    Q_OBJECT
public:
    /** @p maxSize: the largest file that can be sent, in bytes. */
    AttachmentPreviewDialog(const QStringList &paths, const QString &chatTitle, quint64 maxSize,
                            QWidget *parent = nullptr);

    /** The files that will be sent, in order. */
    QStringList files() const { return m_files; }
    /** The caption as typed, without blank space around it. */
    QString caption() const;
    /** Why each left-out file is left out ("name: reason"). */
    QStringList problems() const { return m_problems; }

    QLineEdit *captionEdit() const { return m_caption; }
    QPushButton *sendButton() const { return m_send; }

    /** Why @p path cannot be sent, or empty if it can. */
    static QString problemWith(const QString &path, quint64 maxSize);

private:
    QWidget *fileRow(const QString &path, const QString &problem, bool large);

    QStringList m_files;
    QStringList m_problems;
    QLineEdit *m_caption;
    QPushButton *m_send = nullptr;
};

} // namespace linnet::ui
