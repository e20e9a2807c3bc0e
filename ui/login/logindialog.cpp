#include "logindialog.h"

#include "ui/common/theme.h"

#include "core/protocol/protocol.h"

#include <QCheckBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

using Client::ConnectionFailure;
using Client::Workspace;
using Kind = ConnectionFailure::Kind;

namespace {

// What `atiended serve` listens on unless told otherwise (app/atiended: --listen).
constexpr int kDefaultPort = 8765;

const QString kServerKey = QStringLiteral("login/server");
const QString kUserKey = QStringLiteral("login/user");
const QString kRememberKey = QStringLiteral("login/remember");

QColor problemColour()
{
    return QColor(0xd0, 0x31, 0x2d);
}

// "12 seconds", "3 minutes": how long until the server takes another try.
QString waitText(qint64 ms)
{
    const int seconds = int(std::max<qint64>(1, (ms + 999) / 1000));
    if (seconds < 60)
        return LoginDialog::tr("%n second(s)", nullptr, seconds);
    return LoginDialog::tr("%n minute(s)", nullptr, (seconds + 59) / 60);
}

// Everything wrong with the server's certificate, each said once, in words.
QStringList certificateProblems(const ConnectionFailure &failure)
{
    QStringList out;
    auto add = [&out](const QString &text) {
        if (!out.contains(text))
            out << text;
    };
    const QLocale locale;
    for (const QSslError &e : failure.sslErrors) {
        const QSslCertificate cert = e.certificate();
        switch (e.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
            add(LoginDialog::tr("it is self-signed, so nobody vouches for it"));
            break;
        case QSslError::CertificateExpired:
            add(cert.isNull() ? LoginDialog::tr("it has expired")
                              : LoginDialog::tr("it expired on %1")
                                    .arg(locale.toString(cert.expiryDate().toLocalTime().date(),
                                        QLocale::LongFormat)));
            break;
        case QSslError::CertificateNotYetValid:
            add(cert.isNull() ? LoginDialog::tr("it is not valid yet")
                              : LoginDialog::tr("it is not valid before %1")
                                    .arg(locale.toString(cert.effectiveDate().toLocalTime().date(),
                                        QLocale::LongFormat)));
            break;
        case QSslError::HostNameMismatch: {
            QStringList names = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
            names += cert.subjectAlternativeNames().values(QSsl::IpAddressEntry);
            if (names.isEmpty())
                names = cert.subjectInfo(QSslCertificate::CommonName);
            names.removeDuplicates();
            add(names.isEmpty() ? LoginDialog::tr("it was issued for another server, not for %1")
                                      .arg(failure.host)
                                : LoginDialog::tr("it was issued for %1, not for %2")
                                      .arg(locale.createSeparatedList(names), failure.host));
            break;
        }
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateRejected:
        case QSslError::InvalidCaCertificate:
            add(LoginDialog::tr("it was not issued by an authority this computer trusts"));
            break;
        case QSslError::CertificateRevoked:
            add(LoginDialog::tr("it has been revoked"));
            break;
        default:
            add(e.errorString());
            break;
        }
    }
    return out;
}

// The fingerprint as atiended prints it (and `openssl x509 -fingerprint -sha256`), in two lines
// of 16 bytes so it fits the dialog: AB:CD:…
QString fingerprintLines(const QSslCertificate &certificate)
{
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.first(16).toHex(':').toUpper()) + QLatin1Char('\n')
        + QString::fromLatin1(digest.sliced(16).toHex(':').toUpper());
}

// The server's own certificate: the one it showed, else the first the errors name.
QSslCertificate shownCertificate(const ConnectionFailure &failure)
{
    if (!failure.certificate.isNull())
        return failure.certificate;
    for (const QSslError &e : failure.sslErrors) {
        if (!e.certificate().isNull())
            return e.certificate();
    }
    return QSslCertificate();
}

// The certificate's fingerprint, or for a changed one both, for the agent to compare with what
// their administrator reads out; empty for other failures.
QString fingerprintBlock(const ConnectionFailure &failure)
{
    const QSslCertificate shown = shownCertificate(failure);
    if (failure.kind == Kind::Certificate && !shown.isNull())
        return LoginDialog::tr("Certificate fingerprint (SHA-256):") + QLatin1Char('\n')
            + fingerprintLines(shown);
    if (failure.kind == Kind::CertificateChanged)
        return LoginDialog::tr("Trusted until now (SHA-256):") + QLatin1Char('\n')
            + fingerprintLines(failure.trustedCertificate) + QLatin1Char('\n')
            + LoginDialog::tr("Shown now (SHA-256):") + QLatin1Char('\n') + fingerprintLines(shown);
    return QString();
}

