#pragma once
// The files on a reply or note being written, as a row of chips under the text: each with its
// name, size and how far its upload has gone (uploads start as soon as a file is attached, so
// Send rarely waits), and a button that takes it off. It only shows and lists them: the ticket
// panel attaches, uploads and sends.

#include "client/files/outgoingfile.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QToolButton;

namespace Atiende::Ui {

class OutgoingFiles : public QWidget
{
    Q_OBJECT
public:
    explicit OutgoingFiles(QWidget *parent = nullptr);

    QList<Client::OutgoingFile> files() const { return m_files; }
    // Replaces them all (a draft restored, a reply sent); no removed() signals.
    void setFiles(const QList<Client::OutgoingFile> &files);
    // A file attached; one already here (the same upload) is not added twice.
    void add(const Client::OutgoingFile &file);
    bool isEmpty() const { return m_files.isEmpty(); }
    qint64 totalBytes() const;

    // Bytes of a file the server holds; its chip says "Uploaded" once all are.
    void setProgress(const QString &uploadId, qint64 sent, qint64 total);
    // The server refused the upload for good: the chip says why.
    void setFailed(const QString &uploadId, const QString &error);
    // Whether the buttons that take files off work (not on a closed ticket).
    void setEditable(bool editable);

    // "34 KB", "2.5 MB", as the agent's locale writes them.
    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    // The agent took this file off.
    void removed(const QString &uploadId);

private:
    struct Chip
    {
        QWidget *box = nullptr;
        QLabel *state = nullptr;
        QToolButton *remove = nullptr;
    };
    void rebuild();
    void updateState(const QString &uploadId);

    QList<Client::OutgoingFile> m_files;
    QHash<QString, Chip> m_chips; // by upload id
    QHash<QString, qint64> m_sent; // by upload id
    QHash<QString, QString> m_errors; // by upload id
    bool m_editable = true;
};

} // namespace Atiende::Ui
