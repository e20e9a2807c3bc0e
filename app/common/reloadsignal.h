#pragma once
// Turns the platform's "read your files again" into a Qt signal delivered on the main thread:
// SIGHUP on Unix, as daemons and `systemctl reload` use it. Windows has no such signal: there
// isSupported() is false, requested() never comes, and a service is restarted instead.

#include <QObject>

namespace Atiende::App {

class ReloadSignal : public QObject
{
    Q_OBJECT
public:
    explicit ReloadSignal(QObject *parent = nullptr);
    ~ReloadSignal() override;

    static bool isSupported();

Q_SIGNALS:
    void requested(); // once per signal, or once for several that came close together
};

} // namespace Atiende::App
