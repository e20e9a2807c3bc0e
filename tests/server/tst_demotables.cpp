// The demo desk's data files (server/demo/data, built into the demo library): the built-in ones
// load whole, and a broken file is refused with its name and the place of the problem.

#include "server/demo/demotables.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Atiende::Server::Demo;

namespace {

QHash<QString, QByteArray> builtInFiles()
{
    QHash<QString, QByteArray> files;
    for (const QString &name : DemoTables::fileNames()) {
        QFile f(QStringLiteral(":/atiende/demo/") + name);
        if (f.open(QIODevice::ReadOnly))
            files.insert(name, f.readAll());
    }
    return files;
}

QJsonObject object(const QHash<QString, QByteArray> &files, const QString &name)
{
    return QJsonDocument::fromJson(files.value(name)).object();
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}

} // namespace

class DemoTablesTest : public QObject
{
    Q_OBJECT
private slots:
    void theBuiltInFilesLoadWhole();
    void everyTextComesInBothLanguages();
    void aBrokenFileIsNamedWithThePlaceOfTheProblem_data();
    void aBrokenFileIsNamedWithThePlaceOfTheProblem();
};

void DemoTablesTest::theBuiltInFilesLoadWhole()
{
    QString error;
    const DemoTables *t = DemoTables::builtIn(&error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->groups.size(), kGroupKeyCount);
    QCOMPARE(t->groups.at(ServiceDesk).name, QStringLiteral("Service Desk"));
    QCOMPARE(t->categories.size(), kCategoryKeyCount);
    QCOMPARE(t->categoryTexts.size(), kCategoryKeyCount);
    QCOMPARE(t->countries.size(), kCountryCount);
    QVERIFY(t->namedAgents.size() >= 12);
    QCOMPARE(t->namedAgents.first().login, QStringLiteral("lucia.martin"));
    QCOMPARE(t->namedAgents.first().name, QStringLiteral("Lucía Martín"));
    QCOMPARE(t->organisations.size(), 40);
    QVERIFY(!t->ticketTemplates.isEmpty());
    QVERIFY(!t->kbTopics.isEmpty());
    QCOMPARE(t->kbArticleKinds.size(), 8);
    QCOMPARE(t->kbArticleKinds.first().title.en, QStringLiteral("How to {action}"));
    QVERIFY(!t->canned.isEmpty());
    QCOMPARE(t->categories.at(CatPasswords).parent, int(CatAccounts));
    QCOMPARE(t->categories.at(CatPrinters).escalation2, int(Network));
}

void DemoTablesTest::everyTextComesInBothLanguages()
{
    QString error;
    const DemoTables *t = DemoTables::builtIn(&error);
    QVERIFY2(t, qPrintable(error));
    for (const TicketTemplate &tpl : t->ticketTemplates)
        QVERIFY(!tpl.subject.es.isEmpty() && !tpl.subject.en.isEmpty()
            && !tpl.description.es.isEmpty() && !tpl.description.en.isEmpty());
    for (const KbTopic &k : t->kbTopics)
        QCOMPARE(k.steps.es.count(QLatin1Char('\n')),
            k.steps.en.count(QLatin1Char('\n'))); // step by step, the same steps
}

void DemoTablesTest::aBrokenFileIsNamedWithThePlaceOfTheProblem_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content"); // empty: made from the built-in file below
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << "kb.json" << QByteArray("{\"topics\": [") << ""
                              << "demo data kb.json: not JSON at offset";
    QTest::newRow("not an object") << "words.json" << QByteArray("[]") << ""
                                   << "demo data words.json: wants a JSON object";
    QTest::newRow("missing") << "canned.json" << QByteArray("-") << ""
                             << "demo data canned.json: missing";
    QTest::newRow("a pair without English") << "words.json" << QByteArray() << "floor without en"
                                            << "demo data words.json: floors[0].en: wants a text";
    QTest::newRow("an unknown category")
        << "tickets.json" << QByteArray() << "template in no category"
        << "demo data tickets.json: templates[0].category: wants one of accounts, passwords";
    QTest::newRow("a category without its texts")
        << "tickets.json" << QByteArray() << "no texts for vpn"
        << "demo data tickets.json: categoryTexts.vpn: missing";
    QTest::newRow("too few agents")
        << "desk.json" << QByteArray() << "eleven agents"
        << "demo data desk.json: agents: wants at least 12 entries, has 11";
    QTest::newRow("an unknown group")
        << "desk.json" << QByteArray() << "agent in no group"
        << "demo data desk.json: agents[0].groups[0]: wants one of serviceDesk, network";
    QTest::newRow("categories out of order")
        << "desk.json" << QByteArray() << "categories swapped"
        << "demo data desk.json: categories[0].key: wants accounts here";
    QTest::newRow("a bad weight") << "tickets.json" << QByteArray() << "weight X"
                                  << "demo data tickets.json: templates[0].weight: wants H, M or L";
    QTest::newRow("an unknown placeholder")
        << "kb.json" << QByteArray() << "placeholder {owner}"
        << "demo data kb.json: articleKinds[0].title: {owner} is not a placeholder";
    QTest::newRow("code without its language")
        << "kb.json" << QByteArray() << "code alone"
        << "demo data kb.json: topics[0].codeLanguage: wants a text";
}

