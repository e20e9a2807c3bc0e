#include "cannedmanager.h"

#include "fieldtext.h"

#include "ui/common/theme.h"

#include "client/workspace/workspace.h"
#include "core/protocol/errorcode.h"
#include "core/text/placeholders.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Client::Workspace;
using Core::CannedResponse;
using Core::Protocol::ErrorCode;

namespace {
// What each placeholder is, for the insertion menu.
QString placeholderLabel(const QString &name)
{
    if (name == QLatin1String("customer.name"))
        return CannedManager::tr("Customer's full name");
    if (name == QLatin1String("customer.firstName"))
        return CannedManager::tr("Customer's first name");
    if (name == QLatin1String("ticket.number"))
        return CannedManager::tr("Ticket number");
    if (name == QLatin1String("ticket.subject"))
        return CannedManager::tr("Ticket subject");
    if (name == QLatin1String("agent.name"))
        return CannedManager::tr("Your full name (the agent who sends it)");
    if (name == QLatin1String("agent.firstName"))
        return CannedManager::tr("Your first name");
    if (name == QLatin1String("organisation.name"))
        return CannedManager::tr("Customer's organisation");
    return name;
}

QString languageTag(const QString &language)
{
    return language.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(language);
}
} // namespace

CannedManager::CannedManager(Workspace *workspace, qint64 ticketId, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_ticketId(ticketId)
{
    setObjectName(QStringLiteral("cannedManager"));
    setWindowTitle(tr("Canned responses"));

    // The list, with New and Delete under it.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("cannedManagerList"));
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New"), left);
    m_new->setObjectName(QStringLiteral("cannedManagerNew"));
    m_delete = new QPushButton(tr("&Delete…"), left);
    m_delete->setObjectName(QStringLiteral("cannedManagerDelete"));
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_delete);
    listButtons->addStretch(1);
    leftLayout->addLayout(listButtons);

    // The chosen one.
    auto *right = new QWidget(this);
    auto *form = new QFormLayout(right);
    form->setContentsMargins(0, 0, 0, 0);
    m_title = new QLineEdit(right);
    m_title->setObjectName(QStringLiteral("cannedManagerTitle"));
    m_title->setMaxLength(CannedResponse::kMaxTitle);
    form->addRow(tr("&Title:"), m_title);
    m_group = new QComboBox(right);
    m_group->setObjectName(QStringLiteral("cannedManagerGroup"));
    form->addRow(tr("&Used by:"), m_group);
    m_language = new QComboBox(right);
    m_language->setObjectName(QStringLiteral("cannedManagerLanguage"));
    m_language->addItem(tr("Any customer"), QString());
    m_language->addItem(tr("Spanish-speaking customers"), QStringLiteral("es"));
    m_language->addItem(tr("English-speaking customers"), QStringLiteral("en"));
    form->addRow(tr("&Language:"), m_language);
    m_keywords = new QLineEdit(right);
    m_keywords->setObjectName(QStringLiteral("cannedManagerKeywords"));
    m_keywords->setPlaceholderText(tr("More words to find it by, such as contraseña password"));
    form->addRow(tr("&Keywords:"), m_keywords);
    m_active = new QCheckBox(tr("&Offered to agents"), right);
    m_active->setObjectName(QStringLiteral("cannedManagerActive"));
    m_active->setChecked(true);
    form->addRow(QString(), m_active);

    auto *bodyHeader = new QHBoxLayout;
    auto *bodyLabel = new QLabel(tr("Te&xt (Markdown):"), right);
    bodyHeader->addWidget(bodyLabel);
    bodyHeader->addStretch(1);
    m_insert = new QToolButton(right);
    m_insert->setObjectName(QStringLiteral("cannedManagerInsert"));
    m_insert->setText(tr("&Insert placeholder"));
    m_insert->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_insert);
    for (const QString &name : Core::Placeholders::known()) {
        QAction *a
            = menu->addAction(QStringLiteral("%1\t{{%2}}").arg(placeholderLabel(name), name));
        a->setObjectName(QStringLiteral("placeholder:") + name);
        connect(a, &QAction::triggered, this, [this, name] { insertPlaceholder(name); });
    }
    m_insert->setMenu(menu);
    bodyHeader->addWidget(m_insert);
    form->addRow(bodyHeader);
    m_body = new QPlainTextEdit(right);
    m_body->setObjectName(QStringLiteral("cannedManagerBody"));
    m_body->setTabChangesFocus(true);
    bodyLabel->setBuddy(m_body);
    form->addRow(m_body);
    m_previewCaption = new QLabel(right);
    m_previewCaption->setObjectName(QStringLiteral("cannedManagerPreviewCaption"));
    m_previewCaption->setWordWrap(true);
    form->addRow(m_previewCaption);
    m_preview = new QPlainTextEdit(right);
    m_preview->setObjectName(QStringLiteral("cannedManagerPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFocusPolicy(Qt::NoFocus);
    // Told apart from the editor above: this is what the customer would read.
    QPalette previewPalette = m_preview->palette();
    previewPalette.setColor(QPalette::Base, previewPalette.color(QPalette::AlternateBase));
    m_preview->setPalette(previewPalette);
    form->addRow(m_preview);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cannedManagerStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    m_save->setObjectName(QStringLiteral("cannedManagerSave"));
    m_save->setDefault(true);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(buttons);
    layout->addLayout(footer);
    resize(980, 620);

    // The selection, not the current row: a list that gets the focus without a current row
    // makes its first one current (unselected), which is no choice of the user's.
    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] {
        const QList<QListWidgetItem *> chosen = m_list->selectedItems();
        if (!chosen.isEmpty())
            onChosen(m_list->row(chosen.first()));
    });
    connect(m_new, &QPushButton::clicked, this, [this] {
        if (mayDiscardEdits())
            startNew();
    });
    connect(m_delete, &QPushButton::clicked, this, &CannedManager::remove);
    connect(m_save, &QPushButton::clicked, this, &CannedManager::save);
    auto edited = [this] {
        if (m_loading)
            return;
        m_dirty = true;
        updateEnabled();
    };
    connect(m_title, &QLineEdit::textEdited, this, edited);
    connect(m_keywords, &QLineEdit::textEdited, this, edited);
    connect(m_group, &QComboBox::activated, this, edited);
    connect(m_language, &QComboBox::activated, this, edited);
    connect(m_active, &QCheckBox::toggled, this, edited);
    connect(m_body, &QPlainTextEdit::textChanged, this, [this, edited] {
        edited();
        updatePreview();
    });
    if (m_workspace) {
        connect(m_workspace, &Workspace::cannedResponsesEdited, this, &CannedManager::reload);
        connect(
            m_workspace, &Workspace::stateChanged, this, [this](Client::SyncEngine::State state) {
                if (state == Client::SyncEngine::State::Online && !m_busy)
                    reload();
                updateEnabled();
            });
        connect(m_workspace, &Workspace::directoryChanged, this, [this] { fillGroups(); });
    }

    fillGroups();
    startNew();
    reload();
}

