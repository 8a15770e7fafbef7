// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

class QApplication;
class QPalette;

namespace linnet::ui {

/** Which palette the whole application uses. */
enum class ThemeMode { System, Light, Dark };

/** Applies Fusion with a light or dark palette app-wide; System restores the
 *  platform's own palette (captured on the first call). */
void applyTheme(QApplication &app, ThemeMode mode);

/** Linnet's brand colour: own bubbles, unread badges, the send button. */
QColor accentColor();

/** Registers the icons compiled into the static UI library (the linker drops the
 *  resource's static initialiser otherwise). Safe to call any number of times. */
void initResources();

/** True if @p palette has light text on a dark window (dark mode, whatever set it). */
bool isDarkPalette(const QPalette &palette);

} // namespace linnet::ui
