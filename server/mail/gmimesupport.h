#pragma once
// What the MIME reader and writer share: GMime initialised once for the process, owning
// pointers for GLib objects and strings, and charset decoding that never fails (an unknown or
// lying charset gives Windows-1252 text and says so). Internal to server/mail.

// GIO's headers (pulled in by gmime.h) name struct members "signals", which Qt defines away.
#pragma push_macro("signals")
#undef signals
#include <gmime/gmime.h>
#pragma pop_macro("signals")

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace Atiende::Server::Mail::Gmime {

// g_mime_init() once per process, from whichever thread parses or writes first.
void ensureInitialised();

struct ObjectUnref
{
    void operator()(gpointer object) const
    {
        if (object)
            g_object_unref(object);
    }
};
template <typename T> using Ref = std::unique_ptr<T, ObjectUnref>;

struct Free
{
    void operator()(gpointer p) const { g_free(p); }
};
using String = std::unique_ptr<char, Free>;

inline QString fromUtf8(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// The bytes a memory stream holds.
QByteArray bytesOf(GMimeStream *memoryStream);
// A leaf part's content with its transfer encoding (base64, quoted-printable, uuencode)
// undone; empty when the part has none.
QByteArray decodedContent(GMimePart *part);

// GMime 3.2 joins the payloads of adjacent "B" encoded words before decoding them, and a word
// that ends in "=" padding swallows the words after it ("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?="
// reads as one "é", not two). Outlook and GMime itself write such runs for long subjects,
// names and file names. The same words in "Q" form decode right, so header values are given
// to GMime with every B word re-encoded as Q: the same bytes, the same charset.
QByteArray withQEncodedWords(const QByteArray &headerValue);
// Whether a raw header value has a B encoded word in it (the only ones needing the above).
bool hasBEncodedWord(const QByteArray &headerValue);

struct Decoded
{
    QString text;
    QString problem; // empty, or what went wrong in plain English ("unknown charset x-foo...")
};
// Text in the given charset (a MIME charset name, any case; empty means US-ASCII) as Unicode.
// Unknown charsets and bytes that are not what the label says are read as Windows-1252, the
// charset such mail nearly always turns out to be in, with a problem said.
Decoded decodeText(const QByteArray &bytes, const QByteArray &charset);
// The bytes as UTF-8 text, or nullopt when they are not UTF-8.
std::optional<QString> validUtf8(const QByteArray &bytes);
// Windows-1252 (which mail clients send labelled ISO-8859-1 as often as not).
QString fromWindows1252(const QByteArray &bytes);

} // namespace Atiende::Server::Mail::Gmime
