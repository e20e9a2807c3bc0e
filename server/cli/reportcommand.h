#pragma once
// atiended report --data DIR --from DATE --to DATE [--groups 1,2] [--csv FILE] [--pdf FILE]
// The KPI report of a range of days as CSV and/or PDF, read beside a running server too. The
// PDF is drawn with Qt Gui: the process must run a QGuiApplication (main makes one when
// `report` is the first argument, on the offscreen platform when none is set).

#include "command.h"

#include <QDate>
#include <optional>

namespace Atiende::Server::Cli {

class ReportCommand : public Command
{
public:
    int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) override;

    // A report's day: yyyy-MM-dd, or relative to today in the desk's time zone, for timers that
    // run the same command every day or month: today, today-N (N days before), month (the first
    // day of this month), month-N (of N months before).
    static std::optional<QDate> reportDay(const QString &text, const QDate &today);
};

} // namespace Atiende::Server::Cli
