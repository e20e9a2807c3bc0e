#pragma once
// Raw RFC 5322 bytes to InboundMail, with GMime 3 (MIME, charsets, encoded words) and gumbo
// (HTML to text, sanitising). Never throws, never crashes on hostile input: a broken, truncated
// or absurd message gives what could be read and says the rest in `problems`. Limits keep a
// hostile message from taking the server's memory or time. Thread-safe: call from any thread
// (GMime is initialised once, process-wide).

#include "inboundmail.h"

namespace Atiende::Server::Mail {

struct ParseLimits
{
    qint64 maxMessageBytes = 64 * 1024 * 1024; // larger: headers only, body refused in problems
    int maxParts = 500; // MIME parts walked (GMime is given at most twice as many)
    int maxDepth = 20; // multipart nesting
    int maxTextChars = 1024 * 1024; // body text kept (the raw message keeps all)
    int maxHeaderChars = 64 * 1024; // per header value
    int maxHeaderLines = 20000; // in all the header blocks (the message's, its parts')
};

class MimeParser
{
public:
    // deskLoopId: this desk's X-Atiende-Loop value (for the Loop verdict).
    static InboundMail parse(
        const QByteArray &raw, const QString &deskLoopId, const ParseLimits &limits = {});
};

// HTML (an e-mail's body) to readable plain text: paragraphs and line breaks kept, lists as
// "- " (ordered ones "1. "), links as "text (url)" when they differ, tables as lines (cells
// that have text joined by " | "), blockquotes as "> " lines (so quote folding sees them),
// scripts, styles and hidden content (display:none, mso-hide:all, hidden) dropped, entities
// decoded once.
QString htmlToText(const QString &html);
// HTML reduced to a safe subset for display and keeping: an allow-list of elements and
// presentation attributes; no script, style, iframe, object, form, SVG or MathML, no on*,
// style or class attributes, links only to http(s), mailto and tel (with rel="noopener
// noreferrer"), images only from cid: and raster data: URLs, remote images turned into links;
// custom elements written as bare <span>s; all text escaped. A fragment: no html/head/body.
QString sanitiseHtml(const QString &html);

} // namespace Atiende::Server::Mail
