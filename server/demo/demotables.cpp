#include "demotables.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Atiende::Server::Demo {

namespace {

const char *const kGroupKeys[kGroupKeyCount]
    = { "serviceDesk", "network", "applications", "platform", "workplace", "security" };
const char *const kCategoryKeys[kCategoryKeyCount]
    = { "accounts", "passwords", "joiners", "email", "outlook", "workplace", "laptops", "printers",
          "mobile", "network", "vpn", "wifi", "apps", "erp", "security" };
const char *const kCountryKeys[kCountryCount]
    = { "spain", "mexico", "unitedKingdom", "ireland", "unitedStates" };

template <std::size_t N> int keyIndex(const char *const (&keys)[N], const QString &key)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (key == QLatin1String(keys[i]))
            return int(i);
    }
    return -1;
}

template <std::size_t N> QString keyList(const char *const (&keys)[N])
{
    QStringList out;
    for (const char *k : keys)
        out << QLatin1String(k);
    return out.join(QStringLiteral(", "));
}

// Reads one file's values, remembering the first problem as "FILE: WHERE: WHAT".
class Reader
{
public:
    Reader(const QString &file, QString *error)
        : m_file(file)
        , m_error(error)
    {
    }

    bool fail(const QString &where, const QString &what)
    {
        *m_error = QStringLiteral("demo data %1: %2: %3").arg(m_file, where, what);
        return false;
    }

    bool object(const QJsonValue &v, const QString &where, QJsonObject *out)
    {
        if (!v.isObject())
            return fail(where, QStringLiteral("not a JSON object"));
        *out = v.toObject();
        return true;
    }
    bool array(const QJsonValue &v, const QString &where, QJsonArray *out, int atLeast = 1)
    {
        if (!v.isArray())
            return fail(where, QStringLiteral("not a JSON array"));
        *out = v.toArray();
        if (out->size() < atLeast)
            return fail(where,
                QStringLiteral("wants at least %1 entries, has %2").arg(atLeast).arg(out->size()));
        return true;
    }
    bool text(const QJsonValue &v, const QString &where, QString *out)
    {
        if (!v.isString() || v.toString().isEmpty())
            return fail(where, QStringLiteral("wants a text"));
        *out = v.toString();
        return true;
    }
    bool integer(const QJsonValue &v, const QString &where, int *out, int min, int max)
    {
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < min
            || v.toInt() > max)
            return fail(
                where, QStringLiteral("wants a whole number from %1 to %2").arg(min).arg(max));
        *out = v.toInt();
        return true;
    }
    bool boolean(const QJsonValue &v, const QString &where, bool *out)
    {
        if (!v.isBool())
            return fail(where, QStringLiteral("wants true or false"));
        *out = v.toBool();
        return true;
    }
    bool pair(const QJsonValue &v, const QString &where, Pair *out)
    {
        QJsonObject o;
        if (!object(v, where, &o)
            || !text(o.value(QStringLiteral("es")), where + QStringLiteral(".es"), &out->es)
            || !text(o.value(QStringLiteral("en")), where + QStringLiteral(".en"), &out->en))
            return false;
        if (!o.contains(QStringLiteral("files")))
            return true;
        if (!texts(o.value(QStringLiteral("files")), where + QStringLiteral(".files"), &out->files))
            return false;
        for (const QString &name : std::as_const(out->files)) {
            if (!DemoTables::demoFileNames().contains(name))
                return fail(where + QStringLiteral(".files"),
                    QStringLiteral("names %1, which is not among the demo files").arg(name));
        }
        return true;
    }
    bool texts(const QJsonValue &v, const QString &where, QStringList *out)
    {
        QJsonArray a;
        if (!array(v, where, &a))
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            QString t;
            if (!text(a.at(i), QStringLiteral("%1[%2]").arg(where).arg(i), &t))
                return false;
            *out << t;
        }
        return true;
    }
    bool pairs(const QJsonValue &v, const QString &where, QList<Pair> *out)
    {
        QJsonArray a;
        if (!array(v, where, &a))
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            Pair p;
            if (!pair(a.at(i), QStringLiteral("%1[%2]").arg(where).arg(i), &p))
                return false;
            *out << p;
        }
        return true;
    }
    template <std::size_t N>
    bool key(const QJsonValue &v, const QString &where, const char *const (&keys)[N], int *out)
    {
        *out = v.isString() ? keyIndex(keys, v.toString()) : -1;
        if (*out < 0)
            return fail(where, QStringLiteral("wants one of %1").arg(keyList(keys)));
        return true;
    }
    // A key or null (-1).
    template <std::size_t N>
    bool optionalKey(
        const QJsonValue &v, const QString &where, const char *const (&keys)[N], int *out)
    {
        if (v.isNull() || v.isUndefined()) {
            *out = -1;
            return true;
        }
        return key(v, where, keys, out);
    }

