// Markdown as the console shows it: Qt's reader for the text, our highlighter for code and
// logs, and nothing that a customer's message could use to run or fetch anything.

#include "ui/text/builtinhighlighter.h"
#include "ui/text/markdownrenderer.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextList>
#include <QTextTable>
#include <QtTest>

using namespace Atiende::Ui;
using Token = BuiltinHighlighter::Token;

namespace {

std::unique_ptr<CodeHighlighter> builtin()
{
    return CodeHighlighter::createBuiltin();
}

// The format of the first character of the first occurrence of `needle` in the document.
QTextCharFormat formatAt(const QTextDocument &doc, const QString &needle)
{
    const QTextCursor found = doc.find(needle);
    if (found.isNull())
        return QTextCharFormat();
    QTextCursor c(const_cast<QTextDocument *>(&doc));
    c.setPosition(found.selectionStart() + 1); // charFormat() is the format left of the cursor
    return c.charFormat();
}

QColor colourOf(const QTextDocument &doc, const QString &needle)
{
    return formatAt(doc, needle).foreground().color();
}

// The highlighter's spans as "text=token" for one language, to compare in tables.
QStringList tokens(const QString &text, const QString &language)
{
    static const QHash<Token, QString> names { { Token::Keyword, QStringLiteral("keyword") },
        { Token::Type, QStringLiteral("type") }, { Token::String, QStringLiteral("string") },
        { Token::Number, QStringLiteral("number") }, { Token::Comment, QStringLiteral("comment") },
        { Token::Key, QStringLiteral("key") }, { Token::Literal, QStringLiteral("literal") },
        { Token::Variable, QStringLiteral("variable") }, { Token::Meta, QStringLiteral("meta") },
        { Token::Tag, QStringLiteral("tag") }, { Token::Prompt, QStringLiteral("prompt") },
        { Token::Option, QStringLiteral("option") }, { Token::Timestamp, QStringLiteral("time") },
        { Token::Address, QStringLiteral("address") }, { Token::Error, QStringLiteral("error") },
        { Token::Warning, QStringLiteral("warning") }, { Token::Info, QStringLiteral("info") },
        { Token::Debug, QStringLiteral("debug") },
        { Token::ErrorText, QStringLiteral("errortext") },
        { Token::WarningText, QStringLiteral("warningtext") },
        { Token::StackFrame, QStringLiteral("frame") },
        { Token::Inserted, QStringLiteral("inserted") },
        { Token::Deleted, QStringLiteral("deleted") } };
    BuiltinHighlighter h;
    QStringList out;
    for (const BuiltinHighlighter::Span &s : h.spans(text, language))
        out << text.mid(s.start, s.length) + QLatin1Char('=')
                + names.value(s.token, QStringLiteral("?"));
    return out;
}

} // namespace

class MarkdownTest : public QObject
{
    Q_OBJECT
private slots:
    void markdownRenders_data();
    void markdownRenders();
    void codeBlocksAreMonospacedAndWrap();
    void hardLineBreaksKeepEmailLines();
    void tableCellsHoldOnlyTheirText();
    void logErrorLineGetsTheErrorColour();
    void jsonKeysAndStringsAreColoured();
    void languagesAreHighlighted_data();
    void languagesAreHighlighted();
    void languageIsGuessedWithoutAHint_data();
    void languageIsGuessedWithoutAHint();
    void darkPalettesGetLightColours();
    void rangesAreSortedAndNeverOverlap();
    void inlineHtmlIsShownNotRun();
    void imagesAreNeverFetched();
    void onlySafeLinksStayLinks();
    void veryLongLinesDoNotHang();
    void htmlFragmentHasNoDocumentWrapper();
};

