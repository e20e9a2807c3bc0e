#include "ftsquery.h"

#include "core/text/fold.h"

#include <QSet>

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

namespace {

bool isStopWord(const QString &foldedWord)
{
    // Function words of both languages, and what every ticket says (hello, please, problem).
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char *w :
            { "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "cant",
                "cannot", "had", "has", "have", "her", "his", "its", "our", "out", "was", "were",
                "who", "why", "how", "what", "when", "where", "which", "with", "from", "into",
                "onto", "this", "that", "these", "those", "there", "then", "than", "them", "they",
                "their", "will", "would", "could", "should", "does", "doesnt", "dont", "did",
                "didnt", "isnt", "wont", "after", "before", "again", "since", "about", "also",
                "just", "only", "some", "very", "more", "most", "other", "been", "being", "here",
                "because", "while", "still", "get", "gets", "got", "now", "please", "hello",
                "thanks", "thank", "help", "need", "needs", "issue", "problem", "problems",
                "working", "work", "works", "anymore", "los", "las", "del", "con", "por", "para",
                "una", "uno", "unos", "unas", "que", "qué", "como", "cómo", "pero", "sin", "sobre",
                "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "eso",
                "esto", "está", "están", "estoy", "estamos", "son", "soy", "ser", "sea", "fue",
                "han", "hay", "has", "había", "muy", "más", "mas", "desde", "hasta", "cuando",
                "donde", "dónde", "porque", "también", "tambien", "ya", "mi", "mis", "tu", "tus",
                "su", "sus", "nos", "les", "ella", "ellos", "todo", "todos", "toda", "todas",
                "otro", "otra", "hola", "gracias", "favor", "ayuda", "problema", "problemas",
                "funciona", "consigo", "puedo", "puede", "pueden", "tengo", "tiene", "tienen",
                "hace", "hacer", "sigue", "siguen", "cada", "nada", "algo", "me", "le", "lo", "la",
                "el", "en", "de", "al", "un", "se", "es", "no", "sí", "si", "y", "o", "a" })
            set.insert(Text::fold(QString::fromUtf8(w)));
        return set;
    }();
    return words.contains(foldedWord);
}

// Cuts one plural and one gender or verb ending, keeping at least four letters.
QString stem(const QString &word)
{
    QString w = word;
    auto cut = [&w](int n, qsizetype keep) {
        if (w.size() - n >= keep)
            w.chop(n);
    };
    const QString f = Text::fold(w);
    if (f.size() > 4 && f.endsWith(QLatin1Char('s')) && !f.endsWith(QLatin1String("ss")))
        cut(1, 4);
    const QString g = Text::fold(w);
    if (g.size() > 6 && (g.endsWith(QLatin1String("ing"))))
        cut(3, 4);
    else if (g.size() > 5 && g.endsWith(QLatin1String("ed")))
        cut(2, 4);
    else if (g.size() > 5
        && (g.endsWith(QLatin1Char('a')) || g.endsWith(QLatin1Char('o'))
            || g.endsWith(QLatin1Char('e'))))
        cut(1, 4);
    return w;
}

} // namespace

QStringList FtsQuery::keywords(const QString &text)
{
    QStringList out;
    QSet<QString> seen;
    // terms() stops at kMaxTerms words; stop words must not use up the budget.
    QString current;
    auto flush = [&] {
        if (current.isEmpty() || out.size() >= kMaxTerms) {
            current.clear();
            return;
        }
        const QString f = Text::fold(current);
        bool hasLetter = false;
        for (QChar c : f)
            hasLetter = hasLetter || c.isLetter();
        if (f.size() >= 3 && hasLetter && !isStopWord(f)) {
            const QString s = stem(current.toLower());
            const QString key = Text::fold(s);
            if (!seen.contains(key)) {
                seen.insert(key);
                out << s;
            }
        }
        current.clear();
    };
    for (QChar c : text) {
        if (c.isLetterOrNumber() && !c.isSurrogate())
            current += c;
        else
            flush();
    }
    flush();
    return out;
}

QString FtsQuery::toFts5AnyOf(const QStringList &words)
{
    QStringList parts;
    for (const QString &w : words) {
        for (const QString &t : terms(w)) {
            if (parts.size() < kMaxTerms)
                parts << QLatin1Char('"') + t + QLatin1String("\"*");
        }
    }
    return parts.join(QLatin1String(" OR "));
}

QString FtsQuery::snippetToHtml(const QString &marked)
{
    QString html = marked.toHtmlEscaped();
    html.replace(openMark(), QLatin1String("<mark>"));
    html.replace(closeMark(), QLatin1String("</mark>"));
    return html;
}

} // namespace Atiende::Core
