#include "demodata.h"

#include "server/admin/setup.h"

#include "server/store/store.h"

#include "core/domain/ticketlifecycle.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace Atiende::Server {

namespace {

// The tables below are the raw material of the demo desk. Texts come in index-aligned
// Spanish/English pairs so one random choice gives the same story in either language.

// ---------------------------------------------------------------------------------------------
// Groups, in ITIL tiers. The first four are made by default; a smaller or larger desk folds
// the missing ones onto an existing group through kGroupFallback.

struct GroupSpec
{
    const char *name;
    int tier;
    const char *description;
};

constexpr GroupSpec kGroups[] = {
    {"Service Desk", 1, "Primer nivel: punto único de contacto / First line: the single point of contact"},
    {"Redes y Comunicaciones", 2, "LAN, wifi, VPN y telefonía / LAN, Wi-Fi, VPN and telephony"},
    {"Aplicaciones de Negocio", 2, "ERP, CRM, correo y colaboración / ERP, CRM, email and collaboration"},
    {"Plataforma y Bases de Datos", 3, "Servidores, directorio y bases de datos / Servers, directory and databases"},
    {"Puesto de Trabajo", 2, "Portátiles, impresoras y móviles / Laptops, printers and mobile devices"},
    {"Seguridad de la Información", 3, "Incidentes de seguridad y accesos / Security incidents and access"},
};
constexpr int kMaxGroups = int(std::size(kGroups));
constexpr int kMinGroups = 3;
// Where a group's work goes when the desk is too small to have that group. Without a workplace
// team the Service Desk does deskside support itself.
constexpr int kGroupFallback[kMaxGroups] = {0, 0, 1, 2, 0, 3};

enum GroupKey { ServiceDesk = 0, Network = 1, Applications = 2, Platform = 3, Workplace = 4, Security = 5 };

// ---------------------------------------------------------------------------------------------
// Agents. Named ones first (a desk of the default size has exactly these twelve); more are
// made from the name pools. The three well-known demo users come separately.

struct AgentSpec
{
    const char *login;
    const char *name;
    bool lead;
    int group1;
    int group2; // -1: only one group
};

constexpr AgentSpec kNamedAgents[] = {
    {"lucia.martin", "Lucía Martín", true, ServiceDesk, Applications},
    {"javier.garcia", "Javier García", false, ServiceDesk, -1},
    {"sofia.hernandez", "Sofía Hernández", false, ServiceDesk, -1},
    {"emily.clarke", "Emily Clarke", false, ServiceDesk, -1},
    {"diego.ramirez", "Diego Ramírez", false, ServiceDesk, Network},
    {"carmen.lopez", "Carmen López", false, Network, -1},
    {"oliver.bennett", "Oliver Bennett", true, Network, Platform},
    {"alejandro.torres", "Alejandro Torres", false, Applications, -1},
    {"hannah.wright", "Hannah Wright", false, Applications, Workplace},
    {"mariana.flores", "Mariana Flores", false, Platform, -1},
    {"pablo.navarro", "Pablo Navarro", false, Platform, Security},
    {"james.okafor", "James Okafor", false, Workplace, ServiceDesk},
    {"elena.ruiz", "Elena Ruiz", false, Security, Platform},
    {"thomas.reid", "Thomas Reid", false, Workplace, -1},
    {"valeria.castillo", "Valeria Castillo", false, ServiceDesk, -1},
    {"daniel.moreno", "Daniel Moreno", false, Network, -1},
};

constexpr const char *kStaffDomain = "atiende.example";

// ---------------------------------------------------------------------------------------------
// The service catalog. Parents come before their children; each category says which groups
// take its escalations (tier 2 first, then tier 3; -1 for none).

struct CategorySpec
{
    const char *name;
    int parent; // index in this table, -1 for a top-level entry
    int escalation1;
    int escalation2;
};

enum CategoryKey {
    CatAccounts, CatPasswords, CatJoiners, CatEmail, CatOutlook, CatWorkplace, CatLaptops, CatPrinters,
    CatMobile, CatNetwork, CatVpn, CatWifi, CatApps, CatErp, CatSecurity
};

constexpr CategorySpec kCategories[] = {
    {"Cuentas y accesos / Accounts & access", -1, Platform, -1},
    {"Contraseñas / Passwords", CatAccounts, Platform, -1},
    {"Altas y bajas / Joiners & leavers", CatAccounts, Applications, Platform},
    {"Correo y colaboración / Email & collaboration", -1, Applications, Platform},
    {"Outlook y calendario / Outlook & calendar", CatEmail, Applications, Platform},
    {"Puesto de trabajo / Workplace", -1, Workplace, -1},
    {"Portátiles y PCs / Laptops & PCs", CatWorkplace, Workplace, -1},
    {"Impresoras / Printers", CatWorkplace, Workplace, Network},
    {"Móviles / Mobile devices", CatWorkplace, Workplace, Applications},
    {"Red y conectividad / Network & connectivity", -1, Network, Platform},
    {"VPN", CatNetwork, Network, Platform},
    {"Wi-Fi", CatNetwork, Network, -1},
    {"Aplicaciones de negocio / Business applications", -1, Applications, Platform},
    {"ERP (SAP)", CatApps, Applications, Platform},
    {"Seguridad / Security", -1, Security, Platform},
};
constexpr int kCategoryCount = int(std::size(kCategories));

// ---------------------------------------------------------------------------------------------
// Organisations (all invented, domains under .example) and where they are.

enum Country { Spain, Mexico, UnitedKingdom, Ireland, UnitedStates };

struct CountrySpec
{
    const char *language;
    int utcOffsetHours; // rough local business hours; no daylight saving for a demo
    const char *offices[4];
    const char *phoneFormat; // '#' is a random digit
};

constexpr CountrySpec kCountries[] = {
    {"es", 1, {"Madrid", "Sevilla", "Barcelona", "Valencia"}, "+34 9## ### ###"},
    {"es", -6, {"Ciudad de México", "Monterrey", "Guadalajara", "Querétaro"}, "+52 55 #### ####"},
    // Ofcom's and the NANP's ranges reserved for fiction, so no number reaches a real person.
    {"en", 0, {"London", "Manchester", "Leeds", "Bristol"}, "+44 20 7946 0###"},
    {"en", 0, {"Dublin", "Cork", "Galway", "Limerick"}, "+353 1 ### ####"},
    {"en", -6, {"Austin", "Chicago", "Boston", "Denver"}, "+1 512 555 01##"},
};

struct OrgSpec
{
    const char *name;
    const char *domain;
    Country country;
    int size; // relative number of people who call the desk
};

constexpr OrgSpec kOrganisations[] = {
    {"Construcciones Albarrán", "albarran.example", Spain, 3},
    {"Bodegas Valdelosa", "valdelosa.example", Spain, 1},
    {"Transportes Hermanos Iriarte", "iriarte-transportes.example", Spain, 2},
    {"Clínica Dental Sonrisa Clara", "sonrisaclara.example", Spain, 1},
    {"Gestoría Montalbán y Asociados", "gestoriamontalban.example", Spain, 1},
    {"Aceites del Guadalquivir", "aceitesguadalquivir.example", Spain, 2},
    {"Editorial Faro Azul", "faroazul.example", Spain, 1},
    {"Ingeniería Cierzo", "cierzo-ingenieria.example", Spain, 2},
    {"Hoteles Brisa Mediterránea", "brisamediterranea.example", Spain, 3},
    {"Laboratorios Almagro", "almagrolab.example", Spain, 2},
    {"Cooperativa Agraria La Vega", "lavega-coop.example", Spain, 1},
    {"Despacho Jurídico Ortega Salcedo", "ortegasalcedo.example", Spain, 1},
    {"Muebles Castaño", "mueblescastano.example", Spain, 1},
    {"Fundación Horizonte Social", "horizontesocial.example", Spain, 1},
    {"Grupo Industrial Sierra Madre", "sierramadre-gi.example", Mexico, 3},
    {"Distribuidora Tres Ríos", "tresrios.example", Mexico, 2},
    {"Aceros del Bajío", "acerosbajio.example", Mexico, 2},
    {"Farmacias La Ceiba", "laceiba.example", Mexico, 2},
    {"Logística Anáhuac", "anahuaclog.example", Mexico, 2},
    {"Constructora Puerta Norte", "puertanorte.example", Mexico, 1},
    {"Seguros Quetzal", "segurosquetzal.example", Mexico, 2},
    {"Café Altos de Chiapas", "altoschiapas.example", Mexico, 1},
    {"Textiles Tehuacán", "textilestehuacan.example", Mexico, 1},
    {"Universidad Tecnológica del Valle", "utvalle.example", Mexico, 3},
    {"Harbour & Finch", "harbourfinch.example", UnitedKingdom, 2},
    {"Pennine Freight", "penninefreight.example", UnitedKingdom, 2},
    {"Blackwood Architects", "blackwoodarch.example", UnitedKingdom, 1},
    {"Thistle & Rowan Insurance", "thistlerowan.example", UnitedKingdom, 3},
    {"Kestrel Analytics", "kestrelanalytics.example", UnitedKingdom, 1},
    {"Millbrook Veterinary Group", "millbrookvets.example", UnitedKingdom, 1},
    {"Copperfield Legal", "copperfieldlegal.example", UnitedKingdom, 1},
    {"Northgate Housing Trust", "northgatehousing.example", UnitedKingdom, 2},
    {"Ashdown Engineering", "ashdown-eng.example", UnitedKingdom, 2},
    {"Greyfriars Publishing", "greyfriars.example", UnitedKingdom, 1},
    {"Liffey Digital", "liffeydigital.example", Ireland, 1},
    {"Shannon Dairy Co-operative", "shannondairy.example", Ireland, 2},
    {"Bluebonnet Solar", "bluebonnetsolar.example", UnitedStates, 1},
    {"Lakeshore Medical Billing", "lakeshorebilling.example", UnitedStates, 2},
    {"Redwood Lane Logistics", "redwoodlane.example", UnitedStates, 1},
    {"Maple Street Credit Union", "maplestreetcu.example", UnitedStates, 2},
};
constexpr int kOrganisationCount = int(std::size(kOrganisations));

// ---------------------------------------------------------------------------------------------
// People's names. Spanish speakers carry two surnames, as in Spain and Mexico.

constexpr const char *kSpanishWomen[] = {
    "Lucía", "María", "Carmen", "Laura", "Marta", "Elena", "Ana", "Paula", "Isabel", "Cristina",
    "Raquel", "Pilar", "Rocío", "Nuria", "Beatriz", "Silvia", "Inés", "Alba", "Irene", "Andrea",
    "Guadalupe", "Ximena", "Fernanda", "Citlali", "Itzel", "Mariana", "Valeria", "Daniela", "María José", "Ángela",
};
constexpr const char *kSpanishMen[] = {
    "Antonio", "José", "Manuel", "Francisco", "David", "Javier", "Daniel", "Carlos", "Jesús", "Alejandro",
    "Miguel", "Rafael", "Pedro", "Álvaro", "Sergio", "Pablo", "Fernando", "Jorge", "Luis", "Alberto",
    "Rubén", "Iñaki", "Óscar", "Adrián", "Emiliano", "Santiago", "Rodrigo", "Héctor", "Arturo", "Juan Carlos",
};
constexpr const char *kSpanishSurnames[] = {
    "García", "Martínez", "López", "Sánchez", "González", "Gómez", "Fernández", "Moreno", "Jiménez", "Pérez",
    "Rodríguez", "Navarro", "Ruiz", "Díaz", "Serrano", "Hernández", "Muñoz", "Sáez", "Romero", "Rubio",
    "Alfaro", "Molina", "Castro", "Ortiz", "Núñez", "Medina", "Vázquez", "Ramos", "Iglesias", "Peña",
    "Guerrero", "Cortés", "Flores", "Ramírez", "Reyes", "Cruz", "Mendoza", "Aguilar", "Ibáñez", "Zamora",
};
constexpr const char *kEnglishWomen[] = {
    "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Chloe", "Aoife", "Niamh",
    "Hannah", "Olivia", "Priya", "Zara", "Mei", "Charlotte", "Lily", "Freya", "Ruby", "Imogen",
};
constexpr const char *kEnglishMen[] = {
    "Oliver", "George", "Harry", "Jack", "Noah", "Thomas", "James", "William", "Liam", "Sean",
    "Ethan", "Michael", "Daniel", "Arjun", "Kwame", "Callum", "Rhys", "Samuel", "Owen", "Finn",
};
constexpr const char *kEnglishSurnames[] = {
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "Murphy", "Kelly", "O'Brien", "Byrne", "Patel", "Khan", "Chen", "Nguyen", "Okafor", "Fitzgerald",
};

// ---------------------------------------------------------------------------------------------
// What goes into the {placeholders} of ticket texts, index-aligned: [i][0] Spanish, [i][1] English.

struct Pair
{
    const char *es;
    const char *en;
};

constexpr Pair kFloors[] = {
    {"planta baja", "ground floor"}, {"primera planta", "1st floor"}, {"segunda planta", "2nd floor"},
    {"tercera planta", "3rd floor"}, {"cuarta planta", "4th floor"}, {"quinta planta", "5th floor"},
};
constexpr Pair kDepartments[] = {
    {"Contabilidad", "Accounting"}, {"Recursos Humanos", "HR"}, {"Compras", "Purchasing"},
    {"Logística", "Logistics"}, {"Ventas", "Sales"}, {"Marketing", "Marketing"}, {"Legal", "Legal"},
    {"Atención al Cliente", "Customer Service"}, {"Dirección", "Management"}, {"Calidad", "Quality"},
};
constexpr const char *kApps[] = {
    "Outlook", "Teams", "SAP", "Salesforce", "SharePoint", "Excel", "OneDrive", "Zoom", "Power BI", "Adobe Acrobat",
};
// Spanish nouns carry their article: gender and number vary.
constexpr Pair kDevices[] = {
    {"el portátil", "laptop"}, {"el monitor", "monitor"}, {"el teclado", "keyboard"}, {"el ratón", "mouse"},
    {"la base de conexión", "docking station"}, {"los auriculares", "headset"}, {"la webcam", "webcam"},
};
constexpr const char *kPrinters[] = {
    "HP LaserJet M507", "Ricoh IM C3000", "Canon imageRUNNER C5535", "Brother MFC-L8900", "Kyocera TASKalfa 2553ci",
};
constexpr const char *kMobiles[] = {
    "iPhone 14", "iPhone 13", "Samsung Galaxy S23", "Samsung Galaxy A54", "Google Pixel 7", "Xiaomi Redmi Note 12",
};
constexpr Pair kWhen[] = {
    {"esta mañana", "this morning"}, {"ayer", "yesterday"}, {"el lunes", "Monday"},
    {"la actualización de anoche", "last night's update"}, {"que volví de vacaciones", "I came back from holiday"},
};
constexpr const char *kVendors[] = {"Microsoft", "SAP", "HP", "Cisco", "Movistar", "Telmex", "BT", "Vodafone", "Dell"};

// ---------------------------------------------------------------------------------------------
// Ticket templates: what customers write, per catalog entry. Placeholders: {office} {floor}
// {dept} {app} {device} {printer} {mobile} {when} {person} {personF} {n}. {when} always follows
// "desde"/"since" or "hasta"/"until".
// weight: 'H' urgent (tends to high impact and urgency), 'M' normal, 'L' can wait.

struct TicketTemplate
{
    CategoryKey category;
    bool request; // a service request rather than an incident
    char weight;
    Pair subject;
    Pair description;
};

constexpr TicketTemplate kTicketTemplates[] = {
    // Accounts & access
    {CatAccounts, false, 'M',
     {"\"Acceso denegado\" al abrir la unidad compartida", "\"Access denied\" when opening the shared drive"},
     {"Al abrir la unidad S: me sale \"Acceso denegado\". Hasta {when} funcionaba sin problema. Trabajo en {dept}, oficina de {office}.",
      "When I open the S: drive I get \"Access denied\". It worked fine until {when}. I'm in {dept}, {office} office."}},
    {CatAccounts, false, 'H',
     {"No puedo iniciar sesión en el portátil", "Can't log in to my laptop"},
     {"Al poner la contraseña aparece \"La relación de confianza entre esta estación de trabajo y el dominio principal falló\". "
      "No puedo trabajar.",
      "When I enter my password I get \"The trust relationship between this workstation and the primary domain failed\". "
      "I can't work."}},
    // Passwords
    {CatPasswords, false, 'H',
     {"Cuenta bloqueada tras cambiar la contraseña", "Account locked after a password change"},
     {"Mi cuenta se bloquea cada pocos minutos desde que cambié la contraseña. Estoy en la oficina de {office}, {floor}. "
      "¿Podéis desbloquearla?",
      "My account keeps locking every few minutes since I changed my password. I'm in the {office} office, {floor}. "
      "Could you unlock it?"}},
    {CatPasswords, true, 'M',
     {"Restablecer la contraseña de {app}", "Reset my {app} password"},
     {"He olvidado la contraseña de {app} y el enlace de recuperación no me llega. Necesito entrar hoy para terminar unos informes "
      "de {dept}.",
      "I forgot my {app} password and the recovery link never arrives. I need to get in today to finish some {dept} reports."}},
    {CatPasswords, false, 'M',
     {"La contraseña ha caducado y no me deja cambiarla", "Password expired and it won't let me change it"},
     {"Al iniciar sesión me dice que la contraseña ha caducado, pero al cambiarla aparece \"La contraseña no cumple los requisitos\" "
      "aunque tiene más de 12 caracteres.",
      "At sign-in it says my password has expired, but when I change it I get \"The password does not meet the requirements\" "
      "although it has more than 12 characters."}},
    {CatPasswords, true, 'M',
     {"Pasar la verificación en dos pasos a mi nuevo móvil", "Move my two-factor authentication to a new phone"},
     {"He cambiado a un {mobile} y la aplicación de autenticación ya no me da códigos. ¿Podéis restablecer el segundo factor?",
      "I switched to a {mobile} and the authenticator app no longer gives me codes. Could you reset my second factor?"}},
    // Joiners & leavers
    {CatJoiners, true, 'M',
     {"Alta de nueva empleada en {dept}", "New starter in {dept}"},
     {"El lunes se incorpora {personF} al departamento de {dept} en {office}. Necesita usuario, correo, acceso a {app} y un portátil.",
      "{personF} joins {dept} in {office} on Monday. She needs an account, a mailbox, access to {app} and a laptop."}},
    {CatJoiners, true, 'M',
     {"Alta de {person} ({dept})", "Onboarding {person} ({dept})"},
     {"{person} empieza la semana que viene en {dept}. Por favor, preparad la cuenta de dominio, el correo y los permisos "
      "de la carpeta del equipo.",
      "{person} starts in {dept} next week. Please set up the domain account, the mailbox and access to the team folder."}},
    {CatJoiners, true, 'L',
     {"Baja de {person} ({dept})", "Leaver: {person} ({dept})"},
     {"{person} deja la empresa el viernes. Desactivad su cuenta, redirigid su correo a su responsable y recoged el portátil en "
      "{office}.",
      "{person} leaves on Friday. Please disable the account, forward the email to their manager and collect the laptop in {office}."}},
    {CatJoiners, true, 'L',
     {"Acceso a la carpeta compartida de {dept}", "Access to the {dept} shared folder"},
     {"Necesito permisos de lectura y escritura en la carpeta compartida de {dept}. Mi responsable ya lo ha aprobado.",
      "I need read and write access to the {dept} shared folder. My manager has already approved it."}},
    {CatJoiners, true, 'L',
     {"Cambio de departamento: permisos de {app}", "Moved to {dept}: {app} permissions"},
     {"Me he cambiado a {dept} y necesito el perfil correspondiente en {app}; el antiguo se puede quitar.",
      "I've moved to {dept} and need the matching profile in {app}; the old one can be removed."}},
    // Email & collaboration
    {CatEmail, false, 'H',
     {"No me llegan correos de clientes externos", "Not receiving email from outside"},
     {"Desde {when} no recibo correos de fuera de la empresa; los internos sí llegan. Un cliente dice que le rebota con "
      "\"550 5.7.1 Message rejected\".",
      "Since {when} I get no email from outside the company; internal mail arrives. A customer says theirs bounce with "
      "\"550 5.7.1 Message rejected\"."}},
    {CatEmail, true, 'L',
     {"Crear un buzón compartido para {dept}", "Create a shared mailbox for {dept}"},
     {"Queremos un buzón compartido para el equipo de {dept}, con acceso para {n} personas. Os paso la lista por correo.",
      "We'd like a shared mailbox for the {dept} team, with access for {n} people. I'll email you the list."}},
    {CatEmail, false, 'M',
     {"Teams no carga los chats", "Teams won't load my chats"},
     {"Teams se queda en blanco al abrir los chats; ya he cerrado sesión y vuelto a entrar. Pasa desde {when}.",
      "Teams stays blank when I open chats; I already signed out and back in. It's been like this since {when}."}},
    {CatEmail, false, 'M',
     {"Audio entrecortado en las reuniones de Teams 🎧", "Choppy audio in Teams meetings 🎧"},
     {"En las reuniones de Teams me oyen entrecortado. Uso los auriculares de la empresa y estoy en {office}, {floor}.",
      "In Teams meetings people hear me breaking up. I use the company headset and I'm in {office}, {floor}."}},
    // Outlook & calendar
    {CatOutlook, false, 'M',
     {"Outlook me pide la contraseña continuamente", "Outlook keeps asking for my password"},
     {"Desde {when} Outlook me pide la contraseña cada pocos minutos. La escribo bien y vuelve a pedirla.",
      "Since {when} Outlook asks for my password every few minutes. I type it correctly and it asks again."}},
    {CatOutlook, false, 'H',
     {"El buzón está lleno y no puedo enviar correos", "Mailbox full, I can't send email"},
     {"Me sale el aviso de que el buzón ha superado el límite y no puedo enviar. Hoy tengo que mandar presupuestos a clientes.",
      "I get a warning that my mailbox is over its limit and I can't send. I have to send quotes to customers today."}},
    {CatOutlook, false, 'L',
     {"No veo el calendario compartido de {dept}", "I can't see the {dept} shared calendar"},
     {"Mis compañeros de {dept} ven el calendario compartido, pero a mí me aparece vacío en Outlook.",
      "My colleagues in {dept} see the shared calendar, but in my Outlook it is empty."}},
    {CatOutlook, false, 'M',
     {"Outlook se cierra al abrir un adjunto PDF", "Outlook crashes when opening a PDF attachment"},
     {"Cada vez que abro un PDF adjunto, Outlook se cierra sin mensaje. Con otros adjuntos no pasa.",
      "Every time I open an attached PDF, Outlook closes without a message. Other attachments are fine."}},
    {CatOutlook, true, 'L',
     {"Configurar la respuesta automática de {person}", "Set up an out-of-office reply for {person}"},
     {"{person} está de baja y no puede configurar la respuesta automática. ¿Podéis activarla con el texto que adjunto?",
      "{person} is on leave and can't set the automatic reply. Could you switch it on with the text below?"}},
    // Workplace
    {CatWorkplace, true, 'L',
     {"Necesito un segundo monitor", "I need a second monitor"},
     {"Trabajo con hojas de cálculo grandes y un segundo monitor me ahorraría mucho tiempo. Mi puesto está en {office}, {floor}.",
      "I work with large spreadsheets and a second monitor would save me a lot of time. My desk is in {office}, {floor}."}},
    {CatWorkplace, true, 'L',
     {"Traslado de puesto a la {floor}", "Desk move to the {floor}"},
     {"La semana que viene me cambio a la {floor} de {office}. Necesito que conecten el teléfono y la base de conexión.",
      "Next week I move to the {floor} in {office}. Please connect my phone and docking station there."}},
    // Laptops & PCs
    {CatLaptops, false, 'M',
     {"El portátil va muy lento desde {when}", "Laptop very slow since {when}"},
     {"Desde {when} el portátil tarda más de diez minutos en arrancar y {app} se queda colgado a menudo.",
      "Since {when} my laptop takes more than ten minutes to start and {app} often freezes."}},
    {CatLaptops, false, 'M',
     {"La pantalla del portátil parpadea", "My laptop screen flickers"},
     {"La pantalla parpadea y a veces se pone negra unos segundos. Con el monitor externo no pasa.",
      "The screen flickers and sometimes goes black for a few seconds. On the external monitor it doesn't happen."}},
    {CatLaptops, false, 'M',
     {"El portátil no carga la batería", "Laptop won't charge"},
     {"El portátil dice \"Enchufado, no se está cargando\". He probado otro enchufe y otro cargador de un compañero.",
      "The laptop says \"Plugged in, not charging\". I tried another socket and a colleague's charger."}},
    {CatLaptops, true, 'L',
     {"Instalar {app} en mi equipo", "Please install {app} on my computer"},
     {"Necesito {app} para mi trabajo en {dept}. No tengo permisos para instalarlo.",
      "I need {app} for my work in {dept}. I don't have rights to install it."}},
    {CatLaptops, false, 'H',
     {"Pantalla azul \"CRITICAL_PROCESS_DIED\" al arrancar 😱", "Blue screen \"CRITICAL_PROCESS_DIED\" at start-up 😱"},
     {"El portátil muestra una pantalla azul con \"CRITICAL_PROCESS_DIED\" cada vez que arranca. Tengo una presentación mañana.",
      "My laptop shows a blue screen with \"CRITICAL_PROCESS_DIED\" on every start. I have a presentation tomorrow."}},
    {CatLaptops, false, 'M',
     {"La base de conexión no detecta los monitores", "Docking station doesn't detect my monitors"},
     {"Al conectar el portátil a la base de conexión de la {floor} los monitores no dan imagen. El teclado sí funciona.",
      "When I dock my laptop on the {floor} the monitors stay black. The keyboard works."}},
    {CatLaptops, true, 'L',
     {"Sustituir {device} (avería)", "Replace a broken {device}"},
     {"Tengo una avería en {device} y no se puede arreglar. ¿Me podéis dar otro? Estoy en {office}, {floor}.",
      "My {device} has broken. Could I get a new one? I'm in {office}, {floor}."}},
    // Printers
    {CatPrinters, false, 'M',
     {"La impresora de la {floor} se atasca", "Printer on the {floor} jams"},
     {"La {printer} de la {floor} se atasca con cada trabajo de más de dos páginas. Ya la hemos apagado y encendido.",
      "The {printer} on the {floor} jams on every job over two pages. We already turned it off and on."}},
    {CatPrinters, false, 'L',
     {"No puedo imprimir en color", "Can't print in colour"},
     {"Desde {when} todo lo que mando a la {printer} sale en blanco y negro aunque elija color.",
      "Since {when} everything I send to the {printer} comes out black and white even when I choose colour."}},
    {CatPrinters, false, 'L',
     {"La impresora dice \"Sin tóner\" pero está recién cambiado", "Printer says \"Toner empty\" right after a new cartridge"},
     {"Hemos cambiado el tóner de la {printer} de {office} y sigue diciendo \"Sin tóner\".",
      "We replaced the toner in the {printer} in {office} and it still says \"Toner empty\"."}},
    {CatPrinters, false, 'M',
     {"El escáner no envía los documentos al correo", "Scanner doesn't send scans to email"},
     {"Al escanear a correo en la {printer} aparece \"Error de envío\" y no llega nada.",
      "When scanning to email on the {printer} it shows \"Send error\" and nothing arrives."}},
    {CatPrinters, true, 'L',
     {"Añadir la impresora de {office} a mi portátil", "Add the {office} printer to my laptop"},
     {"Voy a trabajar unos días en {office}. ¿Podéis añadir la {printer} de la {floor} a mi portátil?",
      "I'm working in {office} for a few days. Could you add the {printer} on the {floor} to my laptop?"}},
    // Mobile devices
    {CatMobile, false, 'M',
     {"No puedo acceder al correo desde el móvil", "Can't get my email on my phone"},
     {"Desde {when} el correo no se sincroniza en mi {mobile}. En el ordenador funciona bien.",
      "Since {when} email doesn't sync on my {mobile}. On the computer it works fine."}},
    {CatMobile, true, 'L',
     {"Solicitud de móvil de empresa", "Request for a company phone"},
     {"Voy a estar de guardia en {dept} y necesito un móvil de empresa. Mi responsable lo ha aprobado.",
      "I'm joining the {dept} on-call rota and need a company phone. My manager has approved it."}},
    {CatMobile, false, 'H',
     {"Móvil perdido: bloquear y borrar", "Lost phone: please lock and wipe it"},
     {"He perdido el {mobile} de empresa. Tiene el correo y Teams. Por favor, bloqueadlo y borradlo cuanto antes.",
      "I've lost my company {mobile}. It has email and Teams on it. Please lock and wipe it as soon as possible."}},
    {CatMobile, true, 'L',
     {"Configuración del correo en mi {mobile}", "Set up email on my {mobile}"},
     {"Me han dado un {mobile} nuevo. ¿Me ayudáis con la configuración del correo y de Teams?",
      "I've got a new {mobile}. Could you help me set up email and Teams?"}},
    // Network & connectivity
    {CatNetwork, false, 'H',
     {"Sin conexión a internet en la oficina de {office}", "No internet in the {office} office"},
     {"Nadie en la {floor} de {office} tiene internet desde {when}. Los teléfonos fijos tampoco funcionan.",
      "Nobody on the {floor} in {office} has had internet since {when}. The desk phones are down too."}},
    {CatNetwork, false, 'M',
     {"La red va muy lenta en la {floor}", "Network very slow on the {floor}"},
     {"Abrir archivos de la carpeta compartida tarda minutos. A los compañeros de la {floor} de {office} les pasa lo mismo.",
      "Opening files on the shared drive takes minutes. Everyone on the {floor} in {office} has the same problem."}},
    {CatNetwork, false, 'M',
     {"El teléfono fijo no tiene línea", "Desk phone has no dial tone"},
     {"El teléfono de mi puesto ({floor}, {office}) no tiene línea desde {when}.",
      "The phone at my desk ({floor}, {office}) has had no dial tone since {when}."}},
    // VPN
    {CatVpn, false, 'M',
     {"La VPN se desconecta cada pocos minutos", "VPN drops every few minutes"},
     {"Trabajando desde casa, la VPN se corta cada cinco o diez minutos y pierdo lo que estoy haciendo en {app}.",
      "Working from home, the VPN drops every five or ten minutes and I lose my work in {app}."}},
    {CatVpn, false, 'M',
     {"Error 809 al conectar la VPN desde casa", "VPN error 809 when connecting from home"},
     {"Al conectar la VPN me aparece \"Error 809: no se pudo establecer la conexión\". Desde {when} no consigo entrar.",
      "When I connect the VPN I get \"Error 809: the network connection could not be established\". I haven't got in since {when}."}},
    {CatVpn, true, 'L',
     {"Acceso VPN para teletrabajo", "VPN access for working from home"},
     {"A partir del mes que viene trabajaré dos días en casa. Necesito acceso VPN y {app}.",
      "From next month I'll work from home two days a week. I need VPN access and {app}."}},
    {CatVpn, false, 'H',
     {"URGENTE 🔥 no funciona la VPN y tengo cierre de mes", "URGENT 🔥 VPN down during month-end close"},
     {"No consigo conectar la VPN y hoy es el cierre de mes en {dept}. Necesito entrar en {app} cuanto antes.",
      "I can't connect to the VPN and today is month-end close in {dept}. I need to get into {app} as soon as possible."}},
    // Wi-Fi
    {CatWifi, false, 'M',
     {"El móvil no se conecta a la wifi corporativa", "Phone won't join the corporate Wi-Fi"},
     {"Mi {mobile} dice \"No se puede conectar a la red\" en la wifi corporativa de {office}. El portátil sí se conecta.",
      "My {mobile} says \"Unable to join the network\" on the corporate Wi-Fi in {office}. My laptop connects fine."}},
    {CatWifi, false, 'M',
     {"La wifi de la sala de reuniones se corta", "Meeting room Wi-Fi keeps dropping"},
     {"En la sala grande de la {floor} la wifi se corta durante las videollamadas. En el resto de la planta va bien.",
      "In the big meeting room on the {floor} the Wi-Fi drops during video calls. Elsewhere on the floor it's fine."}},
    {CatWifi, true, 'L',
     {"Wifi de invitados para una visita", "Guest Wi-Fi for visitors"},
     {"El jueves vienen {n} personas de un cliente a {office}. ¿Podéis darles acceso a la wifi de invitados?",
      "On Thursday {n} people from a customer visit {office}. Could you give them guest Wi-Fi access?"}},
    // Business applications
    {CatApps, false, 'M',
     {"{app} no arranca: \"Error de licencia\"", "{app} won't start: \"Licence error\""},
     {"Al abrir {app} aparece \"Error de licencia: no se encontró una licencia válida\". Ayer funcionaba.",
      "When I open {app} it says \"Licence error: no valid licence found\". It worked yesterday."}},
    {CatApps, true, 'L',
     {"Licencia de {app}", "Licence for {app}"},
     {"Necesito una licencia de {app} para el proyecto de {dept}. El centro de coste es el {n}00.",
      "I need a {app} licence for the {dept} project. The cost centre is {n}00."}},
    {CatApps, false, 'M',
     {"El informe de Power BI de {dept} no se actualiza", "The {dept} Power BI report doesn't refresh"},
     {"El informe de {dept} en Power BI muestra datos antiguos: la actualización programada da error desde {when}.",
      "The {dept} report in Power BI shows old data: the scheduled refresh has failed since {when}."}},
    {CatApps, false, 'M',
     {"Salesforce no sincroniza los contactos", "Salesforce doesn't sync contacts"},
     {"Los contactos que creo en Salesforce no aparecen en Outlook desde {when}.",
      "Contacts I create in Salesforce haven't shown up in Outlook since {when}."}},
    // ERP
    {CatErp, false, 'H',
     {"SAP da error al contabilizar facturas", "SAP error when posting invoices"},
     {"Al contabilizar facturas de proveedor en SAP aparece \"Período contable no abierto\". Somos {n} personas en {dept} bloqueadas.",
      "Posting supplier invoices in SAP gives \"Posting period not open\". {n} of us in {dept} are blocked."}},
    {CatErp, false, 'M',
     {"No puedo entrar en SAP: usuario bloqueado", "Locked out of SAP"},
     {"SAP dice \"Usuario bloqueado por intentos de acceso incorrectos\". Necesito entrar para aprobar pedidos.",
      "SAP says \"User locked due to incorrect logon attempts\". I need to get in to approve orders."}},
    {CatErp, true, 'L',
     {"Nuevo rol de SAP para {person}", "New SAP role for {person}"},
     {"{person} necesita el rol de aprobación de pedidos de {dept} en SAP. Adjunto la aprobación de su responsable.",
      "{person} needs the {dept} purchase approval role in SAP. The manager's approval is attached."}},
    {CatErp, false, 'H',
     {"El cierre de mes en SAP va extremadamente lento", "SAP month-end run extremely slow"},
     {"Los procesos de cierre de mes en SAP llevan horas y normalmente tardan veinte minutos. Afecta a todo {dept}.",
      "The month-end jobs in SAP have run for hours; they usually take twenty minutes. All of {dept} is affected."}},
    {CatErp, false, 'M',
     {"Pedido de compra bloqueado con el mensaje \"Documento en proceso\"", "Purchase order stuck with \"Document being processed\""},
     {"El pedido {n}4500 está bloqueado con \"Documento en proceso\" desde {when} y no puedo modificarlo.",
      "Purchase order {n}4500 has been stuck with \"Document being processed\" since {when} and I can't change it."}},
    // Security
    {CatSecurity, false, 'M',
     {"He recibido un correo sospechoso que pide mi contraseña", "Suspicious email asking for my password"},
     {"Me ha llegado un correo que parece de {app} y pide que \"verifique mi cuenta\". No he hecho clic. Os lo reenvío.",
      "I got an email that looks like it's from {app} asking me to \"verify my account\". I didn't click. Forwarding it to you."}},
    {CatSecurity, false, 'H',
     {"Hice clic en un enlace de un correo de phishing 😬", "I clicked a link in a phishing email 😬"},
     {"He hecho clic en un enlace de un correo que decía ser de {app} y he puesto mi contraseña. Me he dado cuenta después.",
      "I clicked a link in an email claiming to be from {app} and typed my password. I realised afterwards."}},
    {CatSecurity, false, 'M',
     {"El antivirus dice \"Amenaza detectada\"", "Antivirus says \"Threat detected\""},
     {"El antivirus ha mostrado \"Amenaza detectada y puesta en cuarentena\" al abrir un adjunto. ¿Tengo que hacer algo?",
      "The antivirus showed \"Threat detected and quarantined\" when I opened an attachment. Do I need to do anything?"}},
    {CatSecurity, true, 'L',
     {"Excepción de USB para {dept}", "USB exception for {dept}"},
     {"En {dept} necesitamos usar una memoria USB para cargar datos en una máquina sin red. ¿Podéis autorizarla?",
      "In {dept} we need a USB stick to load data onto a machine without network. Could you allow it?"}},
};

// What an agent writes to close each kind of ticket, and what they note on the way.
struct CategoryTexts
{
    Pair fixes[2];
    Pair notes[2];
};

constexpr CategoryTexts kCategoryTexts[kCategoryCount] = {
    {{{"He revisado tus grupos de seguridad y faltaba el de la unidad compartida. Ya tienes acceso; cierra sesión y vuelve a entrar.",
       "Your security groups were missing the one for the shared drive. You have access now; sign out and in again."},
      {"He vuelto a unir el equipo al dominio y ya puedes iniciar sesión con tu usuario habitual.",
       "I rejoined the computer to the domain and you can sign in with your usual account again."}},
     {{"Comprobados los grupos en el directorio activo: el usuario no estaba en el grupo de la carpeta.",
       "Checked the groups in Active Directory: the user was not in the folder's group."},
      {"El equipo perdió la relación de confianza; se reúne al dominio en remoto.",
       "The machine lost its trust relationship; rejoining the domain remotely."}}},
    {{{"He desbloqueado la cuenta. El bloqueo venía del móvil, que seguía usando la contraseña antigua: actualízala allí también.",
       "I unlocked the account. The lockouts came from your phone, which still had the old password: update it there too."},
      {"He restablecido la contraseña; te he enviado una temporal por SMS que tendrás que cambiar al entrar.",
       "I reset the password; you got a temporary one by text message and will be asked to change it at sign-in."}},
     {{"Los eventos 4740 del controlador de dominio señalan el móvil como origen de los bloqueos.",
       "Event 4740 on the domain controller points at the phone as the source of the lockouts."},
      {"Identidad verificada por teléfono con las preguntas de seguridad antes del restablecimiento.",
       "Identity verified by phone with the security questions before the reset."}}},
    {{{"La cuenta, el buzón y los permisos están listos. Las credenciales se entregan en mano el primer día.",
       "The account, mailbox and permissions are ready. Credentials are handed over in person on the first day."},
      {"Hecho: la cuenta queda desactivada, el correo redirigido al responsable y el portátil pendiente de recogida.",
       "Done: the account is disabled, email is forwarded to the manager and the laptop is due for collection."}},
     {{"Esperando la aprobación del responsable antes de dar permisos.", "Waiting for the manager's approval before granting access."},
      {"Creado el usuario a partir de la plantilla del departamento.", "Created the account from the department template."}}},
    {{{"Había una regla de transporte que bloqueaba a ese remitente. La he corregido y los correos vuelven a llegar.",
       "A transport rule was blocking that sender. I fixed it and mail is arriving again."},
      {"He vaciado la caché de Teams y reinstalado el cliente; ya carga con normalidad.",
       "I cleared the Teams cache and reinstalled the client; it loads normally now."}},
     {{"El rastreo de mensajes muestra el rechazo en el filtro antispam.", "Message trace shows the rejection in the spam filter."},
      {"Comprobado el estado del servicio de Microsoft 365: sin incidencias abiertas.",
       "Checked the Microsoft 365 service health: no open incidents."}}},
    {{{"He recreado tu perfil de Outlook y borrado las credenciales guardadas. Ya no debería volver a pedirte la contraseña.",
       "I recreated your Outlook profile and removed the saved credentials. It should not ask for your password any more."},
      {"He archivado los correos de más de dos años y el buzón vuelve a tener espacio.",
       "I archived email older than two years and the mailbox has room again."}},
     {{"Credenciales antiguas en el Administrador de credenciales; se eliminan.", "Old credentials in Credential Manager; removing them."},
      {"El buzón estaba al 99 % de la cuota.", "The mailbox was at 99% of its quota."}}},
    {{{"El monitor está preparado; lo instalamos en tu puesto mañana por la mañana.",
       "The monitor is ready; we'll set it up at your desk tomorrow morning."},
      {"Traslado hecho: teléfono y base de conexión funcionando en el nuevo puesto.",
       "Move done: phone and docking station working at the new desk."}},
     {{"Hay stock en el almacén de la oficina.", "There is stock in the office store room."},
      {"Coordinado con mantenimiento para el cableado del nuevo puesto.", "Coordinated with facilities for the new desk's cabling."}}},
    {{{"He actualizado los controladores y la BIOS; el portátil vuelve a ir con normalidad.",
       "I updated the drivers and the BIOS; the laptop runs normally again."},
      {"Hemos cambiado el equipo por uno de sustitución con tus datos restaurados desde OneDrive.",
       "We swapped your laptop for a replacement with your data restored from OneDrive."}},
     {{"El disco está al 97 %; la caché de actualizaciones ocupa 30 GB.", "The disk is 97% full; the update cache takes 30 GB."},
      {"Garantía vigente: se pide la reparación al fabricante.", "Still under warranty: repair requested from the manufacturer."}}},
    {{{"El técnico ha cambiado el rodillo de arrastre y la impresora ya no se atasca.",
       "The technician replaced the pick-up roller and the printer no longer jams."},
      {"He reinstalado el controlador de la impresora y ya imprime en color.",
       "I reinstalled the printer driver and it prints in colour again."}},
     {{"El contador de la impresora indica mantenimiento pendiente.", "The printer's counter says maintenance is due."},
      {"La contraseña SMTP del escáner caducó; se actualiza.", "The scanner's SMTP password had expired; updating it."}}},
    {{{"He vuelto a registrar el móvil en la gestión de dispositivos y el correo ya se sincroniza.",
       "I re-enrolled the phone in device management and email syncs again."},
      {"El móvil ha quedado bloqueado y borrado en remoto. Puedes pedir uno nuevo con el formulario de móviles.",
       "The phone has been locked and wiped remotely. You can order a new one with the mobile form."}},
     {{"El dispositivo figura como no conforme en Intune.", "The device shows as non-compliant in Intune."},
      {"Enviado el borrado remoto; confirmado por la consola.", "Remote wipe sent; confirmed by the console."}}},
    {{{"El operador ha sustituido el router de la oficina y la conexión está restablecida.",
       "The carrier replaced the office router and the connection is back."},
      {"Hemos cambiado el puerto del conmutador de tu planta, que daba errores; la red vuelve a ir bien.",
       "We moved your floor to a new switch port, the old one was throwing errors; the network is fine again."}},
     {{"Caída del enlace principal; el de respaldo no conmutó.", "Main link down; the backup didn't take over."},
      {"Errores CRC en el puerto 24 del conmutador de planta.", "CRC errors on port 24 of the floor switch."}}},
    {{{"He actualizado el cliente VPN a la última versión y cambiado el protocolo a IKEv2; la conexión ya es estable.",
       "I updated the VPN client to the latest version and switched to IKEv2; the connection is stable now."},
      {"Tu router doméstico bloqueaba el puerto; con la configuración que te envié ya conectas.",
       "Your home router was blocking the port; with the settings I sent you it connects now."}},
     {{"El registro del cliente VPN muestra renegociaciones cada 300 s.", "The VPN client log shows renegotiations every 300 s."},
      {"El concentrador VPN tiene el 80 % de licencias en uso.", "The VPN concentrator has 80% of its licences in use."}}},
    {{{"He renovado el certificado del móvil para la wifi corporativa; ya se conecta.",
       "I renewed the phone's Wi-Fi certificate and it joins the corporate network now."},
      {"Hemos cambiado el canal del punto de acceso de la sala y las llamadas ya no se cortan.",
       "We moved the meeting room's access point to another channel and calls no longer drop."}},
     {{"El certificado de la wifi del dispositivo caducó.", "The device's Wi-Fi certificate had expired."},
      {"Interferencias en el canal 6; se pasa al 11.", "Interference on channel 6; moving to 11."}}},
    {{{"He reasignado la licencia a tu usuario; ya puedes abrir la aplicación.",
       "I reassigned the licence to your account; you can open the application now."},
      {"La credencial de la pasarela de datos había caducado. La he renovado y el informe se actualiza de nuevo.",
       "The data gateway credential had expired. I renewed it and the report refreshes again."}},
     {{"Licencias disponibles en el portal: quedan 3.", "Licences available in the portal: 3 left."},
      {"La actualización programada falla con error de credenciales.", "The scheduled refresh fails with a credentials error."}}},
    {{{"Finanzas ha abierto el período contable y ya podéis contabilizar.",
       "Finance has opened the posting period and you can post again."},
      {"He desbloqueado tu usuario de SAP y restablecido la contraseña inicial.",
       "I unlocked your SAP user and reset the initial password."}},
     {{"Transacción SM12: bloqueo huérfano del pedido; se libera.", "Transaction SM12: orphaned lock on the order; releasing it."},
      {"Trabajos de fondo esperando por bloqueos en la base de datos; se avisa a Plataforma.",
       "Background jobs waiting on database locks; informing Platform."}}},
    {{{"Gracias por avisar: hemos bloqueado el remitente y el enlace. Has hecho bien en no pulsar.",
       "Thanks for reporting it: we blocked the sender and the link. You were right not to click."},
      {"Hemos cambiado tu contraseña, cerrado todas las sesiones y revisado los accesos: no hubo actividad sospechosa.",
       "We changed your password, signed out all sessions and reviewed the sign-ins: there was no suspicious activity."}},
     {{"Correo añadido a la lista de bloqueo del filtro.", "Message added to the filter's block list."},
      {"Revisados los inicios de sesión de las últimas 24 h; ninguno desde fuera.",
       "Reviewed the sign-ins of the last 24 h; none from outside."}}},
};

// Replies and notes that fit any ticket. {name} is the customer's first name, {agent} the
// agent's, {group} a group, {vendor} a supplier, {ref} a reference number.
constexpr Pair kAcknowledgements[] = {
    {"Hola {name}:\n\nGracias por contactar con el Service Desk. Ya estoy revisando tu solicitud y te escribo en cuanto tenga "
     "novedades.\n\nUn saludo,\n{agent}",
     "Hi {name},\n\nThanks for contacting the Service Desk. I'm looking into your request and will write as soon as I know "
     "more.\n\nBest regards,\n{agent}"},
    {"Buenos días, {name}:\n\nHemos recibido tu incidencia y la estamos analizando.\n\nSaludos,\n{agent}",
     "Good morning {name},\n\nWe've received your ticket and are looking into it.\n\nKind regards,\n{agent}"},
    {"Hola {name}, me encargo yo de este ticket. Te mantengo informado.\n\n{agent}",
     "Hi {name}, I'm taking care of this ticket and will keep you posted.\n\n{agent}"},
};
constexpr Pair kQuestions[] = {
    {"Hola {name}:\n\n¿Podrías enviarnos una captura de pantalla del error y decirnos desde qué equipo te conectas?\n\nGracias,\n{agent}",
     "Hi {name},\n\nCould you send us a screenshot of the error and tell us which computer you're using?\n\nThanks,\n{agent}"},
    {"Hola {name}:\n\n¿Cuándo te viene bien que me conecte en remoto a tu equipo? Necesito unos quince minutos.\n\n{agent}",
     "Hi {name},\n\nWhen would suit you for a remote session on your computer? I need about fifteen minutes.\n\n{agent}"},
    {"Hola {name}:\n\nPara seguir necesito la aprobación de tu responsable. ¿Puedes pedirle que responda a este correo?\n\n{agent}",
     "Hi {name},\n\nTo go ahead I need your manager's approval. Could you ask them to reply to this email?\n\n{agent}"},
};
constexpr Pair kCustomerAnswered[] = {
    {"El cliente responde por correo con la información solicitada.", "The customer replied by email with the information requested."},
    {"Hablado por teléfono con el cliente; confirma los datos.", "Spoke to the customer by phone; details confirmed."},
    {"Recibida la aprobación del responsable.", "Manager's approval received."},
};
constexpr Pair kProgress[] = {
    {"Hola {name}:\n\nSeguimos trabajando en ello. Te escribo en cuanto esté resuelto.\n\n{agent}",
     "Hi {name},\n\nWe're still working on it and will let you know as soon as it's fixed.\n\n{agent}"},
    {"Hola {name}:\n\nHemos identificado la causa y estamos aplicando la solución.\n\n{agent}",
     "Hi {name},\n\nWe've found the cause and are applying the fix.\n\n{agent}"},
};
constexpr Pair kThirdParty[] = {
    {"Abierto caso con {vendor}, referencia {ref}. Quedamos a la espera de su respuesta.",
     "Opened a case with {vendor}, reference {ref}. Waiting for their answer."},
    {"Pedida pieza de repuesto a {vendor} (pedido {ref}); entrega estimada en tres días.",
     "Spare part ordered from {vendor} (order {ref}); expected delivery in three days."},
};
constexpr Pair kVendorAnswered[] = {
    {"{vendor} ha respondido al caso {ref}; aplicamos su recomendación.", "{vendor} answered case {ref}; applying their advice."},
    {"Recibida la pieza del pedido {ref}.", "The part from order {ref} arrived."},
};
constexpr Pair kEscalations[] = {
    {"Escalo a {group}: necesita permisos de administración que el primer nivel no tiene.",
     "Escalating to {group}: it needs admin rights the first line doesn't have."},
    {"Pruebas básicas hechas sin éxito. Paso el ticket a {group} con el registro adjunto.",
     "Basic checks done without success. Passing the ticket to {group} with the log attached."},
    {"Parece un problema del servidor, no del puesto. Lo escalo a {group}.",
     "This looks like a server problem, not the workstation. Escalating to {group}."},
};
constexpr Pair kResolutions[] = {
    {"Hola {name}:\n\n{fix}\n\n¿Puedes confirmar que ya funciona? Si no sabemos nada, cerraremos el ticket en unos días.\n\n"
     "Un saludo,\n{agent}",
     "Hi {name},\n\n{fix}\n\nCould you confirm it works now? If we don't hear from you, we'll close the ticket in a few days.\n\n"
     "Best regards,\n{agent}"},
    {"Hola {name}:\n\n{fix}\n\nQuedo a tu disposición para cualquier otra cosa.\n\n{agent}",
     "Hi {name},\n\n{fix}\n\nLet me know if there's anything else.\n\n{agent}"},
};
constexpr Pair kReopenings[] = {
    {"El cliente indica que el problema ha vuelto a aparecer. Reabro el ticket.",
     "The customer says the problem is back. Reopening the ticket."},
    {"El cliente contesta que no está resuelto: el error sigue saliendo de vez en cuando.",
     "The customer replies that it isn't fixed: the error still shows up now and then."},
};

// ---------------------------------------------------------------------------------------------
// Knowledge base topics. Each is combined with every article template below, in both
// languages; steps are separated by '\n'; code is shown in a fenced block of codeLanguage.

struct KbTopic
{
    CategoryKey category;
    Pair name;    // a noun phrase: "la conexión VPN"
    Pair action;  // "restablecer la contraseña de dominio"
    Pair symptom; // "la VPN se desconecta cada pocos minutos"
    Pair cause;
    Pair steps;
    Pair keywords; // space-separated
    const char *codeLanguage; // nullptr: no code
    const char *code;
};

constexpr KbTopic kKbTopics[] = {
    {CatPasswords,
     {"la contraseña de dominio", "your domain password"},
     {"restablecer la contraseña de dominio", "reset your domain password"},
     {"la cuenta se bloquea después de cambiar la contraseña", "the account locks after a password change"},
     {"un dispositivo (móvil, unidad de red mapeada, tarea programada) sigue usando la contraseña antigua",
      "a device (phone, mapped drive, scheduled task) still uses the old password"},
     {"Pulsa Ctrl+Alt+Supr y elige «Cambiar una contraseña».\nEscribe la contraseña actual y la nueva dos veces.\n"
      "Actualiza la contraseña en el móvil y en la VPN.\nSi la cuenta se bloquea, llama al Service Desk.",
      "Press Ctrl+Alt+Del and choose \"Change a password\".\nType the current password and the new one twice.\n"
      "Update the password on your phone and in the VPN.\nIf the account locks, call the Service Desk."},
     {"contraseña bloqueo cuenta dominio", "password lockout account domain"},
     "powershell",
     "Get-ADUser -Identity $login -Properties LockedOut, LastBadPasswordAttempt, BadLogonCount |\n"
     "    Select-Object Name, LockedOut, LastBadPasswordAttempt, BadLogonCount\n"
     "Unlock-ADAccount -Identity $login"},
    {CatPasswords,
     {"la verificación en dos pasos", "two-factor authentication"},
     {"configurar la verificación en dos pasos", "set up two-factor authentication"},
     {"la aplicación de autenticación no genera códigos en el móvil nuevo", "the authenticator app gives no codes on a new phone"},
     {"el segundo factor sigue registrado en el teléfono anterior", "the second factor is still registered to the old phone"},
     {"Instala la aplicación de autenticación en el móvil.\nEntra en el portal de seguridad de tu cuenta.\n"
      "Escanea el código QR con la aplicación.\nConfirma con el código de seis dígitos.",
      "Install the authenticator app on your phone.\nOpen your account's security portal.\nScan the QR code with the app.\n"
      "Confirm with the six-digit code."},
     {"mfa autenticación móvil código", "mfa authenticator phone code"},
     nullptr, nullptr},
    {CatJoiners,
     {"el alta de un nuevo empleado", "onboarding a new employee"},
     {"dar de alta a un nuevo empleado", "onboard a new employee"},
     {"el nuevo empleado no puede iniciar sesión el primer día", "a new starter can't sign in on day one"},
     {"la solicitud de alta llegó sin la aprobación del responsable o con menos de tres días de antelación",
      "the request arrived without the manager's approval or less than three days ahead"},
     {"Rellena el formulario de alta con al menos tres días de antelación.\nIndica el departamento, la oficina y las aplicaciones.\n"
      "Adjunta la aprobación del responsable.\nRecoge el portátil y las credenciales el primer día.",
      "Fill in the onboarding form at least three days ahead.\nGive the department, office and applications.\n"
      "Attach the manager's approval.\nCollect the laptop and credentials on the first day."},
     {"alta incorporación usuario onboarding", "onboarding joiner starter account"},
     "powershell",
     "New-ADUser -Name \"$first $last\" -SamAccountName $login -Path \"OU=Users,OU=$office,DC=corp,DC=example\" `\n"
     "    -AccountPassword (Read-Host -AsSecureString \"Initial password\") -ChangePasswordAtLogon $true -Enabled $true\n"
     "Add-ADGroupMember -Identity \"GG_$department\" -Members $login"},
    {CatJoiners,
     {"los permisos de carpetas compartidas", "shared folder permissions"},
     {"pedir acceso a una carpeta compartida", "request access to a shared folder"},
     {"aparece «Acceso denegado» al abrir la unidad compartida", "\"Access denied\" appears when opening the shared drive"},
     {"el usuario no pertenece al grupo de seguridad de la carpeta o no ha cerrado sesión desde que se le añadió",
      "the user isn't in the folder's security group or hasn't signed out since being added"},
     {"Pide acceso con el formulario de permisos indicando la ruta.\nEspera la aprobación del propietario de la carpeta.\n"
      "Cierra sesión y vuelve a entrar.\nAbre de nuevo la unidad S:.",
      "Request access with the permissions form, giving the path.\nWait for the folder owner's approval.\n"
      "Sign out and back in.\nOpen the S: drive again."},
     {"carpeta permisos unidad compartida acceso", "folder permissions shared drive access"},
     "powershell",
     "Get-Acl \\\\files01\\departamentos\\$department | Format-List AccessToString\n"
     "Get-ADPrincipalGroupMembership $login | Select-Object Name"},
    {CatOutlook,
     {"la configuración de Outlook", "the Outlook profile"},
     {"recrear el perfil de Outlook", "recreate your Outlook profile"},
     {"Outlook pide la contraseña continuamente", "Outlook keeps asking for the password"},
     {"credenciales antiguas guardadas en el Administrador de credenciales de Windows",
      "old credentials saved in Windows Credential Manager"},
     {"Cierra Outlook.\nAbre el Administrador de credenciales y elimina las entradas de Office.\n"
      "En Panel de control > Correo, crea un perfil nuevo.\nAbre Outlook con el perfil nuevo y espera a que sincronice.",
      "Close Outlook.\nOpen Credential Manager and delete the Office entries.\nIn Control Panel > Mail, create a new profile.\n"
      "Start Outlook with the new profile and let it sync."},
     {"outlook perfil contraseña configuración", "outlook profile password credentials"},
     "powershell",
     "cmdkey /list | Select-String \"MicrosoftOffice\"\n"
     "cmdkey /delete:MicrosoftOffice16_Data:SSPI:$login@corp.example\n"
     "Start-Process outlook.exe -ArgumentList \"/profiles\""},
    {CatOutlook,
     {"el tamaño del buzón", "mailbox size limits"},
     {"liberar espacio en el buzón", "free up space in your mailbox"},
     {"el buzón está lleno y no se pueden enviar correos", "the mailbox is full and email can't be sent"},
     {"el buzón supera la cuota de 50 GB, normalmente por adjuntos antiguos", "the mailbox is over its 50 GB quota, usually old attachments"},
     {"Ordena la bandeja por tamaño.\nBorra o archiva los correos con adjuntos grandes.\nVacía la carpeta Elementos eliminados.\n"
      "Activa el archivo en línea si tu perfil lo permite.",
      "Sort your inbox by size.\nDelete or archive email with large attachments.\nEmpty Deleted Items.\n"
      "Turn on the online archive if your profile allows it."},
     {"buzón cuota espacio archivo", "mailbox quota space archive"},
     "powershell",
     "Get-MailboxStatistics -Identity $login | Select-Object DisplayName, TotalItemSize, ItemCount\n"
     "Get-Mailbox -Identity $login | Select-Object ProhibitSendQuota, ArchiveStatus"},
    {CatMobile,
     {"la configuración del correo en el móvil", "email on your phone"},
     {"configurar el correo corporativo en el móvil", "set up company email on your phone"},
     {"el correo deja de sincronizarse en el móvil", "email stops syncing on the phone"},
     {"el dispositivo no cumple la directiva de seguridad o la contraseña cambió", "the device fails the security policy or the password changed"},
     {"Instala el Portal de empresa desde la tienda de aplicaciones.\nInicia sesión con tu cuenta corporativa.\n"
      "Acepta la configuración de seguridad del dispositivo.\nInstala Outlook y Teams desde el portal.",
      "Install Company Portal from the app store.\nSign in with your company account.\nAccept the device security settings.\n"
      "Install Outlook and Teams from the portal."},
     {"móvil correo configuración intune", "mobile phone email intune"},
     nullptr, nullptr},
    {CatEmail,
     {"la calidad de audio en Teams", "audio quality in Teams"},
     {"mejorar el audio de las reuniones de Teams", "improve audio in Teams meetings"},
     {"el audio se corta en las reuniones de Teams", "audio breaks up in Teams meetings"},
     {"pérdida de paquetes en la wifi o auriculares sin el firmware actualizado", "packet loss on Wi-Fi or a headset with old firmware"},
     {"Conéctate por cable si puedes.\nEn Teams, abre Configuración > Dispositivos y elige los auriculares de empresa.\n"
      "Haz una llamada de prueba.\nSi sigue fallando, envía el registro de diagnóstico al Service Desk.",
      "Use a cable connection if you can.\nIn Teams, open Settings > Devices and pick the company headset.\n"
      "Make a test call.\nIf it still fails, send the diagnostic log to the Service Desk."},
     {"teams audio reunión auriculares", "teams audio meeting headset"},
     "text",
     "2024-03-12 09:14:03.221 INFO  [media] call 7f3a: jitter=48ms packetLoss=6.2% rtt=210ms\n"
     "2024-03-12 09:14:08.402 WARN  [media] call 7f3a: audio concealment 31% over 5s\n"
     "2024-03-12 09:14:08.403 WARN  [net] interface Wi-Fi signal -78 dBm"},
    {CatLaptops,
     {"el rendimiento del portátil", "laptop performance"},
     {"acelerar un portátil lento", "speed up a slow laptop"},
     {"el portátil va muy lento tras una actualización", "the laptop is very slow after an update"},
     {"disco casi lleno, actualizaciones a medias o demasiados programas al inicio",
      "an almost full disk, half-installed updates or too many start-up programs"},
     {"Reinicia el equipo (no basta con suspender).\nInstala las actualizaciones pendientes.\n"
      "Libera espacio con el Liberador de espacio en disco.\nDesactiva los programas de inicio que no uses.",
      "Restart the computer (sleep is not enough).\nInstall pending updates.\nFree up space with Disk Clean-up.\n"
      "Disable start-up programs you don't use."},
     {"lento rendimiento portátil disco", "slow performance laptop disk"},
     "powershell",
     "Get-Process | Sort-Object CPU -Descending | Select-Object -First 10 Name, CPU, WorkingSet\n"
     "Get-PSDrive C | Select-Object Used, Free\n"
     "sfc /scannow"},
    {CatLaptops,
     {"la base de conexión y los monitores externos", "docking stations and external monitors"},
     {"conectar monitores externos a la base de conexión", "connect external monitors to a docking station"},
     {"los monitores no dan imagen con la base de conexión", "the monitors stay black on the docking station"},
     {"firmware antiguo de la base de conexión o controlador gráfico desactualizado",
      "old docking station firmware or an outdated graphics driver"},
     {"Desconecta el portátil de la base.\nApaga y enciende la base desde el enchufe.\nVuelve a conectar el portátil.\n"
      "Pulsa Windows+P y elige «Extender».",
      "Undock the laptop.\nPower-cycle the docking station at the socket.\nDock the laptop again.\n"
      "Press Windows+P and choose \"Extend\"."},
     {"monitor base conexión pantalla dock", "monitor docking station display dock"},
     nullptr, nullptr},
    {CatPrinters,
     {"las impresoras de planta", "floor printers"},
     {"añadir una impresora de planta", "add a floor printer"},
     {"la impresora se atasca con cada trabajo", "the printer jams on every job"},
     {"rodillos de arrastre gastados o papel de gramaje incorrecto", "worn pick-up rollers or the wrong paper weight"},
     {"Abre Configuración > Impresoras.\nPulsa «Agregar impresora» y busca la de tu planta.\n"
      "Si no aparece, usa la ruta \\\\print01\\ seguida del nombre de la planta.\nImprime una página de prueba.",
      "Open Settings > Printers.\nClick \"Add printer\" and look for your floor's printer.\n"
      "If it isn't listed, use the path \\\\print01\\ followed by the floor name.\nPrint a test page."},
     {"impresora atasco papel planta", "printer jam paper floor"},
     "powershell",
     "Add-Printer -ConnectionName \\\\print01\\Planta3-Color\n"
     "Get-Printer | Where-Object Name -like \"*Planta*\" | Select-Object Name, PrinterStatus"},
    {CatPrinters,
     {"el escaneo a correo electrónico", "scan to email"},
     {"escanear documentos a tu correo", "scan documents to your email"},
     {"el escáner muestra «Error de envío»", "the scanner shows \"Send error\""},
     {"la cuenta SMTP del escáner tiene la contraseña caducada", "the scanner's SMTP account password has expired"},
     {"Coloca el documento en el alimentador.\nElige «Escanear a correo» en la pantalla.\nSelecciona tu nombre en la libreta.\n"
      "Pulsa Iniciar y revisa tu bandeja de entrada.",
      "Put the document in the feeder.\nChoose \"Scan to email\" on the screen.\nPick your name from the address book.\n"
      "Press Start and check your inbox."},
     {"escáner correo smtp escanear", "scanner email smtp scan"},
     "text",
     "Mar 12 10:02:11 mfp-3f scan2mail[812]: connect smtp.corp.example:587 ok\n"
     "Mar 12 10:02:11 mfp-3f scan2mail[812]: AUTH LOGIN scanner-3f\n"
     "Mar 12 10:02:12 mfp-3f scan2mail[812]: 535 5.7.3 Authentication unsuccessful"},
    {CatVpn,
     {"la conexión VPN", "the VPN connection"},
     {"conectarte a la VPN desde casa", "connect to the VPN from home"},
     {"la VPN se desconecta cada pocos minutos", "the VPN drops every few minutes"},
     {"una versión antigua del cliente VPN o el router doméstico corta las sesiones inactivas",
      "an old VPN client or a home router that cuts idle sessions"},
     {"Abre el cliente VPN desde la bandeja del sistema.\nEscribe vpn.corp.example como servidor.\n"
      "Inicia sesión con tu usuario y el segundo factor.\nComprueba que el icono aparece en verde.",
      "Open the VPN client from the system tray.\nEnter vpn.corp.example as the server.\n"
      "Sign in with your account and second factor.\nCheck the icon turns green."},
     {"vpn teletrabajo conexión remoto", "vpn remote work connection"},
     "bash",
     "ping -c 4 vpn.corp.example\n"
     "traceroute vpn.corp.example\n"
     "grep -i \"disconnect\" ~/.local/share/vpnclient/vpn.log | tail -n 20"},
    {CatVpn,
     {"el error 809 de la VPN", "VPN error 809"},
     {"resolver el error 809 de la VPN", "fix VPN error 809"},
     {"la VPN muestra el error 809 al conectar", "the VPN shows error 809 when connecting"},
     {"el router doméstico bloquea los puertos UDP 500 y 4500", "the home router blocks UDP ports 500 and 4500"},
     {"Reinicia el router de casa.\nComprueba que tienes internet abriendo una web.\n"
      "En el cliente VPN, cambia el protocolo a IKEv2.\nSi sigue fallando, prueba desde otra red (por ejemplo, el móvil).",
      "Restart your home router.\nCheck you have internet by opening a website.\nIn the VPN client, switch the protocol to IKEv2.\n"
      "If it still fails, try another network (your phone's hotspot, say)."},
     {"vpn error 809 router puertos", "vpn error 809 router ports"},
     "powershell",
     "Get-VpnConnection | Select-Object Name, ServerAddress, TunnelType, ConnectionStatus\n"
     "Test-NetConnection vpn.corp.example -Port 443"},
    {CatWifi,
     {"la wifi corporativa", "the corporate Wi-Fi"},
     {"conectarte a la wifi corporativa", "join the corporate Wi-Fi"},
     {"el dispositivo no se conecta a la wifi corporativa", "the device won't join the corporate Wi-Fi"},
     {"el certificado del dispositivo ha caducado", "the device certificate has expired"},
     {"Olvida la red corporativa en el dispositivo.\nAbre el Portal de empresa y sincroniza.\n"
      "Vuelve a elegir la red corporativa.\nAcepta el certificado si te lo pide.",
      "Forget the corporate network on the device.\nOpen Company Portal and sync.\nChoose the corporate network again.\n"
      "Accept the certificate if asked."},
     {"wifi inalámbrica certificado red", "wifi wireless certificate network"},
     "bash",
     "nmcli dev wifi list\n"
     "nmcli connection show --active\n"
     "journalctl -u NetworkManager --since \"10 min ago\" | grep -i eap"},
    {CatNetwork,
     {"la resolución de nombres (DNS)", "name resolution (DNS)"},
     {"vaciar la caché DNS del equipo", "flush your computer's DNS cache"},
     {"las aplicaciones internas no abren pero internet sí", "internal applications won't open but the internet does"},
     {"una entrada DNS antigua en la caché del equipo", "a stale DNS entry in the computer's cache"},
     {"Abre una ventana de comandos.\nEjecuta `ipconfig /flushdns`.\nCierra y abre el navegador.\n"
      "Si sigue fallando, anota la hora y avisa al Service Desk.",
      "Open a command prompt.\nRun `ipconfig /flushdns`.\nClose and reopen the browser.\n"
      "If it still fails, note the time and tell the Service Desk."},
     {"dns red nombres caché", "dns network names cache"},
     "powershell",
     "ipconfig /flushdns\n"
     "Resolve-DnsName intranet.corp.example\n"
     "Test-NetConnection intranet.corp.example -Port 443"},
    {CatErp,
     {"el acceso a SAP", "SAP access"},
     {"desbloquear un usuario de SAP", "unlock an SAP user"},
     {"SAP indica «Usuario bloqueado por intentos de acceso incorrectos»", "SAP says \"User locked due to incorrect logon attempts\""},
     {"demasiados intentos con una contraseña antigua guardada en SAP Logon", "too many attempts with an old password saved in SAP Logon"},
     {"Abre la transacción SU01.\nIntroduce el usuario y pulsa «Bloquear/Desbloquear».\n"
      "Genera una contraseña inicial.\nComunica la contraseña por un canal distinto al correo.",
      "Open transaction SU01.\nEnter the user and press \"Lock/Unlock\".\nGenerate an initial password.\n"
      "Give the password through a channel other than email."},
     {"sap usuario bloqueo su01", "sap user lock su01"},
     nullptr, nullptr},
    {CatErp,
     {"los bloqueos en la base de datos del ERP", "ERP database locks"},
     {"detectar bloqueos en la base de datos del ERP", "find locks in the ERP database"},
     {"el cierre de mes en SAP va extremadamente lento", "the SAP month-end run is extremely slow"},
     {"una sesión mantiene un bloqueo y el resto de procesos espera", "one session holds a lock and every other job waits"},
     {"Comprueba en SM50 qué procesos están en espera.\nBusca las sesiones bloqueadas en la réplica de lectura.\n"
      "Identifica la sesión que bloquea.\nAvisa a su propietario antes de terminarla.",
      "Check in SM50 which work processes are waiting.\nLook for blocked sessions on the read replica.\n"
      "Find the blocking session.\nTell its owner before killing it."},
     {"sql bloqueo base datos rendimiento", "sql lock database performance"},
     "sql",
     "SELECT r.session_id, r.blocking_session_id, r.wait_type, r.wait_time, t.text\n"
     "FROM sys.dm_exec_requests AS r\n"
     "CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t\n"
     "WHERE r.blocking_session_id <> 0\n"
     "ORDER BY r.wait_time DESC;"},
    {CatApps,
     {"la actualización de informes de Power BI", "Power BI report refresh"},
     {"revisar la actualización programada de un informe", "check a report's scheduled refresh"},
     {"el informe muestra datos antiguos", "the report shows old data"},
     {"la credencial de la pasarela de datos ha caducado", "the data gateway credential has expired"},
     {"Abre el área de trabajo en Power BI.\nEn el conjunto de datos, abre «Historial de actualizaciones».\n"
      "Revisa el mensaje del último error.\nActualiza las credenciales del origen de datos.",
      "Open the workspace in Power BI.\nOn the dataset, open \"Refresh history\".\nRead the last error message.\n"
      "Update the data source credentials."},
     {"powerbi informe actualización pasarela", "powerbi report refresh gateway"},
     "text",
     "2024-03-12T06:00:04Z Refresh started (scheduled)\n"
     "2024-03-12T06:00:19Z DataSource.Error: Login failed for user 'svc_powerbi'.\n"
     "2024-03-12T06:00:19Z Refresh failed after 15 s"},
    {CatSecurity,
     {"los correos de phishing", "phishing emails"},
     {"reconocer y notificar un correo de phishing", "spot and report a phishing email"},
     {"un correo pide verificar la cuenta o la contraseña", "an email asks you to verify your account or password"},
     {"campañas de suplantación que imitan a proveedores conocidos", "impersonation campaigns that copy well-known suppliers"},
     {"No hagas clic en enlaces ni abras adjuntos.\nComprueba el remitente real pasando el ratón por encima.\n"
      "Usa el botón «Notificar phishing» de Outlook.\nSi ya has escrito tu contraseña, cámbiala y llama al Service Desk.",
      "Don't click links or open attachments.\nCheck the real sender by hovering over it.\n"
      "Use Outlook's \"Report phishing\" button.\nIf you already typed your password, change it and call the Service Desk."},
     {"phishing seguridad correo suplantación", "phishing security email spoofing"},
     "text",
     "Received: from mail.suspicious-invoices.example (203.0.113.45)\n"
     "Authentication-Results: spf=fail smtp.mailfrom=suspicious-invoices.example; dkim=none; dmarc=fail\n"
     "Subject: Action required: verify your account"},
    {CatSecurity,
     {"las alertas del antivirus", "antivirus alerts"},
     {"actuar ante una alerta del antivirus", "respond to an antivirus alert"},
     {"el antivirus muestra «Amenaza detectada»", "the antivirus shows \"Threat detected\""},
     {"un adjunto o descarga con software malicioso conocido", "an attachment or download with known malware"},
     {"No apagues el equipo.\nDesconéctalo de la red (cable y wifi).\nAnota el nombre de la amenaza que muestra el aviso.\n"
      "Llama al Service Desk y espera instrucciones.",
      "Don't switch the computer off.\nDisconnect it from the network (cable and Wi-Fi).\nNote the threat name in the alert.\n"
      "Call the Service Desk and wait for instructions."},
     {"antivirus amenaza malware cuarentena", "antivirus threat malware quarantine"},
     "powershell",
     "Get-MpThreatDetection | Sort-Object InitialDetectionTime -Descending | Select-Object -First 5\n"
     "Start-MpScan -ScanType QuickScan"},
    {CatNetwork,
     {"el espacio en disco de los servidores Linux", "disk space on Linux servers"},
     {"liberar espacio en un servidor Linux", "free up disk space on a Linux server"},
     {"una aplicación falla porque el disco del servidor está lleno", "an application fails because the server disk is full"},
     {"registros sin rotación que crecen sin límite", "logs without rotation that grow without bound"},
     {"Comprueba el uso de cada sistema de archivos.\nLocaliza los directorios más grandes.\n"
      "Comprime o borra registros antiguos según la política de retención.\nRevisa la configuración de logrotate.",
      "Check the usage of each file system.\nFind the largest directories.\n"
      "Compress or delete old logs as the retention policy allows.\nReview the logrotate configuration."},
     {"linux disco espacio logrotate", "linux disk space logrotate"},
     "bash",
     "df -h\n"
     "sudo du -xh /var --max-depth=2 | sort -rh | head -n 15\n"
     "sudo journalctl --vacuum-time=14d"},
};
constexpr int kKbTopicCount = int(std::size(kKbTopics));

// ---------------------------------------------------------------------------------------------
// Canned responses: the replies a service desk writes every day, in both languages, with the
// placeholders the console fills in (core/text/placeholders.h). Most are for every agent;
// those a specialist team sends belong to that group (folded like the tickets' groups).

struct CannedSpec
{
    Pair title;
    Pair body;
    Pair keywords;
    int group; // a GroupKey, or -1: every agent
};

constexpr CannedSpec kCanned[] = {
    {{"Solicitud recibida", "Request received"},
     {"Hola, {{customer.firstName}}:\n\nHemos recibido tu solicitud **{{ticket.number}}** («{{ticket.subject}}») y ya estamos con "
      "ella. Te escribiremos en cuanto tengamos novedades; si necesitas añadir algo, responde a este mensaje.\n\nUn saludo,\n"
      "{{agent.name}}\nService Desk",
      "Hi {{customer.firstName}},\n\nWe have received your request **{{ticket.number}}** (\"{{ticket.subject}}\") and are working on "
      "it. We will write again as soon as we have news; to add anything, just reply to this message.\n\nBest regards,\n"
      "{{agent.name}}\nService Desk"},
     {"acuse recibo saludo nueva", "acknowledge received greeting new"},
     -1},
    {{"Contraseña restablecida", "Password reset done"},
     {"Hola, {{customer.firstName}}:\n\nHe restablecido tu contraseña. Recibirás una contraseña temporal por SMS; al entrar, el "
      "sistema te pedirá una nueva (al menos 12 caracteres, sin repetir las cinco últimas).\n\nSi no puedes entrar en los próximos "
      "15 minutos, responde a este mensaje indicando {{ticket.number}}.\n\nUn saludo,\n{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nI have reset your password. You will get a temporary password by text message; when you sign "
      "in, you will be asked for a new one (at least 12 characters, none of your last five).\n\nIf you cannot sign in within the "
      "next 15 minutes, reply to this message quoting {{ticket.number}}.\n\nBest regards,\n{{agent.firstName}}"},
     {"contraseña clave password restablecer olvidada", "password reset forgotten credentials"},
     ServiceDesk},
    {{"Cuenta desbloqueada", "Account unlocked"},
     {"Hola, {{customer.firstName}}:\n\nTu cuenta estaba bloqueada tras varios intentos fallidos y ya la he desbloqueado. Si usas "
      "el correo en el móvil, actualiza allí la contraseña: un dispositivo con la antigua vuelve a bloquearla.\n\nUn saludo,\n"
      "{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nYour account was locked after several failed sign-ins and I have unlocked it. If you read "
      "your email on your phone, update the password there too: a device with the old one locks it again.\n\nBest regards,\n"
      "{{agent.firstName}}"},
     {"bloqueo bloqueada cuenta intentos", "locked lockout account attempts"},
     ServiceDesk},
    {{"VPN: reinstalar el perfil", "VPN: reinstall the profile"},
     {"Hola, {{customer.firstName}}:\n\nHemos renovado tu perfil de VPN. Para que el cliente lo use:\n\n1. Cierra el cliente de "
      "VPN.\n2. Borra el perfil «Oficina» en *Configuración > Perfiles*.\n3. Vuelve a abrirlo y entra con tu usuario de siempre: "
      "descargará el perfil nuevo.\n\nSi sigue sin conectar, dinos qué mensaje de error ves y a qué hora lo intentaste.\n\n"
      "Un saludo,\n{{agent.name}}",
      "Hi {{customer.firstName}},\n\nWe have renewed your VPN profile. To have the client use it:\n\n1. Quit the VPN client.\n"
      "2. Delete the \"Office\" profile under *Settings > Profiles*.\n3. Open it again and sign in as usual: it downloads the new "
      "profile.\n\nIf it still does not connect, tell us the error message you see and when you tried.\n\nBest regards,\n"
      "{{agent.name}}"},
     {"vpn remoto teletrabajo perfil conectar", "vpn remote home profile connect"},
     Network},
    {{"A la espera de información", "Awaiting information"},
     {"Hola, {{customer.firstName}}:\n\nPara seguir con {{ticket.number}} necesitamos algo más de información:\n\n- ¿Desde cuándo "
      "ocurre?\n- ¿Le pasa a alguien más de {{organisation.name}}?\n- Una captura del mensaje de error, si aparece.\n\nDejamos la "
      "solicitud en espera hasta tu respuesta.\n\nUn saludo,\n{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nTo go on with {{ticket.number}} we need a little more information:\n\n- Since when does it "
      "happen?\n- Does it happen to anyone else at {{organisation.name}}?\n- A screenshot of the error message, if there is one.\n\n"
      "We are keeping the request on hold until you reply.\n\nBest regards,\n{{agent.firstName}}"},
     {"pendiente espera información datos captura", "pending waiting information details screenshot"},
     -1},
    {{"Recordatorio: seguimos esperando", "Reminder: still waiting for you"},
     {"Hola, {{customer.firstName}}:\n\nTe escribimos hace unos días sobre {{ticket.number}} («{{ticket.subject}}») y aún no "
      "tenemos tu respuesta. Si el problema sigue, responde a este mensaje y lo retomamos; si no recibimos nada en 5 días "
      "laborables, cerraremos la solicitud.\n\nUn saludo,\n{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nWe wrote to you a few days ago about {{ticket.number}} (\"{{ticket.subject}}\") and have not "
      "heard back yet. If the problem persists, reply to this message and we will pick it up again; without news within 5 working "
      "days we will close the request.\n\nBest regards,\n{{agent.firstName}}"},
     {"recordatorio pendiente cliente respuesta", "reminder pending customer reply chase"},
     -1},
    {{"Confirmación de resolución", "Resolution confirmation"},
     {"Hola, {{customer.firstName}}:\n\nDamos por resuelta {{ticket.number}} («{{ticket.subject}}»). Si algo no funciona como "
      "esperabas, responde a este mensaje en los próximos días y la reabrimos.\n\nRecibirás una breve encuesta: tu opinión nos "
      "ayuda a mejorar.\n\nGracias,\n{{agent.name}}",
      "Hi {{customer.firstName}},\n\nWe consider {{ticket.number}} (\"{{ticket.subject}}\") resolved. If anything does not work "
      "as expected, reply to this message within the next few days and we will reopen it.\n\nYou will get a short survey: your "
      "opinion helps us improve.\n\nThank you,\n{{agent.name}}"},
     {"resuelto resolución cerrar encuesta", "resolved resolution close survey"},
     -1},
    {{"Cierre por falta de respuesta", "Closed for lack of reply"},
     {"Hola, {{customer.firstName}}:\n\nComo no hemos tenido noticias sobre {{ticket.number}}, cerramos la solicitud. Si el "
      "problema vuelve, responde a este mensaje o abre una nueva desde el portal.\n\nUn saludo,\n{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nAs we have not heard from you about {{ticket.number}}, we are closing the request. If the "
      "problem comes back, reply to this message or open a new one from the portal.\n\nBest regards,\n{{agent.firstName}}"},
     {"cierre cerrar sin respuesta abandono", "close closing no reply abandoned"},
     -1},
    {{"Sustitución de equipo", "Hardware replacement"},
     {"Hola, {{customer.firstName}}:\n\nEl diagnóstico confirma una avería de hardware, así que vamos a sustituir el equipo. "
      "Un técnico te llamará para acordar la entrega; ten a mano el cargador y los accesorios del equipo actual.\n\nGuarda en "
      "OneDrive lo que tengas solo en el escritorio: el equipo nuevo llega limpio.\n\nUn saludo,\n{{agent.name}}",
      "Hi {{customer.firstName}},\n\nThe diagnosis confirms a hardware fault, so we will replace the device. A technician will "
      "call you to arrange the hand-over; please have the charger and accessories of the current one ready.\n\nSave to OneDrive "
      "anything you keep only on the desktop: the new device arrives clean.\n\nBest regards,\n{{agent.name}}"},
     {"hardware avería portátil sustitución equipo", "hardware fault laptop replacement device"},
     Workplace},
    {{"Solicitud de acceso recibida", "Access request received"},
     {"Hola, {{customer.firstName}}:\n\nHemos recibido tu solicitud de acceso ({{ticket.number}}). Antes de concederlo necesitamos "
      "la aprobación de tu responsable en {{organisation.name}}: se la hemos pedido por correo. Te avisaremos en cuanto el acceso "
      "esté activo.\n\nUn saludo,\n{{agent.name}}",
      "Hi {{customer.firstName}},\n\nWe have received your access request ({{ticket.number}}). Before granting it we need your "
      "manager's approval at {{organisation.name}}: we have asked them by email. We will let you know as soon as the access is "
      "active.\n\nBest regards,\n{{agent.name}}"},
     {"acceso permisos aprobación alta carpeta", "access permissions approval grant folder"},
     Security},
    {{"Incidencia general: la estamos atendiendo", "Outage acknowledged"},
     {"Hola, {{customer.firstName}}:\n\nGracias por avisar. Es una incidencia general que afecta a más usuarios y el equipo "
      "técnico ya trabaja en ella. Hemos asociado tu caso ({{ticket.number}}) a la incidencia principal: te avisaremos en cuanto "
      "el servicio vuelva a la normalidad, sin que tengas que hacer nada.\n\nUn saludo,\n{{agent.name}}",
      "Hi {{customer.firstName}},\n\nThank you for letting us know. This is a wider outage affecting other users too, and the "
      "technical team is already on it. We have linked your case ({{ticket.number}}) to the main incident: we will tell you as "
      "soon as the service is back to normal, nothing to do on your side.\n\nBest regards,\n{{agent.name}}"},
     {"caída incidencia general servicio afectados", "outage down incident service affected"},
     -1},
    {{"Escalado a especialistas", "Escalated to specialists"},
     {"Hola, {{customer.firstName}}:\n\nTu caso {{ticket.number}} necesita a un equipo especialista y se lo hemos pasado con "
      "todo lo que nos contaste, así que no tendrás que repetirlo. Ellos seguirán en contacto contigo.\n\nUn saludo,\n"
      "{{agent.name}}",
      "Hi {{customer.firstName}},\n\nYour case {{ticket.number}} needs a specialist team, and we have handed it over with "
      "everything you told us, so you will not have to repeat it. They will keep in touch with you.\n\nBest regards,\n"
      "{{agent.name}}"},
     {"escalado especialistas segundo nivel", "escalated specialists second line"},
     -1},
    {{"Llamada sin respuesta", "Call not answered"},
     {"Hola, {{customer.firstName}}:\n\nTe he llamado por {{ticket.number}} pero no he podido hablar contigo. ¿Nos dices una "
      "franja en la que te venga bien una llamada de 10 minutos?\n\nUn saludo,\n{{agent.firstName}}",
      "Hi {{customer.firstName}},\n\nI called you about {{ticket.number}} but could not reach you. Could you tell us a time that "
      "suits you for a 10-minute call?\n\nBest regards,\n{{agent.firstName}}"},
     {"llamada teléfono contactar", "call phone reach contact"},
     -1},
};
constexpr int kKbTemplateCount = 8;

static_assert(kCategoryTexts[kCategoryCount - 1].fixes[1].en != nullptr, "one CategoryTexts per category");
static_assert(int(std::size(kNamedAgents)) >= 12, "the default desk has twelve named agents");


// ---------------------------------------------------------------------------------------------
// Small tools.

using namespace Atiende::Core;

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr int kMaxArticlesPerTicket = 8;
constexpr int kBacklogDays = 21;

QString utf8(const char *s) { return QString::fromUtf8(s); }
QString inLanguage(const Pair &p, bool es) { return QString::fromUtf8(es ? p.es : p.en); }
QString capitalised(const QString &s) { return s.isEmpty() ? s : s.at(0).toUpper() + s.mid(1); }

// "María José" -> "mariajose", "O'Brien" -> "obrien": logins and e-mail addresses stay ASCII.
QString asciiFold(const QString &s)
{
    const QString decomposed = s.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

// Every random choice goes through here, so one seed gives one desk.
class Dice
{
public:
    explicit Dice(quint32 seed) : m_rng(seed) {}
    int below(int n) { return n <= 1 ? 0 : int(m_rng.bounded(quint32(n))); }
    double unit() { return m_rng.generateDouble(); }
    bool chance(double p) { return unit() < p; }
    qint64 between(qint64 lo, qint64 hi) { return hi <= lo ? lo : lo + qint64(unit() * double(hi - lo)); }
    // Log-uniform: waiting times spread over orders of magnitude, mostly short.
    qint64 wait(qint64 lo, qint64 hi) { return qint64(double(lo) * std::pow(double(hi) / double(lo), unit())); }
    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N]) { return items[below(int(N))]; }
    int weighted(std::initializer_list<double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = unit() * total;
        int i = 0;
        for (double w : weights) {
            if (x < w)
                return i;
            x -= w;
            ++i;
        }
        return i - 1;
    }

private:
    QRandomGenerator m_rng;
};