private:
    QString m_file;
    QString *m_error;
};

bool readDesk(const QJsonObject &root, Reader &r, DemoTables *t)
{
    QJsonArray groups;
    if (!r.array(root.value(QStringLiteral("groups")), QStringLiteral("groups"), &groups))
        return false;
    t->groups.resize(kGroupKeyCount);
    QList<bool> seen(kGroupKeyCount, false);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QString where = QStringLiteral("groups[%1]").arg(i);
        QJsonObject o;
        int key = -1;
        GroupSpec g;
        if (!r.object(groups.at(i), where, &o)
            || !r.key(
                o.value(QStringLiteral("key")), where + QStringLiteral(".key"), kGroupKeys, &key)
            || !r.text(o.value(QStringLiteral("name")), where + QStringLiteral(".name"), &g.name)
            || !r.integer(
                o.value(QStringLiteral("tier")), where + QStringLiteral(".tier"), &g.tier, 0, 4)
            || !r.text(o.value(QStringLiteral("description")),
                where + QStringLiteral(".description"), &g.description))
            return false;
        if (seen[key])
            return r.fail(where + QStringLiteral(".key"),
                QStringLiteral("%1 is there twice").arg(QLatin1String(kGroupKeys[key])));
        seen[key] = true;
        t->groups[key] = g;
    }
    if (groups.size() != kGroupKeyCount)
        return r.fail(QStringLiteral("groups"),
            QStringLiteral("wants one group for each of %1").arg(keyList(kGroupKeys)));

    if (!r.text(root.value(QStringLiteral("staffDomain")), QStringLiteral("staffDomain"),
            &t->staffDomain))
        return false;

    QJsonArray agents;
    if (!r.array(root.value(QStringLiteral("agents")), QStringLiteral("agents"), &agents,
            12)) // the default desk has twelve named agents
        return false;
    for (qsizetype i = 0; i < agents.size(); ++i) {
        const QString where = QStringLiteral("agents[%1]").arg(i);
        QJsonObject o;
        QJsonArray memberOf;
        AgentSpec a;
        if (!r.object(agents.at(i), where, &o)
            || !r.text(o.value(QStringLiteral("login")), where + QStringLiteral(".login"), &a.login)
            || !r.text(o.value(QStringLiteral("name")), where + QStringLiteral(".name"), &a.name)
            || !r.boolean(o.value(QStringLiteral("lead")), where + QStringLiteral(".lead"), &a.lead)
            || !r.array(
                o.value(QStringLiteral("groups")), where + QStringLiteral(".groups"), &memberOf)
            || !r.key(memberOf.at(0), where + QStringLiteral(".groups[0]"), kGroupKeys, &a.group1))
            return false;
        if (memberOf.size() > 2)
            return r.fail(
                where + QStringLiteral(".groups"), QStringLiteral("wants one or two groups"));
        if (memberOf.size() == 2
            && !r.key(memberOf.at(1), where + QStringLiteral(".groups[1]"), kGroupKeys, &a.group2))
            return false;
        t->namedAgents << a;
    }

    QJsonArray categories;
    if (!r.array(
            root.value(QStringLiteral("categories")), QStringLiteral("categories"), &categories))
        return false;
    if (categories.size() != kCategoryKeyCount)
        return r.fail(QStringLiteral("categories"),
            QStringLiteral("wants one entry for each of %1").arg(keyList(kCategoryKeys)));
    for (qsizetype i = 0; i < categories.size(); ++i) {
        const QString where = QStringLiteral("categories[%1]").arg(i);
        QJsonObject o;
        QJsonArray escalation;
        int key = -1;
        CategorySpec c;
        if (!r.object(categories.at(i), where, &o)
            || !r.key(
                o.value(QStringLiteral("key")), where + QStringLiteral(".key"), kCategoryKeys, &key)
            || !r.text(o.value(QStringLiteral("name")), where + QStringLiteral(".name"), &c.name)
            || !r.optionalKey(o.value(QStringLiteral("parent")), where + QStringLiteral(".parent"),
                kCategoryKeys, &c.parent)
            || !r.array(o.value(QStringLiteral("escalation")),
                where + QStringLiteral(".escalation"), &escalation, 0))
            return false;
        // Parents come before their children, in the order of the keys.
        if (key != i)
            return r.fail(where + QStringLiteral(".key"),
                QStringLiteral("wants %1 here (the entries go in the order %2)")
                    .arg(QLatin1String(kCategoryKeys[i]), keyList(kCategoryKeys)));
        if (c.parent >= i)
            return r.fail(where + QStringLiteral(".parent"),
                QStringLiteral("a parent comes before its children"));
        if (escalation.size() > 2)
            return r.fail(
                where + QStringLiteral(".escalation"), QStringLiteral("wants at most two groups"));
        if ((escalation.size() > 0
                && !r.key(escalation.at(0), where + QStringLiteral(".escalation[0]"), kGroupKeys,
                    &c.escalation1))
            || (escalation.size() > 1
                && !r.key(escalation.at(1), where + QStringLiteral(".escalation[1]"), kGroupKeys,
                    &c.escalation2)))
            return false;
        t->categories << c;
    }

    QJsonArray countries;
    if (!r.array(root.value(QStringLiteral("countries")), QStringLiteral("countries"), &countries))
        return false;
    if (countries.size() != kCountryCount)
        return r.fail(QStringLiteral("countries"),
            QStringLiteral("wants one entry for each of %1").arg(keyList(kCountryKeys)));
    for (qsizetype i = 0; i < countries.size(); ++i) {
        const QString where = QStringLiteral("countries[%1]").arg(i);
        QJsonObject o;
        int key = -1;
        CountrySpec c;
        if (!r.object(countries.at(i), where, &o)
            || !r.key(
                o.value(QStringLiteral("key")), where + QStringLiteral(".key"), kCountryKeys, &key)
            || !r.text(o.value(QStringLiteral("language")), where + QStringLiteral(".language"),
                &c.language)
            || !r.integer(o.value(QStringLiteral("utcOffsetHours")),
                where + QStringLiteral(".utcOffsetHours"), &c.utcOffsetHours, -12, 14)
            || !r.texts(
                o.value(QStringLiteral("offices")), where + QStringLiteral(".offices"), &c.offices)
            || !r.text(o.value(QStringLiteral("phoneFormat")),
                where + QStringLiteral(".phoneFormat"), &c.phoneFormat))
            return false;
        if (key != i)
            return r.fail(where + QStringLiteral(".key"),
                QStringLiteral("wants %1 here (the entries go in the order %2)")
                    .arg(QLatin1String(kCountryKeys[i]), keyList(kCountryKeys)));
        if (c.language != QLatin1String("es") && c.language != QLatin1String("en"))
            return r.fail(where + QStringLiteral(".language"), QStringLiteral("wants es or en"));
        if (c.offices.size() != 4)
            return r.fail(where + QStringLiteral(".offices"), QStringLiteral("wants four offices"));
        t->countries << c;
    }

    QJsonArray organisations;
    if (!r.array(root.value(QStringLiteral("organisations")), QStringLiteral("organisations"),
            &organisations))
        return false;
    for (qsizetype i = 0; i < organisations.size(); ++i) {
        const QString where = QStringLiteral("organisations[%1]").arg(i);
        QJsonObject o;
        int country = -1;
        OrgSpec org;
        if (!r.object(organisations.at(i), where, &o)
            || !r.text(o.value(QStringLiteral("name")), where + QStringLiteral(".name"), &org.name)
            || !r.text(
                o.value(QStringLiteral("domain")), where + QStringLiteral(".domain"), &org.domain)
            || !r.key(o.value(QStringLiteral("country")), where + QStringLiteral(".country"),
                kCountryKeys, &country)
            || !r.integer(o.value(QStringLiteral("size")), where + QStringLiteral(".size"),
                &org.size, 1, 100))
            return false;
        org.country = Country(country);
        t->organisations << org;
    }
    return true;
}

