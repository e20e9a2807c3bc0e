#pragma once
// The console's sign-in: server address, user, password and "remember me". It opens the
// Workspace the caller gives it and stays until that workspace has a session (accepted) or
// the agent gives up (rejected); on the way it says, in the dialog and in plain words, why a
// sign-in did not work: a wrong password, too many attempts, an ended session, a server that
// cannot be reached (which one), one that speaks another protocol version, or one whose
// certificate cannot be trusted. No message boxes: the agent fixes the field and tries again.
// A certificate no authority vouches for (a small desk's own) is shown with its fingerprint and
// may be trusted for that server with one click; one that differs from the certificate trusted
// before is refused with both fingerprints, and replaces it only once the agent has ticked that
// their administrator confirmed the new one.

#include "client/connection/connectionfailure.h"
#include "client/workspace/workspace.h"

#include <QDeadlineTimer>
#include <QDialog>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Atiende::Ui {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    // Signs in by opening workspace (the caller's; it stays theirs, open, once accepted).
    // dataDir and useKeychain are those of Client::Workspace::Options. The last server and
    // user come from QSettings; a failure the workspace already had (an ended session) shows.
    explicit LoginDialog(Client::Workspace *workspace, const QString &dataDir = QString(),
        bool useKeychain = true, QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setServer(const QString &address);
    void setUser(const QString &user);
    void setRemember(bool remember);
    // What the workspace connects over (Workspace::Options::transport; tests give an in-process
    // desk).
    void setTransport(Client::TransportFactory transport) { m_transport = std::move(transport); }
    // A message of the caller's in the message area (why the agent must sign in again).
    void setMessage(const QString &message);
    // Shows why a sign-in failed, as the dialog does for its own attempts.
    void showFailure(const Client::ConnectionFailure &failure);

    QString server() const;
    QString user() const;
    bool remember() const;
    bool isBusy() const { return m_busy; }
    // The message shown (empty when none), and the failure behind it (None for the caller's
    // messages and for an address that is not one).
    QString message() const;
    Client::ConnectionFailure failure() const { return m_failure; }
    // What the last sign-in used, the server normalised (the password left out).
    Client::Workspace::Options options() const;

    // "host", "host:port", "ws://host:port/path", "wss://..." (and http(s):// for ws(s)://)
    // as a WebSocket URL: the default port 8765 when neither port nor scheme is given, the
    // protocol's path /ws when none is. Invalid, with *error saying why, when it is no address.
    static QUrl normaliseServer(const QString &text, QString *error = nullptr);
    // The failure in words for the agent (translated), with what to do about it.
    static QString describe(const Client::ConnectionFailure &failure);
    // The console may open without this dialog: there is a local copy for this user and
    // server, and a remembered session (it opens offline at once and resumes when it can).
    static bool canResume(const QUrl &server, const QString &user,
        const QString &dataDir = QString(), bool useKeychain = true);
    // Forgets the remembered session (sign-out on a machine that should not keep it).
    static void forget(const QUrl &server, const QString &user, const QString &dataDir = QString(),
        bool useKeychain = true);

public Q_SLOTS:
    void signIn();
    // The certificate the last failure showed is trusted for its server (or replaces the one
    // trusted there), and the dialog signs in again. Only for a trustable failure, and for a
    // changed certificate only once the agent confirmed it.
    void trustCertificate();
    // While signing in: stops that attempt and stays. Otherwise: closes, rejected.
    void reject() override;

Q_SIGNALS:
    void busyChanged(bool busy);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitMessage(bool growOnly);
    void setBusy(bool busy);
    void updateSignIn();
    void scheduleRememberedCheck();
    void checkRemembered();
    bool resumable() const;
    void onWorkspaceState(Client::SyncEngine::State state);
    void onFailure(const Client::ConnectionFailure &failure);
    // text in the message area, and details (fingerprints) in a fixed-width font below it.
    void showMessage(const QString &text, const QString &details = QString());
    void updateCertificateActions();
    // describe() without the certificate's fingerprints, which the dialog shows apart.
    static QString explain(const Client::ConnectionFailure &failure);
    void updateThrottle();
    Client::Workspace::Options optionsFor(const QUrl &server) const;

    QPointer<Client::Workspace> m_workspace;
    QString m_dataDir;
    bool m_useKeychain = true;
    Client::TransportFactory m_transport;
    bool m_busy = false;
    quint64 m_attempt = 0;
    Client::Workspace::Options m_options;
    Client::ConnectionFailure m_failure;
    // The server and user whose session is remembered, as last checked (no password needed).
    QUrl m_rememberedServer;
    QString m_rememberedUser;
    bool m_rememberedCheckDue = false;
    QDeadlineTimer m_retryAt; // Throttled: when the server takes the next try
    QTimer m_throttleTimer;

    QLineEdit *m_server = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QFrame *m_messageFrame = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_fingerprints = nullptr;
    QWidget *m_certificateActions = nullptr;
    QCheckBox *m_confirmNewCertificate = nullptr;
    QPushButton *m_trustCertificate = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Atiende::Ui