QString versionList(const QList<int> &versions)
{
    QStringList out;
    for (int v : versions)
        out << QString::number(v);
    return QLocale().createSeparatedList(out);
}

} // namespace

LoginDialog::LoginDialog(
    Workspace *workspace, const QString &dataDir, bool useKeychain, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_dataDir(dataDir)
    , m_useKeychain(useKeychain)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign in to Atiende"));
    setModal(true);

    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(
        tr("desk.example.com:%1 or wss://desk.example.com/ws").arg(kDefaultPort));
    m_server->setInputMethodHints(
        Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_server->setToolTip(
        tr("The address of your service desk's server, as your administrator gave it: host:port, "
           "ws://host:port/ws, or wss://… for an encrypted connection."));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData
        | Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_remember = new QCheckBox(tr("&Remember me on this computer"), this);
    m_remember->setObjectName(QStringLiteral("remember"));
    m_remember->setToolTip(tr("Keeps your session in the system's key store, so the console opens "
                              "without your password next time. "
                              "Leave it unticked on a computer you share."));

    auto *form = new QFormLayout;
    auto *serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_server);
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    auto *passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(serverLabel, m_server);
    form->addRow(userLabel, m_user);
    form->addRow(passwordLabel, m_password);
    form->addRow(QString(), m_remember);

    // Why the last try did not work: in the dialog, next to the fields to fix, not in a box.
    m_messageFrame = new QFrame(this);
    m_messageFrame->setObjectName(QStringLiteral("messageFrame"));
    const QColor base = palette().color(QPalette::Base);
    m_messageFrame->setStyleSheet(QStringLiteral(
        "QFrame#messageFrame { background-color: %1; border: 1px solid %2; border-radius: 4px; }")
                                      .arg(Theme::mix(base, problemColour(), 0.12).name(),
                                          Theme::mix(base, problemColour(), 0.6).name()));
    m_messageIcon = new QLabel(m_messageFrame);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_messageIcon->setPixmap(style()
                                 ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                                 .pixmap(iconSize, iconSize));
    m_messageIcon->setAlignment(Qt::AlignTop);
    m_message = new QLabel(m_messageFrame);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::PlainText); // server messages and certificate names are not markup
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setAccessibleName(tr("Sign-in problem"));
    m_fingerprints = new QLabel(m_messageFrame);
    m_fingerprints->setObjectName(QStringLiteral("fingerprints"));
    m_fingerprints->setTextFormat(Qt::PlainText);
    m_fingerprints->setFont(QFontDatabase::systemFont(
        QFontDatabase::FixedFont)); // 64 hex digits to compare, column by column
    m_fingerprints->setTextInteractionFlags(
        Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprints->setAccessibleName(tr("Certificate fingerprints"));
    m_fingerprints->hide();
    // Trusting a certificate no authority vouches for: with one click the first time; in place
    // of another, only once the agent ticked that the new one was confirmed.
    m_certificateActions = new QWidget(m_messageFrame);
    m_certificateActions->setObjectName(QStringLiteral("certificateActions"));
    m_confirmNewCertificate = new QCheckBox(
        tr("My administrator con&firmed the new fingerprint"), m_certificateActions);
    m_confirmNewCertificate->setObjectName(QStringLiteral("confirmNewCertificate"));
    m_trustCertificate = new QPushButton(m_certificateActions);
    m_trustCertificate->setObjectName(QStringLiteral("trustCertificate"));
    m_trustCertificate->setAutoDefault(
        false); // Enter still signs in; trusting takes a deliberate click
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_trustCertificate);
    auto *actionsLayout = new QVBoxLayout(m_certificateActions);
    actionsLayout->setContentsMargins(0, 0, 0, 0);
    actionsLayout->addWidget(m_confirmNewCertificate);
    actionsLayout->addLayout(buttonRow);
    m_certificateActions->hide();
    connect(
        m_confirmNewCertificate, &QCheckBox::toggled, this, &LoginDialog::updateCertificateActions);
    connect(m_trustCertificate, &QPushButton::clicked, this, &LoginDialog::trustCertificate);
    auto *messageColumn = new QVBoxLayout;
    messageColumn->addWidget(m_message);
    messageColumn->addWidget(m_fingerprints);
    messageColumn->addWidget(m_certificateActions);
    auto *messageLayout = new QHBoxLayout(m_messageFrame);
    messageLayout->addWidget(m_messageIcon);
    messageLayout->addLayout(messageColumn, 1);
    m_messageFrame->hide();

    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0); // busy: how long it takes is not known
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progressLabel->sizeHint().height());
    auto *progressLayout = new QHBoxLayout;
    progressLayout->addWidget(m_progressLabel, 1);
    progressLayout->addWidget(m_progress);
    m_progressLabel->hide();
    m_progress->hide();

    m_buttons = new QDialogButtonBox(this);
    m_signIn = m_buttons->addButton(tr("Sign &in"), QDialogButtonBox::ActionRole);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_messageFrame);
    layout->addLayout(progressLayout);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);

    for (QLineEdit *edit : { m_server, m_user, m_password })
        connect(edit, &QLineEdit::textChanged, this, &LoginDialog::updateSignIn);
    // Another server or user may have a remembered session: look once the agent leaves the field.
    connect(m_server, &QLineEdit::editingFinished, this, &LoginDialog::scheduleRememberedCheck);
    connect(m_user, &QLineEdit::editingFinished, this, &LoginDialog::scheduleRememberedCheck);
    m_throttleTimer.setInterval(1000);
    connect(&m_throttleTimer, &QTimer::timeout, this, &LoginDialog::updateThrottle);

    const QSettings settings;
    m_server->setText(settings.value(kServerKey).toString());
    m_user->setText(settings.value(kUserKey).toString());
    m_remember->setChecked(settings.value(kRememberKey, true).toBool());
    checkRemembered();

    if (m_workspace) {
        connect(m_workspace, &Workspace::stateChanged, this, &LoginDialog::onWorkspaceState);
        connect(m_workspace, &Workspace::connectionFailed, this, &LoginDialog::onFailure);
        // Opened again after the session ended, or a wrong password: say why at once.
        const ConnectionFailure last = m_workspace->lastFailure();
        if (!last.isNull() && last.fatal)
            showFailure(last);
    }
    updateSignIn();

    if (m_server->text().isEmpty())
        m_server->setFocus();
    else if (m_user->text().isEmpty())
        m_user->setFocus();
    else
        m_password->setFocus();
}

