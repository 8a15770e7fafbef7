// SPDX-License-Identifier: GPL-3.0-or-later
#include "VoiceNotePlayback.h"

#include "MessageDelegate.h"
#include "media/VoicePlayer.h"
#include "models/MessageModel.h"

#include <QAbstractItemView>
#include <QMessageBox>

namespace linnet::ui {

using client::MessageModel;

namespace {
QString idOf(const QModelIndex &index)
{
    return index.data(MessageModel::IdRole).toString();
}

QString pathOf(const QModelIndex &index)
{
    return index.data(MessageModel::AttachmentRole)
        .toMap()
        .value(QStringLiteral("path"))
        .toString();
}
} // namespace

VoiceNotePlayback::VoiceNotePlayback(QAbstractItemView *view, MessageDelegate *delegate)
    : QObject(view), m_view(view), m_player(new client::VoicePlayer(this))
{
    delegate->setVoicePlayback(this);
    connect(delegate, &MessageDelegate::voiceNoteClicked, this, &VoiceNotePlayback::click);
    connect(m_player, &client::VoicePlayer::positionChanged, this,
            [this](const QString &key, qint64) { repaint(key); });
    connect(m_player, &client::VoicePlayer::playingChanged, this,
            [this](const QString &key, bool) { repaint(key); });
    connect(m_player, &client::VoicePlayer::errorOccurred, this,
            [this](const QString &key, const QString &reason) {
                repaint(key);
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Voice message"), reason,
                                            QMessageBox::Ok, m_view);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                Q_EMIT errorOccurred(reason);
            });
}

VoiceNotePlayback::~VoiceNotePlayback() = default;

VoiceNotePainter::Playback VoiceNotePlayback::playback(const QString &messageId) const
{
    VoiceNotePainter::Playback p;
    if (messageId.isEmpty() || messageId != m_player->current())
        return p;
    p.current = true;
    p.playing = m_player->isPlaying();
    p.positionMs = m_player->position();
    p.durationMs = m_player->duration();
    return p;
}

QString VoiceNotePlayback::current() const
{
    return m_player->current();
}

bool VoiceNotePlayback::isPlaying() const
{
    return m_player->isPlaying();
}

void VoiceNotePlayback::toggle(const QModelIndex &index)
{
    const QString path = pathOf(index);
    if (path.isEmpty())
        return; // not here yet: its button downloads it
    m_player->toggle(idOf(index), path);
    repaint(idOf(index));
}

void VoiceNotePlayback::seek(const QModelIndex &index, qreal fraction)
{
    const QString path = pathOf(index);
    if (path.isEmpty())
        return;
    const QVariantMap a = index.data(MessageModel::AttachmentRole).toMap();
    const QString id = idOf(index);
    if (m_player->current() != id || !m_player->isPlaying())
        m_player->play(id, path);
    const qint64 duration = VoiceNotePainter::durationOf(a, playback(id));
    m_player->seek(qint64(std::clamp(fraction, 0.0, 1.0) * qreal(duration)));
}

void VoiceNotePlayback::click(const QModelIndex &index, qreal fraction)
{
    if (fraction < 0)
        toggle(index);
    else
        seek(index, fraction);
}

void VoiceNotePlayback::stop()
{
    m_player->stop();
}

void VoiceNotePlayback::repaint(const QString &messageId)
{
    const QAbstractItemModel *model = m_view->model();
    if (!model || messageId.isEmpty())
        return;
    // Newest rows last: a note that plays is most often near the bottom.
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        if (idOf(index) == messageId) {
            m_view->update(index);
            return;
        }
    }
}

} // namespace linnet::ui
