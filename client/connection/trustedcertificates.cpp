#include "trustedcertificates.h"

#include <QSettings>

namespace Atiende::Client {

namespace {
const QString kGroup = QStringLiteral("trustedCertificates");
const QString kCertificateKey = QStringLiteral("certificate");
const QString kErrorsKey = QStringLiteral("errors");
const QString kErrorCertificatesKey = QStringLiteral("errorCertificates");
const QString kSinceKey = QStringLiteral("since");
const QString kItself
    = QStringLiteral("certificate"); // an error about the trusted certificate itself

QString groupOf(const QString &endpoint)
{
    return kGroup + QLatin1Char('/') + endpoint;
}

QString pem(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QString() : QString::fromLatin1(certificate.toPem());
}

QSslCertificate fromPem(const QString &text)
{
    return text.isEmpty() ? QSslCertificate() : QSslCertificate(text.toLatin1(), QSsl::Pem);
}
} // namespace

QString TrustedCertificates::endpoint(const QString &host, int port)
{
    const QString h = host.toLower();
    return (h.contains(QLatin1Char(':')) ? QLatin1Char('[') + h + QLatin1Char(']') : h)
        + QLatin1Char(':') + QString::number(port);
}

QString TrustedCertificates::endpoint(const QUrl &server)
{
    const bool secure
        = server.scheme() == QLatin1String("wss") || server.scheme() == QLatin1String("https");
    return endpoint(server.host(), server.port(secure ? 443 : 80));
}

TrustedCertificates::Entry TrustedCertificates::find(const QString &endpoint) const
{
    QSettings settings;
    settings.beginGroup(groupOf(endpoint));
    Entry entry;
    entry.certificate = fromPem(settings.value(kCertificateKey).toString());
    if (entry.certificate.isNull())
        return {};
    const QStringList errors = settings.value(kErrorsKey).toStringList();
    const QStringList certificates = settings.value(kErrorCertificatesKey).toStringList();
    for (qsizetype i = 0; i < errors.size(); ++i) {
        bool ok = false;
        const int code = errors.at(i).toInt(&ok);
        if (ok)
            entry.acceptedErrors << QSslError(QSslError::SslError(code),
                certificates.value(i) == kItself ? entry.certificate
                                                 : fromPem(certificates.value(i)));
    }
    entry.since = QDateTime::fromString(settings.value(kSinceKey).toString(), Qt::ISODate);
    return entry;
}

void TrustedCertificates::trust(
    const QString &endpoint, const QSslCertificate &certificate, const QList<QSslError> &errors)
{
    QSettings settings;
    settings.remove(groupOf(endpoint));
    settings.beginGroup(groupOf(endpoint));
    QStringList codes, certificates;
    for (const QSslError &e : errors) {
        codes << QString::number(int(e.error()));
        certificates << (e.certificate() == certificate ? kItself : pem(e.certificate()));
    }
    settings.setValue(kCertificateKey, pem(certificate));
    settings.setValue(kErrorsKey, codes);
    settings.setValue(kErrorCertificatesKey, certificates);
    settings.setValue(kSinceKey, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    settings.endGroup();
    settings.sync();
}

void TrustedCertificates::forget(const QString &endpoint)
{
    QSettings settings;
    settings.remove(groupOf(endpoint));
}

bool TrustedCertificates::canTrust(const QList<QSslError> &errors)
{
    bool nobodyVouches = false;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
            nobodyVouches = true;
            break;
        case QSslError::HostNameMismatch:
            break; // only together with the above (see the header)
        default:
            return false; // expired, not yet valid, revoked, a bad signature, the wrong purpose...
        }
    }
    return nobodyVouches;
}

bool TrustedCertificates::covers(const Entry &entry, const QList<QSslError> &errors)
{
    if (entry.isNull())
        return false;
    for (const QSslError &e : errors) {
        if (!entry.acceptedErrors.contains(e))
            return false;
    }
    return true;
}

} // namespace Atiende::Client
