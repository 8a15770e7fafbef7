// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComposeEdit.h"

#include "attachments/AttachmentFiles.h"
#include "protocol/Limits.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>

namespace linnet::ui {

namespace {
constexpr int kMaxVisibleLines = 6;
}

ComposeEdit::ComposeEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line"));
    setPlaceholderText(tr("Type a message"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(6);
    connect(this, &QPlainTextEdit::textChanged, this, &ComposeEdit::onTextChanged);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &ComposeEdit::updateHeight);
    updateHeight();
}

QSize ComposeEdit::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), height()};
}

QSize ComposeEdit::minimumSizeHint() const
{
    return {80, heightForLines(1)};
}

void ComposeEdit::setDraft(const QString &text)
{
    m_silent = true;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    m_silent = false;
    m_typing = false;
    updateLength();
}

QString ComposeEdit::message() const
{
    // A message keeps its inner line breaks but not blank lines around it.
    QString trimmed = toPlainText();
    while (!trimmed.isEmpty() && trimmed.back().isSpace())
        trimmed.chop(1);
    qsizetype start = 0;
    while (start < trimmed.size() && trimmed.at(start).isSpace())
        ++start;
    return trimmed.mid(start);
}

bool ComposeEdit::isTooLong() const
{
    return m_length > protocol::kMaxTextLength;
}

void ComposeEdit::updateLength()
{
    const int length = int(message().size());
    if (length == m_length)
        return;
    m_length = length;
    Q_EMIT lengthChanged(length);
}

void ComposeEdit::submit()
{
    const QString trimmed = message();
    // Too long stays here to be shortened: no receiver could read it.
    if (trimmed.isEmpty() || trimmed.size() > protocol::kMaxTextLength)
        return;
    m_silent = true;
    clear();
    m_silent = false;
    if (m_typing) {
        m_typing = false;
        Q_EMIT typing(false);
    }
    Q_EMIT sendRequested(trimmed);
}

void ComposeEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ShiftModifier)) {
        // A real '\n' rather than the soft line separator QTextEdit would insert.
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    if (enter && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        submit();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool ComposeEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return AttachmentFiles::isAttachable(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposeEdit::insertFromMimeData(const QMimeData *source)
{
    // Files first: a file manager's copy of a picture carries both its URL and its pixels,
    // and the file keeps its name and original quality.
    const QStringList files = AttachmentFiles::localFiles(source);
    if (!files.isEmpty()) {
        Q_EMIT filesPasted(files);
        return;
    }
    if (source && source->hasImage()) {
        Q_EMIT imagePasted(qvariant_cast<QImage>(source->imageData()));
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void ComposeEdit::onTextChanged()
{
    updateLength();
    if (m_silent)
        return;
    const bool nowTyping = !toPlainText().trimmed().isEmpty();
    // Each edit of a draft repeats typing(true): the engine throttles what it sends.
    if (nowTyping || m_typing)
        Q_EMIT typing(nowTyping);
    m_typing = nowTyping;
}

int ComposeEdit::heightForLines(int lines) const
{
    const int frame = 2 * frameWidth();
    const int margins = int(2 * document()->documentMargin()) + contentsMargins().top() +
                        contentsMargins().bottom();
    return lines * fontMetrics().lineSpacing() + margins + frame;
}

void ComposeEdit::updateHeight()
{
    // QPlainTextEdit's layout counts visual lines in the document size.
    const int lines =
        std::clamp(int(document()->documentLayout()->documentSize().height()), 1, kMaxVisibleLines);
    const int h = heightForLines(lines);
    if (h != height()) {
        setFixedHeight(h);
        updateGeometry();
    }
}

} // namespace linnet::ui
