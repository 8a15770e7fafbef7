// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VoiceNotePainter.h"

#include <QModelIndex>
#include <QObject>

class QAbstractItemView;

namespace linnet::client {
class VoicePlayer;
}

namespace linnet::ui {

class MessageDelegate;

/**
 * Plays the voice notes of one conversation view: a click on a note's button plays or
 * pauses it, a click on its waveform moves it there; one note at a time. Tells the
 * painter where each note stands (playback()) and repaints the note as it plays.
 */
class VoiceNotePlayback : public QObject {
    Q_OBJECT
public:
    /** Plays the notes @p delegate paints in @p view (and tells it where they stand). */
    VoiceNotePlayback(QAbstractItemView *view, MessageDelegate *delegate);
    ~VoiceNotePlayback() override;

    /** Where the note of message @p messageId (hex) stands. */
    VoiceNotePainter::Playback playback(const QString &messageId) const;
    /** The message (hex id) whose note is playing or paused; empty if none. */
    QString current() const;
    bool isPlaying() const;

public Q_SLOTS:
    /** Plays or pauses the note of @p index (a message whose voice note is here). */
    void toggle(const QModelIndex &index);
    /** Moves the note of @p index to @p fraction (0..1) of its length and plays it. */
    void seek(const QModelIndex &index, qreal fraction);
    /** A click on a note (MessageDelegate::voiceNoteClicked): toggle() for @p fraction -1,
     *  else seek(). */
    void click(const QModelIndex &index, qreal fraction);
    /** Stops whatever plays (another chat is shown). */
    void stop();

Q_SIGNALS:
    /** A note cannot be played, for people (also shown in a message box). */
    void errorOccurred(const QString &reason);

private:
    void repaint(const QString &messageId);

    QAbstractItemView *m_view;
    client::VoicePlayer *m_player;
};

} // namespace linnet::ui
