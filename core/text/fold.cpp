#include "fold.h"

#include <array>

namespace Atiende::Core::Text {

namespace {

// The folded form of every character below U+0250 (Latin-1, Latin Extended-A and B): one
// character each, 0 for a combining mark to drop.
constexpr char16_t kTableEnd = 0x0250;

const std::array<char16_t, kTableEnd> &table()
{
    static const std::array<char16_t, kTableEnd> t = [] {
        std::array<char16_t, kTableEnd> a {};
        for (char16_t c = 0; c < kTableEnd; ++c) {
            if (c < 0x80) {
                a[c] = (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
                continue;
            }
            const QString d = QString(QChar(c)).normalized(QString::NormalizationForm_D);
            char16_t folded = c;
            for (QChar x : d) {
                if (x.category() != QChar::Mark_NonSpacing) {
                    folded = x.toLower().unicode();
                    break;
                }
            }
            a[c] = folded;
        }
        return a;
    }();
    return t;
}

void foldSlow(QChar c, std::vector<char16_t> &out)
{
    if (c.isSurrogate()) {
        out.push_back(c.unicode());
        return;
    }
    const QString d = QString(c).normalized(QString::NormalizationForm_D);
    for (QChar x : d) {
        if (x.category() != QChar::Mark_NonSpacing)
            out.push_back(x.toLower().unicode());
    }
}

} // namespace

void foldAppend(QStringView text, std::vector<char16_t> &out)
{
    const auto &t = table();
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < kTableEnd)
            out.push_back(t[u]);
        else if (c.category() == QChar::Mark_NonSpacing)
            continue;
        else
            foldSlow(c, out);
    }
}

QString fold(QStringView text)
{
    std::vector<char16_t> out;
    out.reserve(size_t(text.size()));
    foldAppend(text, out);
    return QString(reinterpret_cast<const QChar *>(out.data()), qsizetype(out.size()));
}

} // namespace Atiende::Core::Text
