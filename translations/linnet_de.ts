<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AttachmentFiles</name>
    <message>
        <source>The pasted image is empty.</source>
        <translation>Das eingefügte Bild ist leer.</translation>
    </message>
    <message>
        <source>Pasted image %1</source>
        <translation>Eingefügtes Bild %1</translation>
    </message>
    <message>
        <source>The pasted image could not be saved in %1.</source>
        <translation>Das eingefügte Bild konnte nicht in %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1-Datei</translation>
    </message>
    <message>
        <source>Photo %1, %2</source>
        <translation>Foto %1, %2</translation>
    </message>
    <message>
        <source>Video %1, %2</source>
        <translation>Video %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2, %3</source>
        <translation>Datei %1, %2, %3</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, wird hochgeladen: %2 %</translation>
    </message>
    <message>
        <source>%1, downloading %2%</source>
        <translation>%1, wird heruntergeladen: %2 %</translation>
    </message>
    <message>
        <source>%1, not downloaded</source>
        <translation>%1, nicht heruntergeladen</translation>
    </message>
    <message>
        <source>%1, transfer failed</source>
        <translation>%1, Übertragung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1, transfer failed: %2</source>
        <translation>%1, Übertragung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1, transfer cancelled</source>
        <translation>%1, Übertragung abgebrochen</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>Herunterladen (%1)</translation>
    </message>
    <message>
        <source>Cancel upload</source>
        <translation>Hochladen abbrechen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Herunterladen abbrechen</translation>
    </message>
    <message>
        <source>Retry upload</source>
        <translation>Erneut hochladen</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Erneut herunterladen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Video %1, %2, %3</source>
        <translation>Video %1, %2, %3</translation>
    </message>
    <message>
        <source>Voice message, %1</source>
        <translation>Sprachnachricht, %1</translation>
    </message>
    <message>
        <source>Pause voice message</source>
        <translation>Sprachnachricht anhalten</translation>
    </message>
    <message>
        <source>Play voice message</source>
        <translation>Sprachnachricht abspielen</translation>
    </message>
</context>
<context>
    <name>GroupTexts</name>
    <message>
        <source>you</source>
        <translation>du</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation>Du hast die Gruppe „%1“ erstellt</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 hat die Gruppe „%2“ erstellt</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Du hast %1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation>%1 hat dich hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Du hast %1 entfernt</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 hat dich entfernt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>Du hast die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Du hast die Gruppe in „%1“ umbenannt</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 hat die Gruppe in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>%1 made you an admin</source>
        <translation>%1 hat dich zum Admin gemacht</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>Du hast %1 zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hat %2 zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 removed you as an admin</source>
        <translation>%1 hat dir die Admin-Rechte entzogen</translation>
    </message>
    <message>
        <source>You removed %1 as an admin</source>
        <translation>Du hast %1 die Admin-Rechte entzogen</translation>
    </message>
    <message>
        <source>%1 removed %2 as an admin</source>
        <translation>%1 hat %2 die Admin-Rechte entzogen</translation>
    </message>
    <message>
        <source>The group changed</source>
        <translation>Die Gruppe hat sich geändert</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>the application is quitting: the system keychain did not answer in time for &quot;%1&quot;</source>
        <translation>Die Anwendung wird beendet: Der Schlüsselbund des Systems hat für „%1“ nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht aus dem Schlüsselbund des Systems gelesen werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
    <message>
        <source>cannot store &quot;%1&quot; (service &quot;%2&quot;) in the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht im Schlüsselbund des Systems gespeichert werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
    <message>
        <source>cannot remove &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>„%1“ (Dienst „%2“) kann nicht aus dem Schlüsselbund des Systems entfernt werden: Er ist nicht verfügbar oder gesperrt (%3)</translation>
    </message>
</context>
<context>
    <name>LocalStore</name>
    <message>
        <source>Linnet has not changed it. Quit Linnet and keep a copy of the folder %1. Then restore the file from a backup, or move it out of the folder to start this profile afresh: what the server still holds for this device comes again, what was only on this computer stays in your copy.</source>
        <translation>Linnet hat sie nicht verändert. Beende Linnet und bewahre eine Kopie des Ordners %1 auf. Stelle dann die Datei aus einer Sicherung wieder her, oder verschiebe sie aus dem Ordner, um dieses Profil neu zu beginnen: Was der Server für dieses Gerät noch hat, kommt erneut; was nur auf diesem Computer war, bleibt in deiner Kopie.</translation>
    </message>
    <message>
        <source>The database log %1 is damaged (%2); opening it would silently drop the messages it holds. %3</source>
        <translation>Das Datenbankprotokoll %1 ist beschädigt (%2); beim Öffnen gingen die Nachrichten darin stillschweigend verloren. %3</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite found: %2). %3</source>
        <translation>Die Datenbank %1 ist beschädigt (SQLite fand: %2). %3</translation>
    </message>
</context>
<context>
    <name>OwnKeys</name>
    <message>
        <source>the encryption state in this profile&apos;s database does not open with the key in its secret store (is it the secret store of another profile?); nothing was changed. Restore the secret store that belongs to this profile.</source>
        <translation>der Verschlüsselungszustand in der Datenbank dieses Profils lässt sich mit dem Schlüssel in seinem Geheimnisspeicher nicht öffnen (ist es der Geheimnisspeicher eines anderen Profils?); nichts wurde verändert. Stelle den Geheimnisspeicher wieder her, der zu diesem Profil gehört.</translation>
    </message>
</context>
<context>
    <name>PassphraseSecretStore</name>
    <message>
        <source>the secrets file %1 is corrupt or truncated (%2): restore it from a backup, or delete it and log in again on this device</source>
        <translation>Die Geheimnisdatei %1 ist beschädigt oder abgeschnitten (%2): Stelle sie aus einer Sicherung wieder her oder lösche sie und melde dich auf diesem Gerät neu an</translation>
    </message>
    <message>
        <source>wrong passphrase for %1</source>
        <translation>Falsche Passphrase für %1</translation>
    </message>
    <message>
        <source>cannot use the secrets file %1: %2</source>
        <translation>Die Geheimnisdatei %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>only %n byte(s)</source>
        <translation>
            <numerusform>nur %n Byte</numerusform>
            <numerusform>nur %n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>not a Linnet secrets file</source>
        <translation>keine Linnet-Geheimnisdatei</translation>
    </message>
    <message>
        <source>format version %1 is not supported by this version of Linnet</source>
        <translation>Formatversion %1 wird von dieser Linnet-Version nicht unterstützt</translation>
    </message>
    <message>
        <source>unknown key derivation algorithm %1</source>
        <translation>unbekanntes Schlüsselableitungsverfahren %1</translation>
    </message>
    <message>
        <source>implausible key derivation parameters</source>
        <translation>unplausible Parameter der Schlüsselableitung</translation>
    </message>
    <message>
        <source>authentication failed: the file was truncated or modified</source>
        <translation>Authentifizierung fehlgeschlagen: Die Datei wurde abgeschnitten oder verändert</translation>
    </message>
    <message>
        <source>unreadable content</source>
        <translation>unlesbarer Inhalt</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>kein Speicher mehr frei</translation>
    </message>
    <message>
        <source>cannot derive the key from the passphrase (out of memory?)</source>
        <translation>Der Schlüssel kann nicht aus der Passphrase abgeleitet werden (kein Speicher frei?)</translation>
    </message>
    <message>
        <source>LINNET_PASSPHRASE is not set or empty: set it to the passphrase that encrypts this profile&apos;s secrets (a new profile keeps the first passphrase it is given)</source>
        <translation>LINNET_PASSPHRASE ist nicht gesetzt oder leer: Setze sie auf die Passphrase, mit der die Geheimnisse dieses Profils verschlüsselt sind (ein neues Profil behält die erste Passphrase, die es bekommt)</translation>
    </message>
    <message>
        <source>the passphrase for %1 is empty</source>
        <translation>Die Passphrase für %1 ist leer</translation>
    </message>
    <message>
        <source>libsodium cannot start</source>
        <translation>libsodium kann nicht starten</translation>
    </message>
    <message>
        <source>it was replaced by another program while Linnet was running (new salt or parameters); restart Linnet</source>
        <translation>Sie wurde von einem anderen Programm ersetzt, während Linnet lief (neues Salz oder neue Parameter); starte Linnet neu</translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation>Das Verzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot set permissions 0600: %1</source>
        <translation>Die Rechte 0600 können nicht gesetzt werden: %1</translation>
    </message>
    <message>
        <source>another process keeps it locked (%1)</source>
        <translation>Ein anderer Prozess hält sie gesperrt (%1)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nein</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