bool readPeople(const QJsonObject &root, Reader &r, DemoTables *t)
{
    QJsonObject es, en;
    return r.object(root.value(QStringLiteral("spanish")), QStringLiteral("spanish"), &es)
        && r.texts(
            es.value(QStringLiteral("women")), QStringLiteral("spanish.women"), &t->spanishWomen)
        && r.texts(es.value(QStringLiteral("men")), QStringLiteral("spanish.men"), &t->spanishMen)
        && r.texts(es.value(QStringLiteral("surnames")), QStringLiteral("spanish.surnames"),
            &t->spanishSurnames)
        && (t->spanishSurnames.size() >= 2
            || r.fail(
                QStringLiteral("spanish.surnames"), QStringLiteral("wants two surnames at least")))
        && r.object(root.value(QStringLiteral("english")), QStringLiteral("english"), &en)
        && r.texts(
            en.value(QStringLiteral("women")), QStringLiteral("english.women"), &t->englishWomen)
        && r.texts(en.value(QStringLiteral("men")), QStringLiteral("english.men"), &t->englishMen)
        && r.texts(en.value(QStringLiteral("surnames")), QStringLiteral("english.surnames"),
            &t->englishSurnames);
}

bool readWords(const QJsonObject &root, Reader &r, DemoTables *t)
{
    return r.pairs(root.value(QStringLiteral("floors")), QStringLiteral("floors"), &t->floors)
        && r.pairs(root.value(QStringLiteral("departments")), QStringLiteral("departments"),
            &t->departments)
        && r.texts(root.value(QStringLiteral("apps")), QStringLiteral("apps"), &t->apps)
        && r.pairs(root.value(QStringLiteral("devices")), QStringLiteral("devices"), &t->devices)
        && r.texts(root.value(QStringLiteral("printers")), QStringLiteral("printers"), &t->printers)
        && r.texts(root.value(QStringLiteral("mobiles")), QStringLiteral("mobiles"), &t->mobiles)
        && r.pairs(root.value(QStringLiteral("when")), QStringLiteral("when"), &t->when)
        && r.texts(root.value(QStringLiteral("vendors")), QStringLiteral("vendors"), &t->vendors);
}

