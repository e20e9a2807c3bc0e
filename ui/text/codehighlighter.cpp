#include "codehighlighter.h"

#include "builtinhighlighter.h"
#if defined(ATIENDE_HAVE_KF6_SYNTAX)
#include "kf6highlighter.h"
#endif

#include <QHash>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace Atiende::Ui {

CodeHighlighter::~CodeHighlighter() = default;

std::unique_ptr<CodeHighlighter> CodeHighlighter::create()
{
#if defined(ATIENDE_HAVE_KF6_SYNTAX)
    return std::make_unique<Kf6Highlighter>();
#else
    return createBuiltin();
#endif
}

std::unique_ptr<CodeHighlighter> CodeHighlighter::createBuiltin()
{
    return std::make_unique<BuiltinHighlighter>();
}

bool CodeHighlighter::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

void CodeHighlighter::highlightBlocks(
    const QTextBlock &first, const QTextBlock &last, const QString &language) const
{
    if (!first.isValid() || !last.isValid() || last.blockNumber() < first.blockNumber())
        return;
    // Consecutive blocks are one position apart, like the '\n' between the lines we join.
    QString text;
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        if (b != first)
            text += QLatin1Char('\n');
        text += b.text();
        if (b == last || text.size() > kMaxBlockLength)
            break;
    }
    const QList<Range> ranges = highlight(text, language);
    if (ranges.isEmpty())
        return;
    QTextCursor cursor(first);
    const int base = first.position();
    cursor.beginEditBlock();
    for (const Range &r : ranges) {
        cursor.setPosition(base + r.start);
        cursor.setPosition(base + r.start + r.length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(r.format);
    }
    cursor.endEditBlock();
}

QString CodeHighlighter::canonicalLanguage(const QString &infoString)
{
    // The first word of the info string is the language ("```json title=x" is JSON).
    QString word = infoString.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    if (word.startsWith(QLatin1Char('{')) || word.startsWith(QLatin1Char('.')))
        word.remove(0, 1);
    static const QHash<QString, QString> kAliases = [] {
        QHash<QString, QString> h;
        auto add = [&h](const char *canonical, std::initializer_list<const char *> names) {
            for (const char *n : names)
                h.insert(QLatin1String(n), QLatin1String(canonical));
        };
        add("json", { "json", "jsonc", "json5", "jsonl", "ndjson", "geojson" });
        add("log",
            { "log", "logs", "logfile", "syslog", "journal", "journalctl", "stacktrace",
                "traceback", "trace" });
        add("shell",
            { "sh", "bash", "shell", "zsh", "ksh", "fish", "console", "shell-session",
                "shellsession", "terminal", "sh-session" });
        add("powershell",
            { "powershell", "ps", "ps1", "pwsh", "posh", "bat", "batch", "cmd", "dos" });
        add("sql",
            { "sql", "mysql", "postgresql", "postgres", "psql", "pgsql", "plpgsql", "sqlite",
                "tsql", "mssql", "plsql", "oracle" });
        add("c",
            { "c", "h", "cpp", "c++", "cxx", "cc", "hpp", "hxx", "objc", "java", "kotlin", "kt",
                "scala", "groovy", "csharp", "cs", "c#", "js", "javascript", "jsx", "mjs", "ts",
                "typescript", "tsx", "go", "golang", "rust", "rs", "swift", "dart", "php", "qml" });
        add("python", { "python", "py", "python3", "py3", "pycon" });
        add("xml",
            { "xml", "html", "htm", "xhtml", "svg", "xsd", "xsl", "plist", "wsdl", "soap", "csproj",
                "vue" });
        add("yaml", { "yaml", "yml", "ansible", "k8s", "kubernetes", "docker-compose" });
        add("ini",
            { "ini", "toml", "cfg", "conf", "config", "properties", "env", "dotenv", "editorconfig",
                "desktop", "reg", "registry" });
        add("diff", { "diff", "patch", "udiff" });
        return h;
    }();
    return kAliases.value(word);
}

namespace {

// The lines of text worth looking at to guess: the first few non-empty ones.
QList<QStringView> sampleLines(QStringView text, int maxLines)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    while (start <= text.size() && lines.size() < maxLines) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        const QStringView line
            = text.mid(start, qMin<qsizetype>(end - start, CodeHighlighter::kMaxLineLength));
        if (!line.trimmed().isEmpty())
            lines << line;
        start = end + 1;
    }
    return lines;
}

bool startsWithAnyWord(
    QStringView line, std::initializer_list<const char *> words, Qt::CaseSensitivity cs)
{
    for (const char *w : words) {
        const QLatin1String word(w);
        if (line.startsWith(word, cs)
            && (line.size() == word.size() || !line.at(word.size()).isLetterOrNumber()))
            return true;
    }
    return false;
}

} // namespace

