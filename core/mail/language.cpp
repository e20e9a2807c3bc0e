#include "language.h"

#include <QRegularExpression>
#include <QSet>

namespace Atiende::Core::Mail {

QString guessLanguage(const QString &contentLanguage, const QString &subject, const QString &text)
{
    const QString declared = contentLanguage.trimmed().toLower();
    if (declared.startsWith(QLatin1String("es")))
        return QStringLiteral("es");
    if (declared.startsWith(QLatin1String("en")))
        return QStringLiteral("en");
    // Words that are common in one language and rare in the other.
    static const QSet<QString> spanish { QStringLiteral("de"), QStringLiteral("la"),
        QStringLiteral("que"), QStringLiteral("el"), QStringLiteral("en"), QStringLiteral("los"),
        QStringLiteral("las"), QStringLiteral("por"), QStringLiteral("para"), QStringLiteral("con"),
        QStringLiteral("una"), QStringLiteral("del"), QStringLiteral("se"), QStringLiteral("mi"),
        QStringLiteral("hola"), QStringLiteral("gracias"), QStringLiteral("puedo"),
        QStringLiteral("desde"), QStringLiteral("está"), QStringLiteral("funciona"),
        QStringLiteral("buenos"), QStringLiteral("días"), QStringLiteral("saludos") };
    static const QSet<QString> english { QStringLiteral("the"), QStringLiteral("and"),
        QStringLiteral("is"), QStringLiteral("to"), QStringLiteral("of"), QStringLiteral("it"),
        QStringLiteral("my"), QStringLiteral("you"), QStringLiteral("with"), QStringLiteral("for"),
        QStringLiteral("this"), QStringLiteral("that"), QStringLiteral("hello"),
        QStringLiteral("thanks"), QStringLiteral("please"), QStringLiteral("cannot"),
        QStringLiteral("can't"), QStringLiteral("hi"), QStringLiteral("regards") };
    static const QRegularExpression words(QStringLiteral("[\\p{L}']+"));
    int es = 0, en = 0;
    const QString sample = (subject + QLatin1Char(' ') + text.left(4000)).toLower();
    for (auto it = words.globalMatch(sample); it.hasNext();) {
        const QString w = it.next().captured(0);
        es += spanish.contains(w) ? 1 : 0;
        // (¿ and ¡ are not letters: the word pattern never yields them; counted below.)
        en += english.contains(w) ? 1 : 0;
        if (w.contains(QChar(0x00F1))) // ñ
            es += 2;
    }
    es += 2 * int(sample.count(QChar(0x00BF)) + sample.count(QChar(0x00A1))); // ¿ ¡
    return es > en ? QStringLiteral("es") : QStringLiteral("en");
}

} // namespace Atiende::Core::Mail
