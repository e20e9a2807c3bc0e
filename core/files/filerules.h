#pragma once
// The rules every side applies to files on tickets, in one place: which names are safe to
// store and show (no folders, no control or direction-changing characters, nothing Windows
// cannot save), what a content hash looks like, and which files could run code when opened,
// so the console warns before it hands one to the system.

#include <QString>

namespace Atiende::Core::Files {

// The name to store and show for a name a user gave: the last path component, without
// control characters, bidirectional overrides or characters Windows refuses, trimmed of
// spaces and dots, at most kMaxNameBytes of UTF-8 with the extension kept. Empty when nothing
// usable is left (the caller refuses it).
QString sanitiseName(const QString &name);
constexpr int kMaxNameBytes = 255;

// 64 lowercase hexadecimal digits.
bool isSha256(const QString &text);

// True for what could run code or script when opened with the system's application:
// programs, installers, scripts, shortcuts, and pages a browser would run (HTML, SVG), judged
// by the name's extension and by the sniffed media type (either is enough).
bool couldRunCode(const QString &name, const QString &mediaType);

// Images the console may decode itself to show a thumbnail or preview (never SVG: it can hold
// scripts and fetch URLs).
bool isPreviewableImage(const QString &mediaType);
// Text the console may show as plain text (logs, configuration, CSV, JSON; HTML and SVG as
// their source, never rendered).
bool isPreviewableText(const QString &mediaType);

} // namespace Atiende::Core::Files
