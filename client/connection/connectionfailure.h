#pragma once
// Why the console could not connect to its server or sign in, sorted by what the agent can do
// about it. The connection fills it in from the protocol's error codes (docs/protocol.md) and
// from the socket (refused, host not found, timeout, TLS); the console turns it into words.

#include <QAbstractSocket>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace Atiende::Client {

struct ConnectionFailure
{
    Q_GADGET
public:
    enum class Kind {
        None,
        // auth.login said invalid_credentials: a wrong user name or password. The protocol
        // answers the same for a disabled account (it does not tell them apart, on purpose).
        WrongCredentials,
        // auth.login said rate_limited: too many failed sign-ins; retryAfterMs says for how long.
        Throttled,
        // The remembered session is unknown, expired or was ended, and there is no password to
        // start a new one; or the session in use ended (auth.ended). sessionEndReason says why.
        SessionExpired,
        // The server could not be reached or dropped the link before the sign-in was done:
        // socketError says how (ConnectionRefusedError, HostNotFoundError, SocketTimeoutError...).
        Unreachable,
        // hello said unsupported_protocol: the server speaks supportedProtocols, not ours.
        ProtocolMismatch,
        // wss://: the server's certificate is not trusted (self-signed, expired, another
        // host's...); sslErrors says why. The console never ignores these by itself: when
        // trustable, the agent may choose to trust this certificate for this server
        // (Workspace::trustCertificate).
        Certificate,
        // wss://: the server shows another certificate than the one the agent chose to trust for
        // it (trustedCertificate), and no authority this computer trusts vouches for the new one.
        // An attack, or a renewal: the agent must check before replacing the trusted one.
        CertificateChanged,
        // wss://: the TLS handshake failed for another reason (often a server without TLS).
        SecureChannel,
        // The server answered the sign-in with an error of its own (busy, internal_error...):
        // code and message say which. Retried.
        ServerError,
    };
    Q_ENUM(Kind)

    Kind kind = Kind::None;
    // The connection gave up: it retries no more until started again (a new password, another
    // server...). Otherwise it keeps retrying with backoff.
    bool fatal = false;
    int code = 0; // the protocol's error code when the server answered one, else 0
    QString message; // English, for the log: the server's message or the socket's error text
    QString host; // the server tried
    int port = 0;
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    qint64 retryAfterMs = 0; // Throttled: wait this long before the next try
    QList<int> supportedProtocols; // ProtocolMismatch: what the server speaks
    QList<QSslError> sslErrors; // Certificate(Changed): everything wrong with the certificate
    QSslCertificate certificate = QSslCertificate(); // Certificate(Changed): the one the server
                                                     // showed (its own, not its issuer's)
    QSslCertificate trustedCertificate
        = QSslCertificate(); // CertificateChanged: the one trusted for this server before
    // Certificate(Changed): the only problems are that no authority vouches for the certificate
    // (self-signed, an unknown issuer), with or without another name in it than the address: the
    // agent may trust it (TrustedCertificates::canTrust). Never for expired or revoked ones.
    bool trustable = false;
    // SessionExpired: why the session ended, the server's stable name: logged_out, revoked,
    // password_changed, disabled, expired, unknown (empty when the server did not say).
    QString sessionEndReason;

    bool isNull() const { return kind == Kind::None; }
    // host:port, as the agent would type it ([::1]:8765 for an IPv6 address).
    QString endpoint() const
    {
        const QString h
            = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
        return port > 0 ? h + QLatin1Char(':') + QString::number(port) : h;
    }
};

} // namespace Atiende::Client

Q_DECLARE_METATYPE(Atiende::Client::ConnectionFailure)
