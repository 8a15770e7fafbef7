// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <memory>

class QTranslator;

namespace linnet::ui {

/**
 * Installs Linnet's translation (":/translations/linnet_<lang>.qm") for the
 * chosen language or, if none is chosen, for the system's. Strings already on
 * screen do not change: widgets built after load() are translated.
 */
class Translations {
public:
    struct Language {
        QString code;       ///< "" = follow the system
        QString nativeName; ///< as shown in the Language setting, in its own language
    };

    Translations();
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    /** Replaces the installed translator. "" = system language, "en" = none.
     *  Returns false if no translation exists for the language (English is used). */
    bool load(const QString &language);
    /** The language actually in use ("en" when untranslated). */
    QString current() const { return m_current; }

    /** Languages the Language setting offers, "System" first. */
    static QList<Language> available();

private:
    void unload();

    std::unique_ptr<QTranslator> m_translator;
    QString m_current = QStringLiteral("en");
};

} // namespace linnet::ui
