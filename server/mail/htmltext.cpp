// htmlToText and sanitiseHtml (declared in mimeparser.h): gumbo builds the HTML5 tree, our own
// walker reads it. The walker keeps its own stack, so a hostile nesting depth costs memory, not
// the thread's stack; gumbo's own tree teardown recurses, so the number of tags it is given is
// bounded first.

#include "mimeparser.h"

#include <gumbo.h>

#include <QStringList>

#include <vector>

namespace Atiende::Server::Mail {

namespace {

// Newsletters have a few thousand tags; more than this is cut (and the depth gumbo's teardown
// recurses to is bounded by it).
constexpr int kMaxTags = 20000;
// Blockquotes nested deeper than this are not prefixed again: each level would copy the text
// inside it once more.
constexpr int kMaxQuoteDepth = 8;

// The HTML as UTF-8, cut before the tag after kMaxTags.
QByteArray boundedUtf8(const QString &html)
{
    QByteArray utf8 = html.toUtf8();
    int tags = 0;
    for (qsizetype i = 0; i + 1 < utf8.size(); ++i) {
        if (utf8.at(i) != '<')
            continue;
        const char next = utf8.at(i + 1);
        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
            if (++tags > kMaxTags) {
                utf8.truncate(i);
                break;
            }
        }
    }
    return utf8;
}

class Document
{
public:
    explicit Document(const QString &html)
        : m_utf8(boundedUtf8(html))
    {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0; // we never read them; do not keep them
        m_output = gumbo_parse_with_options(&options, m_utf8.constData(), size_t(m_utf8.size()));
    }
    ~Document()
    {
        if (m_output)
            gumbo_destroy_output(&kGumboDefaultOptions, m_output);
    }
    Document(const Document &) = delete;
    Document &operator=(const Document &) = delete;
    const GumboNode *root() const { return m_output ? m_output->document : nullptr; }

private:
    QByteArray m_utf8; // gumbo's tree points into it
    GumboOutput *m_output = nullptr;
};

bool isElement(const GumboNode *n)
{
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

const GumboVector *childrenOf(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    if (isElement(n))
        return &n->v.element.children;
    return nullptr;
}

QString attribute(const GumboNode *element, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&element->v.element.attributes, name);
    return a ? QString::fromUtf8(a->value) : QString();
}

bool hasAttribute(const GumboNode *element, const char *name)
{
    return gumbo_get_attribute(&element->v.element.attributes, name) != nullptr;
}

// display:none, Outlook's mso-hide:all and the hidden attribute: e-mail "preheaders" and
// tracking text the sender never meant anyone to read.
bool isHidden(const GumboNode *element)
{
    if (hasAttribute(element, "hidden"))
        return true;
    QString style = attribute(element, "style").toLower();
    if (style.isEmpty())
        return false;
    style.remove(QLatin1Char(' ')).remove(QLatin1Char('\t')).remove(QLatin1Char('\n'));
    return style.contains(QLatin1String("display:none"))
        || style.contains(QLatin1String("mso-hide:all"));
}

// Elements whose content is never text for a person: dropped with everything inside.
bool isInvisible(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
        return true;
    default:
        return false;
    }
}

// Skipped with its subtree by both walkers: invisible elements, hidden ones, and anything
// outside the HTML namespace (SVG and MathML carry scripts and links of their own).
bool isDropped(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_TEMPLATE)
        return true;
    if (n->type != GUMBO_NODE_ELEMENT)
        return false;
    const GumboElement &e = n->v.element;
    return e.tag_namespace != GUMBO_NAMESPACE_HTML || isInvisible(e.tag) || isHidden(n);
}

// Walks the tree without recursion: enter(node) returns whether to go inside; leave(node)
// follows the last child.
template <typename Enter, typename Leave> void walk(const GumboNode *root, Enter enter, Leave leave)
{
    struct Frame
    {
        const GumboNode *node;
        unsigned int next;
    };
    std::vector<Frame> stack;
    if (!root || !enter(root))
        return;
    stack.push_back({ root, 0 });
    while (!stack.empty()) {
        Frame &top = stack.back();
        const GumboVector *children = childrenOf(top.node);
        if (children && top.next < children->length) {
            const auto *child = static_cast<const GumboNode *>(children->data[top.next++]);
            if (enter(child))
                stack.push_back({ child, 0 });
            continue;
        }
        const GumboNode *done = top.node;
        stack.pop_back();
        leave(done);
    }
}

bool isHtmlSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
        || c == QLatin1Char('\r') || c == QLatin1Char('\f') || c == QChar(0x00A0);
}

