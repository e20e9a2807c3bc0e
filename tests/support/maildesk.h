#pragma once
// A desk mailbox for tests against a real atiended: the account added as an admin adds it
// (`atiended mail --file`), reading a Dovecot user and sending through an SMTP sink; and test
// messages written as a mail client would write them.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Atiende::Test {

class DovecotServer;
class ServerProcess;
class SmtpSink;

// Adds the mailbox "soporte" (address, password on dovecot; replies through smtp) feeding
// group, to a server that is not running yet. False with *error when the command fails.
bool addDeskMailbox(ServerProcess &server, const DovecotServer &dovecot, const SmtpSink &smtp,
    const QString &address, const QString &password, const QString &group, QString *error);

struct TestMail
{
    QString from; // "Núria Peña <nuria@ferreteria.example>"
    QString to; // the desk
    QStringList cc;
    QString subject;
    QString messageId; // without brackets
    QString body; // plain text, UTF-8
    QString inReplyTo; // with brackets, also the References
};
QByteArray composeMail(const TestMail &mail);

// A header of a raw message, unfolded ("" when absent).
QString mailHeader(const QByteArray &raw, const QString &name);

} // namespace Atiende::Test
