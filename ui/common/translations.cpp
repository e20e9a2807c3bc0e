#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Atiende::Ui {

bool Translations::install(QCoreApplication &app, const QLocale &locale)
{
    QLocale::setDefault(locale);
    const QString kObjectName = QStringLiteral("atiendeInterfaceTranslator");
    for (QTranslator *old :
        app.findChildren<QTranslator *>(kObjectName, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;
    bool complete = true;
    auto load = [&](const QString &name, const QString &dir) {
        auto *translator = new QTranslator(&app);
        translator->setObjectName(kObjectName);
        if (translator->load(locale, name, QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(translator);
        } else {
            delete translator;
            complete = false;
        }
    };
    load(QStringLiteral("atiende"), QStringLiteral(":/i18n"));
    load(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return complete;
}

} // namespace Atiende::Ui
