#pragma once
// Hands one message to an SMTP server (submission with STARTTLS, SMTPS, or plain text to this
// machine), with libcurl. Blocking: call it from a worker thread. The password never reaches a
// log or an error text.

#include "server/mail/mailaccount.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Atiende::Server::Mail {

struct SmtpOutcome
{
    bool ok = false;
    bool permanent = false; // the server refused for good (5xx): trying again will not help
    int code = 0; // the server's last reply code, 0 when it never answered
    QString error; // plain English, for the article and the log
};

SmtpOutcome sendSmtp(const SmtpSettings &settings, const QString &envelopeFrom,
    const QStringList &recipients, const QByteArray &message, int timeoutMs = 60000);

} // namespace Atiende::Server::Mail
