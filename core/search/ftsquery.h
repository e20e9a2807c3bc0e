#pragma once
// Turns what a person types into a search box into a safe full-text query, and the snippets
// the engine returns into highlighted text. Engine-neutral: the store's dialect renders the
// terms for SQLite FTS5 or PostgreSQL.

#include <QString>
#include <QStringList>

namespace Atiende::Core {

class FtsQuery
{
public:
    static constexpr int kMaxTerms = 16;

    // Words of the text (letters and digits of any script; everything else separates words,
    // so quotes, operators, SQL metacharacters and emoji can never reach the engine).
    static QStringList terms(const QString &text);

    // SQLite FTS5 MATCH expression: every term must appear; the last one also matches as a
    // prefix, so results follow the user as they type. Empty when the text has no words.
    static QString toFts5(const QString &text);

    // The words of a text that say what it is about, for "related articles" searches (a
    // ticket's subject): no stop words (Spanish and English, accents ignored), no words
    // shorter than three letters or without a letter, each once, in order, at most kMaxTerms.
    // Plural and gender endings are cut ("contraseñas" -> "contraseñ", "bloqueado" ->
    // "bloquead") so that, matched as prefixes, they find the other forms.
    static QStringList keywords(const QString &text);

    // SQLite FTS5 MATCH expression matching any of the terms, each as a prefix: bm25 ranks
    // first what holds more of them, and rarer ones. Terms are cleaned as terms() cleans
    // text. Empty when there is no term.
    static QString toFts5AnyOf(const QStringList &terms);

    // Snippet markers the store asks the engine to put around matches; never typed by users.
    static QString openMark() { return QStringLiteral("\x02"); }
    static QString closeMark() { return QStringLiteral("\x03"); }

    // Escapes a marked snippet for HTML and turns the markers into <mark>...</mark>.
    static QString snippetToHtml(const QString &marked);
};

} // namespace Atiende::Core
