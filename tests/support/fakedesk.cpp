#include "fakedesk.h"

#include "core/protocol/binaryframe.h"
#include "core/protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Test {

using Core::Protocol::ErrorCode;
using Core::Protocol::JsonRpc;
using Core::Protocol::RpcError;
using Core::Protocol::RpcMessage;

namespace {
constexpr int kCloseNormal = 1000;
} // namespace

// --- the console's end ---------------------------------------------------------------------

FakeTransport::FakeTransport(FakeDesk *desk)
    : m_desk(desk)
{
    if (m_desk)
        m_desk->attach(this);
}

FakeTransport::~FakeTransport()
{
    if (m_desk)
        m_desk->detach(this);
}

void FakeTransport::deliver(std::function<void()> f)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation, f = std::move(f)] {
            if (generation == m_generation)
                f();
        },
        Qt::QueuedConnection);
}

void FakeTransport::open(const QUrl &url)
{
    Q_UNUSED(url)
    // Opening again lets go of a link still open or closing, without a word (as QWebSocket does).
    if (m_state == State::Open && !m_deskClosed && m_desk)
        Q_EMIT m_desk->linkClosed();
    ++m_generation;
    m_link = 0;
    m_state = State::Opening;
    m_deskClosed = false;
    m_peerCertificate = QSslCertificate();
    if (m_desk) {
        m_desk->opening(this);
        return;
    }
    deliver([this] {
        Q_EMIT socketError(
            QAbstractSocket::ConnectionRefusedError, QStringLiteral("Connection refused"));
        closeNow(kCloseNormal, QString());
    });
}

void FakeTransport::finishOpen()
{
    if (m_state != State::Opening || !m_desk)
        return;
    if (!m_desk->m_certificate.isNull()) {
        m_peerCertificate = m_desk->m_certificate;
        const QList<QSslError> problems = m_desk->m_certificateProblems;
        Q_EMIT sslErrors(problems);
        bool passed = true;
        for (const QSslError &e : problems)
            passed = passed && m_ignored.contains(e);
        if (!passed || m_state != State::Opening) {
            if (m_state == State::Opening) {
                Q_EMIT socketError(QAbstractSocket::SslHandshakeFailedError,
                    QStringLiteral("The TLS/SSL connection has been closed"));
                closeNow(kCloseNormal, QString());
            }
            return;
        }
    }
    m_state = State::Open;
    m_link = m_desk->m_nextLink++;
    Q_EMIT m_desk->linkOpened();
    Q_EMIT opened();
}

void FakeTransport::closeNow(int code, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    ++m_generation; // what the desk sent and has not arrived yet is lost with the link
    m_state = State::Closed;
    m_link = 0;
    Q_EMIT closed(code, reason);
}

void FakeTransport::closeFromDesk(int code, const QString &reason)
{
    m_deskClosed = true; // the desk reads nothing more from this link
    deliver([this, code, reason] { closeNow(code, reason); });
}

void FakeTransport::close()
{
    if (m_state == State::Closed)
        return;
    const bool wasOpen = m_state == State::Open;
    m_deskClosed = true;
    if (m_desk && wasOpen)
        Q_EMIT m_desk->linkClosed();
    // The close handshake takes a turn of the event loop, as a socket's does.
    deliver([this] { closeNow(kCloseNormal, QString()); });
}

void FakeTransport::abort()
{
    if (m_state == State::Closed)
        return;
    const bool wasOpen = m_state == State::Open;
    m_deskClosed = true;
    if (m_desk && wasOpen)
        Q_EMIT m_desk->linkClosed();
    closeNow(kCloseNormal, QString()); // at once, as QWebSocket::abort() does
}

void FakeTransport::sendText(const QString &text)
{
    if (m_state == State::Open && !m_deskClosed && m_desk)
        m_desk->received(this, text);
}

