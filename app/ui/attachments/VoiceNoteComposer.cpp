// SPDX-License-Identifier: GPL-3.0-or-later
#include "VoiceNoteComposer.h"

#include "ComposeEdit.h"
#include "AttachmentFiles.h"
#include "media/MediaClient.h"
#include "media/VoiceRecorder.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QKeyEvent>
#include <QStackedWidget>
#include <QToolButton>

namespace linnet::ui {

VoiceNoteComposer::VoiceNoteComposer(client::MediaClient &media, QWidget *view)
    : QObject(view), m_media(media), m_view(view),
      m_recorder(new client::VoiceRecorder(m_recordings.path(), {}, this)),
      m_mic(new QToolButton(view)), m_bar(new QWidget(view)), m_elapsed(new QLabel(m_bar)),
      m_level(new QProgressBar(m_bar)), m_cancel(new QToolButton(m_bar)),
      m_send(new QToolButton(m_bar))
{
    m_mic->setObjectName(QStringLiteral("micButton"));
    m_mic->setIcon(QIcon(QStringLiteral(":/icons/mic.svg")));
    m_mic->setIconSize(QSize(20, 20));
    m_mic->setFixedSize(40, 40);
    m_mic->setAccessibleName(tr("Record a voice message"));
    connect(m_mic, &QToolButton::clicked, this, &VoiceNoteComposer::startRecording);
    updateMicButton();

    m_bar->setObjectName(QStringLiteral("voiceRecordingBar"));
    m_bar->setAccessibleName(tr("Recording a voice message"));
    m_cancel->setObjectName(QStringLiteral("voiceCancelButton"));
    m_cancel->setIcon(QIcon(QStringLiteral(":/icons/trash.svg")));
    m_cancel->setIconSize(QSize(22, 22));
    m_cancel->setFixedSize(40, 40);
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel: the recording is deleted"));
    m_cancel->setAccessibleName(tr("Cancel recording"));
    connect(m_cancel, &QToolButton::clicked, this, &VoiceNoteComposer::cancelRecording);
    for (QWidget *w : {m_bar, static_cast<QWidget *>(m_cancel), static_cast<QWidget *>(m_send)})
        w->installEventFilter(this); // Escape cancels
    auto *dot = new QLabel(QStringLiteral("●"), m_bar);
    dot->setStyleSheet(QStringLiteral("color: #e04848;"));
    dot->setAccessibleName(tr("Recording"));
    m_elapsed->setObjectName(QStringLiteral("voiceElapsed"));
    m_elapsed->setAccessibleName(tr("Recording time"));
    m_elapsed->setText(AttachmentFiles::durationText(0));
    m_elapsed->setMinimumWidth(m_elapsed->fontMetrics().horizontalAdvance(QStringLiteral("00:00")));
    m_level->setObjectName(QStringLiteral("voiceLevel"));
    m_level->setAccessibleName(tr("Microphone level"));
    m_level->setRange(0, 100);
    m_level->setTextVisible(false);
    m_level->setMaximumHeight(6);
    m_send->setObjectName(QStringLiteral("voiceSendButton"));
    m_send->setIcon(QIcon(QStringLiteral(":/icons/send.svg")));
    m_send->setIconSize(QSize(20, 20));
    m_send->setFixedSize(40, 40);
    m_send->setToolTip(tr("Send the voice message"));
    m_send->setAccessibleName(tr("Send voice message"));
    connect(m_send, &QToolButton::clicked, this, &VoiceNoteComposer::finishRecording);
    auto *layout = new QHBoxLayout(m_bar);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(m_cancel);
    layout->addWidget(dot);
    layout->addWidget(m_elapsed);
    layout->addWidget(m_level, 1);
    layout->addWidget(m_send);

    connect(m_recorder, &client::VoiceRecorder::progress, this, [this](qint64 ms, qreal level) {
        m_elapsed->setText(AttachmentFiles::durationText(quint64(ms - ms % 1000))); // whole seconds
        m_level->setValue(int(level * 100));
    });
    connect(m_recorder, &client::VoiceRecorder::finished, this, &VoiceNoteComposer::onFinished);
    connect(m_recorder, &client::VoiceRecorder::errorOccurred, this, [this](const QString &why) {
        showBar(false);
        showProblem(why);
    });
}

VoiceNoteComposer::~VoiceNoteComposer() = default;

QWidget *VoiceNoteComposer::wrap(QWidget *composeRow, ComposeEdit *compose, QToolButton *send)
{
    m_mic->setStyleSheet(send->styleSheet());
    m_send->setStyleSheet(send->styleSheet());
    const auto swap = [this, send](int length) {
        send->setVisible(length > 0);
        m_mic->setVisible(length == 0);
    };
    connect(compose, &ComposeEdit::lengthChanged, this, swap);
    swap(compose->messageLength());
    m_stack = new QStackedWidget(composeRow->parentWidget());
    m_stack->addWidget(composeRow);
    m_stack->addWidget(m_bar);
    m_bar->setAutoFillBackground(true);
    m_bar->setBackgroundRole(composeRow->backgroundRole());
    // As tall as the row it stands in for, so the messages above do not jump.
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    return m_stack;
}

bool VoiceNoteComposer::isRecording() const
{
    return m_recorder->state() != client::VoiceRecorder::State::Idle;
}

void VoiceNoteComposer::setChat(const QString &key)
{
    if (key != m_key && isRecording())
        cancelRecording(); // a note recorded for one chat never goes to another
    m_key = key;
}

void VoiceNoteComposer::startRecording()
{
    updateMicButton();
    if (m_key.isEmpty() || isRecording())
        return;
    if (!client::VoiceRecorder::hasMicrophone()) {
        showProblem(tr("No microphone found: connect one to record voice messages."));
        return;
    }
    if (!m_recorder->start())
        return; // errorOccurred said why
    m_recordingFor = m_key;
    m_elapsed->setText(AttachmentFiles::durationText(0));
    m_level->setValue(0);
    showBar(true);
}

void VoiceNoteComposer::cancelRecording()
{
    m_recorder->cancel();
    showBar(false);
}

void VoiceNoteComposer::finishRecording()
{
    if (m_recorder->state() != client::VoiceRecorder::State::Recording)
        return;
    m_send->setEnabled(false); // until the file is complete
    m_recorder->finish();
}

void VoiceNoteComposer::onFinished(const QString &path, quint64 durationMs,
                                   const QByteArray &waveform)
{
    const QString key = m_recordingFor;
    showBar(false);
    if (key.isEmpty())
        return;
    // A refusal (gone, too large...) reaches the user through MediaClient::errorOccurred.
    if (!m_media.sendVoiceNote(key, path, durationMs, waveform).isNull())
        Q_EMIT sent(key);
}

void VoiceNoteComposer::showBar(bool recording)
{
    m_send->setEnabled(true);
    if (m_stack)
        m_stack->setCurrentIndex(recording ? 1 : 0);
    if (recording)
        m_send->setFocus(Qt::OtherFocusReason);
    else
        m_recordingFor.clear();
    Q_EMIT recordingChanged(recording);
}

bool VoiceNoteComposer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && isRecording()) {
        cancelRecording();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void VoiceNoteComposer::showProblem(const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("Voice message"), text,
                                QMessageBox::Ok, m_view);
    box->setObjectName(QStringLiteral("voiceProblem"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void VoiceNoteComposer::updateMicButton()
{
    const bool available = client::VoiceRecorder::hasMicrophone();
    m_mic->setToolTip(available ? tr("Record a voice message")
                                : tr("No microphone found: connect one to record voice "
                                     "messages"));
    m_mic->setAccessibleDescription(available ? QString() : tr("No microphone found"));
}

} // namespace linnet::ui
