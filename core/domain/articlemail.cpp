#include "articlemail.h"

#include "timestamp.h"

#include <QJsonArray>

namespace Atiende::Core {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList fromArray(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray()) {
        if (e.isString())
            out << e.toString();
    }
    return out;
}

} // namespace

QString wireName(ArticleMail::State s)
{
    switch (s) {
    case ArticleMail::State::None:
        return QString();
    case ArticleMail::State::Queued:
        return QStringLiteral("queued");
    case ArticleMail::State::Sent:
        return QStringLiteral("sent");
    case ArticleMail::State::Failed:
        return QStringLiteral("failed");
    case ArticleMail::State::Bounced:
        return QStringLiteral("bounced");
    }
    return QString();
}

QJsonObject ArticleMail::toJson() const
{
    QJsonObject o {
        { QStringLiteral("direction"),
            direction == Direction::In ? QStringLiteral("in") : QStringLiteral("out") },
        { QStringLiteral("from"), from },
        { QStringLiteral("to"), toArray(to) },
        { QStringLiteral("cc"), toArray(cc) },
        { QStringLiteral("subject"), subject },
    };
    if (direction == Direction::In) {
        o.insert(QStringLiteral("threadedBy"), threadedBy);
        o.insert(QStringLiteral("automatic"), automatic);
        o.insert(QStringLiteral("note"), note);
        o.insert(QStringLiteral("hasQuoted"), hasQuoted);
        o.insert(QStringLiteral("hasHtml"), hasHtml);
    } else {
        o.insert(QStringLiteral("state"), wireName(state));
        o.insert(QStringLiteral("error"), error);
        o.insert(QStringLiteral("attempts"), attempts);
        o.insert(QStringLiteral("sentAt"), Timestamp::toJson(sentAt));
    }
    return o;
}

ArticleMail ArticleMail::fromJson(const QJsonObject &o)
{
    ArticleMail m;
    m.direction = o.value(QStringLiteral("direction")).toString() == QLatin1String("out")
        ? Direction::Out
        : Direction::In;
    m.from = o.value(QStringLiteral("from")).toString();
    m.to = fromArray(o.value(QStringLiteral("to")));
    m.cc = fromArray(o.value(QStringLiteral("cc")));
    m.subject = o.value(QStringLiteral("subject")).toString();
    if (m.direction == Direction::In) {
        m.threadedBy = o.value(QStringLiteral("threadedBy")).toString();
        m.automatic = o.value(QStringLiteral("automatic")).toString();
        m.note = o.value(QStringLiteral("note")).toString();
        m.hasQuoted = o.value(QStringLiteral("hasQuoted")).toBool();
        m.hasHtml = o.value(QStringLiteral("hasHtml")).toBool();
    } else {
        const QString state = o.value(QStringLiteral("state")).toString();
        m.state = state == QLatin1String("sent") ? State::Sent
            : state == QLatin1String("failed")   ? State::Failed
            : state == QLatin1String("bounced")  ? State::Bounced
                                                 : State::Queued;
        m.error = o.value(QStringLiteral("error")).toString();
        m.attempts = o.value(QStringLiteral("attempts")).toInt();
        m.sentAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("sentAt"))));
    }
    return m;
}

} // namespace Atiende::Core