void FakeTransport::sendBinary(const QByteArray &message)
{
    QByteArray header;
    qsizetype offset = 0;
    QString why;
    if (!Core::Protocol::BinaryFrame::split(message, &header, &offset, &why))
        return;
    QJsonObject request = QJsonDocument::fromJson(header).object();
    QJsonObject params = request.value(QStringLiteral("params")).toObject();
    params.insert(QStringLiteral("data"), QString::fromLatin1(message.sliced(offset).toBase64()));
    request.insert(QStringLiteral("params"), params);
    sendText(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
}

void FakeTransport::ping()
{
    if (m_state == State::Open && !m_deskClosed && m_desk && !m_desk->m_frozen)
        deliver([this] { Q_EMIT pong(); });
}

// --- the desk ------------------------------------------------------------------------------

FakeDesk::Answer FakeDesk::Answer::ok(const QJsonValue &result)
{
    Answer a;
    a.result = result;
    return a;
}

FakeDesk::Answer FakeDesk::Answer::fail(
    ErrorCode code, const QString &message, const QJsonObject &data)
{
    Answer a;
    a.kind = Kind::Error;
    a.error = JsonRpc::makeError(code, message, data);
    return a;
}

FakeDesk::Answer FakeDesk::Answer::never()
{
    Answer a;
    a.kind = Kind::Never;
    return a;
}

FakeDesk::FakeDesk(QObject *parent)
    : QObject(parent)
{
}

FakeDesk::~FakeDesk()
{
    for (FakeTransport *t : std::as_const(m_transports))
        t->m_desk = nullptr;
}

Client::TransportFactory FakeDesk::factory()
{
    return [desk = QPointer<FakeDesk>(this)] {
        return std::unique_ptr<Client::Transport>(std::make_unique<FakeTransport>(desk.data()));
    };
}

std::unique_ptr<Client::Transport> FakeDesk::makeTransport()
{
    return std::make_unique<FakeTransport>(this);
}

QUrl FakeDesk::url(const QString &scheme)
{
    return QUrl(scheme + QStringLiteral("://desk.test:8765/ws"));
}

QJsonObject FakeDesk::addAgent(const QString &user, const QString &password, QJsonObject agent)
{
    if (!agent.contains(QStringLiteral("id")))
        agent.insert(QStringLiteral("id"), double(m_agents.size() + 1));
    if (!agent.contains(QStringLiteral("login")))
        agent.insert(QStringLiteral("login"), user);
    m_agents.insert(user, { password, agent });
    return agent;
}

void FakeDesk::on(const QString &method, const Answer &answer)
{
    m_handlers.insert(method, [answer](const Call &) { return answer; });
}

void FakeDesk::on(const QString &method, Handler handler)
{
    m_handlers.insert(method, std::move(handler));
}

void FakeDesk::once(const QString &method, const Answer &answer)
{
    m_once[method].push_back(answer);
}

void FakeDesk::detach(FakeTransport *t)
{
    m_transports.remove(t);
    m_heldOpens.removeAll(t);
}

void FakeDesk::opening(FakeTransport *t)
{
    ++m_attempts;
    switch (m_opening) {
    case Opening::Accept:
        t->deliver([t] { t->finishOpen(); });
        break;
    case Opening::Refuse:
        t->deliver([t, error = m_openError, text = m_openErrorText] {
            Q_EMIT t->socketError(error, text);
            t->closeNow(kCloseNormal, QString());
        });
        break;
    case Opening::Hold:
        m_heldOpens.append(t);
        break;
    }
}

void FakeDesk::setOpening(Opening how, QAbstractSocket::SocketError error, const QString &text)
{
    m_opening = how;
    m_openError = error;
    m_openErrorText = text;
}

int FakeDesk::releaseHeldOpens()
{
    int released = 0;
    for (const QPointer<FakeTransport> &t : std::exchange(m_heldOpens, {})) {
        if (t && t->m_state == FakeTransport::State::Opening) {
            t->deliver([t = t.data()] { t->finishOpen(); });
            ++released;
        }
    }
    return released;
}

void FakeDesk::presentCertificate(
    const QSslCertificate &certificate, const QList<QSslError> &problems)
{
    m_certificate = certificate;
    m_certificateProblems = problems;
}

void FakeDesk::received(FakeTransport *t, const QString &text)
{
    RpcMessage m;
    RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(text.toUtf8(), &m, &error, &id)) {
        const QByteArray frame = JsonRpc::error(id, error);
        t->deliver([t, frame] { Q_EMIT t->textReceived(QString::fromUtf8(frame)); });
        return;
    }
    if (m.kind != RpcMessage::Kind::Request && m.kind != RpcMessage::Kind::Notification)
        return; // a console answers nothing
    Call call { m.method, m.params, m.id, t->m_link };
    m_calls.append(call);
    Q_EMIT callReceived(call.method);
    if (m.kind == RpcMessage::Kind::Notification)
        return;
    if (m_frozen) {
        m_held.append({ call, t, true });
        return;
    }
    reply(t, call, answerFor(call));
}

void FakeDesk::reply(FakeTransport *t, const Call &call, const Answer &answer)
{
    if (!t || t->m_link != call.link || t->m_deskClosed)
        return;
    QByteArray frame;
    switch (answer.kind) {
    case Answer::Kind::Never:
        m_held.append({ call, t });
        return;
    case Answer::Kind::Result:
        frame = JsonRpc::response(call.id, answer.result);
        break;
    case Answer::Kind::Error:
        frame = JsonRpc::error(call.id, answer.error);
        break;
    }
    t->deliver([t, frame] { Q_EMIT t->textReceived(QString::fromUtf8(frame)); });
}

FakeDesk::Answer FakeDesk::answerFor(const Call &call)
{
    if (auto it = m_once.find(call.method); it != m_once.end() && !it->empty()) {
        Answer a = it->front();
        it->pop_front();
        return a;
    }
    if (const auto it = m_handlers.constFind(call.method); it != m_handlers.constEnd())
        return (*it)(call);
    return builtIn(call);
}

