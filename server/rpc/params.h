#pragma once
// Reads a request's by-name params with their types checked. The first problem found becomes
// an invalid_params error naming the parameter; later reads are skipped. Unknown params are
// ignored, so a newer client can send optional fields an older server does not know yet.
// Lists are bounded (kMaxListItems unless a method says otherwise) and come back without
// repeats: no request can make a query's cost grow with a list it sent.

#include "core/domain/enums.h"
#include "core/protocol/jsonrpc.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace Atiende::Server {

class Params
{
public:
    explicit Params(const QJsonObject &params)
        : m_params(params)
    {
    }

    static constexpr int kMaxListItems = 100;

    bool ok() const { return m_error.isEmpty(); }
    Core::Protocol::RpcError error() const
    {
        return Core::Protocol::JsonRpc::makeError(Core::Protocol::ErrorCode::InvalidParams, m_error,
            { { QStringLiteral("param"), m_param } });
    }

    bool has(const QString &name) const
    {
        return m_params.contains(name) && !m_params.value(name).isNull();
    }

    QString string(const QString &name, bool required, int maxLength = 1024 * 1024)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("\"%1\" is required (a string).").arg(name));
            return QString();
        }
        if (!v.isString())
            return fail(name, QStringLiteral("\"%1\" must be a string.").arg(name)), QString();
        if (v.toString().size() > maxLength)
            return fail(name,
                       QStringLiteral("\"%1\" is longer than %2 characters.")
                           .arg(name)
                           .arg(maxLength)),
                   QString();
        return v.toString();
    }

    // An operation id: absent is fine where not required; present, it has 1-64 characters.
    QString opId(bool required)
    {
        const QString id = string(QStringLiteral("opId"), required, 64);
        if (ok() && m_params.contains(QStringLiteral("opId"))
            && !m_params.value(QStringLiteral("opId")).isNull() && id.trimmed().isEmpty())
            fail(QStringLiteral("opId"), QStringLiteral("\"opId\" must not be empty."));
        return id;
    }

    qint64 integer(const QString &name, bool required, qint64 min, qint64 max, qint64 fallback = 0)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("\"%1\" is required (an integer).").arg(name));
            return fallback;
        }
        const double d = v.toDouble();
        // In qint64's range before the cast: converting a double outside it is undefined.
        if (!v.isDouble() || !(d >= -9223372036854775808.0 && d < 9223372036854775808.0)
            || d != double(qint64(d)))
            return fail(name, QStringLiteral("\"%1\" must be an integer.").arg(name)), fallback;
        if (d < double(min) || d > double(max))
            return fail(name,
                       QStringLiteral("\"%1\" must be between %2 and %3.")
                           .arg(name)
                           .arg(min)
                           .arg(max)),
                   fallback;
        return qint64(d);
    }

    // A positive id; 0 when absent or null and not required.
    qint64 id(const QString &name, bool required)
    {
        return integer(name, required, required ? 1 : 0, 9007199254740991LL, 0);
    }

    bool boolean(const QString &name, bool fallback)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            return fail(name, QStringLiteral("\"%1\" must be true or false.").arg(name)), fallback;
        return v.toBool();
    }

    QJsonObject object(const QString &name, bool required)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("\"%1\" is required (an object).").arg(name));
            return {};
        }
        if (!v.isObject())
            return fail(name, QStringLiteral("\"%1\" must be an object.").arg(name)), QJsonObject();
        return v.toObject();
    }

    template <typename E> std::optional<E> enumValue(const QString &name, bool required)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name,
                    QStringLiteral("\"%1\" is required: one of %2.")
                        .arg(name, Core::wireNames<E>().join(QStringLiteral(", "))));
            return std::nullopt;
        }
        const auto e = v.isString() ? Core::fromString<E>(v.toString()) : std::nullopt;
        if (!e)
            fail(name,
                QStringLiteral("\"%1\" must be one of %2.")
                    .arg(name, Core::wireNames<E>().join(QStringLiteral(", "))));
        return e;
    }

    // A single value or an array of values of an enum, each once.
    template <typename E> QList<E> enumList(const QString &name)
    {
        QList<E> out;
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull())
            return out;
        const QJsonArray items = v.isArray() ? v.toArray() : QJsonArray { v };
        const int max = int(Core::wireNames<E>().size());
        if (items.size() > max)
            return fail(name,
                       QStringLiteral("\"%1\" lists %2 values; there are only %3.")
                           .arg(name)
                           .arg(items.size())
                           .arg(max)),
                   QList<E>();
        for (const QJsonValue &item : items) {
            const auto e = item.isString() ? Core::fromString<E>(item.toString()) : std::nullopt;
            if (!e)
                return fail(name,
                           QStringLiteral("\"%1\" must be one or a list of %2.")
                               .arg(name, Core::wireNames<E>().join(QStringLiteral(", ")))),
                       QList<E>();
            if (!out.contains(*e))
                out << *e;
        }
        return out;
    }

    // A single id or an array of ids (at most maxItems), each once, in the order first given.
    QList<qint64> idList(const QString &name, int maxItems = kMaxListItems)
    {
        QList<qint64> out;
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull())
            return out;
        const QJsonArray items = v.isArray() ? v.toArray() : QJsonArray { v };
        if (items.size() > maxItems)
            return fail(name,
                       QStringLiteral("\"%1\" lists %2 ids; at most %3 are allowed.")
                           .arg(name)
                           .arg(items.size())
                           .arg(maxItems)),
                   QList<qint64>();
        for (const QJsonValue &item : items) {
            const double d = item.toDouble();
            if (!item.isDouble() || d < 1 || d > 9007199254740991.0 || d != double(qint64(d)))
                return fail(name,
                           QStringLiteral("\"%1\" must be an id or a list of ids.").arg(name)),
                       QList<qint64>();
            if (!out.contains(qint64(d)))
                out << qint64(d);
        }
        return out;
    }

    // An array of strings (at most maxItems, each at most maxLength characters).
    QStringList stringList(const QString &name, bool required, int maxItems, int maxLength)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("\"%1\" is required (a list of strings).").arg(name));
            return {};
        }
        if (!v.isArray())
            return fail(name, QStringLiteral("\"%1\" must be a list of strings.").arg(name)),
                   QStringList();
        const QJsonArray items = v.toArray();
        if (items.size() > maxItems)
            return fail(name,
                       QStringLiteral("\"%1\" lists %2 items; at most %3 are allowed.")
                           .arg(name)
                           .arg(items.size())
                           .arg(maxItems)),
                   QStringList();
        QStringList out;
        for (const QJsonValue &item : items) {
            if (!item.isString())
                return fail(name, QStringLiteral("\"%1\" must be a list of strings.").arg(name)),
                       QStringList();
            if (item.toString().size() > maxLength)
                return fail(name,
                           QStringLiteral("An item of \"%1\" is longer than %2 characters.")
                               .arg(name)
                               .arg(maxLength)),
                       QStringList();
            out << item.toString();
        }
        return out;
    }

    // An array of objects (at most maxItems).
    QList<QJsonObject> objectList(const QString &name, bool required, int maxItems)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("\"%1\" is required (a list of objects).").arg(name));
            return {};
        }
        if (!v.isArray())
            return fail(name, QStringLiteral("\"%1\" must be a list of objects.").arg(name)),
                   QList<QJsonObject>();
        const QJsonArray items = v.toArray();
        if (items.size() > maxItems)
            return fail(name,
                       QStringLiteral("\"%1\" lists %2 items; at most %3 are allowed.")
                           .arg(name)
                           .arg(items.size())
                           .arg(maxItems)),
                   QList<QJsonObject>();
        QList<QJsonObject> out;
        for (const QJsonValue &item : items) {
            if (!item.isObject())
                return fail(name, QStringLiteral("\"%1\" must be a list of objects.").arg(name)),
                       QList<QJsonObject>();
            out << item.toObject();
        }
        return out;
    }

    // Fails with this message on this param (for rules beyond types).
    void refuse(const QString &param, const QString &message) { fail(param, message); }

private:
    void fail(const QString &param, const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_param = param;
        }
    }
    QJsonObject m_params;
    QString m_error;
    QString m_param;
};

} // namespace Atiende::Server
