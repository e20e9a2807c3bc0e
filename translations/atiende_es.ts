<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Atiende::Client::Connection</name>
    <message>
        <source>Your session has ended; log in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Client::SyncEngine</name>
    <message>
        <source>The server was restored from an older backup (revision %1, this console had %2); reloading everything.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Client::Workspace</name>
    <message numerus="yes">
        <source>The local copy could not be used (%1) and is being rebuilt; %n unsent edit(s) were kept.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Atiende::Models::QueueModel</name>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (typing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes are waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::AnsweredMeanwhileDialog</name>
    <message>
        <source>Someone answered meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 replied publicly since you opened this ticket. Read what was said before you send yours.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>**%1**, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CannedPicker</name>
    <message>
        <source>Type to find a canned response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No canned responses yet. They are fetched from the server when you are online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No canned response matches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an action: assign, status, reply, escalate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1	%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ConflictBanner</name>
    <message>
        <source>The ticket&apos;s status no longer allows that change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may no longer change this ticket (it belongs to another group now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket or something it names no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not read the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed the same fields first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation to the next tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation to the team leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (“%1”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed by someone else while you edited it. Yours: %2. Theirs (kept): %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text was not added. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy into editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not applied. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CustomerCard</name>
    <message>
        <source>Earlier &amp;tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket was logged without a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This customer: %n other ticket(s), %1 open</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This customer: no other tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Their organisation: %n ticket(s) of colleagues</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::EscalateDialog</name>
    <message>
        <source>Escalate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Functional: hand it to a group with more expertise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hierarchical: tell the team leads of its group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next tier up (%1, tier %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (tier %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason (goes into the ticket&apos;s timeline):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no other group to hand it to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in that group: the ticket leaves your queue once it moves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::MainWindow</name>
    <message>
        <source>Atiende</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New ticket for a customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a &amp;phone call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next saved &amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save this view as my own…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete my view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;priority…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;category…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to &amp;group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign &amp;to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a ca&amp;nned response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in its own &amp;window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the &amp;knowledge base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: working from this computer&apos;s copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::NewTicketDialog</name>
    <message>
        <source>Log a phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no customer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the caller needs, in a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it is about, in a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the caller said (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request, in the customer&apos;s words (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;rgency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a customer from the list, or “(no customer)”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::QueuePanel</name>
    <message>
        <source>Saved views (Ctrl+1 to Ctrl+6, F6 for the next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by number, subject, customer or organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this view and filter as your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1	(Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tickets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ReplyEditor</name>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal n&amp;ote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;anned responses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an internal note (Markdown)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply to the customer (Markdown)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only agents see internal notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer reads replies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sen&amp;d reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter. You are offline: it is sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language shows after a restart of the console. Restart now?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K runs any action by name, with or without a shortcut.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketHeader</name>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent to the server yet: it gets its number when it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority %1, from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;tegory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign&amp;ee: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed tickets are read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused, %1 of %2 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clock stops while the ticket waits on the customer or a third party.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, stopped %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breached, %1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Was due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about to breach, %1 left (due %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left (due %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business time: %1 of %2 used when the server last counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes are on their way to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Your changes are kept on this computer and sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (typing a reply…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You become its assignee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs an assignee from the ticket&apos;s group first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (tier %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (me)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody active in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketPanel</name>
    <message>
        <source>Assign to &amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esca&amp;late…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a &amp;phone call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ticket for this &amp;customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in own &amp;window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ticket open.

Pick one in the queue, or log a phone call as a new ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket is not on this computer: it may have left your groups&apos; queues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed tickets are read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is yours already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members of %1 may own this ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only open tickets can be escalated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed tickets are read-only. A new contact about it is a new ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atiende</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket could not be created. What was refused is listed with the other conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer in your view: it went to a group you are not in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your draft is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It could not be saved on this computer; your text is still here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; it is sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filling in the canned response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That canned response cannot be used here. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value for %1: left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not placeholders, left as written: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketWindow</name>
    <message>
        <source>Ticket — Atiende</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — Atiende</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TrayNotifier</name>
    <message>
        <source>Atiende</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA breached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA about to breach: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldText</name>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impact %1 × urgency %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending third party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P1 · Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P2 · High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P3 · Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P4 · Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About to breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>date format for this year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format for earlier years</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownRenderer</name>
    <message>
        <source>[image]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>My open tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned in my groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaching or about to breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending on customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
