#pragma once
// The console library's logging categories, declared once (defined in logging.cpp). Turn one
// up with QT_LOGGING_RULES, e.g. "atiende.sync.debug=true".

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCache) // atiende.cache: the offline copy, its migrations
Q_DECLARE_LOGGING_CATEGORY(lcFiles) // atiende.files: the file store, uploads, downloads
Q_DECLARE_LOGGING_CATEGORY(lcConnection) // atiende.connection: connecting, signing in, retries
Q_DECLARE_LOGGING_CATEGORY(lcToken) // atiende.auth: the session token's store
Q_DECLARE_LOGGING_CATEGORY(lcPresence) // atiende.presence: who else has a ticket open
Q_DECLARE_LOGGING_CATEGORY(lcSync) // atiende.sync: catch-up, live changes, the outbox
