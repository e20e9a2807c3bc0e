#pragma once
// Fills a store with a realistic, bilingual (Spanish/English) service desk: groups by tier,
// agents, organisations and their customers, a service catalog, a year of incidents and
// service requests with their conversations, and a knowledge base. Deterministic for a seed.
// Also creates the well-known demo users agent, lead and admin, each with password "demo".

#include <QString>

namespace Atiende::Server {

class Store;

class DemoData
{
public:
    struct Options
    {
        quint32 seed = 2026;
        int groups = 4; // at least 3
        int agents = 12; // named agents besides agent, lead and admin
        int organisations = 40;
        int customers = 500;
        int tickets = 5000;
        int kbArticles = 300;
        int months = 12; // tickets spread over this many months up to now
        qint64 now = 0; // 0: the current time
        // Where files on tickets are kept (the data folder's files/): some tickets then carry
        // a screenshot, a log or a PDF. Empty: no files.
        QString filesDirectory;
    };

    DemoData(Store &store, Options options);

    // Refuses a store that already has tickets, or an agent with one of the logins it would
    // create; builds on a store fresh from `atiended init` (reusing its group and admin).
    bool generate(QString *error);
    QString summary() const; // one line: what was created

private:
    Store &m_store;
    Options m_options;
    QString m_summary;
};

} // namespace Atiende::Server