void DemoTablesTest::aBrokenFileIsNamedWithThePlaceOfTheProblem()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, change);
    QFETCH(QString, error);
    QHash<QString, QByteArray> files = builtInFiles();
    QCOMPARE(files.size(), DemoTables::fileNames().size());
    if (content == "-") {
        files.remove(file);
    } else if (!content.isEmpty()) {
        files.insert(file, content);
    } else {
        QJsonObject o = object(files, file);
        if (change == QLatin1String("floor without en")) {
            QJsonArray floors = o.value(QStringLiteral("floors")).toArray();
            QJsonObject first = floors.at(0).toObject();
            first.remove(QStringLiteral("en"));
            floors.replace(0, first);
            o.insert(QStringLiteral("floors"), floors);
        } else if (change == QLatin1String("template in no category")
            || change == QLatin1String("weight X")) {
            QJsonArray templates = o.value(QStringLiteral("templates")).toArray();
            QJsonObject first = templates.at(0).toObject();
            if (change == QLatin1String("weight X"))
                first.insert(QStringLiteral("weight"), QStringLiteral("X"));
            else
                first.insert(QStringLiteral("category"), QStringLiteral("plumbing"));
            templates.replace(0, first);
            o.insert(QStringLiteral("templates"), templates);
        } else if (change == QLatin1String("no texts for vpn")) {
            QJsonObject texts = o.value(QStringLiteral("categoryTexts")).toObject();
            texts.remove(QStringLiteral("vpn"));
            o.insert(QStringLiteral("categoryTexts"), texts);
        } else if (change == QLatin1String("eleven agents")) {
            QJsonArray agents = o.value(QStringLiteral("agents")).toArray();
            while (agents.size() > 11)
                agents.removeLast();
            o.insert(QStringLiteral("agents"), agents);
        } else if (change == QLatin1String("agent in no group")) {
            QJsonArray agents = o.value(QStringLiteral("agents")).toArray();
            QJsonObject first = agents.at(0).toObject();
            first.insert(QStringLiteral("groups"), QJsonArray { QStringLiteral("plumbers") });
            agents.replace(0, first);
            o.insert(QStringLiteral("agents"), agents);
        } else if (change == QLatin1String("categories swapped")) {
            QJsonArray categories = o.value(QStringLiteral("categories")).toArray();
            const QJsonValue first = categories.at(0);
            categories.replace(0, categories.at(1));
            categories.replace(1, first);
            o.insert(QStringLiteral("categories"), categories);
        } else if (change == QLatin1String("placeholder {owner}")) {
            QJsonArray kinds = o.value(QStringLiteral("articleKinds")).toArray();
            QJsonObject first = kinds.at(0).toObject();
            first.insert(QStringLiteral("title"),
                QJsonObject { { QStringLiteral("es"), QStringLiteral("De {owner}") },
                    { QStringLiteral("en"), QStringLiteral("By {owner}") } });
            kinds.replace(0, first);
            o.insert(QStringLiteral("articleKinds"), kinds);
        } else if (change == QLatin1String("code alone")) {
            QJsonArray topics = o.value(QStringLiteral("topics")).toArray();
            QJsonObject first = topics.at(0).toObject();
            first.insert(QStringLiteral("code"), QStringLiteral("echo"));
            first.remove(QStringLiteral("codeLanguage"));
            topics.replace(0, first);
            o.insert(QStringLiteral("topics"), topics);
        }
        files.insert(file, bytes(o));
    }
    QString message;
    QVERIFY(!DemoTables::parse(files, &message));
    QVERIFY2(message.startsWith(error), qPrintable(message));
    // The untouched files still load: the refusal was the change's.
    QString none;
    QVERIFY2(DemoTables::parse(builtInFiles(), &none), qPrintable(none));
}

QTEST_APPLESS_MAIN(DemoTablesTest)
#include "tst_demotables.moc"
