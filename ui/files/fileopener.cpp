#include "fileopener.h"

#include "core/files/filerules.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace Atiende::Ui {

namespace {

FileOpener::Launcher &launcher()
{
    static FileOpener::Launcher l = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    return l;
}

} // namespace

void FileOpener::setLauncher(Launcher l)
{
    launcher() = std::move(l);
}

void FileOpener::resetLauncher()
{
    launcher() = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
}

QString FileOpener::riskWarning(const Core::Attachment &file)
{
    if (!Core::Files::couldRunCode(file.name, file.mediaType))
        return QString();
    return QCoreApplication::translate("Atiende::Ui::FileOpener",
        "“%1” (%2) could run programs or scripts on this computer when it is opened. Open it "
        "only if you know who sent it and expected it.")
        .arg(file.name, file.mediaType);
}

bool FileOpener::askBeforeOpening(QWidget *parent, const Core::Attachment &file)
{
    const QString warning = riskWarning(file);
    if (warning.isEmpty())
        return true;
    QMessageBox box(QMessageBox::Warning,
        QCoreApplication::translate("Atiende::Ui::FileOpener", "Open a file that could run code?"),
        warning, QMessageBox::Cancel, parent);
    QPushButton *open
        = box.addButton(QCoreApplication::translate("Atiende::Ui::FileOpener", "Open anyway"),
            QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("riskyFileWarning"));
    box.exec();
    return box.clickedButton() == static_cast<QAbstractButton *>(open);
}

QString FileOpener::copyForOpening(
    const QString &cachedPath, const Core::Attachment &file, QString *error)
{
    // One folder per content, so two files of the same name never overwrite each other and
    // opening the same one twice reuses its copy.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::TempLocation)
        + QStringLiteral("/atiende-opened/");
    const QString dir = base + file.sha256.left(16);
    QString name = Core::Files::sanitiseName(file.name);
    if (name.isEmpty())
        name = file.sha256.left(16);
    const QString target = dir + QLatin1Char('/') + name;
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot make %1").arg(dir);
        return QString();
    }
    const QFileInfo existing(target);
    if (existing.exists() && existing.size() == file.size)
        return target;
    QFile::remove(target);
    QFile source(cachedPath);
    if (!source.copy(target)) {
        *error = source.errorString();
        return QString();
    }
    // Read-only: an application that saves changes does not change what the ticket carries.
    QFile::setPermissions(target, QFile::ReadOwner | QFile::ReadUser);
    return target;
}

bool FileOpener::open(const QString &cachedPath, const Core::Attachment &file, QString *error)
{
    const QString copy = copyForOpening(cachedPath, file, error);
    if (copy.isEmpty())
        return false;
    if (!launcher()(QUrl::fromLocalFile(copy))) {
        *error = QCoreApplication::translate(
            "Atiende::Ui::FileOpener", "No application on this computer opens this kind of file.");
        return false;
    }
    return true;
}

bool FileOpener::saveAs(const QString &cachedPath, const QString &target, QString *error)
{
    if (QFileInfo(target).canonicalFilePath() == QFileInfo(cachedPath).canonicalFilePath())
        return true;
    if (QFile::exists(target) && !QFile::remove(target)) {
        *error = QCoreApplication::translate("Atiende::Ui::FileOpener", "%1 cannot be replaced.")
                     .arg(QDir::toNativeSeparators(target));
        return false;
    }
    QFile source(cachedPath);
    if (!source.copy(target)) {
        *error = source.errorString();
        return false;
    }
    QFile::setPermissions(target,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup
            | QFile::ReadOther);
    return true;
}

} // namespace Atiende::Ui