// ---- HTML to text ----

// Plain text being written: collapses HTML whitespace, puts line and paragraph breaks only
// where text follows, and a cell separator only between cells that both have text.
class TextBuilder
{
public:
    void text(QStringView s)
    {
        for (QChar c : s) {
            if (isHtmlSpace(c)) {
                m_space = true;
                continue;
            }
            if (c.unicode() < 0x20 || c == QChar(0xFEFF) || c == QChar(0x200B))
                continue; // controls, BOM and zero-width spaces
            emitPending();
            m_out += c;
            m_lineHasText = true;
        }
    }
    // Text kept as it is (<pre>).
    void preformatted(QStringView s)
    {
        for (QChar c : s) {
            if (c == QLatin1Char('\r'))
                continue;
            if (c == QLatin1Char('\n')) {
                m_out += c;
                m_lineHasText = false;
                m_space = false;
                m_separator.clear();
                continue;
            }
            emitPending();
            m_out += c;
            m_lineHasText = true;
        }
    }
    // At least n line ends before the next text (1: a new line, 2: a new paragraph).
    void breakLines(int n)
    {
        m_newlines = std::max(m_newlines, n);
        m_space = false;
    }
    // <br>: a line end now, even on an empty line.
    void lineBreak()
    {
        flushNewlines();
        m_out += QLatin1Char('\n');
        m_lineHasText = false;
        m_space = false;
        m_separator.clear();
    }
    // Written before the next text if it lands on the same line (table cells).
    void separatorBeforeNextText(const QString &separator)
    {
        if (m_lineHasText && m_newlines == 0)
            m_separator = separator;
    }
    // Text written outside the builder's rules (a prefixed blockquote, a list marker).
    void raw(const QString &s)
    {
        flushNewlines();
        if (m_space && m_lineHasText)
            m_out += QLatin1Char(' ');
        m_space = false;
        m_out += s;
        m_lineHasText = !s.endsWith(QLatin1Char('\n'));
    }
    qsizetype position() const { return m_out.size(); }
    QString since(qsizetype position) const { return m_out.mid(position); }

    QString finish() const
    {
        // Trailing spaces off every line, at most one empty line in a row, none at the ends.
        QStringList lines = m_out.split(QLatin1Char('\n'));
        QStringList kept;
        int empty = 0;
        for (QString &l : lines) {
            qsizetype end = l.size();
            while (end > 0 && isHtmlSpace(l.at(end - 1)))
                --end;
            l.truncate(end);
            if (l.isEmpty()) {
                if (++empty > 1 || kept.isEmpty())
                    continue;
            } else {
                empty = 0;
            }
            kept.append(l);
        }
        while (!kept.isEmpty() && kept.last().isEmpty())
            kept.removeLast();
        return kept.join(QLatin1Char('\n'));
    }

private:
    void flushNewlines()
    {
        if (m_newlines > 0 && !m_out.isEmpty()) {
            int have = 0;
            for (qsizetype i = m_out.size() - 1; i >= 0 && m_out.at(i) == QLatin1Char('\n'); --i)
                ++have;
            for (int k = have; k < m_newlines; ++k)
                m_out += QLatin1Char('\n');
            m_lineHasText = false;
            m_separator.clear();
        }
        m_newlines = 0;
    }
    void emitPending()
    {
        flushNewlines();
        if (!m_separator.isEmpty() && m_lineHasText) {
            m_out += m_separator;
        } else if (m_space && m_lineHasText) {
            m_out += QLatin1Char(' ');
        }
        m_separator.clear();
        m_space = false;
    }

    QString m_out;
    int m_newlines = 0;
    bool m_space = false;
    bool m_lineHasText = false;
    QString m_separator;
};

bool isBlock(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY:
        return true;
    default:
        return false;
    }
}

bool isParagraph(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BLOCKQUOTE:
        return true;
    default:
        return false;
    }
}

// "https://example.com/" and "example.com" are the same link for a reader.
QString comparableUrl(QString url)
{
    url = url.trimmed();
    for (const char *scheme : { "mailto:", "https://", "http://" }) {
        if (url.startsWith(QLatin1String(scheme), Qt::CaseInsensitive)) {
            url = url.mid(qsizetype(qstrlen(scheme)));
            break;
        }
    }
    if (url.startsWith(QLatin1String("www."), Qt::CaseInsensitive))
        url = url.mid(4);
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url.toLower();
}

bool isShownLink(const QString &href)
{
    const QString h = href.trimmed().toLower();
    return h.startsWith(QLatin1String("http://")) || h.startsWith(QLatin1String("https://"))
        || h.startsWith(QLatin1String("mailto:")) || h.startsWith(QLatin1String("ftp://"));
}