void CannedManager::setTicket(qint64 ticketId)
{
    m_ticketId = ticketId;
    updatePreview();
}

QString CannedManager::previewText() const
{
    return m_preview->toPlainText();
}
QString CannedManager::previewCaption() const
{
    return m_previewCaption->text();
}
QString CannedManager::statusText() const
{
    return m_status->text();
}

QStringList CannedManager::titles() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

void CannedManager::fillGroups()
{
    if (!m_workspace)
        return;
    const qint64 chosen = m_group->currentData().toLongLong();
    const Core::Agent me = m_workspace->me();
    const bool admin = me.role == Core::Role::Admin;
    const QList<qint64> mine = me.groupIds;
    const bool wasLoading = m_loading;
    m_loading = true;
    m_group->clear();
    // Desk-wide ones are the admins'; a lead keeps to the groups they lead.
    if (admin)
        m_group->addItem(tr("Every agent (the whole desk)"), qint64(0));
    for (const Core::Group &g : m_workspace->groups()) {
        if (admin || mine.contains(g.id))
            m_group->addItem(tr("Group: %1").arg(g.name), g.id);
    }
    const int at = m_group->findData(chosen);
    m_group->setCurrentIndex(at >= 0 ? at : 0);
    m_loading = wasLoading;
}

void CannedManager::reload()
{
    if (!m_workspace)
        return;
    if (m_busy) {
        m_reloadWanted = true; // after the request on its way
        return;
    }
    m_reloadWanted = false;
    if (!m_workspace->mayManageCannedResponses()) {
        updateEnabled();
        return;
    }
    if (m_workspace->state() == Client::SyncEngine::State::Offline) {
        updateEnabled();
        return;
    }
    m_busy = true;
    updateEnabled();
    m_workspace->fetchManageableCanned(this, [this](const Workspace::CannedOutcome &out) {
        m_busy = false;
        if (out.ok) {
            m_listed = true;
            showList(out.responses);
        } else if (out.errorCode) {
            setStatus(refusal(out.errorCode, out.error, out.field), true);
        }
        updateEnabled();
        if (m_reloadWanted)
            reload();
    });
}