LoginDialog::~LoginDialog()
{
    // QDialog's destructor hides the dialog, and the field that had the focus then says
    // editingFinished: no slot of this class may run once this destructor has (UBSan: a
    // call on an object that is only a QDialog any more).
    for (QLineEdit *edit : { m_server, m_user, m_password })
        edit->disconnect(this);
}

void LoginDialog::setServer(const QString &address)
{
    m_server->setText(address);
    scheduleRememberedCheck();
}

void LoginDialog::setUser(const QString &user)
{
    m_user->setText(user);
    scheduleRememberedCheck();
    if (!m_server->text().isEmpty() && !user.isEmpty())
        m_password->setFocus();
}

void LoginDialog::setRemember(bool remember)
{
    m_remember->setChecked(remember);
}

void LoginDialog::setMessage(const QString &message)
{
    m_failure = {};
    showMessage(message);
}

QString LoginDialog::server() const
{
    return m_server->text();
}
QString LoginDialog::user() const
{
    return m_user->text();
}
bool LoginDialog::remember() const
{
    return m_remember->isChecked();
}
QString LoginDialog::message() const
{
    if (m_messageFrame->isHidden())
        return QString();
    return m_fingerprints->text().isEmpty()
        ? m_message->text()
        : m_message->text() + QLatin1Char('\n') + m_fingerprints->text();
}

Workspace::Options LoginDialog::options() const
{
    return m_options;
}

Workspace::Options LoginDialog::optionsFor(const QUrl &server) const
{
    Workspace::Options o;
    o.server = server;
    o.user = m_user->text().trimmed();
    o.password = m_password->text();
    o.dataDir = m_dataDir;
    o.useKeychain = m_useKeychain;
    o.rememberSession = m_remember->isChecked();
    o.transport = m_transport;
    return o;
}

void LoginDialog::scheduleRememberedCheck()
{
    // Coalesced: setting the server and then the user looks in the key store once.
    if (m_rememberedCheckDue)
        return;
    m_rememberedCheckDue = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_rememberedCheckDue)
                checkRemembered();
        },
        Qt::QueuedConnection);
}

