// The server's parameter checking (server/rpc/params.h) on any params object a peer can
// send: the typed reads the real methods make (server/rpc/rpcmethods.cpp), in their order,
// plus every reader on every param the input holds. Checked: what a read returns while
// Params is ok keeps the read's promise (length, range, id, list of known names); absent
// required params fail; the first failure is the one reported, names its param, and
// travels as a well-formed invalid_params error.

#include "fuzzsupport.h"

#include "core/domain/enums.h"
#include "core/routing/assignment.h"
#include "server/rpc/params.h"

#include <QJsonDocument>

using namespace Atiende;
using namespace Atiende::Core;
using Atiende::Server::Params;

namespace {

// Params with every read checked against its contract.
class CheckedParams
{
public:
    explicit CheckedParams(const QJsonObject &o)
        : m_object(o)
        , m_params(o)
    {
    }

    QString string(const QString &name, bool required, int maxLength = 1024 * 1024)
    {
        const bool wasOk = m_params.ok();
        const QString s = m_params.string(name, required, maxLength);
        if (wasOk && m_params.ok()) {
            FUZZ_CHECK(s.size() <= maxLength, name);
            FUZZ_CHECK(!required || m_object.value(name).isString(), name);
            FUZZ_CHECK(s == m_object.value(name).toString(), name);
        }
        after(name, wasOk);
        return s;
    }

    QString opId(bool required)
    {
        const bool wasOk = m_params.ok();
        const QString s = m_params.opId(required);
        if (wasOk && m_params.ok()) {
            FUZZ_CHECK(s.size() <= 64, s);
            FUZZ_CHECK(!required || !s.trimmed().isEmpty(), s);
            FUZZ_CHECK(!m_params.has(QStringLiteral("opId")) || !s.trimmed().isEmpty(), s);
        }
        after(QStringLiteral("opId"), wasOk);
        return s;
    }

    qint64 integer(const QString &name, bool required, qint64 min, qint64 max, qint64 fallback = 0)
    {
        const bool wasOk = m_params.ok();
        const qint64 v = m_params.integer(name, required, min, max, fallback);
        if (wasOk && m_params.ok()) {
            FUZZ_CHECK((v >= min && v <= max) || (!m_params.has(name) && v == fallback),
                QStringLiteral("%1 = %2").arg(name).arg(v));
            if (m_params.has(name))
                FUZZ_CHECK(double(v) == m_object.value(name).toDouble(), name);
        }
        after(name, wasOk);
        return v;
    }

    qint64 id(const QString &name, bool required)
    {
        const bool wasOk = m_params.ok();
        const qint64 v = m_params.id(name, required);
        if (wasOk && m_params.ok()) {
            FUZZ_CHECK(v >= (required ? 1 : 0) && v <= 9007199254740991LL,
                QStringLiteral("%1 = %2").arg(name).arg(v));
            FUZZ_CHECK(v == 0 || double(v) == m_object.value(name).toDouble(), name);
        }
        after(name, wasOk);
        return v;
    }

    bool boolean(const QString &name, bool fallback)
    {
        const bool wasOk = m_params.ok();
        const bool v = m_params.boolean(name, fallback);
        if (wasOk && m_params.ok() && m_params.has(name))
            FUZZ_CHECK(m_object.value(name).isBool() && v == m_object.value(name).toBool(), name);
        after(name, wasOk);
        return v;
    }

    QJsonObject object(const QString &name, bool required)
    {
        const bool wasOk = m_params.ok();
        const QJsonObject v = m_params.object(name, required);
        if (wasOk && m_params.ok())
            FUZZ_CHECK(v == m_object.value(name).toObject(), name);
        after(name, wasOk);
        return v;
    }

    template <typename E> std::optional<E> enumValue(const QString &name, bool required)
    {
        const bool wasOk = m_params.ok();
        const std::optional<E> v = m_params.enumValue<E>(name, required);
        if (wasOk && m_params.ok()) {
            FUZZ_CHECK(!required || v, name);
            FUZZ_CHECK(!v || wireName(*v) == m_object.value(name).toString(), name);
        }
        if (wasOk && !m_params.ok())
            FUZZ_CHECK(!v, name);
        after(name, wasOk);
        return v;
    }

