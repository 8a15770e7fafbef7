<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>linnet::client::BundledServer</name>
    <message>
        <source>the server stopped at once (exit code %1): %2</source>
        <translation>der Server wurde sofort beendet (Exit-Code %1): %2</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatClient</name>
    <message>
        <source>cannot reach the server at %1: %2</source>
        <translation>der Server unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>this profile has no account yet: register or log in first</source>
        <translation>dieses Profil hat noch kein Konto: registriere dich oder melde dich zuerst an</translation>
    </message>
    <message>
        <source>cannot store the device token: %1</source>
        <translation>das Gerätetoken kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>⚠ This message could not be read.</source>
        <translation>⚠ Diese Nachricht konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>cannot store an incoming message: %1</source>
        <translation>eine eingehende Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot save the message: %1</source>
        <translation>die Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatSession</name>
    <message>
        <source>cannot create the profile directory %1</source>
        <translation>der Profilordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AccountPage</name>
    <message>
        <source>Your account</source>
        <translation>Dein Konto</translation>
    </message>
    <message>
        <source>Create an account on the server, or log in to one you already have.</source>
        <translation>Lege ein Konto auf dem Server an oder melde dich mit einem bestehenden an.</translation>
    </message>
    <message>
        <source>The server asks you to sign in again on this computer.</source>
        <translation>Der Server bittet dich, dich auf diesem Computer erneut anzumelden.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>Neues Konto &amp;anlegen</translation>
    </message>
    <message>
        <source>&amp;Log in to an existing account</source>
        <translation>Mit bestehendem Konto an&amp;melden</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>letters, digits, dot, dash</source>
        <translation>Buchstaben, Ziffern, Punkt, Bindestrich</translation>
    </message>
    <message>
        <source>only needed if the server asks for one</source>
        <translation>nur nötig, wenn der Server einen verlangt</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort wieder&amp;holen:</translation>
    </message>
    <message>
        <source>&amp;Invite code:</source>
        <translation>&amp;Einladungscode:</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>Warte auf den Server</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Dein Konto wird angelegt…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>This username is already taken. Please choose another one.</source>
        <translation>Dieser Benutzername ist schon vergeben. Bitte wähle einen anderen.</translation>
    </message>
    <message>
        <source>The invite code is missing or not valid. Ask the person who runs the server for a new invite code.</source>
        <translation>Der Einladungscode fehlt oder ist ungültig. Bitte die Person, die den Server betreibt, um einen neuen Einladungscode.</translation>
    </message>
    <message>
        <source>This server does not accept new accounts right now.</source>
        <translation>Dieser Server nimmt gerade keine neuen Konten an.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Zu viele Versuche. Bitte warte eine Minute und versuche es dann erneut.</translation>
    </message>
    <message>
        <source>The server did not accept these details: %1</source>
        <translation>Der Server hat diese Angaben nicht akzeptiert: %1</translation>
    </message>
    <message>
        <source>This server speaks a different version of the protocol. Update Linnet or the server.</source>
        <translation>Dieser Server spricht eine andere Version des Protokolls. Aktualisiere Linnet oder den Server.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and that the server is running. (%1)</source>
        <translation>Der Server ist nicht erreichbar. Prüfe die Adresse und ob der Server läuft. (%1)</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>Der Server hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AppController</name>
    <message>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <source>Your profile could not be opened: %1</source>
        <translation>Dein Profil konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ComposeEdit</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Eingabetaste sendet, Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Nachricht schreiben</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConnectionBanner</name>
    <message>
        <source>Log in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Connection status icon</source>
        <translation>Symbol des Verbindungsstatus</translation>
    </message>
    <message>
        <source>Connection status message</source>
        <translation>Meldung zum Verbindungsstatus</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Offline — messages will be sent when you are back online</source>
        <translation>Offline – Nachrichten werden gesendet, sobald du wieder online bist</translation>
    </message>
    <message>
        <source>Signed out: the server refused this device</source>
        <translation>Abgemeldet: Der Server hat dieses Gerät abgelehnt</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>No chat selected</source>
        <translation>Kein Chat ausgewählt</translation>
    </message>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>Wähle einen Chat, um loszuschreiben</translation>
    </message>
    <message>
        <source>Press Ctrl+N to start a new chat</source>
        <translation>Drücke Strg+N für einen neuen Chat</translation>
    </message>
    <message>
        <source>Contact picture</source>
        <translation>Kontaktbild</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>Kontaktname</translation>
    </message>
    <message>
        <source>Contact status</source>
        <translation>Kontaktstatus</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Typing indicator</source>
        <translation>Schreibanzeige</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>zuletzt online heute um %1</translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation>zuletzt online gestern um %1</translation>
    </message>
    <message>
        <source>last seen %1 at %2</source>
        <translation>zuletzt online am %1 um %2</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Nachrichtenaktionen</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MainWindow</name>
    <message>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <source>Chats and conversation</source>
        <translation>Chats und Unterhaltung</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>No chats yet. Start one with the button above.</source>
        <translation>Noch keine Chats. Beginne einen mit dem Knopf oben.</translation>
    </message>
    <message>
        <source>No chats match your search.</source>
        <translation>Keine Chats passen zu deiner Suche.</translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>&amp;Neuer Chat…</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>Chats &amp;durchsuchen</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>(%1) Linnet</source>
        <translation>(%1) Linnet</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Username of the person to chat with:</source>
        <translation>Benutzername der Person, mit der du chatten möchtest:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>e.g. ana.maria</source>
        <translation>z. B. ana.maria</translation>
    </message>
    <message>
        <source>Username hint</source>
        <translation>Hinweis zum Benutzernamen</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>That is your own username.</source>
        <translation>Das ist dein eigener Benutzername.</translation>
    </message>
    <message>
        <source>3 to 32 characters: letters, digits, dot, underscore, hyphen.</source>
        <translation>3 bis 32 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich, Bindestrich.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ServerPage</name>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>Linnet messages travel through a server. Use one you were invited to, or host one on this computer for your family or team.</source>
        <translation>Linnet-Nachrichten laufen über einen Server. Nutze einen, zu dem du eingeladen wurdest, oder betreibe einen auf diesem Computer für deine Familie oder dein Team.</translation>
    </message>
    <message>
        <source>&amp;Use a server I was given the address of</source>
        <translation>Einen Server &amp;nutzen, dessen Adresse ich bekommen habe</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>ws://host:7480/v1/ws</source>
        <translation>ws://host:7480/v1/ws</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>&amp;Host a server on this computer</source>
        <translation>Einen Server auf diesem Computer &amp;betreiben</translation>
    </message>
    <message>
        <source>Address to share</source>
        <translation>Adresse zum Weitergeben</translation>
    </message>
    <message>
        <source>Invite code to share</source>
        <translation>Einladungscode zum Weitergeben</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Invite code:</source>
        <translation>Einladungscode:</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Server wird gestartet…</translation>
    </message>
    <message>
        <source>Your server is running, but no invite code could be created: %1</source>
        <translation>Dein Server läuft, aber es konnte kein Einladungscode erstellt werden: %1</translation>
    </message>
    <message>
        <source>The server could not be started: %1</source>
        <translation>Der Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Your server is running. Give this address and invite code to someone you want to chat with. Each invite code works once; your own account gets its own code on the next page.</source>
        <translation>Dein Server läuft. Gib diese Adresse und diesen Einladungscode an jemanden weiter, mit dem du chatten möchtest. Jeder Einladungscode gilt nur einmal; dein eigenes Konto bekommt auf der nächsten Seite einen eigenen Code.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>My contacts</source>
        <translation>Meine Kontakte</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>Send &amp;read receipts</source>
        <translation>&amp;Lesebestätigungen senden</translation>
    </message>
    <message>
        <source>Who can see when I was &amp;last online:</source>
        <translation>Wer sehen darf, wann ich &amp;zuletzt online war:</translation>
    </message>
    <message>
        <source>Without read receipts, others do not see when you have read their messages.</source>
        <translation>Ohne Lesebestätigungen sehen andere nicht, wann du ihre Nachrichten gelesen hast.</translation>
    </message>
    <message>
        <source>Show a &amp;notification for new messages</source>
        <translation>Bei neuen Nachrichten eine &amp;Benachrichtigung zeigen</translation>
    </message>
    <message>
        <source>Notifications appear while the Linnet window is not in front.</source>
        <translation>Benachrichtigungen erscheinen, solange das Linnet-Fenster nicht im Vordergrund ist.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>The new language is used after restarting Linnet.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von Linnet.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SetupWizard</name>
    <message>
        <source>Welcome to Linnet</source>
        <translation>Willkommen bei Linnet</translation>
    </message>
    <message>
        <source>Sign in to Linnet</source>
        <translation>Bei Linnet anmelden</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>linnet::ui::Translations</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>linnet::ui::TrayNotifier</name>
    <message>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <source>Show Linnet</source>
        <translation>Linnet anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Linnet: %n unread message(s)</source>
        <translation>
            <numerusform>Linnet: %n ungelesene Nachricht</numerusform>
            <numerusform>Linnet: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
</context>
</TS>