class TextConverter
{
public:
    QString convert(const GumboNode *root)
    {
        m_builders.emplace_back();
        walk(
            root, [this](const GumboNode *n) { return enter(n); },
            [this](const GumboNode *n) { leave(n); });
        while (m_builders.size() > 1)
            popQuote();
        return m_builders.back().finish();
    }

private:
    struct List
    {
        bool ordered = false;
        int next = 1;
    };
    struct Link
    {
        const GumboNode *node;
        qsizetype start;
        QString href;
    };

    TextBuilder &out() { return m_builders.back(); }

    bool enter(const GumboNode *n)
    {
        switch (n->type) {
        case GUMBO_NODE_DOCUMENT:
            return true;
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
            if (m_pre > 0)
                out().preformatted(QString::fromUtf8(n->v.text.text));
            else
                out().text(QString::fromUtf8(n->v.text.text));
            return false;
        case GUMBO_NODE_COMMENT:
            return false;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            break;
        }
        if (isDropped(n))
            return false;
        const GumboTag tag = n->v.element.tag;
        if (isParagraph(tag))
            out().breakLines(2);
        else if (isBlock(tag))
            out().breakLines(1);
        switch (tag) {
        case GUMBO_TAG_BR:
            out().lineBreak();
            break;
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_XMP:
        case GUMBO_TAG_LISTING:
        case GUMBO_TAG_PLAINTEXT:
            ++m_pre;
            break;
        case GUMBO_TAG_BLOCKQUOTE:
            if (int(m_builders.size()) <= kMaxQuoteDepth)
                m_builders.emplace_back();
            else
                ++m_flatQuotes;
            break;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL: {
            List list;
            list.ordered = tag == GUMBO_TAG_OL;
            bool ok = false;
            const int start = attribute(n, "start").toInt(&ok);
            if (ok)
                list.next = start;
            m_lists.push_back(list);
            break;
        }
        case GUMBO_TAG_LI: {
            QString marker(
                qsizetype(std::max<size_t>(m_lists.size(), 1) - 1) * 2, QLatin1Char(' '));
            if (!m_lists.empty() && m_lists.back().ordered)
                marker += QString::number(m_lists.back().next++) + QStringLiteral(". ");
            else
                marker += QStringLiteral("- ");
            out().raw(marker);
            break;
        }
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            out().separatorBeforeNextText(QStringLiteral(" | "));
            break;
        case GUMBO_TAG_A:
            m_links.push_back({ n, out().position(), attribute(n, "href") });
            break;
        case GUMBO_TAG_IMG: {
            const QString alt = attribute(n, "alt").simplified();
            if (!alt.isEmpty())
                out().text(QLatin1Char('[') + alt + QLatin1Char(']'));
            break;
        }
        default:
            break;
        }
        return true;
    }

    void leave(const GumboNode *n)
    {
        if (!isElement(n))
            return;
        const GumboTag tag = n->v.element.tag;
        switch (tag) {
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_XMP:
        case GUMBO_TAG_LISTING:
        case GUMBO_TAG_PLAINTEXT:
            --m_pre;
            break;
        case GUMBO_TAG_BLOCKQUOTE:
            if (m_flatQuotes > 0)
                --m_flatQuotes;
            else
                popQuote();
            break;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
            if (!m_lists.empty())
                m_lists.pop_back();
            break;
        case GUMBO_TAG_A:
            if (!m_links.empty() && m_links.back().node == n) {
                const Link link = m_links.back();
                m_links.pop_back();
                const QString text = out().since(link.start).simplified();
                if (!text.isEmpty() && isShownLink(link.href)
                    && comparableUrl(text) != comparableUrl(link.href)) {
                    out().text(QStringLiteral(" (") + link.href.trimmed() + QLatin1Char(')'));
                }
            }
            break;
        default:
            break;
        }
        if (isParagraph(tag))
            out().breakLines(2);
        else if (isBlock(tag))
            out().breakLines(1);
    }

    // The quote's text, each line behind "> ", into the builder around it.
    void popQuote()
    {
        const QString inner = m_builders.back().finish();
        m_builders.pop_back();
        // A link opened outside the quote and closed inside it would point into the wrong
        // builder's text: forget those.
        m_links.clear();
        if (inner.isEmpty())
            return;
        QString quoted;
        for (const QString &line : inner.split(QLatin1Char('\n'))) {
            quoted += line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line;
            quoted += QLatin1Char('\n');
        }
        out().breakLines(1);
        out().raw(quoted);
        out().breakLines(1);
    }