    template <typename E> QList<E> enumList(const QString &name)
    {
        const bool wasOk = m_params.ok();
        const QList<E> v = m_params.enumList<E>(name);
        if (wasOk && m_params.ok()) {
            // Each value once, in the order first given: repeats are ignored (docs/protocol.md).
            const QJsonValue raw = m_object.value(name);
            QStringList distinct;
            for (const QJsonValue &item : raw.isArray() ? raw.toArray() : QJsonArray { raw }) {
                if (!item.isUndefined() && !item.isNull() && !distinct.contains(item.toString()))
                    distinct << item.toString();
            }
            FUZZ_CHECK(v.size() == distinct.size(), name);
            for (qsizetype i = 0; i < v.size(); ++i)
                FUZZ_CHECK(wireName(v.at(i)) == distinct.at(i), name);
            for (E e : v)
                FUZZ_CHECK(fromString<E>(wireName(e)) == e, name);
        }
        if (!m_params.ok())
            FUZZ_CHECK(v.isEmpty() || wasOk == false, name);
        after(name, wasOk);
        return v;
    }

    QList<qint64> idList(const QString &name)
    {
        const bool wasOk = m_params.ok();
        const QList<qint64> v = m_params.idList(name);
        if (wasOk && m_params.ok()) {
            for (qint64 id : v)
                FUZZ_CHECK(id >= 1, QStringLiteral("%1 holds %2").arg(name).arg(id));
        }
        after(name, wasOk);
        return v;
    }

    bool ok() const { return m_params.ok(); }

    // Ends a method's reads: the error it would answer with, and (onTheWire) that error as
    // a frame read back.
    void finish(bool onTheWire = true) const
    {
        if (m_params.ok())
            return;
        const Core::Protocol::RpcError e = m_params.error();
        FUZZ_CHECK(e.code == Core::Protocol::ErrorCode::InvalidParams, QString());
        FUZZ_CHECK(!e.message.isEmpty(), QString());
        FUZZ_CHECK(e.data.value(QStringLiteral("param")).toString() == m_firstFailure,
            e.data.value(QStringLiteral("param")).toString() + QStringLiteral(" != ")
                + m_firstFailure);
        if (!onTheWire)
            return;
        const QByteArray frame = Core::Protocol::JsonRpc::error(QJsonValue(1), e);
        Core::Protocol::RpcMessage back;
        Core::Protocol::RpcError parseError;
        QJsonValue id;
        FUZZ_CHECK(Core::Protocol::JsonRpc::parse(frame, &back, &parseError, &id),
            QString::fromUtf8(frame));
        FUZZ_CHECK(back.error.message == e.message, QString::fromUtf8(frame));
    }

private:
    void after(const QString &name, bool wasOk)
    {
        if (wasOk && !m_params.ok())
            m_firstFailure = name;
        if (!wasOk)
            FUZZ_CHECK(!m_params.ok()
                    && m_params.error().data.value(QStringLiteral("param")).toString()
                        == m_firstFailure,
                QStringLiteral("a later read (%1) replaced the first failure (%2)")
                    .arg(name, m_firstFailure));
    }

