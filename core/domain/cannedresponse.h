#pragma once
// A canned response: a reply template agents insert from the console, global or for one
// group, in Markdown with {{placeholders}} (core/text/placeholders.h). fromJson checks an
// admin's definition the same way wherever it comes from (protocol or `atiended canned`).

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Atiende::Core {

struct CannedResponse
{
    // Lengths in characters (code points: an emoji counts once).
    static constexpr int kMaxTitle = 200;
    static constexpr int kMaxBody = 20000;
    static constexpr int kMaxKeywords = 1000;

    qint64 id = 0;
    QString title;
    QString body; // Markdown template
    qint64 groupId = 0; // 0: every agent may use it
    QString language; // "es", "en", or "" for any customer
    QString keywords; // free words the console's filter also looks at
    bool active = true; // inactive ones are kept for admins but not offered to agents
    int version = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
    // An admin's definition: title, body, groupId?, language?, keywords?, active?, id? (replace).
    // Server-kept fields (version, timestamps) are ignored. On failure, *field names the culprit.
    static std::optional<CannedResponse> fromJson(
        const QJsonObject &o, QString *error, QString *field);
};

} // namespace Atiende::Core