void MarkdownTest::markdownRenders_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("text");
    QTest::newRow("heading") << QStringLiteral("# Reset the VPN\n\nbody")
                             << QStringLiteral("heading1") << QStringLiteral("Reset the VPN");
    QTest::newRow("subheading") << QStringLiteral("## Steps") << QStringLiteral("heading2")
                                << QStringLiteral("Steps");
    QTest::newRow("bullets") << QStringLiteral("- one\n- two\n") << QStringLiteral("list")
                             << QStringLiteral("two");
    QTest::newRow("numbers") << QStringLiteral("1. first\n2. second\n") << QStringLiteral("list")
                             << QStringLiteral("second");
    QTest::newRow("bold") << QStringLiteral("it is **very** slow") << QStringLiteral("bold")
                          << QStringLiteral("very");
    QTest::newRow("italic") << QStringLiteral("it is *quite* slow") << QStringLiteral("italic")
                            << QStringLiteral("quite");
    QTest::newRow("strike") << QStringLiteral("~~old~~ new") << QStringLiteral("strike")
                            << QStringLiteral("old");
    QTest::newRow("link") << QStringLiteral("see [the guide](https://kb.example/vpn)")
                          << QStringLiteral("link") << QStringLiteral("the guide");
    QTest::newRow("autolink") << QStringLiteral("see https://kb.example/vpn now")
                              << QStringLiteral("link") << QStringLiteral("kb.example");
    QTest::newRow("inline code") << QStringLiteral("run `ipconfig /all` first")
                                 << QStringLiteral("code") << QStringLiteral("ipconfig");
    QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n")
                           << QStringLiteral("table") << QStringLiteral("2");
    QTest::newRow("quote") << QStringLiteral("> On Monday Ana wrote:\n> hi")
                           << QStringLiteral("quote") << QStringLiteral("Monday");
}

void MarkdownTest::markdownRenders()
{
    QFETCH(QString, markdown);
    QFETCH(QString, what);
    QFETCH(QString, text);
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(markdown, &doc);
    const QTextCursor found = doc.find(text);
    QVERIFY2(!found.isNull(), qPrintable(doc.toPlainText()));
    const QTextBlock block = found.block();
    const QTextCharFormat f = formatAt(doc, text);
    if (what == QLatin1String("heading1"))
        QCOMPARE(block.blockFormat().headingLevel(), 1);
    else if (what == QLatin1String("heading2"))
        QCOMPARE(block.blockFormat().headingLevel(), 2);
    else if (what == QLatin1String("list"))
        QVERIFY(block.textList());
    else if (what == QLatin1String("bold"))
        QCOMPARE(f.fontWeight(), int(QFont::Bold));
    else if (what == QLatin1String("italic"))
        QVERIFY(f.fontItalic());
    else if (what == QLatin1String("strike"))
        QVERIFY(f.fontStrikeOut());
    else if (what == QLatin1String("link")) {
        QVERIFY(f.isAnchor());
        QVERIFY(f.anchorHref().startsWith(QLatin1String("https://kb.example/vpn")));
        QCOMPARE(f.foreground().color(), renderer.palette().color(QPalette::Link));
    } else if (what == QLatin1String("code")) {
        QVERIFY(f.fontFixedPitch());
        QCOMPARE(f.fontFamilies().toStringList().value(0), renderer.codeFont().family());
        QCOMPARE(f.background().color(), MarkdownRenderer::codeBackground(renderer.palette()));
    } else if (what == QLatin1String("table")) {
        QVERIFY(qobject_cast<QTextTable *>(found.currentFrame()));
    } else if (what == QLatin1String("quote")) {
        QCOMPARE(block.blockFormat().intProperty(QTextFormat::BlockQuoteLevel), 1);
    }
}

void MarkdownTest::codeBlocksAreMonospacedAndWrap()
{
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(QStringLiteral("text\n\n```\nplain line\n```\n\n    indented code\n"), &doc);
    for (const QString &line : { QStringLiteral("plain line"), QStringLiteral("indented code") }) {
        const QTextBlock block = doc.find(line).block();
        QVERIFY(!block.blockFormat().nonBreakableLines());
        QCOMPARE(block.blockFormat().background().color(),
            MarkdownRenderer::codeBackground(renderer.palette()));
        QCOMPARE(formatAt(doc, line).fontFamilies().toStringList().value(0),
            renderer.codeFont().family());
    }
    QVERIFY(formatAt(doc, QStringLiteral("text")).fontFamilies().toStringList().value(0)
        != renderer.codeFont().family());
}