void CannedManager::showList(const QList<CannedResponse> &responses)
{
    m_responses = responses;
    const QHash<qint64, QString> groups
        = m_workspace ? m_workspace->names(QStringLiteral("group")) : QHash<qint64, QString>();
    const qint64 keep = m_currentId;
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const CannedResponse &r : responses) {
        QString text = r.title + languageTag(r.language);
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, r.id);
        QString scope = r.groupId ? tr("Group: %1").arg(groups.value(r.groupId))
                                  : tr("Every agent (the whole desk)");
        if (!r.active) {
            scope += QLatin1String(" · ") + tr("not offered to agents");
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
        item->setToolTip(scope);
    }
    // The one in the form stays chosen; its fresh version shows unless it is being edited.
    bool found = false;
    for (int i = 0; i < m_list->count(); ++i) {
        if (keep && m_list->item(i)->data(Qt::UserRole).toLongLong() == keep) {
            m_list->setCurrentRow(i);
            found = true;
            if (!m_dirty)
                loadForm(m_responses.at(i));
        }
    }
    if (keep && !found && !m_dirty)
        startNew(); // deleted, here or elsewhere
    updateEnabled();
}

void CannedManager::select(qint64 id)
{
    for (int i = 0; id && i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toLongLong() == id)
            m_list->setCurrentRow(i);
    }
}

