#pragma once
// Where a sync.pull page that ended inside a revision goes on: after this row of the feed, in
// (rev, entity, id) order. On the wire "rev:entity:id"; clients pass it back untouched.

#include <QString>

#include <optional>

namespace Atiende::Server {

struct PullCursor
{
    qint64 rev = 0;
    QString entity;
    qint64 id = 0;

    QString toString() const;
    // nullopt for anything a page could not have given (outside input: fuzzed).
    static std::optional<PullCursor> fromString(const QString &text);
};

} // namespace Atiende::Server