    std::vector<TextBuilder> m_builders;
    std::vector<List> m_lists;
    std::vector<Link> m_links;
    int m_pre = 0;
    int m_flatQuotes = 0;
};

// ---- sanitising ----

// Keep: the element with its allowed attributes; Neutral: an element the HTML parser treats as
// ordinary (custom elements, Outlook's <o:p>) written as a bare <span>, so that reading our
// output again builds the same tree; Unwrap: its content only; Drop: nothing of it.
enum class Treatment { Keep, Neutral, Unwrap, Drop };

Treatment treatmentOf(const GumboNode *n)
{
    if (isDropped(n))
        return Treatment::Drop;
    switch (n->v.element.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
        return Treatment::Keep;
    case GUMBO_TAG_UNKNOWN:
        return Treatment::Neutral;
    default:
        // html, body, form, label, marquee...: their content only.
        return Treatment::Unwrap;
    }
}

bool isVoid(GumboTag tag)
{
    return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG
        || tag == GUMBO_TAG_COL || tag == GUMBO_TAG_WBR;
}

// Presentation attributes only: no style, class, id, event handlers, or URLs but the two we
// check (href, src).
bool isAllowedAttribute(const QString &name)
{
    static const QStringList allowed { QStringLiteral("title"), QStringLiteral("dir"),
        QStringLiteral("lang"), QStringLiteral("align"), QStringLiteral("valign"),
        QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("colspan"),
        QStringLiteral("rowspan"), QStringLiteral("border"), QStringLiteral("cellpadding"),
        QStringLiteral("cellspacing"), QStringLiteral("bgcolor"), QStringLiteral("color"),
        QStringLiteral("face"), QStringLiteral("size"), QStringLiteral("start"),
        QStringLiteral("type"), QStringLiteral("span"), QStringLiteral("scope"),
        QStringLiteral("headers"), QStringLiteral("abbr"), QStringLiteral("alt"),
        QStringLiteral("datetime"), QStringLiteral("reversed") };
    return allowed.contains(name);
}

void escapeInto(QString &out, QStringView text, bool attribute)
{
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QLatin1String("&amp;");
            break;
        case u'<':
            out += QLatin1String("&lt;");
            break;
        case u'>':
            out += QLatin1String("&gt;");
            break;
        case u'"':
            if (attribute)
                out += QLatin1String("&quot;");
            else
                out += c;
            break;
        default:
            out += c;
        }
    }
}

// A URL as a browser reads it: C0 controls and spaces at the ends and tabs and line ends
// anywhere are ignored ("java\tscript:" is javascript:).
QString normalisedUrl(const QString &raw)
{
    QString url;
    for (QChar c : raw) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            continue;
        url += c;
    }
    qsizetype a = 0;
    qsizetype b = url.size();
    while (a < b && url.at(a).unicode() <= 0x20)
        ++a;
    while (b > a && url.at(b - 1).unicode() <= 0x20)
        --b;
    return url.mid(a, b - a);
}

QString schemeOf(const QString &url)
{
    for (qsizetype i = 0; i < url.size(); ++i) {
        const QChar c = url.at(i);
        if (c == QLatin1Char(':'))
            return url.left(i).toLower();
        if (!(c.isLetterOrNumber() || c == QLatin1Char('+') || c == QLatin1Char('-')
                || c == QLatin1Char('.'))
            || c.unicode() > 0x7F)
            return QString();
    }
    return QString();
}

bool isSafeLink(const QString &url)
{
    const QString scheme = schemeOf(url);
    return scheme == QLatin1String("http") || scheme == QLatin1String("https")
        || scheme == QLatin1String("mailto") || scheme == QLatin1String("tel");
}

bool isEmbeddedImage(const QString &url)
{
    const QString scheme = schemeOf(url);
    if (scheme == QLatin1String("cid"))
        return true;
    if (scheme != QLatin1String("data"))
        return false;
    // Raster images only: an SVG can carry script.
    const QString lower = url.toLower();
    for (const char *type : { "data:image/png", "data:image/jpeg", "data:image/jpg",
             "data:image/gif", "data:image/webp", "data:image/bmp" }) {
        if (lower.startsWith(QLatin1String(type))) {
            const QChar next = lower.size() > qsizetype(qstrlen(type))
                ? lower.at(qsizetype(qstrlen(type)))
                : QChar();
            return next == QLatin1Char(';') || next == QLatin1Char(',');
        }
    }
    return false;
}

