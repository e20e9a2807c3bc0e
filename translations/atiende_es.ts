<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Atiende::Client::Connection</name>
    <message>
        <source>Your session has ended; log in again.</source>
        <translation>Su sesión ha finalizado; vuelva a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>Atiende::Client::Dashboard</name>
    <message>
        <source>A report needs a connection to the server.</source>
        <translation>Un informe necesita conexión con el servidor.</translation>
    </message>
</context>
<context>
    <name>Atiende::Client::SyncEngine</name>
    <message>
        <source>The server was restored from an older backup (revision %1, this console had %2); reloading everything.</source>
        <translation>El servidor se restauró desde una copia de seguridad anterior (revisión %1; esta consola tenía la %2); se vuelve a cargar todo.</translation>
    </message>
</context>
<context>
    <name>Atiende::Client::Workspace</name>
    <message numerus="yes">
        <source>The local copy could not be used (%1) and is being rebuilt; %n unsent edit(s) were kept.</source>
        <translation>
            <numerusform>No se pudo usar la copia local (%1) y se está reconstruyendo; se conservó %n cambio sin enviar.</numerusform>
            <numerusform>No se pudo usar la copia local (%1) y se está reconstruyendo; se conservaron %n cambios sin enviar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Atiende::Models::QueueModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Due %1 (%2)</source>
        <translation>Vence %1 (%2)</translation>
    </message>
    <message>
        <source>%1 (typing)</source>
        <translation>%1 (escribiendo)</translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation>También aquí: %1</translation>
    </message>
    <message>
        <source>Your changes are waiting to be sent</source>
        <translation>Sus cambios están pendientes de enviar</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>Vencimiento SLA</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::AgentLoadChart</name>
    <message>
        <source>Open tickets</source>
        <translation>Tickets abiertos</translation>
    </message>
    <message>
        <source>Resolved today</source>
        <translation>Resueltos hoy</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>agent name · presence</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <comment>agent name · presence (number)</comment>
        <translation>%1 · %2 (%3)</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::AnsweredMeanwhileDialog</name>
    <message>
        <source>Someone answered meanwhile</source>
        <translation>Alguien respondió mientras tanto</translation>
    </message>
    <message numerus="yes">
        <source>%1 replied publicly since you opened this ticket. Read what was said before you send yours.</source>
        <translation>
            <numerusform>%1 respondió públicamente desde que usted abrió este ticket. Lea lo que se dijo antes de enviar su respuesta.</numerusform>
            <numerusform>Hay respuestas públicas de %1 desde que usted abrió este ticket. Lea lo que se dijo antes de enviar su respuesta.</numerusform>
        </translation>
    </message>
    <message>
        <source>**%1**, %2</source>
        <translation>**%1**, %2</translation>
    </message>
    <message>
        <source>&amp;Review first</source>
        <translation>&amp;Revisar primero</translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation>&amp;Enviar de todos modos</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::AttachmentViewer</name>
    <message>
        <source>%1 · %2</source>
        <comment>size, media type</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Fetching the file from the server…</source>
        <translation>Obteniendo el archivo del servidor…</translation>
    </message>
    <message>
        <source>&amp;Open with system application</source>
        <translation>&amp;Abrir con la aplicación del sistema</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Guardar como…</translation>
    </message>
    <message>
        <source>This file is not on this computer, and there is no connection to fetch it. It opens when you are back online.</source>
        <translation>Este archivo no está en este equipo y no hay conexión para obtenerlo. Se abrirá cuando vuelva a tener conexión.</translation>
    </message>
    <message>
        <source>The file could not be kept on this computer: %1</source>
        <translation>No se pudo guardar el archivo en este equipo: %1</translation>
    </message>
    <message>
        <source>The server did not give the file: %1</source>
        <translation>El servidor no entregó el archivo: %1</translation>
    </message>
    <message>
        <source>[The preview shows the first %1; save the file to read it all.]</source>
        <translation>[La vista previa muestra los primeros %1; guarde el archivo para leerlo entero.]</translation>
    </message>
    <message>
        <source>The console does not show this kind of file (%1). Open it with the system application or save it.</source>
        <translation>La consola no muestra este tipo de archivo (%1). Ábralo con la aplicación del sistema o guárdelo.</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>No se pudo abrir %1: %2</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Guardar %1</translation>
    </message>
    <message>
        <source>%1 could not be saved: %2</source>
        <translation>No se pudo guardar %1: %2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::BacklogChart</name>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CannedManager</name>
    <message>
        <source>Customer&apos;s full name</source>
        <translation>Nombre completo del cliente</translation>
    </message>
    <message>
        <source>Customer&apos;s first name</source>
        <translation>Nombre de pila del cliente</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Número del ticket</translation>
    </message>
    <message>
        <source>Ticket subject</source>
        <translation>Asunto del ticket</translation>
    </message>
    <message>
        <source>Your full name (the agent who sends it)</source>
        <translation>Su nombre completo (el agente que la envía)</translation>
    </message>
    <message>
        <source>Your first name</source>
        <translation>Su nombre de pila</translation>
    </message>
    <message>
        <source>Customer&apos;s organisation</source>
        <translation>Organización del cliente</translation>
    </message>
    <message>
        <source>Canned responses</source>
        <translation>Respuestas predefinidas</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nueva</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Used by:</source>
        <translation>&amp;La usan:</translation>
    </message>
    <message>
        <source>Any customer</source>
        <translation>Cualquier cliente</translation>
    </message>
    <message>
        <source>Spanish-speaking customers</source>
        <translation>Clientes de habla hispana</translation>
    </message>
    <message>
        <source>English-speaking customers</source>
        <translation>Clientes de habla inglesa</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>More words to find it by, such as contraseña password</source>
        <translation>Más palabras para encontrarla, como contraseña password</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>&amp;Palabras clave:</translation>
    </message>
    <message>
        <source>&amp;Offered to agents</source>
        <translation>&amp;Se ofrece a los agentes</translation>
    </message>
    <message>
        <source>Te&amp;xt (Markdown):</source>
        <translation>Te&amp;xto (Markdown):</translation>
    </message>
    <message>
        <source>&amp;Insert placeholder</source>
        <translation>Insertar &amp;marcador</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Every agent (the whole desk)</source>
        <translation>Todos los agentes (todo el servicio)</translation>
    </message>
    <message>
        <source>not offered to agents</source>
        <translation>no se ofrece a los agentes</translation>
    </message>
    <message>
        <source>Give it a title: agents find it by its title.</source>
        <translation>Póngale un título: los agentes la encuentran por él.</translation>
    </message>
    <message>
        <source>Write the text that goes into the reply.</source>
        <translation>Escriba el texto que irá en la respuesta.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved: “%1” is there for the agents who may use it.</source>
        <translation>Guardada: «%1» ya está disponible para los agentes que pueden usarla.</translation>
    </message>
    <message>
        <source>Delete canned response</source>
        <translation>Eliminar respuesta predefinida</translation>
    </message>
    <message>
        <source>Delete “%1” for every agent? This cannot be undone.</source>
        <translation>¿Eliminar «%1» para todos los agentes? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>Eliminada: «%1».</translation>
    </message>
    <message>
        <source>Preview for %1 (%2):</source>
        <translation>Vista previa para %1 (%2):</translation>
    </message>
    <message>
        <source>Núria Peña</source>
        <translation>Núria Peña</translation>
    </message>
    <message>
        <source>The printer does not print</source>
        <translation>La impresora no imprime</translation>
    </message>
    <message>
        <source>Ferretería Norte</source>
        <translation>Ferretería Norte</translation>
    </message>
    <message>
        <source>Preview with example values (open a ticket to see it filled in for that ticket):</source>
        <translation>Vista previa con valores de ejemplo (abra un ticket para verla rellenada para ese ticket):</translation>
    </message>
    <message>
        <source>Not a placeholder: %1. The desk refuses to save it; use Insert placeholder.</source>
        <translation>No es un marcador: %1. El servidor no la guardará así; use Insertar marcador.</translation>
    </message>
    <message>
        <source>Only admins, and leads for the groups they lead, change canned responses.</source>
        <translation>Solo los administradores, y los responsables para los grupos que dirigen, cambian las respuestas predefinidas.</translation>
    </message>
    <message>
        <source>Changing canned responses needs a connection to the desk; this console is offline.</source>
        <translation>Para cambiar respuestas predefinidas hace falta conexión con el servidor; esta consola está sin conexión.</translation>
    </message>
    <message>
        <source>No canned responses you may change yet. Write one and save it.</source>
        <translation>Aún no hay respuestas predefinidas que pueda cambiar. Escriba una y guárdela.</translation>
    </message>
    <message>
        <source>The desk refused: leads change only the responses of the groups they lead, and only admins the ones for the whole desk.</source>
        <translation>El servidor lo rechazó: los responsables solo cambian las respuestas de los grupos que dirigen, y solo los administradores las de todo el servicio.</translation>
    </message>
    <message>
        <source>That canned response no longer exists (someone deleted it).</source>
        <translation>Esa respuesta predefinida ya no existe (alguien la eliminó).</translation>
    </message>
    <message>
        <source>The desk refused the %1: %2</source>
        <translation>El servidor rechazó el %1: %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>title</source>
        <translation>título</translation>
    </message>
    <message>
        <source>The desk refused it: %1</source>
        <translation>El servidor lo rechazó: %1</translation>
    </message>
    <message>
        <source>The desk refused it.</source>
        <translation>El servidor lo rechazó.</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Grupo: %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Discard the canned response you are writing?</source>
        <translation>¿Descartar la respuesta predefinida que está escribiendo?</translation>
    </message>
    <message>
        <source>Discard your changes to “%1”?</source>
        <translation>¿Descartar sus cambios en «%1»?</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CannedPicker</name>
    <message>
        <source>Type to find a canned response…</source>
        <translation>Escriba para buscar una respuesta predefinida…</translation>
    </message>
    <message>
        <source>No canned response matches.</source>
        <translation>Ninguna respuesta predefinida coincide.</translation>
    </message>
    <message>
        <source>&amp;Manage canned responses…</source>
        <translation>&amp;Gestionar respuestas predefinidas…</translation>
    </message>
    <message>
        <source>Fetching the canned responses from the desk…</source>
        <translation>Obteniendo las respuestas predefinidas del servidor…</translation>
    </message>
    <message>
        <source>No canned responses here yet: this console gets them from the desk the next time it is online.</source>
        <translation>Aún no hay respuestas predefinidas aquí: esta consola las obtendrá del servidor la próxima vez que tenga conexión.</translation>
    </message>
    <message>
        <source>The desk has no canned responses for this ticket&apos;s group yet. Add one with Manage canned responses…</source>
        <translation>El servidor aún no tiene respuestas predefinidas para el grupo de este ticket. Añada una con Gestionar respuestas predefinidas…</translation>
    </message>
    <message>
        <source>The desk has no canned responses for this ticket&apos;s group yet. An admin, or the lead of the group, can add them (Ticket menu, Manage canned responses…).</source>
        <translation>El servidor aún no tiene respuestas predefinidas para el grupo de este ticket. Un administrador, o el responsable del grupo, puede añadirlas (menú Ticket, Gestionar respuestas predefinidas…).</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CcDialog</name>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>Replies to this ticket go out by e-mail to these addresses.</source>
        <translation>Las respuestas a este ticket salen por correo a estas direcciones.</translation>
    </message>
    <message>
        <source>Replies to this ticket go out by e-mail to %1 and, as CC, to these addresses.</source>
        <translation>Las respuestas a este ticket salen por correo a %1 y, en copia (CC), a estas direcciones.</translation>
    </message>
    <message>
        <source>CC addresses</source>
        <translation>Direcciones en copia</translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation>Una dirección por línea</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>«%1» no es una dirección de correo.</translation>
    </message>
    <message>
        <source>At most %1 addresses.</source>
        <translation>Como máximo %1 direcciones.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Paleta de comandos</translation>
    </message>
    <message>
        <source>Type an action: assign, status, reply, escalate…</source>
        <translation>Escriba una acción: asignar, estado, responder, escalar…</translation>
    </message>
    <message>
        <source>Action to run</source>
        <translation>Acción que ejecutar</translation>
    </message>
    <message>
        <source>%1	%2</source>
        <translation>%1	%2</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ConflictBanner</name>
    <message>
        <source>The ticket&apos;s status no longer allows that change.</source>
        <translation>El estado del ticket ya no permite ese cambio.</translation>
    </message>
    <message>
        <source>The server refused it.</source>
        <translation>El servidor lo rechazó.</translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation>El servidor lo rechazó: %1</translation>
    </message>
    <message>
        <source>You may no longer change this ticket (it belongs to another group now).</source>
        <translation>Ya no puede modificar este ticket (ahora pertenece a otro grupo).</translation>
    </message>
    <message>
        <source>The ticket or something it names no longer exists.</source>
        <translation>El ticket, o algo a lo que hace referencia, ya no existe.</translation>
    </message>
    <message>
        <source>The server could not read the request: %1</source>
        <translation>El servidor no pudo leer la petición: %1</translation>
    </message>
    <message>
        <source>Someone else changed the same fields first.</source>
        <translation>Otra persona cambió antes los mismos campos.</translation>
    </message>
    <message>
        <source>Escalation to %1</source>
        <translation>El escalado a %1</translation>
    </message>
    <message>
        <source>Escalation to the next tier</source>
        <translation>El escalado al siguiente nivel</translation>
    </message>
    <message>
        <source>Escalation to the team leads</source>
        <translation>El escalado a los jefes de equipo</translation>
    </message>
    <message>
        <source> (“%1”)</source>
        <translation> (“%1”)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>An edit</source>
        <translation>Un cambio</translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation>Su cambio (%1)</translation>
    </message>
    <message>
        <source>%1 was changed by someone else while you edited it. Yours: %2. Theirs (kept): %3.</source>
        <translation>Otra persona cambió “%1” mientras usted lo editaba. Su valor: %2. El de la otra persona (conservado): %3.</translation>
    </message>
    <message>
        <source>Your text was not added. %1</source>
        <translation>Su texto no se añadió. %1</translation>
    </message>
    <message>
        <source>Copy into editor</source>
        <translation>Copiar al editor</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>%1 was not applied. %2</source>
        <translation>%1 no se aplicó. %2</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Reported %1</source>
        <translation>Notificado: %1</translation>
    </message>
    <message>
        <source>&amp;Keep theirs</source>
        <translation>De&amp;jar el otro valor</translation>
    </message>
    <message>
        <source>Apply m&amp;ine</source>
        <translation>Aplicar mi &amp;valor</translation>
    </message>
    <message>
        <source>Copy to clip&amp;board</source>
        <translation>Copiar a&amp;l portapapeles</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::CustomerCard</name>
    <message>
        <source>No customer</source>
        <translation>Sin cliente</translation>
    </message>
    <message>
        <source>This ticket was logged without a customer.</source>
        <translation>Este ticket se registró sin cliente.</translation>
    </message>
    <message>
        <source>No contact data</source>
        <translation>Sin datos de contacto</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>(nuevo)</translation>
    </message>
    <message numerus="yes">
        <source>This customer: %n other ticket(s), %1 open</source>
        <translation>
            <numerusform>Este cliente: %n ticket más (abiertos: %1)</numerusform>
            <numerusform>Este cliente: %n tickets más (abiertos: %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>This customer: no other tickets</source>
        <translation>Este cliente: ningún otro ticket</translation>
    </message>
    <message numerus="yes">
        <source>Their organisation: %n ticket(s) of colleagues</source>
        <translation>
            <numerusform>Su organización: %n ticket de compañeros</numerusform>
            <numerusform>Su organización: %n tickets de compañeros</numerusform>
        </translation>
    </message>
    <message>
        <source>Earlier ti&amp;ckets</source>
        <translation>&amp;Historial de tickets</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Idioma: %1</translation>
    </message>
    <message>
        <source>No ticket open</source>
        <translation>Ningún ticket abierto</translation>
    </message>
    <message>
        <source>%1, %2, %3: %4</source>
        <translation>%1, %2, %3: %4</translation>
    </message>
    <message>
        <source>%1 — %2
%3, created %4</source>
        <translation>%1 — %2
%3, creado %4</translation>
    </message>
    <message numerus="yes">
        <source>Customer: %n more, %1 open</source>
        <translation>
            <numerusform>Cliente: %n más, %1 abiertos</numerusform>
            <numerusform>Cliente: %n más, %1 abiertos</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer: no other tickets</source>
        <translation>Cliente: ningún otro ticket</translation>
    </message>
    <message numerus="yes">
        <source>Organisation: %n more</source>
        <translation>
            <numerusform>Organización: %n más</numerusform>
            <numerusform>Organización: %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::DashboardChart</name>
    <message>
        <source>ddd d</source>
        <comment>days on the dashboard&apos;s charts, a week</comment>
        <translation>ddd d</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>days on the dashboard&apos;s charts, a month</comment>
        <translation>d MMM</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::DashboardTab</name>
    <message>
        <source>The dashboard is not available: the console is not connected to a server.</source>
        <translation>El panel no está disponible: la consola no está conectada a un servidor.</translation>
    </message>
    <message>
        <source>The groups the figures cover</source>
        <translation>Los grupos que abarcan las cifras</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>The period of the figures; trends compare it with the same length of time just before</source>
        <translation>El periodo de las cifras; las tendencias lo comparan con un periodo de la misma duración justo anterior</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>&amp;Grupos:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>E&amp;xportar informe…</translation>
    </message>
    <message>
        <source>The same figures for any range of days, as a CSV table and a PDF report</source>
        <translation>Las mismas cifras para cualquier rango de días, como tabla CSV e informe PDF</translation>
    </message>
    <message>
        <source>Open backlog</source>
        <translation>Cartera abierta</translation>
    </message>
    <message>
        <source>Open tickets now: new, assigned, in progress or pending</source>
        <translation>Tickets abiertos ahora: nuevos, asignados, en curso o pendientes</translation>
    </message>
    <message>
        <source>Breached now</source>
        <translation>Incumplidos ahora</translation>
    </message>
    <message>
        <source>Open tickets with an SLA clock past its target</source>
        <translation>Tickets abiertos con un reloj de SLA que ha superado su objetivo</translation>
    </message>
    <message>
        <source>At warning now</source>
        <translation>En alerta ahora</translation>
    </message>
    <message>
        <source>Open tickets with an SLA clock close to its target, none past it</source>
        <translation>Tickets abiertos con un reloj de SLA cerca de su objetivo, sin ninguno superado</translation>
    </message>
    <message>
        <source>New tickets</source>
        <translation>Tickets nuevos</translation>
    </message>
    <message>
        <source>Tickets created in the period</source>
        <translation>Tickets creados en el periodo</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resueltos</translation>
    </message>
    <message>
        <source>Tickets resolved in the period (a reopened ticket counts when it is resolved again)</source>
        <translation>Tickets resueltos en el periodo (un ticket reabierto cuenta cuando se vuelve a resolver)</translation>
    </message>
    <message>
        <source>First response in SLA</source>
        <translation>Primera respuesta en SLA</translation>
    </message>
    <message>
        <source>Of the first-response clocks that stopped in the period, the share within their target</source>
        <translation>De los relojes de primera respuesta que se detuvieron en el periodo, la proporción dentro de su objetivo</translation>
    </message>
    <message>
        <source>Resolution in SLA</source>
        <translation>Resolución en SLA</translation>
    </message>
    <message>
        <source>Of the resolution clocks that stopped in the period, the share within their target</source>
        <translation>De los relojes de resolución que se detuvieron en el periodo, la proporción dentro de su objetivo</translation>
    </message>
    <message>
        <source>Time to first response</source>
        <translation>Tiempo hasta la primera respuesta</translation>
    </message>
    <message>
        <source>Mean business time to the first public reply (working hours, pauses left out)</source>
        <translation>Tiempo laborable medio hasta la primera respuesta pública (horario laboral, sin contar las pausas)</translation>
    </message>
    <message>
        <source>Time to resolution</source>
        <translation>Tiempo hasta la resolución</translation>
    </message>
    <message>
        <source>Mean business time to resolution (working hours, pauses left out)</source>
        <translation>Tiempo laborable medio hasta la resolución (horario laboral, sin contar las pausas)</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>Resolución en el primer contacto</translation>
    </message>
    <message>
        <source>Of the tickets resolved in the period, the share solved with at most one reply and never reopened</source>
        <translation>De los tickets resueltos en el periodo, la proporción resuelta con una respuesta como máximo y nunca reabierta</translation>
    </message>
    <message>
        <source>Reopen rate</source>
        <translation>Tasa de reapertura</translation>
    </message>
    <message>
        <source>Of the tickets resolved in the period, the share that had been reopened</source>
        <translation>De los tickets resueltos en el periodo, la proporción que se había reabierto</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfacción</translation>
    </message>
    <message>
        <source>Share of good ratings among the survey answers received in the period</source>
        <translation>Proporción de valoraciones buenas entre las respuestas a la encuesta recibidas en el periodo</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Group · assignee</source>
        <translation>Grupo · asignado</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Tickets at risk</source>
        <translation>Tickets en riesgo</translation>
    </message>
    <message>
        <source>No open ticket is close to an SLA target.</source>
        <translation>Ningún ticket abierto está cerca de un objetivo de SLA.</translation>
    </message>
    <message>
        <source>Open backlog by priority and status</source>
        <translation>Cartera abierta por prioridad y estado</translation>
    </message>
    <message>
        <source>No open tickets.</source>
        <translation>No hay tickets abiertos.</translation>
    </message>
    <message>
        <source>Created and resolved</source>
        <translation>Creados y resueltos</translation>
    </message>
    <message>
        <source>No ticket created or resolved in the period.</source>
        <translation>Ningún ticket creado ni resuelto en el periodo.</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>Cumplimiento del SLA</translation>
    </message>
    <message>
        <source>No SLA clock stopped in the period.</source>
        <translation>Ningún reloj de SLA se detuvo en el periodo.</translation>
    </message>
    <message>
        <source>Load per agent</source>
        <translation>Carga por agente</translation>
    </message>
    <message>
        <source>Nobody in these groups is working or holds open tickets.</source>
        <translation>Nadie en estos grupos está trabajando ni tiene tickets abiertos.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Demand per category</source>
        <translation>Demanda por categoría</translation>
    </message>
    <message>
        <source>No ticket created in the period.</source>
        <translation>Ningún ticket creado en el periodo.</translation>
    </message>
    <message>
        <source>Mean time</source>
        <translation>Tiempo medio</translation>
    </message>
    <message>
        <source>Slowest categories to resolve</source>
        <translation>Categorías más lentas de resolver</translation>
    </message>
    <message>
        <source>No resolution with an SLA target in the period.</source>
        <translation>Ninguna resolución con objetivo de SLA en el periodo.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Customers with most tickets</source>
        <translation>Clientes con más tickets</translation>
    </message>
    <message>
        <source>No ticket from a known customer in the period.</source>
        <translation>Ningún ticket de un cliente conocido en el periodo.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Organisations with most tickets</source>
        <translation>Organizaciones con más tickets</translation>
    </message>
    <message>
        <source>No ticket from an organisation in the period.</source>
        <translation>Ningún ticket de una organización en el periodo.</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Grupo %1</translation>
    </message>
    <message>
        <source>The whole desk</source>
        <translation>Todo el service desk</translation>
    </message>
    <message>
        <source>All my groups</source>
        <translation>Todos mis grupos</translation>
    </message>
    <message>
        <source>Trends: against the 7 days before</source>
        <translation>Tendencias: frente a los 7 días anteriores</translation>
    </message>
    <message>
        <source>Trends: against the 30 days before</source>
        <translation>Tendencias: frente a los 30 días anteriores</translation>
    </message>
    <message>
        <source>Trends: against yesterday</source>
        <translation>Tendencias: frente a ayer</translation>
    </message>
    <message>
        <source>The dashboard is for team leads and admins. Ask an admin if you need to see it.</source>
        <translation>El panel es para jefes de equipo y administradores. Si necesita verlo, consulte a un administrador.</translation>
    </message>
    <message>
        <source>You lead no group yet, so there is no dashboard to show. An admin can add you to a group.</source>
        <translation>Aún no dirige ningún grupo, así que no hay panel que mostrar. Un administrador puede añadirle a un grupo.</translation>
    </message>
    <message>
        <source>You do not lead the chosen group. Choose one of your groups above.</source>
        <translation>No dirige el grupo elegido. Elija uno de sus grupos arriba.</translation>
    </message>
    <message>
        <source>The chosen group no longer exists. Choose another one above.</source>
        <translation>El grupo elegido ya no existe. Elija otro arriba.</translation>
    </message>
    <message>
        <source>The server did not open the dashboard: %1</source>
        <translation>El servidor no abrió el panel: %1</translation>
    </message>
    <message>
        <source>The dashboard stopped: you no longer lead the chosen groups. Choose another group above.</source>
        <translation>El panel se detuvo: ya no dirige los grupos elegidos. Elija otro grupo arriba.</translation>
    </message>
    <message>
        <source>the %1 busiest; %2 more not shown</source>
        <translation>los %1 con más carga; otros %2 no se muestran</translation>
    </message>
    <message>
        <source>%1 unassigned</source>
        <translation>%1 sin asignar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>priority: open tickets</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>past an SLA target</source>
        <translation>superan un objetivo de SLA</translation>
    </message>
    <message>
        <source>close to an SLA target</source>
        <translation>cerca de un objetivo de SLA</translation>
    </message>
    <message>
        <source>%L1 more than resolved</source>
        <translation>%L1 más que los resueltos</translation>
    </message>
    <message>
        <source>%L1 fewer than resolved</source>
        <translation>%L1 menos que los resueltos</translation>
    </message>
    <message>
        <source>as many as resolved</source>
        <translation>tantos como los resueltos</translation>
    </message>
    <message>
        <source>%1 at first contact</source>
        <translation>%1 en el primer contacto</translation>
    </message>
    <message>
        <source>%1 met · %2 missed</source>
        <translation>%1 cumplidos · %2 incumplidos</translation>
    </message>
    <message>
        <source>median %1 · business time</source>
        <translation>mediana %1 · tiempo laborable</translation>
    </message>
    <message>
        <source>no clock stopped in the period</source>
        <translation>ningún reloj se detuvo en el periodo</translation>
    </message>
    <message>
        <source>%1 of %2 resolved</source>
        <translation>%1 de %2 resueltos</translation>
    </message>
    <message>
        <source>no ratings yet</source>
        <translation>aún sin valoraciones</translation>
    </message>
    <message>
        <source>%1 good · %2 bad</source>
        <translation>%1 buenas · %2 malas</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>%1 breached, paused</source>
        <translation>%1: incumplido, en pausa</translation>
    </message>
    <message>
        <source>%1 overdue by %2</source>
        <translation>%1: %2 de retraso</translation>
    </message>
    <message>
        <source>%1 due in %2</source>
        <translation>%1: vence en %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Agent %1</source>
        <translation>Agente %1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>%1 — %2
%3, %4
%5: %6%7</source>
        <translation>%1 — %2
%3, %4
%5: %6%7</translation>
    </message>
    <message>
        <source>, due %1</source>
        <translation>, vence %1</translation>
    </message>
    <message>
        <source>the %1 most urgent of %2</source>
        <translation>los %1 más urgentes de %2</translation>
    </message>
    <message>
        <source>%1 breached · %2 at warning</source>
        <translation>%1 incumplidos · %2 en alerta</translation>
    </message>
    <message>
        <source>Mean business time to resolution</source>
        <translation>Tiempo laborable medio hasta la resolución</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Sin categoría</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Categoría %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <source>Organisation %1</source>
        <translation>Organización %1</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● En directo</translation>
    </message>
    <message>
        <source>The figures update by themselves as tickets change.</source>
        <translation>Las cifras se actualizan solas a medida que cambian los tickets.</translation>
    </message>
    <message>
        <source>Updating… figures from %1</source>
        <translation>Actualizando… cifras de %1</translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation>Cargando las cifras…</translation>
    </message>
    <message>
        <source>Offline — figures from %1 (%2 ago)</source>
        <translation>Sin conexión — cifras de %1 (hace %2)</translation>
    </message>
    <message>
        <source>Offline — no figures yet: they come once the server is reachable</source>
        <translation>Sin conexión — aún no hay cifras: llegarán cuando el servidor esté accesible</translation>
    </message>
    <message>
        <source>The console keeps the last figures it received and shows them until the server is back.</source>
        <translation>La consola conserva las últimas cifras recibidas y las muestra hasta que el servidor vuelva a estar disponible.</translation>
    </message>
    <message>
        <source>Double-click a ticket or press Enter to open it</source>
        <translation>Haga doble clic en un ticket o pulse Intro para abrirlo</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::EscalateDialog</name>
    <message>
        <source>Escalate %1</source>
        <translation>Escalar %1</translation>
    </message>
    <message>
        <source>&amp;Functional: hand it to a group with more expertise</source>
        <translation>&amp;Funcional: pasarlo a un grupo más especializado</translation>
    </message>
    <message>
        <source>&amp;Hierarchical: tell the team leads of its group</source>
        <translation>&amp;Jerárquico: avisar a los jefes de equipo de su grupo</translation>
    </message>
    <message>
        <source>Next tier up (%1, tier %2)</source>
        <translation>Siguiente nivel (%1, nivel %2)</translation>
    </message>
    <message>
        <source>%1 (tier %2)</source>
        <translation>%1 (nivel %2)</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Destino:</translation>
    </message>
    <message>
        <source>&amp;Reason (goes into the ticket&apos;s timeline):</source>
        <translation>&amp;Motivo (queda en la cronología del ticket):</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Escalar</translation>
    </message>
    <message>
        <source>There is no other group to hand it to.</source>
        <translation>No hay otro grupo al que pasarlo.</translation>
    </message>
    <message>
        <source>You are not in that group: the ticket leaves your queue once it moves.</source>
        <translation>Usted no pertenece a ese grupo: el ticket saldrá de su cola en cuanto se mueva.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::FileOpener</name>
    <message>
        <source>“%1” (%2) could run programs or scripts on this computer when it is opened. Open it only if you know who sent it and expected it.</source>
        <translation>«%1» (%2) podría ejecutar programas o scripts en este equipo al abrirse. Ábralo solo si sabe quién lo envió y lo esperaba.</translation>
    </message>
    <message>
        <source>Open a file that could run code?</source>
        <translation>¿Abrir un archivo que podría ejecutar código?</translation>
    </message>
    <message>
        <source>Open anyway</source>
        <translation>Abrir de todos modos</translation>
    </message>
    <message>
        <source>No application on this computer opens this kind of file.</source>
        <translation>Ninguna aplicación de este equipo abre este tipo de archivo.</translation>
    </message>
    <message>
        <source>%1 cannot be replaced.</source>
        <translation>No se puede reemplazar %1.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::FlowChart</name>
    <message>
        <source>Created</source>
        <translation>Creados</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resueltos</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::KbPane</name>
    <message>
        <source>No articles match “%1”.</source>
        <translation>Ningún artículo coincide con “%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n artículo</numerusform>
            <numerusform>%n artículos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing in the knowledge base matches this ticket yet. Type to search.</source>
        <translation>Nada de la base de conocimiento coincide aún con este ticket. Escriba para buscar.</translation>
    </message>
    <message>
        <source>Suggested for this ticket</source>
        <translation>Sugeridos para este ticket</translation>
    </message>
    <message>
        <source>Type to search the knowledge base.</source>
        <translation>Escriba para buscar en la base de conocimiento.</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Interno</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>For agents only: customers cannot read this article.</source>
        <translation>Solo para agentes: los clientes no pueden leer este artículo.</translation>
    </message>
    <message>
        <source>Customers can read this article on the portal.</source>
        <translation>Los clientes pueden leer este artículo en el portal.</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>actualizado %1</translation>
    </message>
    <message>
        <source>Linked to this ticket</source>
        <translation>Vinculado a este ticket</translation>
    </message>
    <message>
        <source>Link to ticket</source>
        <translation>Vincular al ticket</translation>
    </message>
    <message>
        <source>Open a ticket to link this article to it.</source>
        <translation>Abra un ticket para vincularle este artículo.</translation>
    </message>
    <message>
        <source>Keep this article in the ticket&apos;s record.</source>
        <translation>Dejar constancia de este artículo en el ticket.</translation>
    </message>
    <message>
        <source>This article is for agents only: read it again before a customer does.</source>
        <translation>Este artículo es solo para agentes: reléalo antes de que lo lea un cliente.</translation>
    </message>
    <message>
        <source>Put the whole article into the reply.</source>
        <translation>Insertar el artículo completo en la respuesta.</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>Buscar en la base de conocimiento</translation>
    </message>
    <message>
        <source>Type to search; ↑ ↓ to choose, Enter to open, Esc to clear.</source>
        <translation>Escriba para buscar; ↑ ↓ para elegir, Enter para abrir, Esc para borrar.</translation>
    </message>
    <message>
        <source>Insert into reply</source>
        <translation>Insertar en la respuesta</translation>
    </message>
    <message>
        <source>Insert link</source>
        <translation>Insertar enlace</translation>
    </message>
    <message>
        <source>Put a link to this article into the reply.</source>
        <translation>Insertar un enlace a este artículo en la respuesta.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Back to the results (Esc)</source>
        <translation>Volver a los resultados (Esc)</translation>
    </message>
    <message>
        <source>This article is in %1, but the customer&apos;s language is %2: look for a version in %2, or translate it before sending.</source>
        <translation>Este artículo está en %1, pero el idioma del cliente es el %2: busque una versión en %2 o tradúzcalo antes de enviarlo.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::KbResultDelegate</name>
    <message>
        <source>Internal</source>
        <translation>Interno</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::LinkedKnowledge</name>
    <message>
        <source>Linked knowledge</source>
        <translation>Conocimiento vinculado</translation>
    </message>
    <message>
        <source>Article %1 (not on this computer yet)</source>
        <translation>Artículo %1 (aún no está en este equipo)</translation>
    </message>
    <message>
        <source>Open it in the knowledge base pane</source>
        <translation>Abrirlo en la base de conocimiento</translation>
    </message>
    <message>
        <source>Take it off this ticket</source>
        <translation>Quitarlo de este ticket</translation>
    </message>
    <message>
        <source>Unlink %1</source>
        <translation>Desvincular %1</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::LoginDialog</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>it is self-signed, so nobody vouches for it</source>
        <translation>es autofirmado, así que nadie lo avala</translation>
    </message>
    <message>
        <source>it has expired</source>
        <translation>ha caducado</translation>
    </message>
    <message>
        <source>it expired on %1</source>
        <translation>caducó el %1</translation>
    </message>
    <message>
        <source>it is not valid yet</source>
        <translation>aún no es válido</translation>
    </message>
    <message>
        <source>it is not valid before %1</source>
        <translation>no es válido antes del %1</translation>
    </message>
    <message>
        <source>it was issued for another server, not for %1</source>
        <translation>se emitió para otro servidor, no para %1</translation>
    </message>
    <message>
        <source>it was issued for %1, not for %2</source>
        <translation>se emitió para %1, no para %2</translation>
    </message>
    <message>
        <source>it was not issued by an authority this computer trusts</source>
        <translation>no lo emitió una autoridad en la que confíe este equipo</translation>
    </message>
    <message>
        <source>it has been revoked</source>
        <translation>ha sido revocado</translation>
    </message>
    <message>
        <source>Sign in to Atiende</source>
        <translation>Iniciar sesión en Atiende</translation>
    </message>
    <message>
        <source>desk.example.com:%1 or wss://desk.example.com/ws</source>
        <translation>desk.example.com:%1 o wss://desk.example.com/ws</translation>
    </message>
    <message>
        <source>The address of your service desk&apos;s server, as your administrator gave it: host:port, ws://host:port/ws, or wss://… for an encrypted connection.</source>
        <translation>La dirección del servidor de su service desk, tal como se la facilitó su administrador: host:puerto, ws://host:puerto/ws, o wss://… para una conexión cifrada.</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>&amp;Recordarme en este equipo</translation>
    </message>
    <message>
        <source>Keeps your session in the system&apos;s key store, so the console opens without your password next time. Leave it unticked on a computer you share.</source>
        <translation>Guarda su sesión en el almacén de claves del sistema para que la consola se abra sin pedir la contraseña la próxima vez. Déjelo sin marcar en un equipo compartido.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Not needed (session remembered)</source>
        <translation>No es necesaria (sesión recordada)</translation>
    </message>
    <message>
        <source>The local copy for %1 on this computer cannot be opened: %2</source>
        <translation>No se puede abrir la copia local de %1 en este equipo: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Enter the address of the server.</source>
        <translation>Introduzca la dirección del servidor.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Use host:port, ws://host:port/ws or wss://host:port/ws.</source>
        <translation>“%1” no es una dirección de servidor. Use host:puerto, ws://host:puerto/ws o wss://host:puerto/ws.</translation>
    </message>
    <message>
        <source>“%1” is not a server address: it must start with ws:// (or wss:// for an encrypted connection).</source>
        <translation>“%1” no es una dirección de servidor: debe empezar por ws:// (o wss:// para una conexión cifrada).</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the server address: they have fields of their own.</source>
        <translation>No incluya el usuario ni la contraseña en la dirección del servidor: tienen sus propios campos.</translation>
    </message>
    <message>
        <source>The user name or the password is not right. Check both and try again; if they are right, your account may have been disabled: ask your administrator.</source>
        <translation>El usuario o la contraseña no son correctos. Compruebe ambos e inténtelo de nuevo; si son correctos, puede que su cuenta esté desactivada: consulte a su administrador.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this user. For your account&apos;s safety the server waits before the next try: try again in %1.</source>
        <translation>Demasiados intentos fallidos de inicio de sesión para este usuario. Por la seguridad de su cuenta, el servidor espera antes del siguiente intento: vuelva a intentarlo dentro de %1.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this user. Wait a moment before the next try.</source>
        <translation>Demasiados intentos fallidos de inicio de sesión para este usuario. Espere un momento antes del siguiente intento.</translation>
    </message>
    <message>
        <source>Your session has ended: it expired, or you were signed out elsewhere. Enter your password to sign in again.</source>
        <translation>Su sesión ha finalizado: caducó o se cerró desde otro lugar. Introduzca su contraseña para volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1: the connection was refused. Check the address and the port, and that the server is running.</source>
        <translation>No se puede conectar con el servidor en %1: se rechazó la conexión. Compruebe la dirección y el puerto, y que el servidor esté en marcha.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1: there is no computer called “%2”. Check the address.</source>
        <translation>No se puede conectar con el servidor en %1: no existe ningún equipo llamado “%2”. Compruebe la dirección.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1: it did not answer in time. Check the address and your network connection.</source>
        <translation>No se puede conectar con el servidor en %1: no respondió a tiempo. Compruebe la dirección y su conexión de red.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1: the network cannot be reached. Check your network connection.</source>
        <translation>No se puede conectar con el servidor en %1: la red no está accesible. Compruebe su conexión de red.</translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before you were signed in. It may not be an Atiende server, or it may be restarting: check the address, or try again in a moment.</source>
        <translation>El servidor en %1 cerró la conexión antes de que se iniciara la sesión. Puede que no sea un servidor de Atiende o que se esté reiniciando: compruebe la dirección o vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1 through the network proxy (%2).</source>
        <translation>No se puede conectar con el servidor en %1 a través del proxy de red (%2).</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1 (%2).</source>
        <translation>No se puede conectar con el servidor en %1 (%2).</translation>
    </message>
    <message>
        <source>The server at %1 speaks a newer version of the Atiende protocol (%2) than this console (%3). Update the console to sign in.</source>
        <translation>El servidor en %1 usa una versión más reciente del protocolo de Atiende (%2) que esta consola (%3). Actualice la consola para iniciar sesión.</translation>
    </message>
    <message>
        <source>The server at %1 speaks an older version of the Atiende protocol (%2) than this console (%3). Ask your administrator to update the server.</source>
        <translation>El servidor en %1 usa una versión más antigua del protocolo de Atiende (%2) que esta consola (%3). Pida a su administrador que actualice el servidor.</translation>
    </message>
    <message>
        <source>The server at %1 does not speak this console&apos;s version of the Atiende protocol (%2).</source>
        <translation>El servidor en %1 no admite la versión del protocolo de Atiende de esta consola (%2).</translation>
    </message>
    <message>
        <source>The console did not connect to %1 because the server&apos;s certificate cannot be trusted: %2. Someone could be posing as the server. Ask your administrator to check its certificate.</source>
        <translation>La consola no se conectó a %1 porque no se puede confiar en el certificado del servidor: %2. Alguien podría estar haciéndose pasar por el servidor. Pida a su administrador que revise el certificado.</translation>
    </message>
    <message>
        <source>An encrypted connection to %1 could not be set up (%2). If the server does not use encryption, its address starts with ws:// rather than wss://.</source>
        <translation>No se pudo establecer una conexión cifrada con %1 (%2). Si el servidor no usa cifrado, su dirección empieza por ws:// en lugar de wss://.</translation>
    </message>
    <message>
        <source>The server at %1 could not sign you in just now (%2). Try again in a moment.</source>
        <translation>El servidor en %1 no pudo iniciar su sesión en este momento (%2). Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256):</source>
        <translation>Huella digital del certificado (SHA-256):</translation>
    </message>
    <message>
        <source>Trusted until now (SHA-256):</source>
        <translation>De confianza hasta ahora (SHA-256):</translation>
    </message>
    <message>
        <source>Shown now (SHA-256):</source>
        <translation>Presentado ahora (SHA-256):</translation>
    </message>
    <message>
        <source>Certificate fingerprints</source>
        <translation>Huellas digitales del certificado</translation>
    </message>
    <message>
        <source>The certificate of %1 is trusted now. Enter your password to sign in.</source>
        <translation>El certificado de %1 es ahora de confianza. Escriba su contraseña para iniciar sesión.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Con&amp;fiar en este certificado</translation>
    </message>
    <message>
        <source>From now on the console accepts the new certificate from %1, and no longer the one trusted until now.</source>
        <translation>A partir de ahora la consola acepta el nuevo certificado de %1 y deja de aceptar el que era de confianza hasta ahora.</translation>
    </message>
    <message>
        <source>From now on the console accepts this certificate, and only this one, from %1.</source>
        <translation>A partir de ahora la consola acepta este certificado, y solo este, de %1.</translation>
    </message>
    <message>
        <source>The console did not connect to %1 because the server&apos;s certificate cannot be trusted: %2. It may be your desk&apos;s own certificate, or someone posing as the server. Ask your administrator for the fingerprint atiended printed when it started, and trust this certificate only if it is the same as the one below.</source>
        <translation>La consola no se conectó a %1 porque no se puede confiar en el certificado del servidor: %2. Puede ser el certificado propio de su service desk, o alguien que se hace pasar por el servidor. Pida a su administrador la huella digital que atiended mostró al arrancar, y confíe en este certificado solo si es la misma que la de abajo.</translation>
    </message>
    <message>
        <source>The server at %1 shows a different certificate from the one you chose to trust for it. This may be an attack (someone posing as the server to read your password), or your administrator may have renewed the certificate. Do not sign in until your administrator confirms the new fingerprint.</source>
        <translation>El servidor en %1 presenta un certificado distinto del que usted decidió considerar de confianza para él. Puede ser un ataque (alguien que se hace pasar por el servidor para leer su contraseña) o que su administrador haya renovado el certificado. No inicie sesión hasta que su administrador le confirme la nueva huella digital.</translation>
    </message>
    <message>
        <source>The new certificate cannot be trusted in any case: %1.</source>
        <translation>En ningún caso se puede confiar en el nuevo certificado: %1.</translation>
    </message>
    <message>
        <source>My administrator con&amp;firmed the new fingerprint</source>
        <translation>Mi administrador ha con&amp;firmado la nueva huella digital</translation>
    </message>
    <message>
        <source>Replace the &amp;trusted certificate</source>
        <translation>Sus&amp;tituir el certificado de confianza</translation>
    </message>
    <message>
        <source>Your session has ended because your password was changed. Sign in with the new password.</source>
        <translation>Tu sesión ha terminado porque se cambió tu contraseña. Inicia sesión con la contraseña nueva.</translation>
    </message>
    <message>
        <source>Your session has ended because your account was disabled. Ask your administrator.</source>
        <translation>Tu sesión ha terminado porque se desactivó tu cuenta. Consulta a tu administrador.</translation>
    </message>
    <message>
        <source>Your session has ended: an administrator ended it. Enter your password to sign in again.</source>
        <translation>Tu sesión ha terminado: la cerró un administrador. Escribe tu contraseña para volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Your session has ended: it was signed out in another window or on another computer. Enter your password to sign in again.</source>
        <translation>Tu sesión ha terminado: se cerró en otra ventana o en otro equipo. Escribe tu contraseña para volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Your session has ended: it expired. Enter your password to sign in again.</source>
        <translation>Tu sesión ha terminado: caducó. Escribe tu contraseña para volver a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::MailboxesDialog</name>
    <message>
        <source>Desk mailboxes</source>
        <translation>Buzones del servicio</translation>
    </message>
    <message>
        <source>The mailboxes the server reads, and how each one is doing. Mailboxes are added with “atiended mail” on the server.</source>
        <translation>Los buzones que lee el servidor y cómo va cada uno. Los buzones se añaden con «atiended mail» en el servidor.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Se lee</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Dejar de leer</translation>
    </message>
    <message>
        <source>The mailboxes are shown when the console is connected.</source>
        <translation>Los buzones se muestran cuando la consola tiene conexión.</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>No se lee</translation>
    </message>
    <message>
        <source>Waiting for mail</source>
        <translation>Esperando correo</translation>
    </message>
    <message>
        <source>Reading mail</source>
        <translation>Leyendo correo</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Con fallos</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>state, since when</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>The desk has no mailbox yet.</source>
        <translation>El servicio aún no tiene ningún buzón.</translation>
    </message>
    <message>
        <source>One mailbox is failing: the server keeps trying it, and the other mailboxes go on.</source>
        <translation>Un buzón falla: el servidor lo sigue intentando y los demás buzones siguen funcionando.</translation>
    </message>
    <message>
        <source>%1 mailboxes are failing: the server keeps trying them, and the other mailboxes go on.</source>
        <translation>%1 buzones fallan: el servidor los sigue intentando y los demás buzones siguen funcionando.</translation>
    </message>
    <message>
        <source>Start reading</source>
        <translation>Empezar a leer</translation>
    </message>
    <message>
        <source>This needs a connection to the server.</source>
        <translation>Hace falta conexión con el servidor.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::MainWindow</name>
    <message>
        <source>Atiende</source>
        <translation>Atiende</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Cola</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;New ticket for a customer…</source>
        <translation>&amp;Nuevo ticket para un cliente…</translation>
    </message>
    <message>
        <source>Log a &amp;phone call…</source>
        <translation>Registrar una &amp;llamada…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>C&amp;onfiguración…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Filter the queue</source>
        <translation>&amp;Filtrar la cola</translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation>Ticket &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>Ticket &amp;anterior</translation>
    </message>
    <message>
        <source>Next saved &amp;view</source>
        <translation>Siguiente &amp;vista guardada</translation>
    </message>
    <message>
        <source>View: %1</source>
        <translation>Vista: %1</translation>
    </message>
    <message>
        <source>&amp;Save this view as my own…</source>
        <translation>&amp;Guardar esta vista como propia…</translation>
    </message>
    <message>
        <source>&amp;Delete my view</source>
        <translation>&amp;Eliminar mi vista</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>&amp;Nota interna</translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation>&amp;Asignarme</translation>
    </message>
    <message>
        <source>Set &amp;status…</source>
        <translation>Cambiar es&amp;tado…</translation>
    </message>
    <message>
        <source>Set &amp;priority…</source>
        <translation>Cambiar &amp;prioridad…</translation>
    </message>
    <message>
        <source>Set &amp;category…</source>
        <translation>Cambiar &amp;categoría…</translation>
    </message>
    <message>
        <source>Move to &amp;group…</source>
        <translation>&amp;Mover a otro grupo…</translation>
    </message>
    <message>
        <source>Assign &amp;to…</source>
        <translation>Asi&amp;gnar a…</translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation>&amp;Escalar…</translation>
    </message>
    <message>
        <source>Insert a ca&amp;nned response…</source>
        <translation>Insertar respuesta pre&amp;definida…</translation>
    </message>
    <message>
        <source>Open in its own &amp;window</source>
        <translation>Abrir en &amp;ventana propia</translation>
    </message>
    <message>
        <source>Search the &amp;knowledge base</source>
        <translation>Buscar en la &amp;base de conocimiento</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Paleta de comandos…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Syncing %1%</source>
        <translation>Sincronizando %1&#xa0;%</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Offline: working from this computer&apos;s copy</source>
        <translation>Sin conexión: trabajando con la copia de este equipo</translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation>Todos los cambios enviados</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n cambio pendiente de enviar</numerusform>
            <numerusform>%n cambios pendientes de enviar</numerusform>
        </translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>C&amp;liente</translation>
    </message>
    <message>
        <source>&amp;Knowledge base</source>
        <translation>Base de &amp;conocimiento</translation>
    </message>
    <message>
        <source>&amp;Back to the ticket seen before</source>
        <translation>&amp;Atrás, al ticket visto antes</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>&amp;Forward to the ticket seen next</source>
        <translation>A&amp;delante, al ticket visto después</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Adelante</translation>
    </message>
    <message>
        <source>Open ticket %1</source>
        <translation>Abrir el ticket %1</translation>
    </message>
    <message>
        <source>Search all tickets for “%1”</source>
        <translation>Buscar «%1» en todos los tickets</translation>
    </message>
    <message>
        <source>“%1” is not a ticket number (like INC-002751 or REQ-000045).</source>
        <translation>«%1» no es un número de ticket (como INC-002751 o REQ-000045).</translation>
    </message>
    <message>
        <source>Looking for %1 on the server…</source>
        <translation>Buscando %1 en el servidor…</translation>
    </message>
    <message>
        <source>%1 is not on this computer, and the console is offline: try again when it is online.</source>
        <translation>%1 no está en este equipo y la consola está sin conexión: inténtelo de nuevo cuando esté conectada.</translation>
    </message>
    <message>
        <source>There is no ticket %1.</source>
        <translation>No existe el ticket %1.</translation>
    </message>
    <message>
        <source>%1 belongs to a group you are not in: ask that group or your team lead.</source>
        <translation>%1 pertenece a un grupo del que usted no forma parte: consulte a ese grupo o a su responsable.</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>No se pudo abrir %1: %2</translation>
    </message>
    <message>
        <source>&amp;Manage canned responses…</source>
        <translation>Gest&amp;ionar respuestas predefinidas…</translation>
    </message>
    <message>
        <source>Desk &amp;mailboxes…</source>
        <translation>&amp;Buzones del servicio…</translation>
    </message>
    <message>
        <source>Only administrators see the desk&apos;s mailboxes.</source>
        <translation>Solo los administradores ven los buzones del servicio.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::MoveArticleDialog</name>
    <message>
        <source>Move to another ticket</source>
        <translation>Mover a otro ticket</translation>
    </message>
    <message>
        <source>This mail was threaded onto %1. Move it, with its files, to:</source>
        <translation>Este correo se asoció a %1. Moverlo, con sus archivos, a:</translation>
    </message>
    <message>
        <source>&amp;The ticket</source>
        <translation>&amp;El ticket</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Número de ticket</translation>
    </message>
    <message>
        <source>A &amp;new ticket</source>
        <translation>Un ticket &amp;nuevo</translation>
    </message>
    <message>
        <source>A &amp;new ticket: “%1”</source>
        <translation>Un ticket &amp;nuevo: «%1»</translation>
    </message>
    <message>
        <source>Later replies in this mail&apos;s thread go to the ticket it is moved to.</source>
        <translation>Las respuestas posteriores en el hilo de este correo irán al ticket al que se mueva.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>“%1” is not a ticket number.</source>
        <translation>«%1» no es un número de ticket.</translation>
    </message>
    <message>
        <source>The mail is on %1 already.</source>
        <translation>El correo ya está en %1.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nombre@ejemplo.com</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>Co&amp;rreo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organización:</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Add customer</source>
        <translation>&amp;Añadir cliente</translation>
    </message>
    <message>
        <source>Adding a customer needs the server, and the console is offline now.</source>
        <translation>Para añadir un cliente hace falta el servidor, y ahora la consola no tiene conexión.</translation>
    </message>
    <message>
        <source>Pick an organisation from the list, or “(none)”.</source>
        <translation>Elija una organización de la lista, o “(ninguna)”.</translation>
    </message>
    <message>
        <source>Adding the customer…</source>
        <translation>Añadiendo el cliente…</translation>
    </message>
    <message>
        <source>%1 already has this e-mail address: cancel and pick them in the caller search.</source>
        <translation>%1 ya tiene esta dirección de correo: cancele y elíjalo en la búsqueda de quien llama.</translation>
    </message>
    <message>
        <source>This is not an e-mail address the desk can use.</source>
        <translation>Esta no es una dirección de correo que el servicio pueda usar.</translation>
    </message>
    <message>
        <source>The connection was lost: adding a customer needs the server. Try again once the console is connected.</source>
        <translation>Se perdió la conexión: para añadir un cliente hace falta el servidor. Vuelva a intentarlo cuando la consola esté conectada.</translation>
    </message>
    <message>
        <source>The customer could not be added: %1</source>
        <translation>No se pudo añadir el cliente: %1</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::NewTicketDialog</name>
    <message>
        <source>Log a phone call</source>
        <translation>Registrar una llamada</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Nuevo ticket</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>What the caller needs, in a line</source>
        <translation>Qué necesita quien llama, en una línea</translation>
    </message>
    <message>
        <source>What it is about, in a line</source>
        <translation>De qué se trata, en una línea</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Asunto:</translation>
    </message>
    <message>
        <source>What the caller said (Markdown)</source>
        <translation>Lo que dijo quien llamó (Markdown)</translation>
    </message>
    <message>
        <source>The request, in the customer&apos;s words (Markdown)</source>
        <translation>La solicitud, con las palabras del cliente (Markdown)</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impacto:</translation>
    </message>
    <message>
        <source>U&amp;rgency:</source>
        <translation>&amp;Urgencia:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>Cate&amp;goría:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>Ca&amp;nal:</translation>
    </message>
    <message>
        <source>&amp;Create ticket</source>
        <translation>&amp;Crear ticket</translation>
    </message>
    <message>
        <source>Caller:</source>
        <translation>Quien llama:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Name, e-mail, phone or organisation; Down and Enter to pick</source>
        <translation>Nombre, correo, teléfono u organización; flecha abajo e Intro para elegir</translation>
    </message>
    <message>
        <source>Ne&amp;w customer…</source>
        <translation>Cliente nue&amp;vo…</translation>
    </message>
    <message>
        <source>Find the ca&amp;ller:</source>
        <translation>&amp;Buscar a quien llama:</translation>
    </message>
    <message>
        <source>Find the c&amp;ustomer:</source>
        <translation>&amp;Buscar el cliente:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>(chosen by the routing rules)</source>
        <translation>(la eligen las reglas de enrutamiento)</translation>
    </message>
    <message>
        <source>Assign to &amp;me</source>
        <translation>Asignár&amp;melo</translation>
    </message>
    <message>
        <source>Gr&amp;oup:</source>
        <translation>G&amp;rupo:</translation>
    </message>
    <message>
        <source>None yet: find the caller below, or add a new customer.</source>
        <translation>Nadie todavía: busque abajo a quien llama o añada un cliente nuevo.</translation>
    </message>
    <message>
        <source>None: find the customer below, or leave it without one.</source>
        <translation>Ninguno: busque abajo el cliente o déjelo sin cliente.</translation>
    </message>
    <message>
        <source>Pick the caller from the list (Down, then Enter), add a new customer, or clear the search.</source>
        <translation>Elija de la lista a quien llama (flecha abajo y luego Intro), añada un cliente nuevo o borre la búsqueda.</translation>
    </message>
    <message>
        <source>Add a caller the desk does not know yet.</source>
        <translation>Añadir a alguien que llama y que el servicio aún no conoce.</translation>
    </message>
    <message>
        <source>Adding a customer needs the server, and the console is offline now.</source>
        <translation>Para añadir un cliente hace falta el servidor, y ahora la consola no tiene conexión.</translation>
    </message>
    <message>
        <source>Discard this call?</source>
        <translation>¿Descartar esta llamada?</translation>
    </message>
    <message>
        <source>Discard this ticket?</source>
        <translation>¿Descartar este ticket?</translation>
    </message>
    <message>
        <source>What you typed here is lost.</source>
        <translation>Se perderá lo que ha escrito aquí.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::OutgoingFiles</name>
    <message>
        <source>%1 (%2)</source>
        <comment>file name, media type</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Take %1 off</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>%1 · not accepted</source>
        <comment>size</comment>
        <translation>%1 · no aceptado</translation>
    </message>
    <message>
        <source>%1 · %2%</source>
        <comment>size, percent uploaded</comment>
        <translation>%1 · %2&#xa0;%</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Subiendo</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Subido</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::QueuePanel</name>
    <message>
        <source>Saved views (Ctrl+1 to Ctrl+6, F6 for the next)</source>
        <translation>Vistas guardadas (Ctrl+1 a Ctrl+6, F6 para la siguiente)</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Vista guardada</translation>
    </message>
    <message>
        <source>Filter the queue</source>
        <translation>Filtrar la cola</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Save this view and filter as your own</source>
        <translation>Guardar esta vista y este filtro como propios</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Guardar vista</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Nombre de la vista:</translation>
    </message>
    <message>
        <source>%1 tickets</source>
        <translation>%1 tickets</translation>
    </message>
    <message>
        <source>%1 of %2 tickets</source>
        <translation>%1 de %2 tickets</translation>
    </message>
    <message>
        <source>Filter this view; Enter searches all tickets or opens a number</source>
        <translation>Filtrar esta vista; Intro busca en todos los tickets o abre un número</translation>
    </message>
    <message>
        <source>Typing filters this view by number, subject, customer or organisation.
