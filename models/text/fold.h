#pragma once
// Case and accent folding for search as you type: "configuracion" finds "Configuración",
// "MUNOZ" finds "Muñoz". The same folding as the cache's search column and the FTS5
// tokenizer (unicode61 remove_diacritics 2): lower case, combining marks dropped.
// Fast for the Latin scripts agents type (a table), correct for the rest (Unicode
// decomposition), so a 100,000-row index folds in milliseconds.

#include <QString>
#include <vector>

namespace Atiende::Models::Text {

QString fold(QStringView text);
void foldAppend(QStringView text, std::vector<char16_t> &out);

} // namespace Atiende::Models::Text
