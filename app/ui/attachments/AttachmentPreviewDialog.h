// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;

namespace linnet::ui {

/**
 * Asks before files go out: a picture for an image, a frame for a video (decoded on
 * a worker thread; its icon until then, and if it cannot be), icon, name, size and type
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
    ~AttachmentPreviewDialog() override;

    /** The files that will be sent, in order. */
    QStringList files() const { return m_files; }
    /** The caption as typed, without blank space around it. */
    QString caption() const;
    /** Why each left-out file is left out ("name: reason"). */
    QStringList problems() const { return m_problems; }

    QLineEdit *captionEdit() const { return m_caption; }
    QPushButton *sendButton() const { return m_send; }

    /** Videos whose frame is still being decoded (0 once every one is shown or failed). */
    int framesPending() const { return m_framesPending; }

    /** Why @p path cannot be sent, or empty if it can. */
    static QString problemWith(const QString &path, quint64 maxSize);

private:
    QWidget *fileRow(const QString &path, const QString &problem, bool large);
    /** Decodes a frame of the video @p path off this thread and puts it into @p picture. */
    void showVideoFrame(const QString &path, QLabel *picture, int box);

    QStringList m_files;
    QStringList m_problems;
    QLineEdit *m_caption;
    QPushButton *m_send = nullptr;
    int m_framesPending = 0;
    /** Set when the dialog goes: a frame still being decoded stops. */
    std::shared_ptr<std::atomic_bool> m_closed = std::make_shared<std::atomic_bool>(false);
};

} // namespace linnet::ui
