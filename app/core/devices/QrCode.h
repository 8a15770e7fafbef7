// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace linnet::client {

/**
 * A QR code's modules for a short text (a link code's linnet://link URL, an invite link),
 * made with libqrencode at error correction level M. The app paints it; linnet-cli prints
 * it with half-block characters. A quiet zone of 4 modules goes around it when drawn.
 */
class QrCode {
public:
    /** The code for @p text; isNull() if it cannot be made (too long). */
    static QrCode encode(const QString &text);

    bool isNull() const { return m_size == 0; }
    /** Modules per side (21 for version 1, +4 per version). */
    int size() const { return m_size; }
    /** True for a dark module; false outside the code. */
    bool module(int x, int y) const;

private:
    int m_size = 0;
    QByteArray m_dark; ///< size × size, row by row, 1 for dark
};

} // namespace linnet::client
