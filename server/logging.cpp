#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "atiende.server")
Q_LOGGING_CATEGORY(lcTls, "atiende.server.tls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "atiende.store")
Q_LOGGING_CATEGORY(lcKpi, "atiende.kpi", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSla, "atiende.sla")
Q_LOGGING_CATEGORY(lcAutoClose, "atiende.satisfaction")
Q_LOGGING_CATEGORY(lcImap, "atiende.mail.imap", QtInfoMsg)