bool readTickets(const QJsonObject &root, Reader &r, DemoTables *t)
{
    QJsonArray templates;
    if (!r.array(root.value(QStringLiteral("templates")), QStringLiteral("templates"), &templates))
        return false;
    for (qsizetype i = 0; i < templates.size(); ++i) {
        const QString where = QStringLiteral("templates[%1]").arg(i);
        QJsonObject o;
        int category = -1;
        QString weight;
        TicketTemplate tpl;
        if (!r.object(templates.at(i), where, &o)
            || !r.key(o.value(QStringLiteral("category")), where + QStringLiteral(".category"),
                kCategoryKeys, &category)
            || !r.boolean(o.value(QStringLiteral("request")), where + QStringLiteral(".request"),
                &tpl.request)
            || !r.text(
                o.value(QStringLiteral("weight")), where + QStringLiteral(".weight"), &weight)
            || !r.pair(o.value(QStringLiteral("subject")), where + QStringLiteral(".subject"),
                &tpl.subject)
            || !r.pair(o.value(QStringLiteral("description")),
                where + QStringLiteral(".description"), &tpl.description))
            return false;
        if (weight != QLatin1String("H") && weight != QLatin1String("M")
            && weight != QLatin1String("L"))
            return r.fail(where + QStringLiteral(".weight"), QStringLiteral("wants H, M or L"));
        tpl.category = CategoryKey(category);
        tpl.weight = weight.at(0).toLatin1();
        t->ticketTemplates << tpl;
    }

    QJsonObject texts;
    if (!r.object(
            root.value(QStringLiteral("categoryTexts")), QStringLiteral("categoryTexts"), &texts))
        return false;
    for (const char *key : kCategoryKeys) {
        const QString where = QStringLiteral("categoryTexts.") + QLatin1String(key);
        QJsonObject o;
        QList<Pair> fixes, notes;
        if (!texts.contains(QLatin1String(key)))
            return r.fail(where, QStringLiteral("missing: every category has its texts"));
        if (!r.object(texts.value(QLatin1String(key)), where, &o)
            || !r.pairs(o.value(QStringLiteral("fixes")), where + QStringLiteral(".fixes"), &fixes)
            || !r.pairs(o.value(QStringLiteral("notes")), where + QStringLiteral(".notes"), &notes))
            return false;
        if (fixes.size() != 2 || notes.size() != 2)
            return r.fail(where, QStringLiteral("wants two fixes and two notes"));
        t->categoryTexts << CategoryTexts { { fixes.at(0), fixes.at(1) },
            { notes.at(0), notes.at(1) } };
    }

    QJsonObject replies;
    if (!r.object(root.value(QStringLiteral("replies")), QStringLiteral("replies"), &replies))
        return false;
    const std::pair<const char *, QList<Pair> *> lists[]
        = { { "acknowledgements", &t->acknowledgements }, { "questions", &t->questions },
              { "customerAnswered", &t->customerAnswered }, { "progress", &t->progress },
              { "thirdParty", &t->thirdParty }, { "vendorAnswered", &t->vendorAnswered },
              { "escalations", &t->escalations }, { "resolutions", &t->resolutions },
              { "reopenings", &t->reopenings }, { "greetings", &t->greetings },
              { "closings", &t->closings } };
    for (const auto &[name, list] : lists) {
        if (!r.pairs(replies.value(QLatin1String(name)),
                QStringLiteral("replies.") + QLatin1String(name), list))
            return false;
    }
    return true;
}