void LoginDialog::checkRemembered()
{
    m_rememberedCheckDue = false;
    m_rememberedServer.clear();
    m_rememberedUser.clear();
    const QUrl server = normaliseServer(m_server->text());
    const QString user = m_user->text().trimmed();
    if (server.isValid() && !user.isEmpty()) {
        Workspace::Options o = optionsFor(server);
        if (Workspace::hasRememberedSession(o)) {
            m_rememberedServer = server;
            m_rememberedUser = user;
        }
    }
    updateSignIn();
}

bool LoginDialog::resumable() const
{
    return !m_rememberedUser.isEmpty() && m_user->text().trimmed() == m_rememberedUser
        && normaliseServer(m_server->text()) == m_rememberedServer;
}

void LoginDialog::updateSignIn()
{
    const bool canResume = resumable();
    m_password->setPlaceholderText(canResume ? tr("Not needed (session remembered)") : QString());
    const bool filled = !m_server->text().trimmed().isEmpty() && !m_user->text().trimmed().isEmpty()
        && (!m_password->text().isEmpty() || canResume);
    m_signIn->setEnabled(!m_busy && !m_throttleTimer.isActive() && filled);
}

void LoginDialog::signIn()
{
    if (m_busy || !m_workspace)
        return;
    if (m_rememberedCheckDue)
        checkRemembered();
    if (!m_signIn->isEnabled())
        return; // Enter in a field with something still missing
    QString error;
    const QUrl server = normaliseServer(m_server->text(), &error);
    if (!server.isValid()) {
        m_failure = {};
        showMessage(error);
        m_server->setFocus();
        m_server->selectAll();
        return;
    }
    m_server->setText(server.toString()); // as it will be used and remembered
    m_options = optionsFor(server);
    m_failure = {};
    showMessage(QString());
    ++m_attempt;
    setBusy(true);
    QString openError;
    const bool opened = m_workspace->open(m_options, &openError);
    m_options.password.clear();
    if (!opened) {
        setBusy(false);
        showMessage(tr("The local copy for %1 on this computer cannot be opened: %2")
                        .arg(m_options.user, openError));
    }
}

void LoginDialog::reject()
{
    if (!m_busy) {
        QDialog::reject();
        return;
    }
    ++m_attempt;
    setBusy(false);
    if (m_workspace)
        m_workspace->close(); // stops connecting; the agent may change something and try again
    m_server->setFocus();
}

void LoginDialog::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    for (QWidget *w : { static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_user),
             static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_remember) })
        w->setEnabled(!busy);
    if (busy) {
        ConnectionFailure where; // only for the host:port it names
        where.host = m_options.server.host();
        where.port
            = m_options.server.port(m_options.server.scheme() == QLatin1String("wss") ? 443 : 80);
        m_progressLabel->setText(tr("Connecting to %1…").arg(where.endpoint()));
    }
    m_progressLabel->setVisible(busy);
    m_progress->setVisible(busy);
    QMetaObject::invokeMethod(
        this, [this] { fitMessage(false); }, Qt::QueuedConnection);
    updateSignIn();
    updateCertificateActions();
    if (busy)
        m_cancel->setFocus();
    Q_EMIT busyChanged(busy);
}

void LoginDialog::onWorkspaceState(Client::SyncEngine::State state)
{
    if (!m_busy
        || (state != Client::SyncEngine::State::Syncing
            && state != Client::SyncEngine::State::Online))
        return;
    // Signed in: the session started and the workspace is catching up.
    setBusy(false);
    QSettings settings;
    settings.setValue(kServerKey, m_options.server.toString());
    settings.setValue(kUserKey, m_options.user);
    settings.setValue(kRememberKey, m_options.rememberSession);
    m_password->clear();
    accept();
}

void LoginDialog::onFailure(const ConnectionFailure &failure)
{
    if (!m_busy)
        return; // not an attempt of this dialog's
    setBusy(false);
    if (!failure.fatal) {
        // The workspace would keep trying (as it does for a console that was online): stop it
        // and let the agent decide. Later, not from inside its signal.
        QMetaObject::invokeMethod(
            this,
            [this, attempt = m_attempt] {
                if (attempt == m_attempt && !m_busy && m_workspace)
                    m_workspace->close();
            },
            Qt::QueuedConnection);
    }
    showFailure(failure);
}

