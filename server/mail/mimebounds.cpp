#include "mimebounds.h"

#include <QSet>

#include <cstring>

namespace Atiende::Server::Mail {

namespace {

constexpr qsizetype kMaxBoundaryBytes = 200;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Every boundary="..." the message declares, wherever it is: a few false ones from a body
// that talks about MIME only make the count stricter. Found from each "=" (memchr), looking
// back over blanks for the word in any case, so bodies cost little.
QSet<QByteArray> declaredBoundaries(const QByteArray &raw)
{
    QSet<QByteArray> boundaries;
    static const char word[] = "boundary";
    const qsizetype wordSize = sizeof word - 1;
    const char *data = raw.constData();
    const qsizetype size = raw.size();
    qsizetype i = 0;
    while (i < size) {
        const void *hit = std::memchr(data + i, '=', size_t(size - i));
        if (!hit)
            break;
        const qsizetype eq = static_cast<const char *>(hit) - data;
        i = eq + 1;
        qsizetype w = eq;
        while (w > 0 && isBlank(data[w - 1]))
            --w;
        if (w < wordSize)
            continue;
        bool matches = true;
        for (qsizetype k = 0; k < wordSize && matches; ++k)
            matches = (data[w - wordSize + k] | 0x20) == word[k];
        if (!matches)
            continue;
        qsizetype k = eq + 1;
        while (k < size && isBlank(data[k]))
            ++k;
        qsizetype start = k;
        qsizetype end = k;
        if (k < size && data[k] == '"') {
            start = k + 1;
            end = raw.indexOf('"', start);
            if (end < 0)
                end = size;
        } else {
            while (end < size && data[end] != ';' && data[end] != '\r' && data[end] != '\n'
                && !isBlank(data[end]))
                ++end;
        }
        if (end - start <= kMaxBoundaryBytes)
            boundaries.insert(raw.mid(start, end - start));
        i = std::max(i, end);
    }
    return boundaries;
}

// "--boundary" or "--boundary--", trailing blanks allowed, as GMime reads delimiters.
enum class Delimiter { None, Open, Close };

Delimiter delimiterOf(const char *line, qsizetype size, const QSet<QByteArray> &boundaries)
{
    if (size < 2 || line[0] != '-' || line[1] != '-' || boundaries.isEmpty())
        return Delimiter::None;
    qsizetype end = size;
    while (end > 2 && (line[end - 1] == '\r' || isBlank(line[end - 1])))
        --end;
    const QByteArray candidate = QByteArray::fromRawData(line + 2, end - 2);
    if (boundaries.contains(candidate))
        return Delimiter::Open;
    if (end - 2 >= 2 && line[end - 1] == '-' && line[end - 2] == '-'
        && boundaries.contains(QByteArray::fromRawData(line + 2, end - 4)))
        return Delimiter::Close;
    return Delimiter::None;
}

bool startsWithNoCase(const char *line, qsizetype size, const char *prefix)
{
    const qsizetype n = qsizetype(qstrlen(prefix));
    return size >= n && qstrnicmp(line, prefix, n) == 0;
}

bool containsNoCase(const char *line, qsizetype size, const char *needle)
{
    const qsizetype n = qsizetype(qstrlen(needle));
    for (qsizetype i = 0; i + n <= size; ++i) {
        if (qstrnicmp(line + i, needle, n) == 0)
            return true;
    }
    return false;
}

} // namespace

BoundedInput boundedInput(const QByteArray &raw, const MimeBounds &bounds)
{
    BoundedInput result;
    const QSet<QByteArray> boundaries = declaredBoundaries(raw);

    // Lines are kept whole, kept in part (a field past its length) or dropped; `out` is only
    // written once something is left out.
    QByteArray out;
    bool copying = false;
    const auto keep = [&](qsizetype from, qsizetype to) {
        if (copying)
            out.append(raw.constData() + from, to - from);
    };
    const auto startCopy = [&](qsizetype upTo) {
        if (!copying) {
            out.reserve(raw.size());
            out.append(raw.constData(), upTo);
            copying = true;
        }
    };

    bool inHeaders = true; // the message starts with its header block
    bool blockIsMessage = false; // this header block's part holds a message (rfc822...)
    bool inContentType = false;
    qsizetype fieldBytes = 0;
    qsizetype headerLines = 0;
    qsizetype delimiters = 0;
    qsizetype cutAt = -1;

    qsizetype start = 0;
    while (start < raw.size()) {
        qsizetype end = raw.indexOf('\n', start);
        end = end < 0 ? raw.size() : end + 1; // the line with its line end
        const char *line = raw.constData() + start;
        const qsizetype size = end - start;
        qsizetype text = size; // without the line end
        while (text > 0 && (line[text - 1] == '\n' || line[text - 1] == '\r'))
            --text;

        const Delimiter d = delimiterOf(line, text, boundaries);
        if (d != Delimiter::None) {
            if (++delimiters > bounds.maxDelimiters) {
                result.partsCut = true;
                cutAt = start;
                break;
            }
            // A part's headers follow an opening delimiter; after the closing one, the
            // epilogue (not headers).
            inHeaders = d == Delimiter::Open;
            blockIsMessage = false;
            inContentType = false;
            fieldBytes = 0;
            keep(start, end);
        } else if (inHeaders && text == 0) {
            // The blank line after a header block; a message/rfc822 part's content starts
            // with a header block of its own.
            inHeaders = blockIsMessage;
            blockIsMessage = false;
            inContentType = false;
            fieldBytes = 0;
            keep(start, end);
        } else if (inHeaders) {
            const bool continuation = isBlank(line[0]);
            if (!continuation) {
                fieldBytes = 0;
                inContentType = startsWithNoCase(line, text, "content-type:");
            }
            // Lines left out below cost nothing and are not counted.
            if (fieldBytes < bounds.maxFieldBytes && ++headerLines > bounds.maxHeaderLines) {
                result.headersCut = true;
                cutAt = start;
                break;
            }
            if (inContentType
                && (containsNoCase(line, text, "message/rfc822")
                    || containsNoCase(line, text, "message/global")
                    || containsNoCase(line, text, "message/news")))
                blockIsMessage = true;
            const qsizetype room = bounds.maxFieldBytes - fieldBytes;
            fieldBytes += text;
            if (room <= 0) {
                // A continuation line past the field's length: left out.
                result.fieldsShortened = true;
                startCopy(start);
            } else if (text > room) {
                // The line itself goes past it: its start is kept, with its line end.
                result.fieldsShortened = true;
                startCopy(start);
                out.append(line, room);
                out.append(line + text, size - text);
            } else {
                keep(start, end);
            }
        } else {
            keep(start, end);
        }
        start = end;
    }

    if (cutAt >= 0 && !copying) {
        result.bytes = raw.left(cutAt);
        return result;
    }
    result.bytes = copying ? out : raw;
    return result;
}

} // namespace Atiende::Server::Mail
