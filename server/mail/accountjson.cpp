#include "accountjson.h"

namespace Atiende::Server::Mail {

QString securityName(Security s)
{
    switch (s) {
    case Security::None:
        return QStringLiteral("none");
    case Security::StartTls:
        return QStringLiteral("starttls");
    case Security::Tls:
        return QStringLiteral("tls");
    }
    return QString();
}

std::optional<Security> securityFromName(const QString &name)
{
    for (const Security s : { Security::None, Security::StartTls, Security::Tls }) {
        if (name.compare(securityName(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

namespace {

template <typename Settings> void readCommon(const QJsonObject &o, Settings *s, QString *problem)
{
    s->host = o.value(QStringLiteral("host")).toString(s->host).trimmed();
    const int port = o.value(QStringLiteral("port")).toInt(s->port);
    if (port <= 0 || port > 65535)
        *problem = QStringLiteral("port: %1 is not a port").arg(port);
    s->port = quint16(port);
    const QString security
        = o.value(QStringLiteral("security")).toString(securityName(s->security));
    if (const auto parsed = securityFromName(security))
        s->security = *parsed;
    else
        *problem = QStringLiteral("security: %1 is not none, starttls or tls").arg(security);
    s->user = o.value(QStringLiteral("user")).toString(s->user);
    s->caFile = o.value(QStringLiteral("caFile")).toString(s->caFile);
    s->verifyPeer = o.value(QStringLiteral("verifyPeer")).toBool(s->verifyPeer);
    if (s->host.isEmpty() && problem->isEmpty())
        *problem = QStringLiteral("host: missing");
}

} // namespace

QJsonObject toJson(const ImapSettings &s)
{
    return { { QStringLiteral("host"), s.host }, { QStringLiteral("port"), s.port },
        { QStringLiteral("security"), securityName(s.security) },
        { QStringLiteral("user"), s.user }, { QStringLiteral("folder"), s.folder },
        { QStringLiteral("doneFolder"), s.doneFolder }, { QStringLiteral("caFile"), s.caFile },
        { QStringLiteral("verifyPeer"), s.verifyPeer },
        { QStringLiteral("pollIntervalMs"), s.pollIntervalMs },
        { QStringLiteral("batchSize"), s.batchSize } };
}

ImapSettings imapFromJson(const QJsonObject &o, QString *problem)
{
    ImapSettings s;
    problem->clear();
    readCommon(o, &s, problem);
    s.folder = o.value(QStringLiteral("folder")).toString(s.folder);
    s.doneFolder = o.value(QStringLiteral("doneFolder")).toString(s.doneFolder);
    s.pollIntervalMs = o.value(QStringLiteral("pollIntervalMs")).toInt(s.pollIntervalMs);
    s.batchSize = o.value(QStringLiteral("batchSize")).toInt(s.batchSize);
    if (problem->isEmpty() && (s.batchSize < 1 || s.batchSize > 1000))
        *problem = QStringLiteral("batchSize: 1 to 1000");
    if (problem->isEmpty() && s.pollIntervalMs < 1000)
        *problem = QStringLiteral("pollIntervalMs: at least 1000");
    return s;
}

QJsonObject toJson(const SmtpSettings &s)
{
    return { { QStringLiteral("host"), s.host }, { QStringLiteral("port"), s.port },
        { QStringLiteral("security"), securityName(s.security) },
        { QStringLiteral("user"), s.user }, { QStringLiteral("caFile"), s.caFile },
        { QStringLiteral("verifyPeer"), s.verifyPeer } };
}

SmtpSettings smtpFromJson(const QJsonObject &o, QString *problem)
{
    SmtpSettings s;
    problem->clear();
    readCommon(o, &s, problem);
    return s;
}

} // namespace Atiende::Server::Mail
