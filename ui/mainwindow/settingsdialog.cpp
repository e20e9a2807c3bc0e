#include "settingsdialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QVBoxLayout>

namespace Atiende::Ui {

SettingsDialog::SettingsDialog(QWidget *parent)
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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString chosen = m_language->currentData().toString();
        const bool changed = chosen != language();
        setLanguage(chosen);
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
