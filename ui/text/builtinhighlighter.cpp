#include "builtinhighlighter.h"

#include <QRegularExpression>
#include <QSet>

#include <vector>

namespace Atiende::Ui {

namespace {

using Token = BuiltinHighlighter::Token;

using Span = BuiltinHighlighter::Span;

// Collects a block's spans in order; a span never starts before the end of the last one.
class Spans
{
public:
    void add(int start, int length, Token token)
    {
        if (length <= 0)
            return;
        if (!m_spans.empty()) {
            const Span &last = m_spans.back();
            const int lastEnd = last.start + last.length;
            if (start < lastEnd) {
                length -= lastEnd - start;
                start = lastEnd;
                if (length <= 0)
                    return;
            }
            if (last.token == token && lastEnd == start) {
                m_spans.back().length += length;
                return;
            }
        }
        m_spans.push_back({ start, length, token });
    }
    const std::vector<Span> &spans() const { return m_spans; }
    size_t size() const { return m_spans.size(); }
    // Fills the gaps in [from, to) left by the spans added since index `since` with `token`.
    void fillGaps(size_t since, int from, int to, Token token)
    {
        std::vector<Span> tail(m_spans.begin() + qsizetype(since), m_spans.end());
        m_spans.erase(m_spans.begin() + qsizetype(since), m_spans.end());
        int at = from;
        for (const Span &s : tail) {
            add(at, s.start - at, token);
            m_spans.push_back(s);
            at = s.start + s.length;
        }
        add(at, to - at, token);
    }

private:
    std::vector<Span> m_spans;
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QSet<QString> words(std::initializer_list<const char *> list)
{
    QSet<QString> set;
    set.reserve(qsizetype(list.size()));
    for (const char *w : list)
        set.insert(QLatin1String(w));
    return set;
}

// ---------------------------------------------------------------------------------------------
// Code in general: comments, strings, numbers, keywords; what differs between languages is
// described by a CodeSpec.

enum LineState : int { Normal = 0, InBlockComment = 1, InTripleDouble = 2, InTripleSingle = 3 };

struct CodeSpec
{
    QLatin1String lineComment;
    QLatin1String lineComment2;
    QLatin1String blockOpen;
    QLatin1String blockClose;
    QLatin1String quotes;
    bool tripleQuotes = false;
    bool caseInsensitive = false;
    bool doubledQuoteEscape = false; // SQL: 'it''s'
    bool dollarVariables = false;
    bool percentVariables = false; // cmd: %PATH%
    bool hashPreprocessor = false; // C: #include at the start of a line
    bool annotations = false; // @Override, @decorator
    bool options = false; // shell: -v, --verbose
    bool dashInWords = false; // shell and PowerShell: my-script, Get-ChildItem
    bool commentAtWordStart = false; // shell: '#' starts a comment only at a word's start
    bool commands = false; // shell: the first word of a line is a command
    bool cmdlets = false; // PowerShell: Verb-Noun
    const QSet<QString> *keywords = nullptr;
    const QSet<QString> *types = nullptr;
    const QSet<QString> *literals = nullptr;
};

const CodeSpec &cSpec()
{
    static const QSet<QString> keywords = words({ "abstract", "and", "as", "async", "await",
        "break", "case", "catch", "class", "const", "constexpr", "continue", "crate", "default",
        "defer", "delete", "do", "dyn", "else", "enum", "explicit", "export", "extends", "extern",
        "final", "finally", "fn", "for", "foreach", "friend", "from", "func", "function", "go",
        "goto", "if", "impl", "implements", "import", "in", "inline", "instanceof", "interface",
        "internal", "is", "let", "loop", "match", "mod", "module", "mut", "namespace", "new",
        "noexcept", "not", "of", "operator", "or", "override", "package", "private", "protected",
        "pub", "public", "readonly", "return", "sealed", "select", "sizeof", "static",
        "static_cast", "dynamic_cast", "reinterpret_cast", "const_cast", "struct", "super",
        "switch", "synchronized", "template", "this", "throw", "throws", "trait", "try", "type",
        "typedef", "typeof", "typename", "union", "unsafe", "use", "using", "val", "var", "virtual",
        "volatile", "when", "where", "while", "with", "yield", "echo", "fun", "object", "guard",
        "self", "Self" });
    static const QSet<QString> types = words({ "auto", "bool", "boolean", "byte", "char", "double",
        "float", "int", "long", "short", "signed", "unsigned", "void", "size_t", "ssize_t",
        "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
        "qint64", "quint64", "qint32", "quint32", "string", "String", "QString", "std", "Object",
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize", "f32", "f64", "str",
        "rune", "error", "any", "number", "decimal", "Integer", "Boolean", "Map", "List", "Vec",
        "Option", "Result", "Promise", "Array" });
    static const QSet<QString> literals = words({ "true", "false", "null", "nullptr", "NULL", "nil",
        "None", "undefined", "NaN", "Infinity" });
    static const CodeSpec spec = [] {
        CodeSpec s;
        s.lineComment = QLatin1String("//");
        s.blockOpen = QLatin1String("/*");
        s.blockClose = QLatin1String("*/");
        s.quotes = QLatin1String("\"'`");
        s.hashPreprocessor = true;
        s.annotations = true;
        s.keywords = &keywords;
        s.types = &types;
        s.literals = &literals;
        return s;
    }();
    return spec;
}

const CodeSpec &pythonSpec()
{
    static const QSet<QString> keywords = words({ "and", "as", "assert", "async", "await", "break",
        "case", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
        "from", "global", "if", "import", "in", "is", "lambda", "match", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield" });
    static const QSet<QString> types = words(
        { "bool", "bytes", "dict", "float", "int", "list", "object", "set", "str", "tuple", "type",
            "len", "print", "range", "open", "isinstance", "super", "self", "cls", "Exception",
            "ValueError", "KeyError", "TypeError", "RuntimeError", "OSError", "IOError" });
    static const QSet<QString> literals = words({ "True", "False", "None" });
    static const CodeSpec spec = [] {
        CodeSpec s;
        s.lineComment = QLatin1String("#");
        s.quotes = QLatin1String("\"'");
        s.tripleQuotes = true;
        s.annotations = true;
        s.keywords = &keywords;
        s.types = &types;
        s.literals = &literals;
        return s;
    }();
    return spec;
}

const CodeSpec &shellSpec()
{
    static const QSet<QString> keywords = words({ "if", "then", "else", "elif", "fi", "for",
        "while", "until", "do", "done", "case", "esac", "in", "function", "select", "return",
        "local", "export", "readonly", "declare", "unset", "shift", "break", "continue", "exit",
        "source", "alias", "set", "trap", "eval", "exec" });
    static const QSet<QString> literals = words({ "true", "false" });
    static const CodeSpec spec = [] {
        CodeSpec s;
        s.lineComment = QLatin1String("#");
        s.quotes = QLatin1String("\"'`");
        s.dollarVariables = true;
        s.options = true;
        s.dashInWords = true;
        s.commentAtWordStart = true;
        s.commands = true;
        s.keywords = &keywords;
        s.literals = &literals;
        return s;
    }();
    return spec;
}

const CodeSpec &powershellSpec()
{
    static const QSet<QString> keywords
        = words({ "begin", "break", "catch", "class", "continue", "data", "do", "dynamicparam",
            "else", "elseif", "end", "exit", "filter", "finally", "for", "foreach", "function",
            "if", "in", "param", "process", "return", "switch", "throw", "trap", "try", "until",
            "using", "while", "rem", "set", "echo", "goto", "call", "setlocal", "endlocal" });
    static const QSet<QString> literals = words({ "$true", "$false", "$null" });
    static const CodeSpec spec = [] {
        CodeSpec s;
        s.lineComment = QLatin1String("#");
        s.lineComment2 = QLatin1String("::");
        s.blockOpen = QLatin1String("<#");
        s.blockClose = QLatin1String("#>");
        s.quotes = QLatin1String("\"'");
        s.caseInsensitive = true;
        s.dollarVariables = true;
        s.percentVariables = true;
        s.options = true;
        s.dashInWords = true;
        s.commentAtWordStart = true;
        s.cmdlets = true;
        s.commands = true;
        s.keywords = &keywords;
        s.literals = &literals;
        return s;
    }();
    return spec;
}

const CodeSpec &sqlSpec()
{
    static const QSet<QString> keywords = words({ "add", "all", "alter", "and", "any", "as", "asc",
        "begin", "between", "by", "cascade", "case", "check", "column", "commit", "constraint",
        "create", "cross", "database", "default", "delete", "desc", "distinct", "drop", "else",
        "end", "exists", "explain", "foreign", "from", "full", "grant", "group", "having", "if",
        "in", "index", "inner", "insert", "into", "is", "join", "key", "left", "like", "ilike",
        "limit", "not", "offset", "on", "or", "order", "outer", "over", "partition", "primary",
        "references", "returning", "revoke", "right", "rollback", "schema", "select", "set",
        "table", "then", "top", "transaction", "trigger", "truncate", "union", "unique", "update",
        "using", "values", "view", "when", "where", "with", "pragma", "vacuum", "analyze",
        "conflict", "do", "nothing", "replace", "temporary", "temp", "recursive", "collate",
        "escape", "glob", "match", "natural", "window", "filter", "lateral" });
    static const QSet<QString> types = words({ "int", "integer", "bigint", "smallint", "tinyint",
        "serial", "bigserial", "real", "float", "double", "decimal", "numeric", "char", "varchar",
        "nvarchar", "text", "blob", "bytea", "boolean", "bool", "date", "time", "timestamp",
        "timestamptz", "interval", "uuid", "json", "jsonb", "count", "sum", "avg", "min", "max",
        "coalesce", "nullif", "cast", "now", "lower", "upper", "length", "substr", "substring",
        "trim", "round", "abs", "ifnull", "strftime", "date_trunc", "row_number", "rank",
        "string_agg", "group_concat" });
    static const QSet<QString> literals
        = words({ "null", "true", "false", "current_date", "current_time", "current_timestamp" });
    static const CodeSpec spec = [] {
        CodeSpec s;
        s.lineComment = QLatin1String("--");
        s.lineComment2 = QLatin1String("#");
        s.blockOpen = QLatin1String("/*");
        s.blockClose = QLatin1String("*/");
        s.quotes = QLatin1String("'");
        s.caseInsensitive = true;
        s.doubledQuoteEscape = true;
        s.keywords = &keywords;
        s.types = &types;
        s.literals = &literals;
        return s;
    }();
    return spec;
}

class CodeScanner
{
public:
    CodeScanner(const CodeSpec &spec, Spans &out)
        : m_spec(spec)
        , m_out(out)
    {
    }

    // Scans one line starting at `offset` in the block; returns the state for the next line.
    int scanLine(QStringView line, int offset, int state)
    {
        const int n = int(line.size());
        int i = 0;
        auto mark = [&](int from, int to, Token t) { m_out.add(offset + from, to - from, t); };

        // Carry-overs from the previous line.
        if (state == InBlockComment) {
            const int close = int(line.indexOf(m_spec.blockClose));
            if (close < 0) {
                mark(0, n, Token::Comment);
                return InBlockComment;
            }
            i = close + int(m_spec.blockClose.size());
            mark(0, i, Token::Comment);
            state = Normal;
        } else if (state == InTripleDouble || state == InTripleSingle) {
            const QLatin1String delimiter(state == InTripleDouble ? "\"\"\"" : "'''");
            const int close = int(line.indexOf(delimiter));
            if (close < 0) {
                mark(0, n, Token::String);
                return state;
            }
            i = close + 3;
            mark(0, i, Token::String);
            state = Normal;
        }

        bool firstWord = true;
        while (i < n) {
            const QChar c = line.at(i);
            const QStringView rest = line.mid(i);
            if (c.isSpace()) {
                ++i;
                continue;
            }
            const bool wordStart = i == 0 || line.at(i - 1).isSpace()
                || line.at(i - 1) == QLatin1Char(';') || line.at(i - 1) == QLatin1Char('(')
                || line.at(i - 1) == QLatin1Char('|');
            // Comments.
            if (!m_spec.blockOpen.isEmpty() && rest.startsWith(m_spec.blockOpen)) {
                const int close = int(line.indexOf(m_spec.blockClose, i + m_spec.blockOpen.size()));
                if (close < 0) {
                    mark(i, n, Token::Comment);
                    return InBlockComment;
                }
                const int end = close + int(m_spec.blockClose.size());
                mark(i, end, Token::Comment);
                i = end;
                continue;
            }
            if ((!m_spec.lineComment.isEmpty() && rest.startsWith(m_spec.lineComment))
                || (!m_spec.lineComment2.isEmpty() && rest.startsWith(m_spec.lineComment2)
                    && (i == 0 || line.left(i).trimmed().isEmpty()))) {
                if (!m_spec.commentAtWordStart || wordStart) {
                    mark(i, n, Token::Comment);
                    return Normal;
                }
            }
            if (m_spec.hashPreprocessor && c == QLatin1Char('#')
                && line.left(i).trimmed().isEmpty()) {
                mark(i, n, Token::Meta);
                return Normal;
            }
            if (m_spec.caseInsensitive && m_spec.percentVariables && wordStart
                && rest.startsWith(QLatin1String("rem"), Qt::CaseInsensitive)
                && (rest.size() == 3 || rest.at(3).isSpace())) {
                mark(i, n, Token::Comment);
                return Normal;
            }
            // Strings.
            if (m_spec.quotes.contains(c)) {
                if (m_spec.tripleQuotes
                    && (rest.startsWith(QLatin1String("\"\"\""))
                        || rest.startsWith(QLatin1String("'''")))) {
                    const QStringView delimiter = rest.left(3);
                    const int close = int(line.indexOf(delimiter, i + 3));
                    if (close < 0) {
                        mark(i, n, Token::String);
                        return c == QLatin1Char('"') ? InTripleDouble : InTripleSingle;
                    }
                    mark(i, close + 3, Token::String);
                    i = close + 3;
                    continue;
                }
                const int end = stringEnd(line, i, c);
                mark(i, end, Token::String);
                i = end;
                firstWord = false;
                continue;
            }
            // Variables.
            if (m_spec.dollarVariables && c == QLatin1Char('$') && i + 1 < n) {
                const int end = variableEnd(line, i);
                if (end > i + 1) {
                    const QString word = line.mid(i, end - i).toString().toLower();
                    mark(i, end,
                        m_spec.literals && m_spec.literals->contains(word) ? Token::Literal
                                                                           : Token::Variable);
                    i = end;
                    firstWord = false;
                    continue;
                }
            }
            if (m_spec.percentVariables && c == QLatin1Char('%')) {
                const int close = int(line.indexOf(QLatin1Char('%'), i + 1));
                if (close > i + 1 && close - i < 64
                    && !line.mid(i + 1, close - i - 1).contains(QLatin1Char(' '))) {
                    mark(i, close + 1, Token::Variable);
                    i = close + 1;
                    continue;
                }
            }
            if (m_spec.annotations && c == QLatin1Char('@') && i + 1 < n
                && (line.at(i + 1).isLetter() || line.at(i + 1) == QLatin1Char('_'))) {
                int end = i + 1;
                while (end < n && (isWordChar(line.at(end)) || line.at(end) == QLatin1Char('.')))
                    ++end;
                mark(i, end, Token::Meta);
                i = end;
                continue;
            }
            if (m_spec.options && c == QLatin1Char('-') && wordStart && i + 1 < n
                && (line.at(i + 1).isLetter() || line.at(i + 1) == QLatin1Char('-'))) {
                int end = i + 1;
                while (end < n && (isWordChar(line.at(end)) || line.at(end) == QLatin1Char('-')))
                    ++end;
                mark(i, end, Token::Option);
                i = end;
                firstWord = false;
                continue;
            }
            // Numbers: not the digits inside a word ("md5", "x86").
            if ((c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && line.at(i + 1).isDigit()))
                && (i == 0 || !isWordChar(line.at(i - 1)))) {
                int end = i + 1;
                while (end < n) {
                    const QChar d = line.at(end);
                    if (isWordChar(d) || d == QLatin1Char('.'))
                        ++end;
                    else if ((d == QLatin1Char('+') || d == QLatin1Char('-'))
                        && (line.at(end - 1) == QLatin1Char('e')
                            || line.at(end - 1) == QLatin1Char('E'))
                        && !line.mid(i, 2).startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
                        ++end;
                    else
                        break;
                }
                if (!m_spec.dashInWords || end >= n || line.at(end) != QLatin1Char('-')) {
                    mark(i, end, Token::Number);
                    i = end;
                    firstWord = false;
                    continue;
                }
            }
            // Words.
            if (isWordChar(c) || (m_spec.dashInWords && c == QLatin1Char('.') && firstWord)) {
                int end = i + 1;
                while (end < n) {
                    const QChar d = line.at(end);
                    if (isWordChar(d)
                        || (m_spec.dashInWords
                            && (d == QLatin1Char('-') || d == QLatin1Char('.')
                                || d == QLatin1Char('/'))))
                        ++end;
                    else
                        break;
                }
                const QStringView word = line.mid(i, end - i);
                const Token t = classify(word, firstWord && wordStart, line, end);
                if (t != Token::Count)
                    mark(i, end, t);
                i = end;
                // In a shell, "then", "do", "sudo"... are followed by a command.
                firstWord = m_spec.commands && (t == Token::Keyword || t == Token::Type)
                    && isCommandPrefix(word);
                continue;
            }
            // Anything else: punctuation and operators stay plain. A new command starts after
            // a pipe or a separator in shells.
            if (c == QLatin1Char('|') || c == QLatin1Char(';') || c == QLatin1Char('&')
                || c == QLatin1Char('('))
                firstWord = true;
            else if (!c.isSpace())
                firstWord = false;
            ++i;
        }
        return Normal;
    }

private:
    int stringEnd(QStringView line, int start, QChar quote) const
    {
        const int n = int(line.size());
        // Shell single quotes and SQL strings have no backslash escapes.
        const bool backslash = !(
            m_spec.doubledQuoteEscape || (m_spec.commentAtWordStart && quote == QLatin1Char('\'')));
        int i = start + 1;
        while (i < n) {
            const QChar c = line.at(i);
            if (backslash && c == QLatin1Char('\\')) {
                i += 2;
                continue;
            }
            if (m_spec.cmdlets && c == QLatin1Char('`')) { // PowerShell's escape character
                i += 2;
                continue;
            }
            if (c == quote) {
                if (m_spec.doubledQuoteEscape && i + 1 < n && line.at(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            ++i;
        }
        return n;
    }

    static int variableEnd(QStringView line, int start)
    {
        const int n = int(line.size());
        int i = start + 1;
        if (line.at(i) == QLatin1Char('{')) {
            const int close = int(line.indexOf(QLatin1Char('}'), i));
            return close < 0 ? n : close + 1;
        }
        if (QStringView(u"?@#*!$-0123456789").contains(line.at(i)))
            return i + 1;
        // $env:PATH, $script:x
        while (i < n
            && (isWordChar(line.at(i))
                || (line.at(i) == QLatin1Char(':') && i + 1 < n && isWordChar(line.at(i + 1)))))
            ++i;
        return i;
    }

    static bool isCommandPrefix(QStringView word)
    {
        static const QSet<QString> prefixes
            = words({ "if", "then", "else", "elif", "do", "while", "until", "time", "sudo", "doas",
                "env", "exec", "nohup", "xargs", "watch", "nice", "command", "builtin", "eval" });
        return prefixes.contains(word.toString());
    }

    Token classify(QStringView word, bool commandPosition, QStringView line, int end) const
    {
        const QString key = m_spec.caseInsensitive ? word.toString().toLower() : word.toString();
        if (m_spec.keywords && m_spec.keywords->contains(key))
            return Token::Keyword;
        if (m_spec.literals && m_spec.literals->contains(key))
            return Token::Literal;
        if (m_spec.types && m_spec.types->contains(key))
            return Token::Type;
        if (m_spec.cmdlets) {
            const qsizetype dash = word.indexOf(QLatin1Char('-'));
            if (dash > 0 && dash + 1 < word.size() && word.at(0).isUpper()
                && word.at(dash + 1).isUpper())
                return Token::Type;
        }
        if (m_spec.commands && commandPosition) {
            // "NAME=value" is an assignment, not a command.
            if (end < line.size() && line.at(end) == QLatin1Char('='))
                return Token::Variable;
            return Token::Type;
        }
        return Token::Count;
    }

    const CodeSpec &m_spec;
    Spans &m_out;
};

// ---------------------------------------------------------------------------------------------
// JSON (with // comments, as JSONC and many configs have).

void scanJsonLine(QStringView line, int offset, Spans &out)
{
    const int n = int(line.size());
    int i = 0;
    while (i < n) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('"')) {
            int end = i + 1;
            while (end < n && line.at(end) != QLatin1Char('"'))
                end += line.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = qMin(end + 1, n);
            int after = end;
            while (after < n && line.at(after).isSpace())
                ++after;
            out.add(offset + i, end - i,
                after < n && line.at(after) == QLatin1Char(':') ? Token::Key : Token::String);
            i = end;
        } else if (c.isDigit()
            || (c == QLatin1Char('-') && i + 1 < n && line.at(i + 1).isDigit())) {
            int end = i + 1;
            while (
                end < n && (line.at(end).isDigit() || QStringView(u".eE+-").contains(line.at(end))))
                ++end;
            out.add(offset + i, end - i, Token::Number);
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < n && line.at(end).isLetter())
                ++end;
            const QStringView word = line.mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false")
                || word == QLatin1String("null"))
                out.add(offset + i, end - i, Token::Literal);
            i = end;
        } else if (c == QLatin1Char('/') && i + 1 < n && line.at(i + 1) == QLatin1Char('/')) {
            out.add(offset + i, n - i, Token::Comment);
            return;
        } else {
            ++i;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Logs: one pattern finds instants, level words, addresses, strings and numbers in a line;
// error and warning lines are tinted as a whole; stack frames are muted.

const QRegularExpression &logTokens()
{
    static const QRegularExpression re(
        QStringLiteral(
            // 1: instants
            "(\\b\\d{4}-\\d{2}-\\d{2}(?:[T "
            "]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2}|\\b))?"
            "|\\b\\d{4}/\\d{2}/\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)?"
            "|\\b\\d{1,2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/"
            "\\d{4}(?::\\d{2}:\\d{2}:\\d{2})?(?: [+-]\\d{4})?"
            "|\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \\d]\\d \\d{2}:\\d{2}:\\d{2}"
            "|\\b\\d{2}/\\d{2}/\\d{4}(?: \\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[AP]M)?)?"
            "|\\b\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?\\b)"
            // 2-5: levels, upper case anywhere, any case where a logger puts them
            "|(\\b(?:FATAL|CRITICAL|CRIT|EMERG|EMERGENCY|ALERT|PANIC|SEVERE|ERROR|ERR|FAILED|"
            "FAILURE|FAIL)\\b|^\\s*(?:Error|Fatal|Critical)(?=:)"
            "|(?<=[\\[<(|]|level=|lvl=|severity=|\"level\":\"|\"severity\":\")(?i:fatal|critical|"
            "crit|emerg|alert|panic|severe|error|err)(?=[\\]>)|:,\"\\s]|$))"
            "|(\\bWARN(?:ING)?\\b|^\\s*Warning(?=:)|(?<=[\\[<(|]|level=|lvl=|severity=|\"level\":"
            "\"|\"severity\":\")(?i:warn|warning)(?=[\\]>)|:,\"\\s]|$))"
            "|(\\b(?:INFO|NOTICE)\\b|(?<=[\\[<(|]|level=|lvl=|severity=|\"level\":\"|\"severity\":"
            "\")(?i:info|information|notice)(?=[\\]>)|:,\"\\s]|$))"
            "|(\\b(?:DEBUG|TRACE|VERBOSE|FINE|FINER|FINEST)\\b|(?<=[\\[<(|]|level=|lvl=|severity=|"
            "\"level\":\"|\"severity\":\")(?i:debug|trace|verbose)(?=[\\]>)|:,\"\\s]|$))"
            // 6: exception class names
            "|(\\b(?:[a-z_][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b)"
            // 7: URLs, e-mail addresses, IPv4 (with a port) and IPv6 / MAC addresses
            "|(\\b(?:https?|wss?|ftp|sftp|file|smb|ldaps?)://[^\\s\"'<>()\\[\\]]+"
            "|\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b"
            "|\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?\\b"
            "|\\b(?:[0-9a-fA-F]{1,4}:){5,7}[0-9a-fA-F]{1,4}\\b"
            "|\\b(?:[0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}\\b"
            "|(?<![\\w:])::1\\b)"
            // 8: quoted text (an apostrophe inside a word is not a quote)
            "|(\"(?:[^\"\\\\]++|\\\\.)*+\"|(?<![\\w'])'(?:[^'\\\\]++|\\\\.)*+'(?!\\w))"
            // 9: UUIDs
            "|(\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b)"
            // 10: numbers, with a unit
            "|(\\b0x[0-9a-fA-F]++\\b|(?<![\\w.])-?\\d++(?:\\.\\d++)?(?:ms|s|us|ns|[KMGT]i?B|%)?(?!["
            "\\w.]))"
            // 11: key=value names
            "|(\\b[A-Za-z_][\\w.-]*+(?==))"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

const QRegularExpression &stackFrameLine()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:\\s+at\\s|\\s*File \"[^\"]*\", line \\d+|\\s*#\\d+\\s+(?:0x[0-9a-fA-F]+\\s+in\\s)?\\S|"
        "\\s*\\.\\.\\. \\d+ (?:more|common frames omitted))"));
    return re;
}

void scanLogLine(QStringView line, int offset, Spans &out)
{
    if (stackFrameLine().match(line).hasMatch()) {
        out.add(offset, int(line.size()), Token::StackFrame);
        return;
    }
    static const Token kGroups[] = { Token::Count, Token::Timestamp, Token::Error, Token::Warning,
        Token::Info, Token::Debug, Token::Error, Token::Address, Token::String, Token::Literal,
        Token::Number, Token::Key };
    const size_t first = out.size();
    Token tint = Token::Count;
    bool levelSeen = false;
    QRegularExpressionMatchIterator it = logTokens().globalMatch(line);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        int group = 1;
        while (group <= 11 && m.capturedStart(group) < 0)
            ++group;
        if (group > 11)
            continue;
        const Token t = kGroups[group];
        // The first level word says what the line is; later ones are part of the message.
        if (group >= 2 && group <= 5) {
            if (levelSeen)
                continue;
            levelSeen = true;
            if (t == Token::Error)
                tint = Token::ErrorText;
            else if (t == Token::Warning)
                tint = Token::WarningText;
        } else if (group == 6 && tint == Token::Count) {
            tint = Token::ErrorText;
        }
        out.add(offset + int(m.capturedStart()), int(m.capturedLength()), t);
    }
    if (tint == Token::Count && line.startsWith(QLatin1String("Traceback (most recent call last)")))
        tint = Token::ErrorText;
    if (tint != Token::Count)
        out.fillGaps(first, offset, offset + int(line.size()), tint);
}

// ---------------------------------------------------------------------------------------------
// Markup, configuration files and diffs.

enum MarkupState : int { Text = 0, InComment = 1, InTag = 2 };

int scanXmlLine(QStringView line, int offset, int state, Spans &out)
{
    const int n = int(line.size());
    int i = 0;
    while (i < n) {
        if (state == InComment) {
            const int close = int(line.indexOf(QLatin1String("-->"), i));
            const int end = close < 0 ? n : close + 3;
            out.add(offset + i, end - i, Token::Comment);
            i = end;
            if (close >= 0)
                state = Text;
            continue;
        }
        const QChar c = line.at(i);
        if (state == InTag) {
            if (c.isSpace()) {
                ++i;
            } else if (c == QLatin1Char('>')
                || (c == QLatin1Char('/') && i + 1 < n && line.at(i + 1) == QLatin1Char('>'))
                || (c == QLatin1Char('?') && i + 1 < n && line.at(i + 1) == QLatin1Char('>'))) {
                const int end = c == QLatin1Char('>') ? i + 1 : i + 2;
                out.add(offset + i, end - i, Token::Tag);
                i = end;
                state = Text;
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                const int close = int(line.indexOf(c, i + 1));
                const int end = close < 0 ? n : close + 1;
                out.add(offset + i, end - i, Token::String);
                i = end;
            } else if (isWordChar(c)) {
                int end = i + 1;
                while (end < n
                    && (isWordChar(line.at(end)) || QStringView(u":-.").contains(line.at(end))))
                    ++end;
                out.add(offset + i, end - i, Token::Key);
                i = end;
            } else {
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char('<')) {
            const QStringView rest = line.mid(i);
            if (rest.startsWith(QLatin1String("<!--"))) {
                state = InComment;
                out.add(offset + i, 4, Token::Comment);
                i += 4;
                continue;
            }
            if (rest.startsWith(QLatin1String("<!")) || rest.startsWith(QLatin1String("<?"))) {
                const int close = int(line.indexOf(QLatin1Char('>'), i));
                const int end = close < 0 ? n : close + 1;
                out.add(offset + i, end - i, Token::Meta);
                i = end;
                continue;
            }
            int end = i + 1;
            if (end < n && line.at(end) == QLatin1Char('/'))
                ++end;
            if (end < n && (line.at(end).isLetter() || line.at(end) == QLatin1Char('_'))) {
                while (end < n
                    && (isWordChar(line.at(end)) || QStringView(u":-.").contains(line.at(end))))
                    ++end;
                out.add(offset + i, end - i, Token::Tag);
                i = end;
                state = InTag;
                continue;
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('&')) {
            const int semicolon = int(line.indexOf(QLatin1Char(';'), i));
            if (semicolon > i + 1 && semicolon - i <= 10) {
                out.add(offset + i, semicolon + 1 - i, Token::Literal);
                i = semicolon + 1;
                continue;
            }
        }
        ++i;
    }
    return state;
}

bool isLiteralWord(QStringView w)
{
    static const QSet<QString> literals
        = words({ "true", "false", "yes", "no", "on", "off", "null", "none", "~" });
    return literals.contains(w.toString().toLower());
}

bool isNumber(QStringView w)
{
    if (w.isEmpty())
        return false;
    bool digit = false;
    for (int i = 0; i < w.size(); ++i) {
        const QChar c = w.at(i);
        if (c.isDigit())
            digit = true;
        else if (!(c == QLatin1Char('.') || c == QLatin1Char('_')
                     || ((c == QLatin1Char('-') || c == QLatin1Char('+')) && i == 0)))
            return false;
    }
    return digit;
}

// A configuration value: a quoted string, a number, a literal, ${VARIABLES}, a trailing comment.
void scanValue(QStringView line, int from, int offset, Spans &out, bool hashComments)
{
    const int n = int(line.size());
    int i = from;
    while (i < n && line.at(i).isSpace())
        ++i;
    if (i >= n)
        return;
    const QChar c = line.at(i);
    if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
        int end = i + 1;
        while (end < n && line.at(end) != c)
            end += (c == QLatin1Char('"') && line.at(end) == QLatin1Char('\\')) ? 2 : 1;
        end = qMin(end + 1, n);
        out.add(offset + i, end - i, Token::String);
        i = end;
    } else if (c == QLatin1Char('&') || c == QLatin1Char('*') || c == QLatin1Char('!')) {
        int end = i + 1;
        while (end < n && !line.at(end).isSpace())
            ++end;
        out.add(offset + i, end - i, c == QLatin1Char('!') ? Token::Meta : Token::Variable);
        i = end;
    }
    // The rest: the first comment ends it; a whole-value number or literal is coloured.
    int commentAt = -1;
    for (int j = i; j < n; ++j) {
        if (line.at(j) == QLatin1Char('#') && hashComments
            && (j == 0 || line.at(j - 1).isSpace())) {
            commentAt = j;
            break;
        }
    }
    const int valueEnd = commentAt < 0 ? n : commentAt;
    const QStringView value = line.mid(i, valueEnd - i).trimmed();
    if (!value.isEmpty()) {
        const int at = int(line.indexOf(value, i));
        if (isNumber(value))
            out.add(offset + at, int(value.size()), Token::Number);
        else if (isLiteralWord(value))
            out.add(offset + at, int(value.size()), Token::Literal);
        else {
            for (qsizetype v = value.indexOf(QLatin1String("${")); v >= 0;
                 v = value.indexOf(QLatin1String("${"), v + 2)) {
                const qsizetype close = value.indexOf(QLatin1Char('}'), v);
                if (close < 0)
                    break;
                out.add(offset + at + int(v), int(close - v + 1), Token::Variable);
            }
        }
    }
    if (commentAt >= 0)
        out.add(offset + commentAt, n - commentAt, Token::Comment);
}

void scanYamlLine(QStringView line, int offset, Spans &out)
{
    const int n = int(line.size());
    const QStringView trimmed = line.trimmed();
    if (trimmed.startsWith(QLatin1Char('#'))) {
        out.add(offset + int(line.indexOf(QLatin1Char('#'))), int(trimmed.size()), Token::Comment);
        return;
    }
    if (line.startsWith(QLatin1String("---")) || line.startsWith(QLatin1String("..."))) {
        out.add(offset, 3, Token::Meta);
        scanValue(line, 3, offset, out, true);
        return;
    }
    int i = 0;
    while (i < n && line.at(i).isSpace())
        ++i;
    while (i + 1 < n && line.at(i) == QLatin1Char('-') && line.at(i + 1).isSpace()) {
        i += 2;
        while (i < n && line.at(i).isSpace())
            ++i;
    }
    // A key: up to ": " or a final ':' (quoted keys too).
    int colon = -1;
    for (int j = i; j < n; ++j) {
        const QChar c = line.at(j);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const int close = int(line.indexOf(c, j + 1));
            if (close < 0)
                break;
            j = close;
            continue;
        }
        if (c == QLatin1Char(':') && (j + 1 == n || line.at(j + 1).isSpace())) {
            colon = j;
            break;
        }
        if (c == QLatin1Char('#') && j > 0 && line.at(j - 1).isSpace())
            break;
    }
    if (colon > i) {
        out.add(offset + i, colon - i, Token::Key);
        scanValue(line, colon + 1, offset, out, true);
    } else {
        scanValue(line, i, offset, out, true);
    }
}

void scanIniLine(QStringView line, int offset, Spans &out)
{
    const QStringView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    const int start = int(line.indexOf(trimmed.front(), 0));
    if (trimmed.startsWith(QLatin1Char(';')) || trimmed.startsWith(QLatin1Char('#'))) {
        out.add(offset + start, int(trimmed.size()), Token::Comment);
        return;
    }
    if (trimmed.startsWith(QLatin1Char('[')) && trimmed.endsWith(QLatin1Char(']'))) {
        out.add(offset + start, int(trimmed.size()), Token::Meta);
        return;
    }
    int i = start;
    if (trimmed.startsWith(QLatin1String("export ")))
        i += 7;
    const int n = int(line.size());
    int separator = i;
    while (separator < n && line.at(separator) != QLatin1Char('=')
        && line.at(separator) != QLatin1Char(':'))
        ++separator;
    if (separator >= n)
        return;
    const QStringView key = line.mid(i, separator - i).trimmed();
    out.add(offset + i, int(key.size()), Token::Key);
    scanValue(line, separator + 1, offset, out, false);
}

void scanDiffLine(QStringView line, int offset, Spans &out)
{
    const int n = int(line.size());
    if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---"))
        || line.startsWith(QLatin1String("diff ")) || line.startsWith(QLatin1String("index "))
        || line.startsWith(QLatin1String("new file"))
        || line.startsWith(QLatin1String("deleted file")))
        out.add(offset, n, Token::Meta);
    else if (line.startsWith(QLatin1String("@@")))
        out.add(offset, n, Token::Keyword);
    else if (line.startsWith(QLatin1Char('+')) || line.startsWith(QLatin1Char('>')))
        out.add(offset, n, Token::Inserted);
    else if (line.startsWith(QLatin1Char('-')) || line.startsWith(QLatin1Char('<')))
        out.add(offset, n, Token::Deleted);
}

// A shell transcript: "$ cmd", "user@host:~$ cmd", "PS C:\> cmd", "C:\Users\x> cmd".
int promptLength(QStringView line)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:[\\w.-]+@[\\w.-]+(?::[^$#\\s]*)?\\s?[$#]\\s|\\$\\s|PS "
                       "[^>\\n]{0,200}>\\s?|[A-Za-z]:\\\\[^>\\n]{0,200}>\\s?)"));
    const QRegularExpressionMatch m = re.match(line);
    return m.hasMatch() ? int(m.capturedLength()) : 0;
}

struct LineSplit
{
    QStringView text;
    int offset;
};

std::vector<LineSplit> splitLines(QStringView text)
{
    std::vector<LineSplit> lines;
    int start = 0;
    const int n = int(text.size());
    while (start <= n) {
        int end = int(text.indexOf(QLatin1Char('\n'), start));
        if (end < 0)
            end = n;
        // Colour the start of a line too long to colour whole; the rest stays plain.
        lines.push_back(
            { text.mid(start, qMin(end - start, CodeHighlighter::kMaxLineLength)), start });
        start = end + 1;
    }
    return lines;
}

QTextCharFormat charFormat(const QColor &foreground, bool bold = false, bool italic = false,
    const QColor &background = QColor())
{
    QTextCharFormat f;
    f.setForeground(foreground);
    if (bold)
        f.setFontWeight(QFont::Bold);
    if (italic)
        f.setFontItalic(true);
    if (background.isValid())
        f.setBackground(background);
    return f;
}

} // namespace

BuiltinHighlighter::BuiltinHighlighter()
{
    setPalette(QPalette());
}

QString BuiltinHighlighter::engineName() const
{
    return QStringLiteral("built-in");
}

void BuiltinHighlighter::setPalette(const QPalette &palette)
{
    m_dark = isDark(palette);
    auto set = [this](Token t, const QTextCharFormat &f) { m_formats[size_t(t)] = f; };
    auto c = [this](const char *light, const char *dark) {
        return QColor(QLatin1String(m_dark ? dark : light));
    };
    // GitHub's Primer colours: they read on white and on a dark base, and agents know them.
    set(Token::Keyword, charFormat(c("#cf222e", "#ff7b72")));
    set(Token::Type, charFormat(c("#953800", "#ffa657")));
    set(Token::String, charFormat(c("#116329", "#7ee787")));
    set(Token::Number, charFormat(c("#0550ae", "#79c0ff")));
    set(Token::Comment, charFormat(c("#6e7781", "#8b949e"), false, true));
    set(Token::Key, charFormat(c("#8250df", "#d2a8ff")));
    set(Token::Literal, charFormat(c("#cf222e", "#ff7b72")));
    set(Token::Variable, charFormat(c("#8250df", "#d2a8ff")));
    set(Token::Meta, charFormat(c("#1b7c83", "#56d4dd")));
    set(Token::Tag, charFormat(c("#0550ae", "#79c0ff")));
    set(Token::Prompt, charFormat(c("#6e7781", "#8b949e"), true));
    set(Token::Option, charFormat(c("#0550ae", "#79c0ff")));
    set(Token::Timestamp, charFormat(c("#1b7c83", "#56d4dd")));
    set(Token::Address, charFormat(c("#0550ae", "#79c0ff")));
    set(Token::Error, charFormat(c("#d1242f", "#ff7b72"), true));
    set(Token::Warning, charFormat(c("#9a6700", "#d29922"), true));
    set(Token::Info, charFormat(c("#0969da", "#58a6ff"), true));
    set(Token::Debug, charFormat(c("#6e7781", "#8b949e"), true));
    set(Token::ErrorText, charFormat(c("#a40e26", "#ffa198")));
    set(Token::WarningText, charFormat(c("#7d4e00", "#e3b341")));
    set(Token::StackFrame, charFormat(c("#57606a", "#8b949e")));
    set(Token::Inserted,
        charFormat(c("#116329", "#7ee787"), false, false, c("#dafbe1", "#0f3d1f")));
    set(Token::Deleted, charFormat(c("#82071e", "#ffa198"), false, false, c("#ffebe9", "#4c1118")));
}

QList<CodeHighlighter::Range> BuiltinHighlighter::highlight(
    const QString &text, const QString &language) const
{
    QList<Range> ranges;
    const QList<Span> found = spans(text, language);
    ranges.reserve(found.size());
    for (const Span &s : found)
        ranges.append({ s.start, s.length, m_formats.at(size_t(s.token)) });
    return ranges;
}

QList<BuiltinHighlighter::Span> BuiltinHighlighter::spans(
    const QString &text, const QString &language) const
{
    QList<Span> out;
    if (text.isEmpty() || text.size() > kMaxBlockLength)
        return out;
    QString lang = canonicalLanguage(language);
    if (lang.isEmpty() && language.trimmed().isEmpty())
        lang = guessLanguage(text);
    if (lang.isEmpty())
        return out;

    Spans spans;
    const std::vector<LineSplit> lines = splitLines(text);
    if (lang == QLatin1String("json")) {
        for (const LineSplit &l : lines)
            scanJsonLine(l.text, l.offset, spans);
    } else if (lang == QLatin1String("log")) {
        for (const LineSplit &l : lines)
            scanLogLine(l.text, l.offset, spans);
    } else if (lang == QLatin1String("xml")) {
        int state = Text;
        for (const LineSplit &l : lines)
            state = scanXmlLine(l.text, l.offset, state, spans);
    } else if (lang == QLatin1String("yaml")) {
        for (const LineSplit &l : lines)
            scanYamlLine(l.text, l.offset, spans);
    } else if (lang == QLatin1String("ini")) {
        for (const LineSplit &l : lines)
            scanIniLine(l.text, l.offset, spans);
    } else if (lang == QLatin1String("diff")) {
        for (const LineSplit &l : lines)
            scanDiffLine(l.text, l.offset, spans);
    } else {
        const bool shell = lang == QLatin1String("shell") || lang == QLatin1String("powershell");
        const CodeSpec &spec = lang == QLatin1String("python") ? pythonSpec()
            : lang == QLatin1String("shell")                   ? shellSpec()
            : lang == QLatin1String("powershell")              ? powershellSpec()
            : lang == QLatin1String("sql")                     ? sqlSpec()
                                                               : cSpec();
        // In a transcript only the lines after a prompt are commands; the rest is output.
        bool transcript = false;
        if (shell) {
            for (const LineSplit &l : lines) {
                if (promptLength(l.text) > 0) {
                    transcript = true;
                    break;
                }
            }
        }
        CodeScanner scanner(spec, spans);
        int state = Normal;
        for (const LineSplit &l : lines) {
            if (transcript) {
                const int prompt = promptLength(l.text);
                if (prompt == 0)
                    continue;
                spans.add(l.offset, prompt, Token::Prompt);
                scanner.scanLine(l.text.mid(prompt), l.offset + prompt, Normal);
                continue;
            }
            state = scanner.scanLine(l.text, l.offset, state);
        }
    }

    out.reserve(qsizetype(spans.size()));
    for (const Span &s : spans.spans()) {
        if (s.token != Token::Count)
            out.append(s);
    }
    return out;
}

} // namespace Atiende::Ui
