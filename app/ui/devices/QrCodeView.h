// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/QrCode.h"

#include <QWidget>

#include <optional>

namespace linnet::ui {

/**
 * A QR code as a phone camera reads it: dark modules on white, a quiet zone of four
 * modules around it, each module a whole number of pixels (no blurred edges).
 */
class QrCodeView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kQuietZone = 4;

    explicit QrCodeView(QWidget *parent = nullptr);

    /** Shows @p text as a QR code; false (and nothing shown) if it cannot be encoded. */
    bool setText(const QString &text);
    void clear();
    /** Modules across, quiet zone included; 0 when empty. */
    int modulesAcross() const;
    /** Pixels per module at the current size (0 when empty). */
    int moduleSize() const;
    /** Where the code's top-left module (quiet zone excluded) is drawn. */
    QPoint origin() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::optional<client::QrCode> m_code;
};

} // namespace linnet::ui
