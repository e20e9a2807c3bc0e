#include "routingrules.h"

#include "core/domain/ids.h"
#include "core/text/fold.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace Atiende::Core {

namespace {

// Text is folded (Text::fold, the one folding) and cut into words: letters and digits make
// words, anything else ends one.
template <typename OnChar, typename OnBoundary>
void foldWords(const QString &text, OnChar onChar, OnBoundary onBoundary)
{
    std::vector<char16_t> folded;
    folded.reserve(size_t(text.size()));
    Text::foldAppend(text, folded);
    for (const char16_t u : folded) {
        const bool wordChar = u < 0x80 ? ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
                                       : QChar(u).isLetterOrNumber();
        if (wordChar)
            onChar(u);
        else
            onBoundary(QChar(u));
    }
}

std::vector<std::u16string> words(const QString &text)
{
    std::vector<std::u16string> out;
    std::u16string current;
    foldWords(
        text, [&](char16_t c) { current += c; },
        [&](QChar) {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        });
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

// Reads a list of wire names; on failure *bad is the offending value.
template <typename E> bool readEnums(const QJsonValue &v, QList<E> *out, QString *bad)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray()) {
        *bad = QStringLiteral("(not a list)");
        return false;
    }
    for (const QJsonValue &item : v.toArray()) {
        const auto e = fromString<E>(item.toString());
        if (!item.isString() || !e) {
            *bad = item.isString() ? item.toString() : QStringLiteral("(not a string)");
            return false;
        }
        out->append(*e);
    }
    return true;
}

template <typename E> QJsonArray enumsToJson(const QList<E> &values)
{
    QJsonArray a;
    for (E e : values)
        a.append(wireName(e));
    return a;
}

template <typename E> quint32 maskOf(const QList<E> &values)
{
    quint32 mask = 0;
    for (E e : values)
        mask |= 1u << int(e);
    return mask;
}

std::vector<qint64> sortedIds(const QList<qint64> &ids)
{
    std::vector<qint64> v(ids.begin(), ids.end());
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

bool holds(const std::vector<qint64> &ids, qint64 id)
{
    // Lists are a handful of ids; a linear scan beats a binary search there.
    if (ids.empty())
        return true;
    if (ids.size() <= 8)
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    return std::binary_search(ids.begin(), ids.end(), id);
}

} // namespace

std::optional<RoutingRule> RoutingRule::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    RoutingRule r;
    if (!idFromJson(o.value(QStringLiteral("id")), &r.id))
        return fail(QStringLiteral("a routing rule's id must be a positive integer or null"));
    r.name = o.value(QStringLiteral("name")).toString().trimmed();
    if (r.name.isEmpty())
        return fail(QStringLiteral("a routing rule needs a name"));
    r.order = o.value(QStringLiteral("order")).toInt(100);
    r.active = o.value(QStringLiteral("active")).toBool(true);
    QString bad;
    if (!readEnums(o.value(QStringLiteral("channels")), &r.channels, &bad))
        return fail(QStringLiteral("routing rule %1: \"%2\" is not a channel (%3)")
                        .arg(r.name, bad, wireNames<Channel>().join(QStringLiteral(", "))));
    if (!readEnums(o.value(QStringLiteral("priorities")), &r.priorities, &bad))
        return fail(QStringLiteral("routing rule %1: \"%2\" is not a priority (%3)")
                        .arg(r.name, bad, wireNames<Priority>().join(QStringLiteral(", "))));
    if (!idListFromJson(o.value(QStringLiteral("categoryIds")), &r.categoryIds))
        return fail(
            QStringLiteral("routing rule %1: categoryIds must be a list of ids").arg(r.name));
    if (!idListFromJson(o.value(QStringLiteral("organisationIds")), &r.organisationIds))
        return fail(
            QStringLiteral("routing rule %1: organisationIds must be a list of ids").arg(r.name));
    const QJsonValue keywords = o.value(QStringLiteral("keywords"));
    if (!keywords.isUndefined() && !keywords.isNull() && !keywords.isArray())
        return fail(QStringLiteral("routing rule %1: keywords must be a list of words or phrases")
                        .arg(r.name));
    for (const QJsonValue &k : keywords.toArray()) {
        const QString keyword = k.toString().trimmed();
        if (!k.isString() || words(keyword).empty())
            return fail(
                QStringLiteral("routing rule %1: the keyword \"%2\" has no letters or digits")
                    .arg(r.name, keyword));
        r.keywords.append(keyword);
    }
    if (!idFromJson(o.value(QStringLiteral("groupId")), &r.groupId) || r.groupId == 0)
        return fail(QStringLiteral("routing rule %1 needs a target group (groupId)").arg(r.name));
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

QJsonObject RoutingRule::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("order"), order }, { QStringLiteral("active"), active },
        { QStringLiteral("channels"), enumsToJson(channels) },
        { QStringLiteral("categoryIds"), idListToJson(categoryIds) },
        { QStringLiteral("organisationIds"), idListToJson(organisationIds) },
        { QStringLiteral("priorities"), enumsToJson(priorities) },
        { QStringLiteral("keywords"), QJsonArray::fromStringList(keywords) },
        { QStringLiteral("groupId"), idToJson(groupId) }, { QStringLiteral("version"), version } };
}

// Keywords of all rules are numbered once: single words first (looked up while the ticket's
// text is cut into words), then phrases (searched in the text only when a rule asks).
struct RoutingTable::Data
{
    struct Rule
    {
        const RoutingRule *rule = nullptr;
        quint32 channelMask = 0; // 0: any
        quint32 priorityMask = 0;
        std::vector<qint64> categoryIds;
        std::vector<qint64> organisationIds;
        bool hasKeywords = false;
        std::vector<int> keywordIds; // < words.size(): a word; otherwise a phrase
    };