class Sanitiser
{
public:
    QString run(const GumboNode *root)
    {
        walk(
            root, [this](const GumboNode *n) { return enter(n); },
            [this](const GumboNode *n) { leave(n); });
        return m_out.trimmed();
    }

private:
    bool enter(const GumboNode *n)
    {
        switch (n->type) {
        case GUMBO_NODE_DOCUMENT:
            return true;
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
            escapeInto(m_out, QString::fromUtf8(n->v.text.text), false);
            return false;
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_COMMENT:
            return false;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            break;
        }
        const Treatment t = treatmentOf(n);
        if (t == Treatment::Drop)
            return false;
        if (t == Treatment::Unwrap)
            return true;
        if (t == Treatment::Neutral) {
            m_out += QLatin1String("<span>");
            return true;
        }
        const GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_IMG)
            return image(n);
        const QString name = QString::fromLatin1(gumbo_normalized_tagname(tag));
        m_out += QLatin1Char('<') + name;
        const GumboVector &attributes = n->v.element.attributes;
        for (unsigned int i = 0; i < attributes.length; ++i) {
            const auto *a = static_cast<const GumboAttribute *>(attributes.data[i]);
            if (a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE)
                continue;
            const QString attr = QString::fromUtf8(a->name).toLower();
            QString value = QString::fromUtf8(a->value);
            if (tag == GUMBO_TAG_A && attr == QLatin1String("href")) {
                value = normalisedUrl(value);
                if (!isSafeLink(value))
                    continue;
            } else if (!isAllowedAttribute(attr)) {
                continue;
            }
            appendAttribute(attr, value);
        }
        if (tag == GUMBO_TAG_A) {
            appendAttribute(QStringLiteral("rel"), QStringLiteral("noopener noreferrer"));
            ++m_links;
        }
        m_out += QLatin1Char('>');
        return !isVoid(tag);
    }

    void leave(const GumboNode *n)
    {
        if (!isElement(n))
            return;
        const Treatment t = treatmentOf(n);
        if (t == Treatment::Neutral)
            m_out += QLatin1String("</span>");
        if (t != Treatment::Keep)
            return;
        const GumboTag tag = n->v.element.tag;
        if (isVoid(tag))
            return;
        if (tag == GUMBO_TAG_A)
            --m_links;
        m_out += QStringLiteral("</") + QString::fromLatin1(gumbo_normalized_tagname(tag))
            + QLatin1Char('>');
    }

    // Embedded images stay; a remote one would tell the sender when and where the mail was
    // read, so it becomes a link the agent may choose to open.
    bool image(const GumboNode *n)
    {
        const QString src = normalisedUrl(attribute(n, "src"));
        const QString alt = attribute(n, "alt");
        if (isEmbeddedImage(src)) {
            m_out += QLatin1String("<img");
            appendAttribute(QStringLiteral("src"), src);
            for (const char *name : { "alt", "title", "width", "height" }) {
                if (hasAttribute(n, name))
                    appendAttribute(QString::fromLatin1(name), attribute(n, name));
            }
            m_out += QLatin1Char('>');
        } else if (schemeOf(src) == QLatin1String("http")
            || schemeOf(src) == QLatin1String("https")) {
            const QString label
                = alt.simplified().isEmpty() ? QStringLiteral("image") : alt.simplified();
            if (m_links > 0) {
                // Inside a link it stays a label: a link in a link is no HTML, and reading
                // it again would move things around.
                escapeInto(m_out, QStringLiteral("[%1]").arg(label), false);
                return false;
            }
            m_out += QLatin1String("<a");
            appendAttribute(QStringLiteral("href"), src);
            appendAttribute(QStringLiteral("rel"), QStringLiteral("noopener noreferrer"));
            m_out += QLatin1Char('>');
            escapeInto(m_out, QStringLiteral("[%1]").arg(label), false);
            m_out += QLatin1String("</a>");
        } else if (!alt.simplified().isEmpty()) {
            escapeInto(m_out, QStringLiteral("[%1]").arg(alt.simplified()), false);
        }
        return false;
    }

    void appendAttribute(const QString &name, const QString &value)
    {
        m_out += QLatin1Char(' ') + name + QLatin1String("=\"");
        escapeInto(m_out, value, true);
        m_out += QLatin1Char('"');
    }

    QString m_out;
    int m_links = 0; // <a> elements open around what is written
};

} // namespace

QString htmlToText(const QString &html)
{
    const Document document(html);
    return TextConverter().convert(document.root());
}

QString sanitiseHtml(const QString &html)
{
    const Document document(html);
    return Sanitiser().run(document.root());
}

} // namespace Atiende::Server::Mail