void MarkdownTest::hardLineBreaksKeepEmailLines()
{
    const QString mail = QStringLiteral("Hola,\nno funciona.\n\n```\ncode line\nnext\n```\n\n> "
                                        "quoted\n> reply\n\n- a\n- b\n\nGracias,\nNúria");
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(mail, &doc);
    QVERIFY(doc.toPlainText().startsWith(QStringLiteral("Hola, no funciona.")));
    renderer.setHardLineBreaks(true);
    renderer.render(mail, &doc);
    const QString plain = doc.toPlainText();
    QVERIFY2(plain.startsWith(QStringLiteral("Hola,\nno funciona.")), qPrintable(plain));
    QVERIFY(plain.endsWith(QStringLiteral("Gracias,\nNúria")));
    QVERIFY(plain.contains(QStringLiteral("quoted\nreply")));
    QCOMPARE(doc.find(QStringLiteral("code line")).block().text(),
        QStringLiteral("code line")); // no trailing spaces in code
    QVERIFY(doc.find(QStringLiteral("b")).block().textList());
}

void MarkdownTest::tableCellsHoldOnlyTheirText()
{
    // Qt's reader starts a table that follows a quote with an empty paragraph in its first cell.
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(
        QStringLiteral("> quoted\n\n| Step | Result |\n|---|---|\n| reset | ok |\n"), &doc);
    QTextCursor c = doc.find(QStringLiteral("Step"));
    QTextTable *table = c.currentTable();
    QVERIFY(table);
    const QTextTableCell cell = table->cellAt(0, 0);
    QCOMPARE(doc.findBlock(cell.firstPosition()).text(), QStringLiteral("Step"));
    QCOMPARE(doc.findBlock(cell.firstPosition()).blockFormat().topMargin(), 0.0);
}

void MarkdownTest::logErrorLineGetsTheErrorColour()
{
    auto h = std::make_unique<BuiltinHighlighter>();
    const BuiltinHighlighter *colours = h.get();
    MarkdownRenderer renderer(std::move(h));
    QTextDocument doc;
    renderer.render(
        QStringLiteral("The sync fails:\n\n```log\n"
                       "2026-03-05 10:00:01,123 INFO  [main] Starting sync for 10.0.4.17\n"
                       "2026-03-05 10:00:02,456 ERROR [main] Disk full on /var\n"
                       "2026-03-05 10:00:03,789 WARN  [main] Retrying in 5s\n"
                       "```\n"),
        &doc);
    QCOMPARE(
        colourOf(doc, QStringLiteral("ERROR")), colours->format(Token::Error).foreground().color());
    QCOMPARE(formatAt(doc, QStringLiteral("ERROR")).fontWeight(), int(QFont::Bold));
    QCOMPARE(colourOf(doc, QStringLiteral("Disk full")),
        colours->format(Token::ErrorText).foreground().color());
    QCOMPARE(colourOf(doc, QStringLiteral("WARN")),
        colours->format(Token::Warning).foreground().color());
    QCOMPARE(
        colourOf(doc, QStringLiteral("INFO")), colours->format(Token::Info).foreground().color());
    QCOMPARE(colourOf(doc, QStringLiteral("2026-03-05 10:00:02,456")),
        colours->format(Token::Timestamp).foreground().color());
    QCOMPARE(colourOf(doc, QStringLiteral("10.0.4.17")),
        colours->format(Token::Address).foreground().color());
    // The INFO line's message is not tinted; the prose before the block is not touched.
    QVERIFY(colourOf(doc, QStringLiteral("Starting sync"))
        != colours->format(Token::ErrorText).foreground().color());
    QCOMPARE(formatAt(doc, QStringLiteral("The sync")).foreground().style(), Qt::NoBrush);
}

void MarkdownTest::jsonKeysAndStringsAreColoured()
{
    auto h = std::make_unique<BuiltinHighlighter>();
    const BuiltinHighlighter *colours = h.get();
    MarkdownRenderer renderer(std::move(h));
    QTextDocument doc;
    renderer.render(
        QStringLiteral(
            "```json\n{\n  \"user\": \"ana\",\n  \"retries\": 3,\n  \"locked\": true\n}\n```"),
        &doc);
    QCOMPARE(colourOf(doc, QStringLiteral("\"user\"")),
        colours->format(Token::Key).foreground().color());
    QCOMPARE(colourOf(doc, QStringLiteral("\"ana\"")),
        colours->format(Token::String).foreground().color());
    QCOMPARE(
        colourOf(doc, QStringLiteral("3")), colours->format(Token::Number).foreground().color());
    QCOMPARE(colourOf(doc, QStringLiteral("true")),
        colours->format(Token::Literal).foreground().color());
    QVERIFY(
        colours->format(Token::Key).foreground() != colours->format(Token::String).foreground());
}

