#pragma once
// The language a person wrote in, Spanish or English (the desk's two), told from the
// Content-Language header when the mail has one, else from the words themselves: enough to
// answer a new customer in their language. QtCore only.

#include <QString>

namespace Atiende::Core::Mail {

// "es" or "en"; contentLanguage may be empty.
QString guessLanguage(const QString &contentLanguage, const QString &subject, const QString &text);

} // namespace Atiende::Core::Mail
