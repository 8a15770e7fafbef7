// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Screen-reader names and keyboard reach, checked on real widgets: shared by the UI tests.

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QScrollBar>
#include <QSet>
#include <QStackedWidget>
#include <QWizardPage>
#include <QtTest>

namespace linnet::test::audit {

/** Shown as far as @p root goes: hidden stack pages (tabs, wizard pages) count as shown. */
inline bool reachable(const QWidget *w, const QWidget *root)
{
    for (const QWidget *p = w; p && p != root; p = p->parentWidget()) {
        const bool stackPage = qobject_cast<const QWizardPage *>(p) ||
                               qobject_cast<const QStackedWidget *>(p->parentWidget());
        if (p->isHidden() && !stackPage)
            return false;
    }
    return true;
}

/** Controls under @p root that take keyboard focus (scroll bars are driven by their view). */
inline QList<QWidget *> focusableControls(QWidget *root, bool onlyVisible)
{
    QList<QWidget *> out;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || !w->isEnabled() || qobject_cast<QScrollBar *>(w))
            continue;
        if (w->focusProxy()) // the proxy is the control
            continue;
        if (onlyVisible ? !w->isVisible() : !reachable(w, root))
            continue;
        out.append(w);
    }
    return out;
}

inline QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

/** Every focusable control under @p root without a name a screen reader can speak. */
inline QStringList unnamedControls(QWidget *root)
{
    QStringList out;
    for (QWidget *w : focusableControls(root, false)) {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            out.append(describe(w));
    }
    return out;
}

/** Presses Tab until focus comes back; returns the controls that were never focused. */
inline QStringList notReachedByTab(QWidget *window)
{
    const QList<QWidget *> wanted = focusableControls(window, true);
    if (wanted.isEmpty())
        return {QStringLiteral("(no focusable control at all)")};
    wanted.first()->setFocus(Qt::TabFocusReason);
    QSet<QWidget *> seen;
    for (int i = 0; i < 4 * wanted.size() + 4; ++i) {
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            break;
        seen.insert(focus);
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QStringList out;
    for (QWidget *w : wanted)
        if (!seen.contains(w))
            out.append(describe(w));
    return out;
}

inline void activate(QWidget *w)
{
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    w->activateWindow();
    QApplication::setActiveWindow(w);
    QTRY_VERIFY(w->isActiveWindow());
}

} // namespace linnet::test::audit

/** Fails naming what is in the list. */
#define QVERIFY_NONE(list)                                                                         \
    do {                                                                                           \
        const QStringList found = (list);                                                          \
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));                   \
    } while (false)
