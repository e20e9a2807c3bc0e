#include "demodata.h"
#include "demotables.h"

#include "server/admin/setup.h"
#include "server/files/blobstore.h"
#include "server/store/attachmentstore.h"

#include "server/store/store.h"

#include "core/domain/ticketlifecycle.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace Atiende::Server {

namespace {

// The raw material of the desk (groups, agents, catalog, organisations, names, texts, KB topics,
// canned responses) is data: server/demo/data/*.json, read and checked by DemoTables.
using namespace Atiende::Server::Demo;

// Groups: the first four are made by default; a smaller or larger desk folds the missing ones
// onto an existing group. Where a group's work goes when the desk is too small to have that
// group; without a workplace team the Service Desk does deskside support itself.
constexpr int kMaxGroups = kGroupKeyCount;
constexpr int kMinGroups = 3;
constexpr int kGroupFallback[kMaxGroups] = { 0, 0, 1, 2, 0, 3 };

// The built-in tables; DemoData::generate has made sure they load before any of this runs.
const DemoTables &tables()
{
    QString error;
    return *DemoTables::builtIn(&error);
}

// ---------------------------------------------------------------------------------------------
// Small tools.

using namespace Atiende::Core;

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr int kMaxArticlesPerTicket = 8;
constexpr int kBacklogDays = 21;

const QString &inLanguage(const Pair &p, bool es)
{
    return es ? p.es : p.en;
}
QString capitalised(const QString &s)
{
    return s.isEmpty() ? s : s.at(0).toUpper() + s.mid(1);
}

// "María José" -> "mariajose", "O'Brien" -> "obrien": logins and e-mail addresses stay ASCII.
QString asciiFold(const QString &s)
{
    const QString decomposed = s.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

// Every random choice goes through here, so one seed gives one desk.
class Dice
{
public:
    explicit Dice(quint32 seed)
        : m_rng(seed)
    {
    }
    int below(int n) { return n <= 1 ? 0 : int(m_rng.bounded(quint32(n))); }
    double unit() { return m_rng.generateDouble(); }
    bool chance(double p) { return unit() < p; }
    qint64 between(qint64 lo, qint64 hi)
    {
        return hi <= lo ? lo : lo + qint64(unit() * double(hi - lo));
    }
    // Log-uniform: waiting times spread over orders of magnitude, mostly short.
    qint64 wait(qint64 lo, qint64 hi)
    {
        return qint64(double(lo) * std::pow(double(hi) / double(lo), unit()));
    }
    template <typename T> const T &pick(const QList<T> &items)
    {
        return items[below(int(items.size()))];
    }
    template <typename T, std::size_t N> const T &pick(const T (&items)[N])
    {
        return items[below(int(N))];
    }
    int weighted(std::initializer_list<double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = unit() * total;
        int i = 0;
        for (double w : weights) {
            if (x < w)
                return i;
            x -= w;
            ++i;
        }
        return i - 1;
    }

private:
    QRandomGenerator m_rng;
};

// The values of one ticket's {placeholders}, already in the ticket's language.
struct Words
{
    QString office, floor, dept, app, device, printer, mobile, when, person, personF, n;
    QString name, agent, group, vendor, ref, fix;
};

QString fill(const QString &pattern, const Words &w)
{
    struct Key
    {
        QStringView name;
        QString Words::*field;
    };
    static const Key keys[] = {
        { u"office", &Words::office },
        { u"floor", &Words::floor },
        { u"dept", &Words::dept },
        { u"app", &Words::app },
        { u"device", &Words::device },
        { u"printer", &Words::printer },
        { u"mobile", &Words::mobile },
        { u"when", &Words::when },
        { u"person", &Words::person },
        { u"personF", &Words::personF },
        { u"n", &Words::n },
        { u"name", &Words::name },
        { u"agent", &Words::agent },
        { u"group", &Words::group },
        { u"vendor", &Words::vendor },
        { u"ref", &Words::ref },
        { u"fix", &Words::fix },
    };
    QString out;
    out.reserve(pattern.size() + 64);
    const QStringView p(pattern);
    qsizetype i = 0;
    while (i < p.size()) {
        const qsizetype open = p.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : p.indexOf(QLatin1Char('}'), open);
        if (close < 0) {
            out += p.mid(i);
            break;
        }
        out += p.mid(i, open - i);
        const QStringView key = p.mid(open + 1, close - open - 1);
        bool known = false;
        for (const Key &k : keys) {
            if (k.name == key) {
                out += w.*(k.field);
                known = true;
                break;
            }
        }
        if (!known) // not ours: keep it as written
            out += p.mid(open, close - open + 1);
        i = close + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Knowledge base articles: one topic told through one of the kinds of article in kb.json.

QString numberedSteps(const QString &steps)
{
    const QStringList lines = steps.split(QLatin1Char('\n'));
    QString out;
    for (int i = 0; i < lines.size(); ++i)
        out += QStringLiteral("%1. %2\n").arg(i + 1).arg(lines.at(i));
    return out;
}

QString bulletSteps(const QString &steps, const QString &bullet)
{
    QString out;
    for (const QString &line : steps.split(QLatin1Char('\n')))
        out += bullet + line + QLatin1Char('\n');
    return out;
}

QString codeBlock(const KbTopic &t)
{
    return QStringLiteral("```%1\n%2\n```\n").arg(t.codeLanguage, t.code);
}

struct KbText
{
    QString title;
    QString body;
    Audience audience;
};

// {key} of an article kind's text replaced by its value, in one pass (values are not read again).
QString fillKb(const QString &pattern, const QHash<QString, QString> &values)
{
    QString out;
    qsizetype i = 0;
    while (i < pattern.size()) {
        const qsizetype open = pattern.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : pattern.indexOf(QLatin1Char('}'), open);
        if (close < 0) {
            out += QStringView(pattern).mid(i);
            break;
        }
        out += QStringView(pattern).mid(i, open - i);
        const QString key = pattern.mid(open + 1, close - open - 1);
        const auto it = values.constFind(key);
        out += it == values.constEnd() ? QStringView(pattern).mid(open, close - open + 1)
                                       : QStringView(*it);
        i = close + 1;
    }
    return out;
}

KbText kbText(const KbTopic &t, int kind, bool es, const QString &escalationGroup)
{
    const KbArticleKind &k = tables().kbArticleKinds.at(kind);
    const QString symptom = inLanguage(t.symptom, es);
    const QString cause = inLanguage(t.cause, es);
    const QString steps = inLanguage(t.steps, es);
    const bool hasCode = !t.code.isEmpty();
    const bool isLog = hasCode && t.codeLanguage == QLatin1String("text");
    QHash<QString, QString> values {
        { QStringLiteral("name"), inLanguage(t.name, es) },
        { QStringLiteral("action"), inLanguage(t.action, es) },
        { QStringLiteral("symptom"), symptom },
        { QStringLiteral("cause"), cause },
        { QStringLiteral("Symptom"), capitalised(symptom) },
        { QStringLiteral("Cause"), capitalised(cause) },
        { QStringLiteral("group"), escalationGroup },
        { QStringLiteral("steps"), numberedSteps(steps) },
        { QStringLiteral("checklist"), bulletSteps(steps, QStringLiteral("- [ ] ")) },
        { QStringLiteral("stepsInline"),
            steps.split(QLatin1Char('\n')).join(QStringLiteral(" → ")) },
        { QStringLiteral("code"), hasCode ? codeBlock(t) : QString() },
    };
    KbText out;
    out.title = fillKb(inLanguage(k.title, es), values);
    values.insert(QStringLiteral("title"), out.title);
    out.audience = k.forAgents ? Audience::Agent : Audience::Public;
    for (const KbArticleKind::Part &part : k.body) {
        if (part.when.isEmpty() || (part.when == QLatin1String("code") && hasCode)
            || (part.when == QLatin1String("log") && isLog))
            out.body += fillKb(inLanguage(part.text, es), values);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The generator: builds the desk through the store's own operations, inside the caller's
// transaction, so every business rule of a real desk applies to the demo one too.

struct AgentInfo
{
    Agent agent;
    Caller caller;
    double weight = 1; // share of the queue they pick up
};

struct OrganisationInfo
{
    qint64 id = 0;
    Country country = Spain;
    QString name;
    QString domain;
    int size = 1;
};

struct CustomerInfo
{
    qint64 id = 0;
    QString firstName;
    QString fullName;
    QString organisation; // empty for a private customer
    Country country = Spain;
    int office = 0;
    bool spanish = true;
};

// One ticket before it exists: who asks, about what, when, and where its story stops.
struct TicketPlan
{
    qint64 createdAt = 0;
    int drawn = 0; // the order it was drawn in, to sort stably
    int customer = 0;
    int templateIndex = 0;
    TicketStatus stop = TicketStatus::Closed;
    bool early = false; // stop the first time the ticket reaches stop, not the last
};

enum class Act { Create, Assign, AssignAndStart, SetStatus, Escalate, Reply, Note };

// One thing that happens to a ticket, delay after the one before.
struct Step
{
    Act act = Act::Note;
    qint64 delay = 0;
    int actor = -1; // index in m_agents
    int assignee = -1; // Create, Assign, AssignAndStart, Escalate; -1: nobody
    int group = -1; // Escalate: index in m_groupIds
    TicketStatus status = TicketStatus::New; // SetStatus
    QString body; // Reply, Note
    QStringList files; // Create, Reply, Note: demo files it carries (data/files)
    TicketStatus after = TicketStatus::New; // the status once the step is done
};

class Generator
{
public:
    Generator(Store &store, const DemoData::Options &options)
        : m_store(store)
        , m_options(options)
        , m_dice(options.seed)
        , m_now(options.now > 0 ? options.now : QDateTime::currentMSecsSinceEpoch())
    {
    }

    bool checkStore(QString *error);
    bool run(QString *error);
    QString summary(qint64 elapsedMs) const;

private:
    bool fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
        return false;
    }
    int groupIndex(int key) const;
    int escalationGroup(CategoryKey category, int level) const;
    int pickMember(int group, int avoid = -1);
    QString personName(bool spanish, bool woman);

    bool makeGroups();
    bool makeAgents();
    bool makeCategories();
    bool makeSla();
    bool makeOrganisations();
    bool makeCustomers();
    bool makeKnowledgeBase();
    bool makeCannedResponses();
    bool makeTickets();
    QList<TicketPlan> planTickets();
    qint64 drawCreationTime(const CustomerInfo &customer, qint64 start);
    void chooseStops(QList<TicketPlan> &plans);
    QList<Step> script(const TicketPlan &plan, Words &w, NewTicket &ticket);
    bool play(const TicketPlan &plan, const NewTicket &ticket, const QList<Step> &steps);
    // Finished uploads of the caller for these demo files, as an agent's console would have
    // made them, each file's bytes stored once; their ids for the article that carries them.
    bool uploadsFor(const QStringList &files, const Caller &caller, qint64 at, QStringList *ids);

    Store &m_store;
    DemoData::Options m_options;
    Dice m_dice;
    qint64 m_now;
    QString *m_error = nullptr;

    int m_groupCount = 0;
    QList<qint64> m_groupIds; // by GroupKey, as far as the desk has groups
    QList<QList<int>> m_members; // agent indices per group index
    QList<AgentInfo> m_agents;
    bool m_adminExisted = false;
    QList<qint64> m_categoryIds; // by CategoryKey
    QList<OrganisationInfo> m_organisations;
    QList<CustomerInfo> m_customers;
    int m_kbArticles = 0;
    int m_cannedResponses = 0;
    int m_tickets = 0;
    int m_openTickets = 0;
    std::unique_ptr<BlobStore> m_blobs; // with Options::filesDirectory
    QHash<QString, FileRecord> m_demoFiles; // placed so far, by name
    int m_uploads = 0;
};

bool Generator::uploadsFor(
    const QStringList &files, const Caller &caller, qint64 at, QStringList *ids)
{
    ids->clear();
    if (m_options.filesDirectory.isEmpty() || files.isEmpty())
        return true;
    if (!m_blobs) {
        m_blobs = std::make_unique<BlobStore>(m_options.filesDirectory);
        QString error;
        if (!m_blobs->prepare(&error))
            return fail(QStringLiteral("could not prepare the files folder: %1").arg(error));
    }
    for (const QString &name : files) {
        auto placed = m_demoFiles.constFind(name);
        if (placed == m_demoFiles.constEnd()) {
            const QByteArray bytes = DemoTables::demoFile(name);
            if (bytes.isEmpty())
                return fail(QStringLiteral("the demo file %1 is missing").arg(name));
            FileRecord f;
            f.sha256 = QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            f.size = bytes.size();
            f.mediaType = QMimeDatabase().mimeTypeForData(bytes).name(); // as uploads are told
            f.createdAt = at;
            const QString part = m_blobs->partPathOf(QStringLiteral("demo-") + name);
            QFile out(part);
            QString error;
            if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || out.write(bytes) != bytes.size() || !out.flush()
                || !m_blobs->place(part, f.sha256, &error))
                return fail(QStringLiteral("could not store the demo file %1: %2")
                                .arg(name, error.isEmpty() ? out.errorString() : error));
            placed = m_demoFiles.insert(name, f);
        }
        UploadRecord u;
        u.id = QStringLiteral("demo-%1").arg(++m_uploads);
        u.agentId = caller.agentId;
        u.name = name;
        u.size = placed->size;
        u.sha256 = placed->sha256;
        u.createdAt = at;
        u.completedAt = at;
        u.expiresAt = at + kDay; // long past by now: the first collection forgets it
        if (!m_store.attachments().insertUpload(u)
            || !m_store.attachments().completeUpload(u.id, *placed, u.expiresAt))
            return fail(QStringLiteral("could not record the demo upload of %1: %2")
                            .arg(name, m_store.sql().lastError()));
        *ids << u.id;
    }
    return true;
}

int Generator::groupIndex(int key) const
{
    while (key >= m_groupCount)
        key = kGroupFallback[key];
    return key;
}

// The group that takes a category's escalations at a level (1 or 2); -1 if there is none
// with anybody in it, or if it would only send the ticket back to the first line.
int Generator::escalationGroup(CategoryKey category, int level) const
{
    const CategorySpec &c = tables().categories[category];
    const int key = level == 1 ? c.escalation1 : c.escalation2;
    if (key < 0)
        return -1;
    const int g = groupIndex(key);
    if (g == ServiceDesk || m_members.at(g).isEmpty())
        return -1;
    if (level == 2 && g == escalationGroup(category, 1))
        return -1;
    return g;
}

int Generator::pickMember(int group, int avoid)
{
    const QList<int> &members = m_members.at(group);
    double total = 0;
    for (int a : members)
        total += a == avoid && members.size() > 1 ? 0 : m_agents.at(a).weight;
    double x = m_dice.unit() * total;
    for (int a : members) {
        const double w = a == avoid && members.size() > 1 ? 0 : m_agents.at(a).weight;
        if (x < w)
            return a;
        x -= w;
    }
    return members.last();
}

QString Generator::personName(bool spanish, bool woman)
{
    if (spanish) {
        const int n = int(tables().spanishSurnames.size());
        const int s1 = m_dice.below(n);
        int s2 = m_dice.below(n - 1);
        if (s2 >= s1) // two different surnames
            ++s2;
        return (woman ? m_dice.pick(tables().spanishWomen) : m_dice.pick(tables().spanishMen))
            + QLatin1Char(' ') + tables().spanishSurnames[s1] + QLatin1Char(' ')
            + tables().spanishSurnames[s2];
    }
    return (woman ? m_dice.pick(tables().englishWomen) : m_dice.pick(tables().englishMen))
        + QLatin1Char(' ') + m_dice.pick(tables().englishSurnames);
}

// "María José García López" -> {"María José", "García"}: Spanish names end in two surnames.
std::pair<QString, QString> givenAndSurname(const QString &fullName, bool spanish)
{
    const int givenWords = int(fullName.count(QLatin1Char(' '))) - (spanish ? 1 : 0);
    return { fullName.section(QLatin1Char(' '), 0, givenWords - 1),
        fullName.section(QLatin1Char(' '), givenWords, givenWords) };
}

bool Generator::checkStore(QString *error)
{
    m_error = error;
    TicketFilter filter;
    filter.limit = 1;
    const OpResult existing = m_store.tickets().query(Caller { 0, Role::Admin, {} }, filter);
    if (!existing.ok)
        return fail(QStringLiteral("could not read the tickets: %1").arg(existing.error.message));
    if (existing.result.toObject().value(QStringLiteral("total")).toInteger() > 0)
        return fail(QStringLiteral("this database has tickets already; demo-data only fills a new "
                                   "or freshly initialised one"));
    QStringList logins { QStringLiteral("agent"), QStringLiteral("lead") };
    for (int i = 0; i < qMin(m_options.agents, int(std::size(tables().namedAgents))); ++i)
        logins << tables().namedAgents[i].login;
    for (const QString &login : std::as_const(logins)) {
        if (m_store.directory().credentials(login))
            return fail(QStringLiteral("there is already an agent called %1; demo-data only fills "
                                       "a new or freshly initialised "
                                       "database")
                            .arg(login));
    }
    return true;
}

bool Generator::run(QString *error)
{
    m_error = error;
    return makeGroups() && makeAgents() && makeCategories() && makeOrganisations()
        && makeCustomers() && makeKnowledgeBase() && makeCannedResponses() && makeSla()
        && makeTickets();
}

// Two office calendars (Madrid, Mexico City) and three policies: VIP customers first, then
// the Mexican organisations on their own hours, then everybody else. Made before the tickets,
// so every ticket's clocks run through its whole history.
bool Generator::makeSla()
{
    const Caller admin { 0, Core::Role::Admin, {} };
    auto week = [](QList<std::pair<const char *, QStringList>> days) {
        QJsonObject w;
        for (const auto &[day, spans] : days) {
            QJsonArray intervals;
            for (int i = 0; i + 1 < spans.size(); i += 2)
                intervals.append(QJsonArray { spans.at(i), spans.at(i + 1) });
            w.insert(QLatin1String(day), intervals);
        }
        return w;
    };
    const QStringList split { QStringLiteral("08:00"), QStringLiteral("14:00"),
        QStringLiteral("15:00"), QStringLiteral("18:00") };
    const QJsonObject madrid { { QStringLiteral("name"),
                                   QStringLiteral("Madrid (oficina central)") },
        { QStringLiteral("timeZone"), QStringLiteral("Europe/Madrid") },
        { QStringLiteral("week"),
            week({ { "mon", split }, { "tue", split }, { "wed", split }, { "thu", split },
                { "fri", { QStringLiteral("08:00"), QStringLiteral("15:00") } } }) },
        { QStringLiteral("holidays"),
            QJsonArray { QStringLiteral("2025-12-08"), QStringLiteral("2025-12-25"),
                QStringLiteral("2026-01-01"), QStringLiteral("2026-01-06"),
                QStringLiteral("2026-04-03"), QStringLiteral("2026-05-01"),
                QStringLiteral("2026-08-15"), QStringLiteral("2026-10-12"),
                QStringLiteral("2026-12-08"), QStringLiteral("2026-12-25") } } };
    const QStringList day { QStringLiteral("09:00"), QStringLiteral("18:00") };
    const QJsonObject mexico { { QStringLiteral("name"), QStringLiteral("Ciudad de México") },
        { QStringLiteral("timeZone"), QStringLiteral("America/Mexico_City") },
        { QStringLiteral("week"),
            week({ { "mon", day }, { "tue", day }, { "wed", day }, { "thu", day },
                { "fri", day } }) },
        { QStringLiteral("holidays"),
            QJsonArray { QStringLiteral("2025-12-25"), QStringLiteral("2026-01-01"),
                QStringLiteral("2026-02-02"), QStringLiteral("2026-03-16"),
                QStringLiteral("2026-05-01"), QStringLiteral("2026-09-16"),
                QStringLiteral("2026-11-16"), QStringLiteral("2026-12-25") } } };
    qint64 calendarIds[2] = { 0, 0 };
    int i = 0;
    for (const QJsonObject &cal : { madrid, mexico }) {
        const OpResult r = m_store.slaConfig().saveCalendar(admin, cal, m_now);
        if (!r.ok)
            return fail(QStringLiteral("calendar: ") + r.error.message);
        calendarIds[i++] = r.result.toObject()
                               .value(QStringLiteral("calendar"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toInteger();
    }
    auto targets = [](int p1, int p2, int p3, int p4, double resolutionFactor) {
        QJsonObject t;
        const int first[] = { p1, p2, p3, p4 };
        for (int p = 0; p < 4; ++p)
            t.insert(QStringLiteral("P%1").arg(p + 1),
                QJsonObject { { QStringLiteral("firstResponseMinutes"), first[p] },
                    { QStringLiteral("resolutionMinutes"), int(first[p] * resolutionFactor) } });
        return t;
    };
    QJsonArray vip, mexican;
    QList<OrganisationInfo> bySize = m_organisations;
    std::stable_sort(bySize.begin(), bySize.end(),
        [](const OrganisationInfo &a, const OrganisationInfo &b) { return a.size > b.size; });
    for (int k = 0; k < qMin(3, int(bySize.size())); ++k)
        vip.append(double(bySize.at(k).id));
    for (const OrganisationInfo &o : std::as_const(m_organisations)) {
        if (o.country == Mexico)
            mexican.append(double(o.id));
    }
    const QJsonObject policies[] = {
        { { QStringLiteral("name"), QStringLiteral("VIP") },
            { QStringLiteral("calendarId"), double(calendarIds[0]) },
            { QStringLiteral("order"), 10 }, { QStringLiteral("organisationIds"), vip },
            { QStringLiteral("targets"), targets(15, 30, 120, 240, 6) } },
        { { QStringLiteral("name"), QStringLiteral("México") },
            { QStringLiteral("calendarId"), double(calendarIds[1]) },
            { QStringLiteral("order"), 50 }, { QStringLiteral("organisationIds"), mexican },
            { QStringLiteral("targets"), targets(30, 60, 240, 480, 8) } },
        { { QStringLiteral("name"), QStringLiteral("Estándar") },
            { QStringLiteral("calendarId"), double(calendarIds[0]) },
            { QStringLiteral("order"), 100 },
            { QStringLiteral("targets"), targets(30, 60, 240, 480, 8) } },
    };
    for (const QJsonObject &policy : policies) {
        if (policy.value(QStringLiteral("organisationIds")).toArray().isEmpty()
            && policy.contains(QStringLiteral("organisationIds")))
            continue; // a small desk without such organisations
        const OpResult r = m_store.slaConfig().savePolicy(admin, policy, m_now);
        if (!r.ok)
            return fail(QStringLiteral("SLA policy: ") + r.error.message);
    }
    return true;
}

QString Generator::summary(qint64 elapsedMs) const
{
    const QString who = m_adminExisted
        ? QStringLiteral("agent, lead: password demo; admin kept its password")
        : QStringLiteral("agent, lead, admin: password demo");
    return QStringLiteral("demo data: %1 groups, %2 agents (%3), %4 organisations, %5 customers, "
                          "%6 categories, %7 KB articles, "
                          "%8 canned responses, %9 tickets (%10 open) in %11 s")
        .arg(m_groupCount)
        .arg(m_agents.size())
        .arg(who)
        .arg(m_organisations.size())
        .arg(m_customers.size())
        .arg(m_categoryIds.size())
        .arg(m_kbArticles)
        .arg(m_cannedResponses)
        .arg(m_tickets)
        .arg(m_openTickets)
        .arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
}

bool Generator::makeGroups()
{
    m_groupCount = qBound(kMinGroups, m_options.groups, kMaxGroups);
    // `atiended init` makes a "Service Desk"; the demo desk builds on it instead of doubling it.
    const QList<Group> existing = m_store.directory().groups();
    QList<Change> changes;
    for (int i = 0; i < m_groupCount; ++i) {
        const GroupSpec &spec = tables().groups[i];
        qint64 id = 0;
        for (const Group &g : existing) {
            if (g.name == spec.name)
                id = g.id;
        }
        if (!id)
            id = m_store.directory().createGroup(
                Group { 0, spec.name, spec.tier, spec.description, 0 }, &changes);
        if (!id)
            return fail(QStringLiteral("could not create the group %1: %2")
                            .arg(spec.name, m_store.sql().lastError()));
        m_groupIds << id;
    }
    m_members.resize(m_groupCount);
    return true;
}

bool Generator::makeAgents()
{
    Setup setup(m_store);
    const QString password = QStringLiteral("demo");
    auto add = [&](Agent a, double weight) {
        QString why;
        a.id = setup.addAgent(a, password, &why);
        if (!a.id)
            return fail(QStringLiteral("could not create the agent %1: %2").arg(a.login, why));
        m_agents << AgentInfo { a, m_store.directory().callerFor(a), weight };
        return true;
    };
    auto groupsOf = [&](std::initializer_list<int> keys) {
        QList<qint64> ids;
        for (int key : keys) {
            if (key >= 0 && !ids.contains(m_groupIds.at(groupIndex(key))))
                ids << m_groupIds.at(groupIndex(key));
        }
        return ids;
    };

    QSet<QString> logins;
    for (int i = 0; i < m_options.agents; ++i) {
        Agent a;
        if (i < int(std::size(tables().namedAgents))) {
            const AgentSpec &spec = tables().namedAgents[i];
            a.login = spec.login;
            a.name = spec.name;
            a.role = spec.lead ? Role::Lead : Role::Agent;
            a.groupIds = groupsOf({ spec.group1, spec.group2 });
        } else {
            // Beyond the named ones: names from the pools, spread over the groups.
            do {
                const bool spanish = m_dice.chance(0.6);
                const auto [given, surname]
                    = givenAndSurname(personName(spanish, m_dice.chance(0.5)), spanish);
                a.name = given + QLatin1Char(' ') + surname;
                a.login = asciiFold(given) + QLatin1Char('.') + asciiFold(surname);
            } while (logins.contains(a.login) || m_store.directory().credentials(a.login));
            a.groupIds = groupsOf({ i % m_groupCount, i % 3 == 0 ? (i + 1) % m_groupCount : -1 });
        }
        logins.insert(a.login);
        a.email = a.login + QLatin1Char('@') + tables().staffDomain;
        if (!add(a, a.role == Role::Lead ? 1.0 : 2.0))
            return false;
    }

    // The well-known demo users: agent only in the Service Desk (the conformance tests rely
    // on that), lead also in a second-line group, admin everywhere.
    Agent agent { 0, QStringLiteral("agent"), QStringLiteral("Demo Agent"),
        QStringLiteral("agent@atiende.example"), Role::Agent, groupsOf({ ServiceDesk }), true, 0 };
    Agent lead { 0, QStringLiteral("lead"), QStringLiteral("Demo Lead"),
        QStringLiteral("lead@atiende.example"), Role::Lead, groupsOf({ ServiceDesk, Network }),
        true, 0 };
    if (!add(agent, 3.0) || !add(lead, 1.0))
        return false;
    if (const auto existing = m_store.directory().credentials(QStringLiteral("admin"))) {
        // Made by `atiended init`: keep it (and its password) and let it take a little work.
        m_adminExisted = true;
        m_agents << AgentInfo { existing->agent, m_store.directory().callerFor(existing->agent),
            0.3 };
    } else {
        Agent admin { 0, QStringLiteral("admin"), QStringLiteral("Demo Admin"),
            QStringLiteral("admin@atiende.example"), Role::Admin, m_groupIds, true, 0 };
        if (!add(admin, 0.3))
            return false;
    }

    for (int a = 0; a < m_agents.size(); ++a) {
        for (int g = 0; g < m_groupCount; ++g) {
            if (m_agents.at(a).agent.active
                && m_agents.at(a).agent.groupIds.contains(m_groupIds.at(g)))
                m_members[g] << a;
        }
    }
    return true;
}

bool Generator::makeCategories()
{
    QList<Change> changes;
    for (const CategorySpec &spec : tables().categories) {
        const qint64 parent = spec.parent >= 0 ? m_categoryIds.at(spec.parent) : 0;
        const qint64 id
            = m_store.directory().createCategory(Category { 0, spec.name, parent, 0 }, &changes);
        if (!id)
            return fail(QStringLiteral("could not create the category %1: %2")
                            .arg(spec.name, m_store.sql().lastError()));
        m_categoryIds << id;
    }
    return true;
}

bool Generator::makeOrganisations()
{
    QList<Change> changes;
    for (int i = 0; i < m_options.organisations; ++i) {
        const OrgSpec &spec = tables().organisations[i % int(tables().organisations.size())];
        OrganisationInfo o;
        o.country = spec.country;
        o.size = spec.size;
        o.name = spec.name;
        o.domain = spec.domain;
        if (const int round = i / int(tables().organisations.size())) { // a bigger desk than the
                                                                        // table: sister companies
            o.name += QStringLiteral(" %1").arg(round + 1);
            o.domain = QStringLiteral("b%1.").arg(round + 1) + o.domain;
        }
        o.id = m_store.directory().createOrganisation(
            Organisation { 0, o.name, o.domain, 0 }, &changes);
        if (!o.id)
            return fail(QStringLiteral("could not create the organisation %1: %2")
                            .arg(o.name, m_store.sql().lastError()));
        m_organisations << o;
    }
    return true;
}

bool Generator::makeCustomers()
{
    int totalSize = 0;
    for (const OrganisationInfo &o : std::as_const(m_organisations))
        totalSize += o.size;
    QSet<QString> emails;
    QList<Change> changes;
    for (int i = 0; i < m_options.customers; ++i) {
        // Every organisation gets somebody; bigger ones get more. One in fifty is a private
        // person without an organisation.
        int org = -1;
        if (!m_organisations.isEmpty() && i % 50 != 49) {
            if (i < m_organisations.size()) {
                org = i;
            } else {
                int x = m_dice.below(totalSize);
                for (org = 0; x >= m_organisations.at(org).size; ++org)
                    x -= m_organisations.at(org).size;
            }
        }
        CustomerInfo c;
        c.country = org >= 0 ? m_organisations.at(org).country
                             : (m_dice.chance(0.6) ? Spain : UnitedKingdom);
        c.spanish = tables().countries[c.country].language == QLatin1String("es");
        if (m_dice.chance(0.06)) // expats: the desk answers people in their own language
            c.spanish = !c.spanish;
        c.fullName = personName(c.spanish, m_dice.chance(0.5));
        const auto [given, surname] = givenAndSurname(c.fullName, c.spanish);
        c.firstName = given;
        c.office = m_dice.below(4);
        if (org >= 0)
            c.organisation = m_organisations.at(org).name;

        const QString domain = org >= 0
            ? m_organisations.at(org).domain
            : (c.spanish ? QStringLiteral("correo.example") : QStringLiteral("mail.example"));
        const QString local = asciiFold(given) + QLatin1Char('.') + asciiFold(surname);
        QString email = local + QLatin1Char('@') + domain;
        for (int n = 2; emails.contains(email); ++n)
            email = local + QString::number(n) + QLatin1Char('@') + domain;
        emails.insert(email);

        QString phone = tables().countries[c.country].phoneFormat;
        for (QChar &ch : phone) {
            if (ch == QLatin1Char('#'))
                ch = QLatin1Char(char('0' + m_dice.below(10)));
        }
        Customer row { 0, c.fullName, email, phone, org >= 0 ? m_organisations.at(org).id : 0,
            c.spanish ? QStringLiteral("es") : QStringLiteral("en"), 0 };
        c.id = m_store.directory().createCustomer(row, &changes);
        if (!c.id)
            return fail(QStringLiteral("could not create the customer %1: %2")
                            .arg(c.fullName, m_store.sql().lastError()));
        m_customers << c;
    }
    return true;
}

bool Generator::makeKnowledgeBase()
{
    // Languages alternate and topics turn fastest, so even a small KB covers the catalog.
    QList<int> authors;
    for (int a = 0; a < m_agents.size(); ++a) {
        if (m_agents.at(a).agent.role != Role::Agent || m_dice.chance(0.7))
            authors << a;
    }
    if (authors.isEmpty())
        authors << 0;
    QList<Change> changes;
    const qint64 oldest = m_now - qint64(qMax(1, m_options.months) + 6) * 30 * kDay;
    for (int i = 0; i < m_options.kbArticles; ++i) {
        const bool es = i % 2 == 0;
        const KbTopic &topic = tables().kbTopics[(i / 2) % int(tables().kbTopics.size())];
        const int kind
            = (i / (2 * int(tables().kbTopics.size()))) % int(tables().kbArticleKinds.size());
        const int round
            = i / (2 * int(tables().kbTopics.size()) * int(tables().kbArticleKinds.size()));
        // Who second-line articles send tickets to: the category's own team or, where the
        // Service Desk does that work itself, the platform team.
        int escalation = groupIndex(tables().categories[topic.category].escalation1);
        if (escalation == ServiceDesk)
            escalation = groupIndex(Platform);
        KbText text = kbText(topic, kind, es, tables().groups[escalation].name);
        KbArticle a;
        a.title = round ? QStringLiteral("%1 (%2)").arg(text.title).arg(round + 1) : text.title;
        a.body = text.body;
        a.audience = text.audience;
        a.categoryId = m_categoryIds.at(topic.category);
        a.keywords = inLanguage(topic.keywords, es).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        a.language = es ? QStringLiteral("es") : QStringLiteral("en");
        a.authorId = m_agents.at(authors.at(m_dice.below(int(authors.size())))).agent.id;
        a.createdAt = m_dice.between(oldest, m_now - kDay);
        a.updatedAt = m_dice.chance(0.4) ? a.createdAt : m_dice.between(a.createdAt, m_now - kHour);
        if (!m_store.kb().create(a, &changes))
            return fail(QStringLiteral("could not create the KB article %1: %2")
                            .arg(a.title, m_store.sql().lastError()));
        ++m_kbArticles;
    }
    return true;
}

// Each canned response in Spanish and in English, through the store's own checks (an unknown
// placeholder would be refused here, not found by an agent).
bool Generator::makeCannedResponses()
{
    const Caller admin { 0, Core::Role::Admin, {} };
    for (const CannedSpec &spec : tables().canned) {
        for (const bool es : { true, false }) {
            QJsonObject definition { { QStringLiteral("title"), inLanguage(spec.title, es) },
                { QStringLiteral("body"), inLanguage(spec.body, es) },
                { QStringLiteral("keywords"), inLanguage(spec.keywords, es) },
                { QStringLiteral("language"), es ? QStringLiteral("es") : QStringLiteral("en") } };
            if (spec.group >= 0)
                definition.insert(
                    QStringLiteral("groupId"), double(m_groupIds.at(groupIndex(spec.group))));
            const OpResult r = m_store.canned().save(admin, definition, m_now);
            if (!r.ok)
                return fail(QStringLiteral("could not save the canned response %1: %2")
                                .arg(inLanguage(spec.title, es), r.error.message));
            ++m_cannedResponses;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Tickets: drawn over the months, sorted by creation, each told as a script of steps that the
// store plays with the step's own instant.

qint64 Generator::drawCreationTime(const CustomerInfo &customer, qint64 start)
{
    // How busy each local hour of a working day is.
    static constexpr double kHourly[24] = { 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 0.8, 1.0,
        1.0, 1.0, 1.0, 0.8, 0.7, 0.9, 0.9, 0.9, 0.5, 0.3, 0.12, 0.12, 0.04, 0.04 };
    const qint64 latest = m_now - 10 * kMinute;
    const qint64 offset = tables().countries[customer.country].utcOffsetHours * kHour;
    for (;;) {
        const qint64 t = m_dice.between(start, latest);
        const qint64 local = t + offset;
        const qint64 day = local / kDay;
        const int weekday = int((day + 3) % 7); // 0 = Monday: 1 January 1970 was a Thursday
        const int hour = int((local - day * kDay) / kHour);
        double p = kHourly[hour] * (weekday >= 5 ? 0.12 : 1.0);
        p *= 0.6
            + 0.4 * double(t - start)
                / double(latest - start); // the desk gets busier over the year
        if (m_dice.chance(p))
            return t;
    }
}

QList<TicketPlan> Generator::planTickets()
{
    const qint64 start = QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC)
                             .addMonths(-qMax(1, m_options.months))
                             .toMSecsSinceEpoch();
    QList<TicketPlan> plans;
    plans.reserve(m_options.tickets);
    const int customers = int(m_customers.size());
    for (int i = 0; i < m_options.tickets; ++i) {
        TicketPlan p;
        p.drawn = i;
        // Some people call far more often than others.
        p.customer = qMin(customers - 1, int(double(customers) * std::pow(m_dice.unit(), 1.5)));
        p.templateIndex = m_dice.below(int(std::size(tables().ticketTemplates)));
        p.createdAt = drawCreationTime(m_customers.at(p.customer), start);
        plans << p;
    }
    std::sort(plans.begin(), plans.end(), [](const TicketPlan &a, const TicketPlan &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.drawn < b.drawn;
    });
    chooseStops(plans);
    return plans;
}

// Old tickets are closed; the last weeks leave a backlog in every open status, the newest
// dozen cycling through all of them so even a small desk shows each one.
void Generator::chooseStops(QList<TicketPlan> &plans)
{
    using S = TicketStatus;
    static constexpr S kCycle[] = { S::New, S::Assigned, S::InProgress, S::PendingCustomer,
        S::PendingThirdParty, S::Resolved };
    static constexpr S kStops[] = { S::New, S::Assigned, S::InProgress, S::PendingCustomer,
        S::PendingThirdParty, S::Resolved, S::Closed };
    constexpr int kCycled = 2 * int(std::size(kCycle));
    for (qsizetype i = plans.size() - 1, newest = 0; i >= 0; --i, ++newest) {
        TicketPlan &p = plans[i];
        const qint64 age = m_now - p.createdAt;
        p.early = age < 3 * kDay;
        if (newest < kCycled)
            p.stop = kCycle[newest % int(std::size(kCycle))];
        else if (age < 2 * kDay)
            p.stop = kStops[m_dice.weighted({ 25, 20, 30, 10, 5, 10, 0 })];
        else if (age < 7 * kDay)
            p.stop = kStops[m_dice.weighted({ 5, 10, 25, 15, 10, 20, 15 })];
        else if (age < kBacklogDays * kDay)
            p.stop = kStops[m_dice.weighted({ 1, 3, 8, 8, 8, 12, 60 })];
        else // a few wait on a supplier for ever
            p.stop = m_dice.chance(0.003) ? S::PendingThirdParty : S::Closed;
    }
}

QList<Step> Generator::script(const TicketPlan &plan, Words &w, NewTicket &ticket)
{
    using S = TicketStatus;
    const TicketTemplate &tpl = tables().ticketTemplates[plan.templateIndex];
    const CustomerInfo &customer = m_customers.at(plan.customer);
    const bool es = customer.spanish;

    w.office = tables().countries[customer.country].offices[customer.office];
    w.floor = inLanguage(m_dice.pick(tables().floors), es);
    w.dept = inLanguage(m_dice.pick(tables().departments), es);
    w.app = m_dice.pick(tables().apps);
    w.device = inLanguage(m_dice.pick(tables().devices), es);
    w.printer = m_dice.pick(tables().printers);
    w.mobile = m_dice.pick(tables().mobiles);
    w.when = inLanguage(m_dice.pick(tables().when), es);
    w.person = personName(es, m_dice.chance(0.5));
    w.personF = personName(es, true);
    w.n = QString::number(2 + m_dice.below(8));
    w.name = customer.firstName;
    w.vendor = m_dice.pick(tables().vendors);
    w.ref = QStringLiteral("%1-%2")
                .arg(w.vendor.left(3).toUpper())
                .arg(100000 + m_dice.below(900000));

    // What the customer wrote, as it reached the desk.
    const Channel channel = std::array { Channel::Email, Channel::Portal, Channel::Phone,
        Channel::Chat, Channel::Console }[m_dice.weighted({ 40, 25, 20, 10, 5 })];
    const QString said = fill(inLanguage(tpl.description, es), w);
    QString description;
    switch (channel) {
    case Channel::Email:
    case Channel::Portal: {
        description = inLanguage(m_dice.pick(tables().greetings), es) + QStringLiteral("\n\n")
            + said + QStringLiteral("\n\n") + inLanguage(m_dice.pick(tables().closings), es)
            + QLatin1Char('\n') + customer.fullName;
        if (!customer.organisation.isEmpty())
            description += QLatin1Char('\n') + customer.organisation;
        break;
    }
    case Channel::Phone:
        description = (es ? QStringLiteral("Llamada de %1: ") : QStringLiteral("Call from %1: "))
                          .arg(customer.fullName)
            + said;
        break;
    case Channel::Chat:
        description
            = (es ? QStringLiteral("Chat con %1:\n\n> ") : QStringLiteral("Chat with %1:\n\n> "))
                  .arg(customer.fullName)
            + said;
        break;
    case Channel::Console:
        description = said;
        break;
    }

    ticket = NewTicket {};
    ticket.type = tpl.request ? TicketType::ServiceRequest : TicketType::Incident;
    ticket.subject = fill(inLanguage(tpl.subject, es), w);
    ticket.description = description;
    static constexpr Level kLevels[] = { Level::High, Level::Medium, Level::Low };
    switch (tpl.weight) {
    case 'H':
        ticket.impact = kLevels[m_dice.weighted({ 60, 40, 0 })];
        ticket.urgency = kLevels[m_dice.weighted({ 70, 30, 0 })];
        break;
    case 'M':
        ticket.impact = kLevels[m_dice.weighted({ 15, 60, 25 })];
        ticket.urgency = kLevels[m_dice.weighted({ 20, 60, 20 })];
        break;
    default:
        ticket.impact = kLevels[m_dice.weighted({ 0, 40, 60 })];
        ticket.urgency = kLevels[m_dice.weighted({ 5, 35, 60 })];
        break;
    }
    ticket.channel = channel;
    ticket.categoryId = m_categoryIds.at(tpl.category);
    ticket.groupId = m_groupIds.at(ServiceDesk);
    ticket.customerId = customer.id;
    const bool urgent = ticket.urgency == Level::High;

    // How this ticket's story goes. A planned stop forces the parts it needs.
    const S stop = plan.stop;
    const int tier2 = escalationGroup(tpl.category, 1);
    const int tier3 = escalationGroup(tpl.category, 2);
    const bool escalate = tier2 >= 0 && m_dice.chance(0.22);
    const bool secondLine = escalate && tier3 >= 0 && m_dice.chance(0.3);
    const bool askCustomer = stop == S::PendingCustomer || m_dice.chance(0.3);
    const bool supplier = stop == S::PendingThirdParty || m_dice.chance(tpl.request ? 0.03 : 0.08);
    const bool reopen = m_dice.chance(0.06);
    int worker = pickMember(ServiceDesk);
    const bool takenOnTheSpot = stop != S::New && channel != Channel::Email
        && channel != Channel::Portal && m_dice.chance(0.5);
    // Handed on untouched: the first line sees at once it is for another group's queue.
    const bool handOver = escalate
        && !m_agents.at(worker).agent.groupIds.contains(m_groupIds.at(tier2)) && m_dice.chance(0.3);
    const int creator = takenOnTheSpot ? worker : pickMember(ServiceDesk);

    QList<Step> steps;
    S status = takenOnTheSpot ? S::Assigned : S::New;
    int articles = 1; // the description
    int reserved = 1 + (reopen ? 2 : 0); // the resolution, and the reopening note and second fix
    auto add = [&](Act act, qint64 delay, int actor) -> Step & {
        Step s;
        s.act = act;
        s.delay = delay;
        s.actor = actor;
        s.after = status;
        steps << s;
        return steps.last();
    };
    auto setStatus = [&](qint64 delay, S to) {
        status = to;
        add(Act::SetStatus, delay, worker).status = to;
    };
    auto write = [&](Act act, qint64 delay, const Pair &text, bool required) {
        if (required)
            --reserved;
        else if (articles + reserved >= kMaxArticlesPerTicket)
            return; // enough said on this ticket
        ++articles;
        w.agent = m_agents.at(worker).agent.name;
        Step &step = add(act, delay, worker);
        step.body = fill(inLanguage(text, es), w);
        step.files = text.files;
    };
    auto escalateTo = [&](int group, int assignee, qint64 delay) {
        Step &s = add(Act::Escalate, delay, worker);
        s.group = group;
        s.assignee = assignee;
        if (assignee < 0) {
            status = S::New;
            s.after = status;
        }
    };

    Step &create = add(Act::Create, 0, creator);
    create.assignee = takenOnTheSpot ? worker : -1;
    create.files = tpl.description.files;
    if (!takenOnTheSpot) {
        const qint64 pickUp
            = urgent ? m_dice.wait(2 * kMinute, 30 * kMinute) : m_dice.wait(5 * kMinute, 4 * kHour);
        if (!handOver && stop != S::Assigned && m_dice.chance(0.5)) {
            status = S::InProgress;
            add(Act::AssignAndStart, pickUp, worker).assignee = worker;
        } else {
            // Now and then the lead hands out the queue.
            int dispatcher = worker;
            for (int a : m_members.at(ServiceDesk)) {
                if (m_agents.at(a).agent.role == Role::Lead && m_dice.chance(0.3))
                    dispatcher = a;
            }
            status = S::Assigned;
            add(Act::Assign, pickUp, dispatcher).assignee = worker;
        }
    }
    if (handOver) {
        w.group = tables().groups[tier2].name;
        write(Act::Note, m_dice.wait(2 * kMinute, kHour), m_dice.pick(tables().escalations), false);
        escalateTo(tier2, -1, m_dice.wait(kMinute, 20 * kMinute));
        worker = pickMember(tier2);
        const qint64 pickUp = m_dice.wait(10 * kMinute, 8 * kHour);
        if (stop != S::Assigned && m_dice.chance(0.5)) {
            status = S::InProgress;
            add(Act::AssignAndStart, pickUp, worker).assignee = worker;
        } else {
            status = S::Assigned;
            add(Act::Assign, pickUp, worker).assignee = worker;
        }
    }
    if (status != S::InProgress)
        setStatus(m_dice.wait(kMinute, 90 * kMinute), S::InProgress);
    write(Act::Reply, m_dice.wait(kMinute, 30 * kMinute), m_dice.pick(tables().acknowledgements),
        false);
    if (askCustomer) {
        write(Act::Reply, m_dice.wait(10 * kMinute, 4 * kHour), m_dice.pick(tables().questions),
            false);
        setStatus(m_dice.wait(kMinute, 5 * kMinute), S::PendingCustomer);
        const qint64 answer = m_dice.wait(kHour, 3 * kDay);
        write(Act::Note, answer, m_dice.pick(tables().customerAnswered), false);
        setStatus(steps.last().act == Act::Note ? m_dice.wait(kMinute, 10 * kMinute) : answer,
            S::InProgress);
    }
    if (escalate && !handOver) {
        w.group = tables().groups[tier2].name;
        write(Act::Note, m_dice.wait(30 * kMinute, kDay), m_dice.pick(tables().escalations), false);
        const int next = pickMember(tier2, worker);
        escalateTo(tier2, next, m_dice.wait(kMinute, 20 * kMinute));
        worker = next;
    }
    if (secondLine) {
        w.group = tables().groups[tier3].name;
        write(
            Act::Note, m_dice.wait(2 * kHour, 2 * kDay), m_dice.pick(tables().escalations), false);
        const int next = pickMember(tier3, worker);
        escalateTo(tier3, next, m_dice.wait(kMinute, 20 * kMinute));
        worker = next;
    }
    if (supplier) {
        write(Act::Note, m_dice.wait(30 * kMinute, kDay), m_dice.pick(tables().thirdParty), false);
        setStatus(m_dice.wait(kMinute, 10 * kMinute), S::PendingThirdParty);
        const qint64 answer = m_dice.wait(kDay, 7 * kDay);
        write(Act::Note, answer, m_dice.pick(tables().vendorAnswered), false);
        setStatus(steps.last().act == Act::Note ? m_dice.wait(kMinute, 30 * kMinute) : answer,
            S::InProgress);
    }
    const CategoryTexts &texts = tables().categoryTexts[tpl.category];
    if (m_dice.chance(0.5))
        write(Act::Note, m_dice.wait(10 * kMinute, kDay), m_dice.pick(texts.notes), false);
    if (m_dice.chance(0.25))
        write(Act::Reply, m_dice.wait(kHour, kDay), m_dice.pick(tables().progress), false);
    const int fix = m_dice.below(2);
    w.fix = inLanguage(texts.fixes[fix], es);
    write(Act::Reply,
        urgent ? m_dice.wait(15 * kMinute, 4 * kHour) : m_dice.wait(30 * kMinute, 2 * kDay),
        m_dice.pick(tables().resolutions), true);
    setStatus(m_dice.wait(kMinute, 5 * kMinute), S::Resolved);
    if (reopen) {
        write(Act::Note, m_dice.wait(4 * kHour, 3 * kDay), m_dice.pick(tables().reopenings), true);
        setStatus(m_dice.wait(kMinute, 10 * kMinute), S::InProgress);
        w.fix = inLanguage(texts.fixes[1 - fix], es);
        write(Act::Reply, m_dice.wait(kHour, 2 * kDay), m_dice.pick(tables().resolutions), true);
        setStatus(m_dice.wait(kMinute, 5 * kMinute), S::Resolved);
    }
    setStatus(m_dice.wait(2 * kDay, 5 * kDay), S::Closed);

    // Where the story stops: the end of a stretch in the planned status, the first stretch
    // for young tickets and any stretch for older ones.
    QList<int> ends;
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).after == stop && (i + 1 == steps.size() || steps.at(i + 1).after != stop))
            ends << i;
    }
    Q_ASSERT(!ends.isEmpty()); // every stop is forced into the script above; else tell it all
    if (!ends.isEmpty())
        steps.resize((plan.early ? ends.first() : ends.at(m_dice.below(int(ends.size())))) + 1);

    // Everything happens before now: a story too long for the time since the ticket was
    // opened is told faster.
    qint64 total = 0;
    for (const Step &s : std::as_const(steps))
        total += s.delay;
    const qint64 room = m_now - kMinute - plan.createdAt - qint64(steps.size()) * kSecond;
    if (total > room) {
        const double factor = double(qMax<qint64>(room, 0)) / double(total);
        for (int i = 1; i < steps.size(); ++i)
            steps[i].delay = kSecond + qint64(double(steps.at(i).delay) * factor);
    }

    // People work office hours (the customer's): a step that falls at night or at a weekend
    // waits for the next morning, unless there is no room left before now. A P1 does not wait.
    if (ticket.impact == Level::High && ticket.urgency == Level::High)
        return steps;
    const qint64 offset = tables().countries[customer.country].utcOffsetHours * kHour;
    QList<qint64> times;
    qint64 at = plan.createdAt;
    for (const Step &s : std::as_const(steps))
        times << (at += s.delay);
    auto weekend = [](qint64 day) { return (day + 3) % 7 >= 5; };
    for (int i = 1; i < times.size(); ++i) {
        const qint64 local = times.at(i) + offset;
        qint64 day = local / kDay;
        const qint64 hour = (local - day * kDay) / kHour;
        if (!weekend(day) && hour >= 8 && hour < 19)
            continue;
        if (weekend(day) || hour >= 19)
            ++day;
        while (weekend(day))
            ++day;
        const qint64 shift = day * kDay + 8 * kHour + m_dice.wait(kMinute, 90 * kMinute) - local;
        if (times.last() + shift >= m_now - kMinute)
            break;
        for (int j = i; j < times.size(); ++j)
            times[j] += shift;
    }
    for (int i = 1; i < steps.size(); ++i)
        steps[i].delay = times.at(i) - times.at(i - 1);
    return steps;
}

bool Generator::play(const TicketPlan &plan, const NewTicket &ticket, const QList<Step> &steps)
{
    TicketStore &tickets = m_store.tickets();
    qint64 at = plan.createdAt;
    qint64 id = 0;
    int version = 0;
    QString number;
    for (const Step &s : steps) {
        at += s.delay;
        const Caller &caller = m_agents.at(s.actor).caller;
        auto agentId = [&](int agent) { return double(m_agents.at(agent).agent.id); };
        QJsonObject fields;
        OpResult r;
        switch (s.act) {
        case Act::Create: {
            NewTicket n = ticket;
            if (!uploadsFor(s.files, caller, at, &n.attachments))
                return false;
            n.assigneeId = s.assignee >= 0 ? m_agents.at(s.assignee).agent.id : 0;
            r = tickets.create(caller, n, at);
            break;
        }
        case Act::AssignAndStart:
            fields.insert(QStringLiteral("status"), wireName(TicketStatus::InProgress));
            Q_FALLTHROUGH();
        case Act::Assign:
            fields.insert(QStringLiteral("assigneeId"), agentId(s.assignee));
            r = tickets.update(caller, id, version, fields, at);
            break;
        case Act::SetStatus:
            r = tickets.update(
                caller, id, version, { { QStringLiteral("status"), wireName(s.status) } }, at);
            break;
        case Act::Escalate:
            fields.insert(QStringLiteral("groupId"), double(m_groupIds.at(s.group)));
            if (s.assignee >= 0)
                fields.insert(QStringLiteral("assigneeId"), agentId(s.assignee));
            r = tickets.update(caller, id, version, fields, at);
            break;
        case Act::Reply:
        case Act::Note: {
            QStringList uploads;
            if (!uploadsFor(s.files, caller, at, &uploads))
                return false;
            r = tickets.addArticle(caller, id,
                s.act == Act::Reply ? ArticleKind::PublicReply : ArticleKind::InternalNote, s.body,
                at, uploads);
            break;
        }
        }
        const QString what = number.isEmpty() ? QStringLiteral("a new ticket") : number;
        if (!r.ok)
            return fail(QStringLiteral("the store refused a step of %1 (\"%2\"): %3")
                            .arg(what, ticket.subject, r.error.message));
        const QJsonObject result = r.result.toObject();
        if (!result.value(QStringLiteral("conflicts")).toArray().isEmpty())
            return fail(QStringLiteral("a step of %1 conflicted with itself").arg(what));
        const QJsonObject t = result.value(QStringLiteral("ticket")).toObject();
        id = qint64(t.value(QStringLiteral("id")).toDouble());
        version = t.value(QStringLiteral("version")).toInt();
        number = t.value(QStringLiteral("number")).toString();
        const auto status = fromString<TicketStatus>(t.value(QStringLiteral("status")).toString());
        if (status != s.after) // the script and the rules disagree: a bug in the script
            return fail(
                QStringLiteral("%1 is %2 where the demo script expected %3")
                    .arg(number, t.value(QStringLiteral("status")).toString(), wireName(s.after)));
    }
    ++m_tickets;
    if (TicketLifecycle::isOpen(steps.last().after))
        ++m_openTickets;
    return true;
}

bool Generator::makeTickets()
{
    if (m_options.tickets <= 0)
        return true;
    if (m_customers.isEmpty())
        return fail(QStringLiteral("tickets need customers; ask for at least one"));
    const QList<TicketPlan> plans = planTickets();
    for (const TicketPlan &plan : plans) {
        Words words;
        NewTicket ticket;
        const QList<Step> steps = script(plan, words, ticket);
        if (!play(plan, ticket, steps))
            return false;
    }
    return true;
}

} // namespace

DemoData::DemoData(Store &store, Options options)
    : m_store(store)
    , m_options(options)
{
}

bool DemoData::generate(QString *error)
{
    QElapsedTimer timer;
    timer.start();
    error->clear();
    if (!Demo::DemoTables::builtIn(error))
        return false; // a broken data file: nothing is touched
    Generator generator(m_store, m_options);
    if (!generator.checkStore(error))
        return false;
    // One transaction: a demo desk is made whole or not at all.
    if (!m_store.sync().loadRevision() || !m_store.begin()) {
        *error = QStringLiteral("could not start a transaction: %1").arg(m_store.sql().lastError());
        return false;
    }
    if (!generator.run(error) || !m_store.sync().saveRevision() || !m_store.commit()) {
        if (error->isEmpty())
            *error
                = QStringLiteral("could not save the demo data: %1").arg(m_store.sql().lastError());
        m_store.rollback();
        return false;
    }
    m_summary = generator.summary(timer.elapsed());
    return true;
}

QString DemoData::summary() const
{
    return m_summary;
}

} // namespace Atiende::Server
