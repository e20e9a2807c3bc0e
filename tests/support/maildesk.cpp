#include "maildesk.h"

#include "mailservers.h"
#include "serverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Atiende::Test {

bool addDeskMailbox(ServerProcess &server, const DovecotServer &dovecot, const SmtpSink &smtp,
    const QString &address, const QString &password, const QString &group, QString *error)
{
    const QJsonObject account {
        { QStringLiteral("name"), QStringLiteral("soporte") },
        { QStringLiteral("address"), address },
        { QStringLiteral("displayName"), QStringLiteral("Soporte") },
        { QStringLiteral("group"), group },
        { QStringLiteral("imap"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), dovecot.port() },
                { QStringLiteral("security"), QStringLiteral("none") },
                { QStringLiteral("user"), address }, { QStringLiteral("password"), password },
                { QStringLiteral("batchSize"), 50 } } },
        { QStringLiteral("smtp"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), smtp.port() },
                { QStringLiteral("security"), QStringLiteral("none") } } },
    };
    const QString file = QDir(server.dataDir()).filePath(QStringLiteral("soporte.json"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(account).toJson()) <= 0) {
        *error = QStringLiteral("cannot write %1").arg(file);
        return false;
    }
    f.close();
    QString output;
    const int code
        = server.runCommand({ QStringLiteral("mail"), QStringLiteral("--file"), file }, &output);
    QFile::remove(file); // it held the password
    if (code != 0 || !output.contains(QStringLiteral("added soporte"))) {
        *error = QStringLiteral("atiended mail: %1").arg(output);
        return false;
    }
    return true;
}

QByteArray composeMail(const TestMail &mail)
{
    QString text = QStringLiteral("From: %1\r\nTo: Soporte <%2>\r\n").arg(mail.from, mail.to);
    if (!mail.cc.isEmpty())
        text += QStringLiteral("Cc: %1\r\n").arg(mail.cc.join(QStringLiteral(", ")));
    text += QStringLiteral("Subject: %1\r\nDate: Mon, 07 Dec 2026 09:30:00 +0100\r\n"
                           "Message-ID: <%2>\r\n")
                .arg(mail.subject, mail.messageId);
    if (!mail.inReplyTo.isEmpty())
        text += QStringLiteral("In-Reply-To: %1\r\nReferences: %1\r\n").arg(mail.inReplyTo);
    text += QStringLiteral("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           "Content-Transfer-Encoding: 8bit\r\n\r\n");
    QString body = mail.body;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    body.replace(QLatin1Char('\n'), QStringLiteral("\r\n"));
    text += body + QStringLiteral("\r\n");
    return text.toUtf8();
}

QString mailHeader(const QByteArray &raw, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^%1:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)$")
                                    .arg(QRegularExpression::escape(name)),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromUtf8(raw));
    return m.hasMatch() ? m.captured(1).simplified() : QString();
}

} // namespace Atiende::Test