    QJsonObject m_object;
    Params m_params;
    QString m_firstFailure;
};

// The reads of the protocol's methods, as rpcmethods.cpp makes them. The first error is also
// sent over the wire and read back (one is enough: they are all made the same way).
void methods(const QJsonObject &o)
{
    bool sent = false;
    auto finish = [&sent](const CheckedParams &p) {
        p.finish(!sent);
        sent = sent || !p.ok();
    };
    { // hello
        CheckedParams p(o);
        p.integer(QStringLiteral("protocol"), true, 0, 1000000);
        p.string(QStringLiteral("client"), false, 200);
        finish(p);
    }
    { // auth.login
        CheckedParams p(o);
        p.string(QStringLiteral("user"), true, 64);
        p.string(QStringLiteral("password"), true, 1024);
        finish(p);
    }
    { // tickets.query
        CheckedParams p(o);
        p.idList(QStringLiteral("groupId"));
        p.enumList<TicketStatus>(QStringLiteral("status"));
        p.enumList<Priority>(QStringLiteral("priority"));
        if (o.contains(QStringLiteral("assigneeId")))
            p.id(QStringLiteral("assigneeId"), false);
        p.id(QStringLiteral("customerId"), false);
        p.id(QStringLiteral("organisationId"), false);
        p.string(QStringLiteral("text"), false, 500);
        p.boolean(QStringLiteral("openOnly"), false);
        p.string(QStringLiteral("sort"), false, 32);
        p.string(QStringLiteral("order"), false, 8);
        p.integer(QStringLiteral("offset"), false, 0, 100000000, 0);
        p.integer(QStringLiteral("limit"), false, 1, 200, 50);
        finish(p);
    }
    { // tickets.create
        CheckedParams p(o);
        p.enumValue<TicketType>(QStringLiteral("type"), true);
        p.string(QStringLiteral("subject"), true, 10000);
        p.string(QStringLiteral("description"), false);
        p.enumValue<Level>(QStringLiteral("impact"), false);
        p.enumValue<Level>(QStringLiteral("urgency"), false);
        p.enumValue<Channel>(QStringLiteral("channel"), false);
        p.id(QStringLiteral("categoryId"), false);
        p.id(QStringLiteral("groupId"), false);
        p.id(QStringLiteral("customerId"), false);
        p.id(QStringLiteral("assigneeId"), false);
        p.opId(false);
        finish(p);
    }
    { // tickets.update
        CheckedParams p(o);
        p.id(QStringLiteral("id"), true);
        p.integer(QStringLiteral("baseVersion"), true, 1, 2000000000);
        p.opId(true);
        p.object(QStringLiteral("fields"), true);
        finish(p);
    }
    { // tickets.addArticle
        CheckedParams p(o);
        p.id(QStringLiteral("ticketId"), true);
        p.enumValue<ArticleKind>(QStringLiteral("kind"), true);
        p.string(QStringLiteral("body"), true);
        p.opId(false);
        finish(p);
    }
    { // sync.pull
        CheckedParams p(o);
        p.integer(QStringLiteral("since"), true, 0, 9007199254740991LL);
        p.integer(QStringLiteral("limit"), false, 1, 1000, 200);
        finish(p);
    }
    { // groups.assignment.set, presence.set
        CheckedParams p(o);
        p.id(QStringLiteral("groupId"), true);
        p.enumValue<AssignmentStrategy>(QStringLiteral("assignment"), true);
        p.enumValue<Presence>(QStringLiteral("presence"), true);
        finish(p);
    }
    { // groups.members.set, dashboard scope
        CheckedParams p(o);
        p.id(QStringLiteral("groupId"), true);
        p.idList(QStringLiteral("agentIds"));
        p.idList(QStringLiteral("groupIds"));
        finish(p);
    }
}

// Every reader on every param: whatever type a value has, each reader answers or refuses.
void everyReaderOnEveryParam(const QJsonObject &o)
{
    // The first few params are enough: the fuzzer moves any value to the front.
    const QStringList keys = o.keys();
    for (qsizetype i = 0; i < keys.size() && i < 4; ++i) {
        const QString &key = keys.at(i);
        const bool required = i % 2 == 1;
        {
            CheckedParams p(o);
            p.string(key, required, 16);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.integer(key, required, -1000, 1000, 7);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.integer(key, required, std::numeric_limits<qint64>::min(),
                std::numeric_limits<qint64>::max());
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.id(key, required);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.object(key, required);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.enumValue<Priority>(key, required);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.boolean(key, true);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.enumList<TicketStatus>(key);
            p.finish(false);
        }
        {
            CheckedParams p(o);
            p.idList(key);
            p.finish(false);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The params object exactly as JsonRpc::parse hands it to a method.
    const QJsonDocument doc = QJsonDocument::fromJson(Atiende::Fuzz::rawBytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject params = doc.object();
    methods(params);
    everyReaderOnEveryParam(params);
    return 0;
}
