#include "smtpclient.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace Atiende::Server::Mail {

namespace {

struct Source
{
    const QByteArray *bytes;
    qsizetype at = 0;
};

size_t readMessage(char *buffer, size_t size, size_t count, void *user)
{
    auto *src = static_cast<Source *>(user);
    const qsizetype left = src->bytes->size() - src->at;
    const qsizetype n = qMin(left, qsizetype(size * count));
    if (n > 0) {
        std::memcpy(buffer, src->bytes->constData() + src->at, size_t(n));
        src->at += n;
    }
    return size_t(n);
}

} // namespace

SmtpOutcome sendSmtp(const SmtpSettings &settings, const QString &envelopeFrom,
    const QStringList &recipients, const QByteArray &message, int timeoutMs)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    SmtpOutcome out;
    if (recipients.isEmpty()) {
        out.permanent = true;
        out.error = QStringLiteral("the mail has no recipients");
        return out;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        out.error = QStringLiteral("libcurl cannot start");
        return out;
    }
    const bool tls = settings.security == Security::Tls;
    const QByteArray url
        = QStringLiteral("%1://%2:%3")
              .arg(tls ? QStringLiteral("smtps") : QStringLiteral("smtp"), settings.host)
              .arg(settings.port)
              .toUtf8();
    const QByteArray from = QStringLiteral("<%1>").arg(envelopeFrom).toUtf8();
    const QByteArray user = settings.user.toUtf8();
    const QByteArray password = settings.password.toUtf8();
    const QByteArray caFile = settings.caFile.toUtf8();
    curl_slist *rcpt = nullptr;
    for (const QString &r : recipients)
        rcpt = curl_slist_append(rcpt, QStringLiteral("<%1>").arg(r).toUtf8().constData());
    Source src { &message, 0 };
    char errorBuffer[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readMessage);
    curl_easy_setopt(curl, CURLOPT_READDATA, &src);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.size()));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(qMin(timeoutMs, 15000)));
    if (settings.security == Security::StartTls)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL)); // STARTTLS or nothing
    if (settings.security != Security::None) {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings.verifyPeer ? 1L : 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings.verifyPeer ? 2L : 0L);
        if (!caFile.isEmpty())
            curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());
    }
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }

    const CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    out.code = int(code);
    out.ok = rc == CURLE_OK;
    if (!out.ok) {
        out.permanent = code >= 500 && code < 600;
        const QString what = errorBuffer[0] ? QString::fromUtf8(errorBuffer)
                                            : QString::fromUtf8(curl_easy_strerror(rc));
        out.error = code ? QStringLiteral("%1:%2 answered %3: %4")
                               .arg(settings.host)
                               .arg(settings.port)
                               .arg(code)
                               .arg(what)
                         : QStringLiteral("cannot send through %1:%2: %3")
                               .arg(settings.host)
                               .arg(settings.port)
                               .arg(what);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return out;
}

} // namespace Atiende::Server::Mail
