#include "serverchanges.h"

#include "cachedb.h"
#include "cachedelta.h"
#include "cachejson.h"
#include "directoryrows.h"
#include "kbindex.h"
#include "localedits.h"
#include "ticketrows.h"
#include "unreadmarks.h"

#include "core/domain/timestamp.h"

#include <QSet>

namespace Atiende::Client {

using namespace CacheJson;

ServerChanges::ServerChanges(CacheDb &db, TicketRows &rows, DirectoryRows &directory, KbIndex &kb,
    LocalEdits &edits, UnreadMarks &marks)
    : m_db(db)
    , m_rows(rows)
    , m_directory(directory)
    , m_kb(kb)
    , m_edits(edits)
    , m_marks(marks)
{
}

bool ServerChanges::apply(const QJsonArray &changes, qint64 revision, CacheDelta *delta)
{
    if (!m_db.begin())
        return false;
    // Tickets with unsent field edits (or an escalation), whose edits must stay on top of
    // what arrives.
    const QSet<qint64> withPendingEdits = m_edits.ticketsWithPendingEdits();
    QSet<qint64> toReapply;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        const QString entity = c.value(QStringLiteral("entity")).toString();
        const qint64 id = idOf(c);
        const qint64 rev = qint64(c.value(QStringLiteral("rev")).toDouble());
        const bool upsert = c.value(QStringLiteral("op")).toString() == QLatin1String("upsert");
        const QJsonObject data = c.value(QStringLiteral("data")).toObject();
        int written = 0;
        if (entity == QLatin1String("ticket")) {
            if (upsert) {
                written = m_rows.upsertTicketIfNewer(data, rev, false, true);
                if (written > 0) {
                    delta->tickets.insert(id);
                    if (withPendingEdits.contains(id))
                        toReapply.insert(id);
                }
            } else if (m_rows.rev(id) < rev) {
                // Hidden or deleted: the ticket leaves with its conversation.
                written = m_rows.removeTicket(id) ? 1 : -1;
                delta->removedTickets.insert(id);
            }
        } else if (entity == QLatin1String("article")) {
            // An entry an agent moved to another ticket leaves the one it was on.
            const qint64 wasOn = m_rows.ticketOfArticle(id);
            if (upsert) {
                written = m_rows.upsertArticleIfNewer(data, rev, false, true);
                if (written > 0)
                    delta->articleTickets.insert(idOf(data, QStringLiteral("ticketId")));
            } else {
                written = m_rows.removeArticleIfOlder(id, rev);
            }
            if (written > 0 && wasOn != 0)
                delta->articleTickets.insert(wasOn);
        } else if (entity == QLatin1String("kb")) {
            written = m_kb.apply(id, rev, upsert, data);
            if (written == 0)
                continue; // the cache holds it at rev or newer
            delta->kb = true;
        } else if (!entity.isEmpty()) {
            written = m_directory.apply(entity, id, rev, upsert, data);
            if (written > 0)
                delta->directory.insert(entity);
        }
        if (written < 0) {
            m_db.rollback();
            m_directory.forgetNames(); // the in-memory copy may hold names the rollback undid
            return false;
        }
    }
    for (qint64 id : std::as_const(toReapply))
        m_edits.reapplyPending(id);
    if (revision > 0 && !m_db.setRevision(revision)) {
        m_db.rollback();
        return false;
    }
    return m_db.commit();
}

bool ServerChanges::storeFetchedTicket(
    const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta)
{
    const qint64 id = idOf(ticket);
    if (id <= 0 || !m_db.begin())
        return false;
    // Under the rule sync follows: written only where the cache holds nothing as new, so a
    // push that overtook this answer is not undone, and later changes (greater revs) apply.
    // The conversation is stored under the ticket's rev: every entry of it changed with the
    // ticket, at that revision or before, and the answer was read after rev (see tickets.get).
    int written = m_rows.upsertTicketIfNewer(ticket, rev, false, true);
    if (written > 0)
        delta->tickets.insert(id);
    for (const QJsonValue &v : articles) {
        const int a
            = written < 0 ? -1 : m_rows.upsertArticleIfNewer(v.toObject(), rev, false, true);
        if (a < 0) {
            written = -1;
            break;
        }
        if (a > 0)
            delta->articleTickets.insert(id);
    }
    if (written < 0) {
        m_db.rollback();
        return false;
    }
    if (m_edits.hasPendingEdits(id))
        m_edits.reapplyPending(id);
    return m_db.commit();
}

bool ServerChanges::clear()
{
    m_directory.forgetNames();
    if (!m_db.begin())
        return false;
    const bool ok = m_rows.clearServerRows() && m_directory.clear() && m_kb.clear()
        && m_db.setRevision(0) && m_marks.setBaseline(Core::Timestamp::now());
    m_marks.forgetBaseline();
    if (!ok) {
        m_db.rollback();
        return false;
    }
    return m_db.commit();
}

} // namespace Atiende::Client