// The placeholders an article kind's texts may use; any other {word} is a mistake.
bool knownPlaceholders(const Pair &p, const QString &where, Reader &r)
{
    static const QStringList known { QStringLiteral("title"), QStringLiteral("name"),
        QStringLiteral("action"), QStringLiteral("symptom"), QStringLiteral("cause"),
        QStringLiteral("Symptom"), QStringLiteral("Cause"), QStringLiteral("group"),
        QStringLiteral("steps"), QStringLiteral("checklist"), QStringLiteral("stepsInline"),
        QStringLiteral("code") };
    for (const QString &text : { p.es, p.en }) {
        for (qsizetype open = text.indexOf(QLatin1Char('{')); open >= 0;
             open = text.indexOf(QLatin1Char('{'), open + 1)) {
            const qsizetype close = text.indexOf(QLatin1Char('}'), open);
            const QString key = close < 0 ? QString() : text.mid(open + 1, close - open - 1);
            if (!known.contains(key))
                return r.fail(where,
                    QStringLiteral("{%1} is not a placeholder; known: %2")
                        .arg(key, known.join(QStringLiteral(", "))));
        }
    }
    return true;
}

bool readKb(const QJsonObject &root, Reader &r, DemoTables *t)
{
    QJsonArray kinds;
    if (!r.array(
            root.value(QStringLiteral("articleKinds")), QStringLiteral("articleKinds"), &kinds))
        return false;
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        const QString where = QStringLiteral("articleKinds[%1]").arg(i);
        QJsonObject o;
        QString audience;
        QJsonArray body;
        KbArticleKind k;
        if (!r.object(kinds.at(i), where, &o)
            || !r.pair(o.value(QStringLiteral("title")), where + QStringLiteral(".title"), &k.title)
            || !knownPlaceholders(k.title, where + QStringLiteral(".title"), r)
            || !r.text(
                o.value(QStringLiteral("audience")), where + QStringLiteral(".audience"), &audience)
            || !r.array(o.value(QStringLiteral("body")), where + QStringLiteral(".body"), &body))
            return false;
        if (audience != QLatin1String("public") && audience != QLatin1String("agent"))
            return r.fail(
                where + QStringLiteral(".audience"), QStringLiteral("wants public or agent"));
        k.forAgents = audience == QLatin1String("agent");
        for (qsizetype j = 0; j < body.size(); ++j) {
            const QString at = QStringLiteral("%1.body[%2]").arg(where).arg(j);
            KbArticleKind::Part part;
            if (!r.pair(body.at(j), at, &part.text) || !knownPlaceholders(part.text, at, r))
                return false;
            const QJsonValue when = body.at(j).toObject().value(QStringLiteral("when"));
            if (!when.isUndefined()) {
                part.when = when.toString();
                if (part.when != QLatin1String("code") && part.when != QLatin1String("log"))
                    return r.fail(
                        at + QStringLiteral(".when"), QStringLiteral("wants code or log"));
            }
            k.body << part;
        }
        t->kbArticleKinds << k;
    }

    QJsonArray topics;
    if (!r.array(root.value(QStringLiteral("topics")), QStringLiteral("topics"), &topics))
        return false;
    for (qsizetype i = 0; i < topics.size(); ++i) {
        const QString where = QStringLiteral("topics[%1]").arg(i);
        QJsonObject o;
        int category = -1;
        KbTopic k;
        if (!r.object(topics.at(i), where, &o)
            || !r.key(o.value(QStringLiteral("category")), where + QStringLiteral(".category"),
                kCategoryKeys, &category)
            || !r.pair(o.value(QStringLiteral("name")), where + QStringLiteral(".name"), &k.name)
            || !r.pair(
                o.value(QStringLiteral("action")), where + QStringLiteral(".action"), &k.action)
            || !r.pair(
                o.value(QStringLiteral("symptom")), where + QStringLiteral(".symptom"), &k.symptom)
            || !r.pair(o.value(QStringLiteral("cause")), where + QStringLiteral(".cause"), &k.cause)
            || !r.pair(o.value(QStringLiteral("steps")), where + QStringLiteral(".steps"), &k.steps)
            || !r.pair(o.value(QStringLiteral("keywords")), where + QStringLiteral(".keywords"),
                &k.keywords))
            return false;
        k.category = CategoryKey(category);
        if (o.contains(QStringLiteral("code")) || o.contains(QStringLiteral("codeLanguage"))) {
            if (!r.text(o.value(QStringLiteral("codeLanguage")),
                    where + QStringLiteral(".codeLanguage"), &k.codeLanguage)
                || !r.text(
                    o.value(QStringLiteral("code")), where + QStringLiteral(".code"), &k.code))
                return false;
        }
        t->kbTopics << k;
    }
    return true;
}

