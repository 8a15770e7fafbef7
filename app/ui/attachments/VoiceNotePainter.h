// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AttachmentPainter.h"

namespace linnet::ui {

/**
 * The voice-note bubble (MessageDelegate draws the rest of the message): a round
 * play/pause button (download, cancel or retry while the note is not here), the
 * note's waveform filling up as it plays, and its position or length ("0:07").
 */
class VoiceNotePainter {
public:
    /** How the note stands in the player (VoiceNotePlayback). */
    struct Playback {
        bool current = false; ///< it is the note playing or paused
        bool playing = false;
        qint64 positionMs = 0;
        qint64 durationMs = 0; ///< as the player found it; 0 while unknown
    };

    /** True if the AttachmentRole map @p attachment is a voice note. */
    static bool isVoice(const QVariantMap &attachment);
    /** Lays the note out at @p topLeft, at most @p maxWidth wide; `progress` is the
     *  waveform, `details` the time under it. */
    static AttachmentPainter::Layout layout(const QVariantMap &attachment, bool outgoing,
                                            const QFont &font, const QPointF &topLeft,
                                            qreal maxWidth);
    static void paint(QPainter *painter, const AttachmentPainter::Layout &layout,
                      const QVariantMap &attachment, const Playback &playback, bool outgoing,
                      const QPalette &palette, const QFont &font);
    /** Where @p pos falls along the waveform, 0..1; -1 outside it. */
    static qreal fractionAt(const AttachmentPainter::Layout &layout, const QPointF &pos);
    /** The note's length: the sender's `ms`, else what the player found. */
    static qint64 durationOf(const QVariantMap &attachment, const Playback &playback);
    /** "Play voice message" / "Pause voice message", or the transfer action's name. */
    static QString buttonText(const QVariantMap &attachment, const Playback &playback,
                              bool outgoing);
};

} // namespace linnet::ui
