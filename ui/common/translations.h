#pragma once
// The console's interface language: QLocale's default (which every date, time and number the
// console writes follows), our own translations, and Qt's (the buttons of standard dialogs,
// key names in shortcuts: "Alt+Abajo"), installed together so nothing is left in English.

#include <QLocale>

class QCoreApplication;

namespace Atiende::Ui {

class Translations
{
public:
    // Makes `locale` the interface language of `app`: its translators (owned by `app`)
    // replace any this installed before. English needs none. Returns false when a
    // translation the language needs is missing (ours, or Qt's own qtbase_<lang>.qm from
    // QLibraryInfo::TranslationsPath: Debian's qt6-translations-l10n).
    static bool install(QCoreApplication &app, const QLocale &locale);
};

} // namespace Atiende::Ui
