#pragma once
// The server's logging categories, declared once for the whole library (defined in
// logging.cpp). Turn one up with QT_LOGGING_RULES, e.g. "atiende.server.tls.debug=true".

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer) // atiende.server: connections, sessions, refusals
Q_DECLARE_LOGGING_CATEGORY(lcTls) // atiende.server.tls: handshakes (debug: protocol and cipher)
Q_DECLARE_LOGGING_CATEGORY(lcStore) // atiende.store: the database, migrations, the writer
Q_DECLARE_LOGGING_CATEGORY(lcKpi) // atiende.kpi: the dashboard figures and reports
Q_DECLARE_LOGGING_CATEGORY(lcSla) // atiende.sla: SLA clocks and escalations
Q_DECLARE_LOGGING_CATEGORY(lcAutoClose) // atiende.satisfaction: surveys and auto-close
Q_DECLARE_LOGGING_CATEGORY(lcImap) // atiende.mail.imap: mailboxes read (debug: batches, IDLE)
