#pragma once
// The certificates agents chose to trust for servers no authority vouches for (a small desk's
// self-signed certificate, or one from the company's own authority that this computer does not
// know), one per server address, kept in the console's settings (QSettings).
//
// It pins; it adds no authority. Trusting records the certificate the server showed and exactly
// the verification errors seen then, each with the certificate it concerned. A connection to
// that address asks its socket to ignore exactly those errors for exactly those certificates
// (QSslSocket::ignoreSslErrors(QList<QSslError>) compares the error and its certificate), and
// verification otherwise runs as always. So:
//  - another certificate at that address fails as before, and Connection reports it as
//    CertificateChanged, with both certificates, for the agent to decide;
//  - the same certificate with a new problem (it expired, it is not valid yet) fails too: that
//    error was never accepted, and cannot be (canTrust);
//  - the certificate is trusted for that address only: not as an authority (nothing it signs is
//    trusted) and not for any other server.
// A certificate that an authority this computer trusts vouches for needs no pin and is never
// refused because of one: a desk that moves from a self-signed certificate to one from a CA
// just works (the old pin stays, and still guards against a return to an unknown one).
//
// The host name may be among the accepted errors: a small desk's certificate often names the
// server one way while agents reach it another (an IP address, a short name). The name is
// checked so that an authority's word for one name is not taken for another; with a pin no
// authority's word is involved, and only this certificate's key opens this address, so the
// name adds nothing. A certificate an authority does vouch for, but for another name, is not
// trustable: that is a wrong address or someone else's certificate, not a desk of its own.

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace Atiende::Client {

class TrustedCertificates
{
public:
    struct Entry
    {
        QSslCertificate certificate = QSslCertificate(); // the server's own
        QList<QSslError> acceptedErrors; // each with the certificate it concerned
        QDateTime since; // when the agent trusted it
        bool isNull() const { return certificate.isNull(); }
    };

    // "host:port" as connections name a server: the host in lower case ([::1] for IPv6), the
    // scheme's port when the address gives none.
    static QString endpoint(const QUrl &server);
    static QString endpoint(const QString &host, int port);

    // The certificate trusted for a server; null when none.
    Entry find(const QString &endpoint) const;
    // Trusts certificate for the server, with exactly these errors; replaces any earlier one.
    void trust(const QString &endpoint, const QSslCertificate &certificate,
        const QList<QSslError> &errors);
    void forget(const QString &endpoint);

    // Whether an agent may trust a certificate that failed verification with these errors: the
    // only problems are that no authority vouches for it (self-signed, an unknown issuer) and,
    // with that, maybe the name. Never when it expired, is not valid yet, was revoked...
    static bool canTrust(const QList<QSslError> &errors);
    // Whether the entry accepted every one of these errors (same error, same certificate).
    static bool covers(const Entry &entry, const QList<QSslError> &errors);
};

} // namespace Atiende::Client