// The values of one ticket's {placeholders}, already in the ticket's language.
struct Words
{
    QString office, floor, dept, app, device, printer, mobile, when, person, personF, n;
    QString name, agent, group, vendor, ref, fix;
};

QString fill(const QString &pattern, const Words &w)
{
    struct Key
    {
        QStringView name;
        QString Words::*field;
    };
    static const Key keys[] = {
        {u"office", &Words::office}, {u"floor", &Words::floor},     {u"dept", &Words::dept},
        {u"app", &Words::app},       {u"device", &Words::device},   {u"printer", &Words::printer},
        {u"mobile", &Words::mobile}, {u"when", &Words::when},       {u"person", &Words::person},
        {u"personF", &Words::personF}, {u"n", &Words::n},          {u"name", &Words::name},
        {u"agent", &Words::agent},   {u"group", &Words::group},     {u"vendor", &Words::vendor},
        {u"ref", &Words::ref},       {u"fix", &Words::fix},
    };
    QString out;
    out.reserve(pattern.size() + 64);
    const QStringView p(pattern);
    qsizetype i = 0;
    while (i < p.size()) {
        const qsizetype open = p.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : p.indexOf(QLatin1Char('}'), open);
        if (close < 0) {
            out += p.mid(i);
            break;
        }
        out += p.mid(i, open - i);
        const QStringView key = p.mid(open + 1, close - open - 1);
        bool known = false;
        for (const Key &k : keys) {
            if (k.name == key) {
                out += w.*(k.field);
                known = true;
                break;
            }
        }
        if (!known) // not ours: keep it as written
            out += p.mid(open, close - open + 1);
        i = close + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Knowledge base articles: one topic told through one of kKbTemplateCount kinds of article.

QString numberedSteps(const QString &steps)
{
    const QStringList lines = steps.split(QLatin1Char('\n'));
    QString out;
    for (int i = 0; i < lines.size(); ++i)
        out += QStringLiteral("%1. %2\n").arg(i + 1).arg(lines.at(i));
    return out;
}

QString bulletSteps(const QString &steps, const QString &bullet)
{
    QString out;
    for (const QString &line : steps.split(QLatin1Char('\n')))
        out += bullet + line + QLatin1Char('\n');
    return out;
}

QString codeBlock(const KbTopic &t)
{
    return QStringLiteral("```%1\n%2\n```\n").arg(utf8(t.codeLanguage), utf8(t.code));
}

struct KbText
{
    QString title;
    QString body;
    Audience audience;
};

KbText kbText(const KbTopic &t, int kind, bool es, const QString &escalationGroup)
{
    const QString name = inLanguage(t.name, es);
    const QString action = inLanguage(t.action, es);
    const QString symptom = inLanguage(t.symptom, es);
    const QString cause = inLanguage(t.cause, es);
    const QString steps = inLanguage(t.steps, es);
    const bool hasCode = t.code != nullptr;
    const bool isLog = hasCode && qstrcmp(t.codeLanguage, "text") == 0;
    KbText k;
    QString &b = k.body;
    switch (kind) {
    case 0:
        k.title = es ? QStringLiteral("Cómo ") + action : QStringLiteral("How to ") + action;
        k.audience = Audience::Public;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("Esta guía explica cómo %1. No necesitas permisos especiales.\n\n## Pasos\n\n").arg(action)
                : QStringLiteral("This guide explains how to %1. You don't need special rights.\n\n## Steps\n\n").arg(action);
        b += numberedSteps(steps);
        b += es ? QStringLiteral("\n## Si no funciona\n\nSi después de seguir los pasos %1, abre un ticket en el portal o llama "
                                 "al Service Desk e indica en qué paso te has quedado.\n").arg(symptom)
                : QStringLiteral("\n## If it doesn't work\n\nIf after these steps %1, open a ticket on the portal or call the "
                                 "Service Desk and say which step failed.\n").arg(symptom);
        break;
    case 1:
        k.title = (es ? QStringLiteral("Solución de problemas: ") : QStringLiteral("Troubleshooting: ")) + symptom;
        k.audience = Audience::Public;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("## Síntomas\n\n%1.\n\n## Causa\n\n%2.\n\n## Solución\n\n").arg(capitalised(symptom), capitalised(cause))
                : QStringLiteral("## Symptoms\n\n%1.\n\n## Cause\n\n%2.\n\n## Resolution\n\n").arg(capitalised(symptom), capitalised(cause));
        b += numberedSteps(steps);
        if (isLog) {
            b += es ? QStringLiteral("\nEn el registro verás algo parecido a esto:\n\n")
                    : QStringLiteral("\nThe log shows something like this:\n\n");
            b += codeBlock(t);
        }
        break;
    case 2:
        k.title = (es ? QStringLiteral("Preguntas frecuentes sobre ") : QStringLiteral("Frequently asked questions about ")) + name;
        k.audience = Audience::Public;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        if (es) {
            b += QStringLiteral("### ¿Qué hago si %1?\n\nLa causa más habitual: %2. Empieza por el primer paso de la guía y, si "
                                "no se arregla, avisa al Service Desk.\n\n").arg(symptom, cause);
            b += QStringLiteral("### ¿Cómo puedo %1?\n\n").arg(action) + numberedSteps(steps);
            b += QStringLiteral("\n### ¿A quién aviso?\n\nAl Service Desk: por el portal, por correo o por teléfono, de lunes a "
                                "viernes de 8:00 a 20:00.\n");
        } else {
            b += QStringLiteral("### What do I do if %1?\n\nThe most common cause: %2. Start with the first step of the guide and, "
                                "if that doesn't fix it, tell the Service Desk.\n\n").arg(symptom, cause);
            b += QStringLiteral("### How can I %1?\n\n").arg(action) + numberedSteps(steps);
            b += QStringLiteral("\n### Who do I tell?\n\nThe Service Desk: through the portal, by email or by phone, Monday to "
                                "Friday 8:00 to 20:00.\n");
        }
        break;
    case 3:
        k.title = (es ? QStringLiteral("Procedimiento de soporte: ") : QStringLiteral("Support procedure: ")) + name;
        k.audience = Audience::Agent;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("> Solo para agentes.\n\n## Diagnóstico\n\nConfirma el síntoma con el usuario: %1. Causa probable: %2.\n\n")
                      .arg(symptom, cause)
                : QStringLiteral("> Agents only.\n\n## Diagnosis\n\nConfirm the symptom with the user: %1. Likely cause: %2.\n\n")
                      .arg(symptom, cause);
        if (hasCode) {
            b += es ? QStringLiteral("## Comprobaciones\n\n") : QStringLiteral("## Checks\n\n");
            b += codeBlock(t) + QLatin1Char('\n');
        }
        b += es ? QStringLiteral("## Resolución\n\n") : QStringLiteral("## Resolution\n\n");
        b += numberedSteps(steps);
        b += es ? QStringLiteral("\n## Escalado\n\nSi no queda resuelto en 30 minutos, escala el ticket a %1 con lo que hayas "
                                 "comprobado.\n").arg(escalationGroup)
                : QStringLiteral("\n## Escalation\n\nIf it isn't fixed within 30 minutes, escalate the ticket to %1 with what "
                                 "you checked.\n").arg(escalationGroup);
        break;
    case 4:
        k.title = (es ? QStringLiteral("Error conocido: ") : QStringLiteral("Known error: ")) + symptom;
        k.audience = Audience::Agent;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("## Descripción\n\nVarios usuarios informan de que %1. Causa raíz: %2.\n\n## Solución temporal\n\n")
                      .arg(symptom, cause)
                : QStringLiteral("## Description\n\nSeveral users report that %1. Root cause: %2.\n\n## Workaround\n\n")
                      .arg(symptom, cause);
        b += numberedSteps(steps);
        if (hasCode)
            b += QLatin1Char('\n') + codeBlock(t);
        b += es ? QStringLiteral("\n## Estado\n\nProblema abierto en %1; este artículo se actualizará cuando haya una corrección "
                                 "definitiva.\n").arg(escalationGroup)
                : QStringLiteral("\n## Status\n\nProblem record open with %1; this article will be updated once there is a "
                                 "permanent fix.\n").arg(escalationGroup);
        break;
    case 5:
        k.title = (es ? QStringLiteral("Lista de comprobación: ") : QStringLiteral("Checklist: ")) + name;
        k.audience = Audience::Public;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("Antes de abrir un ticket sobre %1, comprueba:\n\n").arg(name)
                : QStringLiteral("Before opening a ticket about %1, check:\n\n").arg(name);
        b += bulletSteps(steps, QStringLiteral("- [ ] "));
        b += es ? QStringLiteral("\nSi todo está bien y aun así %1, escríbenos: ya habrás hecho la mitad del diagnóstico.\n").arg(symptom)
                : QStringLiteral("\nIf everything is fine and still %1, write to us: half the diagnosis is already done.\n").arg(symptom);
        break;
    case 6:
        k.title = (es ? QStringLiteral("Cuándo escalar incidencias sobre ") : QStringLiteral("When to escalate issues with ")) + name;
        k.audience = Audience::Agent;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        if (es) {
            b += QStringLiteral("## Se resuelve en primer nivel\n\nCuando %1 y basta con estos pasos:\n\n").arg(symptom);
            b += numberedSteps(steps);
            b += QStringLiteral("\n## Se escala a %1\n\n- Afecta a más de una persona o a una oficina entera.\n"
                                "- Los pasos anteriores no lo arreglan.\n- Hacen falta permisos de administración.\n\n"
                                "## Qué incluir al escalar\n\n- Usuario, equipo y oficina.\n- Hora exacta del error.\n"
                                "- Lo que ya se ha probado.\n").arg(escalationGroup);
        } else {
            b += QStringLiteral("## First line fixes it\n\nWhen %1 and these steps are enough:\n\n").arg(symptom);
            b += numberedSteps(steps);
            b += QStringLiteral("\n## Escalate to %1\n\n- It affects more than one person or a whole office.\n"
                                "- The steps above don't fix it.\n- It needs admin rights.\n\n"
                                "## What to include\n\n- User, computer and office.\n- The exact time of the error.\n"
                                "- What has been tried already.\n").arg(escalationGroup);
        }
        if (isLog) {
            b += es ? QStringLiteral("- Un extracto del registro, por ejemplo:\n\n") : QStringLiteral("- A log excerpt, for example:\n\n");
            b += codeBlock(t);
        }
        break;
    default:
        k.title = (es ? QStringLiteral("Guía rápida: ") : QStringLiteral("Quick guide: ")) + name;
        k.audience = Audience::Public;
        b = QStringLiteral("# %1\n\n").arg(k.title);
        b += es ? QStringLiteral("**En resumen:** ") : QStringLiteral("**In short:** ");
        b += steps.split(QLatin1Char('\n')).join(QStringLiteral(" → ")) + QStringLiteral("\n\n");
        b += es ? QStringLiteral("¿Sigue sin funcionar? Consulta «Cómo %1» o llama al Service Desk.\n").arg(action)
                : QStringLiteral("Still not working? See \"How to %1\" or call the Service Desk.\n").arg(action);
        break;
    }
    return k;
}

// ---------------------------------------------------------------------------------------------
// The generator: builds the desk through the store's own operations, inside the caller's
// transaction, so every business rule of a real desk applies to the demo one too.

struct AgentInfo
{
    Agent agent;
    Caller caller;
    double weight = 1; // share of the queue they pick up
};

struct OrganisationInfo
{
    qint64 id = 0;
    Country country = Spain;
    QString name;
    QString domain;
    int size = 1;
};

struct CustomerInfo
{
    qint64 id = 0;
    QString firstName;
    QString fullName;
    QString organisation; // empty for a private customer
    Country country = Spain;
    int office = 0;
    bool spanish = true;
};

// One ticket before it exists: who asks, about what, when, and where its story stops.
struct TicketPlan
{
    qint64 createdAt = 0;
    int drawn = 0; // the order it was drawn in, to sort stably
    int customer = 0;
    int templateIndex = 0;
    TicketStatus stop = TicketStatus::Closed;
    bool early = false; // stop the first time the ticket reaches stop, not the last
};

enum class Act { Create, Assign, AssignAndStart, SetStatus, Escalate, Reply, Note };

// One thing that happens to a ticket, delay after the one before.
struct Step
{
    Act act = Act::Note;
    qint64 delay = 0;
    int actor = -1;    // index in m_agents
    int assignee = -1; // Create, Assign, AssignAndStart, Escalate; -1: nobody
    int group = -1;    // Escalate: index in m_groupIds
    TicketStatus status = TicketStatus::New; // SetStatus
    QString body;      // Reply, Note
    TicketStatus after = TicketStatus::New; // the status once the step is done
};

class Generator
{
public:
    Generator(Store &store, const DemoData::Options &options)
        : m_store(store)
        , m_options(options)
        , m_dice(options.seed)
        , m_now(options.now > 0 ? options.now : QDateTime::currentMSecsSinceEpoch())
    {
    }

    bool checkStore(QString *error);
    bool run(QString *error);
    QString summary(qint64 elapsedMs) const;

private:
    bool fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
        return false;
    }
    int groupIndex(int key) const;
    int escalationGroup(CategoryKey category, int level) const;
    int pickMember(int group, int avoid = -1);
    QString personName(bool spanish, bool woman);

    bool makeGroups();
    bool makeAgents();
    bool makeCategories();
    bool makeSla();
    bool makeOrganisations();
    bool makeCustomers();
    bool makeKnowledgeBase();
    bool makeCannedResponses();
    bool makeTickets();
    QList<TicketPlan> planTickets();
    qint64 drawCreationTime(const CustomerInfo &customer, qint64 start);
    void chooseStops(QList<TicketPlan> &plans);
    QList<Step> script(const TicketPlan &plan, Words &w, NewTicket &ticket);
    bool play(const TicketPlan &plan, const NewTicket &ticket, const QList<Step> &steps);

    Store &m_store;
    DemoData::Options m_options;
    Dice m_dice;
    qint64 m_now;
    QString *m_error = nullptr;

    int m_groupCount = 0;
    QList<qint64> m_groupIds;          // by GroupKey, as far as the desk has groups
    QList<QList<int>> m_members;       // agent indices per group index
    QList<AgentInfo> m_agents;
    bool m_adminExisted = false;
    QList<qint64> m_categoryIds;       // by CategoryKey
    QList<OrganisationInfo> m_organisations;
    QList<CustomerInfo> m_customers;
    int m_kbArticles = 0;
    int m_cannedResponses = 0;
    int m_tickets = 0;
    int m_openTickets = 0;
};

int Generator::groupIndex(int key) const
{
    while (key >= m_groupCount)
        key = kGroupFallback[key];
    return key;
}

// The group that takes a category's escalations at a level (1 or 2); -1 if there is none
// with anybody in it, or if it would only send the ticket back to the first line.
int Generator::escalationGroup(CategoryKey category, int level) const
{
    const CategorySpec &c = kCategories[category];
    const int key = level == 1 ? c.escalation1 : c.escalation2;
    if (key < 0)
        return -1;
    const int g = groupIndex(key);
    if (g == ServiceDesk || m_members.at(g).isEmpty())
        return -1;
    if (level == 2 && g == escalationGroup(category, 1))
        return -1;
    return g;
}

int Generator::pickMember(int group, int avoid)
{
    const QList<int> &members = m_members.at(group);
    double total = 0;
    for (int a : members)
        total += a == avoid && members.size() > 1 ? 0 : m_agents.at(a).weight;
    double x = m_dice.unit() * total;
    for (int a : members) {
        const double w = a == avoid && members.size() > 1 ? 0 : m_agents.at(a).weight;
        if (x < w)
            return a;
        x -= w;
    }
    return members.last();
}

QString Generator::personName(bool spanish, bool woman)
{
    if (spanish) {
        constexpr int n = int(std::size(kSpanishSurnames));
        const int s1 = m_dice.below(n);
        int s2 = m_dice.below(n - 1);
        if (s2 >= s1) // two different surnames
            ++s2;
        return utf8(woman ? m_dice.pick(kSpanishWomen) : m_dice.pick(kSpanishMen)) + QLatin1Char(' ') + utf8(kSpanishSurnames[s1])
               + QLatin1Char(' ') + utf8(kSpanishSurnames[s2]);
    }
    return utf8(woman ? m_dice.pick(kEnglishWomen) : m_dice.pick(kEnglishMen)) + QLatin1Char(' ') + utf8(m_dice.pick(kEnglishSurnames));
}

// "María José García López" -> {"María José", "García"}: Spanish names end in two surnames.
std::pair<QString, QString> givenAndSurname(const QString &fullName, bool spanish)
{
    const int givenWords = int(fullName.count(QLatin1Char(' '))) - (spanish ? 1 : 0);
    return {fullName.section(QLatin1Char(' '), 0, givenWords - 1), fullName.section(QLatin1Char(' '), givenWords, givenWords)};
}

bool Generator::checkStore(QString *error)
{
    m_error = error;
    TicketFilter filter;
    filter.limit = 1;
    const OpResult existing = m_store.tickets().query(Caller{0, Role::Admin, {}}, filter);
    if (!existing.ok)
        return fail(QStringLiteral("could not read the tickets: %1").arg(existing.error.message));
    if (existing.result.toObject().value(QStringLiteral("total")).toInteger() > 0)
        return fail(QStringLiteral("this database has tickets already; demo-data only fills a new or freshly initialised one"));
    QStringList logins{QStringLiteral("agent"), QStringLiteral("lead")};
    for (int i = 0; i < qMin(m_options.agents, int(std::size(kNamedAgents))); ++i)
        logins << utf8(kNamedAgents[i].login);
    for (const QString &login : std::as_const(logins)) {
        if (m_store.directory().credentials(login))
            return fail(QStringLiteral("there is already an agent called %1; demo-data only fills a new or freshly initialised "
                                       "database").arg(login));
    }
    return true;
}

bool Generator::run(QString *error)
{
    m_error = error;
    return makeGroups() && makeAgents() && makeCategories() && makeOrganisations() && makeCustomers() && makeKnowledgeBase()
        && makeCannedResponses() && makeSla() && makeTickets();
}

// Two office calendars (Madrid, Mexico City) and three policies: VIP customers first, then
// the Mexican organisations on their own hours, then everybody else. Made before the tickets,
// so every ticket's clocks run through its whole history.
bool Generator::makeSla()
{
    const Caller admin{0, Core::Role::Admin, {}};
    auto week = [](QList<std::pair<const char *, QStringList>> days) {
        QJsonObject w;
        for (const auto &[day, spans] : days) {
            QJsonArray intervals;
            for (int i = 0; i + 1 < spans.size(); i += 2)
                intervals.append(QJsonArray{spans.at(i), spans.at(i + 1)});
            w.insert(QLatin1String(day), intervals);
        }
        return w;
    };
    const QStringList split{QStringLiteral("08:00"), QStringLiteral("14:00"), QStringLiteral("15:00"), QStringLiteral("18:00")};
    const QJsonObject madrid{{QStringLiteral("name"), QStringLiteral("Madrid (oficina central)")},
                             {QStringLiteral("timeZone"), QStringLiteral("Europe/Madrid")},
                             {QStringLiteral("week"), week({{"mon", split}, {"tue", split}, {"wed", split}, {"thu", split},
                                                            {"fri", {QStringLiteral("08:00"), QStringLiteral("15:00")}}})},
                             {QStringLiteral("holidays"), QJsonArray{QStringLiteral("2025-12-08"), QStringLiteral("2025-12-25"), QStringLiteral("2026-01-01"),
                                                                     QStringLiteral("2026-01-06"), QStringLiteral("2026-04-03"), QStringLiteral("2026-05-01"),
                                                                     QStringLiteral("2026-08-15"), QStringLiteral("2026-10-12"), QStringLiteral("2026-12-08"),
                                                                     QStringLiteral("2026-12-25")}}};
    const QStringList day{QStringLiteral("09:00"), QStringLiteral("18:00")};
    const QJsonObject mexico{{QStringLiteral("name"), QStringLiteral("Ciudad de México")},
                             {QStringLiteral("timeZone"), QStringLiteral("America/Mexico_City")},
                             {QStringLiteral("week"), week({{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}})},
                             {QStringLiteral("holidays"), QJsonArray{QStringLiteral("2025-12-25"), QStringLiteral("2026-01-01"), QStringLiteral("2026-02-02"),
                                                                     QStringLiteral("2026-03-16"), QStringLiteral("2026-05-01"), QStringLiteral("2026-09-16"),
                                                                     QStringLiteral("2026-11-16"), QStringLiteral("2026-12-25")}}};
    qint64 calendarIds[2] = {0, 0};
    int i = 0;
    for (const QJsonObject &cal : {madrid, mexico}) {
        const OpResult r = m_store.slaConfig().saveCalendar(admin, cal, m_now);
        if (!r.ok)
            return fail(QStringLiteral("calendar: ") + r.error.message);
        calendarIds[i++] = r.result.toObject().value(QStringLiteral("calendar")).toObject().value(QStringLiteral("id")).toInteger();
    }
    auto targets = [](int p1, int p2, int p3, int p4, double resolutionFactor) {
        QJsonObject t;
        const int first[] = {p1, p2, p3, p4};
        for (int p = 0; p < 4; ++p)
            t.insert(QStringLiteral("P%1").arg(p + 1), QJsonObject{{QStringLiteral("firstResponseMinutes"), first[p]},
                                                                   {QStringLiteral("resolutionMinutes"), int(first[p] * resolutionFactor)}});
        return t;
    };
    QJsonArray vip, mexican;
    QList<OrganisationInfo> bySize = m_organisations;
    std::stable_sort(bySize.begin(), bySize.end(), [](const OrganisationInfo &a, const OrganisationInfo &b) { return a.size > b.size; });
    for (int k = 0; k < qMin(3, int(bySize.size())); ++k)
        vip.append(double(bySize.at(k).id));
    for (const OrganisationInfo &o : std::as_const(m_organisations)) {
        if (o.country == Mexico)
            mexican.append(double(o.id));
    }
    const QJsonObject policies[] = {
        {{QStringLiteral("name"), QStringLiteral("VIP")}, {QStringLiteral("calendarId"), double(calendarIds[0])}, {QStringLiteral("order"), 10},
         {QStringLiteral("organisationIds"), vip}, {QStringLiteral("targets"), targets(15, 30, 120, 240, 6)}},
        {{QStringLiteral("name"), QStringLiteral("México")}, {QStringLiteral("calendarId"), double(calendarIds[1])}, {QStringLiteral("order"), 50},
         {QStringLiteral("organisationIds"), mexican}, {QStringLiteral("targets"), targets(30, 60, 240, 480, 8)}},
        {{QStringLiteral("name"), QStringLiteral("Estándar")}, {QStringLiteral("calendarId"), double(calendarIds[0])}, {QStringLiteral("order"), 100},
         {QStringLiteral("targets"), targets(30, 60, 240, 480, 8)}},
    };
    for (const QJsonObject &policy : policies) {
        if (policy.value(QStringLiteral("organisationIds")).toArray().isEmpty() && policy.contains(QStringLiteral("organisationIds")))
            continue; // a small desk without such organisations
        const OpResult r = m_store.slaConfig().savePolicy(admin, policy, m_now);
        if (!r.ok)
            return fail(QStringLiteral("SLA policy: ") + r.error.message);
    }
    return true;
}

QString Generator::summary(qint64 elapsedMs) const
{
    const QString who = m_adminExisted ? QStringLiteral("agent, lead: password demo; admin kept its password")
                                       : QStringLiteral("agent, lead, admin: password demo");
    return QStringLiteral("demo data: %1 groups, %2 agents (%3), %4 organisations, %5 customers, %6 categories, %7 KB articles, "
                          "%8 canned responses, %9 tickets (%10 open) in %11 s")
        .arg(m_groupCount).arg(m_agents.size()).arg(who).arg(m_organisations.size()).arg(m_customers.size())
        .arg(m_categoryIds.size()).arg(m_kbArticles).arg(m_cannedResponses).arg(m_tickets).arg(m_openTickets)
        .arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
}

bool Generator::makeGroups()
{
    m_groupCount = qBound(kMinGroups, m_options.groups, kMaxGroups);
    // `atiended init` makes a "Service Desk"; the demo desk builds on it instead of doubling it.
    const QList<Group> existing = m_store.directory().groups();
    QList<Change> changes;
    for (int i = 0; i < m_groupCount; ++i) {
        const GroupSpec &spec = kGroups[i];
        qint64 id = 0;
        for (const Group &g : existing) {
            if (g.name == utf8(spec.name))
                id = g.id;
        }
        if (!id)
            id = m_store.directory().createGroup(Group{0, utf8(spec.name), spec.tier, utf8(spec.description), 0}, &changes);
        if (!id)
            return fail(QStringLiteral("could not create the group %1: %2").arg(utf8(spec.name), m_store.sql().lastError()));
        m_groupIds << id;
    }
    m_members.resize(m_groupCount);
    return true;
}

bool Generator::makeAgents()
{
    Setup setup(m_store);
    const QString password = QStringLiteral("demo");
    auto add = [&](Agent a, double weight) {
        QString why;
        a.id = setup.addAgent(a, password, &why);
        if (!a.id)
            return fail(QStringLiteral("could not create the agent %1: %2").arg(a.login, why));
        m_agents << AgentInfo{a, m_store.directory().callerFor(a), weight};
        return true;
    };
    auto groupsOf = [&](std::initializer_list<int> keys) {
        QList<qint64> ids;
        for (int key : keys) {
            if (key >= 0 && !ids.contains(m_groupIds.at(groupIndex(key))))
                ids << m_groupIds.at(groupIndex(key));
        }
        return ids;
    };

    QSet<QString> logins;
    for (int i = 0; i < m_options.agents; ++i) {
        Agent a;
        if (i < int(std::size(kNamedAgents))) {
            const AgentSpec &spec = kNamedAgents[i];
            a.login = utf8(spec.login);
            a.name = utf8(spec.name);
            a.role = spec.lead ? Role::Lead : Role::Agent;
            a.groupIds = groupsOf({spec.group1, spec.group2});
        } else {
            // Beyond the named ones: names from the pools, spread over the groups.
            do {
                const bool spanish = m_dice.chance(0.6);
                const auto [given, surname] = givenAndSurname(personName(spanish, m_dice.chance(0.5)), spanish);
                a.name = given + QLatin1Char(' ') + surname;
                a.login = asciiFold(given) + QLatin1Char('.') + asciiFold(surname);
            } while (logins.contains(a.login) || m_store.directory().credentials(a.login));
            a.groupIds = groupsOf({i % m_groupCount, i % 3 == 0 ? (i + 1) % m_groupCount : -1});
        }
        logins.insert(a.login);
        a.email = a.login + QLatin1Char('@') + utf8(kStaffDomain);
        if (!add(a, a.role == Role::Lead ? 1.0 : 2.0))
            return false;
    }

    // The well-known demo users: agent only in the Service Desk (the conformance tests rely
    // on that), lead also in a second-line group, admin everywhere.
    Agent agent{0, QStringLiteral("agent"), QStringLiteral("Demo Agent"), QStringLiteral("agent@atiende.example"), Role::Agent,
                groupsOf({ServiceDesk}), true, 0};
    Agent lead{0, QStringLiteral("lead"), QStringLiteral("Demo Lead"), QStringLiteral("lead@atiende.example"), Role::Lead,
               groupsOf({ServiceDesk, Network}), true, 0};
    if (!add(agent, 3.0) || !add(lead, 1.0))
        return false;
    if (const auto existing = m_store.directory().credentials(QStringLiteral("admin"))) {
        // Made by `atiended init`: keep it (and its password) and let it take a little work.
        m_adminExisted = true;
        m_agents << AgentInfo{existing->agent, m_store.directory().callerFor(existing->agent), 0.3};
    } else {
        Agent admin{0, QStringLiteral("admin"), QStringLiteral("Demo Admin"), QStringLiteral("admin@atiende.example"), Role::Admin,
                    m_groupIds, true, 0};
        if (!add(admin, 0.3))
            return false;
    }

    for (int a = 0; a < m_agents.size(); ++a) {
        for (int g = 0; g < m_groupCount; ++g) {
            if (m_agents.at(a).agent.active && m_agents.at(a).agent.groupIds.contains(m_groupIds.at(g)))
                m_members[g] << a;
        }
    }
    return true;
}

bool Generator::makeCategories()
{
    QList<Change> changes;
    for (const CategorySpec &spec : kCategories) {
        const qint64 parent = spec.parent >= 0 ? m_categoryIds.at(spec.parent) : 0;
        const qint64 id = m_store.directory().createCategory(Category{0, utf8(spec.name), parent, 0}, &changes);
        if (!id)
            return fail(QStringLiteral("could not create the category %1: %2").arg(utf8(spec.name), m_store.sql().lastError()));
        m_categoryIds << id;
    }
    return true;
}

bool Generator::makeOrganisations()
{
    QList<Change> changes;
    for (int i = 0; i < m_options.organisations; ++i) {
        const OrgSpec &spec = kOrganisations[i % kOrganisationCount];
        OrganisationInfo o;
        o.country = spec.country;
        o.size = spec.size;
        o.name = utf8(spec.name);
        o.domain = utf8(spec.domain);
        if (const int round = i / kOrganisationCount) { // a bigger desk than the table: sister companies
            o.name += QStringLiteral(" %1").arg(round + 1);
            o.domain = QStringLiteral("b%1.").arg(round + 1) + o.domain;
        }
        o.id = m_store.directory().createOrganisation(Organisation{0, o.name, o.domain, 0}, &changes);
        if (!o.id)
            return fail(QStringLiteral("could not create the organisation %1: %2").arg(o.name, m_store.sql().lastError()));
        m_organisations << o;
    }
    return true;
}

bool Generator::makeCustomers()
{
    int totalSize = 0;
    for (const OrganisationInfo &o : std::as_const(m_organisations))
        totalSize += o.size;
    QSet<QString> emails;
    QList<Change> changes;
    for (int i = 0; i < m_options.customers; ++i) {
        // Every organisation gets somebody; bigger ones get more. One in fifty is a private
        // person without an organisation.
        int org = -1;
        if (!m_organisations.isEmpty() && i % 50 != 49) {
            if (i < m_organisations.size()) {
                org = i;
            } else {
                int x = m_dice.below(totalSize);
                for (org = 0; x >= m_organisations.at(org).size; ++org)
                    x -= m_organisations.at(org).size;
            }
        }
        CustomerInfo c;
        c.country = org >= 0 ? m_organisations.at(org).country : (m_dice.chance(0.6) ? Spain : UnitedKingdom);
        c.spanish = qstrcmp(kCountries[c.country].language, "es") == 0;
        if (m_dice.chance(0.06)) // expats: the desk answers people in their own language
            c.spanish = !c.spanish;
        c.fullName = personName(c.spanish, m_dice.chance(0.5));
        const auto [given, surname] = givenAndSurname(c.fullName, c.spanish);
        c.firstName = given;
        c.office = m_dice.below(4);
        if (org >= 0)
            c.organisation = m_organisations.at(org).name;

        const QString domain = org >= 0 ? m_organisations.at(org).domain
                                        : (c.spanish ? QStringLiteral("correo.example") : QStringLiteral("mail.example"));
        const QString local = asciiFold(given) + QLatin1Char('.') + asciiFold(surname);
        QString email = local + QLatin1Char('@') + domain;
        for (int n = 2; emails.contains(email); ++n)
            email = local + QString::number(n) + QLatin1Char('@') + domain;
        emails.insert(email);

        QString phone = utf8(kCountries[c.country].phoneFormat);
        for (QChar &ch : phone) {
            if (ch == QLatin1Char('#'))
                ch = QLatin1Char(char('0' + m_dice.below(10)));
        }
        Customer row{0, c.fullName, email, phone, org >= 0 ? m_organisations.at(org).id : 0,
                     c.spanish ? QStringLiteral("es") : QStringLiteral("en"), 0};
        c.id = m_store.directory().createCustomer(row, &changes);
        if (!c.id)
            return fail(QStringLiteral("could not create the customer %1: %2").arg(c.fullName, m_store.sql().lastError()));
        m_customers << c;
    }
    return true;
}

bool Generator::makeKnowledgeBase()
{
    // Languages alternate and topics turn fastest, so even a small KB covers the catalog.
    QList<int> authors;
    for (int a = 0; a < m_agents.size(); ++a) {
        if (m_agents.at(a).agent.role != Role::Agent || m_dice.chance(0.7))
            authors << a;
    }
    if (authors.isEmpty())
        authors << 0;
    QList<Change> changes;
    const qint64 oldest = m_now - qint64(qMax(1, m_options.months) + 6) * 30 * kDay;
    for (int i = 0; i < m_options.kbArticles; ++i) {
        const bool es = i % 2 == 0;
        const KbTopic &topic = kKbTopics[(i / 2) % kKbTopicCount];
        const int kind = (i / (2 * kKbTopicCount)) % kKbTemplateCount;
        const int round = i / (2 * kKbTopicCount * kKbTemplateCount);
        // Who second-line articles send tickets to: the category's own team or, where the
        // Service Desk does that work itself, the platform team.
        int escalation = groupIndex(kCategories[topic.category].escalation1);
        if (escalation == ServiceDesk)
            escalation = groupIndex(Platform);
        KbText text = kbText(topic, kind, es, utf8(kGroups[escalation].name));
        KbArticle a;
        a.title = round ? QStringLiteral("%1 (%2)").arg(text.title).arg(round + 1) : text.title;
        a.body = text.body;
        a.audience = text.audience;
        a.categoryId = m_categoryIds.at(topic.category);
        a.keywords = inLanguage(topic.keywords, es).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        a.language = es ? QStringLiteral("es") : QStringLiteral("en");
        a.authorId = m_agents.at(authors.at(m_dice.below(int(authors.size())))).agent.id;
        a.createdAt = m_dice.between(oldest, m_now - kDay);
        a.updatedAt = m_dice.chance(0.4) ? a.createdAt : m_dice.between(a.createdAt, m_now - kHour);
        if (!m_store.kb().create(a, &changes))
            return fail(QStringLiteral("could not create the KB article %1: %2").arg(a.title, m_store.sql().lastError()));
        ++m_kbArticles;
    }
    return true;
}

// Each canned response in Spanish and in English, through the store's own checks (an unknown
// placeholder would be refused here, not found by an agent).
bool Generator::makeCannedResponses()
{
    const Caller admin{0, Core::Role::Admin, {}};
    for (const CannedSpec &spec : kCanned) {
        for (const bool es : {true, false}) {
            QJsonObject definition{{QStringLiteral("title"), inLanguage(spec.title, es)},
                                   {QStringLiteral("body"), inLanguage(spec.body, es)},
                                   {QStringLiteral("keywords"), inLanguage(spec.keywords, es)},
                                   {QStringLiteral("language"), es ? QStringLiteral("es") : QStringLiteral("en")}};
            if (spec.group >= 0)
                definition.insert(QStringLiteral("groupId"), double(m_groupIds.at(groupIndex(spec.group))));
            const OpResult r = m_store.canned().save(admin, definition, m_now);
            if (!r.ok)
                return fail(QStringLiteral("could not save the canned response %1: %2").arg(inLanguage(spec.title, es), r.error.message));
            ++m_cannedResponses;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Tickets: drawn over the months, sorted by creation, each told as a script of steps that the
// store plays with the step's own instant.

qint64 Generator::drawCreationTime(const CustomerInfo &customer, qint64 start)
{
    // How busy each local hour of a working day is.
    static constexpr double kHourly[24] = {0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 0.8, 1.0, 1.0, 1.0,
                                           1.0,  0.8,  0.7,  0.9,  0.9,  0.9,  0.5,  0.3, 0.12, 0.12, 0.04, 0.04};
    const qint64 latest = m_now - 10 * kMinute;
    const qint64 offset = kCountries[customer.country].utcOffsetHours * kHour;
    for (;;) {
        const qint64 t = m_dice.between(start, latest);
        const qint64 local = t + offset;
        const qint64 day = local / kDay;
        const int weekday = int((day + 3) % 7); // 0 = Monday: 1 January 1970 was a Thursday
        const int hour = int((local - day * kDay) / kHour);
        double p = kHourly[hour] * (weekday >= 5 ? 0.12 : 1.0);
        p *= 0.6 + 0.4 * double(t - start) / double(latest - start); // the desk gets busier over the year
        if (m_dice.chance(p))
            return t;
    }
}

QList<TicketPlan> Generator::planTickets()
{
    const qint64 start = QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC).addMonths(-qMax(1, m_options.months)).toMSecsSinceEpoch();
    QList<TicketPlan> plans;
    plans.reserve(m_options.tickets);
    const int customers = int(m_customers.size());
    for (int i = 0; i < m_options.tickets; ++i) {
        TicketPlan p;
        p.drawn = i;
        // Some people call far more often than others.
        p.customer = qMin(customers - 1, int(double(customers) * std::pow(m_dice.unit(), 1.5)));
        p.templateIndex = m_dice.below(int(std::size(kTicketTemplates)));
        p.createdAt = drawCreationTime(m_customers.at(p.customer), start);
        plans << p;
    }
    std::sort(plans.begin(), plans.end(), [](const TicketPlan &a, const TicketPlan &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.drawn < b.drawn;
    });
    chooseStops(plans);
    return plans;
}

// Old tickets are closed; the last weeks leave a backlog in every open status, the newest
// dozen cycling through all of them so even a small desk shows each one.
void Generator::chooseStops(QList<TicketPlan> &plans)
{
    using S = TicketStatus;
    static constexpr S kCycle[] = {S::New, S::Assigned, S::InProgress, S::PendingCustomer, S::PendingThirdParty, S::Resolved};
    static constexpr S kStops[] = {S::New, S::Assigned, S::InProgress, S::PendingCustomer, S::PendingThirdParty, S::Resolved,
                                   S::Closed};
    constexpr int kCycled = 2 * int(std::size(kCycle));
    for (qsizetype i = plans.size() - 1, newest = 0; i >= 0; --i, ++newest) {
        TicketPlan &p = plans[i];
        const qint64 age = m_now - p.createdAt;
        p.early = age < 3 * kDay;
        if (newest < kCycled)
            p.stop = kCycle[newest % int(std::size(kCycle))];
        else if (age < 2 * kDay)
            p.stop = kStops[m_dice.weighted({25, 20, 30, 10, 5, 10, 0})];
        else if (age < 7 * kDay)
            p.stop = kStops[m_dice.weighted({5, 10, 25, 15, 10, 20, 15})];
        else if (age < kBacklogDays * kDay)
            p.stop = kStops[m_dice.weighted({1, 3, 8, 8, 8, 12, 60})];
        else // a few wait on a supplier for ever
            p.stop = m_dice.chance(0.003) ? S::PendingThirdParty : S::Closed;
    }
}

QList<Step> Generator::script(const TicketPlan &plan, Words &w, NewTicket &ticket)
{
    using S = TicketStatus;
    const TicketTemplate &tpl = kTicketTemplates[plan.templateIndex];
    const CustomerInfo &customer = m_customers.at(plan.customer);
    const bool es = customer.spanish;

    w.office = utf8(kCountries[customer.country].offices[customer.office]);
    w.floor = inLanguage(m_dice.pick(kFloors), es);
    w.dept = inLanguage(m_dice.pick(kDepartments), es);
    w.app = utf8(m_dice.pick(kApps));
    w.device = inLanguage(m_dice.pick(kDevices), es);
    w.printer = utf8(m_dice.pick(kPrinters));
    w.mobile = utf8(m_dice.pick(kMobiles));
    w.when = inLanguage(m_dice.pick(kWhen), es);
    w.person = personName(es, m_dice.chance(0.5));
    w.personF = personName(es, true);
    w.n = QString::number(2 + m_dice.below(8));
    w.name = customer.firstName;
    w.vendor = utf8(m_dice.pick(kVendors));
    w.ref = QStringLiteral("%1-%2").arg(w.vendor.left(3).toUpper()).arg(100000 + m_dice.below(900000));

    // What the customer wrote, as it reached the desk.
    const Channel channel = std::array{Channel::Email, Channel::Portal, Channel::Phone, Channel::Chat, Channel::Console}
        [m_dice.weighted({40, 25, 20, 10, 5})];
    const QString said = fill(inLanguage(tpl.description, es), w);
    QString description;
    switch (channel) {
    case Channel::Email:
    case Channel::Portal: {
        static constexpr Pair kGreetings[] = {{"Hola:", "Hi,"}, {"Buenos días:", "Good morning,"}, {"Hola, equipo:", "Hello team,"}};
        static constexpr Pair kClosings[] = {{"Gracias,", "Thanks,"}, {"Un saludo,", "Kind regards,"}, {"Saludos,", "Best,"}};
        description = inLanguage(m_dice.pick(kGreetings), es) + QStringLiteral("\n\n") + said + QStringLiteral("\n\n")
                      + inLanguage(m_dice.pick(kClosings), es) + QLatin1Char('\n') + customer.fullName;
        if (!customer.organisation.isEmpty())
            description += QLatin1Char('\n') + customer.organisation;
        break;
    }
    case Channel::Phone:
        description = (es ? QStringLiteral("Llamada de %1: ") : QStringLiteral("Call from %1: ")).arg(customer.fullName) + said;
        break;
    case Channel::Chat:
        description = (es ? QStringLiteral("Chat con %1:\n\n> ") : QStringLiteral("Chat with %1:\n\n> ")).arg(customer.fullName) + said;
        break;
    case Channel::Console:
        description = said;
        break;
    }

    ticket = NewTicket{};
    ticket.type = tpl.request ? TicketType::ServiceRequest : TicketType::Incident;
    ticket.subject = fill(inLanguage(tpl.subject, es), w);
    ticket.description = description;
    static constexpr Level kLevels[] = {Level::High, Level::Medium, Level::Low};
    switch (tpl.weight) {
    case 'H':
        ticket.impact = kLevels[m_dice.weighted({60, 40, 0})];
        ticket.urgency = kLevels[m_dice.weighted({70, 30, 0})];
        break;
    case 'M':
        ticket.impact = kLevels[m_dice.weighted({15, 60, 25})];
        ticket.urgency = kLevels[m_dice.weighted({20, 60, 20})];
        break;
    default:
        ticket.impact = kLevels[m_dice.weighted({0, 40, 60})];
        ticket.urgency = kLevels[m_dice.weighted({5, 35, 60})];
        break;
    }
    ticket.channel = channel;
    ticket.categoryId = m_categoryIds.at(tpl.category);
    ticket.groupId = m_groupIds.at(ServiceDesk);
    ticket.customerId = customer.id;
    const bool urgent = ticket.urgency == Level::High;

    // How this ticket's story goes. A planned stop forces the parts it needs.
    const S stop = plan.stop;
    const int tier2 = escalationGroup(tpl.category, 1);
    const int tier3 = escalationGroup(tpl.category, 2);
    const bool escalate = tier2 >= 0 && m_dice.chance(0.22);
    const bool secondLine = escalate && tier3 >= 0 && m_dice.chance(0.3);
    const bool askCustomer = stop == S::PendingCustomer || m_dice.chance(0.3);
    const bool supplier = stop == S::PendingThirdParty || m_dice.chance(tpl.request ? 0.03 : 0.08);
    const bool reopen = m_dice.chance(0.06);
    int worker = pickMember(ServiceDesk);
    const bool takenOnTheSpot = stop != S::New && channel != Channel::Email && channel != Channel::Portal && m_dice.chance(0.5);
    // Handed on untouched: the first line sees at once it is for another group's queue.
    const bool handOver = escalate && !m_agents.at(worker).agent.groupIds.contains(m_groupIds.at(tier2)) && m_dice.chance(0.3);
    const int creator = takenOnTheSpot ? worker : pickMember(ServiceDesk);

    QList<Step> steps;
    S status = takenOnTheSpot ? S::Assigned : S::New;
    int articles = 1; // the description
    int reserved = 1 + (reopen ? 2 : 0); // the resolution, and the reopening note and second fix
    auto add = [&](Act act, qint64 delay, int actor) -> Step & {
        Step s;
        s.act = act;
        s.delay = delay;
        s.actor = actor;
        s.after = status;
        steps << s;
        return steps.last();
    };
    auto setStatus = [&](qint64 delay, S to) {
        status = to;
        add(Act::SetStatus, delay, worker).status = to;
    };
    auto write = [&](Act act, qint64 delay, const QString &body, bool required) {
        if (required)
            --reserved;
        else if (articles + reserved >= kMaxArticlesPerTicket)
            return; // enough said on this ticket
        ++articles;
        w.agent = m_agents.at(worker).agent.name;
        add(act, delay, worker).body = fill(body, w);
    };
    auto escalateTo = [&](int group, int assignee, qint64 delay) {
        Step &s = add(Act::Escalate, delay, worker);
        s.group = group;
        s.assignee = assignee;
        if (assignee < 0) {
            status = S::New;
            s.after = status;
        }
    };

    add(Act::Create, 0, creator).assignee = takenOnTheSpot ? worker : -1;
    if (!takenOnTheSpot) {
        const qint64 pickUp = urgent ? m_dice.wait(2 * kMinute, 30 * kMinute) : m_dice.wait(5 * kMinute, 4 * kHour);
        if (!handOver && stop != S::Assigned && m_dice.chance(0.5)) {
            status = S::InProgress;
            add(Act::AssignAndStart, pickUp, worker).assignee = worker;
        } else {
            // Now and then the lead hands out the queue.
            int dispatcher = worker;
            for (int a : m_members.at(ServiceDesk)) {
                if (m_agents.at(a).agent.role == Role::Lead && m_dice.chance(0.3))
                    dispatcher = a;
            }
            status = S::Assigned;
            add(Act::Assign, pickUp, dispatcher).assignee = worker;
        }
    }
    if (handOver) {
        w.group = utf8(kGroups[tier2].name);
        write(Act::Note, m_dice.wait(2 * kMinute, kHour), inLanguage(m_dice.pick(kEscalations), es), false);
        escalateTo(tier2, -1, m_dice.wait(kMinute, 20 * kMinute));
        worker = pickMember(tier2);
        const qint64 pickUp = m_dice.wait(10 * kMinute, 8 * kHour);
        if (stop != S::Assigned && m_dice.chance(0.5)) {
            status = S::InProgress;
            add(Act::AssignAndStart, pickUp, worker).assignee = worker;
        } else {
            status = S::Assigned;
            add(Act::Assign, pickUp, worker).assignee = worker;
        }
    }
    if (status != S::InProgress)
        setStatus(m_dice.wait(kMinute, 90 * kMinute), S::InProgress);
    write(Act::Reply, m_dice.wait(kMinute, 30 * kMinute), inLanguage(m_dice.pick(kAcknowledgements), es), false);
    if (askCustomer) {
        write(Act::Reply, m_dice.wait(10 * kMinute, 4 * kHour), inLanguage(m_dice.pick(kQuestions), es), false);
        setStatus(m_dice.wait(kMinute, 5 * kMinute), S::PendingCustomer);
        const qint64 answer = m_dice.wait(kHour, 3 * kDay);
        write(Act::Note, answer, inLanguage(m_dice.pick(kCustomerAnswered), es), false);
        setStatus(steps.last().act == Act::Note ? m_dice.wait(kMinute, 10 * kMinute) : answer, S::InProgress);
    }
    if (escalate && !handOver) {
        w.group = utf8(kGroups[tier2].name);
        write(Act::Note, m_dice.wait(30 * kMinute, kDay), inLanguage(m_dice.pick(kEscalations), es), false);
        const int next = pickMember(tier2, worker);
        escalateTo(tier2, next, m_dice.wait(kMinute, 20 * kMinute));
        worker = next;
    }
    if (secondLine) {
        w.group = utf8(kGroups[tier3].name);
        write(Act::Note, m_dice.wait(2 * kHour, 2 * kDay), inLanguage(m_dice.pick(kEscalations), es), false);
        const int next = pickMember(tier3, worker);
        escalateTo(tier3, next, m_dice.wait(kMinute, 20 * kMinute));
        worker = next;
    }
    if (supplier) {
        write(Act::Note, m_dice.wait(30 * kMinute, kDay), inLanguage(m_dice.pick(kThirdParty), es), false);
        setStatus(m_dice.wait(kMinute, 10 * kMinute), S::PendingThirdParty);
        const qint64 answer = m_dice.wait(kDay, 7 * kDay);
        write(Act::Note, answer, inLanguage(m_dice.pick(kVendorAnswered), es), false);
        setStatus(steps.last().act == Act::Note ? m_dice.wait(kMinute, 30 * kMinute) : answer, S::InProgress);
    }
    const CategoryTexts &texts = kCategoryTexts[tpl.category];
    if (m_dice.chance(0.5))
        write(Act::Note, m_dice.wait(10 * kMinute, kDay), inLanguage(m_dice.pick(texts.notes), es), false);
    if (m_dice.chance(0.25))
        write(Act::Reply, m_dice.wait(kHour, kDay), inLanguage(m_dice.pick(kProgress), es), false);
    const int fix = m_dice.below(2);
    w.fix = inLanguage(texts.fixes[fix], es);
    write(Act::Reply, urgent ? m_dice.wait(15 * kMinute, 4 * kHour) : m_dice.wait(30 * kMinute, 2 * kDay),
          inLanguage(m_dice.pick(kResolutions), es), true);
    setStatus(m_dice.wait(kMinute, 5 * kMinute), S::Resolved);
    if (reopen) {
        write(Act::Note, m_dice.wait(4 * kHour, 3 * kDay), inLanguage(m_dice.pick(kReopenings), es), true);
        setStatus(m_dice.wait(kMinute, 10 * kMinute), S::InProgress);
        w.fix = inLanguage(texts.fixes[1 - fix], es);
        write(Act::Reply, m_dice.wait(kHour, 2 * kDay), inLanguage(m_dice.pick(kResolutions), es), true);
        setStatus(m_dice.wait(kMinute, 5 * kMinute), S::Resolved);
    }
    setStatus(m_dice.wait(2 * kDay, 5 * kDay), S::Closed);

    // Where the story stops: the end of a stretch in the planned status, the first stretch
    // for young tickets and any stretch for older ones.
    QList<int> ends;
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).after == stop && (i + 1 == steps.size() || steps.at(i + 1).after != stop))
            ends << i;
    }
    Q_ASSERT(!ends.isEmpty()); // every stop is forced into the script above; else tell it all
    if (!ends.isEmpty())
        steps.resize((plan.early ? ends.first() : ends.at(m_dice.below(int(ends.size())))) + 1);

    // Everything happens before now: a story too long for the time since the ticket was
    // opened is told faster.
    qint64 total = 0;
    for (const Step &s : std::as_const(steps))
        total += s.delay;
    const qint64 room = m_now - kMinute - plan.createdAt - qint64(steps.size()) * kSecond;
    if (total > room) {
        const double factor = double(qMax<qint64>(room, 0)) / double(total);
        for (int i = 1; i < steps.size(); ++i)
            steps[i].delay = kSecond + qint64(double(steps.at(i).delay) * factor);
    }

    // People work office hours (the customer's): a step that falls at night or at a weekend
    // waits for the next morning, unless there is no room left before now. A P1 does not wait.
    if (ticket.impact == Level::High && ticket.urgency == Level::High)
        return steps;
    const qint64 offset = kCountries[customer.country].utcOffsetHours * kHour;
    QList<qint64> times;
    qint64 at = plan.createdAt;
    for (const Step &s : std::as_const(steps))
        times << (at += s.delay);
    auto weekend = [](qint64 day) { return (day + 3) % 7 >= 5; };
    for (int i = 1; i < times.size(); ++i) {
        const qint64 local = times.at(i) + offset;
        qint64 day = local / kDay;
        const qint64 hour = (local - day * kDay) / kHour;
        if (!weekend(day) && hour >= 8 && hour < 19)
            continue;
        if (weekend(day) || hour >= 19)
            ++day;
        while (weekend(day))
            ++day;
        const qint64 shift = day * kDay + 8 * kHour + m_dice.wait(kMinute, 90 * kMinute) - local;
        if (times.last() + shift >= m_now - kMinute)
            break;
        for (int j = i; j < times.size(); ++j)
            times[j] += shift;
    }
    for (int i = 1; i < steps.size(); ++i)
        steps[i].delay = times.at(i) - times.at(i - 1);
    return steps;
}

