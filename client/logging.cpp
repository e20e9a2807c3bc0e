#include "logging.h"

Q_LOGGING_CATEGORY(lcCache, "atiende.cache")
Q_LOGGING_CATEGORY(lcFiles, "atiende.files")
Q_LOGGING_CATEGORY(lcConnection, "atiende.connection")
Q_LOGGING_CATEGORY(lcToken, "atiende.auth")
Q_LOGGING_CATEGORY(lcPresence, "atiende.presence")
Q_LOGGING_CATEGORY(lcSync, "atiende.sync")
