// The shared SQL helpers reaching up into the server and opening sockets: the layer check must
// refuse both.

#include "server/store/sqlcontext.h"

#include <QTcpSocket>
