// Compiled only with KF6 Syntax-Highlighting; see kf6highlighter.h.
#if defined(ATIENDE_HAVE_KF6_SYNTAX)

#include "kf6highlighter.h"

#include "builtinhighlighter.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>

#include <QHash>
#include <utility>

namespace Atiende::Ui {

namespace {

namespace KSH = KSyntaxHighlighting;

// Reading the definitions' metadata costs tens of milliseconds: one repository for the
// process, made on first use in the GUI thread (the only one that highlights). Definitions
// and themes handed out by it stay valid as long as it lives.
KSH::Repository &repository()
{
    static KSH::Repository repo;
    return repo;
}

// Kate's names for the built-in engine's languages, for aliases KF6 does not know itself.
QStringList kateNames(const QString &canonical)
{
    static const QHash<QString, QStringList> names {
        { QStringLiteral("json"), { QStringLiteral("JSON") } },
        { QStringLiteral("log"),
            { QStringLiteral("Log File (advanced)"), QStringLiteral("Log File (simplified)") } },
        { QStringLiteral("shell"), { QStringLiteral("Bash") } },
        { QStringLiteral("powershell"),
            { QStringLiteral("PowerShell"), QStringLiteral("MS-DOS Batch") } },
        { QStringLiteral("sql"), { QStringLiteral("SQL"), QStringLiteral("SQL (PostgreSQL)") } },
        { QStringLiteral("c"), { QStringLiteral("C++") } },
        { QStringLiteral("python"), { QStringLiteral("Python") } },
        { QStringLiteral("xml"), { QStringLiteral("XML") } },
        { QStringLiteral("yaml"), { QStringLiteral("YAML") } },
        { QStringLiteral("ini"), { QStringLiteral("INI Files") } },
        { QStringLiteral("diff"), { QStringLiteral("Diff") } },
    };
    return names.value(canonical);
}

KSH::Definition definitionForCanonical(const QString &canonical)
{
    for (const QString &name : kateNames(canonical)) {
        const KSH::Definition d = repository().definitionForName(name);
        if (d.isValid())
            return d;
    }
    return KSH::Definition();
}

// Feeds a block line by line to KF6 and collects its formats as ranges of the block.
class BlockHighlighter final : public KSH::AbstractHighlighter
{
public:
    QList<CodeHighlighter::Range> run(const QString &text)
    {
        m_out.clear();
        KSH::State state;
        const QStringView all(text);
        qsizetype start = 0;
        while (start <= all.size()) {
            qsizetype end = all.indexOf(QLatin1Char('\n'), start);
            if (end < 0)
                end = all.size();
            m_base = int(start);
            state = highlightLine(
                all.mid(start, qMin<qsizetype>(end - start, CodeHighlighter::kMaxLineLength)),
                state);
            start = end + 1;
        }
        return std::exchange(m_out, {});
    }

    void setTheme(const KSH::Theme &theme) override
    {
        KSH::AbstractHighlighter::setTheme(theme);
        m_formats.clear();
    }

protected:
    void applyFormat(int offset, int length, const KSH::Format &format) override
    {
        if (length <= 0 || !format.isValid() || format.isDefaultTextStyle(theme()))
            return;
        auto it = m_formats.constFind(format.id());
        if (it == m_formats.constEnd())
            it = m_formats.insert(format.id(), toCharFormat(format));
        m_out.append({ m_base + offset, length, *it });
    }

private:
    QTextCharFormat toCharFormat(const KSH::Format &format) const
    {
        const KSH::Theme t = theme();
        QTextCharFormat f;
        if (format.hasTextColor(t))
            f.setForeground(format.textColor(t));
        if (format.hasBackgroundColor(t))
            f.setBackground(format.backgroundColor(t));
        if (format.isBold(t))
            f.setFontWeight(QFont::Bold);
        if (format.isItalic(t))
            f.setFontItalic(true);
        if (format.isUnderline(t))
            f.setFontUnderline(true);
        if (format.isStrikeThrough(t))
            f.setFontStrikeOut(true);
        return f;
    }

    QList<CodeHighlighter::Range> m_out;
    QHash<quint16, QTextCharFormat> m_formats; // by Format::id(), for the current theme
    int m_base = 0;
};

} // namespace

struct Kf6Highlighter::Engine
{
    BlockHighlighter highlighter;
};

Kf6Highlighter::Kf6Highlighter()
    : m_engine(std::make_unique<Engine>())
    , m_fallback(std::make_unique<BuiltinHighlighter>())
{
    setPalette(QPalette());
}

Kf6Highlighter::~Kf6Highlighter() = default;

QString Kf6Highlighter::engineName() const
{
    return QStringLiteral("KSyntaxHighlighting");
}

void Kf6Highlighter::setPalette(const QPalette &palette)
{
    m_engine->highlighter.setTheme(repository().themeForPalette(palette));
    m_fallback->setPalette(palette);
}

KSyntaxHighlighting::Definition Kf6Highlighter::definitionFor(
    const QString &text, const QString &language) const
{
    KSH::Repository &repo = repository();
    const QString word = language.trimmed().section(QLatin1Char(' '), 0, 0);
    if (word.isEmpty()) {
        const QString guessed = guessLanguage(text);
        return guessed.isEmpty() ? KSH::Definition() : definitionForCanonical(guessed);
    }
    // Kate knows far more languages than the built-in engine: ask it first by name ("Go",
    // "ruby"), then by the info string as a file extension ("rb", "ps1").
    KSH::Definition d = repo.definitionForName(word);
    if (!d.isValid())
        d = repo.definitionForFileName(QStringLiteral("snippet.") + word);
    if (!d.isValid())
        d = definitionForCanonical(canonicalLanguage(word));
    return d;
}

QList<CodeHighlighter::Range> Kf6Highlighter::highlight(
    const QString &text, const QString &language) const
{
    if (text.isEmpty() || text.size() > kMaxBlockLength)
        return {};
    const KSH::Definition definition = definitionFor(text, language);
    if (!definition.isValid())
        return m_fallback->highlight(text, language);
    m_engine->highlighter.setDefinition(definition);
    return m_engine->highlighter.run(text);
}

} // namespace Atiende::Ui

#endif // ATIENDE_HAVE_KF6_SYNTAX