</context>
<context>
    <name>ServerPin</name>
    <message>
        <source>the server showed no TLS certificate</source>
        <translation>der Server hat kein TLS-Zertifikat vorgezeigt</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not the one this account trusts (its fingerprint is %1, the invite&apos;s %2): someone may be intercepting the connection, or the server got a new certificate; ask its admin for a new invite link</source>
        <translation>das Zertifikat des Servers ist nicht das, dem dieses Konto vertraut (sein Fingerabdruck ist %1, der aus der Einladung %2): Vielleicht fängt jemand die Verbindung ab, oder der Server hat ein neues Zertifikat; bitte seinen Admin um einen neuen Einladungslink</translation>
    </message>
</context>
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
    <message>
        <source>the server stopped unexpectedly (it crashed or was killed)</source>
        <translation>der Server wurde unerwartet beendet (abgestürzt oder abgebrochen)</translation>
    </message>
    <message>
        <source>the server stopped (exit code %1): %2</source>
        <translation>der Server wurde beendet (Exit-Code %1): %2</translation>
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
        <source>cannot read this device&apos;s secrets: %1</source>
        <translation>Die Geheimnisse dieses Geräts können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot load this device&apos;s encryption keys: %1</source>
        <translation>Die Schlüssel dieses Geräts können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>cannot store the device token: %1</source>
        <translation>das Gerätetoken kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>no keys on this device</source>
        <translation>keine Schlüssel auf diesem Gerät</translation>
    </message>
    <message>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ Diese Nachricht konnte nicht entschlüsselt werden (%1).</translation>
    </message>
    <message>
        <source>cannot store an incoming message: %1</source>
        <translation>eine eingehende Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot save the message: %1</source>
        <translation>die Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Compare it again to be sure you talk to them.</source>
        <translation>Der Sicherheitscode von %1 hat sich geändert. Vergleicht ihn erneut, um sicherzugehen, dass du mit der richtigen Person schreibst.</translation>
    </message>
    <message>
        <source>you are not a member of this group</source>
        <translation>du bist kein Mitglied dieser Gruppe</translation>
    </message>
    <message>
        <source>the message is %L1 characters long; at most %L2 can be sent</source>
        <translation>die Nachricht ist %L1 Zeichen lang; höchstens %L2 können gesendet werden</translation>
    </message>
    <message>
        <source>the message is too large to encrypt for every device of this chat (%1 copies); send it in shorter parts</source>
        <translation>die Nachricht ist zu groß, um sie für jedes Gerät dieses Chats zu verschlüsseln (%1 Kopien); sende sie in kürzeren Teilen</translation>
    </message>
    <message>
        <source>⚠ This message was rejected: it was written to %1, but the server delivered it as a message to %2.</source>
        <translation>⚠ Diese Nachricht wurde abgewiesen: Sie war an %1 gerichtet, der Server hat sie aber als Nachricht an %2 zugestellt.</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Messages to them wait until you accept the new security code.</source>
        <translation>Der Sicherheitscode von %1 hat sich geändert. Nachrichten an diese Person warten, bis du den neuen Sicherheitscode annimmst.</translation>
    </message>
    <message>
        <source>cannot store the account key: %1</source>
        <translation>der Kontoschlüssel kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>This device is not approved yet: approve it from one of your devices. Until then nobody encrypts to it.</source>
        <translation>Dieses Gerät ist noch nicht bestätigt: Bestätige es auf einem deiner Geräte. Bis dahin verschlüsselt niemand für dieses Gerät.</translation>
    </message>
    <message>
        <source>Your account has a new account key that this device does not hold: link it again from a device that does.</source>
        <translation>Dein Konto hat einen neuen Kontoschlüssel, den dieses Gerät nicht hat: Verknüpfe es erneut von einem Gerät aus, das ihn hat.</translation>
    </message>
    <message>
        <source>%1 has a device that their account key did not approve (%2). Nothing is encrypted to it.</source>
        <translation>%1 hat ein Gerät, das der Kontoschlüssel nicht bestätigt hat (%2). Dafür wird nichts verschlüsselt.</translation>
    </message>
    <message>
        <source>there is no message %1 to reply to in this chat</source>
        <translation>in diesem Chat gibt es keine Nachricht %1, auf die du antworten kannst</translation>
    </message>
    <message>
        <source>there is no message %1 to react to</source>
        <translation>es gibt keine Nachricht %1, auf die du reagieren kannst</translation>
    </message>
    <message>
        <source>a reaction is one emoji (at most %1 characters, no spaces)</source>
        <translation>eine Reaktion ist ein Emoji (höchstens %1 Zeichen, keine Leerzeichen)</translation>
    </message>
    <message>
        <source>approve this device from one of your devices</source>
        <translation>Bestätige dieses Gerät auf einem deiner Geräte</translation>
    </message>
    <message>
        <source>this device was removed from your account by one of your other devices; link it again to use it</source>
        <translation>Dieses Gerät wurde von einem deiner anderen Geräte aus deinem Konto entfernt; verknüpfe es erneut, um es zu benutzen</translation>
    </message>
    <message>
        <source>there is no message of yours %1 to change</source>
        <translation>es gibt keine Nachricht %1 von dir, die du ändern kannst</translation>
    </message>
    <message>
        <source>this message was deleted</source>
        <translation>diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>an edit needs text; delete the message instead</source>
        <translation>eine Bearbeitung braucht Text; lösche die Nachricht stattdessen</translation>
    </message>
    <message>
        <source>a message can only be edited within 15 minutes of writing it</source>
        <translation>eine Nachricht kann nur innerhalb von 15 Minuten nach dem Schreiben bearbeitet werden</translation>
    </message>
    <message>
        <source>a message can only be deleted for everyone within 48 hours of writing it</source>
        <translation>eine Nachricht kann nur innerhalb von 48 Stunden nach dem Schreiben für alle gelöscht werden</translation>
    </message>
    <message>
        <source>%1 linked a new device: %2</source>
        <translation>%1 hat ein neues Gerät verknüpft: %2</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>%1 removed a device from their account.</source>
        <translation>%1 hat ein Gerät aus dem Konto entfernt.</translation>
    </message>
    <message>
        <source>there is no message %1 with text to forward</source>
        <translation>es gibt keine Nachricht %1 mit Text zum Weiterleiten</translation>
    </message>
    <message>
        <source>messages with an attachment cannot be forwarded yet</source>
        <translation>Nachrichten mit Anhang können noch nicht weitergeleitet werden</translation>
    </message>
    <message>
        <source>name at least one chat to forward to</source>
        <translation>nenne mindestens einen Chat zum Weiterleiten</translation>
    </message>
    <message>
        <source>cannot make this device&apos;s encryption keys</source>
        <translation>die Schlüssel dieses Geräts können nicht erstellt werden</translation>
    </message>
    <message>
        <source>the approval does not open with this device&apos;s code</source>
        <translation>die Freigabe lässt sich mit dem Code dieses Geräts nicht öffnen</translation>
    </message>
    <message>
        <source>linking failed: %1</source>
        <translation>Verknüpfen fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::ConversationListModel</name>
    <message>
        <source>📷 Photo</source>
        <translation>📷 Foto</translation>
    </message>
    <message>
        <source>🎥 Video</source>
        <translation>🎥 Video</translation>
    </message>
    <message>
        <source>🎵 Audio</source>
        <translation>🎵 Audio</translation>
    </message>
    <message>
        <source>🎤 Voice message</source>
        <translation>🎤 Sprachnachricht</translation>
    </message>
    <message>
        <source>📄 %1</source>
        <translation>📄 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>linnet::client::DeviceListController</name>
    <message>
        <source>a device name cannot be empty</source>
        <translation>Ein Gerätename darf nicht leer sein</translation>
    </message>
    <message>
        <source>a device name has at most %1 characters</source>
        <translation>Ein Gerätename hat höchstens %1 Zeichen</translation>
    </message>
    <message>
        <source>the connection to the server was lost</source>
        <translation>Die Verbindung zum Server ist abgebrochen</translation>
    </message>
