// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTemporaryDir>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QWidget;

namespace linnet::client {
class MediaClient;
class VoiceRecorder;
} // namespace linnet::client

namespace linnet::ui {

class ComposeEdit;

/**
 * Recording voice notes in the compose bar, as chat apps do: a microphone button
 * (shown while there is no text to send) starts recording; the compose row gives
 * way to a bar with the time so far, a level meter, Cancel (or Escape) and Send. Send hands the
 * note to MediaClient::sendVoiceNote. Without a microphone the button says so and
 * nothing records. The recordings stay in a temporary folder until the app quits
 * (the profile keeps its own copy of what was sent).
 */
class VoiceNoteComposer : public QObject {
    Q_OBJECT
public:
    /** @p view: the conversation, which parents the widgets and the messages. */
    VoiceNoteComposer(client::MediaClient &media, QWidget *view);
    ~VoiceNoteComposer() override;

    QToolButton *micButton() const { return m_mic; }
    /**
     * @p composeRow and the recording bar in one place: add the result where the row was.
     * The microphone (in the row beside @p send) shows while @p compose is empty, @p send
     * otherwise, and the bar's Send looks like @p send.
     */
    QWidget *wrap(QWidget *composeRow, ComposeEdit *compose, QToolButton *send);
    QWidget *recordingBar() const { return m_bar; }
    QLabel *elapsedLabel() const { return m_elapsed; }
    QToolButton *cancelButton() const { return m_cancel; }
    QToolButton *sendButton() const { return m_send; }
    bool isRecording() const;
    /** The chat notes go to; a recording for another chat is cancelled. */
    void setChat(const QString &key);

public Q_SLOTS:
    void startRecording();
    void cancelRecording();
    /** Stops and sends the note (once its file is complete). */
    void finishRecording();
    /** Tells the user why a note cannot be recorded or played. */
    void showProblem(const QString &text);

Q_SIGNALS:
    /** A note went out to @p key (the view scrolls to the bottom). */
    void sent(const QString &key);
    void recordingChanged(bool recording);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showBar(bool recording);
    void onFinished(const QString &path, quint64 durationMs, const QByteArray &waveform);
    /** The button's tooltip: what it does, or that there is no microphone. */
    void updateMicButton();

    client::MediaClient &m_media;
    QWidget *m_view;
    QTemporaryDir m_recordings;
    client::VoiceRecorder *m_recorder;
    QToolButton *m_mic;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_bar;
    QLabel *m_elapsed;
    QProgressBar *m_level;
    QToolButton *m_cancel;
    QToolButton *m_send;
    QString m_key;
    QString m_recordingFor; ///< the chat the recording under way goes to
};

} // namespace linnet::ui
