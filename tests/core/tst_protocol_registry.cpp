// The protocol registry (core/protocol/registry.h) against the contract's other copies:
// docs/protocol.md names the same methods and notifications, every golden sample
// (core/protocol/samples) conforms to the registry's description, and the core types that
// have fromJson/toJson decode the samples and encode them back to the same JSON.
// A real atiended is checked against the same samples in tests/server/tst_protocol_samples.cpp.

#include "core/domain/article.h"
#include "core/domain/cannedresponse.h"
#include "core/domain/directory.h"
#include "core/domain/kbarticle.h"
#include "core/domain/ticket.h"
#include "core/protocol/registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("ATIENDE_SOURCE_DIR");
}
QString samplesDir()
{
    return sourceDir() + QStringLiteral("/core/protocol/samples");
}

QJsonObject readSample(const QString &name, QString *error)
{
    QFile f(samplesDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return {};
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
    if (!doc.isObject())
        *error = f.fileName() + QStringLiteral(": ") + parse.errorString();
    return doc.object();
}

// "response.result.articles.0": a value inside a sample, by keys and list indexes.
QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        v = isIndex ? v.toArray().at(index) : v.toObject().value(step);
    }
    return v;
}

// The names docs/protocol.md gives as "### `a`, `b`" headings under one "## " section.
QStringList documentedNames(const QString &section, QString *error)
{
    QFile f(sourceDir() + QStringLiteral("/docs/protocol.md"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return {};
    }
    static const QRegularExpression name(QStringLiteral("`([a-zA-Z.]+)`"));
    QStringList names;
    bool inSection = false;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("## ")))
            inSection = line.mid(3).trimmed() == section;
        else if (inSection && line.startsWith(QLatin1String("### "))) {
            for (auto it = name.globalMatch(line); it.hasNext();)
                names.append(it.next().captured(1));
        }
    }
    return names;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// One core type's decoding and encoding: the value at `path` in `sample` must come back equal.
struct RoundTrip
{
    const char *type;
    const char *sample;
    const char *path;
    std::function<QJsonObject(const QJsonObject &)> decodeEncode;
    QList<const char *> only = {}; // compare only these fields (empty: all)
};

template <typename T> std::function<QJsonObject(const QJsonObject &)> viaFromJson()
{
    return [](const QJsonObject &o) { return T::fromJson(o).toJson(); };
}

// Adding a type is one line here.
const QList<RoundTrip> &roundTrips()
{
    static const QList<RoundTrip> all {
        { "Ticket", "tickets.get", "response.result.ticket", viaFromJson<Ticket>() },
        { "Ticket (new)", "tickets.create", "response.result.ticket", viaFromJson<Ticket>() },
        { "Ticket (linked KB)", "tickets.update", "response.result.ticket", viaFromJson<Ticket>() },
        { "Article (reply)", "tickets.addArticle", "response.result.article",
            viaFromJson<Article>() },
        { "Article (description)", "tickets.create", "response.result.articles.0",
            viaFromJson<Article>() },
        { "Customer", "customers.create", "response.result.customer", viaFromJson<Customer>() },
        { "Agent", "directory.get", "response.result.agents.0", viaFromJson<Agent>() },
        { "Agent (signed in)", "auth.login", "response.result.agent", viaFromJson<Agent>() },
        { "Group", "directory.get", "response.result.groups.0", viaFromJson<Group>() },
        { "Category", "directory.get", "response.result.categories.0", viaFromJson<Category>() },
        { "KbArticle", "kb.get", "response.result.article", viaFromJson<KbArticle>() },
        // fromJson reads a canned.save definition: what the server keeps (version, instants)
        // is not read back, so only the definition's fields come back.
        { "CannedResponse", "canned.save", "response.result.response",
            [](const QJsonObject &o) {
                QString error, field;
                const auto r = CannedResponse::fromJson(o, &error, &field);
                return r ? r->toJson() : QJsonObject { { QStringLiteral("refused"), error } };
            },
            { "id", "title", "body", "groupId", "language", "keywords", "active" } },
    };
    return all;
}

} // namespace

class ProtocolRegistryTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void theDocumentAndTheRegistryNameTheSameMethods();
    void theDocumentAndTheRegistryNameTheSameNotifications();
    void everyEntryHasAGoldenSample();
    void everyShapeTheRegistryNamesIsDescribed();
    void samplesConformToTheRegistry_data();
    void samplesConformToTheRegistry();
    void theCheckFindsWhatIsWrong();
    void coreTypesDecodeAndEncodeTheSamples_data();
    void coreTypesDecodeAndEncodeTheSamples();
};