void MarkdownTest::languagesAreHighlighted_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("shell transcript")
        << QStringLiteral("console")
        << QStringLiteral("$ sudo systemctl restart nginx --now\nJob done\n")
        << QStringList { QStringLiteral("$ =prompt"), QStringLiteral("sudo=type"),
               QStringLiteral("--now=option") };
    QTest::newRow("bash") << QStringLiteral("bash")
                          << QStringLiteral("if [ -f \"$HOME/x\" ]; then echo 'ok'; fi # done")
                          << QStringList { QStringLiteral("if=keyword"),
                                 QStringLiteral("-f=option"), QStringLiteral("\"$HOME/x\"=string"),
                                 QStringLiteral("then=keyword"), QStringLiteral("echo=type"),
                                 QStringLiteral("'ok'=string"), QStringLiteral("fi=keyword"),
                                 QStringLiteral("# done=comment") };
    QTest::newRow("powershell") << QStringLiteral("ps1")
                                << QStringLiteral("Get-ChildItem $env:TEMP -Recurse # big")
                                << QStringList { QStringLiteral("Get-ChildItem=type"),
                                       QStringLiteral("$env:TEMP=variable"),
                                       QStringLiteral("-Recurse=option"),
                                       QStringLiteral("# big=comment") };
    QTest::newRow("sql") << QStringLiteral("SQL")
                         << QStringLiteral("select id from users where name = 'o''brien' -- who")
                         << QStringList { QStringLiteral("select=keyword"),
                                QStringLiteral("from=keyword"), QStringLiteral("where=keyword"),
                                QStringLiteral("'o''brien'=string"),
                                QStringLiteral("-- who=comment") };
    QTest::newRow("c++") << QStringLiteral("c++")
                         << QStringLiteral("#include <vector>\nint main() { return 0; /* ok\n*/ }")
                         << QStringList { QStringLiteral("#include <vector>=meta"),
                                QStringLiteral("int=type"), QStringLiteral("return=keyword"),
                                QStringLiteral("0=number"), QStringLiteral("/* ok=comment"),
                                QStringLiteral("*/=comment") };
    QTest::newRow("python") << QStringLiteral(
        "py") << QStringLiteral("def f(x):\n    \"\"\"doc\n    \"\"\"\n    return None  # no")
                            << QStringList { QStringLiteral("def=keyword"),
                                   QStringLiteral("\"\"\"doc=string"),
                                   QStringLiteral("    \"\"\"=string"),
                                   QStringLiteral("return=keyword"), QStringLiteral("None=literal"),
                                   QStringLiteral("# no=comment") };
    QTest::newRow("xml") << QStringLiteral("xml") << QStringLiteral("<!-- c -->\n<add key=\"a\" />")
                         << QStringList { QStringLiteral("<!-- c -->=comment"),
                                QStringLiteral("<add=tag"), QStringLiteral("key=key"),
                                QStringLiteral("\"a\"=string"), QStringLiteral("/>=tag") };
    QTest::newRow("yaml") << QStringLiteral("yml")
                          << QStringLiteral("server:\n  port: 8080 # http\n  tls: false")
                          << QStringList { QStringLiteral("server=key"), QStringLiteral("port=key"),
                                 QStringLiteral("8080=number"), QStringLiteral("# http=comment"),
                                 QStringLiteral("tls=key"), QStringLiteral("false=literal") };
    QTest::newRow("ini") << QStringLiteral("ini")
                         << QStringLiteral("[proxy]\n; corp\nhost = 10.0.0.1")
                         << QStringList { QStringLiteral("[proxy]=meta"),
                                QStringLiteral("; corp=comment"), QStringLiteral("host=key") };
    QTest::newRow("diff") << QStringLiteral("diff")
                          << QStringLiteral("--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same")
                          << QStringList { QStringLiteral("--- a=meta"),
                                 QStringLiteral("+++ b=meta"),
                                 QStringLiteral("@@ -1 +1 @@=keyword"),
                                 QStringLiteral("-old=deleted"), QStringLiteral("+new=inserted") };
    QTest::newRow("python traceback")
        << QStringLiteral("log")
        << QStringLiteral("Traceback (most recent call last):\n  File \"sync.py\", line 3, in "
                          "<module>\nValueError: bad")
        << QStringList { QStringLiteral("Traceback (most recent call last):=errortext"),
               QStringLiteral("  File \"sync.py\", line 3, in <module>=frame"),
               QStringLiteral("ValueError=error"), QStringLiteral(": bad=errortext") };
    QTest::newRow("java stack")
        << QStringLiteral("log")
        << QStringLiteral("java.lang.IllegalStateException: no\n\tat com.x.Foo.run(Foo.java:12)")
        << QStringList { QStringLiteral("java.lang.IllegalStateException=error"),
               QStringLiteral(": no=errortext"),
               QStringLiteral("\tat com.x.Foo.run(Foo.java:12)=frame") };
    QTest::newRow("unknown language stays plain")
        << QStringLiteral("brainfuck") << QStringLiteral("if (x) { return 1; }") << QStringList();
}