bool Generator::play(const TicketPlan &plan, const NewTicket &ticket, const QList<Step> &steps)
{
    TicketStore &tickets = m_store.tickets();
    qint64 at = plan.createdAt;
    qint64 id = 0;
    int version = 0;
    QString number;
    for (const Step &s : steps) {
        at += s.delay;
        const Caller &caller = m_agents.at(s.actor).caller;
        auto agentId = [&](int agent) { return double(m_agents.at(agent).agent.id); };
        QJsonObject fields;
        OpResult r;
        switch (s.act) {
        case Act::Create: {
            NewTicket n = ticket;
            n.assigneeId = s.assignee >= 0 ? m_agents.at(s.assignee).agent.id : 0;
            r = tickets.create(caller, n, at);
            break;
        }
        case Act::AssignAndStart:
            fields.insert(QStringLiteral("status"), wireName(TicketStatus::InProgress));
            Q_FALLTHROUGH();
        case Act::Assign:
            fields.insert(QStringLiteral("assigneeId"), agentId(s.assignee));
            r = tickets.update(caller, id, version, fields, at);
            break;
        case Act::SetStatus:
            r = tickets.update(caller, id, version, {{QStringLiteral("status"), wireName(s.status)}}, at);
            break;
        case Act::Escalate:
            fields.insert(QStringLiteral("groupId"), double(m_groupIds.at(s.group)));
            if (s.assignee >= 0)
                fields.insert(QStringLiteral("assigneeId"), agentId(s.assignee));
            r = tickets.update(caller, id, version, fields, at);
            break;
        case Act::Reply:
        case Act::Note:
            r = tickets.addArticle(caller, id, s.act == Act::Reply ? ArticleKind::PublicReply : ArticleKind::InternalNote, s.body, at);
            break;
        }
        const QString what = number.isEmpty() ? QStringLiteral("a new ticket") : number;
        if (!r.ok)
            return fail(QStringLiteral("the store refused a step of %1 (\"%2\"): %3").arg(what, ticket.subject, r.error.message));
        const QJsonObject result = r.result.toObject();
        if (!result.value(QStringLiteral("conflicts")).toArray().isEmpty())
            return fail(QStringLiteral("a step of %1 conflicted with itself").arg(what));
        const QJsonObject t = result.value(QStringLiteral("ticket")).toObject();
        id = qint64(t.value(QStringLiteral("id")).toDouble());
        version = t.value(QStringLiteral("version")).toInt();
        number = t.value(QStringLiteral("number")).toString();
        const auto status = fromString<TicketStatus>(t.value(QStringLiteral("status")).toString());
        if (status != s.after) // the script and the rules disagree: a bug in the script
            return fail(QStringLiteral("%1 is %2 where the demo script expected %3").arg(number, t.value(QStringLiteral("status")).toString(),
                                                                                        wireName(s.after)));
    }
    ++m_tickets;
    if (TicketLifecycle::isOpen(steps.last().after))
        ++m_openTickets;
    return true;
}

