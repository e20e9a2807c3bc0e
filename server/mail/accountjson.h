#pragma once
// Mailbox settings as the database and the admin protocol hold them (JSON without the
// password): {"host", "port", "security": "none" | "starttls" | "tls", "user", "folder",
// "doneFolder", "caFile", "verifyPeer", "pollIntervalMs", "batchSize"}.

#include "server/mail/mailaccount.h"

#include <QJsonObject>

namespace Atiende::Server::Mail {

QString securityName(Security s);
std::optional<Security> securityFromName(const QString &name);

QJsonObject toJson(const ImapSettings &s); // without the password
// Missing fields keep ImapSettings' defaults; *problem names the first bad field.
ImapSettings imapFromJson(const QJsonObject &o, QString *problem);
QJsonObject toJson(const SmtpSettings &s);
SmtpSettings smtpFromJson(const QJsonObject &o, QString *problem);

} // namespace Atiende::Server::Mail
