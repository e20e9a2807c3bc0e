#pragma once
// atiended [serve] --listen 127.0.0.1:8765 --data DIR [--cert CERT.pem --key KEY.pem]
// Serves a desk until stopped: holds the data folder's lock, publishes where the admin
// commands find it, and runs the event loop. The process's signals are main()'s business: it
// connects them in onServing (SIGTERM/Ctrl+C to stop(), SIGHUP to reloadCertificate()).

#include "command.h"

#include <functional>

namespace Atiende::Server {
class DataFolder;
class RpcServer;
} // namespace Atiende::Server

namespace Atiende::Server::Cli {

class ServeCommand : public Command
{
public:
    int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) override;

    // Called once the server listens and is published, before it says so and serves.
    std::function<void(ServeCommand &)> onServing;

    // While serving: finishes the queued writes, leaves the folder and ends run().
    void stop();
    // While serving: the renewed certificate pair from the same files, for new connections;
    // a bad pair leaves the one in use, and both outcomes are told.
    void reloadCertificate();
    bool isSecure() const;
    quint16 port() const; // the port listened on (for --listen HOST:0)

private:
    RpcServer *m_server = nullptr;
    DataFolder *m_folder = nullptr;
    CommandIo *m_io = nullptr;
};

} // namespace Atiende::Server::Cli