void LoginDialog::showFailure(const ConnectionFailure &failure)
{
    m_failure = failure;
    m_throttleTimer.stop();
    showMessage(explain(failure), fingerprintBlock(failure));
    switch (failure.kind) {
    case Kind::WrongCredentials:
    case Kind::SessionExpired:
        if (failure.kind == Kind::SessionExpired) {
            m_rememberedServer.clear(); // the token is gone: the password it is
            m_rememberedUser.clear();
        }
        m_password->clear();
        m_password->setFocus();
        break;
    case Kind::Throttled:
        if (failure.retryAfterMs > 0) {
            m_retryAt = QDeadlineTimer(failure.retryAfterMs);
            m_throttleTimer.start();
        }
        m_password->setFocus();
        m_password->selectAll();
        break;
    case Kind::Unreachable:
    case Kind::ProtocolMismatch:
    case Kind::Certificate:
    case Kind::CertificateChanged:
    case Kind::SecureChannel:
    case Kind::ServerError:
        m_server->setFocus();
        m_server->selectAll();
        break;
    case Kind::None:
        break;
    }
    updateSignIn();
}

void LoginDialog::updateThrottle()
{
    if (m_retryAt.hasExpired()) {
        m_throttleTimer.stop();
        if (m_failure.kind == Kind::Throttled) {
            m_failure = {};
            showMessage(QString());
        }
        updateSignIn();
        return;
    }
    if (m_failure.kind == Kind::Throttled) {
        ConnectionFailure left = m_failure;
        left.retryAfterMs = m_retryAt.remainingTime();
        showMessage(explain(left));
    }
}

void LoginDialog::trustCertificate()
{
    if (m_busy || !m_certificateActions->isVisible() || !m_trustCertificate->isEnabled())
        return;
    const ConnectionFailure shown = m_failure;
    if (!Workspace::trustCertificate(shown))
        return;
    updateSignIn();
    if (!m_signIn
             ->isEnabled()) { // nothing to sign in with yet (no password, no remembered session)
        m_failure = {};
        showMessage(tr("The certificate of %1 is trusted now. Enter your password to sign in.")
                        .arg(shown.endpoint()));
        m_password->setFocus();
        return;
    }
    signIn();
}

void LoginDialog::updateCertificateActions()
{
    const bool certificate
        = m_failure.kind == Kind::Certificate || m_failure.kind == Kind::CertificateChanged;
    const bool changed = m_failure.kind == Kind::CertificateChanged;
    m_certificateActions->setVisible(
        certificate && m_failure.trustable && !m_message->text().isEmpty());
    m_confirmNewCertificate->setVisible(changed);
    m_trustCertificate->setText(
        changed ? tr("Replace the &trusted certificate") : tr("&Trust this certificate"));
    m_trustCertificate->setToolTip(changed
            ? tr("From now on the console accepts the new certificate from %1, and no longer the "
                 "one trusted until now.")
                  .arg(m_failure.endpoint())
            : tr("From now on the console accepts this certificate, and only this one, from %1.")
                  .arg(m_failure.endpoint()));
    m_trustCertificate->setEnabled(!m_busy && (!changed || m_confirmNewCertificate->isChecked()));
}

void LoginDialog::showMessage(const QString &text, const QString &details)
{
    m_message->setText(text);
    m_fingerprints->setText(details);
    m_fingerprints->setVisible(!details.isEmpty());
    m_messageFrame->setVisible(!text.isEmpty());
    m_confirmNewCertificate->setChecked(false); // each refusal is confirmed anew
    updateCertificateActions();
    // Once the layout has taken the change in: then its height for the width is right.
    QMetaObject::invokeMethod(
        this, [this] { fitMessage(false); }, Qt::QueuedConnection);
}

void LoginDialog::fitMessage(bool growOnly)
{
    // A word-wrapped message makes no window taller by itself: the dialog takes the height its
    // layout needs at the width it has. Before it is first shown, Qt sizes it that way anyway.
    if (!isVisible() || !layout() || !layout()->hasHeightForWidth())
        return;
    // Fingerprints do not wrap: the dialog is at least as wide as they are.
    const int wide = std::max(width(), layout()->totalMinimumSize().width());
    const int needed = std::max(layout()->totalHeightForWidth(wide), minimumSizeHint().height());
    if (wide > width() || needed > height() || (!growOnly && needed != height()))
        resize(wide, needed);
}

void LoginDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    // Made narrower by the agent: taller, so the message stays whole. After this event.
    QMetaObject::invokeMethod(
        this, [this] { fitMessage(true); }, Qt::QueuedConnection);
}

QUrl LoginDialog::normaliseServer(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QUrl();
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("Enter the address of the server."));
    const bool schemeGiven = trimmed.contains(QLatin1String("://"));
    QUrl url(schemeGiven ? trimmed : QStringLiteral("ws://") + trimmed, QUrl::StrictMode);
    const QString notAnAddress = tr(
        "“%1” is not a server address. Use host:port, ws://host:port/ws or wss://host:port/ws.")
                                     .arg(trimmed);
    if (!url.isValid() || url.host().isEmpty())
        return fail(notAnAddress);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    else if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss"))
        url.setScheme(scheme);
    else
        return fail(tr("“%1” is not a server address: it must start with ws:// (or wss:// for an "
                       "encrypted connection).")
                        .arg(trimmed));
    if (!url.userInfo().isEmpty())
        return fail(tr("Leave the user name and password out of the server address: they have "
                       "fields of their own."));
    if (url.port() == 0)
        return fail(notAnAddress);
    if (!schemeGiven && url.port() < 0)
        url.setPort(kDefaultPort);
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QString::fromLatin1(Core::Protocol::kPath));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString LoginDialog::describe(const ConnectionFailure &failure)
{
    const QString details = fingerprintBlock(failure);
    return details.isEmpty() ? explain(failure) : explain(failure) + QLatin1Char('\n') + details;
}

