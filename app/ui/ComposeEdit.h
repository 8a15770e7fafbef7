// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QPlainTextEdit>
#include <QStringList>

namespace linnet::ui {

/**
 * The message input: Enter sends, Shift+Enter starts a new line. Grows with
 * its text up to a few lines, then scrolls. Reports typing so the view can
 * tell the peer, and the length of what would be sent, which may not pass
 * protocol::kMaxTextLength: a longer text stays in the box. Pasted or dropped
 * images and files are not inserted as text (no "file:///" path): they are
 * handed on as attachments (imagePasted, filesPasted).
 */
class ComposeEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ComposeEdit(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /** Replaces the text without reporting typing (restoring a saved draft). */
    void setDraft(const QString &text);
    /** The message as it would be sent: the text without blank space around it. */
    QString message() const;
    /** Characters (UTF-16 code units) of message(), as the limit counts them. */
    int messageLength() const { return m_length; }
    /** True if message() is longer than protocol::kMaxTextLength: submit() keeps it. */
    bool isTooLong() const;

public Q_SLOTS:
    /** Sends what is typed (if anything but whitespace) and clears the box. */
    void submit();

Q_SIGNALS:
    void sendRequested(const QString &text);
    /** true while the user edits a non-empty draft; false once sent or cleared. */
    void typing(bool typing);
    /** messageLength() changed (also on drafts and after sending). */
    void lengthChanged(int length);
    /** Image data was pasted or dropped (a screenshot, an image copied in a browser). */
    void imagePasted(const QImage &image);
    /** Local files were pasted or dropped, in order. */
    void filesPasted(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void onTextChanged();
    void updateHeight();
    int heightForLines(int lines) const;

    void updateLength();

    int m_length = 0;
    bool m_typing = false;
    bool m_silent = false; ///< text changes by code, not by the user
};

} // namespace linnet::ui