FakeDesk::Answer FakeDesk::builtIn(const Call &call)
{
    const QString &method = call.method;
    const QJsonObject &p = call.params;
    if (method == QLatin1String("hello"))
        return Answer::ok(QJsonObject { { QStringLiteral("protocol"), Core::Protocol::kVersion },
            { QStringLiteral("server"), QStringLiteral("fake desk") },
            { QStringLiteral("revision"), double(m_revision) } });
    if (method == QLatin1String("auth.login")) {
        const QString user = p.value(QStringLiteral("user")).toString();
        const auto it = m_agents.constFind(user);
        if (it == m_agents.constEnd()
            || it->password != p.value(QStringLiteral("password")).toString())
            return Answer::fail(
                ErrorCode::InvalidCredentials, QStringLiteral("Wrong user name or password."));
        const QString token = QStringLiteral("token-%1").arg(m_nextToken++);
        m_tokens.insert(token, user);
        m_linkTokens.insert(call.link, token);
        return Answer::ok(QJsonObject { { QStringLiteral("token"), token },
            { QStringLiteral("device"), QStringLiteral("device-") + user },
            { QStringLiteral("agent"), it->agent } });
    }
    if (method == QLatin1String("auth.resume")) {
        const QString token = p.value(QStringLiteral("token")).toString();
        const auto it = m_tokens.constFind(token);
        if (it == m_tokens.constEnd())
            return Answer::fail(ErrorCode::SessionExpired,
                QStringLiteral("Unknown session; log in again."),
                { { QStringLiteral("reason"), QStringLiteral("unknown") } });
        m_linkTokens.insert(call.link, token);
        return Answer::ok(QJsonObject { { QStringLiteral("agent"), m_agents.value(*it).agent } });
    }
    if (method == QLatin1String("auth.logout")) {
        m_tokens.remove(m_linkTokens.take(call.link));
        return Answer::ok();
    }
    if (method == QLatin1String("sync.pull")) {
        const double revision
            = qMax(p.value(QStringLiteral("since")).toDouble(), double(m_revision));
        return Answer::ok(QJsonObject { { QStringLiteral("revision"), revision },
            { QStringLiteral("serverRevision"), revision }, { QStringLiteral("more"), false },
            { QStringLiteral("changes"), QJsonArray() } });
    }
    if (method == QLatin1String("presence.list"))
        return Answer::ok(QJsonObject { { QStringLiteral("tickets"), QJsonArray() } });
    if (method == QLatin1String("canned.list"))
        return Answer::ok(QJsonObject { { QStringLiteral("responses"), QJsonArray() } });
    return Answer::fail(
        ErrorCode::MethodNotFound, QStringLiteral("Unknown method: %1").arg(method));
}

QList<FakeDesk::Call> FakeDesk::heldCalls() const
{
    QList<Call> out;
    for (const Held &h : m_held) {
        if (h.transport && h.transport->m_link == h.call.link && !h.transport->m_deskClosed)
            out.append(h.call);
    }
    return out;
}

bool FakeDesk::answerHeld(const QString &method, const Answer &answer)
{
    for (qsizetype i = 0; i < m_held.size(); ++i) {
        const Held h = m_held.at(i);
        if (!h.transport || h.transport->m_link != h.call.link || h.transport->m_deskClosed) {
            m_held.removeAt(i--); // its link is gone
            continue;
        }
        if (h.call.method != method)
            continue;
        m_held.removeAt(i);
        reply(h.transport, h.call, answer);
        return true;
    }
    return false;
}

void FakeDesk::setFrozen(bool frozen)
{
    m_frozen = frozen;
    if (frozen)
        return;
    const QList<Held> held = std::exchange(m_held, {});
    for (const Held &h : held) {
        if (!h.byFreeze)
            m_held.append(h);
        else if (h.transport && h.transport->m_link == h.call.link && !h.transport->m_deskClosed)
            reply(h.transport, h.call, answerFor(h.call));
    }
}

void FakeDesk::notify(const QString &method, const QJsonObject &params)
{
    const QByteArray frame = JsonRpc::notification(method, params);
    for (FakeTransport *t : std::as_const(m_transports)) {
        if (t->m_state == FakeTransport::State::Open && !t->m_deskClosed)
            t->deliver([t, frame] { Q_EMIT t->textReceived(QString::fromUtf8(frame)); });
    }
}

void FakeDesk::drop(int closeCode, const QString &reason)
{
    for (FakeTransport *t : std::as_const(m_transports)) {
        if (t->m_state != FakeTransport::State::Closed && !t->m_deskClosed)
            t->closeFromDesk(closeCode, reason);
    }
}

void FakeDesk::endSession(const QString &reason, const QString &message)
{
    for (FakeTransport *t : std::as_const(m_transports)) {
        if (t->m_state == FakeTransport::State::Open)
            m_tokens.remove(m_linkTokens.take(t->m_link));
    }
    notify(QStringLiteral("auth.ended"),
        { { QStringLiteral("reason"), reason }, { QStringLiteral("message"), message } });
    drop(4001, reason);
}

QStringList FakeDesk::methods() const
{
    QStringList out;
    for (const Call &c : m_calls)
        out << c.method;
    return out;
}

int FakeDesk::count(const QString &method) const
{
    return int(methods().count(method));
}

int FakeDesk::openLinks() const
{
    int n = 0;
    for (const FakeTransport *t : m_transports)
        n += t->m_state == FakeTransport::State::Open ? 1 : 0;
    return n;
}

} // namespace Atiende::Test