Enter searches every ticket you may see, open and closed, conversations included;
on a ticket number (INC-002751) it opens that ticket.</source>
        <translation>Al escribir se filtra esta vista por número, asunto, cliente u organización.
Intro busca en todos los tickets que puede ver, abiertos y cerrados, conversaciones incluidas;
con un número de ticket (INC-002751) abre ese ticket.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Choose the columns of this view</source>
        <translation>Elegir las columnas de esta vista</translation>
    </message>
    <message>
        <source>Default columns for this view</source>
        <translation>Columnas predeterminadas de esta vista</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Searching all tickets for “%1”…</source>
        <translation>Buscando «%1» en todos los tickets…</translation>
    </message>
    <message>
        <source>The search for “%1” failed: %2</source>
        <translation>La búsqueda de «%1» falló: %2</translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation>Búsqueda: %1</translation>
    </message>
    <message>
        <source>The first %1 of %2 tickets matching “%3”, open and closed.</source>
        <translation>Los primeros %1 de %2 tickets que coinciden con «%3», abiertos y cerrados.</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) match “%1”, open and closed.</source>
        <translation>
            <numerusform>%n ticket coincide con «%1», abiertos y cerrados.</numerusform>
            <numerusform>%n tickets coinciden con «%1», abiertos y cerrados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: only this computer&apos;s copy was searched (numbers, subjects, customers).</source>
        <translation>Sin conexión: solo se buscó en la copia de este equipo (números, asuntos, clientes).</translation>
    </message>
    <message>
        <source>The open ticket is not in this view.</source>
        <translation>El ticket abierto no está en esta vista.</translation>
    </message>
    <message>
        <source>The open ticket, %1, is not in this view.</source>
        <translation>El ticket abierto, %1, no está en esta vista.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ReplyEditor</name>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <source>Internal n&amp;ote</source>
        <translation>&amp;Nota interna</translation>
    </message>
    <message>
        <source>C&amp;anned responses…</source>
        <translation>Respuestas prede&amp;finidas…</translation>
    </message>
    <message>
        <source>Write an internal note (Markdown)…</source>
        <translation>Escriba una nota interna (Markdown)…</translation>
    </message>
    <message>
        <source>Write a reply to the customer (Markdown)…</source>
        <translation>Escriba una respuesta al cliente (Markdown)…</translation>
    </message>
    <message>
        <source>Only agents see internal notes.</source>
        <translation>Solo los agentes ven las notas internas.</translation>
    </message>
    <message>
        <source>The customer reads replies.</source>
        <translation>El cliente lee las respuestas.</translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation>Añad&amp;ir nota</translation>
    </message>
    <message>
        <source>Sen&amp;d reply</source>
        <translation>Env&amp;iar respuesta</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Nota interna</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Too long to send: %L1 characters, at most %L2.</source>
        <translation>Demasiado largo para enviarlo: %L1 caracteres, como máximo %L2.</translation>
    </message>
    <message>
        <source>%1. You are offline: it is sent when the connection is back.</source>
        <comment>the Send shortcut</comment>
        <translation>%1. Está sin conexión: se enviará cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>A&amp;ttach files…</source>
        <translation>Ad&amp;juntar archivos…</translation>
    </message>
    <message>
        <source>Attach files. You can also drop files here or paste a screenshot.</source>
        <translation>Adjuntar archivos. También puede soltar archivos aquí o pegar una captura de pantalla.</translation>
    </message>
    <message>
        <source>CC…</source>
        <translation>CC…</translation>
    </message>
    <message>
        <source>Who else gets this ticket&apos;s e-mail</source>
        <translation>Quién más recibe el correo de este ticket</translation>
    </message>
    <message>
        <source>Goes out by e-mail to %1</source>
        <translation>Sale por correo a %1</translation>
    </message>
    <message>
        <source>Goes out by e-mail to %1, CC %2</source>
        <translation>Sale por correo a %1, CC %2</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ReportExportDialog</name>
    <message>
        <source>&amp;CSV table: the figures per day and in total</source>
        <translation>Tabla &amp;CSV: las cifras por día y en total</translation>
    </message>
    <message>
        <source>&amp;PDF report with charts</source>
        <translation>Informe &amp;PDF con gráficos</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>Groups:</source>
        <translation>Grupos:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To (included):</source>
        <translation>&amp;Hasta (incluido):</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>Formatos:</translation>
    </message>
    <message>
        <source>Days are the desk&apos;s days. A report covers at most %L1 days; with both formats, the two files are saved side by side under the same name.</source>
        <translation>Los días son los del service desk. Un informe abarca como máximo %L1 días; con ambos formatos, los dos archivos se guardan juntos con el mismo nombre.</translation>
    </message>
    <message>
        <source>Choose CSV, PDF or both.</source>
        <translation>Elija CSV, PDF o ambos.</translation>
    </message>
    <message>
        <source>The last day is before the first one.</source>
        <translation>El último día es anterior al primero.</translation>
    </message>
    <message>
        <source>A report covers at most %L1 days (three years); this range has %L2. Choose a shorter range.</source>
        <translation>Un informe abarca como máximo %L1 días (tres años); este rango tiene %L2. Elija un rango más corto.</translation>
    </message>
    <message>
        <source>A report needs the server, and the console is offline now. Try again once it is connected.</source>
        <translation>Un informe necesita el servidor y la consola está sin conexión. Vuelva a intentarlo cuando esté conectada.</translation>
    </message>
    <message>
        <source>atiende-report-%1-to-%2</source>
        <comment>file name of an exported report</comment>
        <translation>atiende-informe-%1-a-%2</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <source>PDF report and CSV table (*.pdf *.csv)</source>
        <translation>Informe PDF y tabla CSV (*.pdf *.csv)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>Informe PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabla CSV (*.csv)</translation>
    </message>
    <message>
        <source>Asking the server for the report…</source>
        <translation>Solicitando el informe al servidor…</translation>
    </message>
    <message>
        <source>A report needs the server, and the connection was lost. Try again once the console is connected.</source>
        <translation>Un informe necesita el servidor y se perdió la conexión. Vuelva a intentarlo cuando la consola esté conectada.</translation>
    </message>
    <message>
        <source>The server refused the report: only team leads of these groups and admins may see it.</source>
        <translation>El servidor rechazó el informe: solo pueden verlo los jefes de equipo de estos grupos y los administradores.</translation>
    </message>
    <message>
        <source>The server refused the range: %1</source>
        <translation>El servidor rechazó el rango: %1</translation>
    </message>
    <message>
        <source>The report could not be made: %1</source>
        <translation>No se pudo generar el informe: %1</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>No se pudo guardar el informe: %1</translation>
    </message>
    <message>
        <source>Saved %1 in %2.</source>
        <translation>Guardado en %2: %1.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>El idioma del sistema</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language shows after a restart of the console. Restart now?</source>
        <translation>El nuevo idioma se aplicará al reiniciar la consola. ¿Reiniciar ahora?</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Files from tickets kept on this computer: %1 now. The least recently used go past this size; files you opened while offline stay until you are back online.</source>
        <translation>Archivos de tickets guardados en este equipo: %1 ahora. Por encima de este tamaño se quitan los usados hace más tiempo; los que abrió sin conexión se quedan hasta que vuelva a tenerla.</translation>
    </message>
    <message>
        <source>&amp;Files kept:</source>
        <translation>&amp;Archivos guardados:</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>Ctrl+K runs any action by name, with or without a shortcut.</source>
        <translation>Ctrl+K ejecuta cualquier acción por su nombre, tenga o no atajo.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::SignOutQuestion</name>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Sign out of Atiende?</source>
        <translation>¿Cerrar la sesión de Atiende?</translation>
    </message>
    <message>
        <source>One change made here has not been sent to the server yet. It stays on this computer and is sent the next time you sign in here; until then nobody else sees it.</source>
        <translation>Un cambio hecho aquí aún no se ha enviado al servidor. Se queda en este equipo y se enviará la próxima vez que inicie sesión aquí; hasta entonces nadie más lo verá.</translation>
    </message>
    <message>
        <source>%L1 changes made here have not been sent to the server yet. They stay on this computer and are sent the next time you sign in here; until then nobody else sees them.</source>
        <translation>%L1 cambios hechos aquí aún no se han enviado al servidor. Se quedan en este equipo y se enviarán la próxima vez que inicie sesión aquí; hasta entonces nadie más los verá.</translation>
    </message>
    <message>
        <source>The console closes; your work is saved on the server.</source>
        <translation>La consola se cerrará; su trabajo está guardado en el servidor.</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>Stay signed &amp;in</source>
        <translation>&amp;Seguir conectado</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::SlaTrendChart</name>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketHeader</name>
    <message>
        <source>New ticket</source>
        <translation>Nuevo ticket</translation>
    </message>
    <message>
        <source>Not sent to the server yet: it gets its number when it is.</source>
        <translation>Aún no se ha enviado al servidor: recibirá su número cuando se envíe.</translation>
    </message>
    <message>
        <source>&amp;Status: %1</source>
        <translation>E&amp;stado: %1</translation>
    </message>
    <message>
        <source>&amp;Group: %1</source>
        <translation>&amp;Grupo: %1</translation>
    </message>
    <message>
        <source>Assign&amp;ee: %1</source>
        <translation>Asigna&amp;do a: %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>vía %1</translation>
    </message>
    <message>
        <source>Closed tickets are read-only.</source>
        <translation>Los tickets cerrados son de solo lectura.</translation>
    </message>
    <message>
        <source>The clock stops while the ticket waits on the customer or a third party.</source>
        <translation>El reloj se detiene mientras el ticket espera al cliente o a un tercero.</translation>
    </message>
    <message>
        <source>Business time: %1 of %2 used when the server last counted.</source>
        <translation>Tiempo laborable consumido: %1 de %2 (según el último cálculo del servidor).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>● Sending…</source>
        <translation>● Enviando…</translation>
    </message>
    <message>
        <source>Your changes are on their way to the server.</source>
        <translation>Sus cambios van de camino al servidor.</translation>
    </message>
    <message>
        <source>● Waiting to be sent</source>
        <translation>● Pendiente de enviar</translation>
    </message>
    <message>
        <source>You are offline. Your changes are kept on this computer and sent when the connection is back.</source>
        <translation>No hay conexión. Sus cambios se guardan en este equipo y se enviarán cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>%1 (typing a reply…)</source>
        <translation>%1 (escribiendo una respuesta…)</translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation>También aquí: %1</translation>
    </message>
    <message>
        <source>Reopen (%1)</source>
        <translation>Reabrir (%1)</translation>
    </message>
    <message>
        <source>You become its assignee.</source>
        <translation>Se le asignará a usted.</translation>
    </message>
    <message>
        <source>Needs an assignee from the ticket&apos;s group first.</source>
        <translation>Primero hay que asignarlo a alguien del grupo del ticket.</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>&amp;Impacto</translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation>&amp;Urgencia</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Sin categoría</translation>
    </message>
    <message>
        <source>%1 (tier %2)</source>
        <translation>%1 (nivel %2)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>%1 (me)</source>
        <translation>%1 (yo)</translation>
    </message>
    <message>
        <source>Nobody active in %1</source>
        <translation>Nadie activo en %1</translation>
    </message>
    <message>
        <source>&amp;Priority: %1 (%2)</source>
        <translation>&amp;Prioridad: %1 (%2)</translation>
    </message>
    <message>
        <source>Change the impact or the urgency; the priority follows from both.</source>
        <translation>Cambie el impacto o la urgencia; la prioridad se deriva de ambos.</translation>
    </message>
    <message>
        <source>Categor&amp;y: %1</source>
        <translation>Categ&amp;oría: %1</translation>
    </message>
    <message>
        <source>Met at %1</source>
        <translation>Cumplido (%1)</translation>
    </message>
    <message>
        <source>Paused, %1 of %2 used</source>
        <translation>En pausa, consumido %1 de %2</translation>
    </message>
    <message>
        <source>%1, stopped at %2</source>
        <translation>%1, detenido (%2)</translation>
    </message>
    <message>
        <source>Breached, %1 overdue</source>
        <translation>Incumplido, %1 de retraso</translation>
    </message>
    <message>
        <source>It was due at %1.</source>
        <translation>Vencimiento: %1.</translation>
    </message>
    <message>
        <source>About to breach: %1 left, due at %2</source>
        <translation>A punto de incumplirse: quedan %1 (vence %2)</translation>
    </message>
    <message>
        <source>%1 left, due at %2</source>
        <translation>Quedan %1 (vence %2)</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketPanel</name>
    <message>
        <source>Assign to &amp;me</source>
        <translation>Asignar&amp;me</translation>
    </message>
    <message>
        <source>Esca&amp;late…</source>
        <translation>&amp;Escalar…</translation>
    </message>
    <message>
        <source>&amp;New ticket</source>
        <translation>Nuevo tic&amp;ket</translation>
    </message>
    <message>
        <source>Log a &amp;phone call…</source>
        <translation>Registrar una &amp;llamada…</translation>
    </message>
    <message>
        <source>New ticket for this &amp;customer…</source>
        <translation>Nuevo ticket para este &amp;cliente…</translation>
    </message>
    <message>
        <source>Open in own &amp;window</source>
        <translation>A&amp;brir en ventana propia</translation>
    </message>
    <message>
        <source>No ticket open.

