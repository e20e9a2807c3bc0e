#include "outgoingfiles.h"

#include "ui/common/flowlayout.h"
#include "ui/common/theme.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

namespace Atiende::Ui {

OutgoingFiles::OutgoingFiles(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("outgoingFiles"));
    new FlowLayout(this, 6);
    layout()->setContentsMargins(0, 0, 0, 0);
    setVisible(false);
}

QString OutgoingFiles::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(
        bytes, bytes < 1024 * 1024 ? 0 : 1, QLocale::DataSizeTraditionalFormat);
}

qint64 OutgoingFiles::totalBytes() const
{
    qint64 sum = 0;
    for (const Client::OutgoingFile &f : m_files)
        sum += f.file.size;
    return sum;
}

void OutgoingFiles::setFiles(const QList<Client::OutgoingFile> &files)
{
    if (files == m_files)
        return;
    m_files = files;
    rebuild();
}

void OutgoingFiles::add(const Client::OutgoingFile &file)
{
    for (const Client::OutgoingFile &f : std::as_const(m_files)) {
        if (f.uploadId == file.uploadId)
            return;
    }
    m_files.append(file);
    rebuild();
}

void OutgoingFiles::setProgress(const QString &uploadId, qint64 sent, qint64 total)
{
    Q_UNUSED(total)
    m_sent.insert(uploadId, sent);
    m_errors.remove(uploadId);
    updateState(uploadId);
}

void OutgoingFiles::setFailed(const QString &uploadId, const QString &error)
{
    m_errors.insert(uploadId, error);
    updateState(uploadId);
}

void OutgoingFiles::setEditable(bool editable)
{
    m_editable = editable;
    for (const Chip &c : std::as_const(m_chips))
        c.remove->setEnabled(editable);
}

void OutgoingFiles::rebuild()
{
    for (const Chip &c : std::as_const(m_chips))
        delete c.box;
    m_chips.clear();
    for (const Client::OutgoingFile &f : std::as_const(m_files)) {
        Chip c;
        auto *frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel); // a chip, told apart from its neighbours
        c.box = frame;
        c.box->setObjectName(QStringLiteral("fileChip"));
        c.box->setAutoFillBackground(true);
        QPalette p = c.box->palette();
        p.setColor(
            QPalette::Window, Theme::mix(p.color(QPalette::Base), p.color(QPalette::Text), 0.08));
        c.box->setPalette(p);
        auto *row = new QHBoxLayout(c.box);
        row->setContentsMargins(8, 2, 2, 2);
        row->setSpacing(6);
        auto *name = new QLabel(f.file.name, c.box);
        name->setObjectName(QStringLiteral("fileName"));
        name->setTextFormat(Qt::PlainText); // a name is never markup
        name->setToolTip(tr("%1 (%2)", "file name, media type").arg(f.file.name, f.file.mediaType));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        c.state = new QLabel(c.box);
        c.state->setObjectName(QStringLiteral("fileState"));
        c.state->setTextFormat(Qt::PlainText);
        c.remove = new QToolButton(c.box);
        c.remove->setObjectName(QStringLiteral("removeFile"));
        c.remove->setText(QStringLiteral("✕"));
        c.remove->setAutoRaise(true);
        c.remove->setToolTip(tr("Take %1 off").arg(f.file.name));
        c.remove->setAccessibleName(tr("Take %1 off").arg(f.file.name));
        c.remove->setEnabled(m_editable);
        row->addWidget(name);
        row->addWidget(c.state);
        row->addWidget(c.remove);
        layout()->addWidget(c.box);
        const QString id = f.uploadId;
        connect(c.remove, &QToolButton::clicked, this, [this, id] {
            for (qsizetype i = 0; i < m_files.size(); ++i) {
                if (m_files.at(i).uploadId == id) {
                    m_files.removeAt(i);
                    break;
                }
            }
            m_sent.remove(id);
            m_errors.remove(id);
            rebuild();
            Q_EMIT removed(id);
        });
        m_chips.insert(id, c);
        updateState(id);
    }
    setVisible(!m_files.isEmpty());
    updateGeometry();
}

void OutgoingFiles::updateState(const QString &uploadId)
{
    const auto chip = m_chips.constFind(uploadId);
    if (chip == m_chips.constEnd())
        return;
    qint64 size = 0;
    for (const Client::OutgoingFile &f : std::as_const(m_files)) {
        if (f.uploadId == uploadId)
            size = f.file.size;
    }
    const QString error = m_errors.value(uploadId);
    const qint64 sent = m_sent.value(uploadId, -1);
    QPalette p = chip->state->palette();
    p.setColor(QPalette::WindowText,
        Theme::mix(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.6));
    if (!error.isEmpty()) {
        chip->state->setText(tr("%1 · not accepted", "size").arg(sizeText(size)));
        chip->state->setToolTip(error);
        p.setColor(QPalette::WindowText, Theme::slaBreached());
    } else if (sent >= 0 && sent < size) {
        chip->state->setText(tr("%1 · %2%", "size, percent uploaded")
                                 .arg(sizeText(size))
                                 .arg(size > 0 ? int(sent * 100 / size) : 0));
        chip->state->setToolTip(tr("Uploading"));
    } else {
        chip->state->setText(sizeText(size));
        chip->state->setToolTip(sent >= size ? tr("Uploaded") : QString());
    }
    chip->state->setPalette(p);
}

} // namespace Atiende::Ui
