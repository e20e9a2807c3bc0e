#pragma once
// What GMime is given of a message: it builds every part and every header as objects before
// we read any, about a hundred bytes of memory for each byte of a header block and a few
// hundred per empty part, so a hostile 64 MB message could cost gigabytes and minutes. A
// line-by-line pass over the raw bytes, which knows the MIME boundaries the message declares
// and where header blocks start (the top, after each delimiter, inside message/rfc822 parts),
// keeps what is read within the limits and says what it left out. Internal to server/mail.

#include <QByteArray>

namespace Atiende::Server::Mail {

struct MimeBounds
{
    int maxDelimiters = 1000; // MIME delimiter lines; what follows the next one is left out
    int maxHeaderLines = 20000; // lines in all the header blocks; likewise
    int maxFieldBytes = 128 * 1024; // one header field (continuation lines included)
};

struct BoundedInput
{
    QByteArray bytes; // the message itself when nothing was left out (no copy)
    bool partsCut = false; // cut at a delimiter line
    bool headersCut = false; // cut at a header line
    bool fieldsShortened = false; // some header field lost its end
};

BoundedInput boundedInput(const QByteArray &raw, const MimeBounds &bounds);

} // namespace Atiende::Server::Mail
