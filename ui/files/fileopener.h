#pragma once
// Hands a file on a ticket to the desktop: a copy under its stored name in a folder of the
// console's own (the cached copy is named by its hash, which no application understands), then
// the system's application for it. The console never runs or renders a downloaded file itself;
// files that could run code (programs, scripts, HTML, SVG...) need the agent's explicit yes
// first (askBeforeOpening). The desktop call sits behind a replaceable function so tests and
// other platforms can stand in for it.

#include "core/domain/attachment.h"

#include <QString>
#include <QUrl>

#include <functional>

class QWidget;

namespace Atiende::Ui {

class FileOpener
{
public:
    // What opens a local file URL (QDesktopServices::openUrl by default).
    using Launcher = std::function<bool(const QUrl &url)>;
    static void setLauncher(Launcher launcher);
    static void resetLauncher();

    // The question for a file that could run code, or an empty string when it needs none.
    static QString riskWarning(const Core::Attachment &file);
    // Asks the agent (a modal warning) when the file could run code; true when it may open.
    static bool askBeforeOpening(QWidget *parent, const Core::Attachment &file);

    // A copy of cachedPath named as the file is named, in the console's folder for opened
    // files; empty with *error when it cannot be made.
    static QString copyForOpening(
        const QString &cachedPath, const Core::Attachment &file, QString *error);
    // Copies and launches (after askBeforeOpening, which the caller does). False with *error.
    static bool open(const QString &cachedPath, const Core::Attachment &file, QString *error);
    // Saves a copy where the agent chose.
    static bool saveAs(const QString &cachedPath, const QString &target, QString *error);
};

} // namespace Atiende::Ui
