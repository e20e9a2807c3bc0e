#include "settingsdialog.h"

#include "ui/files/outgoingfiles.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Atiende::Ui {

SettingsDialog::SettingsDialog(QWidget *parent, Client::Workspace *workspace)
    : QDialog(parent)
    , m_language(new QComboBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_language->setObjectName(QStringLiteral("languageChooser"));
    m_language->addItem(tr("The system's language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(language())));
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    constexpr qint64 kMegabyte = 1024 * 1024;
    if (workspace) {
        // Files fetched from tickets are kept for when they are looked at again, offline too.
        m_fileCache = new QSpinBox(this);
        m_fileCache->setObjectName(QStringLiteral("fileCacheChooser"));
        m_fileCache->setRange(50, 100 * 1024);
        m_fileCache->setSingleStep(256);
        m_fileCache->setSuffix(tr(" MB"));
        m_fileCache->setValue(int(workspace->fileCacheLimit() / kMegabyte));
        m_fileCacheUse = new QLabel(
            tr("Files from tickets kept on this computer: %1 now. The least recently used go "
               "past this size; files you opened while offline stay until you are back online.")
                .arg(OutgoingFiles::sizeText(workspace->fileCacheSize())),
            this);
        m_fileCacheUse->setWordWrap(true);
        form->addRow(tr("&Files kept:"), m_fileCache);
        form->addRow(QString(), m_fileCacheUse);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this, workspace] {
        const QString chosen = m_language->currentData().toString();
        const bool changed = chosen != language();
        setLanguage(chosen);
        if (m_fileCache && workspace)
            workspace->setFileCacheLimit(qint64(m_fileCache->value()) * kMegabyte);
        accept();
        if (changed
            && QMessageBox::question(parentWidget(), tr("Language"),
                   tr("The new language shows after a restart of the console. Restart now?"))
                == QMessageBox::Yes) {
            // Drafts are saved as they are typed; the outbox is on disk: nothing is lost.
            QProcess::startDetached(
                QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
            QCoreApplication::quit();
        }
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString SettingsDialog::language()
{
    return QSettings().value(QStringLiteral("language")).toString();
}
void SettingsDialog::setLanguage(const QString &code)
{
    QSettings().setValue(QStringLiteral("language"), code);
}

} // namespace Atiende::Ui
