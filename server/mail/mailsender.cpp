#include "mailsender.h"

#include "accountjson.h"
#include "mailarticles.h"
#include "mimewriter.h"
#include "smtpclient.h"

#include "server/files/blobstore.h"
#include "server/logging.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/mail/automail.h"
#include "core/mail/messagetoken.h"
#include "core/mail/subjecttag.h"

#include <QFile>
#include <QJsonArray>
#include <QPointer>
#include <QtConcurrent>

namespace Atiende::Server::Mail {

namespace {

// Everything one mail needs, read on the writer.
struct Prepared
{
    OutboxRow row;
    MailAccountRow account;
    QString number;
    QString subject;
    QString customerName;
    QString language = QStringLiteral("en");
    QString body; // the article's (a reply)
    QList<Core::Attachment> files;
    QString inReplyTo;
    QStringList references;
    qint64 tokenArticleId = 0; // the article our Message-ID names (an acknowledgement: the first)
};

struct Result
{
    qint64 outboxId = 0;
    qint64 ticketId = 0;
    qint64 articleId = 0;
    QString messageId;
    QString to;
    QJsonObject recipients;
    QString subject;
    SmtpOutcome outcome;
    int attempts = 0;
};

QString htmlOf(const QString &text)
{
    QStringList paragraphs;
    for (const QString &p : text.split(QStringLiteral("\n\n"))) {
        QString escaped = p.toHtmlEscaped();
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        paragraphs << QStringLiteral("<p>%1</p>").arg(escaped);
    }
    return QStringLiteral("<!DOCTYPE html><html><body>%1</body></html>")
        .arg(paragraphs.join(QString()));
}

QString hostOf(const QString &address, const QString &fallback)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at > 0 ? address.mid(at + 1) : fallback;
}

OutgoingMail compose(const Prepared &p, const MailSecrets &secrets, const QString &fallbackHost,
    BlobStore &blobs, QString *problem)
{
    OutgoingMail m;
    m.from = Address { p.account.displayName, p.account.address };
    for (const QJsonValue &v : p.row.recipients.value(QStringLiteral("to")).toArray())
        m.to << Address { QString(), v.toString() };
    for (const QJsonValue &v : p.row.recipients.value(QStringLiteral("cc")).toArray())
        m.cc << Address { QString(), v.toString() };
    m.messageId = Core::Mail::MessageToken::make(p.row.ticketId, p.tokenArticleId,
        secrets.tokenKey(), hostOf(p.account.address, fallbackHost));
    if (!p.inReplyTo.isEmpty())
        m.inReplyTo << p.inReplyTo;
    m.references = p.references;
    m.date = Core::Timestamp::now();
    m.headers << qMakePair(QString::fromLatin1(Core::Mail::kLoopHeader), secrets.loopId());
    const QString signature
        = p.account.displayName.isEmpty() ? p.account.address : p.account.displayName;
    const bool spanish = p.language.startsWith(QLatin1String("es"));
    if (p.row.kind == QLatin1String("ack")) {
        m.headers << qMakePair(QStringLiteral("Auto-Submitted"), QStringLiteral("auto-replied"))
                  << qMakePair(QStringLiteral("X-Auto-Response-Suppress"), QStringLiteral("All"));
        m.subject = Core::Mail::SubjectTag::tagged(p.number,
            (spanish ? QStringLiteral("Hemos recibido su solicitud: %1")
                     : QStringLiteral("We have received your request: %1"))
                .arg(p.subject),
            false);
        m.text = spanish
            ? QStringLiteral("Hola %1:\n\nHemos recibido su mensaje y abierto la solicitud %2. Le "
                             "responderemos lo antes posible.\n\nSi quiere añadir algo, responda "
                             "a este correo y mantenga %2 en el asunto.\n\n%3\n")
                  .arg(p.customerName, p.number, signature)
            : QStringLiteral("Hello %1,\n\nWe have received your message and opened request %2. "
                             "We will answer as soon as we can.\n\nTo add anything, reply to "
                             "this e-mail and keep %2 in the subject.\n\n%3\n")
                  .arg(p.customerName, p.number, signature);
    } else {
        m.subject = Core::Mail::SubjectTag::tagged(p.number, p.subject, true);
        m.text = p.body + QStringLiteral("\n\n-- \n%1\n").arg(signature);
        for (const Core::Attachment &a : p.files) {
            QFile f(blobs.pathOf(a.sha256));
            if (!f.open(QIODevice::ReadOnly)) {
                *problem = QStringLiteral("the file %1 cannot be read").arg(a.name);
                return m;
            }
            m.files << OutgoingFile { a.name, a.mediaType, f.readAll() };
        }
    }
    m.html = htmlOf(m.text);
    return m;
}

QStringList recipientsOf(const QJsonObject &r)
{
    QStringList out;
    for (const QString &key : { QStringLiteral("to"), QStringLiteral("cc") }) {
        for (const QJsonValue &v : r.value(key).toArray())
            out << v.toString();
    }
    return out;
}

} // namespace