bool readCanned(const QJsonObject &root, Reader &r, DemoTables *t)
{
    QJsonArray responses;
    if (!r.array(root.value(QStringLiteral("responses")), QStringLiteral("responses"), &responses))
        return false;
    for (qsizetype i = 0; i < responses.size(); ++i) {
        const QString where = QStringLiteral("responses[%1]").arg(i);
        QJsonObject o;
        CannedSpec c;
        if (!r.object(responses.at(i), where, &o)
            || !r.pair(o.value(QStringLiteral("title")), where + QStringLiteral(".title"), &c.title)
            || !r.pair(o.value(QStringLiteral("body")), where + QStringLiteral(".body"), &c.body)
            || !r.pair(o.value(QStringLiteral("keywords")), where + QStringLiteral(".keywords"),
                &c.keywords)
            || !r.optionalKey(o.value(QStringLiteral("group")), where + QStringLiteral(".group"),
                kGroupKeys, &c.group))
            return false;
        t->canned << c;
    }
    return true;
}

} // namespace

const QStringList &DemoTables::fileNames()
{
    static const QStringList names { QStringLiteral("desk.json"), QStringLiteral("people.json"),
        QStringLiteral("words.json"), QStringLiteral("tickets.json"), QStringLiteral("kb.json"),
        QStringLiteral("canned.json") };
    return names;
}

std::optional<DemoTables> DemoTables::parse(const QHash<QString, QByteArray> &files, QString *error)
{
    using ReadFile = bool (*)(const QJsonObject &, Reader &, DemoTables *);
    const ReadFile readers[] = { readDesk, readPeople, readWords, readTickets, readKb, readCanned };
    DemoTables t;
    for (int i = 0; i < int(std::size(readers)); ++i) {
        const QString &name = fileNames().at(i);
        if (!files.contains(name)) {
            *error = QStringLiteral("demo data %1: missing").arg(name);
            return std::nullopt;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(files.value(name), &pe);
        if (pe.error != QJsonParseError::NoError) {
            *error = QStringLiteral("demo data %1: not JSON at offset %2: %3")
                         .arg(name)
                         .arg(pe.offset)
                         .arg(pe.errorString());
            return std::nullopt;
        }
        if (!doc.isObject()) {
            *error = QStringLiteral("demo data %1: wants a JSON object").arg(name);
            return std::nullopt;
        }
        Reader reader(name, error);
        if (!readers[i](doc.object(), reader, &t))
            return std::nullopt;
    }
    return t;
}

QStringList DemoTables::demoFileNames()
{
    return { QStringLiteral("sap-logon-error.png"), QStringLiteral("outlook-crash.png"),
        QStringLiteral("workstation-diagnostics.log"), QStringLiteral("role-approval.pdf") };
}

QByteArray DemoTables::demoFile(const QString &name)
{
    if (!demoFileNames().contains(name))
        return QByteArray();
    QFile f(QStringLiteral(":/atiende/demo/files/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const DemoTables *DemoTables::builtIn(QString *error)
{
    static const auto loaded = [] {
        std::pair<std::optional<DemoTables>, QString> out;
        QHash<QString, QByteArray> files;
        for (const QString &name : fileNames()) {
            QFile f(QStringLiteral(":/atiende/demo/") + name);
            if (f.open(QIODevice::ReadOnly))
                files.insert(name, f.readAll());
        }
        out.first = parse(files, &out.second);
        return out;
    }();
    if (!loaded.first) {
        *error = loaded.second;
        return nullptr;
    }
    return &*loaded.first;
}

} // namespace Atiende::Server::Demo
