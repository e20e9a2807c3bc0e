#pragma once
// The one check of an e-mail address the desk makes (customers.create, a ticket's CC list):
// something@domain.tld, one @, no spaces. Anything stricter belongs to the mail server that
// receives it.

#include <QString>

#include <algorithm>

namespace Atiende::Server {

inline bool looksLikeEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != email.lastIndexOf(QLatin1Char('@')))
        return false;
    const QString domain = email.mid(at + 1);
    const qsizetype dot = domain.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == domain.size() - 1)
        return false;
    return std::none_of(email.begin(), email.end(), [](QChar c) { return c.isSpace(); });
}

} // namespace Atiende::Server