void ProtocolRegistryTest::initTestCase()
{
    QVERIFY2(!sourceDir().isEmpty(), "ATIENDE_SOURCE_DIR is not set (CTest sets it)");
    QVERIFY2(QDir(samplesDir()).exists(), qPrintable(samplesDir()));
}

void ProtocolRegistryTest::theDocumentAndTheRegistryNameTheSameMethods()
{
    QString error;
    const QStringList documented = documentedNames(QStringLiteral("Methods"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(documented.size() > 40);
    QCOMPARE(
        documented.size(), QSet<QString>(documented.begin(), documented.end()).size()); // each once
    QCOMPARE(sorted(Registry::methodNames()), sorted(documented));
}

void ProtocolRegistryTest::theDocumentAndTheRegistryNameTheSameNotifications()
{
    QString error;
    const QStringList documented = documentedNames(QStringLiteral("Notifications"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sorted(Registry::notificationNames()), sorted(documented));
}

void ProtocolRegistryTest::everyEntryHasAGoldenSample()
{
    QStringList expected;
    for (const MessageSpec &m : Registry::all())
        expected.append(m.name + QStringLiteral(".json"));
    QCOMPARE(sorted(QDir(samplesDir()).entryList({ QStringLiteral("*.json") }, QDir::Files)),
        sorted(expected));
}

void ProtocolRegistryTest::everyShapeTheRegistryNamesIsDescribed()
{
    auto check = [](const QList<FieldSpec> &fields, const QString &where) {
        QStringList problems;
        for (const FieldSpec &f : fields) {
            if (f.name.isEmpty() || f.types.isEmpty())
                problems.append(where + QStringLiteral(": a field without a name or type"));
            for (QString t : f.types) {
                if (t.endsWith(QLatin1String("[]")))
                    t.chop(2);
                static const QStringList basic { QStringLiteral("id"), QStringLiteral("int"),
                    QStringLiteral("number"), QStringLiteral("string"), QStringLiteral("bool"),
                    QStringLiteral("instant"), QStringLiteral("object"), QStringLiteral("array"),
                    QStringLiteral("null"), QStringLiteral("any") };
                if (!basic.contains(t) && Registry::shape(t).isEmpty())
                    problems.append(QStringLiteral("%1.%2: unknown type %3").arg(where, f.name, t));
            }
        }
        return problems;
    };
    QStringList problems;
    for (const MessageSpec &m : Registry::all())
        problems += check(m.params, m.name + QStringLiteral(" params"))
            + check(m.result, m.name + QStringLiteral(" result"));
    for (const QString &s : Registry::shapeNames())
        problems += check(Registry::shape(s), s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void ProtocolRegistryTest::samplesConformToTheRegistry_data()
{
    QTest::addColumn<QString>("name");
    for (const MessageSpec &m : Registry::all())
        QTest::newRow(qPrintable(m.name)) << m.name;
}

void ProtocolRegistryTest::samplesConformToTheRegistry()
{
    QFETCH(QString, name);
    const MessageSpec *spec = Registry::find(name);
    QVERIFY(spec);
    QString error;
    const QJsonObject sample = readSample(name, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList problems;
    if (spec->kind == MessageSpec::Kind::Method) {
        const QJsonObject request = sample.value(QStringLiteral("request")).toObject();
        const QJsonObject response = sample.value(QStringLiteral("response")).toObject();
        static const QStringList accounts { QStringLiteral("none"), QStringLiteral("agent"),
            QStringLiteral("lead"), QStringLiteral("admin") };
        QVERIFY2(accounts.contains(sample.value(QStringLiteral("as")).toString()),
            "\"as\" names the demo account that calls it");
        QCOMPARE(request.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(request.value(QStringLiteral("method")).toString(), name);
        QVERIFY(request.value(QStringLiteral("id")).isDouble());
        QCOMPARE(response.value(QStringLiteral("id")), request.value(QStringLiteral("id")));
        QVERIFY2(response.contains(QStringLiteral("result")),
            "the golden response is a result, not an error");
        problems += Registry::check(spec->params,
            request.value(QStringLiteral("params")).toObject(), true, QStringLiteral("params"));
        problems += Registry::check(spec->result,
            response.value(QStringLiteral("result")).toObject(), true, QStringLiteral("result"));
        if (spec->opId != MessageSpec::OpId::None)
            QVERIFY2(
                request.value(QStringLiteral("params")).toObject().contains(QStringLiteral("opId")),
                "an edit's sample carries an opId");
    } else {
        const QJsonObject n = sample.value(QStringLiteral("notification")).toObject();
        QCOMPARE(n.value(QStringLiteral("method")).toString(), name);
        QVERIFY(!n.contains(QStringLiteral("id")));
        problems += Registry::check(spec->params, n.value(QStringLiteral("params")).toObject(),
            true, QStringLiteral("params"));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void ProtocolRegistryTest::theCheckFindsWhatIsWrong()
{
    const MessageSpec *get = Registry::find(QStringLiteral("tickets.get"));
    QVERIFY(get);
    QVERIFY(get->fromClient());
    QString error;
    QJsonObject result = readSample(QStringLiteral("tickets.get"), &error)
                             .value(QStringLiteral("response"))
                             .toObject()
                             .value(QStringLiteral("result"))
                             .toObject();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(Registry::check(get->result, result, true), QStringList());

    QJsonObject ticket = result.value(QStringLiteral("ticket")).toObject();
    ticket.insert(QStringLiteral("groupId"), QJsonValue::Null); // never null
    ticket.remove(QStringLiteral("version"));
    ticket.insert(
        QStringLiteral("createdAt"), QStringLiteral("2026-11-23 15:13")); // not an instant
    ticket.insert(QStringLiteral("colour"), QStringLiteral("red"));
    result.insert(QStringLiteral("ticket"), ticket);
    result.insert(QStringLiteral("rev"), 1.5);
    const QStringList problems = Registry::check(get->result, result, true);
    QCOMPARE(problems.size(), 5);
    QVERIFY(problems.filter(QStringLiteral("ticket.groupId")).size() == 1);
    QVERIFY(problems.filter(QStringLiteral("ticket.version: missing")).size() == 1);
    QVERIFY(problems.filter(QStringLiteral("ticket.createdAt")).size() == 1);
    QVERIFY(problems.filter(QStringLiteral("ticket.colour: not in the description")).size() == 1);
    QVERIFY(problems.filter(QStringLiteral("rev")).size() == 1);
    // Fields it does not know are fine for a client that is not strict (docs/protocol.md: ignore
    // them).
    QCOMPARE(Registry::check(get->result, result, false).size(), 4);

    QCOMPARE(Registry::checkValue(
                 { QStringLiteral("id[]") }, QJsonArray { 1, 2 }, true, QStringLiteral("x")),
        QStringList());
    QCOMPARE(Registry::checkValue(
                 { QStringLiteral("id[]") }, QJsonArray { 1, 0 }, true, QStringLiteral("x"))
                 .size(),
        1);
    QCOMPARE(Registry::checkValue(
                 { QStringLiteral("id"), QStringLiteral("id[]") }, 3, true, QStringLiteral("x")),
        QStringList());
}

void ProtocolRegistryTest::coreTypesDecodeAndEncodeTheSamples_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("index");
    for (int i = 0; i < roundTrips().size(); ++i)
        QTest::newRow(roundTrips().at(i).type) << QString::fromLatin1(roundTrips().at(i).sample)
                                               << QString::fromLatin1(roundTrips().at(i).path) << i;
}

void ProtocolRegistryTest::coreTypesDecodeAndEncodeTheSamples()
{
    QFETCH(QString, sample);
    QFETCH(QString, path);
    QFETCH(int, index);
    QString error;
    const QJsonObject root = readSample(sample, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonValue value = at(root, path);
    QVERIFY2(value.isObject(), qPrintable(path));
    QJsonObject original = value.toObject();
    QJsonObject again = roundTrips().at(index).decodeEncode(original);
    const QList<const char *> &only = roundTrips().at(index).only;
    if (!only.isEmpty()) {
        for (QJsonObject *o : { &original, &again }) {
            QJsonObject kept;
            for (const char *key : only)
                kept.insert(QLatin1String(key), o->value(QLatin1String(key)));
            *o = kept;
        }
    }
    QCOMPARE(QString::fromUtf8(QJsonDocument(again).toJson(QJsonDocument::Compact)),
        QString::fromUtf8(QJsonDocument(original).toJson(QJsonDocument::Compact)));
}

QTEST_GUILESS_MAIN(ProtocolRegistryTest)
#include "tst_protocol_registry.moc"
