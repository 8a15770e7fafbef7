// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace linnet::ui {

namespace {
const QString kDir = QStringLiteral(":/translations");
const QString kPrefix = QStringLiteral("linnet");

/*
 * Qt's own words on standard buttons (QDialogButtonBox, QMessageBox): Qt looks them
 * up in the "QPlatformTheme" context, which Qt's qtbase_<lang>.qm translates but few
 * systems install. Listed here, lupdate puts them into our .ts files, so "Close" and
 * "Cancel" follow the chosen language wherever the app runs.
 */
[[maybe_unused]] constexpr const char *kStandardButtons[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"), QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),   QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),  QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),  QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
};
} // namespace

Translations::Translations() = default;

Translations::~Translations()
{
    unload();
}

bool Translations::load(const QString &language)
{
    unload();
    auto translator = std::make_unique<QTranslator>();
    bool loaded = false;
    if (language.isEmpty()) {
        // Walks the system's preferred languages (de-AT, de, en...) in order.
        loaded = translator->load(QLocale::system(), kPrefix, QStringLiteral("_"), kDir);
    } else if (language != QLatin1String("en")) {
        loaded = translator->load(kPrefix + QLatin1Char('_') + language, kDir);
    } else {
        return true;
    }
    if (!loaded)
        return false;
    m_current = translator->language().isEmpty() ? language : translator->language();
    QCoreApplication::installTranslator(translator.get());
    m_translator = std::move(translator);
    return true;
}

void Translations::unload()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator.reset();
    m_current = QStringLiteral("en");
}

QList<Translations::Language> Translations::available()
{
    // Native names are deliberately not translated: people look for their own language.
    return {{QString(), QCoreApplication::translate("linnet::ui::Translations", "System")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("es"), QStringLiteral("Español")}};
}

} // namespace linnet::ui
