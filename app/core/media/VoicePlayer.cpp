// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/VoicePlayer.h"

#include "ClientLog.h"

#include <QAudioOutput>
#include <QMediaPlayer>
#include <QTimer>
#include <QUrl>

namespace linnet::client {

struct VoicePlayer::Parts {
    QMediaPlayer player;
    QAudioOutput output;
};

VoicePlayer::VoicePlayer(QObject *parent) : QObject(parent)
{
    renew();
}

void VoicePlayer::renew()
{
    if (m_parts) {
        // Maybe inside one of its own signals: deleted once that has returned.
        m_parts->player.disconnect(this);
        m_parts->player.stop();
        QTimer::singleShot(0, [old = m_parts.release()] { delete old; });
    }
    m_parts = std::make_unique<Parts>();
    QMediaPlayer &player = m_parts->player;
    player.setAudioOutput(&m_parts->output);
    if (!m_path.isEmpty())
        player.setSource(QUrl::fromLocalFile(m_path));
    connect(&player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (!m_key.isEmpty())
            Q_EMIT positionChanged(m_key, ms);
    });
    connect(&player, &QMediaPlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState state) {
                setPlaying(state == QMediaPlayer::PlayingState);
            });
    connect(&player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) {
                if (status != QMediaPlayer::EndOfMedia || m_key.isEmpty())
                    return;
                const QString key = m_key;
                // Back to the start, as a chat shows a played note, in a new player: after
                // stop() GStreamer's keeps its position at the end and plays on from there.
                renew();
                setPlaying(false);
                Q_EMIT positionChanged(key, 0);
                Q_EMIT finished(key);
            });
    connect(&player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &why) {
                const QString key = m_key;
                qCWarning(lcClient) << "cannot play" << m_path << why;
                stop();
                Q_EMIT errorOccurred(key, tr("Cannot play this voice message: %1").arg(why));
            });
}

VoicePlayer::~VoicePlayer() = default;

void VoicePlayer::play(const QString &key, const QString &path)
{
    if (key != m_key || path != m_path) {
        stop();
        m_key = key;
        m_path = path;
        m_parts->player.setSource(QUrl::fromLocalFile(path));
    }
    m_parts->player.play();
}

void VoicePlayer::pause()
{
    m_parts->player.pause();
}

void VoicePlayer::toggle(const QString &key, const QString &path)
{
    if (key == m_key && isPlaying())
        pause();
    else
        play(key, path);
}

void VoicePlayer::stop()
{
    if (m_key.isEmpty())
        return;
    const QString key = m_key;
    m_parts->player.stop();
    setPlaying(false);
    m_key.clear();
    m_path.clear();
    m_parts->player.setSource({});
    Q_EMIT positionChanged(key, 0);
}

void VoicePlayer::seek(qint64 ms)
{
    m_parts->player.setPosition(std::max<qint64>(0, ms));
}

bool VoicePlayer::isPlaying() const
{
    return m_playing;
}

qint64 VoicePlayer::position() const
{
    return m_key.isEmpty() ? 0 : m_parts->player.position();
}

qint64 VoicePlayer::duration() const
{
    return m_key.isEmpty() ? 0 : m_parts->player.duration();
}

void VoicePlayer::setPlaying(bool playing)
{
    if (playing == m_playing || m_key.isEmpty())
        return;
    m_playing = playing;
    Q_EMIT playingChanged(m_key, playing);
}

} // namespace linnet::client
