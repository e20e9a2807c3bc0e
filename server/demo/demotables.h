#pragma once
// The raw material of the demo desk, read from the JSON files in server/demo/data (built into
// the demo library as Qt resources): groups, agents, the service catalog, organisations and
// countries, people's names, the words of ticket texts, ticket templates, replies, knowledge
// base topics and canned responses. Texts come in index-aligned Spanish/English pairs so one
// random choice tells the same story in either language. The loader checks every file (shape,
// references by key, counts the generator relies on) and names the file and the place of the
// first problem, so a broken file is a clear error rather than a strange desk.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Atiende::Server::Demo {

// Groups in ITIL tiers, in the order of the "groups" of desk.json (by their keys).
enum GroupKey {
    ServiceDesk = 0,
    Network = 1,
    Applications = 2,
    Platform = 3,
    Workplace = 4,
    Security = 5
};
constexpr int kGroupKeyCount = 6;

// The service catalog's entries, in the order of the "categories" of desk.json (by their keys).
enum CategoryKey {
    CatAccounts,
    CatPasswords,
    CatJoiners,
    CatEmail,
    CatOutlook,
    CatWorkplace,
    CatLaptops,
    CatPrinters,
    CatMobile,
    CatNetwork,
    CatVpn,
    CatWifi,
    CatApps,
    CatErp,
    CatSecurity
};
constexpr int kCategoryKeyCount = 15;

enum Country { Spain, Mexico, UnitedKingdom, Ireland, UnitedStates };
constexpr int kCountryCount = 5;

struct Pair
{
    QString es;
    QString en;
    QStringList files; // the demo files (data/files) a text says are attached
};

struct GroupSpec
{
    QString name;
    int tier = 1;
    QString description;
};

struct AgentSpec
{
    QString login;
    QString name;
    bool lead = false;
    int group1 = 0;
    int group2 = -1; // -1: only one group
};

struct CategorySpec
{
    QString name;
    int parent = -1; // a CategoryKey, -1 for a top-level entry
    int escalation1 = -1; // the groups that take its escalations, tier 2 first; -1 for none
    int escalation2 = -1;
};

struct CountrySpec
{
    QString language; // "es" or "en"
    int utcOffsetHours = 0; // rough local business hours; no daylight saving for a demo
    QStringList offices; // four
    QString phoneFormat; // '#' is a random digit
};

struct OrgSpec
{
    QString name;
    QString domain;
    Country country = Spain;
    int size = 1; // relative number of people who call the desk
};

struct TicketTemplate
{
    CategoryKey category = CatAccounts;
    bool request = false; // a service request rather than an incident
    char weight = 'M'; // 'H' urgent, 'M' normal, 'L' can wait
    Pair subject;
    Pair description;
};

struct CategoryTexts
{
    Pair fixes[2];
    Pair notes[2];
};

struct KbTopic
{
    CategoryKey category = CatAccounts;
    Pair name; // a noun phrase: "la conexión VPN"
    Pair action; // "restablecer la contraseña de dominio"
    Pair symptom; // "la VPN se desconecta cada pocos minutos"
    Pair cause;
    Pair steps; // separated by '\n'
    Pair keywords; // space-separated
    QString codeLanguage; // empty: no code
    QString code;
};

// One kind of knowledge-base article every topic is told through (a how-to, a troubleshooting
// page, an FAQ...): its title and body as texts with {placeholders} of the topic (name,
// action, symptom, cause, Symptom and Cause capitalised, group: where it escalates, steps
// numbered, checklist, stepsInline, code: its fenced block, title), some parts only for
// topics with code or with a log excerpt.
struct KbArticleKind
{
    struct Part
    {
        QString when; // empty: always; "code": the topic has code; "log": its code is a log
        Pair text;
    };
    Pair title;
    bool forAgents = false; // else public
    QList<Part> body;
};

struct CannedSpec
{
    Pair title;
    Pair body;
    Pair keywords;
    int group = -1; // a GroupKey, or -1: every agent
};

struct DemoTables
{
    QList<GroupSpec> groups; // by GroupKey
    QString staffDomain;
    QList<AgentSpec> namedAgents;
    QList<CategorySpec> categories; // by CategoryKey
    QList<CountrySpec> countries; // by Country
    QList<OrgSpec> organisations;

    QStringList spanishWomen, spanishMen, spanishSurnames;
    QStringList englishWomen, englishMen, englishSurnames;

    QList<Pair> floors, departments, devices, when;
    QStringList apps, printers, mobiles, vendors;

    QList<TicketTemplate> ticketTemplates;
    QList<CategoryTexts> categoryTexts; // by CategoryKey
    QList<Pair> greetings, closings; // around what a customer wrote by e-mail or on the portal
    QList<Pair> acknowledgements, questions, customerAnswered, progress, thirdParty, vendorAnswered,
        escalations, resolutions, reopenings;

    QList<KbArticleKind> kbArticleKinds;
    QList<KbTopic> kbTopics;
    QList<CannedSpec> canned;

    // The files by name (desk.json, people.json, words.json, tickets.json, kb.json,
    // canned.json); nullopt with *error naming the file and what is wrong in it.
    static std::optional<DemoTables> parse(const QHash<QString, QByteArray> &files, QString *error);
    // The files demo tickets carry (data/files: screenshots, a log, a PDF), by name, and the
    // bytes of one (empty when there is no such file).
    static QStringList demoFileNames();
    static QByteArray demoFile(const QString &name);
    static const QStringList &fileNames();
    // The tables built into the demo library, read and checked once; nullptr with *error when
    // they are broken.
    static const DemoTables *builtIn(QString *error);
};

} // namespace Atiende::Server::Demo
