// What turns a person's search text into a full-text query (core/search/ftsquery.h), and the
// ticket numbers the same search box accepts (core/domain/ticketnumber.h). Checked: terms are
// words only (letters and digits, never a quote or an operator), at most kMaxTerms; every
// MATCH expression made from any text is accepted by SQLite's FTS5 with the tokenizer the
// store and the console cache use, so no typed text can make a search fail; keywords are
// distinct; a marked snippet becomes HTML whose only tags are <mark> and </mark>; a ticket
// number that parses formats back to itself.

#include "fuzzsupport.h"

#include "core/domain/ticketnumber.h"
#include "core/search/ftsquery.h"

#include <QSet>

#include <sqlite3.h>

using Atiende::Core::FtsQuery;
using Atiende::Core::TicketNumber;

namespace {

sqlite3 *s_db = nullptr;
sqlite3_stmt *s_match = nullptr;

void exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(s_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::fprintf(stderr, "%s: %s\n", sql, message ? message : "?");
        std::abort();
    }
}

// Runs the expression the way the store does (a bound MATCH parameter), to the last row.
void checkMatch(const QString &expression, const QString &from)
{
    if (expression.isEmpty())
        return;
    const QByteArray utf8 = expression.toUtf8();
    sqlite3_reset(s_match);
    sqlite3_bind_text(s_match, 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    int rc;
    int rows = 0;
    while ((rc = sqlite3_step(s_match)) == SQLITE_ROW)
        ++rows;
    FUZZ_CHECK(rc == SQLITE_DONE,
        QStringLiteral("FTS5 refused %1 (from %2): %3")
            .arg(expression, from, QString::fromUtf8(sqlite3_errmsg(s_db))));
    sqlite3_reset(s_match);
    sqlite3_clear_bindings(s_match);
}

void checkTerms(const QStringList &terms, const QString &text)
{
    FUZZ_CHECK(terms.size() <= FtsQuery::kMaxTerms, text);
    for (const QString &t : terms) {
        FUZZ_CHECK(!t.isEmpty(), text);
        for (QChar c : t)
            FUZZ_CHECK(c.isLetterOrNumber() && !c.isSurrogate(),
                QStringLiteral("U+%1 in a term").arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    if (sqlite3_open(":memory:", &s_db) != SQLITE_OK)
        std::abort();
    exec("CREATE VIRTUAL TABLE kb_fts USING fts5(title, keywords, body, tokenize = 'unicode61 "
         "remove_diacritics 2')");
    exec("INSERT INTO kb_fts(title, keywords, body) VALUES "
         "('Configuración de la impresora', 'impresora wifi', 'Si la impresora no imprime, "
         "reinicie el servicio.'),"
         "('VPN password reset', 'vpn contraseña', 'Reset your VPN password from the portal; MFA "
         "required.'),"
         "('日本語のテスト', 'unicode', 'Ünïcödé, emoji 😀 and ß.')");
    if (sqlite3_prepare_v2(
            s_db, "SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?1", -1, &s_match, nullptr)
        != SQLITE_OK)
        std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = Atiende::Fuzz::text(data, size);

    const QStringList terms = FtsQuery::terms(text);
    checkTerms(terms, text);
    const QString fts = FtsQuery::toFts5(text);
    FUZZ_CHECK(fts.isEmpty() == terms.isEmpty(), fts);
    checkMatch(fts, text);

    const QStringList keywords = FtsQuery::keywords(text);
    FUZZ_CHECK(keywords.size() <= FtsQuery::kMaxTerms, text);
    QSet<QString> distinct;
    for (const QString &k : keywords) {
        FUZZ_CHECK(!k.isEmpty(), text);
        distinct.insert(k);
    }
    FUZZ_CHECK(distinct.size() == keywords.size(), keywords.join(QLatin1Char(',')));
    const QString anyOf = FtsQuery::toFts5AnyOf(keywords);
    checkMatch(anyOf, text);
    // Terms as a caller might pass them: the text's lines, raw.
    checkMatch(FtsQuery::toFts5AnyOf(text.split(QLatin1Char('\n'))), text);

    const QString html = FtsQuery::snippetToHtml(text);
    QString tagsOut = html;
    tagsOut.remove(QLatin1String("<mark>")).remove(QLatin1String("</mark>"));
    FUZZ_CHECK(!tagsOut.contains(QLatin1Char('<')) && !tagsOut.contains(QLatin1Char('>')), html);
    FUZZ_CHECK(!html.contains(FtsQuery::openMark()) && !html.contains(FtsQuery::closeMark()), html);

    if (const auto number = TicketNumber::parse(text)) {
        FUZZ_CHECK(number->sequence > 0, text);
        const QString formatted = TicketNumber::format(number->type, number->sequence);
        const auto again = TicketNumber::parse(formatted);
        FUZZ_CHECK(
            again && again->type == number->type && again->sequence == number->sequence, formatted);
    }
    return 0;
}
