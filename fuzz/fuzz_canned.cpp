// Canned responses and their {{placeholders}} (core/domain/cannedresponse.h,
// core/text/placeholders.h). An input that is a JSON object is an admin's canned response
// (and its body is then rendered too); anything else is a template's text. Checked: a saved
// response keeps its documented limits and only known placeholders; render() reports every
// name used exactly once, as unknown or as known (missing when it has no value), leaves text
// without "{{" alone, and with every value given leaves no known placeholder behind;
// validate() agrees with render(); firstNameOf() is a prefix of the trimmed name.

#include "fuzzsupport.h"

#include "core/domain/cannedresponse.h"
#include "core/text/placeholders.h"

#include <QJsonDocument>
#include <QSet>

using Atiende::Core::CannedResponse;
using Atiende::Core::Placeholders;

namespace {

void checkTemplate(const QString &text)
{
    const QStringList names = Placeholders::namesIn(text);
    FUZZ_CHECK(QSet<QString>(names.begin(), names.end()).size() == names.size(),
        names.join(QLatin1Char(',')));

    QHash<QString, QString> values;
    for (const QString &name : Placeholders::known())
        values.insert(name, QStringLiteral("<%1>").arg(name.size()));
    const Placeholders::Rendered full = Placeholders::render(text, values);
    const Placeholders::Rendered empty = Placeholders::render(text, {});
    FUZZ_CHECK(full.missing.isEmpty(), full.missing.join(QLatin1Char(',')));
    FUZZ_CHECK(full.unknown == empty.unknown, text);
    QStringList known;
    for (const QString &name : names) {
        FUZZ_CHECK(Placeholders::isKnown(name) != full.unknown.contains(name), name);
        if (Placeholders::isKnown(name))
            known << name;
    }
    FUZZ_CHECK(empty.missing == known,
        empty.missing.join(QLatin1Char(',')) + QStringLiteral(" != ")
            + known.join(QLatin1Char(',')));
    FUZZ_CHECK(full.unknown.size() + known.size() == names.size(), text);
    if (!text.contains(QLatin1String("{{"))) {
        FUZZ_CHECK(names.isEmpty() && full.text == text && empty.text == text, text);
    }
    QString error;
    FUZZ_CHECK(Placeholders::validate(text, &error) == full.unknown.isEmpty(), error);
    FUZZ_CHECK(full.unknown.isEmpty() || !error.isEmpty(), text);

    const QString trimmed = text.trimmed();
    const QString first = Placeholders::firstNameOf(text);
    FUZZ_CHECK(trimmed.startsWith(first), first);
}

void checkResponse(const QJsonObject &o)
{
    QString error;
    QString field;
    const std::optional<CannedResponse> r = CannedResponse::fromJson(o, &error, &field);
    if (!r) {
        FUZZ_CHECK(!error.isEmpty() && !field.isEmpty(), error);
        return;
    }
    FUZZ_CHECK(
        !r->title.isEmpty() && r->title.toUcs4().size() <= CannedResponse::kMaxTitle, r->title);
    FUZZ_CHECK(!r->body.trimmed().isEmpty() && r->body.toUcs4().size() <= CannedResponse::kMaxBody,
        QString());
    FUZZ_CHECK(r->language.isEmpty() || r->language == QLatin1String("es")
            || r->language == QLatin1String("en"),
        r->language);
    FUZZ_CHECK(
        Placeholders::validate(r->title, nullptr) && Placeholders::validate(r->body, nullptr),
        r->title);
    // What the server sends back is accepted again as an admin's definition.
    const std::optional<CannedResponse> again
        = CannedResponse::fromJson(r->toJson(), &error, &field);
    FUZZ_CHECK(again && again->title == r->title && again->body == r->body
            && again->groupId == r->groupId && again->language == r->language
            && again->keywords == r->keywords && again->active == r->active,
        error);
    checkTemplate(r->body);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(Atiende::Fuzz::rawBytes(data, size));
    if (doc.isObject())
        checkResponse(doc.object());
    else
        checkTemplate(Atiende::Fuzz::text(data, size));
    return 0;
}
