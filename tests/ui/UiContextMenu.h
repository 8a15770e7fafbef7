// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A message's context menu, driven by a test: what it offers, and choosing an entry.

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStringList>
#include <QTimer>

namespace linnet::test {

/**
 * Opens the context menu of @p row in @p list as a right click would, returns its
 * entries' texts (separators left out) and triggers the entry called @p trigger, if
 * any, once the menu is closed.
 */
inline QStringList contextMenuOf(QAbstractItemView *list, int row, const QString &trigger = {})
{
    const QModelIndex index = list->model()->index(row, 0);
    list->scrollTo(index);
    const QRect rect = list->visualRect(index);
    QStringList texts;
    QTimer::singleShot(0, list, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        QAction *chosen = nullptr;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                texts << a->text();
            if (a->text() == trigger)
                chosen = a;
        }
        menu->close();
        if (chosen)
            chosen->trigger();
    });
    Q_EMIT list->customContextMenuRequested(rect.center());
    return texts;
}

} // namespace linnet::test