Pick one in the queue, or log a phone call as a new ticket.</source>
        <translation>No se ha abierto ningún ticket.

Elija uno en la cola o registre una llamada como ticket nuevo.</translation>
    </message>
    <message>
        <source>This ticket is not on this computer: it may have left your groups&apos; queues.</source>
        <translation>Este ticket no está en este equipo: puede que haya salido de las colas de sus grupos.</translation>
    </message>
    <message>
        <source>Closed tickets are read-only.</source>
        <translation>Los tickets cerrados son de solo lectura.</translation>
    </message>
    <message>
        <source>It is yours already.</source>
        <translation>Ya es suyo.</translation>
    </message>
    <message>
        <source>Only members of %1 may own this ticket.</source>
        <translation>Solo los miembros de %1 pueden tener asignado este ticket.</translation>
    </message>
    <message>
        <source>Only open tickets can be escalated.</source>
        <translation>Solo se pueden escalar tickets abiertos.</translation>
    </message>
    <message>
        <source>Closed tickets are read-only. A new contact about it is a new ticket.</source>
        <translation>Los tickets cerrados son de solo lectura. Un nuevo contacto sobre el tema es un ticket nuevo.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>Atiende</source>
        <translation>Atiende</translation>
    </message>
    <message>
        <source>This ticket could not be created. What was refused is listed with the other conflicts.</source>
        <translation>No se pudo crear este ticket. Lo que se rechazó aparece junto a los demás conflictos.</translation>
    </message>
    <message>
        <source>%1 is no longer in your view: it went to a group you are not in.</source>
        <translation>%1 ya no está en su vista: pasó a un grupo al que usted no pertenece.</translation>
    </message>
    <message>
        <source>Your draft is back.</source>
        <translation>Se ha recuperado su borrador.</translation>
    </message>
    <message>
        <source>It could not be saved on this computer; your text is still here.</source>
        <translation>No se pudo guardar en este equipo; su texto sigue aquí.</translation>
    </message>
    <message>
        <source>Saved on this computer; it is sent when you are back online.</source>
        <translation>Guardado en este equipo; se enviará cuando vuelva a tener conexión.</translation>
    </message>
    <message>
        <source>Filling in the canned response…</source>
        <translation>Completando la respuesta predefinida…</translation>
    </message>
    <message>
        <source>That canned response cannot be used here. %1</source>
        <translation>Esa respuesta predefinida no se puede usar aquí. %1</translation>
    </message>
    <message>
        <source>No value for %1: left empty.</source>
        <translation>Sin valor para %1: se dejó vacío.</translation>
    </message>
    <message>
        <source>Not placeholders, left as written: %1.</source>
        <translation>No son variables; se dejaron tal cual: %1.</translation>
    </message>
    <message>
        <source>The ticket could not be saved on this computer.</source>
        <translation>No se pudo guardar el ticket en este equipo.</translation>
    </message>
    <message>
        <source>The ticket is saved on this computer; it gets its number when the console is back online.</source>
        <translation>El ticket está guardado en este equipo; recibirá su número cuando la consola vuelva a tener conexión.</translation>
    </message>
    <message>
        <source>Ticket %1 created and assigned to you.</source>
        <translation>Ticket %1 creado y asignado a usted.</translation>
    </message>
    <message>
        <source>Ticket %1 created.</source>
        <translation>Ticket %1 creado.</translation>
    </message>
    <message>
        <source>Too big to attach: %1, at most %2 a file.</source>
        <translation>Demasiado grande para adjuntarlo: %1; como máximo %2 por archivo.</translation>
    </message>
    <message numerus="yes">
        <source>A message carries at most %n files.</source>
        <translation>
            <numerusform>Un mensaje lleva como máximo %n archivo.</numerusform>
            <numerusform>Un mensaje lleva como máximo %n archivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too much for one message: at most %1 of files together.</source>
        <translation>Demasiado para un mensaje: como máximo %1 de archivos en total.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>%1 is a folder; attach the files in it.</source>
        <translation>%1 es una carpeta; adjunte los archivos que contiene.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>file name, why it was refused</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>screenshot %1.png</source>
        <comment>date and time</comment>
        <translation>captura %1.png</translation>
    </message>
    <message>
        <source>This needs a connection to the server. Try again when you are online.</source>
        <translation>Hace falta conexión con el servidor. Inténtelo de nuevo cuando tenga conexión.</translation>
    </message>
    <message>
        <source>The server refused it.</source>
        <translation>El servidor lo rechazó.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>«%1» no es una dirección de correo.</translation>
    </message>
    <message>
        <source>Sending the e-mail again…</source>
        <translation>Enviando de nuevo el correo…</translation>
    </message>
    <message>
        <source>The e-mail is queued to go out again.</source>
        <translation>El correo está en cola para salir de nuevo.</translation>
    </message>
    <message>
        <source>The mail is on %1 now.</source>
        <translation>El correo está ahora en %1.</translation>
    </message>
    <message>
        <source>There is no ticket %1 you may see.</source>
        <translation>No hay ningún ticket %1 que usted pueda ver.</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TicketWindow</name>
    <message>
        <source>Ticket — Atiende</source>
        <translation>Ticket — Atiende</translation>
    </message>
    <message>
        <source>%1 %2 — Atiende</source>
        <translation>%1 %2 — Atiende</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Nuevo ticket</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TimelineView</name>
    <message>
        <source>New entries ↓</source>
        <translation>Entradas nuevas ↓</translation>
    </message>
    <message>
        <source>Go to the newest entries</source>
        <translation>Ir a las entradas más recientes</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Nota interna</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Respuesta pública</translation>
    </message>
    <message>
        <source>The server has not confirmed this yet.</source>
        <translation>El servidor aún no lo ha confirmado.</translation>
    </message>
    <message>
        <source>There is no connection: this is sent as soon as there is one.</source>
        <translation>No hay conexión: se enviará en cuanto la haya.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de enviar</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>%1 SLA: %2, due %3</source>
        <comment>clock, state, time</comment>
        <translation>%1 (SLA): %2, vence %3</translation>
    </message>
    <message>
        <source>%1 SLA: %2</source>
        <comment>clock, state</comment>
        <translation>%1 (SLA): %2</translation>
    </message>
    <message>
        <source>Not escalated: %1 has no group lead</source>
        <translation>No escalado: %1 no tiene jefe de equipo</translation>
    </message>
    <message numerus="yes">
        <source>Escalated to the group lead: %1</source>
        <translation>
            <numerusform>Escalado al jefe de equipo: %1</numerusform>
            <numerusform>Escalado a los jefes de equipo: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalated from %1 to %2</source>
        <translation>Escalado de %1 a %2</translation>
    </message>
    <message>
        <source>Not escalated: the ticket stays in %1</source>
        <translation>No escalado: el ticket se queda en %1</translation>
    </message>
    <message>
        <source>Customer satisfaction: good</source>
        <translation>Satisfacción del cliente: buena</translation>
    </message>
    <message>
        <source>Customer satisfaction: bad</source>
        <translation>Satisfacción del cliente: mala</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabierto</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Reabierto: %1</translation>
    </message>
    <message numerus="yes">
        <source>Closed automatically after %n hour(s)</source>
        <translation>
            <numerusform>Cerrado automáticamente tras %n hora</numerusform>
            <numerusform>Cerrado automáticamente tras %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the queue: %1 is no longer in %2</source>
        <translation>Devuelto a la cola: %1 ya no está en %2</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <comment>field: from → to</comment>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Atiende</source>
        <translation>Atiende</translation>
    </message>
    <message>
        <source>%1 SLA: %2% of the target used, due %3</source>
        <comment>clock, percent, time</comment>
        <translation>%1 (SLA): consumido el %2&#xa0;% del objetivo, vence %3</translation>
    </message>
    <message>
        <source>%1 SLA: target missed</source>
        <comment>clock</comment>
        <translation>%1 (SLA): objetivo incumplido</translation>
    </message>
    <message>
        <source>Reopened: the customer rated the resolution bad</source>
        <translation>Reabierto: el cliente valoró mal la resolución</translation>
    </message>
    <message>
        <source>Reopened: the customer replied</source>
        <translation>Reabierto: el cliente ha respondido</translation>
    </message>
    <message>
        <source>Linked articles</source>
        <translation>Artículos vinculados</translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>who escalated</comment>
        <translation>por %1</translation>
    </message>
    <message>
        <source>by a rule: resolution SLA about to breach</source>
        <translation>por una regla: SLA de resolución a punto de incumplirse</translation>
    </message>
    <message>
        <source>by a rule: first response SLA about to breach</source>
        <translation>por una regla: SLA de primera respuesta a punto de incumplirse</translation>
    </message>
    <message>
        <source>by a rule: resolution SLA breached</source>
        <translation>por una regla: SLA de resolución incumplido</translation>
    </message>
    <message>
        <source>by a rule: first response SLA breached</source>
        <translation>por una regla: SLA de primera respuesta incumplido</translation>
    </message>
    <message>
        <source>by a rule: priority P1</source>
        <translation>por una regla: prioridad P1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>threaded as an answer to the desk&apos;s mail</source>
        <translation>asociado como respuesta a un correo del servicio</translation>
    </message>
    <message>
        <source>threaded by References</source>
        <translation>asociado por References</translation>
    </message>
    <message>
        <source>threaded by In-Reply-To</source>
        <translation>asociado por In-Reply-To</translation>
    </message>
    <message>
        <source>threaded by the ticket number in the subject</source>
        <translation>asociado por el número de ticket del asunto</translation>
    </message>
    <message>
        <source>a new conversation</source>
        <translation>una conversación nueva</translation>
    </message>
    <message>
        <source>a new ticket: the ticket number in the subject came from someone else</source>
        <translation>un ticket nuevo: el número de ticket del asunto venía de otra persona</translation>
    </message>
    <message>
        <source>moved here by an agent</source>
        <translation>movido aquí por un agente</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Para:</translation>
    </message>
    <message>
        <source>CC:</source>
        <translation>CC:</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Por correo</translation>
    </message>
    <message>
        <source>Automatic mail never gets an acknowledgement and never changes the ticket&apos;s status.</source>
        <translation>El correo automático nunca recibe acuse de recibo ni cambia el estado del ticket.</translation>
    </message>
    <message>
        <source>automatic mail (%1)</source>
        <translation>correo automático (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Sent by e-mail: waiting to try again (%n attempt(s) so far)</source>
        <translation>
            <numerusform>Enviado por correo: pendiente de reintentar (%n intento hasta ahora)</numerusform>
            <numerusform>Enviado por correo: pendiente de reintentar (%n intentos hasta ahora)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent by e-mail: waiting to go out</source>
        <translation>Enviado por correo: pendiente de salir</translation>
    </message>
    <message>
        <source>Sent by e-mail %1</source>
        <translation>Enviado por correo %1</translation>
    </message>
    <message>
        <source>Sent by e-mail</source>
        <translation>Enviado por correo</translation>
    </message>
    <message>
        <source>The e-mail could not be sent: %1</source>
        <translation>No se pudo enviar el correo: %1</translation>
    </message>
    <message>
        <source>The e-mail bounced: %1</source>
        <translation>El correo fue devuelto: %1</translation>
    </message>
    <message>
        <source>Send this e-mail again now</source>
        <translation>Enviar de nuevo este correo ahora</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Hide quoted text</source>
        <translation>Ocultar el texto citado</translation>
    </message>
    <message>
        <source>Show quoted text</source>
        <translation>Mostrar el texto citado</translation>
    </message>
    <message>
        <source>This mail belongs to another conversation: move it to another ticket or a new one</source>
        <translation>Este correo es de otra conversación: muévalo a otro ticket o a uno nuevo</translation>
    </message>
    <message>
        <source>Move to another ticket…</source>
        <translation>Mover a otro ticket…</translation>
    </message>
    <message>
        <source>An entry was moved to %1</source>
        <translation>Se movió una entrada a %1</translation>
    </message>
    <message>
        <source>An entry was moved here from %1</source>
        <translation>Se movió aquí una entrada de %1</translation>
    </message>
</context>
<context>
    <name>Atiende::Ui::TrayNotifier</name>
    <message>
        <source>Atiende</source>
        <translation>Atiende</translation>
    </message>
    <message>
        <source>Assigned to you: %1</source>
        <translation>Asignado a usted: %1</translation>
    </message>
    <message>
        <source>SLA breached: %1</source>
        <translation>SLA incumplido: %1</translation>
    </message>
    <message>
        <source>SLA about to breach: %1</source>
        <translation>SLA a punto de incumplirse: %1</translation>
    </message>
</context>
<context>
    <name>FieldText</name>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Sin grupo</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Sin categoría</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>Sin cliente</translation>
    </message>
    <message>
        <source>No organisation</source>
        <translation>Sin organización</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <source>impact: %1 × urgency: %2</source>
        <translation>impacto: %1 × urgencia: %2</translation>
    </message>
</context>
<context>
    <name>KpiFormat</name>
    <message>
        <source>%1%</source>
        <comment>a share in percent; add a space before % where the language wants one</comment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>nothing to compare</source>
        <translation>nada que comparar</translation>
    </message>
    <message>
        <source>%1: nothing to count</source>
        <translation>%1: nada que contar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>= sin cambios</translation>
    </message>
    <message>
        <source>%1 %2 pts</source>
        <comment>arrow, change in percentage points</comment>
        <translation>%1 %2 pp</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>arrow, change of a duration</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The period is still running: its count grows until its end, so it is not compared with the whole of the previous one.</source>
        <translation>El periodo sigue en curso: su recuento crece hasta que termina, así que no se compara con el periodo anterior completo.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>arrow, change of a count</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The 7 days before</source>
        <translation>Los 7 días anteriores</translation>
    </message>
    <message>
        <source>The 30 days before</source>
        <translation>Los 30 días anteriores</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Pending customer</source>
        <translation>Pendiente del cliente</translation>
    </message>
    <message>
        <source>Pending third party</source>
        <translation>Pendiente de terceros</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>P1 · Critical</source>
        <translation>P1 · Crítica</translation>
    </message>
    <message>
        <source>P2 · High</source>
        <translation>P2 · Alta</translation>
    </message>
    <message>
        <source>P3 · Medium</source>
        <translation>P3 · Media</translation>
    </message>
    <message>
        <source>P4 · Low</source>
        <translation>P4 · Baja</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidencia</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>Solicitud de servicio</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Web portal</source>
        <translation>Portal web</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Consola</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bajo</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>Sin objetivo</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marcha</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>About to breach</source>
        <translation>A punto de incumplirse</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Incumplido</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Cumplido</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Nota interna</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Jefe de equipo</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>date format for this year</comment>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format for earlier years</comment>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>español</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglés</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>catalán</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>euskera</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>gallego</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugués</translation>
    </message>
    <message>
        <source>French</source>
        <translation>francés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>alemán</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>an instant in full: the date (long), then the time of day</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>CC</source>
        <comment>the addresses a ticket&apos;s e-mail also goes to</comment>
        <translation>CC</translation>
    </message>
</context>
<context>
    <name>MarkdownRenderer</name>
    <message>
        <source>[image]</source>
        <translation>[imagen]</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[imagen: %1]</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>My open tickets</source>
        <translation>Mis tickets abiertos</translation>
    </message>
    <message>
        <source>Unassigned in my groups</source>
        <translation>Sin asignar en mis grupos</translation>
    </message>
    <message>
        <source>Breaching or about to breach</source>
        <translation>Incumplidos o a punto de incumplirse</translation>
    </message>
    <message>
        <source>Pending on customer</source>
        <translation>Pendientes del cliente</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Todos los abiertos</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>Actualizados recientemente</translation>
    </message>
</context>
</TS>
