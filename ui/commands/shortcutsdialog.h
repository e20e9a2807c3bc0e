#pragma once
// F1: every action of the console with its shortcut, in one table.

#include <QDialog>

class QAction;
class QTableWidget;

namespace Atiende::Ui {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace Atiende::Ui
