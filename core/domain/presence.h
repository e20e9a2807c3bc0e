#pragma once
// Who has a ticket open in their console now (docs/protocol.md: presence.viewing,
// presence.typing, presence.list, presence.changed), as typed values with their JSON form.
// A viewer is {"agentId", "name", "typing"}; a ticket's list is {"ticketId", "viewers"}.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Atiende::Core {

// Someone with a ticket open in their console.
struct Viewer
{
    qint64 agentId = 0;
    QString name;
    bool typing = false; // writing a reply or a note in it

    bool operator==(const Viewer &o) const
    {
        return agentId == o.agentId && name == o.name && typing == o.typing;
    }
    bool operator!=(const Viewer &o) const { return !(*this == o); }

    QJsonObject toJson() const;
    static Viewer fromJson(const QJsonObject &o);
    // A list as the protocol writes it; entries without a valid agent id are left out.
    static QList<Viewer> listFromJson(const QJsonValue &v);
    static QJsonArray listToJson(const QList<Viewer> &viewers);
};

// One ticket's whole list of viewers (presence.changed's params, presence.viewing's result,
// an entry of presence.list).
struct TicketViewers
{
    qint64 ticketId = 0; // 0: none, or not a valid id
    QList<Viewer> viewers;

    bool operator==(const TicketViewers &o) const
    {
        return ticketId == o.ticketId && viewers == o.viewers;
    }
    bool operator!=(const TicketViewers &o) const { return !(*this == o); }

    QJsonObject toJson() const;
    static TicketViewers fromJson(const QJsonObject &o);
    // presence.list's result: {"tickets": [...]}; entries without a valid ticket id are left out.
    static QList<TicketViewers> listFromJson(const QJsonObject &result);
};

} // namespace Atiende::Core

Q_DECLARE_METATYPE(Atiende::Core::Viewer)
