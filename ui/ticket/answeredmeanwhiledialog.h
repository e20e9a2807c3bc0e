#pragma once
// "Someone answered meanwhile": shown before a public reply goes out when another agent or
// the customer wrote one since the agent opened the ticket. It shows what they wrote, so
// the agent can send anyway or go back and review. No locks: just no surprises.

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace Atiende::Ui {

class AnsweredMeanwhileDialog : public QDialog
{
    Q_OBJECT
public:
    struct Answer
    {
        QString author;
        qint64 createdAt = 0;
        QString body; // Markdown
    };
    explicit AnsweredMeanwhileDialog(const QList<Answer> &answers, QWidget *parent = nullptr);

    // What the dialog shows of the other replies, as plain text.
    QString answersText() const;
    QPushButton *sendAnywayButton() const { return m_sendAnyway; }
    QPushButton *reviewButton() const { return m_review; }

private:
    QLabel *m_summary;
    QTextBrowser *m_answers;
    QPushButton *m_sendAnyway;
    QPushButton *m_review;
};

} // namespace Atiende::Ui
