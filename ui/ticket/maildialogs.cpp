#include "maildialogs.h"

#include "workspace/workspace.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Client::Workspace;

namespace {
constexpr int kMaxCc = 50; // the server's limit
}

CcDialog::CcDialog(const QString &requester, const QStringList &cc, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("ccDialog"));
    setWindowTitle(tr("CC"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(requester.isEmpty()
            ? tr("Replies to this ticket go out by e-mail to these addresses.")
            : tr("Replies to this ticket go out by e-mail to %1 and, as CC, to these addresses.")
                  .arg(requester),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("ccAddresses"));
    m_edit->setAccessibleName(tr("CC addresses"));
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(tr("One address per line"));
    m_edit->setPlainText(cc.join(QLatin1Char('\n')));
    m_edit->setMinimumHeight(m_edit->fontMetrics().lineSpacing() * 5);
    layout->addWidget(m_edit, 1);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("ccProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &CcDialog::check);
    check();
    resize(qMax(420, sizeHint().width()), sizeHint().height());
}

QStringList CcDialog::addresses() const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    QStringList out;
    for (const QString &part : m_edit->toPlainText().split(separators, Qt::SkipEmptyParts)) {
        const QString address = part.toLower();
        if (!out.contains(address))
            out << address;
    }
    return out;
}

QString CcDialog::problem() const
{
    const QStringList list = addresses();
    for (const QString &a : list) {
        if (!Workspace::isMailAddress(a))
            return tr("“%1” is not an e-mail address.").arg(a);
    }
    if (list.size() > kMaxCc)
        return tr("At most %1 addresses.").arg(kMaxCc);
    return QString();
}

void CcDialog::check()
{
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

MoveArticleDialog::MoveArticleDialog(const QString &from, const QString &subject, QWidget *parent)
    : QDialog(parent)
    , m_from(from)
{
    setObjectName(QStringLiteral("moveArticleDialog"));
    setWindowTitle(tr("Move to another ticket"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("This mail was threaded onto %1. Move it, with its files, to:").arg(from), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_existing = new QRadioButton(tr("&The ticket"), this);
    m_existing->setObjectName(QStringLiteral("moveToExisting"));
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("moveToNumber"));
    m_number->setPlaceholderText(QStringLiteral("INC-000123"));
    m_number->setAccessibleName(tr("Ticket number"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_existing);
    row->addWidget(m_number, 1);
    layout->addLayout(row);
    m_new = new QRadioButton(
        subject.isEmpty() ? tr("A &new ticket") : tr("A &new ticket: “%1”").arg(subject), this);
    m_new->setObjectName(QStringLiteral("moveToNew"));
    layout->addWidget(m_new);
    m_existing->setChecked(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("moveProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto *hint = new QLabel(
        tr("Later replies in this mail's thread go to the ticket it is moved to."), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Move"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_number, &QLineEdit::textChanged, this, [this] {
        m_existing->setChecked(true);
        check();
    });
    connect(m_new, &QRadioButton::toggled, this, &MoveArticleDialog::check);
    check();
    resize(qMax(440, sizeHint().width()), sizeHint().height());
}

bool MoveArticleDialog::toNewTicket() const
{
    return m_new->isChecked();
}

QString MoveArticleDialog::ticketNumber() const
{
    return toNewTicket() ? QString() : Workspace::ticketNumber(m_number->text());
}

void MoveArticleDialog::check()
{
    QString problem;
    if (!toNewTicket()) {
        const QString number = ticketNumber();
        if (m_number->text().trimmed().isEmpty())
            problem = QString(); // nothing typed yet: no scolding, but no Move either
        else if (number.isEmpty())
            problem = tr("“%1” is not a ticket number.").arg(m_number->text().trimmed());
        else if (number == m_from)
            problem = tr("The mail is on %1 already.").arg(number);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(toNewTicket() || (!ticketNumber().isEmpty() && problem.isEmpty()));
}

} // namespace Atiende::Ui
