// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AttachmentPreviewDialog.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

class QToolButton;
class QWidget;

namespace linnet::client {
class MediaClient;
}

namespace linnet::ui {

/**
 * How files get into a chat: the paperclip button and its menu (photo or
 * video, file), files dropped on the conversation, images and files pasted
 * into the compose box. Each way ends in the preview (AttachmentPreviewDialog);
 * Send hands every file to MediaClient::sendFile, one message each.
 */
class AttachmentSender : public QObject {
    Q_OBJECT
public:
    /** @p view: the conversation, which takes drops and parents the dialogs. */
    AttachmentSender(client::MediaClient &media, QWidget *view);
    ~AttachmentSender() override;

    QToolButton *attachButton() const { return m_button; }
    /** The chat files go to (a username or group key) and its name for the preview's title. */
    void setChat(const QString &key, const QString &title);
    /** The preview on screen, if any. */
    AttachmentPreviewDialog *previewDialog() const { return m_preview.data(); }

public Q_SLOTS:
    /** Shows the preview for @p paths; Send sends them. */
    void attach(const QStringList &paths);
    /** A pasted image: saved as a PNG in a temporary folder, then attach(). */
    void attachImage(const QImage &image);
    void choosePhotos();
    void chooseFiles();

Q_SIGNALS:
    /** Files went out to @p key (the view scrolls to the bottom). */
    void sent(const QString &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseFrom(const QString &title, const QString &filter,
                    QStandardPaths::StandardLocation start);
    void send(const QStringList &files, const QString &caption);
    void showError(const QString &text);

    client::MediaClient &m_media;
    QWidget *m_view;
    QToolButton *m_button;
    QString m_key;
    QString m_title;
    QTemporaryDir m_pasted;
    QPointer<AttachmentPreviewDialog> m_preview;
};

} // namespace linnet::ui
