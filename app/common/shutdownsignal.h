#pragma once
// Turns the platform's "please stop" (SIGINT/SIGTERM on Unix, Ctrl+C / close on Windows)
// into a Qt signal delivered on the main thread, so the server can finish its queued writes.

#include <QObject>

namespace Atiende::App {

class ShutdownSignal : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignal(QObject *parent = nullptr);
    ~ShutdownSignal() override;

Q_SIGNALS:
    void requested();
};

} // namespace Atiende::App
