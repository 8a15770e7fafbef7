// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QToolButton;

namespace linnet::client {
class HistoryTransfer;
}

namespace linnet::ui {

/**
 * The strip above the chats that follows a history transfer between two devices of the
 * account (issue 27; docs/protocol.md 13) on both sides: "Sending your chat history…"
 * on the device that approved a new one, "Receiving…", "Adding…" and "arrived" on the
 * new one, with a progress bar, and why it failed. Hidden until a transfer moves; the
 * user dismisses it when it is over.
 */
class HistoryProgressBar : public QFrame {
    Q_OBJECT
public:
    explicit HistoryProgressBar(client::HistoryTransfer &history, QWidget *parent = nullptr);

    QString text() const;
    /** The bar's value in percent; -1 while it is busy without a measure. */
    int percent() const;

private:
    void onProgress(const protocol::MessageId &message, quint64 done, quint64 total);
    void onImportProgress(int messages);
    void onImported(int added, int total);
    void onFailed(const QString &reason);
    void show(const QString &text, int percent, bool over);

    client::HistoryTransfer &m_history;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_dismiss;
};

} // namespace linnet::ui