void MarkdownTest::languagesAreHighlighted()
{
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const QStringList got = tokens(text, language);
    // Tokens named "?" only need to exist; the rest must match exactly, in order.
    QStringList comparable;
    for (const QString &g : got) {
        const QString word = g.section(QLatin1Char('='), 0, -2);
        for (const QString &e : expected) {
            if (e.section(QLatin1Char('='), 0, -2) == word) {
                comparable << (e.endsWith(QLatin1String("=?")) ? e : g);
                break;
            }
        }
    }
    if (comparable != expected)
        qWarning().noquote() << "got" << got.join(QStringLiteral(" | "));
    QCOMPARE(comparable, expected);
}

void MarkdownTest::languageIsGuessedWithoutAHint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");
    QTest::newRow("json object") << QStringLiteral("{\"error\": \"invalid_grant\", \"code\": 400}")
                                 << QStringLiteral("json");
    QTest::newRow("json array") << QStringLiteral("[{\"id\": 1}, {\"id\": 2}]")
                                << QStringLiteral("json");
    QTest::newRow("bracketed log")
        << QStringLiteral("[2026-03-05 10:00:01] ERROR x\n[2026-03-05 10:00:02] INFO y")
        << QStringLiteral("log");
    QTest::newRow("syslog") << QStringLiteral("Mar  5 10:00:01 host sshd[811]: Failed password for "
                                              "ana\nMar  5 10:00:09 host sshd[811]: ok")
                            << QStringLiteral("log");
    QTest::newRow("java stack") << QStringLiteral(
        "java.lang.NullPointerException\n\tat com.x.A.b(A.java:3)\n\tat com.x.A.c(A.java:9)")
                                << QStringLiteral("log");
    QTest::newRow("shell") << QStringLiteral("sudo systemctl status cups\n")
                           << QStringLiteral("shell");
    QTest::newRow("powershell") << QStringLiteral("Get-Service -Name Spooler | Restart-Service")
                                << QStringLiteral("powershell");
    QTest::newRow("cmd") << QStringLiteral("ipconfig /flushdns") << QStringLiteral("powershell");
    QTest::newRow("sql") << QStringLiteral("SELECT * FROM tickets WHERE id = 4;")
                         << QStringLiteral("sql");
    QTest::newRow("python") << QStringLiteral("import os\nprint(os.getcwd())")
                            << QStringLiteral("python");
    QTest::newRow("c") << QStringLiteral("#include <stdio.h>\nint main(void) { return 0; }")
                       << QStringLiteral("c");
    QTest::newRow("xml") << QStringLiteral("<?xml version=\"1.0\"?>\n<config/>")
                         << QStringLiteral("xml");
    QTest::newRow("diff") << QStringLiteral("diff --git a/x b/x\n--- a/x\n+++ b/x")
                          << QStringLiteral("diff");
    QTest::newRow("yaml") << QStringLiteral("proxy:\n  host: 10.0.0.1\n  port: 3128\n")
                          << QStringLiteral("yaml");
    QTest::newRow("ini") << QStringLiteral("[network]\naddress = 10.0.0.2\nmask = 24\n")
                         << QStringLiteral("ini");
    QTest::newRow("prose") << QStringLiteral("Dear team, the printer on floor 2 is jammed again.")
                           << QString();
    QTest::newRow("empty") << QString() << QString();
}

