-- 0007: the dashboard's KPIs (docs/kpis.md). First-contact resolution needs to know whether a
-- ticket got more than one public reply from an agent, so tickets count them; the
-- description is the customer's request, not a reply. Existing tickets are counted from
-- their conversations: agent replies written after the ticket was created (a description
-- shares the ticket's creation instant). The KPI engine reads open tickets not changed for a
-- while, and reports look surveys up by when they were answered: an index for each.
ALTER TABLE tickets ADD COLUMN agent_replies INTEGER NOT NULL DEFAULT 0;
UPDATE tickets SET agent_replies = (
    SELECT COUNT(*) FROM articles a
    WHERE a.ticket_id = tickets.id AND a.kind = 'reply' AND a.author_agent_id IS NOT NULL
      AND a.created_at > tickets.created_at);
CREATE INDEX surveys_answered ON surveys (answered_at);
CREATE INDEX tickets_status_updated ON tickets (status, updated_at);
