#include "mailadmin.h"

#include "server/mail/accountjson.h"
#include "server/mail/mailsecrets.h"
#include "server/rpc/params.h"
#include "server/store/store.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace Atiende::Server::MailAdmin {

using Core::Protocol::ErrorCode;

namespace {

OpResult refuse(const QString &field, const QString &message)
{
    return OpResult::failure(
        ErrorCode::ValidationFailed, message, { { QStringLiteral("field"), field } });
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

QJsonObject publicJson(const MailAccountRow &a)
{
    QJsonObject imap = a.imap;
    imap.insert(QStringLiteral("passwordSet"), !a.imapSecret.isEmpty());
    QJsonObject smtp = a.smtp;
    if (!smtp.isEmpty())
        smtp.insert(QStringLiteral("passwordSet"), !a.smtpSecret.isEmpty());
    return { { QStringLiteral("id"), double(a.id) }, { QStringLiteral("name"), a.name },
        { QStringLiteral("address"), a.address }, { QStringLiteral("displayName"), a.displayName },
        { QStringLiteral("groupId"), double(a.groupId) }, { QStringLiteral("enabled"), a.enabled },
        { QStringLiteral("imap"), imap }, { QStringLiteral("smtp"), smtp },
        { QStringLiteral("uidValidity"), double(a.uidValidity) },
        { QStringLiteral("lastUid"), double(a.lastUid) } };
}

} // namespace

OpResult save(Store &s, const Caller &caller, const QJsonObject &params, qint64 now)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins may change the desk's mailboxes."));
    Params p(params);
    const QString name = p.string(QStringLiteral("name"), true, 64).trimmed();
    if (!p.ok())
        return OpResult { false, {}, p.error(), {}, false, false };
    static const QRegularExpression nameForm(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    if (!nameForm.match(name).hasMatch())
        return refuse(QStringLiteral("name"),
            QStringLiteral("A mailbox's name is 1 to 64 lower-case letters, digits, dots, "
                           "dashes or underscores, such as \"support\"."));

    const std::optional<MailAccountRow> existing = s.mail().accountByName(name);
    MailAccountRow a = existing.value_or(MailAccountRow());
    a.name = name;
    if (!existing)
        a.createdAt = now;
    if (params.contains(QStringLiteral("address")))
        a.address = params.value(QStringLiteral("address")).toString().trimmed().toLower();
    static const QRegularExpression addressForm(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!addressForm.match(a.address).hasMatch())
        return refuse(QStringLiteral("address"),
            QStringLiteral("\"address\" must be the mailbox's e-mail address, such as "
                           "soporte@example.com."));
    if (params.contains(QStringLiteral("displayName")))
        a.displayName = params.value(QStringLiteral("displayName")).toString().trimmed().left(200);
    if (params.contains(QStringLiteral("groupId")))
        a.groupId = params.value(QStringLiteral("groupId")).toInteger();
    if (params.contains(QStringLiteral("group"))) {
        const QString groupName = params.value(QStringLiteral("group")).toString();
        a.groupId = 0;
        for (const Core::Group &g : s.directory().groups()) {
            if (g.name.compare(groupName, Qt::CaseInsensitive) == 0)
                a.groupId = g.id;
        }
        if (!a.groupId)
            return refuse(QStringLiteral("group"),
                QStringLiteral("There is no group named \"%1\".").arg(groupName));
    }
    if (!a.groupId || !s.directory().group(a.groupId))
        return refuse(QStringLiteral("groupId"),
            QStringLiteral("A mailbox feeds a group: give \"group\" (its name) or \"groupId\"."));
    if (params.contains(QStringLiteral("enabled")))
        a.enabled = params.value(QStringLiteral("enabled")).toBool(a.enabled);

    QString error;
    const auto secrets = Mail::MailSecrets::forDatabase(s.sql().db().databaseName(), &error);
    if (!secrets)
        return OpResult::failure(ErrorCode::InternalError, error);

    if (params.contains(QStringLiteral("imap"))) {
        QJsonObject given = params.value(QStringLiteral("imap")).toObject();
        QString problem;
        const Mail::ImapSettings imap = Mail::imapFromJson(given, &problem);
        if (!problem.isEmpty())
            return refuse(QStringLiteral("imap"), QStringLiteral("imap.%1").arg(problem));
        if (imap.security == Mail::Security::None && !isLoopback(imap.host))
            return refuse(QStringLiteral("imap"),
                QStringLiteral("imap.security: a plain-text connection is only allowed to this "
                               "machine; use starttls or tls for %1.")
                    .arg(imap.host));
        if (given.contains(QStringLiteral("password")))
            a.imapSecret = secrets->seal(given.value(QStringLiteral("password")).toString());
        a.imap = Mail::toJson(imap);
    }
    if (a.imap.isEmpty())
        return refuse(QStringLiteral("imap"),
            QStringLiteral("A mailbox needs its IMAP settings: \"imap\": {\"host\", \"port\", "
                           "\"security\", \"user\", \"password\"}."));
    if (params.contains(QStringLiteral("smtp"))) {
        QJsonObject given = params.value(QStringLiteral("smtp")).toObject();
        QString problem;
        const Mail::SmtpSettings smtp = Mail::smtpFromJson(given, &problem);
        if (!problem.isEmpty())
            return refuse(QStringLiteral("smtp"), QStringLiteral("smtp.%1").arg(problem));
        if (smtp.security == Mail::Security::None && !isLoopback(smtp.host))
            return refuse(QStringLiteral("smtp"),
                QStringLiteral("smtp.security: a plain-text connection is only allowed to this "
                               "machine; use starttls or tls for %1.")
                    .arg(smtp.host));
        if (given.contains(QStringLiteral("password")))
            a.smtpSecret = secrets->seal(given.value(QStringLiteral("password")).toString());
        a.smtp = Mail::toJson(smtp);
    }

    if (existing) {
        if (!s.mail().updateAccount(a))
            return OpResult::failure(ErrorCode::InternalError);
    } else {
        a.id = s.mail().insertAccount(a);
        if (!a.id)
            return OpResult::failure(ErrorCode::InternalError);
    }
    return OpResult::success(QJsonObject {
        { QStringLiteral("account"), publicJson(a) }, { QStringLiteral("created"), !existing } });
}

OpResult list(Store &s, const Caller &caller)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins may see the desk's mailboxes."));
    QJsonArray out;
    for (const MailAccountRow &a : s.mail().accounts())
        out.append(publicJson(a));
    return OpResult::success(QJsonObject { { QStringLiteral("accounts"), out } });
}

} // namespace Atiende::Server::MailAdmin