void MarkdownTest::languageIsGuessedWithoutAHint()
{
    QFETCH(QString, text);
    QFETCH(QString, language);
    QCOMPARE(CodeHighlighter::guessLanguage(text), language);
}

void MarkdownTest::darkPalettesGetLightColours()
{
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    BuiltinHighlighter h;
    QVERIFY(!h.isDarkTheme() || CodeHighlighter::isDark(QPalette()));
    h.setPalette(dark);
    QVERIFY(h.isDarkTheme());
    for (Token t : { Token::Keyword, Token::String, Token::Number, Token::Error, Token::Key })
        QVERIFY2(h.format(t).foreground().color().lightness() > 128,
            qPrintable(h.format(t).foreground().color().name()));
    QVERIFY(MarkdownRenderer::codeBackground(dark).lightness() < 80);
}

void MarkdownTest::rangesAreSortedAndNeverOverlap()
{
    BuiltinHighlighter h;
    const QString log = QStringLiteral(
        "2026-03-05T10:00:01Z ERROR user=\"ana\" ip=10.0.0.1 took 120ms id=0x1f \"unterminated\n"
        "WARN 'quoted' it's fine ERROR again INFO at https://x.example/a?b=1\n");
    for (const QString &language : { QStringLiteral("log"), QStringLiteral("json"),
             QStringLiteral("c"), QStringLiteral("sh") }) {
        int end = 0;
        for (const CodeHighlighter::Range &r : h.highlight(log, language)) {
            QVERIFY(r.length > 0);
            QVERIFY2(r.start >= end, qPrintable(language));
            end = r.start + r.length;
            QVERIFY(end <= log.size());
        }
    }
}

void MarkdownTest::inlineHtmlIsShownNotRun()
{
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    const QString markdown = QStringLiteral("Hi <script>alert(1)</script> <b>bold</b> <img "
                                            "src=\"http://evil.example/t.png\" onerror=\"x()\">\n\n"
                                            "<iframe src=\"https://evil.example\"></iframe>");
    renderer.render(markdown, &doc);
    const QString plain = doc.toPlainText();
    // Shown as typed: the agent sees what the customer sent, nothing is interpreted.
    QVERIFY2(plain.contains(QLatin1String("<script>alert(1)</script>")), qPrintable(plain));
    QVERIFY(plain.contains(QLatin1String("<b>bold</b>")));
    QVERIFY(plain.contains(QLatin1String("<iframe")));
    QVERIFY(formatAt(doc, QStringLiteral("bold")).fontWeight() != int(QFont::Bold));
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it)
            QVERIFY(!it.fragment().charFormat().isImageFormat());
    }
    const QString html = renderer.renderHtml(markdown);
    QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QLatin1String("<img"), Qt::CaseInsensitive));
    QVERIFY(html.contains(QLatin1String("&lt;script&gt;")));
}

void MarkdownTest::imagesAreNeverFetched()
{
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(
        QStringLiteral(
            "![tracking pixel](https://evil.example/p.png) ![secret](file:///etc/passwd) "
            "![](file:///etc/shadow) ![x](\\\\host\\share\\a.png) "
            "![inline](data:image/png;base64,iVBORw0KGgo=)"),
        &doc);
    int images = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it)
            images += it.fragment().charFormat().isImageFormat() ? 1 : 0;
    }
    QCOMPARE(images, 0);
    const QString plain = doc.toPlainText();
    QVERIFY2(plain.contains(QLatin1String("[image: tracking pixel]")), qPrintable(plain));
    QVERIFY2(plain.contains(QLatin1String("[image: secret]")), qPrintable(plain));
    QVERIFY(plain.contains(QLatin1String("[image: inline]")));
    // A web image becomes a link to it; nothing else does.
    QCOMPARE(formatAt(doc, QStringLiteral("tracking pixel")).anchorHref(),
        QStringLiteral("https://evil.example/p.png"));
    QVERIFY(!formatAt(doc, QStringLiteral("secret")).isAnchor());
    QVERIFY(!formatAt(doc, QStringLiteral("image: x")).isAnchor());
    // And the document will not read a file or URL if asked for one.
    const QVariant v
        = doc.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd")));
    QVERIFY(v.isValid());
    QVERIFY(v.value<QImage>().isNull());
}

