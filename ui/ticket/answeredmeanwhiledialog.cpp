#include "answeredmeanwhiledialog.h"

#include "core/domain/timestamp.h"
#include "models/labels/labels.h"
#include "ui/text/markdownrenderer.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Atiende::Ui {

AnsweredMeanwhileDialog::AnsweredMeanwhileDialog(const QList<Answer> &answers, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("answeredMeanwhileDialog"));
    setWindowTitle(tr("Someone answered meanwhile"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    QStringList authors;
    for (const Answer &a : answers) {
        if (!authors.contains(a.author))
            authors << a.author;
    }
    m_summary->setText(tr("%1 replied publicly since you opened this ticket. Read what was said "
                          "before you send yours.",
        nullptr, int(answers.size()))
                           .arg(QLocale().createSeparatedList(authors)));
    layout->addWidget(m_summary);

    m_answers = new QTextBrowser(this);
    m_answers->setObjectName(QStringLiteral("otherAnswers"));
    m_answers->setOpenExternalLinks(true);
    // Their words as they will read on the ticket: Markdown, newest last.
    const qint64 now = Core::Timestamp::now();
    QString markdown;
    for (const Answer &a : answers) {
        if (!markdown.isEmpty())
            markdown += QStringLiteral("\n\n---\n\n");
        QString author = a.author;
        author.replace(QLatin1Char('*'), QLatin1String("\\*"));
        markdown += tr("**%1**, %2").arg(author, Models::Labels::when(a.createdAt, now))
            + QStringLiteral("\n\n") + a.body;
    }
    // Written by others, customers among them: rendered confined, as the timeline does.
    MarkdownRenderer renderer;
    renderer.setPalette(m_answers->palette());
    renderer.render(markdown, m_answers->document());
    layout->addWidget(m_answers, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_review = buttons->addButton(tr("&Review first"), QDialogButtonBox::RejectRole);
    m_review->setObjectName(QStringLiteral("review"));
    m_sendAnyway = buttons->addButton(tr("&Send anyway"), QDialogButtonBox::AcceptRole);
    m_sendAnyway->setObjectName(QStringLiteral("sendAnyway"));
    // Reading is the safe default: Enter does not send over someone else's answer.
    m_review->setDefault(true);
    m_review->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 380);
}

QString AnsweredMeanwhileDialog::answersText() const
{
    return m_answers->toPlainText();
}

} // namespace Atiende::Ui
