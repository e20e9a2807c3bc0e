#pragma once
// The console's settings: the language of the interface (the system's by default) and, when
// signed in, how much room files on tickets may take on this computer.

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // workspace: the signed-in desk whose file cache it sizes (none: language only).
    explicit SettingsDialog(QWidget *parent = nullptr, Client::Workspace *workspace = nullptr);

    // "" (follow the system), "en" or "es", as kept in QSettings under "language".
    static QString language();
    static void setLanguage(const QString &code);
    QComboBox *languageChooser() const { return m_language; }
    QSpinBox *fileCacheChooser() const { return m_fileCache; } // MB; null without a workspace

private:
    QComboBox *m_language;
    QSpinBox *m_fileCache = nullptr;
    QLabel *m_fileCacheUse = nullptr;
};

} // namespace Atiende::Ui
