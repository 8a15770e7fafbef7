// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace linnet::client {

/**
 * Plays voice notes (and other audio) one at a time, as a chat does: playing one
 * note stops the other; pausing keeps the place, and play() on the same note goes
 * on from there. Which note plays is named by a key of the caller's choice (the
 * message id). The UI sees only this class, not Qt Multimedia's player.
 */
class VoicePlayer : public QObject {
    Q_OBJECT
public:
    explicit VoicePlayer(QObject *parent = nullptr);
    ~VoicePlayer() override;

    /** Plays @p path as @p key: from where it was paused, or from the start. */
    void play(const QString &key, const QString &path);
    void pause();
    /** Plays @p key if it is not playing, pauses it if it is. */
    void toggle(const QString &key, const QString &path);
    /** Stops and forgets the current note. */
    void stop();
    /** Moves the current note to @p ms. */
    void seek(qint64 ms);

    /** The note playing or paused; empty if none. */
    QString current() const { return m_key; }
    bool isPlaying() const;
    qint64 position() const;
    /** The current note's length as the file says; 0 while unknown. */
    qint64 duration() const;

Q_SIGNALS:
    /** The current note moved (about ten times a second while it plays). */
    void positionChanged(const QString &key, qint64 ms);
    /** @p key started or stopped playing (pause, end, stop, another note). */
    void playingChanged(const QString &key, bool playing);
    /** @p key played to its end (it is back at the start, not playing). */
    void finished(const QString &key);
    /** @p key cannot be played, for people. */
    void errorOccurred(const QString &key, const QString &reason);

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    QString m_key;
    QString m_path;
    bool m_playing = false;
    void setPlaying(bool playing);
    /** A new Qt player (the old one goes), at the start of the current note. */
    void renew();
};

} // namespace linnet::client