</context>
<context>
    <name>linnet::client::E2eSessions</name>
    <message>
        <source>%1 has no device that can receive encrypted messages yet</source>
        <translation>%1 hat noch kein Gerät, das verschlüsselte Nachrichten empfangen kann</translation>
    </message>
    <message>
        <source>cannot start a secure session with a device of %1</source>
        <translation>Mit einem Gerät von %1 kann keine sichere Sitzung begonnen werden</translation>
    </message>
    <message>
        <source>cannot encrypt for a device of %1: %2</source>
        <translation>Für ein Gerät von %1 kann nicht verschlüsselt werden: %2</translation>
    </message>
    <message>
        <source>cannot store the session state</source>
        <translation>Der Sitzungszustand kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>a device of %1 sent a group key under a new identity key; refused</source>
        <translation>ein Gerät von %1 hat einen Gruppenschlüssel unter einem neuen Identitätsschlüssel gesendet; abgelehnt</translation>
    </message>
    <message>
        <source>sent from a device of %1 that their account key has not approved; refused</source>
        <translation>von einem Gerät von %1 gesendet, das dessen Kontoschlüssel nicht bestätigt hat; abgelehnt</translation>
    </message>
    <message>
        <source>storage failed (%1)</source>
        <translation>Speichern fehlgeschlagen (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::client::GroupClient</name>
    <message>
        <source>the connection to the server was lost</source>
        <translation>die Verbindung zum Server ist abgebrochen</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 hat die Gruppe „%2“ erstellt</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 hat die Gruppe in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hat %2 zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 removed %2 as an admin</source>
        <translation>%1 hat %2 die Admin-Rechte entzogen</translation>
    </message>
    <message>
        <source>cannot store the group %1</source>
        <translation>die Gruppe %1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ Diese Nachricht konnte nicht entschlüsselt werden (%1).</translation>
    </message>
</context>
<context>
    <name>linnet::client::GroupMessaging</name>
    <message>
        <source>you are not a member of this group</source>
        <translation>du bist kein Mitglied dieser Gruppe</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>kein Schlüssel</translation>
    </message>
    <message>
        <source>not a group message</source>
        <translation>keine Gruppennachricht</translation>
    </message>
    <message>
        <source>the sender&apos;s key for this group has not arrived</source>
        <translation>der Schlüssel des Absenders für diese Gruppe ist noch nicht angekommen</translation>
    </message>
</context>
<context>
    <name>linnet::client::HistoryTransfer</name>
    <message>
        <source>device %1 is not an approved device of this account</source>
        <translation>Gerät %1 ist kein bestätigtes Gerät dieses Kontos</translation>
    </message>
    <message>
        <source>cannot write the history: %1</source>
        <translation>Der Verlauf kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the history could not be transferred: %1</source>
        <translation>Der Verlauf konnte nicht übertragen werden: %1</translation>
    </message>
    <message>
        <source>cannot read the history: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the history was refused: %1</source>
        <translation>Der Verlauf wurde abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::LinkApprover</name>
    <message>
        <source>that is not a link code: 16 letters and digits, as the new device shows them</source>
        <translation>das ist kein Verknüpfungscode: 16 Buchstaben und Ziffern, wie das neue Gerät sie zeigt</translation>
    </message>
    <message>
        <source>this device does not hold the account key, so it cannot approve others: approve from one that does</source>
        <translation>dieses Gerät hat den Kontoschlüssel nicht und kann deshalb keine anderen freigeben: gib es von einem Gerät frei, das ihn hat</translation>
    </message>
    <message>
        <source>not connected to the server; try again when online</source>
        <translation>nicht mit dem Server verbunden; versuche es erneut, wenn du online bist</translation>
    </message>
    <message>
        <source>fetch the new device&apos;s request first</source>
        <translation>hole zuerst die Anfrage des neuen Geräts</translation>
    </message>
    <message>
        <source>this device does not hold the account key: approve from one that does</source>
        <translation>dieses Gerät hat den Kontoschlüssel nicht: gib es von einem Gerät frei, das ihn hat</translation>
    </message>
    <message>
        <source>the request filed under this code does not open with it; it was not approved</source>
        <translation>die Anfrage zu diesem Code lässt sich mit ihm nicht öffnen; sie wurde nicht freigegeben</translation>
    </message>
    <message>
        <source>no device is waiting for this code: check it, or make a new one on the new device (a code lasts 10 minutes)</source>
        <translation>kein Gerät wartet auf diesen Code: prüfe ihn oder erzeuge auf dem neuen Gerät einen neuen (ein Code gilt 10 Minuten)</translation>
    </message>
    <message>
        <source>the connection to the server dropped; type the code again</source>
        <translation>die Verbindung zum Server ist abgebrochen; gib den Code noch einmal ein</translation>
    </message>
    <message>
        <source>the new device did not come online to receive the history; it is linked, and the history can be sent later</source>
        <translation>das neue Gerät war nicht online, um den Verlauf zu empfangen; es ist verknüpft, und der Verlauf kann später gesendet werden</translation>
    </message>
</context>
<context>
    <name>linnet::client::MediaController</name>
    <message>
        <source>there is no file %1</source>
        <translation>es gibt keine Datei %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is %2; at most %3 can be sent</source>
        <translation>%1 ist %2 groß; höchstens %3 können gesendet werden</translation>
    </message>
    <message>
        <source>the caption is %L1 characters long; at most %L2 can be sent</source>
        <translation>die Bildunterschrift ist %L1 Zeichen lang; höchstens %L2 können gesendet werden</translation>
    </message>
    <message>
        <source>cannot copy %1 into the profile (is the disk full?)</source>
        <translation>%1 kann nicht ins Profil kopiert werden (ist der Datenträger voll?)</translation>
    </message>
    <message>
        <source>cannot save the message: %1</source>
        <translation>die Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the upload was cancelled</source>
        <translation>das Hochladen wurde abgebrochen</translation>
    </message>
    <message>
        <source>the file is too large for the server (%1)</source>
        <translation>die Datei ist zu groß für den Server (%1)</translation>
    </message>
    <message>
        <source>your storage on the server is full (%1)</source>
        <translation>dein Speicherplatz auf dem Server ist voll (%1)</translation>
    </message>
    <message>
        <source>the server&apos;s disk is full (%1)</source>
        <translation>der Datenträger des Servers ist voll (%1)</translation>
    </message>
    <message>
        <source>the server refused the upload (%1)</source>
        <translation>der Server hat das Hochladen abgelehnt (%1)</translation>
    </message>
    <message>
        <source>the file is no longer on the server</source>
        <translation>die Datei ist nicht mehr auf dem Server</translation>
    </message>
    <message>
        <source>the server refused the download (%1)</source>
        <translation>der Server hat das Herunterladen abgelehnt (%1)</translation>
    </message>
    <message>
        <source>the server reserved %1 bytes for a file of %2</source>
        <translation>der Server hat %1 Bytes für eine Datei mit %2 reserviert</translation>
    </message>
    <message>
        <source>cannot read the file to send: %1</source>
        <translation>die zu sendende Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot queue the message</source>
        <translation>die Nachricht kann nicht in die Warteschlange gestellt werden</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot save the file: %1</source>
        <translation>die Datei kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the file was damaged or tampered with and was not saved (%1)</source>
        <translation>die Datei wurde beschädigt oder manipuliert und nicht gespeichert (%1)</translation>
    </message>
    <message>
        <source>the file to send is gone</source>
        <translation>die zu sendende Datei ist nicht mehr da</translation>
    </message>
</context>
<context>
    <name>linnet::client::Outbox</name>
    <message>
        <source>%1; trying again</source>
        <translation>%1; neuer Versuch folgt</translation>
    </message>
</context>
<context>
    <name>linnet::client::Profile</name>
    <message>
        <source>cannot create the profile directory %1</source>
        <translation>der Profilordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>linnet::client::SingleInstance</name>
    <message>
        <source>cannot create the profile directory %1</source>
        <translation>das Profilverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Linnet is already running with the profile %1</source>
        <translation>Linnet läuft bereits mit dem Profil %1</translation>
    </message>
    <message>
        <source>cannot lock the profile %1</source>
        <translation>das Profil %1 kann nicht gesperrt werden</translation>
    </message>
</context>
<context>
    <name>linnet::client::VoicePlayer</name>
    <message>
        <source>Cannot play this voice message: %1</source>
        <translation>Diese Sprachnachricht kann nicht abgespielt werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::VoiceRecorder</name>
    <message>
        <source>No microphone found: connect one to record voice messages</source>
        <translation>Kein Mikrofon gefunden: Schließ eines an, um Sprachnachrichten aufzunehmen</translation>
    </message>
    <message>
        <source>Voice messages cannot be recorded here: no audio encoder</source>
        <translation>Sprachnachrichten können hier nicht aufgenommen werden: kein Audio-Encoder</translation>
    </message>
    <message>
        <source>Cannot record: cannot create %1</source>
        <translation>Aufnahme nicht möglich: %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Recording failed: %1</source>
        <translation>Aufnahme fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Nothing was recorded: is the microphone working?</source>
        <translation>Es wurde nichts aufgenommen: Funktioniert das Mikrofon?</translation>
    </message>
    <message>
        <source>Cannot save the voice message in %1</source>
        <translation>Die Sprachnachricht kann nicht in %1 gespeichert werden</translation>
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
    <message>
        <source>Invite code or link</source>
        <translation>Einladungscode oder -link</translation>
    </message>
    <message>
        <source>Server: %1 (its certificate is pinned)</source>
        <translation>Server: %1 (sein Zertifikat ist fest hinterlegt)</translation>
    </message>
    <message>
        <source>This invite link is not complete or not valid: %1</source>
        <translation>Dieser Einladungslink ist unvollständig oder ungültig: %1</translation>
    </message>
    <message>
        <source>&amp;Start over with this account: remove all its devices and make a new security code (your contacts are told)</source>
        <translation>Mit diesem Konto &amp;neu beginnen: alle seine Geräte entfernen und einen neuen Sicherheitscode erzeugen (deine Kontakte werden informiert)</translation>
    </message>
    <message>
        <source>This account already has devices: approve this device from one of your devices. If you have lost all of them, tick “Start over with this account”.</source>
        <translation>Dieses Konto hat schon Geräte: Bestätige dieses Gerät auf einem deiner Geräte. Wenn du alle verloren hast, wähle „Mit diesem Konto neu beginnen“.</translation>
    </message>
    <message>
        <source>Lin&amp;k this computer to an account I already use</source>
        <translation>Diesen Computer mit einem Konto &amp;verknüpfen, das ich schon benutze</translation>
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
    <message>
        <source>The server on this computer stopped (%1). Starting it again…</source>
        <translation>Der Server auf diesem Computer wurde beendet (%1). Er wird neu gestartet…</translation>
    </message>
    <message>
        <source>Starting the server on this computer…</source>
        <translation>Der Server auf diesem Computer wird gestartet…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentActions</name>
    <message>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>%1 could not be saved: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>%1 konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No application on this computer opens %1. Use “Save as…” or “Show in folder” from its menu.</source>
        <translation>Kein Programm auf diesem Computer öffnet %1. Nutze „Speichern unter…“ oder „Im Ordner anzeigen“ in seinem Menü.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentPreviewDialog</name>
    <message>
        <source>Send to %1</source>
        <translation>An %1 senden</translation>
    </message>
    <message>
        <source>Files to send</source>
        <translation>Zu sendende Dateien</translation>
    </message>
    <message>
        <source>Add a caption (sent with the first file)</source>
        <translation>Bildunterschrift hinzufügen (wird mit der ersten Datei gesendet)</translation>
    </message>
    <message>
        <source>Add a caption</source>
        <translation>Bildunterschrift hinzufügen</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>only files can be sent, not folders</source>
        <translation>nur Dateien können gesendet werden, keine Ordner</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>die Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>larger than %1</source>
        <translation>größer als %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Cannot be sent: %1</source>
        <translation>Kann nicht gesendet werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentSender</name>
    <message>
        <source>Attach a photo, video or file</source>
        <translation>Foto, Video oder Datei anhängen</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <source>&amp;Photo or video…</source>
        <translation>&amp;Foto oder Video…</translation>
    </message>
    <message>
        <source>&amp;File…</source>
        <translation>&amp;Datei…</translation>
    </message>
    <message>
        <source>Send photos or videos</source>
        <translation>Fotos oder Videos senden</translation>
    </message>
    <message>
        <source>Photos and videos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.mp4 *.mov *.webm *.mkv *.avi);;All files (*)</source>
        <translation>Fotos und Videos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.mp4 *.mov *.webm *.mkv *.avi);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The pasted image could not be saved.</source>
        <translation>Das eingefügte Bild konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Cannot send</source>
        <translation>Senden nicht möglich</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatFindBar</name>
    <message>
        <source>Older match (Enter)</source>
        <translation>Ältere Fundstelle (Eingabe)</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Neuere Fundstelle (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Close search (Escape)</source>
        <translation>Suche schließen (Esc)</translation>
    </message>
    <message>
        <source>Search in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>Search in this chat (Ctrl+Shift+F)</source>
        <translation>In diesem Chat suchen (Strg+Umschalt+F)</translation>
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
    <message>
        <source>Draft:</source>
        <translation>Entwurf:</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListMenu</name>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Benachrichtigungen stummschalten</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>Für 8 Stunden</translation>
    </message>
    <message>
        <source>For 1 week</source>
        <translation>Für 1 Woche</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Aus dem Archiv holen</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Als ungelesen markieren</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Verlauf leeren…</translation>
    </message>
    <message>
        <source>&amp;Delete chat…</source>
        <translation>Chat &amp;löschen…</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <source>Delete all messages of the chat with %1 from this computer? The chat stays; messages still waiting to be sent are kept.</source>
        <translation>Alle Nachrichten des Chats mit %1 von diesem Computer löschen? Der Chat bleibt; Nachrichten, die noch auf das Senden warten, bleiben erhalten.</translation>
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
    <message>
        <source>Server unreachable — looking for contacts on the local network</source>
        <translation>Server nicht erreichbar — suche Kontakte im lokalen Netzwerk</translation>
    </message>
    <message>
        <source>Server unreachable — chatting on the local network with %1</source>
        <translation>Server nicht erreichbar — du chattest im lokalen Netzwerk mit %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ContactInfoDialog</name>
    <message>
        <source>Contact info</source>
        <translation>Kontaktinfo</translation>
    </message>
    <message>
        <source>Messages with %1 are end-to-end encrypted. To be sure nobody is in the middle, compare this security code with the one on their screen, in person or on a call you trust. If they match, mark the conversation as verified.</source>
        <translation>Nachrichten mit %1 sind Ende-zu-Ende-verschlüsselt. Um sicherzugehen, dass niemand dazwischen sitzt, vergleiche diesen Sicherheitscode mit dem auf dem anderen Bildschirm – persönlich oder in einem Anruf, dem du vertraust. Stimmen sie überein, markiere das Gespräch als verifiziert.</translation>
    </message>
    <message>
        <source>Security code</source>
        <translation>Sicherheitscode</translation>
    </message>
    <message>
        <source>The security code appears once you have exchanged a message with %1.</source>
        <translation>Der Sicherheitscode erscheint, sobald ihr eine Nachricht mit %1 ausgetauscht habt.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verifiziert</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht verifiziert</translation>
    </message>
    <message>
        <source>Clear verification</source>
        <translation>Verifizierung aufheben</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>Als verifiziert markieren</translation>
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
        <source>Contact info and security code</source>
        <translation>Kontaktinfo und Sicherheitscode</translation>
    </message>
    <message>
        <source>Contact info</source>
        <translation>Kontaktinfo</translation>
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
    <message>
        <source>Message info</source>
        <translation>Nachrichteninfo</translation>
    </message>
    <message>
        <source>%1 are typing…</source>
        <translation>%1 schreiben…</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Gruppeninfo</translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation>Gruppeninfo und Mitglieder</translation>
    </message>
    <message>
        <source>%L1 / %L2</source>
        <translation>%L1 / %L2</translation>
    </message>
    <message>
        <source>Too long to send: shorten the message to %L1 characters or send it in parts</source>
        <translation>Zu lang zum Senden: kürze die Nachricht auf %L1 Zeichen oder sende sie in Teilen</translation>
    </message>
    <message>
        <source>Message too long</source>
        <translation>Nachricht zu lang</translation>
    </message>
    <message>
        <source>Message length</source>
        <translation>Nachrichtenlänge</translation>
    </message>
    <message>
        <source>The message is too long to send</source>
        <translation>Die Nachricht ist zu lang zum Senden</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Accept new security code</source>
        <translation>Neuen Sicherheitscode annehmen</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Your messages to them wait until you accept the new one (compare it in Contact info).</source>
        <translation>Der Sicherheitscode von %1 hat sich geändert. Deine Nachrichten an diese Person warten, bis du den neuen annimmst (vergleiche ihn unter Kontaktinfo).</translation>
    </message>
    <message>
        <source>on the local network</source>
        <translation>im lokalen Netzwerk</translation>
    </message>
    <message>
        <source>The message this replies to is not on this device.</source>
        <translation>Die Nachricht, auf die hier geantwortet wird, ist nicht auf diesem Gerät.</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reagieren</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Anderes …</translation>
    </message>
    <message>
        <source>Emoji:</source>
        <translation>Emoji:</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Meine Reaktion entfernen</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceNameDialog</name>
    <message>
        <source>Rename device</source>
        <translation>Gerät umbenennen</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;Neuer Name:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceNoticeBanner</name>
    <message>
        <source>Device approval</source>
        <translation>Gerätefreigabe</translation>
    </message>
    <message>
        <source>Device approval message</source>
        <translation>Meldung zur Gerätefreigabe</translation>
    </message>
    <message>
        <source>Close the device notice</source>
        <translation>Gerätehinweis schließen</translation>
    </message>
    <message>
        <source>A new device was linked to your account: %1. If it was not you, revoke it in Settings → Devices and change your password.</source>
        <translation>Ein neues Gerät wurde mit deinem Konto verknüpft: %1. Wenn du das nicht warst, widerrufe es unter Einstellungen → Geräte und ändere dein Passwort.</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>A device was removed from your account: %1.</source>
        <translation>Ein Gerät wurde aus deinem Konto entfernt: %1.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceRow</name>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>Noch keine Schlüssel</translation>
    </message>
    <message>
        <source>Fingerprint of %1</source>
        <translation>Fingerabdruck von %1</translation>
    </message>
    <message>
        <source>⚠ Not approved by your account key — nothing is encrypted to it. Revoke it if you do not know it.</source>
        <translation>⚠ Nicht von deinem Kontoschlüssel bestätigt – dafür wird nichts verschlüsselt. Widerrufe es, wenn du es nicht kennst.</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Revoke %1</source>
        <translation>%1 widerrufen</translation>
    </message>
    <message>
        <source>Linked %1</source>
        <translation>Verknüpft am %1</translation>
    </message>
    <message>
        <source>Linked at an unknown time</source>
        <translation>Verknüpft zu unbekannter Zeit</translation>
    </message>
    <message>
        <source>active now</source>
        <translation>jetzt aktiv</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>zuletzt gesehen am %1</translation>
    </message>
    <message>
        <source>never seen</source>
        <translation>nie gesehen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DevicesPage</name>
    <message>
        <source>These devices can read your messages. Revoke any device you do not recognise or no longer use.</source>
        <translation>Diese Geräte können deine Nachrichten lesen. Widerrufe jedes Gerät, das du nicht kennst oder nicht mehr benutzt.</translation>
    </message>
    <message>
        <source>Asking the server for your devices…</source>
        <translation>Deine Geräte werden beim Server abgefragt…</translation>
    </message>
    <message>
        <source>Renaming…</source>
        <translation>Wird umbenannt…</translation>
    </message>
    <message>
        <source>Revoke device</source>
        <translation>Gerät widerrufen</translation>
    </message>
    <message>
        <source>Revoke “%1”?</source>
        <translation>„%1“ widerrufen?</translation>
    </message>
    <message>
        <source>It is signed out at once and gets no new messages; your contacts stop encrypting to it. If the device was lost or stolen, change your password too.</source>
        <translation>Es wird sofort abgemeldet und bekommt keine neuen Nachrichten; deine Kontakte verschlüsseln nicht mehr dafür. Wenn das Gerät verloren oder gestohlen wurde, ändere auch dein Passwort.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Wird widerrufen…</translation>
    </message>
    <message>
        <source>Renamed “%1”.</source>
        <translation>„%1“ wurde umbenannt.</translation>
    </message>
    <message>
        <source>“%1” was revoked: it is signed out and gets no new messages.</source>
        <translation>„%1“ wurde widerrufen: Es ist abgemeldet und bekommt keine neuen Nachrichten.</translation>
    </message>
    <message>
        <source>“%1” is no longer on your account. Nothing was changed.</source>
        <translation>„%1“ gehört nicht mehr zu deinem Konto. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The connection to the server was lost before it answered. Check the list and try again.</source>
        <translation>Die Verbindung zum Server ist abgebrochen, bevor er geantwortet hat. Prüfe die Liste und versuche es erneut.</translation>
    </message>
    <message>
        <source>The device list could not be loaded: %1</source>
        <translation>Die Geräteliste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The server refused this: %1</source>
        <translation>Der Server hat das abgelehnt: %1</translation>
    </message>
    <message>
        <source>This device was removed from your account by one of your other devices: it is signed out and gets no new messages. Link it again to use it.</source>
        <translation>Dieses Gerät wurde von einem deiner anderen Geräte aus deinem Konto entfernt: Es ist abgemeldet und bekommt keine neuen Nachrichten. Verknüpfe es erneut, um es zu benutzen.</translation>
    </message>
    <message>
        <source>Signed out: the server refused this device. Nothing was changed.</source>
        <translation>Abgemeldet: Der Server hat dieses Gerät abgelehnt. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>You are offline: nothing was changed. Try again when Linnet is connected.</source>
        <translation>Du bist offline: Nichts wurde geändert. Versuche es erneut, wenn Linnet verbunden ist.</translation>
    </message>
    <message>
        <source>&amp;Link a device…</source>
        <translation>Gerät &amp;verknüpfen…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::EditMessageDialog</name>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Everyone in this chat sees the new text, marked as edited.</source>
        <translation>Alle in diesem Chat sehen den neuen Text, als bearbeitet markiert.</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ForwardDialog</name>
    <message>
        <source>Forward to</source>
        <translation>Weiterleiten an</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Weiterleiten</translation>
    </message>
</context>
<context>
    <name>linnet::ui::FreedesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>linnet::ui::GroupInfoDialog</name>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move from group</source>
        <translation>Aus der Gruppe &amp;entfernen</translation>
    </message>
    <message>
        <source>Make a&amp;dmin</source>
        <translation>Zum A&amp;dmin machen</translation>
    </message>
    <message>
        <source>&amp;Leave group</source>
        <translation>Gruppe &amp;verlassen</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Gruppeninfo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>M&amp;embers:</source>
        <translation>&amp;Mitglieder:</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Username to add</source>
        <translation>Hinzuzufügender Benutzername</translation>
    </message>
    <message>
        <source>username to add</source>
        <translation>Benutzername hinzufügen</translation>
    </message>
    <message>
        <source>Group error</source>
        <translation>Gruppenfehler</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
    <message>
        <source>%1 — admin</source>
        <translation>%1 – Admin</translation>
    </message>
    <message>
        <source>Not connected: changing a group needs the server.</source>
        <translation>Nicht verbunden: Für Änderungen an der Gruppe wird der Server gebraucht.</translation>
    </message>
    <message>
        <source>Revoke a&amp;dmin</source>
        <translation>A&amp;dmin-Rechte entziehen</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Gruppe verlassen</translation>
    </message>
    <message>
        <source>Leave this group? You will no longer receive its messages.</source>
        <translation>Diese Gruppe verlassen? Du bekommst dann keine Nachrichten mehr aus ihr.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::HistoryProgressBar</name>
    <message>
        <source>Chat history transfer</source>
        <translation>Übertragung des Chatverlaufs</translation>
    </message>
    <message>
        <source>Chat history transfer progress</source>
        <translation>Fortschritt der Übertragung des Chatverlaufs</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Receiving your chat history from your other device…</source>
        <translation>Dein Chatverlauf kommt von deinem anderen Gerät…</translation>
    </message>
    <message>
        <source>Your chat history was sent to your new device. It appears there once it has arrived.</source>
        <translation>Dein Chatverlauf wurde an dein neues Gerät gesendet. Er erscheint dort, sobald er angekommen ist.</translation>
    </message>
    <message>
        <source>Sending your chat history to your new device…</source>
        <translation>Dein Chatverlauf wird an dein neues Gerät gesendet…</translation>
    </message>
    <message numerus="yes">
        <source>Adding your chat history: %n message(s) so far…</source>
        <translation>
            <numerusform>Dein Chatverlauf wird hinzugefügt: bisher %n Nachricht…</numerusform>
            <numerusform>Dein Chatverlauf wird hinzugefügt: bisher %n Nachrichten…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your chat history arrived: %n message(s) added.</source>
        <translation>
            <numerusform>Dein Chatverlauf ist angekommen: %n Nachricht hinzugefügt.</numerusform>
            <numerusform>Dein Chatverlauf ist angekommen: %n Nachrichten hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your chat history could not be transferred: %1</source>
        <translation>Dein Chatverlauf konnte nicht übertragen werden: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ImageViewer</name>
    <message>
        <source>Picture viewer</source>
        <translation>Bildbetrachter</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>linnet::ui::LinkDeviceDialog</name>
    <message>
        <source>No new device is waiting under this code. A code lasts 10 minutes: check it, or start linking again on the new device.</source>
        <translation>Unter diesem Code wartet kein neues Gerät. Ein Code gilt 10 Minuten: Prüfe ihn oder beginne das Verknüpfen auf dem neuen Gerät erneut.</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Try again when Linnet is connected.</source>
        <translation>Die Verbindung zum Server ist abgebrochen. Versuche es erneut, wenn Linnet verbunden ist.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>Zu viele Versuche. Warte eine Minute und versuche es erneut.</translation>
    </message>
    <message>
        <source>Linking failed: %1</source>
        <translation>Verknüpfen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Link a device</source>
        <translation>Gerät verknüpfen</translation>
    </message>
    <message>
        <source>“%1” is linked, but your chat history could not be sent: %2</source>
        <translation>„%1“ ist verknüpft, aber dein Chatverlauf konnte nicht gesendet werden: %2</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>Verknüpfungscode</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Fingerprint of the new device</source>
        <translation>Fingerabdruck des neuen Geräts</translation>
    </message>
    <message>
        <source>Also send my chat &amp;history</source>
        <translation>Auch meinen Chat&amp;verlauf senden</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Verknüpfen</translation>
    </message>
    <message>
        <source>Linking progress</source>
        <translation>Fortschritt der Verknüpfung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Type the code the new device shows.</source>
        <translation>Gib den Code ein, den das neue Gerät zeigt.</translation>
    </message>
    <message>
        <source>You are offline. Try again when Linnet is connected.</source>
        <translation>Du bist offline. Versuche es erneut, wenn Linnet verbunden ist.</translation>
    </message>
    <message>
        <source>Looking for the new device…</source>
        <translation>Das neue Gerät wird gesucht…</translation>
    </message>
    <message>
        <source>Link “%1” to your account?</source>
        <translation>„%1“ mit deinem Konto verknüpfen?</translation>
    </message>
    <message>
        <source>Linking “%1”…</source>
        <translation>„%1“ wird verknüpft…</translation>
    </message>
    <message>
        <source>“%1” is linked. It gets every new message; your chat history stays on this device.</source>
        <translation>„%1“ ist verknüpft. Es bekommt jede neue Nachricht; dein Chatverlauf bleibt auf diesem Gerät.</translation>
    </message>
    <message>
        <source>“%1” is linked. Sending your chat history…</source>
        <translation>„%1“ ist verknüpft. Dein Chatverlauf wird gesendet…</translation>
    </message>
    <message>
        <source>“%1” is linked and your chat history was sent: it appears there once it has arrived.</source>
        <translation>„%1“ ist verknüpft und dein Chatverlauf wurde gesendet: Er erscheint dort, sobald er angekommen ist.</translation>
    </message>
    <message>
        <source>On the new device, choose “Link this computer to an account I already use” when Linnet starts. It shows a code: type it here.</source>
        <translation>Wähle auf dem neuen Gerät beim Start von Linnet „Diesen Computer mit einem Konto verknüpfen, das ich schon benutze“. Es zeigt einen Code: Gib ihn hier ein.</translation>
    </message>
    <message>
        <source>Check that the new device shows the same fingerprint, and only link a device you have in front of you. It gets your account key: it reads your new messages, and it can link and revoke devices like this one.</source>
        <translation>Prüfe, dass das neue Gerät denselben Fingerabdruck zeigt, und verknüpfe nur ein Gerät, das vor dir liegt. Es bekommt deinen Kontoschlüssel: Es liest deine neuen Nachrichten und kann wie dieses Gerät Geräte verknüpfen und widerrufen.</translation>
    </message>
    <message>
        <source>“%1” is linked. Waiting until it is ready for your chat history…</source>
        <translation>„%1“ ist verknüpft. Warten, bis es für deinen Chatverlauf bereit ist…</translation>
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
    <message>
        <source>New &amp;group…</source>
        <translation>Neue &amp;Gruppe…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Not connected: creating a group needs the server. Try again when Linnet is online.</source>
        <translation>Nicht verbunden: Zum Erstellen einer Gruppe wird der Server gebraucht. Versuche es erneut, wenn Linnet online ist.</translation>
    </message>
    <message>
        <source>The group was not created: %1</source>
        <translation>Die Gruppe wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>Chat-Aktionen</translation>
    </message>
    <message>
        <source>&amp;Delete chat…</source>
        <translation>Chat &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
    <message>
        <source>Delete the chat with %1 and its messages from this computer? %1 keeps their copy.</source>
        <translation>Den Chat mit %1 und seine Nachrichten von diesem Computer löschen? %1 behält die eigene Kopie.</translation>
    </message>
    <message>
        <source>Search chats and messages</source>
        <translation>Chats und Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Search chats and messages</source>
        <translation>Chats und Nachrichten &amp;durchsuchen</translation>
    </message>
    <message>
        <source>Search in &amp;this chat</source>
        <translation>In diesem Chat &amp;suchen</translation>
    </message>
    <message>
        <source>← Back to chats</source>
        <translation>← Zurück zu den Chats</translation>
    </message>
    <message>
        <source>Archived (%1) · %2 unread</source>
        <translation>Archiviert (%1) · %2 ungelesen</translation>
    </message>
    <message>
        <source>Archived (%1)</source>
        <translation>Archiviert (%1)</translation>
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
    <message>
        <source>Not sent. Right-click to retry or delete.</source>
        <translation>Nicht gesendet. Rechtsklick zum erneuten Senden oder Löschen.</translation>
    </message>
    <message>
        <source>Not sent: %1. Right-click to retry or delete.</source>
        <translation>Nicht gesendet: %1. Rechtsklick zum erneuten Senden oder Löschen.</translation>
    </message>
    <message>
        <source>Not sent yet: %1</source>
        <translation>Noch nicht gesendet: %1</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>edited %1</source>
        <comment>the time under an edited message</comment>
        <translation>bearbeitet %1</translation>
    </message>
    <message>
        <source>Forwarded · %1</source>
        <comment>the time under a forwarded message</comment>
        <translation>Weitergeleitet · %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageEditMenu</name>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Für mich löschen</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Weiterleiten…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageInfoDialog</name>
    <message>
        <source>Message info</source>
        <translation>Nachrichteninfo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Read and delivered by</source>
        <translation>Gelesen und zugestellt bei</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Gelesen von</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <translation>Zugestellt an</translation>
    </message>
    <message>
        <source>Not delivered yet</source>
        <translation>Noch nicht zugestellt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageSearchPanel</name>
    <message>
        <source>Messages found</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>Keine Nachrichten gefunden</translation>
    </message>
    <message>
        <source>Messages (%1)</source>
        <translation>Nachrichten (%1)</translation>
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
    <name>linnet::ui::NewDeviceLinkPage</name>
    <message>
        <source>Link to an account you already use</source>
        <translation>Mit einem Konto verknüpfen, das du schon benutzt</translation>
    </message>
    <message>
        <source>One of your devices approves this one: it then gets your messages, and your chat history if you choose to send it.</source>
        <translation>Eines deiner Geräte bestätigt dieses: Danach bekommt es deine Nachrichten und, wenn du ihn sendest, deinen Chatverlauf.</translation>
    </message>
    <message>
        <source>&amp;Show the code</source>
        <translation>Code &amp;zeigen</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>Name dieses Geräts</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;This device’s name:</source>
        <translation>Name &amp;dieses Geräts:</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>Verknüpfungscode</translation>
    </message>
    <message>
        <source>Link code as a QR code</source>
        <translation>Verknüpfungscode als QR-Code</translation>
    </message>
    <message>
        <source>On a device where you already use Linnet, open Settings → Devices → Link a device and type this code. It works once, for 10 minutes.</source>
        <translation>Öffne auf einem Gerät, auf dem du Linnet schon benutzt, Einstellungen → Geräte → Gerät verknüpfen und gib diesen Code ein. Er funktioniert einmal, 10 Minuten lang.</translation>
    </message>
    <message>
        <source>Waiting for your other device</source>
        <translation>Warten auf dein anderes Gerät</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Asking the server for a code…</source>
        <translation>Der Server wird nach einem Code gefragt…</translation>
    </message>
    <message>
        <source>Waiting for one of your devices to approve this one…</source>
        <translation>Warten, bis eines deiner Geräte dieses bestätigt…</translation>
    </message>
    <message>
        <source>The code expired before one of your devices approved it (a code lasts 10 minutes). Ask for a new one with “Show the code”.</source>
        <translation>Der Code ist abgelaufen, bevor eines deiner Geräte ihn bestätigt hat (ein Code gilt 10 Minuten). Fordere mit „Code zeigen“ einen neuen an.</translation>
    </message>
    <message>
        <source>There is no account with this username on this server.</source>
        <translation>Auf diesem Server gibt es kein Konto mit diesem Benutzernamen.</translation>
    </message>
    <message>
        <source>Fingerprint of this device</source>
        <translation>Fingerabdruck dieses Geräts</translation>
    </message>
    <message>
        <source>Your other device shows the fingerprint of this one:
%1</source>
        <translation>Dein anderes Gerät zeigt den Fingerabdruck dieses Geräts:
%1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>e.g. Climbing club</source>
        <translation>z. B. Kletterverein</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>usernames, separated by commas</source>
        <translation>Benutzernamen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Group hint</source>
        <translation>Gruppenhinweis</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>&amp;Mitglieder:</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Gruppe erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Give the group a name.</source>
        <translation>Gib der Gruppe einen Namen.</translation>
    </message>
    <message>
        <source>“%1” is not a username: 3–32 letters, digits, dots, dashes or underscores.</source>
        <translation>„%1“ ist kein Benutzername: 3–32 Buchstaben, Ziffern, Punkte, Binde- oder Unterstriche.</translation>
    </message>
    <message>
        <source>Just you for now: add members later from the group&apos;s info.</source>
        <translation>Vorerst nur du: Mitglieder kannst du später in der Gruppeninfo hinzufügen.</translation>
    </message>
    <message>
        <source>Not connected: creating a group needs the server. Try again when Linnet is online.</source>
        <translation>Nicht verbunden: Zum Erstellen einer Gruppe wird der Server gebraucht. Versuche es erneut, wenn Linnet online ist.</translation>
    </message>
    <message>
        <source>Creating the group…</source>
        <translation>Die Gruppe wird erstellt…</translation>
    </message>
    <message>
        <source>The group was not created: %1</source>
        <translation>Die Gruppe wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>One member besides you.</source>
        <translation>Ein Mitglied außer dir.</translation>
    </message>
    <message numerus="yes">
        <source>%n members besides you.</source>
        <translation>
            <numerusform>%n Mitglied außer dir.</numerusform>
            <numerusform>%n Mitglieder außer dir.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linnet::ui::QuotePainter</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Sprachnachricht</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ReactionsPainter</name>
    <message>
        <source>you</source>
        <translation>du</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ReplyBar</name>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>Antwort abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Antwort abbrechen</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Antwort an %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SearchResultDelegate</name>
    <message>
        <source>You: </source>
        <translation>Du: </translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1: </translation>
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
        <source>&amp;Host a server on this computer</source>
        <translation>Einen Server auf diesem Computer &amp;betreiben</translation>
    </message>
    <message>
        <source>Address to share</source>
        <translation>Adresse zum Weitergeben</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Server wird gestartet…</translation>
    </message>
    <message>
        <source>The server could not be started: %1</source>
        <translation>Der Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Also reachable at: %1</source>
        <translation>Auch erreichbar unter: %1</translation>
    </message>
    <message>
        <source>Your server is running, but only this computer can reach it: it has no network address others could use (is it connected to a network?). Connect it, then start Linnet again to see the address to share.</source>
        <translation>Dein Server läuft, aber nur dieser Computer erreicht ihn: Er hat keine Netzwerkadresse, die andere nutzen könnten (ist er mit einem Netzwerk verbunden?). Verbinde ihn und starte Linnet dann neu, um die Adresse zum Weitergeben zu sehen.</translation>
    </message>
    <message>
        <source>an invite link (linnet://invite?…) or wss://host:7480/v1/ws</source>
        <translation>ein Einladungslink (linnet://invite?…) oder wss://host:7480/v1/ws</translation>
    </message>
    <message>
        <source>Invite link or server &amp;address:</source>
        <translation>Einladungslink oder Server&amp;adresse:</translation>
    </message>
    <message>
        <source>Invite link to share</source>
        <translation>Einladungslink zum Weitergeben</translation>
    </message>
    <message>
        <source>Invite link:</source>
        <translation>Einladungslink:</translation>
    </message>
    <message>
        <source>Your server is running, but no invite could be created: %1</source>
        <translation>Dein Server läuft, aber es konnte keine Einladung erstellt werden: %1</translation>
    </message>
    <message>
        <source>Your server is running. Give this invite link to someone you want to chat with on your network: it holds the address, an invite code and what their Linnet needs to trust your server&apos;s certificate. Each invite works once; your own account gets its own on the next page.</source>
        <translation>Dein Server läuft. Gib diesen Einladungslink jemandem in deinem Netzwerk, mit dem du chatten möchtest: Er enthält die Adresse, einen Einladungscode und das, was dessen Linnet braucht, um dem Zertifikat deines Servers zu vertrauen. Jede Einladung funktioniert einmal; dein eigenes Konto bekommt auf der nächsten Seite seine eigene.</translation>
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
    <message>
        <source>Media</source>
        <translation>Medien</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Download images automatically up to</source>
        <translation>Bilder automatisch herunterladen bis</translation>
    </message>
    <message>
        <source>Download &amp;images automatically up to:</source>
        <translation>&amp;Bilder automatisch herunterladen bis:</translation>
    </message>
    <message>
        <source>Larger images, videos and other files wait until you click Download.</source>
        <translation>Größere Bilder, Videos und andere Dateien warten, bis du auf Herunterladen klickst.</translation>
    </message>
    <message>
        <source>Local &amp;network</source>
        <translation>Lokales &amp;Netzwerk</translation>
    </message>
    <message>
        <source>Keep chatting with contacts on this network when the server cannot be reached.</source>
        <translation>Chatte mit Kontakten in diesem Netzwerk weiter, wenn der Server nicht erreichbar ist.</translation>
    </message>
    <message>
        <source>Play a &amp;sound with each notification</source>
        <translation>Bei jeder Benachrichtigung einen &amp;Ton abspielen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
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
<context>
    <name>linnet::ui::VoiceNoteComposer</name>
    <message>
        <source>Record a voice message</source>
        <translation>Sprachnachricht aufnehmen</translation>
    </message>
    <message>
        <source>Recording a voice message</source>
        <translation>Sprachnachricht wird aufgenommen</translation>
    </message>
    <message>
        <source>Cancel: the recording is deleted</source>
        <translation>Abbrechen: Die Aufnahme wird gelöscht</translation>
    </message>
    <message>
        <source>Cancel recording</source>
        <translation>Aufnahme abbrechen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme läuft</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>Aufnahmedauer</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation>Sprachnachricht senden</translation>
    </message>
    <message>
        <source>Send voice message</source>
        <translation>Sprachnachricht senden</translation>
    </message>
    <message>
        <source>No microphone found: connect one to record voice messages.</source>
        <translation>Kein Mikrofon gefunden: Schließ eines an, um Sprachnachrichten aufzunehmen.</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Sprachnachricht</translation>
    </message>
    <message>
        <source>No microphone found: connect one to record voice messages</source>
        <translation>Kein Mikrofon gefunden: Schließ eines an, um Sprachnachrichten aufzunehmen</translation>
    </message>
    <message>
        <source>No microphone found</source>
        <translation>Kein Mikrofon gefunden</translation>
    </message>
</context>
<context>
    <name>linnet::ui::VoiceNotePlayback</name>
    <message>
        <source>Voice message</source>
        <translation>Sprachnachricht</translation>
    </message>
</context>
</TS>
