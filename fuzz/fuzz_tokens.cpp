// What a client hands the server back as an opaque string: the device token of auth.login
// (server/auth/devicetokens) and the cursor of sync.pull (server/store/pullcursor), and the
// list readers the trust work added to the parameter checking (server/rpc/params.h).
// Checked: no input but a token this desk issued for that user verifies, and one it issued
// always does (a round trip per input); a cursor that parses writes back to the same text
// shape and parses to the same place; list reads keep their length bounds and give each id
// once.

#include "fuzzsupport.h"

#include "server/auth/devicetokens.h"
#include "server/rpc/params.h"
#include "server/store/pullcursor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <sodium.h>

using namespace Atiende;
using Atiende::Server::DeviceTokens;
using Atiende::Server::Params;
using Atiende::Server::PullCursor;

namespace {
const DeviceTokens &tokens()
{
    // A fixed key: a run is repeatable.
    static const DeviceTokens t(QByteArray(DeviceTokens::kKeyBytes, '\x5a'));
    return t;
}
constexpr qint64 kNow = 1765000000000; // 2025-12-06
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Fuzz::silenceQtMessages();
    if (sodium_init() < 0)
        std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = Fuzz::text(data, size);

    // Device tokens: the input as a token for a user, and as a user whose token comes back.
    const QString user = input.left(64);
    const QString forged = tokens().verify(input, QStringLiteral("ana"), kNow);
    FUZZ_CHECK(forged.isEmpty(), input);
    const QString issued = tokens().issue(user, kNow);
    FUZZ_CHECK(issued.size() <= DeviceTokens::kMaxTokenLength, issued);
    const QString id = tokens().verify(issued, user, kNow + 1000);
    FUZZ_CHECK(id.size() == 32, user);
    FUZZ_CHECK(tokens().verify(issued, user + QLatin1Char('x'), kNow).isEmpty(), user);
    FUZZ_CHECK(tokens().verify(issued, user, kNow + DeviceTokens::kMaxAgeMs + 1).isEmpty(), user);

    // Cursors.
    if (const auto cursor = PullCursor::fromString(input)) {
        FUZZ_CHECK(cursor->rev > 0 && cursor->id > 0, input);
        const auto again = PullCursor::fromString(cursor->toString());
        FUZZ_CHECK(again && again->rev == cursor->rev && again->entity == cursor->entity
                && again->id == cursor->id,
            input);
    }

    // The list readers, on the input as a params object.
    const QJsonObject params = QJsonDocument::fromJson(Fuzz::rawBytes(data, size)).object();
    Params p(params);
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString name = it.key();
        const bool wasOk = p.ok();
        const QList<qint64> ids = p.idList(name, 7);
        if (wasOk && p.ok()) {
            FUZZ_CHECK(ids.size() <= 7, name);
            FUZZ_CHECK(QSet<qint64>(ids.begin(), ids.end()).size() == ids.size(), name);
            for (qint64 v : ids)
                FUZZ_CHECK(v >= 1 && v <= 9007199254740991LL, name);
        }
        Params q(params);
        const QStringList strings = q.stringList(name, false, 5, 12);
        if (q.ok()) {
            FUZZ_CHECK(strings.size() <= 5, name);
            for (const QString &s : strings)
                FUZZ_CHECK(s.size() <= 12, name);
        } else {
            FUZZ_CHECK(q.error().data.value(QStringLiteral("param")).toString() == name, name);
        }
        Params r(params);
        const QList<QJsonObject> objects = r.objectList(name, true, 3);
        if (r.ok())
            FUZZ_CHECK(objects.size() <= 3 && it.value().isArray(), name);
    }
    return 0;
}
