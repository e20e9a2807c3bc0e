#pragma once
// The settings of one desk mailbox: where its mail is read (IMAP) and sent from (SMTP). The
// passwords are given here in clear; MailStore keeps them encrypted and never logs them.

#include <QString>
#include <QtGlobal>

namespace Atiende::Server::Mail {

enum class Security {
    None, // plain text (loopback tests only; refused for other hosts by the admin command)
    StartTls, // plain connection upgraded with STARTTLS before signing in (required, not optional)
    Tls, // TLS from the first byte (IMAPS 993, SMTPS 465)
};

struct ImapSettings
{
    QString host;
    quint16 port = 993;
    Security security = Security::Tls;
    QString user;
    QString password;
    QString folder = QStringLiteral("INBOX");
    QString doneFolder; // where read mail is moved after its commit; empty: flagged \Seen, left
    QString caFile; // PEM of extra trusted certificates (a site's own CA, or the server's own
                    // self-signed certificate); the system's authorities are trusted as well
    bool verifyPeer = true;
    int pollIntervalMs = 60000; // without IDLE, and IDLE renewed at most every this long
    int batchSize = 100; // messages fetched per batch (fewer when their bodies pass 64 MiB)
};

struct SmtpSettings
{
    QString host;
    quint16 port = 587;
    Security security = Security::StartTls;
    QString user; // empty: no AUTH
    QString password;
    QString caFile;
    bool verifyPeer = true;
};

} // namespace Atiende::Server::Mail
