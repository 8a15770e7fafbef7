// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/QrCode.h"

#include <qrencode.h>

#include <memory>

namespace linnet::client {

QrCode QrCode::encode(const QString &text)
{
    QrCode code;
    const QByteArray utf8 = text.toUtf8();
    // Version 0: the smallest that holds the text. 8-bit mode keeps the text exact.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!qr || qr->width <= 0)
        return code;
    code.m_size = qr->width;
    code.m_dark.resize(qsizetype(qr->width) * qr->width);
    for (qsizetype i = 0; i < code.m_dark.size(); ++i)
        code.m_dark[i] = char(qr->data[i] & 1); // bit 0: dark; the others say what it is
    return code;
}

bool QrCode::module(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_dark.at(qsizetype(y) * m_size + x) != 0;
}

} // namespace linnet::client