QString LoginDialog::explain(const ConnectionFailure &failure)
{
    const QString where = failure.endpoint();
    switch (failure.kind) {
    case Kind::None:
        return QString();
    case Kind::WrongCredentials:
        // The protocol answers a disabled account as it answers a wrong password, on purpose.
        return tr("The user name or the password is not right. Check both and try again; if they "
                  "are right, "
                  "your account may have been disabled: ask your administrator.");
    case Kind::Throttled:
        return failure.retryAfterMs > 0
            ? tr("Too many failed sign-ins for this user. For your account's safety the server "
                 "waits before the next try: "
                 "try again in %1.")
                  .arg(waitText(failure.retryAfterMs))
            : tr("Too many failed sign-ins for this user. Wait a moment before the next try.");
    case Kind::SessionExpired:
        // The server says why (docs/protocol.md, auth.ended); each reason in the agent's words.
        if (failure.sessionEndReason == QLatin1String("password_changed"))
            return tr("Your session has ended because your password was changed. Sign in with the "
                      "new password.");
        if (failure.sessionEndReason == QLatin1String("disabled"))
            return tr("Your session has ended because your account was disabled. Ask your "
                      "administrator.");
        if (failure.sessionEndReason == QLatin1String("revoked"))
            return tr("Your session has ended: an administrator ended it. Enter your password to "
                      "sign in again.");
        if (failure.sessionEndReason == QLatin1String("logged_out"))
            return tr("Your session has ended: it was signed out in another window or on another "
                      "computer. Enter your password to sign in again.");
        if (failure.sessionEndReason == QLatin1String("expired"))
            return tr("Your session has ended: it expired. Enter your password to sign in again.");
        return tr("Your session has ended: it expired, or you were signed out elsewhere. Enter "
                  "your password to sign in again.");
    case Kind::Unreachable:
        switch (failure.socketError) {
        case QAbstractSocket::ConnectionRefusedError:
            return tr("Cannot reach the server at %1: the connection was refused. Check the "
                      "address and the port, "
                      "and that the server is running.")
                .arg(where);
        case QAbstractSocket::HostNotFoundError:
            return tr("Cannot reach the server at %1: there is no computer called “%2”. Check the "
                      "address.")
                .arg(where, failure.host);
        case QAbstractSocket::SocketTimeoutError:
            return tr("Cannot reach the server at %1: it did not answer in time. Check the address "
                      "and your network connection.")
                .arg(where);
        case QAbstractSocket::NetworkError:
            return tr("Cannot reach the server at %1: the network cannot be reached. Check your "
                      "network connection.")
                .arg(where);
        case QAbstractSocket::RemoteHostClosedError:
            return tr("The server at %1 closed the connection before you were signed in. It may "
                      "not be an Atiende server, "
                      "or it may be restarting: check the address, or try again in a moment.")
                .arg(where);
        case QAbstractSocket::ProxyConnectionRefusedError:
        case QAbstractSocket::ProxyConnectionClosedError:
        case QAbstractSocket::ProxyConnectionTimeoutError:
        case QAbstractSocket::ProxyNotFoundError:
        case QAbstractSocket::ProxyProtocolError:
        case QAbstractSocket::ProxyAuthenticationRequiredError:
            return tr("Cannot reach the server at %1 through the network proxy (%2).")
                .arg(where, failure.message);
        default:
            return tr("Cannot reach the server at %1 (%2).").arg(where, failure.message);
        }
    case Kind::ProtocolMismatch: {
        const int ours = Core::Protocol::kVersion;
        const QList<int> &theirs = failure.supportedProtocols;
        if (!theirs.isEmpty()
            && std::all_of(theirs.cbegin(), theirs.cend(), [ours](int v) { return v > ours; }))
            return tr("The server at %1 speaks a newer version of the Atiende protocol (%2) than "
                      "this console (%3). "
                      "Update the console to sign in.")
                .arg(where, versionList(theirs))
                .arg(ours);
        if (!theirs.isEmpty()
            && std::all_of(theirs.cbegin(), theirs.cend(), [ours](int v) { return v < ours; }))
            return tr("The server at %1 speaks an older version of the Atiende protocol (%2) than "
                      "this console (%3). "
                      "Ask your administrator to update the server.")
                .arg(where, versionList(theirs))
                .arg(ours);
        return tr(
            "The server at %1 does not speak this console's version of the Atiende protocol (%2).")
            .arg(where)
            .arg(ours);
    }
    case Kind::Certificate: {
        const QStringList problems = certificateProblems(failure);
        const QString why
            = problems.isEmpty() ? failure.message : QLocale().createSeparatedList(problems);
        return failure.trustable ? tr("The console did not connect to %1 because the server's "
                                      "certificate cannot be trusted: %2. It may be "
                                      "your desk's own certificate, or someone posing as the "
                                      "server. Ask your administrator for the fingerprint "
                                      "atiended printed when it started, and trust this "
                                      "certificate only if it is the same as the one below.")
                                       .arg(where, why)
                                 : tr("The console did not connect to %1 because the server's "
                                      "certificate cannot be trusted: %2. "
                                      "Someone could be posing as the server. Ask your "
                                      "administrator to check its certificate.")
                                       .arg(where, why);
    }
    case Kind::CertificateChanged: {
        QString text = tr("The server at %1 shows a different certificate from the one you chose "
                          "to trust for it. This may be an attack "
                          "(someone posing as the server to read your password), or your "
                          "administrator may have renewed the certificate. "
                          "Do not sign in until your administrator confirms the new fingerprint.")
                           .arg(where);
        if (!failure.trustable) {
            const QStringList problems = certificateProblems(failure);
            text += QLatin1Char(' ')
                + tr("The new certificate cannot be trusted in any case: %1.")
                      .arg(problems.isEmpty() ? failure.message
                                              : QLocale().createSeparatedList(problems));
        }
        return text;
    }
    case Kind::SecureChannel:
        return tr("An encrypted connection to %1 could not be set up (%2). If the server does not "
                  "use encryption, "
                  "its address starts with ws:// rather than wss://.")
            .arg(where, failure.message);
    case Kind::ServerError:
        return tr("The server at %1 could not sign you in just now (%2). Try again in a moment.")
            .arg(where, failure.message);
    }
    return failure.message;
}

bool LoginDialog::canResume(
    const QUrl &server, const QString &user, const QString &dataDir, bool useKeychain)
{
    if (!server.isValid() || user.isEmpty())
        return false;
    Workspace::Options o;
    o.server = server;
    o.user = user;
    o.dataDir = dataDir;
    o.useKeychain = useKeychain;
    return QFileInfo::exists(Workspace::cachePath(Workspace::dataDir(o), server, user))
        && Workspace::hasRememberedSession(o);
}

void LoginDialog::forget(
    const QUrl &server, const QString &user, const QString &dataDir, bool useKeychain)
{
    Workspace::Options o;
    o.server = server;
    o.user = user;
    o.dataDir = dataDir;
    o.useKeychain = useKeychain;
    Workspace::forgetSession(o);
}

} // namespace Atiende::Ui