bool Generator::makeTickets()
{
    if (m_options.tickets <= 0)
        return true;
    if (m_customers.isEmpty())
        return fail(QStringLiteral("tickets need customers; ask for at least one"));
    const QList<TicketPlan> plans = planTickets();
    for (const TicketPlan &plan : plans) {
        Words words;
        NewTicket ticket;
        const QList<Step> steps = script(plan, words, ticket);
        if (!play(plan, ticket, steps))
            return false;
    }
    return true;
}

} // namespace

DemoData::DemoData(Store &store, Options options)
    : m_store(store)
    , m_options(options)
{
}

bool DemoData::generate(QString *error)
{
    QElapsedTimer timer;
    timer.start();
    error->clear();
    Generator generator(m_store, m_options);
    if (!generator.checkStore(error))
        return false;
    // One transaction: a demo desk is made whole or not at all.
    if (!m_store.sync().loadRevision() || !m_store.begin()) {
        *error = QStringLiteral("could not start a transaction: %1").arg(m_store.sql().lastError());
        return false;
    }
    if (!generator.run(error) || !m_store.sync().saveRevision() || !m_store.commit()) {
        if (error->isEmpty())
            *error = QStringLiteral("could not save the demo data: %1").arg(m_store.sql().lastError());
        m_store.rollback();
        return false;
    }
    m_summary = generator.summary(timer.elapsed());
    return true;
}

QString DemoData::summary() const { return m_summary; }

} // namespace Atiende::Server
