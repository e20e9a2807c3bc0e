#include "benchstore.h"

#include "server/admin/setup.h"

#include "core/domain/kbarticle.h"
#include "core/domain/timestamp.h"

namespace Atiende::Bench {

BenchStore::BenchStore()
{
    if (!m_dir.isValid()) {
        m_error = m_dir.errorString();
        return;
    }
    m_store = Server::Store::open(m_dir.filePath(QStringLiteral("bench.db")), true, &m_error);
    if (!m_store)
        return;
    Server::Setup setup(*m_store);
    if (!setup.init(QStringLiteral("admin"), QStringLiteral("Admin"),
            QStringLiteral("bench-password"), &m_error)) {
        m_store.reset();
        return;
    }
    const auto creds = m_store->directory().credentials(QStringLiteral("admin"));
    if (!creds) {
        m_error = QStringLiteral("the admin made by Setup is not there");
        m_store.reset();
        return;
    }
    m_admin = Server::Caller { creds->agent.id, creds->agent.role, creds->agent.groupIds };
    m_store->sync().loadRevision();
}

BenchStore::~BenchStore() = default;

bool BenchStore::begin()
{
    return m_store->sync().loadRevision() && m_store->begin();
}

bool BenchStore::commit()
{
    return m_store->sync().saveRevision() && m_store->commit();
}

bool BenchStore::addKbArticles(int count)
{
    // Subjects and phrasing of a real first-line desk, accents included, so the index holds
    // the same kind of text the search sees in production.
    static const QStringList topics { QStringLiteral("impresora"), QStringLiteral("VPN"),
        QStringLiteral("contraseña"), QStringLiteral("correo"), QStringLiteral("Outlook"),
        QStringLiteral("Wi-Fi"), QStringLiteral("portátil"), QStringLiteral("Teams"),
        QStringLiteral("printer"), QStringLiteral("password"), QStringLiteral("laptop"),
        QStringLiteral("SharePoint"), QStringLiteral("certificado"), QStringLiteral("facturación"),
        QStringLiteral("backup"), QStringLiteral("MFA") };
    static const QStringList spanish { QStringLiteral("Cómo configurar %1 en un equipo nuevo"),
        QStringLiteral("%1 no funciona después de la actualización"),
        QStringLiteral("Restablecer %1 paso a paso"),
        QStringLiteral("Errores frecuentes de %1 y su solución") };
    static const QStringList english { QStringLiteral("How to set up %1 on a new machine"),
        QStringLiteral("%1 stops working after the update"),
        QStringLiteral("Resetting %1 step by step"),
        QStringLiteral("Common %1 errors and how to fix them") };
    if (!begin())
        return false;
    const qint64 now = Core::Timestamp::now();
    for (int i = 0; i < count; ++i) {
        // Every topic in both languages and every phrasing before repeating.
        const int round = i / int(topics.size());
        const QString topic = topics.at(i % topics.size());
        const bool es = round % 2 == 0;
        Core::KbArticle a;
        a.title = (es ? spanish : english).at((round / 2) % 4).arg(topic);
        a.body = es
            ? QStringLiteral(
                "## Síntomas\nEl usuario informa que %1 falla con el código %2.\n\n## Solución\n"
                "1. Abra la configuración.\n2. Verifique la conexión y la autenticación.\n"
                "3. Reinicie el servicio y pruebe de nuevo. Si persiste, escale al nivel 2.")
                  .arg(topic)
                  .arg(1000 + i)
            : QStringLiteral(
                "## Symptoms\nThe user reports that %1 fails with error %2.\n\n## Resolution\n"
                "1. Open the settings.\n2. Check the connection and authentication.\n"
                "3. Restart the service and try again. If it persists, escalate to tier 2.")
                  .arg(topic)
                  .arg(1000 + i);
        a.keywords = { topic.toLower(),
            es ? QStringLiteral("configuración") : QStringLiteral("configuration") };
        a.language = es ? QStringLiteral("es") : QStringLiteral("en");
        a.audience = i % 3 == 0 ? Core::Audience::Public : Core::Audience::Agent;
        a.authorId = m_admin.agentId;
        a.createdAt = now;
        a.updatedAt = now;
        QList<Server::Change> changes;
        if (m_store->kb().create(a, &changes) == 0) {
            m_store->rollback();
            return false;
        }
    }
    return commit();
}

} // namespace Atiende::Bench