void CannedManager::onChosen(int row)
{
    if (row < 0 || row >= m_responses.size() || m_responses.at(row).id == m_currentId)
        return;
    if (!mayDiscardEdits()) {
        // Back to the one being edited (none: a new one).
        const QSignalBlocker block(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
        select(m_currentId);
        return;
    }
    loadForm(m_responses.at(row));
}

bool CannedManager::mayDiscardEdits()
{
    if (!m_dirty)
        return true;
    const QString title = m_title->text().trimmed();
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
        title.isEmpty() ? tr("Discard the canned response you are writing?")
                        : tr("Discard your changes to “%1”?").arg(title),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void CannedManager::reject()
{
    // Escape: the same question as closing.
    if (!mayDiscardEdits())
        return;
    m_dirty = false;
    QDialog::reject();
}

void CannedManager::closeEvent(QCloseEvent *event)
{
    if (!mayDiscardEdits()) {
        event->ignore();
        return;
    }
    m_dirty = false;
    QDialog::closeEvent(event);
}

void CannedManager::loadForm(const CannedResponse &response)
{
    m_loading = true;
    m_currentId = response.id;
    m_title->setText(response.title);
    int group = m_group->findData(response.groupId);
    if (group < 0 && response.groupId && m_workspace) {
        // A group this console does not list (yet): keep it as it is.
        m_group->addItem(
            tr("Group: %1")
                .arg(m_workspace->names(QStringLiteral("group")).value(response.groupId)),
            response.groupId);
        group = m_group->count() - 1;
    }
    m_group->setCurrentIndex(qMax(0, group));
    m_language->setCurrentIndex(qMax(0, m_language->findData(response.language)));
    m_keywords->setText(response.keywords);
    m_active->setChecked(response.active);
    m_body->setPlainText(response.body);
    m_loading = false;
    m_dirty = false;
    updatePreview();
    updateEnabled();
}

void CannedManager::startNew()
{
    {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(-1);
        m_list->clearSelection();
    }
    CannedResponse blank;
    loadForm(blank);
    // A lead's new response goes to the group of the open ticket when they lead it.
    if (m_workspace && m_ticketId) {
        if (const auto t = m_workspace->ticket(m_ticketId)) {
            const int at = m_group->findData(t->groupId);
            if (at >= 0 && m_group->itemData(0).toLongLong() != 0)
                m_group->setCurrentIndex(at);
        }
    }
    m_title->setFocus();
}

CannedResponse CannedManager::formValue() const
{
    CannedResponse r;
    r.id = m_currentId;
    r.title = m_title->text().trimmed();
    r.body = m_body->toPlainText();
    r.groupId = m_group->currentData().toLongLong();
    r.language = m_language->currentData().toString();
    r.keywords = m_keywords->text().trimmed();
    r.active = m_active->isChecked();
    return r;
}

void CannedManager::save()
{
    if (!m_workspace || m_busy)
        return;
    const CannedResponse r = formValue();
    if (r.title.isEmpty()) {
        setStatus(tr("Give it a title: agents find it by its title."), true);
        m_title->setFocus();
        return;
    }
    if (r.body.trimmed().isEmpty()) {
        setStatus(tr("Write the text that goes into the reply."), true);
        m_body->setFocus();
        return;
    }
    m_busy = true;
    updateEnabled();
    setStatus(tr("Saving…"), false);
    m_workspace->saveCanned(r, this, [this, r](const Workspace::CannedOutcome &out) {
        m_busy = false;
        if (!out.ok) {
            setStatus(refusal(out.errorCode, out.error, out.field), true);
            updateEnabled();
            if (m_reloadWanted)
                reload();
            return;
        }
        const CannedResponse saved = out.responses.value(0);
        if (m_currentId == r.id) {
            // Still the one sent: edits typed while it was on its way stay unsaved.
            const CannedResponse now = formValue();
            m_currentId = saved.id;
            m_dirty = now.title != r.title || now.body != r.body || now.groupId != r.groupId
                || now.language != r.language || now.keywords != r.keywords
                || now.active != r.active;
        }
        setStatus(
            tr("Saved: “%1” is there for the agents who may use it.").arg(saved.title), false);
        m_reloadWanted = true;
        reload();
    });
}

void CannedManager::remove()
{
    if (!m_workspace || m_busy || !m_currentId)
        return;
    const QString title = m_title->text();
    const auto answer = QMessageBox::question(this, tr("Delete canned response"),
        tr("Delete “%1” for every agent? This cannot be undone.").arg(title),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_busy = true;
    updateEnabled();
    const qint64 id = m_currentId;
    m_workspace->deleteCanned(id, this, [this, title, id](const Workspace::CannedOutcome &out) {
        m_busy = false;
        if (!out.ok) {
            setStatus(refusal(out.errorCode, out.error, out.field), true);
            updateEnabled();
            if (m_reloadWanted)
                reload();
            return;
        }
        if (m_currentId == id) {
            m_dirty = false;
            startNew();
        }
        setStatus(tr("Deleted “%1”.").arg(title), false);
        reload();
    });
}

void CannedManager::insertPlaceholder(const QString &name)
{
    m_body->insertPlainText(QStringLiteral("{{%1}}").arg(name));
    m_body->setFocus();
}

void CannedManager::updatePreview()
{
    const QString body = m_body->toPlainText();
    const std::optional<Core::Ticket> ticket
        = m_workspace && m_ticketId ? m_workspace->ticket(m_ticketId) : std::nullopt;
    Core::Placeholders::Rendered rendered;
    if (ticket) {
        const Workspace::CannedText text = m_workspace->previewCanned(body, m_ticketId);
        rendered.text = text.body;
        rendered.unknown = text.unknown;
        m_previewCaption->setText(tr("Preview for %1 (%2):").arg(ticket->number, ticket->subject));
    } else {
        // No ticket open: example values, so the agent still sees the text as a customer would.
        const QString customer = tr("Núria Peña");
        const QString agent = m_workspace ? m_workspace->me().name : QString();
        const QHash<QString, QString> examples { { QStringLiteral("customer.name"), customer },
            { QStringLiteral("customer.firstName"), Core::Placeholders::firstNameOf(customer) },
            { QStringLiteral("ticket.number"), QStringLiteral("INC-000123") },
            { QStringLiteral("ticket.subject"), tr("The printer does not print") },
            { QStringLiteral("agent.name"), agent },
            { QStringLiteral("agent.firstName"), Core::Placeholders::firstNameOf(agent) },
            { QStringLiteral("organisation.name"), tr("Ferretería Norte") } };
        rendered = Core::Placeholders::render(body, examples);
        m_previewCaption->setText(
            tr("Preview with example values (open a ticket to see it filled in for that ticket):"));
    }
    m_preview->setPlainText(rendered.text);
    if (!rendered.unknown.isEmpty()) {
        QStringList names;
        for (const QString &n : std::as_const(rendered.unknown))
            names << QStringLiteral("{{%1}}").arg(n);
        setStatus(tr("Not a placeholder: %1. The desk refuses to save it; use Insert placeholder.")
                      .arg(names.join(QStringLiteral(", "))),
            true);
    } else if (m_status->property("placeholderWarning").toBool()) {
        setStatus(QString(), false);
    }
    m_status->setProperty("placeholderWarning", !rendered.unknown.isEmpty());
}

void CannedManager::updateEnabled()
{
    const bool may = m_workspace && m_workspace->mayManageCannedResponses();
    const bool online = m_workspace && m_workspace->state() != Client::SyncEngine::State::Offline;
    // The fields stay usable while a request is on its way (disabling the one with the focus
    // would send the focus to the list, which then picks its first response); the buttons wait.
    const bool editable = may && online;
    // A widget disabled with the focus hands it on down the tab order, which can be the list:
    // the focus goes to the title (or Close) first.
    QWidget *focused = focusWidget();
    auto enable = [&](QWidget *w, bool enabled) {
        if (!enabled && focused == w) {
            QWidget *to = editable ? static_cast<QWidget *>(m_title) : m_close;
            to->setFocus(Qt::OtherFocusReason);
            focused = to;
        }
        w->setEnabled(enabled);
    };
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_title, m_group, m_language, m_keywords, m_active, m_body, m_insert })
        enable(w, editable);
    enable(m_new, editable && !m_busy);
    enable(m_save, editable && !m_busy && m_dirty);
    enable(m_delete, editable && !m_busy && m_currentId != 0);
    if (!may)
        setStatus(
            tr("Only admins, and leads for the groups they lead, change canned responses."), false);
    else if (!online)
        setStatus(tr("Changing canned responses needs a connection to the desk; this console is "
                     "offline."),
            true);
    else if (m_listed && m_responses.isEmpty() && m_status->text().isEmpty())
        setStatus(tr("No canned responses you may change yet. Write one and save it."), false);
}

void CannedManager::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, Theme::slaBreached());
    m_status->setPalette(p);
}

QString CannedManager::refusal(int code, const QString &message, const QString &field) const
{
    switch (ErrorCode(code)) {
    case ErrorCode::Forbidden:
        return tr("The desk refused: leads change only the responses of the groups they lead, and "
                  "only admins the ones for the whole desk.");
    case ErrorCode::NotFound:
        return tr("That canned response no longer exists (someone deleted it).");
    case ErrorCode::ValidationFailed:
        if (field == QLatin1String("body") || field == QLatin1String("title"))
            return tr("The desk refused the %1: %2")
                .arg(field == QLatin1String("body") ? tr("text") : tr("title"), message);
        return tr("The desk refused it: %1").arg(message);
    default:
        if (!code)
            return tr("Changing canned responses needs a connection to the desk; this console is "
                      "offline.");
        return message.isEmpty() ? tr("The desk refused it.")
                                 : tr("The desk refused it: %1").arg(message);
    }
}

} // namespace Atiende::Ui
