#pragma once
// A real server store for store-level benchmarks: a migrated SQLite database (the server's
// own pragmas: WAL, synchronous=FULL) in a temporary folder, with the first admin and group
// made by Setup, as `atiended init` makes them.

#include "server/store/caller.h"
#include "server/store/store.h"

#include <QTemporaryDir>

#include <memory>

namespace Atiende::Bench {

class BenchStore
{
public:
    BenchStore();
    ~BenchStore();

    bool isValid() const { return m_store != nullptr; }
    QString error() const { return m_error; }
    Server::Store &store() { return *m_store; }
    // The admin, in the first group.
    const Server::Caller &admin() const { return m_admin; }

    // A write transaction as the server's writer runs one: the revision counter loaded,
    // saved with the commit.
    bool begin();
    bool commit();

    // count knowledge-base articles in Spanish and English, deterministic, in one commit.
    bool addKbArticles(int count);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Server::Store> m_store;
    Server::Caller m_admin;
    QString m_error;
};

} // namespace Atiende::Bench
