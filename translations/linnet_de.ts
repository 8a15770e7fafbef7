<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>KeychainSecretStore</name>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="103"/>
        <source>the application is quitting: the system keychain did not answer in time for &quot;%1&quot;</source>
        <translation>Die Anwendung wird beendet: Der Schlüsselbund des Systems hat für „%1“ nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="119"/>
        <source>cannot read &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht aus dem Schlüsselbund des Systems gelesen werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="123"/>
        <source>cannot store &quot;%1&quot; (service &quot;%2&quot;) in the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht im Schlüsselbund des Systems gespeichert werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="127"/>
        <source>cannot remove &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht aus dem Schlüsselbund des Systems entfernt werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
</context>
<context>
    <name>PassphraseSecretStore</name>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="60"/>
        <source>the secrets file %1 is corrupt or truncated (%2): restore it from a backup, or delete it and log in again on this device</source>
        <translation>Die Geheimnisdatei %1 ist beschädigt oder abgeschnitten (%2): Stelle sie aus einer Sicherung wieder her oder lösche sie und melde dich auf diesem Gerät neu an</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="69"/>
        <source>wrong passphrase for %1</source>
        <translation>Falsche Passphrase für %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="75"/>
        <source>cannot use the secrets file %1: %2</source>
        <translation>Die Geheimnisdatei %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/PassphraseSecretStore.cpp" line="99"/>
        <source>only %n byte(s)</source>
        <translation>
            <numerusform>nur %n Byte</numerusform>
            <numerusform>nur %n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="103"/>
        <source>not a Linnet secrets file</source>
        <translation>keine Linnet-Geheimnisdatei</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="107"/>
        <source>format version %1 is not supported by this version of Linnet</source>
        <translation>Formatversion %1 wird von dieser Linnet-Version nicht unterstützt</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="127"/>
        <source>unknown key derivation algorithm %1</source>
        <translation>unbekanntes Schlüsselableitungsverfahren %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="130"/>
        <source>implausible key derivation parameters</source>
        <translation>unplausible Parameter der Schlüsselableitung</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="157"/>
        <source>authentication failed: the file was truncated or modified</source>
        <translation>Authentifizierung fehlgeschlagen: Die Datei wurde abgeschnitten oder verändert</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="164"/>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="168"/>
        <source>unreadable content</source>
        <translation>unlesbarer Inhalt</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="192"/>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="224"/>
        <source>out of memory</source>
        <translation>kein Speicher mehr frei</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="229"/>
        <source>cannot derive the key from the passphrase (out of memory?)</source>
        <translation>Der Schlüssel kann nicht aus der Passphrase abgeleitet werden (kein Speicher frei?)</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="247"/>
        <source>LINNET_PASSPHRASE is not set or empty: set it to the passphrase that encrypts this profile&apos;s secrets (a new profile keeps the first passphrase it is given)</source>
        <translation>LINNET_PASSPHRASE ist nicht gesetzt oder leer: Setze sie auf die Passphrase, mit der die Geheimnisse dieses Profils verschlüsselt sind (ein neues Profil behält die erste Passphrase, die es bekommt)</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="258"/>
        <source>the passphrase for %1 is empty</source>
        <translation>Die Passphrase für %1 ist leer</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="260"/>
        <source>libsodium cannot start</source>
        <translation>libsodium kann nicht starten</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="302"/>
        <source>it was replaced by another program while Linnet was running (new salt or parameters); restart Linnet</source>
        <translation>Sie wurde von einem anderen Programm ersetzt, während Linnet lief (neues Salz oder neue Parameter); starte Linnet neu</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="337"/>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="365"/>
        <source>cannot create the directory %1</source>
        <translation>Das Verzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="344"/>
        <source>cannot set permissions 0600: %1</source>
        <translation>Die Rechte 0600 können nicht gesetzt werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="369"/>
        <source>another process keeps it locked (%1)</source>
        <translation>Ein anderer Prozess hält sie gesperrt (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::client::BundledServer</name>
    <message>
        <location filename="../app/core/BundledServer.cpp" line="37"/>
        <source>the server stopped at once (exit code %1): %2</source>
        <translation>der Server wurde sofort beendet (Exit-Code %1): %2</translation>
    </message>
    <message>
        <location filename="../app/core/BundledServer.cpp" line="44"/>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatClient</name>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="74"/>
        <source>cannot reach the server at %1: %2</source>
        <translation>der Server unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="143"/>
        <source>this profile has no account yet: register or log in first</source>
        <translation>dieses Profil hat noch kein Konto: registriere dich oder melde dich zuerst an</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="148"/>
        <source>cannot read this device&apos;s secrets: %1</source>
        <translation>Die Geheimnisse dieses Geräts können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="165"/>
        <source>cannot load this device&apos;s encryption keys: %1</source>
        <translation>Die Schlüssel dieses Geräts können nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="271"/>
        <source>cannot store the device token: %1</source>
        <translation>das Gerätetoken kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="337"/>
        <source>no keys on this device</source>
        <translation>keine Schlüssel auf diesem Gerät</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="349"/>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ Diese Nachricht konnte nicht entschlüsselt werden (%1).</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="357"/>
        <source>cannot store an incoming message: %1</source>
        <translation>eine eingehende Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClientOutgoing.cpp" line="41"/>
        <source>cannot save the message: %1</source>
        <translation>die Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClientOutgoing.cpp" line="144"/>
        <source>The security code of %1 changed. Compare it again to be sure you talk to them.</source>
        <translation>Der Sicherheitscode von %1 hat sich geändert. Vergleicht ihn erneut, um sicherzugehen, dass du mit der richtigen Person schreibst.</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatSession</name>
    <message>
        <location filename="../app/core/ChatSession.cpp" line="35"/>
        <source>cannot create the profile directory %1</source>
        <translation>der Profilordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>linnet::client::E2eSessions</name>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="65"/>
        <source>%1 has no device that can receive encrypted messages yet</source>
        <translation>%1 hat noch kein Gerät, das verschlüsselte Nachrichten empfangen kann</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="77"/>
        <source>cannot start a secure session with a device of %1</source>
        <translation>Mit einem Gerät von %1 kann keine sichere Sitzung begonnen werden</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="101"/>
        <source>cannot encrypt for a device of %1: %2</source>
        <translation>Für ein Gerät von %1 kann nicht verschlüsselt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="102"/>
        <source>storage failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="169"/>
        <source>cannot store the session state</source>
        <translation>Der Sitzungszustand kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AccountPage</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="235"/>
        <source>Your account</source>
        <translation>Dein Konto</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="237"/>
        <source>Create an account on the server, or log in to one you already have.</source>
        <translation>Lege ein Konto auf dem Server an oder melde dich mit einem bestehenden an.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="238"/>
        <source>The server asks you to sign in again on this computer.</source>
        <translation>Der Server bittet dich, dich auf diesem Computer erneut anzumelden.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="242"/>
        <source>&amp;Create a new account</source>
        <translation>Neues Konto &amp;anlegen</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="244"/>
        <source>&amp;Log in to an existing account</source>
        <translation>Mit bestehendem Konto an&amp;melden</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="259"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="260"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="261"/>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="262"/>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="263"/>
        <source>letters, digits, dot, dash</source>
        <translation>Buchstaben, Ziffern, Punkt, Bindestrich</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="264"/>
        <source>only needed if the server asks for one</source>
        <translation>nur nötig, wenn der Server einen verlangt</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="272"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="273"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="274"/>
        <source>&amp;Repeat password:</source>
        <translation>Passwort wieder&amp;holen:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="276"/>
        <source>&amp;Invite code:</source>
        <translation>&amp;Einladungscode:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="285"/>
        <source>Waiting for the server</source>
        <translation>Warte auf den Server</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="316"/>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="330"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="370"/>
        <source>The two passwords are not the same.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="379"/>
        <source>Creating your account…</source>
        <translation>Dein Konto wird angelegt…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="382"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="414"/>
        <source>Wrong username or password.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="416"/>
        <source>This username is already taken. Please choose another one.</source>
        <translation>Dieser Benutzername ist schon vergeben. Bitte wähle einen anderen.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="418"/>
        <source>The invite code is missing or not valid. Ask the person who runs the server for a new invite code.</source>
        <translation>Der Einladungscode fehlt oder ist ungültig. Bitte die Person, die den Server betreibt, um einen neuen Einladungscode.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="421"/>
        <source>This server does not accept new accounts right now.</source>
        <translation>Dieser Server nimmt gerade keine neuen Konten an.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="423"/>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Zu viele Versuche. Bitte warte eine Minute und versuche es dann erneut.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="425"/>
        <source>The server did not accept these details: %1</source>
        <translation>Der Server hat diese Angaben nicht akzeptiert: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="427"/>
        <source>This server speaks a different version of the protocol. Update Linnet or the server.</source>
        <translation>Dieser Server spricht eine andere Version des Protokolls. Aktualisiere Linnet oder den Server.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="431"/>
        <source>The server cannot be reached. Check the address and that the server is running. (%1)</source>
        <translation>Der Server ist nicht erreichbar. Prüfe die Adresse und ob der Server läuft. (%1)</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="437"/>
        <source>The server refused: %1</source>
        <translation>Der Server hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AppController</name>
    <message>
        <location filename="../app/ui/AppController.cpp" line="89"/>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/AppController.cpp" line="90"/>
        <source>Your profile could not be opened: %1</source>
        <translation>Dein Profil konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListDelegate</name>
    <message>
        <location filename="../app/ui/ChatListDelegate.cpp" line="51"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../app/ui/ChatListDelegate.cpp" line="185"/>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ComposeEdit</name>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="16"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="17"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Eingabetaste sendet, Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="18"/>
        <source>Type a message</source>
        <translation>Nachricht schreiben</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConnectionBanner</name>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="24"/>
        <location filename="../app/ui/ConnectionBanner.cpp" line="38"/>
        <source>Log in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="28"/>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="34"/>
        <source>Connection status icon</source>
        <translation>Symbol des Verbindungsstatus</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="36"/>
        <source>Connection status message</source>
        <translation>Meldung zum Verbindungsstatus</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="70"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="74"/>
        <source>Offline — messages will be sent when you are back online</source>
        <translation>Offline – Nachrichten werden gesendet, sobald du wieder online bist</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="78"/>
        <source>Signed out: the server refused this device</source>
        <translation>Abgemeldet: Der Server hat dieses Gerät abgelehnt</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ContactInfoDialog</name>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="18"/>
        <source>Contact info</source>
        <translation>Kontaktinfo</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="28"/>
        <source>Messages with %1 are end-to-end encrypted. To be sure nobody is in the middle, compare this security code with the one on their screen, in person or on a call you trust. If they match, mark the conversation as verified.</source>
        <translation>Nachrichten mit %1 sind Ende-zu-Ende-verschlüsselt. Um sicherzugehen, dass niemand dazwischen sitzt, vergleiche diesen Sicherheitscode mit dem auf dem anderen Bildschirm – persönlich oder in einem Anruf, dem du vertraust. Stimmen sie überein, markiere das Gespräch als verifiziert.</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="40"/>
        <source>Security code</source>
        <translation>Sicherheitscode</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="80"/>
        <source>The security code appears once you have exchanged a message with %1.</source>
        <translation>Der Sicherheitscode erscheint, sobald ihr eine Nachricht mit %1 ausgetauscht habt.</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="90"/>
        <source>✓ Verified</source>
        <translation>✓ Verifiziert</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="90"/>
        <source>Not verified</source>
        <translation>Nicht verifiziert</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="92"/>
        <source>Clear verification</source>
        <translation>Verifizierung aufheben</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="92"/>
        <source>Mark as verified</source>
        <translation>Als verifiziert markieren</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConversationView</name>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="59"/>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="63"/>
        <source>No chat selected</source>
        <translation>Kein Chat ausgewählt</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="68"/>
        <source>Select a chat to start messaging</source>
        <translation>Wähle einen Chat, um loszuschreiben</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="73"/>
        <source>Press Ctrl+N to start a new chat</source>
        <translation>Drücke Strg+N für einen neuen Chat</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="91"/>
        <source>Contact picture</source>
        <translation>Kontaktbild</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="97"/>
        <source>Contact name</source>
        <translation>Kontaktname</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="100"/>
        <source>Contact status</source>
        <translation>Kontaktstatus</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="116"/>
        <source>Contact info and security code</source>
        <translation>Kontaktinfo und Sicherheitscode</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="117"/>
        <source>Contact info</source>
        <translation>Kontaktinfo</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="123"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="140"/>
        <location filename="../app/ui/ConversationView.cpp" line="393"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="155"/>
        <source>Typing indicator</source>
        <translation>Schreibanzeige</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="170"/>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="171"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="251"/>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="253"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="261"/>
        <source>last seen today at %1</source>
        <translation>zuletzt online heute um %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="263"/>
        <source>last seen yesterday at %1</source>
        <translation>zuletzt online gestern um %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="264"/>
        <source>last seen %1 at %2</source>
        <translation>zuletzt online am %1 um %2</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="286"/>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="392"/>
        <source>Message actions</source>
        <translation>Nachrichtenaktionen</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="398"/>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="398"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="400"/>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="400"/>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="81"/>
        <location filename="../app/ui/MainWindow.cpp" line="324"/>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="86"/>
        <source>Chats and conversation</source>
        <translation>Chats und Unterhaltung</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="136"/>
        <location filename="../app/ui/MainWindow.cpp" line="137"/>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="142"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="145"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="155"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="170"/>
        <location filename="../app/ui/MainWindow.cpp" line="181"/>
        <source>No chats yet. Start one with the button above.</source>
        <translation>Noch keine Chats. Beginne einen mit dem Knopf oben.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="182"/>
        <source>No chats match your search.</source>
        <translation>Keine Chats passen zu deiner Suche.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="204"/>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="206"/>
        <source>&amp;New chat…</source>
        <translation>&amp;Neuer Chat…</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="209"/>
        <source>&amp;Search chats</source>
        <translation>Chats &amp;durchsuchen</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="213"/>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="217"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="324"/>
        <source>(%1) Linnet</source>
        <translation>(%1) Linnet</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageDelegate</name>
    <message>
        <location filename="../app/ui/MessageDelegate.cpp" line="87"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../app/ui/MessageDelegate.cpp" line="89"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewChatDialog</name>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="26"/>
        <location filename="../app/ui/NewChatDialog.cpp" line="27"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="29"/>
        <source>Username of the person to chat with:</source>
        <translation>Benutzername der Person, mit der du chatten möchtest:</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="31"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="32"/>
        <source>e.g. ana.maria</source>
        <translation>z. B. ana.maria</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="38"/>
        <source>Username hint</source>
        <translation>Hinweis zum Benutzernamen</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="45"/>
        <location filename="../app/ui/NewChatDialog.cpp" line="46"/>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="47"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="80"/>
        <source>That is your own username.</source>
        <translation>Das ist dein eigener Benutzername.</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="82"/>
        <source>3 to 32 characters: letters, digits, dot, underscore, hyphen.</source>
        <translation>3 bis 32 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich, Bindestrich.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ServerPage</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="87"/>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="88"/>
        <source>Linnet messages travel through a server. Use one you were invited to, or host one on this computer for your family or team.</source>
        <translation>Linnet-Nachrichten laufen über einen Server. Nutze einen, zu dem du eingeladen wurdest, oder betreibe einen auf diesem Computer für deine Familie oder dein Team.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="91"/>
        <source>&amp;Use a server I was given the address of</source>
        <translation>Einen Server &amp;nutzen, dessen Adresse ich bekommen habe</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="95"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="96"/>
        <source>ws://host:7480/v1/ws</source>
        <translation>ws://host:7480/v1/ws</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="97"/>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="100"/>
        <source>&amp;Host a server on this computer</source>
        <translation>Einen Server auf diesem Computer &amp;betreiben</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="108"/>
        <source>Address to share</source>
        <translation>Adresse zum Weitergeben</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="110"/>
        <source>Invite code to share</source>
        <translation>Einladungscode zum Weitergeben</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="114"/>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="115"/>
        <source>Invite code:</source>
        <translation>Einladungscode:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="150"/>
        <source>Starting the server…</source>
        <translation>Server wird gestartet…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="177"/>
        <source>Your server is running, but no invite code could be created: %1</source>
        <translation>Dein Server läuft, aber es konnte kein Einladungscode erstellt werden: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="190"/>
        <source>The server could not be started: %1</source>
        <translation>Der Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="179"/>
        <source>Your server is running. Give this address and invite code to someone you want to chat with. Each invite code works once; your own account gets its own code on the next page.</source>
        <translation>Dein Server läuft. Gib diese Adresse und diesen Einladungscode an jemanden weiter, mit dem du chatten möchtest. Jeder Einladungscode gilt nur einmal; dein eigenes Konto bekommt auf der nächsten Seite einen eigenen Code.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SettingsDialog</name>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="42"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="44"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="45"/>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="46"/>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="47"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="48"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="51"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="72"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="74"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="86"/>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="87"/>
        <source>My contacts</source>
        <translation>Meine Kontakte</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="88"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="96"/>
        <source>Send &amp;read receipts</source>
        <translation>&amp;Lesebestätigungen senden</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="103"/>
        <source>Who can see when I was &amp;last online:</source>
        <translation>Wer sehen darf, wann ich &amp;zuletzt online war:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="107"/>
        <source>Without read receipts, others do not see when you have read their messages.</source>
        <translation>Ohne Lesebestätigungen sehen andere nicht, wann du ihre Nachrichten gelesen hast.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="116"/>
        <source>Show a &amp;notification for new messages</source>
        <translation>Bei neuen Nachrichten eine &amp;Benachrichtigung zeigen</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="124"/>
        <source>Notifications appear while the Linnet window is not in front.</source>
        <translation>Benachrichtigungen erscheinen, solange das Linnet-Fenster nicht im Vordergrund ist.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="134"/>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="135"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="136"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="144"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="158"/>
        <source>The new language is used after restarting Linnet.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von Linnet.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="163"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SetupWizard</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="52"/>
        <source>Welcome to Linnet</source>
        <translation>Willkommen bei Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="52"/>
        <source>Sign in to Linnet</source>
        <translation>Bei Linnet anmelden</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="56"/>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="57"/>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="58"/>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="59"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>linnet::ui::Translations</name>
    <message>
        <location filename="../app/ui/Translations.cpp" line="54"/>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>linnet::ui::TrayNotifier</name>
    <message>
        <location filename="../app/ui/TrayNotifier.cpp" line="22"/>
        <location filename="../app/ui/TrayNotifier.cpp" line="69"/>
        <source>Linnet</source>
        <translation>Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/TrayNotifier.cpp" line="24"/>
        <source>Show Linnet</source>
        <translation>Linnet anzeigen</translation>
    </message>
    <message>
        <location filename="../app/ui/TrayNotifier.cpp" line="25"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/TrayNotifier.cpp" line="68"/>
        <source>Linnet: %n unread message(s)</source>
        <translation>
            <numerusform>Linnet: %n ungelesene Nachricht</numerusform>
            <numerusform>Linnet: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
</context>
</TS>
