#include "ftsquery.h"

namespace Atiende::Core {

QStringList FtsQuery::terms(const QString &text)
{
    QStringList out;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && out.size() < kMaxTerms)
            out << current;
        current.clear();
    };
    for (QChar c : text) {
        // Surrogates (emoji and other astral symbols) separate words too.
        if (c.isLetterOrNumber() && !c.isSurrogate())
            current += c;
        else
            flush();
    }
    flush();
    return out;
}

QString FtsQuery::toFts5(const QString &text)
{
    const QStringList t = terms(text);
    QStringList parts;
    for (int i = 0; i < t.size(); ++i) {
        QString p = QLatin1Char('"') + t.at(i) + QLatin1Char('"');
        if (i == t.size() - 1)
            p += QLatin1Char('*');
        parts << p;
    }
    return parts.join(QLatin1Char(' '));
}

QString FtsQuery::snippetToHtml(const QString &marked)
{
    QString html = marked.toHtmlEscaped();
    html.replace(openMark(), QLatin1String("<mark>"));
    html.replace(closeMark(), QLatin1String("</mark>"));
    return html;
}

} // namespace Atiende::Core