QString CodeHighlighter::guessLanguage(const QString &fullText)
{
    const QStringView text = QStringView(fullText).left(16 * 1024).trimmed();
    if (text.isEmpty())
        return QString();
    const QList<QStringView> lines = sampleLines(text, 40);
    const QChar first = text.front();

    // JSON: an object or array whose first member looks like one.
    static const QRegularExpression jsonKey(QStringLiteral(
        "^\\s*[\\[{]\\s*(?:\"(?:[^\"\\\\]|\\\\.)*+\"\\s*:|[\\[{\"\\d-]|true|false|null|\\])"));
    // A log line may start with "[2026-03-05 ...": an array must also end like one.
    if ((first == QLatin1Char('{')
            || (first == QLatin1Char('[') && text.back() == QLatin1Char(']')))
        && jsonKey.match(text).hasMatch())
        return QStringLiteral("json");

    if (text.startsWith(QLatin1String("diff --git")) || text.startsWith(QLatin1String("--- "))
        || text.startsWith(QLatin1String("@@ ")))
        return QStringLiteral("diff");

    if (text.startsWith(QLatin1String("<?xml"))
        || text.startsWith(QLatin1String("<!DOCTYPE"), Qt::CaseInsensitive)
        || (first == QLatin1Char('<') && text.size() > 1
            && (text.at(1).isLetter() || text.at(1) == QLatin1Char('!'))
            && text.back() == QLatin1Char('>')))
        return QStringLiteral("xml");

    // Logs: most lines start with an instant or carry a level word, or it is a stack trace.
    static const QRegularExpression logLine(QStringLiteral(
        "^\\W{0,2}(?:\\d{4}[-/]\\d{2}[-/]\\d{2}[T "
        "]?|\\d{2}:\\d{2}:\\d{2}|\\d{1,2}/\\w{3}/"
        "\\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \\d]\\d "
        "\\d{2}:)|\\b(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|SEVERE)\\b|^\\s+at "
        "[\\w$.<>]+\\(|^Traceback \\(most recent call last\\)"
        "|^\\s*File \"[^\"]+\", line \\d+|^(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b"));
    int logLines = 0;
    for (QStringView l : lines) {
        if (logLine.match(l).hasMatch())
            ++logLines;
    }
    if (logLines > 0 && logLines * 5 >= lines.size() * 2)
        return QStringLiteral("log");

    const QStringView head = lines.isEmpty() ? text : lines.first().trimmed();
    if (head.startsWith(QLatin1String("PS ")) && head.contains(QLatin1String(">")))
        return QStringLiteral("powershell");
    static const QRegularExpression psCmdlet(
        QStringLiteral("\\b(?:Get|Set|New|Remove|Add|Start|Stop|Restart|Test|Invoke|Import|Export)-"
                       "[A-Z][A-Za-z]+\\b|\\$env:"));
    if (psCmdlet.match(text.left(2048)).hasMatch())
        return QStringLiteral("powershell");
    if (head.startsWith(QLatin1String("#!")) || head.startsWith(QLatin1String("$ "))
        || startsWithAnyWord(head,
            { "sudo", "apt", "apt-get", "dnf", "yum", "systemctl", "journalctl", "curl", "wget",
                "ssh", "scp", "cd", "ls", "grep", "cat", "tail", "docker", "kubectl", "git", "ping",
                "traceroute", "nslookup", "dig", "ip", "ifconfig", "export", "chmod", "chown",
                "mkdir", "rm", "cp", "mv", "echo", "service", "openssl", "nc", "telnet" },
            Qt::CaseSensitive))
        return QStringLiteral("shell");
    if (startsWithAnyWord(head,
            { "ipconfig", "netsh", "net", "sc", "reg", "robocopy", "tracert", "gpupdate",
                "gpresult", "wmic" },
            Qt::CaseInsensitive))
        return QStringLiteral("powershell");

    if (startsWithAnyWord(head,
            { "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "WITH", "BEGIN",
                "EXPLAIN", "GRANT", "TRUNCATE" },
            Qt::CaseInsensitive))
        return QStringLiteral("sql");

    static const QRegularExpression python(
        QStringLiteral(
            "^(?:def \\w+\\(|class \\w+[:(]|import \\w+|from [\\w.]+ import\\b|if __name__ ==)"),
        QRegularExpression::MultilineOption);
    if (python.match(text.left(4096)).hasMatch())
        return QStringLiteral("python");

    static const QRegularExpression clike(
        QStringLiteral("^\\s*(?:#include\\b|#define\\b|(?:public|private|protected) (?:static "
                       ")?(?:class|void|int)\\b|"
                       "(?:const|let|var) \\w+ = |function \\w*\\(|package [\\w.]+;|using "
                       "(?:namespace )?[\\w.]+;|"
                       "func \\w+\\(|fn \\w+\\()"),
        QRegularExpression::MultilineOption);
    if (clike.match(text.left(4096)).hasMatch())
        return QStringLiteral("c");

    int sections = 0, assignments = 0, yamlKeys = 0;
    static const QRegularExpression iniSection(QStringLiteral("^\\s*\\[[^\\]]+\\]\\s*$"));
    static const QRegularExpression iniAssignment(QStringLiteral("^\\s*[\\w.-]+\\s*=\\s*"));
    static const QRegularExpression yamlKey(QStringLiteral("^\\s*(?:- )?[\\w.\"'-]+:(?:\\s|$)"));
    for (QStringView l : lines) {
        if (l.trimmed().startsWith(QLatin1Char('#')) || l.trimmed().startsWith(QLatin1Char(';')))
            continue;
        if (iniSection.match(l).hasMatch())
            ++sections;
        else if (iniAssignment.match(l).hasMatch())
            ++assignments;
        else if (yamlKey.match(l).hasMatch() || l.trimmed().startsWith(QLatin1String("- ")))
            ++yamlKeys;
    }
    if (sections > 0 && sections + assignments >= lines.size() / 2)
        return QStringLiteral("ini");
    if (yamlKeys >= 2 && yamlKeys * 3 >= lines.size() * 2)
        return QStringLiteral("yaml");
    if (assignments >= 2 && assignments * 3 >= lines.size() * 2)
        return QStringLiteral("ini");
    return QString();
}

} // namespace Atiende::Ui
