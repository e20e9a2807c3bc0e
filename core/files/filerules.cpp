#include "filerules.h"

#include <QSet>
#include <QStringList>

namespace Atiende::Core::Files {

namespace {

bool dropped(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
        return true; // C0 and C1 controls, DEL
    // Bidirectional embeddings, overrides and isolates: "invoice\u202Efdp.exe" must not read
    // as a PDF.
    if ((u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e || u == 0x200f
        || u == 0x061c)
        return true;
    return c.category() == QChar::Other_Format && u != 0x200d; // keep the emoji joiner
}

bool refusedByWindows(QChar c)
{
    switch (c.unicode()) {
    case u'<':
    case u'>':
    case u':':
    case u'"':
    case u'|':
    case u'?':
    case u'*':
        return true;
    default:
        return false;
    }
}

QString suffixOf(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot <= 0 ? QString() : name.mid(dot + 1).toLower();
}

} // namespace

QString sanitiseName(const QString &input)
{
    QString name = input;
    const qsizetype slash
        = qMax(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        name = name.mid(slash + 1);
    QString out;
    out.reserve(name.size());
    for (QChar c : std::as_const(name)) {
        if (dropped(c))
            continue;
        out += refusedByWindows(c) ? QLatin1Char('_') : c;
    }
    // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them).
    qsizetype first = 0;
    while (first < out.size() && (out.at(first) == QLatin1Char('.') || out.at(first).isSpace()))
        ++first;
    qsizetype end = out.size();
    while (end > first && (out.at(end - 1) == QLatin1Char('.') || out.at(end - 1).isSpace()))
        --end;
    out = out.mid(first, end - first);
    if (out.isEmpty())
        return out;

    // Windows' reserved device names, with or without an extension.
    static const QSet<QString> reserved = [] {
        QSet<QString> s { QStringLiteral("con"), QStringLiteral("prn"), QStringLiteral("aux"),
            QStringLiteral("nul") };
        for (int i = 1; i <= 9; ++i) {
            s << QStringLiteral("com%1").arg(i) << QStringLiteral("lpt%1").arg(i);
        }
        return s;
    }();
    const qsizetype dot = out.indexOf(QLatin1Char('.'));
    if (reserved.contains((dot < 0 ? out : out.left(dot)).toLower()))
        out.prepend(QLatin1Char('_'));

    if (out.toUtf8().size() <= kMaxNameBytes)
        return out;
    // Too long: shorten the stem, keep a short extension.
    QString suffix = suffixOf(out);
    if (suffix.size() > 16)
        suffix.clear();
    const QString tail = suffix.isEmpty() ? QString() : QLatin1Char('.') + out.right(suffix.size());
    QString stem = out.left(out.size() - tail.size());
    const int budget = kMaxNameBytes - int(tail.toUtf8().size());
    while (!stem.isEmpty() && stem.toUtf8().size() > budget) {
        stem.chop(1);
        if (!stem.isEmpty() && stem.back().isHighSurrogate())
            stem.chop(1); // never half a character
    }
    return stem + tail;
}

bool isSha256(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

bool couldRunCode(const QString &name, const QString &mediaType)
{
    static const QSet<QString> suffixes { // Windows programs, installers, scripts and shortcuts
        QStringLiteral("exe"), QStringLiteral("com"), QStringLiteral("scr"), QStringLiteral("pif"),
        QStringLiteral("msi"), QStringLiteral("msp"), QStringLiteral("msix"),
        QStringLiteral("appx"), QStringLiteral("bat"), QStringLiteral("cmd"), QStringLiteral("ps1"),
        QStringLiteral("psm1"), QStringLiteral("vbs"), QStringLiteral("vbe"), QStringLiteral("vb"),
        QStringLiteral("js"), QStringLiteral("jse"), QStringLiteral("mjs"), QStringLiteral("wsf"),
        QStringLiteral("wsh"), QStringLiteral("hta"), QStringLiteral("cpl"), QStringLiteral("msc"),
        QStringLiteral("lnk"), QStringLiteral("url"), QStringLiteral("reg"), QStringLiteral("dll"),
        QStringLiteral("sys"), QStringLiteral("gadget"), QStringLiteral("application"),
        QStringLiteral("iso"), QStringLiteral("img"), QStringLiteral("vhd"), QStringLiteral("xll"),
        QStringLiteral("docm"), QStringLiteral("xlsm"), QStringLiteral("pptm"),
        // Unix and macOS
        QStringLiteral("sh"), QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("csh"),
        QStringLiteral("ksh"), QStringLiteral("run"), QStringLiteral("bin"), QStringLiteral("so"),
        QStringLiteral("dylib"), QStringLiteral("app"), QStringLiteral("command"),
        QStringLiteral("dmg"), QStringLiteral("pkg"), QStringLiteral("deb"), QStringLiteral("rpm"),
        QStringLiteral("appimage"), QStringLiteral("desktop"), QStringLiteral("jar"),
        QStringLiteral("py"), QStringLiteral("pyw"), QStringLiteral("pl"), QStringLiteral("rb"),
        QStringLiteral("php"), QStringLiteral("apk"),
        // pages and images a browser runs scripts in
        QStringLiteral("html"), QStringLiteral("htm"), QStringLiteral("xhtml"),
        QStringLiteral("shtml"), QStringLiteral("mht"), QStringLiteral("mhtml"),
        QStringLiteral("svg"), QStringLiteral("svgz"), QStringLiteral("xml"), QStringLiteral("xsl")
    };
    if (suffixes.contains(suffixOf(name)))
        return true;
    static const QStringList types { QStringLiteral("application/x-executable"),
        QStringLiteral("application/x-pie-executable"), QStringLiteral("application/x-sharedlib"),
        QStringLiteral("application/x-msdownload"),
        QStringLiteral("application/x-ms-dos-executable"),
        QStringLiteral("application/x-msdos-program"), QStringLiteral("application/x-msi"),
        QStringLiteral("application/vnd.microsoft.portable-executable"),
        QStringLiteral("application/x-mach-binary"), QStringLiteral("application/x-shellscript"),
        QStringLiteral("application/x-sh"), QStringLiteral("text/x-shellscript"),
        QStringLiteral("application/javascript"), QStringLiteral("text/javascript"),
        QStringLiteral("application/x-java-archive"), QStringLiteral("application/java-archive"),
        QStringLiteral("text/html"), QStringLiteral("application/xhtml+xml"),
        QStringLiteral("image/svg+xml"), QStringLiteral("application/x-ms-shortcut"),
        QStringLiteral("application/x-desktop"), QStringLiteral("text/x-python"),
        QStringLiteral("text/x-python3"), QStringLiteral("application/x-perl"),
        QStringLiteral("application/x-ruby"), QStringLiteral("application/x-php"),
        QStringLiteral("application/vnd.android.package-archive") };
    return types.contains(mediaType.toLower());
}

bool isPreviewableImage(const QString &mediaType)
{
    static const QSet<QString> types { QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
        QStringLiteral("image/gif"), QStringLiteral("image/bmp"), QStringLiteral("image/webp") };
    return types.contains(mediaType);
}

bool isPreviewableText(const QString &mediaType)
{
    // HTML and SVG are text too: shown as their source, never rendered.
    if (mediaType == QLatin1String("image/svg+xml"))
        return true;
    if (mediaType.startsWith(QLatin1String("text/")))
        return true;
    static const QSet<QString> types { QStringLiteral("application/json"),
        QStringLiteral("application/xml"), QStringLiteral("application/x-yaml"),
        QStringLiteral("application/yaml"), QStringLiteral("application/x-log"),
        QStringLiteral("application/sql"), QStringLiteral("application/toml") };
    return types.contains(mediaType);
}

} // namespace Atiende::Core::Files
