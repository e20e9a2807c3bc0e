#pragma once
// What the sender wrote, apart from what they quoted and their signature. The whole text is
// always kept: the timeline shows `fresh` and folds `quoted` and `signature` behind a "show
// quoted text" link. Recognised (English and Spanish mail clients): lines starting with ">",
// "On <date>, <name> wrote:" / "El <fecha>, <nombre> escribió:", "-----Original Message-----" /
// "-----Mensaje original-----", Outlook's header block ("From: ... Sent: ... To: ... Subject:"
// and "De: ... Enviado: ... Para: ... Asunto:"), Gmail's "---------- Forwarded message" kept as
// fresh (a forward is content), "-- " signature separator, and a line typed inside a quote (a
// reply interleaved with the quote) stays fresh: never lose words the sender typed.

#include <QString>

namespace Atiende::Core::Mail {

struct FoldedText
{
    QString fresh; // what the sender wrote (never empty when the text had anything but quotes)
    QString quoted; // the earlier messages quoted below it (empty when none)
    QString signature; // after "-- " (empty when none)
};

FoldedText foldQuotes(const QString &plainText);

} // namespace Atiende::Core::Mail