void MarkdownTest::onlySafeLinksStayLinks()
{
    MarkdownRenderer renderer(builtin());
    QTextDocument doc;
    renderer.render(
        QStringLiteral(
            "[web](https://ok.example) [mail](mailto:help@desk.example) [kb](atiende://kb/12) "
            "[js](javascript:alert(1)) [file](file:///etc/passwd) [rel](../secret)"),
        &doc);
    QVERIFY(formatAt(doc, QStringLiteral("web")).isAnchor());
    QVERIFY(formatAt(doc, QStringLiteral("mail")).isAnchor());
    QCOMPARE(formatAt(doc, QStringLiteral("kb")).anchorHref(), QStringLiteral("atiende://kb/12"));
    for (const QString &unsafe :
        { QStringLiteral("js"), QStringLiteral("file"), QStringLiteral("rel") }) {
        QVERIFY2(!formatAt(doc, unsafe).isAnchor(), qPrintable(unsafe));
        QVERIFY(formatAt(doc, unsafe).anchorHref().isEmpty());
    }
}

void MarkdownTest::veryLongLinesDoNotHang()
{
    // Timing belongs to the benchmark; here it must simply finish (CTest's timeout is the
    // judge) and keep its text.
    MarkdownRenderer renderer(CodeHighlighter::create());
    const QString longLine = QStringLiteral("2026-03-05 ERROR \"a\\\" 10.0.0.1 'x ")
        + QString(500000, QLatin1Char('x'));
    QString quotes;
    for (int i = 0; i < 20000; ++i)
        quotes += QStringLiteral("\\\" ");
    for (const QString &markdown :
        { QStringLiteral("```log\n") + longLine + QStringLiteral("\n```"),
            QStringLiteral("```json\n{\"a\": \"") + quotes,
            QStringLiteral("```\n") + quotes + QStringLiteral("\n```"), longLine,
            QStringLiteral("**") + quotes }) {
        QTextDocument doc;
        renderer.render(markdown, &doc);
        QVERIFY(doc.characterCount() > 40000);
        doc.setTextWidth(600);
        QVERIFY(doc.size().height() > 0); // laid out, wrapped
    }
    // The invisible break opportunities that keep layout linear go again on copy.
    QTextDocument doc;
    renderer.render(longLine, &doc);
    QVERIFY(doc.toPlainText().contains(MarkdownRenderer::kBreakHint));
    QCOMPARE(MarkdownRenderer::withoutBreakHints(doc.toPlainText()),
        QString(longLine).replace(QStringLiteral("\\\""), QStringLiteral("\"")));
    BuiltinHighlighter h;
    for (const CodeHighlighter::Range &r : h.highlight(longLine, QStringLiteral("log")))
        QVERIFY(r.start + r.length <= CodeHighlighter::kMaxLineLength);
}

void MarkdownTest::htmlFragmentHasNoDocumentWrapper()
{
    MarkdownRenderer renderer(builtin());
    const QString html = renderer.renderHtml(QStringLiteral("**Hola** `x`"));
    QVERIFY(!html.contains(QLatin1String("<html")));
    QVERIFY(!html.contains(QLatin1String("<body")));
    QVERIFY(html.contains(QLatin1String("Hola")));
    QVERIFY(html.contains(QLatin1String("font-weight:700")));
    const QTextDocumentFragment fragment
        = renderer.renderFragment(QStringLiteral("# Title\n\ntext"));
    QCOMPARE(fragment.toPlainText(), QStringLiteral("Title\ntext"));
}

QTEST_MAIN(MarkdownTest)
#include "tst_markdown.moc"