MailSender::MailSender(MailSecrets secrets, BlobStore &blobs, std::function<void(WriteJob)> submit,
    Options options, QObject *parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_blobs(blobs)
    , m_submit(std::move(submit))
    , m_options(options)
{
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(QStringLiteral("atiende-smtp"));
    connect(&m_timer, &QTimer::timeout, this, &MailSender::poll);
}

MailSender::~MailSender()
{
    stop();
}

void MailSender::start()
{
    m_timer.start(m_options.pollMs);
    kick();
}

void MailSender::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_timer.stop();
    m_pool.waitForDone();
}

void MailSender::kick()
{
    QMetaObject::invokeMethod(this, &MailSender::poll, Qt::QueuedConnection);
}

void MailSender::poll()
{
    if (m_stopped)
        return;
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    m_again = false;
    auto batch = std::make_shared<QList<Prepared>>();
    const int limit = m_options.batch;
    WriteJob read;
    read.apply = [batch, limit](Store &s) {
        for (const OutboxRow &row : s.mail().dueMail(Core::Timestamp::now(), limit)) {
            Prepared p;
            p.row = row;
            const auto account = s.mail().account(row.accountId);
            const auto ticket = s.tickets().ticket(row.ticketId);
            if (!account || !ticket)
                continue;
            p.account = *account;
            p.number = ticket->number;
            p.subject = ticket->subject;
            if (const auto c
                = ticket->customerId ? s.directory().customer(ticket->customerId) : std::nullopt) {
                p.customerName = c->name;
                p.language = c->language;
            }
            if (row.articleId) {
                if (const auto a = s.tickets().article(row.articleId)) {
                    p.body = a->body;
                    p.files = a->attachments;
                }
                p.tokenArticleId = row.articleId;
            } else {
                // An acknowledgement speaks for the ticket's first message.
                const QList<Core::Article> articles = s.tickets().articles(row.ticketId);
                p.tokenArticleId = articles.isEmpty() ? 0 : articles.first().id;
            }
            if (!p.tokenArticleId)
                continue;
            p.inReplyTo = s.mail().lastInboundMessageId(row.ticketId);
            p.references = s.mail().messageIdsOfTicket(row.ticketId, 20);
            *batch << p;
        }
        return OpResult::success(QJsonValue());
    };
    QPointer<MailSender> self(this);
    read.done = [this, self, batch](const OpResult &) {
        if (!self || m_stopped)
            return;
        if (batch->isEmpty()) {
            m_busy = false;
            if (m_again)
                kick();
            return;
        }
        const MailSecrets secrets = m_secrets;
        const QString host = m_options.tokenHost;
        BlobStore *blobs = &m_blobs;
        auto future = QtConcurrent::run(&m_pool, [batch, secrets, host, blobs] {
            QList<Result> results;
            for (const Prepared &p : std::as_const(*batch)) {
                Result r;
                r.outboxId = p.row.id;
                r.ticketId = p.row.ticketId;
                r.articleId = p.row.articleId;
                r.to = p.row.toAddress;
                r.recipients = p.row.recipients;
                r.attempts = p.row.attempts + 1;
                QString problem;
                const OutgoingMail mail = compose(p, secrets, host, *blobs, &problem);
                // Kept as received mail's ids are: without the angle brackets.
                r.messageId = mail.messageId;
                if (r.messageId.startsWith(QLatin1Char('<'))
                    && r.messageId.endsWith(QLatin1Char('>')))
                    r.messageId = r.messageId.mid(1, r.messageId.size() - 2);
                r.subject = mail.subject;
                QString error;
                QString settingsProblem;
                SmtpSettings smtp = smtpFromJson(p.account.smtp, &settingsProblem);
                const auto password = secrets.unseal(p.account.smtpSecret);
                if (!problem.isEmpty()) {
                    r.outcome.error = problem;
                } else if (p.account.smtp.isEmpty() || !settingsProblem.isEmpty()) {
                    r.outcome.error = QStringLiteral("the mailbox %1 has no usable SMTP settings%2")
                                          .arg(p.account.name,
                                              settingsProblem.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral(" (%1)").arg(settingsProblem));
                } else if (!password) {
                    r.outcome.error = QStringLiteral("the SMTP password of %1 was sealed with "
                                                     "another mail key; set it again")
                                          .arg(p.account.name);
                } else {
                    smtp.password = *password;
                    r.outcome = sendSmtp(smtp, p.account.address, recipientsOf(p.row.recipients),
                        MimeWriter::write(mail));
                }
                results << r;
            }
            return results;
        });
        future.then(this, [this, self](const QList<Result> &results) {
            if (!self)
                return;
            const QList<qint64> backoff = m_options.backoffMs;
            WriteJob mark;
            mark.apply = [results, backoff](Store &s) {
                const qint64 now = Core::Timestamp::now();
                OpResult out = OpResult::success(QJsonValue());
                for (const Result &r : results) {
                    if (r.outcome.ok) {
                        MailMessageRow m;
                        m.messageId = r.messageId;
                        m.direction = QStringLiteral("out");
                        m.accountId = 0;
                        m.ticketId = r.ticketId;
                        m.articleId = r.articleId;
                        m.threadedBy = QStringLiteral("sent");
                        m.recipients = r.recipients;
                        m.subject = r.subject;
                        m.createdAt = now;
                        if (!s.mail().markSent(r.outboxId, r.messageId, now))
                            return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
                        // Sent again after a crash: the Message-ID is already there.
                        if (!s.mail().message(r.messageId) && !s.mail().insertMessage(m))
                            return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
                        // The reply shows it went out (the consoles get the article again).
                        OpResult shown = MailArticles::outboxChanged(s, r.outboxId);
                        if (!shown.ok)
                            return shown;
                        out.changes += shown.changes;
                        continue;
                    }
                    const bool final = r.outcome.permanent || r.attempts > backoff.size();
                    const qint64 next
                        = now + (final ? 0 : backoff.value(r.attempts - 1, backoff.last()));
                    if (!s.mail().markFailed(r.outboxId, r.attempts, next, r.outcome.error, final))
                        return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
                    // Each try shows on the reply: its attempts and error, failed when final.
                    OpResult shown = MailArticles::outboxChanged(s, r.outboxId);
                    if (!shown.ok)
                        return shown;
                    out.changes += shown.changes;
                    if (final) {
                        OpResult e = s.tickets().addSystemEvent(r.ticketId,
                            QStringLiteral("The mail to %1 could not be sent: %2")
                                .arg(r.to, r.outcome.error),
                            { { QStringLiteral("event"), QStringLiteral("mailFailed") },
                                { QStringLiteral("outboxId"), double(r.outboxId) },
                                { QStringLiteral("articleId"), double(r.articleId) } },
                            now);
                        if (!e.ok)
                            return e;
                        out.changes += e.changes;
                    }
                }
                return out;
            };
            mark.done = [this, self, results](const OpResult &r) {
                if (!self)
                    return;
                for (const Result &res : results) {
                    if (res.outcome.ok) {
                        ++m_sent;
                        emit mailSent(res.outboxId, res.messageId);
                    } else {
                        ++m_failures;
                        const bool final
                            = res.outcome.permanent || res.attempts > m_options.backoffMs.size();
                        qCWarning(lcServer).noquote()
                            << "mail: not sent to" << res.to << "-" << res.outcome.error;
                        emit mailFailed(res.outboxId, res.outcome.error, final);
                    }
                }
                if (!r.ok)
                    qCWarning(lcServer).noquote()
                        << "mail: the outcome of sending could not be written:" << r.error.message;
                m_busy = false;
                // More may be due (a full batch, or mail queued meanwhile).
                if (m_again || results.size() >= m_options.batch)
                    kick();
            };
            m_submit(std::move(mark));
        });
    };
    m_submit(std::move(read));
}

} // namespace Atiende::Server::Mail
