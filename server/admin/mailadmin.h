#pragma once
// The desk mailboxes, administered: mail.accounts.list, mail.accounts.save (add, or change by
// name: settings, passwords, enabled). Admins only. Passwords are sealed with the data
// folder's mail key before they are written (server/mail/mailsecrets.h) and never answered;
// a plain-text connection ("security": "none") is refused for anything but this machine.

#include "server/store/caller.h"
#include "server/store/changeset.h"

#include <QJsonObject>

namespace Atiende::Server {

class Store;

namespace MailAdmin {

OpResult save(Store &s, const Caller &caller, const QJsonObject &params, qint64 now);
OpResult list(Store &s, const Caller &caller);

} // namespace MailAdmin

} // namespace Atiende::Server
