#pragma once
// The console's settings: the language of the interface (the system's by default).

#include <QDialog>

class QComboBox;

namespace Atiende::Ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // "" (follow the system), "en" or "es", as kept in QSettings under "language".
    static QString language();
    static void setLanguage(const QString &code);
    QComboBox *languageChooser() const { return m_language; }

private:
    QComboBox *m_language;
};

} // namespace Atiende::Ui
