// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

namespace linnet::ui {

/**
 * The message input: Enter sends, Shift+Enter starts a new line. Grows with
 * its text up to a few lines, then scrolls. Reports typing so the view can
 * tell the peer.
 */
class ComposeEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ComposeEdit(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /** Replaces the text without reporting typing (restoring a saved draft). */
    void setDraft(const QString &text);

public Q_SLOTS:
    /** Sends what is typed (if anything but whitespace) and clears the box. */
    void submit();

Q_SIGNALS:
    void sendRequested(const QString &text);
    /** true while the user edits a non-empty draft; false once sent or cleared. */
    void typing(bool typing);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onTextChanged();
    void updateHeight();
    int heightForLines(int lines) const;

    bool m_typing = false;
    bool m_silent = false; ///< text changes by code, not by the user
};

} // namespace linnet::ui
