#pragma once
// The one case and accent folding of Atiende: "configuracion" finds "Configuración", "MUNOZ"
// finds "Muñoz". Everything that promises that matching uses it: the console's search as you
// type, the cache's search column, routing keywords, full-text query words, canned-response
// search on the server. It agrees with the FTS5 tokenizer (unicode61 remove_diacritics 2):
// lower case (not full case folding: "ß" stays "ß"), combining marks dropped.
// Fast for the Latin scripts agents type (a table), correct for the rest (Unicode
// decomposition), so a 100,000-row index folds in milliseconds.

#include <QString>
#include <vector>

namespace Atiende::Core::Text {

QString fold(QStringView text);
void foldAppend(QStringView text, std::vector<char16_t> &out);

} // namespace Atiende::Core::Text