    QList<RoutingRule> rules;
    std::vector<Rule> active;
    std::unordered_map<std::u16string, int> words;
    std::vector<std::u16string> phrases; // " no imprime ": spaces make the ends whole words
};

RoutingTable::RoutingTable()
    : d(std::make_shared<Data>())
{
}

RoutingTable::RoutingTable(QList<RoutingRule> rules)
{
    auto data = std::make_shared<Data>();
    std::stable_sort(rules.begin(), rules.end(), [](const RoutingRule &a, const RoutingRule &b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    data->rules = std::move(rules);
    std::unordered_map<std::u16string, int> phraseIds;
    std::vector<std::pair<bool, int>> keywordRefs; // (is phrase, index), numbered at the end
    for (const RoutingRule &rule : std::as_const(data->rules)) {
        if (!rule.active)
            continue;
        Data::Rule r;
        r.rule = &rule;
        r.channelMask = maskOf(rule.channels);
        r.priorityMask = maskOf(rule.priorities);
        r.categoryIds = sortedIds(rule.categoryIds);
        r.organisationIds = sortedIds(rule.organisationIds);
        r.hasKeywords = !rule.keywords.isEmpty();
        for (const QString &keyword : rule.keywords) {
            const std::vector<std::u16string> w = words(keyword);
            if (w.empty())
                continue;
            if (w.size() == 1) {
                const auto it = data->words.emplace(w.front(), int(data->words.size())).first;
                r.keywordIds.push_back(it->second);
            } else {
                std::u16string phrase(1, u' ');
                for (const std::u16string &part : w) {
                    phrase += part;
                    phrase += u' ';
                }
                const auto it = phraseIds.emplace(phrase, int(data->phrases.size())).first;
                if (size_t(it->second) == data->phrases.size())
                    data->phrases.push_back(phrase);
                // Phrases are numbered after every word, which is known only at the end.
                r.keywordIds.push_back(-1 - it->second);
            }
        }
        data->active.push_back(std::move(r));
    }
    const int wordCount = int(data->words.size());
    for (Data::Rule &r : data->active) {
        for (int &id : r.keywordIds) {
            if (id < 0)
                id = wordCount + (-1 - id);
        }
    }
    d = std::move(data);
}

std::optional<RoutingTable> RoutingTable::fromJson(const QJsonArray &rules, QString *error)
{
    QList<RoutingRule> parsed;
    QList<qint64> ids;
    for (const QJsonValue &v : rules) {
        if (!v.isObject()) {
            if (error)
                *error = QStringLiteral("routing rules must be JSON objects");
            return std::nullopt;
        }
        auto rule = RoutingRule::fromJson(v.toObject(), error);
        if (!rule)
            return std::nullopt;
        if (rule->id != 0 && ids.contains(rule->id)) {
            if (error)
                *error = QStringLiteral("two routing rules have the id %1").arg(rule->id);
            return std::nullopt;
        }
        ids.append(rule->id);
        parsed.append(std::move(*rule));
    }
    return RoutingTable(std::move(parsed));
}

const QList<RoutingRule> &RoutingTable::rules() const
{
    return d->rules;
}

std::optional<RoutingDecision> RoutingTable::route(const RoutingInput &in) const
{
    // The text is cut into words only when the first rule with keywords is reached, and then
    // once: a hit per known word, and the words joined by single spaces for phrases.
    // 0: not looked at yet, 1: found, 2: not found.
    std::vector<quint8> hits;
    std::u16string joined;
    bool scanned = false;
    auto scan = [&] {
        scanned = true;
        hits.assign(d->words.size() + d->phrases.size(), 0);
        for (size_t i = 0; i < d->words.size(); ++i)
            hits[i] = 2;
        const bool phrases = !d->phrases.empty();
        if (phrases)
            joined.assign(1, u' '); // assign(u" ") trips GCC 12's -Wrestrict false positive
        std::u16string word;
        auto endWord = [&] {
            if (word.empty())
                return;
            const auto it = d->words.find(word);
            if (it != d->words.end())
                hits[size_t(it->second)] = 1;
            if (phrases) {
                joined += word;
                joined += u' ';
            }
            word.clear();
        };
        for (const QString *text : { &in.subject, &in.body }) {
            foldWords(
                *text, [&](char16_t c) { word += c; }, [&](QChar) { endWord(); });
            endWord();
            if (phrases)
                joined += u"\n "; // a phrase does not run from the subject into the body
        }
    };
    auto keywordHolds = [&](int id) {
        quint8 &hit = hits[size_t(id)];
        if (hit == 0) {
            const std::u16string &phrase = d->phrases[size_t(id) - d->words.size()];
            hit = joined.find(phrase) != std::u16string::npos ? 1 : 2;
        }
        return hit == 1;
    };

    const quint32 channel = 1u << int(in.channel);
    const quint32 priority = 1u << int(in.priority);
    for (const Data::Rule &r : d->active) {
        if (r.channelMask && !(r.channelMask & channel))
            continue;
        if (r.priorityMask && !(r.priorityMask & priority))
            continue;
        if (!holds(r.categoryIds, in.categoryId) || !holds(r.organisationIds, in.organisationId))
            continue;
        if (r.hasKeywords) {
            if (!scanned)
                scan();
            if (std::none_of(r.keywordIds.begin(), r.keywordIds.end(), keywordHolds))
                continue;
        }
        return RoutingDecision { r.rule->groupId, r.rule->id };
    }
    return std::nullopt;
}

} // namespace Atiende::Core
