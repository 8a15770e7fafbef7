<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AttachmentFiles</name>
    <message>
        <source>The pasted image is empty.</source>
        <translation>La imagen pegada está vacía.</translation>
    </message>
    <message>
        <source>Pasted image %1</source>
        <translation>Imagen pegada %1</translation>
    </message>
    <message>
        <source>The pasted image could not be saved in %1.</source>
        <translation>No se pudo guardar la imagen pegada en %1.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>Archivo %1</translation>
    </message>
    <message>
        <source>Photo %1, %2</source>
        <translation>Foto %1, %2</translation>
    </message>
    <message>
        <source>Video %1, %2</source>
        <translation>Vídeo %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2, %3</source>
        <translation>Archivo %1, %2, %3</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, subiendo: %2 %</translation>
    </message>
    <message>
        <source>%1, downloading %2%</source>
        <translation>%1, descargando: %2 %</translation>
    </message>
    <message>
        <source>%1, not downloaded</source>
        <translation>%1, sin descargar</translation>
    </message>
    <message>
        <source>%1, transfer failed</source>
        <translation>%1, la transferencia falló</translation>
    </message>
    <message>
        <source>%1, transfer failed: %2</source>
        <translation>%1, la transferencia falló: %2</translation>
    </message>
    <message>
        <source>%1, transfer cancelled</source>
        <translation>%1, transferencia cancelada</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>Descargar (%1)</translation>
    </message>
    <message>
        <source>Cancel upload</source>
        <translation>Cancelar la subida</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancelar la descarga</translation>
    </message>
    <message>
        <source>Retry upload</source>
        <translation>Reintentar la subida</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Reintentar la descarga</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Video %1, %2, %3</source>
        <translation>Vídeo %1, %2, %3</translation>
    </message>
    <message>
        <source>Voice message, %1</source>
        <translation>Mensaje de voz, %1</translation>
    </message>
    <message>
        <source>Pause voice message</source>
        <translation>Pausar el mensaje de voz</translation>
    </message>
    <message>
        <source>Play voice message</source>
        <translation>Reproducir el mensaje de voz</translation>
    </message>
</context>
<context>
    <name>GroupTexts</name>
    <message>
        <source>you</source>
        <translation>tú</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation>Creaste el grupo «%1»</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 creó el grupo «%2»</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Añadiste a %1</translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation>%1 te añadió</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 añadió a %2</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Eliminaste a %1</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 te eliminó</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 eliminó a %2</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>Saliste del grupo</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 salió del grupo</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Cambiaste el nombre del grupo a «%1»</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 cambió el nombre del grupo a «%2»</translation>
    </message>
    <message>
        <source>%1 made you an admin</source>
        <translation>%1 te hizo administrador</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>Hiciste administrador a %1</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hizo administrador a %2</translation>
    </message>
    <message>
        <source>%1 removed you as an admin</source>
        <translation>%1 te quitó como administrador</translation>
    </message>
    <message>
        <source>You removed %1 as an admin</source>
        <translation>Quitaste a %1 como administrador</translation>
    </message>
    <message>
        <source>%1 removed %2 as an admin</source>
        <translation>%1 quitó a %2 como administrador</translation>
    </message>
    <message>
        <source>The group changed</source>
        <translation>El grupo cambió</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>the application is quitting: the system keychain did not answer in time for &quot;%1&quot;</source>
        <translation>la aplicación se está cerrando: el llavero del sistema no respondió a tiempo para «%1»</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede leer «%1» (servicio «%2») del llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
    <message>
        <source>cannot store &quot;%1&quot; (service &quot;%2&quot;) in the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede guardar «%1» (servicio «%2») en el llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
    <message>
        <source>cannot remove &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede eliminar «%1» (servicio «%2») del llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
</context>
<context>
    <name>LocalStore</name>
    <message>
        <source>Linnet has not changed it. Quit Linnet and keep a copy of the folder %1. Then restore the file from a backup, or move it out of the folder to start this profile afresh: what the server still holds for this device comes again, what was only on this computer stays in your copy.</source>
        <translation>Linnet no la ha modificado. Cierra Linnet y guarda una copia de la carpeta %1. Después restaura el archivo desde una copia de seguridad, o sácalo de la carpeta para empezar este perfil de nuevo: lo que el servidor aún guarda para este dispositivo vuelve a llegar; lo que solo estaba en este ordenador queda en tu copia.</translation>
    </message>
    <message>
        <source>The database log %1 is damaged (%2); opening it would silently drop the messages it holds. %3</source>
        <translation>El registro de la base de datos %1 está dañado (%2); abrirlo descartaría en silencio los mensajes que contiene. %3</translation>
    </message>
    <message>
        <source>The database %1 is damaged (SQLite found: %2). %3</source>
        <translation>La base de datos %1 está dañada (SQLite encontró: %2). %3</translation>
    </message>
</context>
<context>
    <name>OwnKeys</name>
    <message>
        <source>the encryption state in this profile&apos;s database does not open with the key in its secret store (is it the secret store of another profile?); nothing was changed. Restore the secret store that belongs to this profile.</source>
        <translation>el estado de cifrado de la base de datos de este perfil no se abre con la clave de su almacén de secretos (¿es el almacén de secretos de otro perfil?); no se cambió nada. Restaura el almacén de secretos que pertenece a este perfil.</translation>
    </message>
</context>
<context>
    <name>PassphraseSecretStore</name>
    <message>
        <source>the secrets file %1 is corrupt or truncated (%2): restore it from a backup, or delete it and log in again on this device</source>
        <translation>el archivo de secretos %1 está dañado o truncado (%2): restáuralo desde una copia de seguridad, o bórralo y vuelve a iniciar sesión en este dispositivo</translation>
    </message>
    <message>
        <source>wrong passphrase for %1</source>
        <translation>frase de contraseña incorrecta para %1</translation>
    </message>
    <message>
        <source>cannot use the secrets file %1: %2</source>
        <translation>no se puede usar el archivo de secretos %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>only %n byte(s)</source>
        <translation>
            <numerusform>solo %n byte</numerusform>
            <numerusform>solo %n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>not a Linnet secrets file</source>
        <translation>no es un archivo de secretos de Linnet</translation>
    </message>
    <message>
        <source>format version %1 is not supported by this version of Linnet</source>
        <translation>esta versión de Linnet no admite la versión de formato %1</translation>
    </message>
    <message>
        <source>unknown key derivation algorithm %1</source>
        <translation>algoritmo de derivación de claves desconocido %1</translation>
    </message>
    <message>
        <source>implausible key derivation parameters</source>
        <translation>parámetros de derivación de claves inverosímiles</translation>
    </message>
    <message>
        <source>authentication failed: the file was truncated or modified</source>
        <translation>la autenticación falló: el archivo fue truncado o modificado</translation>
    </message>
    <message>
        <source>unreadable content</source>
        <translation>contenido ilegible</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>el archivo está vacío</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>sin memoria</translation>
    </message>
    <message>
        <source>cannot derive the key from the passphrase (out of memory?)</source>
        <translation>no se puede derivar la clave de la frase de contraseña (¿sin memoria?)</translation>
    </message>
    <message>
        <source>LINNET_PASSPHRASE is not set or empty: set it to the passphrase that encrypts this profile&apos;s secrets (a new profile keeps the first passphrase it is given)</source>
        <translation>LINNET_PASSPHRASE no está definida o está vacía: defínela con la frase de contraseña que cifra los secretos de este perfil (un perfil nuevo conserva la primera frase que recibe)</translation>
    </message>
    <message>
        <source>the passphrase for %1 is empty</source>
        <translation>la frase de contraseña para %1 está vacía</translation>
    </message>
    <message>
        <source>libsodium cannot start</source>
        <translation>libsodium no puede iniciarse</translation>
    </message>
    <message>
        <source>it was replaced by another program while Linnet was running (new salt or parameters); restart Linnet</source>
        <translation>otro programa lo reemplazó mientras Linnet se ejecutaba (nueva sal o nuevos parámetros); reinicia Linnet</translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation>no se puede crear el directorio %1</translation>
    </message>
    <message>
        <source>cannot set permissions 0600: %1</source>
        <translation>no se pueden establecer los permisos 0600: %1</translation>
    </message>
    <message>
        <source>another process keeps it locked (%1)</source>
        <translation>otro proceso lo mantiene bloqueado (%1)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Sí</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
</context>
<context>
    <name>ServerPin</name>
    <message>
        <source>the server showed no TLS certificate</source>
        <translation>el servidor no mostró ningún certificado TLS</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not the one this account trusts (its fingerprint is %1, the invite&apos;s %2): someone may be intercepting the connection, or the server got a new certificate; ask its admin for a new invite link</source>
        <translation>el certificado del servidor no es el que esta cuenta acepta (su huella es %1, la de la invitación %2): puede que alguien esté interceptando la conexión, o el servidor tiene un certificado nuevo; pide a su administrador un enlace de invitación nuevo</translation>
    </message>
</context>
<context>
    <name>linnet::client::BundledServer</name>
    <message>
        <source>the server stopped at once (exit code %1): %2</source>
        <translation>el servidor se detuvo enseguida (código de salida %1): %2</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>no se puede iniciar %1: %2</translation>
    </message>
    <message>
        <source>the server stopped unexpectedly (it crashed or was killed)</source>
        <translation>el servidor se detuvo inesperadamente (falló o fue terminado)</translation>
    </message>
    <message>
        <source>the server stopped (exit code %1): %2</source>
        <translation>el servidor se detuvo (código de salida %1): %2</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatClient</name>
    <message>
        <source>cannot reach the server at %1: %2</source>
        <translation>no se puede conectar con el servidor en %1: %2</translation>
    </message>
    <message>
        <source>this profile has no account yet: register or log in first</source>
        <translation>este perfil aún no tiene cuenta: primero regístrate o inicia sesión</translation>
    </message>
    <message>
        <source>cannot read this device&apos;s secrets: %1</source>
        <translation>no se pueden leer los secretos de este dispositivo: %1</translation>
    </message>
    <message>
        <source>cannot load this device&apos;s encryption keys: %1</source>
        <translation>no se pueden cargar las claves de cifrado de este dispositivo: %1</translation>
    </message>
    <message>
        <source>cannot store the device token: %1</source>
        <translation>no se puede guardar el token del dispositivo: %1</translation>
    </message>
    <message>
        <source>no keys on this device</source>
        <translation>no hay claves en este dispositivo</translation>
    </message>
    <message>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ No se pudo descifrar este mensaje (%1).</translation>
    </message>
    <message>
        <source>cannot store an incoming message: %1</source>
        <translation>no se puede guardar un mensaje entrante: %1</translation>
    </message>
    <message>
        <source>cannot save the message: %1</source>
        <translation>no se puede guardar el mensaje: %1</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Compare it again to be sure you talk to them.</source>
        <translation>El código de seguridad de %1 cambió. Compáralo de nuevo para asegurarte de que hablas con esa persona.</translation>
    </message>
    <message>
        <source>you are not a member of this group</source>
        <translation>no eres miembro de este grupo</translation>
    </message>
    <message>
        <source>the message is %L1 characters long; at most %L2 can be sent</source>
        <translation>el mensaje tiene %L1 caracteres; se pueden enviar como máximo %L2</translation>
    </message>
    <message>
        <source>the message is too large to encrypt for every device of this chat (%1 copies); send it in shorter parts</source>
        <translation>el mensaje es demasiado grande para cifrarlo para cada dispositivo de este chat (%1 copias); envíalo en partes más cortas</translation>
    </message>
    <message>
        <source>⚠ This message was rejected: it was written to %1, but the server delivered it as a message to %2.</source>
        <translation>⚠ Este mensaje se rechazó: se escribió para %1, pero el servidor lo entregó como mensaje para %2.</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Messages to them wait until you accept the new security code.</source>
        <translation>El código de seguridad de %1 cambió. Los mensajes para esta persona esperan hasta que aceptes el nuevo código de seguridad.</translation>
    </message>
    <message>
        <source>cannot store the account key: %1</source>
        <translation>no se puede guardar la clave de cuenta: %1</translation>
    </message>
    <message>
        <source>This device is not approved yet: approve it from one of your devices. Until then nobody encrypts to it.</source>
        <translation>Este dispositivo aún no está aprobado: apruébalo desde uno de tus dispositivos. Hasta entonces nadie cifra para él.</translation>
    </message>
    <message>
        <source>Your account has a new account key that this device does not hold: link it again from a device that does.</source>
        <translation>Tu cuenta tiene una clave de cuenta nueva que este dispositivo no tiene: vuelve a vincularlo desde un dispositivo que la tenga.</translation>
    </message>
    <message>
        <source>%1 has a device that their account key did not approve (%2). Nothing is encrypted to it.</source>
        <translation>%1 tiene un dispositivo que su clave de cuenta no aprobó (%2). No se cifra nada para él.</translation>
    </message>
    <message>
        <source>there is no message %1 to reply to in this chat</source>
        <translation>no hay ningún mensaje %1 en este chat al que responder</translation>
    </message>
    <message>
        <source>there is no message %1 to react to</source>
        <translation>no hay ningún mensaje %1 al que reaccionar</translation>
    </message>
    <message>
        <source>a reaction is one emoji (at most %1 characters, no spaces)</source>
        <translation>una reacción es un emoji (como mucho %1 caracteres, sin espacios)</translation>
    </message>
    <message>
        <source>approve this device from one of your devices</source>
        <translation>aprueba este dispositivo desde uno de tus dispositivos</translation>
    </message>
    <message>
        <source>this device was removed from your account by one of your other devices; link it again to use it</source>
        <translation>Uno de tus otros dispositivos quitó este dispositivo de tu cuenta; vuelve a vincularlo para usarlo</translation>
    </message>
    <message>
        <source>there is no message of yours %1 to change</source>
        <translation>no hay ningún mensaje tuyo %1 que cambiar</translation>
    </message>
    <message>
        <source>this message was deleted</source>
        <translation>este mensaje se eliminó</translation>
    </message>
    <message>
        <source>an edit needs text; delete the message instead</source>
        <translation>una edición necesita texto; elimina el mensaje en su lugar</translation>
    </message>
    <message>
        <source>a message can only be edited within 15 minutes of writing it</source>
        <translation>un mensaje solo se puede editar en los 15 minutos siguientes a escribirlo</translation>
    </message>
    <message>
        <source>a message can only be deleted for everyone within 48 hours of writing it</source>
        <translation>un mensaje solo se puede eliminar para todos en las 48 horas siguientes a escribirlo</translation>
    </message>
    <message>
        <source>%1 linked a new device: %2</source>
        <translation>%1 vinculó un dispositivo nuevo: %2</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>dispositivo %1</translation>
    </message>
    <message>
        <source>%1 removed a device from their account.</source>
        <translation>%1 quitó un dispositivo de su cuenta.</translation>
    </message>
    <message>
        <source>there is no message %1 with text to forward</source>
        <translation>no hay ningún mensaje %1 con texto que reenviar</translation>
    </message>
    <message>
        <source>messages with an attachment cannot be forwarded yet</source>
        <translation>los mensajes con un adjunto aún no se pueden reenviar</translation>
    </message>
    <message>
        <source>name at least one chat to forward to</source>
        <translation>indica al menos un chat al que reenviar</translation>
    </message>
    <message>
        <source>cannot make this device&apos;s encryption keys</source>
        <translation>no se pueden crear las claves de cifrado de este dispositivo</translation>
    </message>
    <message>
        <source>the approval does not open with this device&apos;s code</source>
        <translation>la aprobación no se abre con el código de este dispositivo</translation>
    </message>
    <message>
        <source>linking failed: %1</source>
        <translation>no se pudo vincular: %1</translation>
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
        <translation>🎥 Vídeo</translation>
    </message>
    <message>
        <source>🎵 Audio</source>
        <translation>🎵 Audio</translation>
    </message>
    <message>
        <source>🎤 Voice message</source>
        <translation>🎤 Mensaje de voz</translation>
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
        <translation>El nombre de un dispositivo no puede estar vacío</translation>
    </message>
    <message>
        <source>a device name has at most %1 characters</source>
        <translation>El nombre de un dispositivo tiene como máximo %1 caracteres</translation>
    </message>
    <message>
        <source>the connection to the server was lost</source>
        <translation>Se perdió la conexión con el servidor</translation>
    </message>
</context>
<context>
    <name>linnet::client::E2eSessions</name>
    <message>
        <source>%1 has no device that can receive encrypted messages yet</source>
        <translation>%1 todavía no tiene ningún dispositivo que pueda recibir mensajes cifrados</translation>
    </message>
    <message>
        <source>cannot start a secure session with a device of %1</source>
        <translation>no se puede iniciar una sesión segura con un dispositivo de %1</translation>
    </message>
    <message>
        <source>cannot encrypt for a device of %1: %2</source>
        <translation>no se puede cifrar para un dispositivo de %1: %2</translation>
    </message>
    <message>
        <source>cannot store the session state</source>
        <translation>no se puede guardar el estado de la sesión</translation>
    </message>
    <message>
        <source>a device of %1 sent a group key under a new identity key; refused</source>
        <translation>un dispositivo de %1 envió una clave de grupo con una nueva clave de identidad; rechazada</translation>
    </message>
    <message>
        <source>sent from a device of %1 that their account key has not approved; refused</source>
        <translation>enviado desde un dispositivo de %1 que su clave de cuenta no ha aprobado; rechazado</translation>
    </message>
    <message>
        <source>storage failed (%1)</source>
        <translation>falló el almacenamiento (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::client::GroupClient</name>
    <message>
        <source>the connection to the server was lost</source>
        <translation>se perdió la conexión con el servidor</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 creó el grupo «%2»</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 añadió a %2</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 eliminó a %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 salió del grupo</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 cambió el nombre del grupo a «%2»</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hizo administrador a %2</translation>
    </message>
    <message>
        <source>%1 removed %2 as an admin</source>
        <translation>%1 quitó a %2 como administrador</translation>
    </message>
    <message>
        <source>cannot store the group %1</source>
        <translation>no se puede guardar el grupo %1</translation>
    </message>
    <message>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ No se pudo descifrar este mensaje (%1).</translation>
    </message>
</context>
<context>
    <name>linnet::client::GroupMessaging</name>
    <message>
        <source>you are not a member of this group</source>
        <translation>no eres miembro de este grupo</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>sin clave</translation>
    </message>
    <message>
        <source>not a group message</source>
        <translation>no es un mensaje de grupo</translation>
    </message>
    <message>
        <source>the sender&apos;s key for this group has not arrived</source>
        <translation>la clave del remitente para este grupo aún no ha llegado</translation>
    </message>
</context>
<context>
    <name>linnet::client::HistoryTransfer</name>
    <message>
        <source>device %1 is not an approved device of this account</source>
        <translation>el dispositivo %1 no es un dispositivo aprobado de esta cuenta</translation>
    </message>
    <message>
        <source>cannot write the history: %1</source>
        <translation>no se puede escribir el historial: %1</translation>
    </message>
    <message>
        <source>the history could not be transferred: %1</source>
        <translation>no se pudo transferir el historial: %1</translation>
    </message>
    <message>
        <source>cannot read the history: %1</source>
        <translation>no se puede leer el historial: %1</translation>
    </message>
    <message>
        <source>the history was refused: %1</source>
        <translation>el historial fue rechazado: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::LinkApprover</name>
    <message>
        <source>that is not a link code: 16 letters and digits, as the new device shows them</source>
        <translation>eso no es un código de vinculación: 16 letras y cifras, como las muestra el dispositivo nuevo</translation>
    </message>
    <message>
        <source>this device does not hold the account key, so it cannot approve others: approve from one that does</source>
        <translation>este dispositivo no tiene la clave de la cuenta, así que no puede aprobar otros: apruébalo desde uno que la tenga</translation>
    </message>
    <message>
        <source>not connected to the server; try again when online</source>
        <translation>sin conexión con el servidor; inténtalo de nuevo cuando estés en línea</translation>
    </message>
    <message>
        <source>fetch the new device&apos;s request first</source>
        <translation>primero obtén la solicitud del dispositivo nuevo</translation>
    </message>
    <message>
        <source>this device does not hold the account key: approve from one that does</source>
        <translation>este dispositivo no tiene la clave de la cuenta: apruébalo desde uno que la tenga</translation>
    </message>
    <message>
        <source>the request filed under this code does not open with it; it was not approved</source>
        <translation>la solicitud de este código no se abre con él; no se aprobó</translation>
    </message>
    <message>
        <source>no device is waiting for this code: check it, or make a new one on the new device (a code lasts 10 minutes)</source>
        <translation>ningún dispositivo espera este código: revísalo o crea uno nuevo en el dispositivo nuevo (un código dura 10 minutos)</translation>
    </message>
    <message>
        <source>the connection to the server dropped; type the code again</source>
        <translation>se cortó la conexión con el servidor; vuelve a escribir el código</translation>
    </message>
    <message>
        <source>the new device did not come online to receive the history; it is linked, and the history can be sent later</source>
        <translation>el dispositivo nuevo no se conectó para recibir el historial; está vinculado y el historial se puede enviar más tarde</translation>
    </message>
</context>
<context>
    <name>linnet::client::MediaController</name>
    <message>
        <source>there is no file %1</source>
        <translation>no existe el archivo %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is %2; at most %3 can be sent</source>
        <translation>%1 ocupa %2; se pueden enviar como máximo %3</translation>
    </message>
    <message>
        <source>the caption is %L1 characters long; at most %L2 can be sent</source>
        <translation>el pie de foto tiene %L1 caracteres; se pueden enviar como máximo %L2</translation>
    </message>
    <message>
        <source>cannot copy %1 into the profile (is the disk full?)</source>
        <translation>no se puede copiar %1 al perfil (¿está lleno el disco?)</translation>
    </message>
    <message>
        <source>cannot save the message: %1</source>
        <translation>no se puede guardar el mensaje: %1</translation>
    </message>
    <message>
        <source>the upload was cancelled</source>
        <translation>la subida se canceló</translation>
    </message>
    <message>
        <source>the file is too large for the server (%1)</source>
        <translation>el archivo es demasiado grande para el servidor (%1)</translation>
    </message>
    <message>
        <source>your storage on the server is full (%1)</source>
        <translation>tu espacio en el servidor está lleno (%1)</translation>
    </message>
    <message>
        <source>the server&apos;s disk is full (%1)</source>
        <translation>el disco del servidor está lleno (%1)</translation>
    </message>
    <message>
        <source>the server refused the upload (%1)</source>
        <translation>el servidor rechazó la subida (%1)</translation>
    </message>
    <message>
        <source>the file is no longer on the server</source>
        <translation>el archivo ya no está en el servidor</translation>
    </message>
    <message>
        <source>the server refused the download (%1)</source>
        <translation>el servidor rechazó la descarga (%1)</translation>
    </message>
    <message>
        <source>the server reserved %1 bytes for a file of %2</source>
        <translation>el servidor reservó %1 bytes para un archivo de %2</translation>
    </message>
    <message>
        <source>cannot read the file to send: %1</source>
        <translation>no se puede leer el archivo que se va a enviar: %1</translation>
    </message>
    <message>
        <source>cannot queue the message</source>
        <translation>no se puede poner el mensaje en cola</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>no se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>cannot save the file: %1</source>
        <translation>no se puede guardar el archivo: %1</translation>
    </message>
    <message>
        <source>the file was damaged or tampered with and was not saved (%1)</source>
        <translation>el archivo estaba dañado o manipulado y no se guardó (%1)</translation>
    </message>
    <message>
        <source>the file to send is gone</source>
        <translation>el archivo que se iba a enviar ya no está</translation>
    </message>
</context>
<context>
    <name>linnet::client::Outbox</name>
    <message>
        <source>%1; trying again</source>
        <translation>%1; se volverá a intentar</translation>
    </message>
</context>
<context>
    <name>linnet::client::Profile</name>
    <message>
        <source>cannot create the profile directory %1</source>
        <translation>no se puede crear la carpeta del perfil %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::SingleInstance</name>
    <message>
        <source>cannot create the profile directory %1</source>
        <translation>no se puede crear la carpeta del perfil %1</translation>
    </message>
    <message>
        <source>Linnet is already running with the profile %1</source>
        <translation>Linnet ya se está ejecutando con el perfil %1</translation>
    </message>
    <message>
        <source>cannot lock the profile %1</source>
        <translation>no se puede bloquear el perfil %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::VoicePlayer</name>
    <message>
        <source>Cannot play this voice message: %1</source>
        <translation>No se puede reproducir este mensaje de voz: %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::VoiceRecorder</name>
    <message>
        <source>No microphone found: connect one to record voice messages</source>
        <translation>No se encontró ningún micrófono: conecta uno para grabar mensajes de voz</translation>
    </message>
    <message>
        <source>Voice messages cannot be recorded here: no audio encoder</source>
        <translation>Aquí no se pueden grabar mensajes de voz: no hay codificador de audio</translation>
    </message>
    <message>
        <source>Cannot record: cannot create %1</source>
        <translation>No se puede grabar: no se puede crear %1</translation>
    </message>
    <message>
        <source>Recording failed: %1</source>
        <translation>La grabación falló: %1</translation>
    </message>
    <message>
        <source>Nothing was recorded: is the microphone working?</source>
        <translation>No se grabó nada: ¿funciona el micrófono?</translation>
    </message>
    <message>
        <source>Cannot save the voice message in %1</source>
        <translation>No se puede guardar el mensaje de voz en %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AccountPage</name>
    <message>
        <source>Your account</source>
        <translation>Tu cuenta</translation>
    </message>
    <message>
        <source>Create an account on the server, or log in to one you already have.</source>
        <translation>Crea una cuenta en el servidor o inicia sesión con una que ya tengas.</translation>
    </message>
    <message>
        <source>The server asks you to sign in again on this computer.</source>
        <translation>El servidor te pide que vuelvas a iniciar sesión en este ordenador.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>Crear una cuenta &amp;nueva</translation>
    </message>
    <message>
        <source>&amp;Log in to an existing account</source>
        <translation>Iniciar sesión con una cuenta e&amp;xistente</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <source>letters, digits, dot, dash</source>
        <translation>letras, dígitos, punto, guion</translation>
    </message>
    <message>
        <source>only needed if the server asks for one</source>
        <translation>solo si el servidor lo pide</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repetir contraseña:</translation>
    </message>
    <message>
        <source>&amp;Invite code:</source>
        <translation>Código de &amp;invitación:</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>Esperando al servidor</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Creando tu cuenta…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>This username is already taken. Please choose another one.</source>
        <translation>Este nombre de usuario ya está en uso. Elige otro, por favor.</translation>
    </message>
    <message>
        <source>The invite code is missing or not valid. Ask the person who runs the server for a new invite code.</source>
        <translation>Falta el código de invitación o no es válido. Pide uno nuevo a la persona que administra el servidor.</translation>
    </message>
    <message>
        <source>This server does not accept new accounts right now.</source>
        <translation>Este servidor no acepta cuentas nuevas en este momento.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Demasiados intentos. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The server did not accept these details: %1</source>
        <translation>El servidor no aceptó estos datos: %1</translation>
    </message>
    <message>
        <source>This server speaks a different version of the protocol. Update Linnet or the server.</source>
        <translation>Este servidor usa otra versión del protocolo. Actualiza Linnet o el servidor.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and that the server is running. (%1)</source>
        <translation>No se puede conectar con el servidor. Comprueba la dirección y que el servidor esté en marcha. (%1)</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>El servidor lo rechazó: %1</translation>
    </message>
    <message>
        <source>Invite code or link</source>
        <translation>Código o enlace de invitación</translation>
    </message>
    <message>
        <source>Server: %1 (its certificate is pinned)</source>
        <translation>Servidor: %1 (su certificado está fijado)</translation>
    </message>
    <message>
        <source>This invite link is not complete or not valid: %1</source>
        <translation>Este enlace de invitación está incompleto o no es válido: %1</translation>
    </message>
    <message>
        <source>&amp;Start over with this account: remove all its devices and make a new security code (your contacts are told)</source>
        <translation>&amp;Empezar de nuevo con esta cuenta: quitar todos sus dispositivos y crear un nuevo código de seguridad (se avisa a tus contactos)</translation>
    </message>
    <message>
        <source>This account already has devices: approve this device from one of your devices. If you have lost all of them, tick “Start over with this account”.</source>
        <translation>Esta cuenta ya tiene dispositivos: aprueba este dispositivo desde uno de tus dispositivos. Si los has perdido todos, marca «Empezar de nuevo con esta cuenta».</translation>
    </message>
    <message>
        <source>Lin&amp;k this computer to an account I already use</source>
        <translation>&amp;Vincular este ordenador a una cuenta que ya uso</translation>
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
        <translation>No se pudo abrir tu perfil: %1</translation>
    </message>
    <message>
        <source>The server on this computer stopped (%1). Starting it again…</source>
        <translation>El servidor de este ordenador se detuvo (%1). Se está iniciando de nuevo…</translation>
    </message>
    <message>
        <source>Starting the server on this computer…</source>
        <translation>Iniciando el servidor de este ordenador…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentActions</name>
    <message>
        <source>Save as</source>
        <translation>Guardar como</translation>
    </message>
    <message>
        <source>%1 could not be saved: %2</source>
        <translation>No se pudo guardar %1: %2</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>No se pudo guardar %1.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>No se puede abrir %1</translation>
    </message>
    <message>
        <source>No application on this computer opens %1. Use “Save as…” or “Show in folder” from its menu.</source>
        <translation>Ninguna aplicación de este ordenador abre %1. Usa «Guardar como…» o «Mostrar en la carpeta» en su menú.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentPreviewDialog</name>
    <message>
        <source>Send to %1</source>
        <translation>Enviar a %1</translation>
    </message>
    <message>
        <source>Files to send</source>
        <translation>Archivos para enviar</translation>
    </message>
    <message>
        <source>Add a caption (sent with the first file)</source>
        <translation>Añadir un pie de foto (se envía con el primer archivo)</translation>
    </message>
    <message>
        <source>Add a caption</source>
        <translation>Añadir un pie de foto</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Pie de foto</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>el archivo no existe</translation>
    </message>
    <message>
        <source>only files can be sent, not folders</source>
        <translation>solo se pueden enviar archivos, no carpetas</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>no se puede leer el archivo</translation>
    </message>
    <message>
        <source>larger than %1</source>
        <translation>más de %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Cannot be sent: %1</source>
        <translation>No se puede enviar: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AttachmentSender</name>
    <message>
        <source>Attach a photo, video or file</source>
        <translation>Adjuntar una foto, un vídeo o un archivo</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Adjuntar</translation>
    </message>
    <message>
        <source>&amp;Photo or video…</source>
        <translation>&amp;Foto o vídeo…</translation>
    </message>
    <message>
        <source>&amp;File…</source>
        <translation>&amp;Archivo…</translation>
    </message>
    <message>
        <source>Send photos or videos</source>
        <translation>Enviar fotos o vídeos</translation>
    </message>
    <message>
        <source>Photos and videos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.mp4 *.mov *.webm *.mkv *.avi);;All files (*)</source>
        <translation>Fotos y vídeos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.mp4 *.mov *.webm *.mkv *.avi);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Enviar archivos</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The pasted image could not be saved.</source>
        <translation>No se pudo guardar la imagen pegada.</translation>
    </message>
    <message>
        <source>Cannot send</source>
        <translation>No se puede enviar</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatFindBar</name>
    <message>
        <source>Older match (Enter)</source>
        <translation>Coincidencia anterior (Intro)</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Coincidencia siguiente (Mayús+Intro)</translation>
    </message>
    <message>
        <source>Close search (Escape)</source>
        <translation>Cerrar la búsqueda (Esc)</translation>
    </message>
    <message>
        <source>Search in this chat</source>
        <translation>Buscar en este chat</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Coincidencias</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <source>Search in this chat (Ctrl+Shift+F)</source>
        <translation>Buscar en este chat (Ctrl+Mayús+F)</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Borrador:</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListMenu</name>
    <message>
        <source>Unpin</source>
        <translation>Desfijar</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Fijar arriba</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Activar sonido</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Silenciar notificaciones</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>Durante 8 horas</translation>
    </message>
    <message>
        <source>For 1 week</source>
        <translation>Durante 1 semana</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Siempre</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Desarchivar</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marcar como no leído</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Vaciar el historial…</translation>
    </message>
    <message>
        <source>&amp;Delete chat…</source>
        <translation>&amp;Eliminar chat…</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Vaciar el historial</translation>
    </message>
    <message>
        <source>Delete all messages of the chat with %1 from this computer? The chat stays; messages still waiting to be sent are kept.</source>
        <translation>¿Eliminar de este ordenador todos los mensajes del chat con %1? El chat se queda; los mensajes que aún esperan a enviarse se conservan.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ComposeEdit</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Intro envía, Mayús+Intro empieza una línea nueva</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Escribe un mensaje</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConnectionBanner</name>
    <message>
        <source>Log in again</source>
        <translation>Volver a iniciar sesión</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <source>Connection status icon</source>
        <translation>Icono del estado de la conexión</translation>
    </message>
    <message>
        <source>Connection status message</source>
        <translation>Mensaje del estado de la conexión</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Offline — messages will be sent when you are back online</source>
        <translation>Sin conexión: los mensajes se enviarán cuando vuelvas a estar en línea</translation>
    </message>
    <message>
        <source>Signed out: the server refused this device</source>
        <translation>Sesión cerrada: el servidor rechazó este dispositivo</translation>
    </message>
    <message>
        <source>Server unreachable — looking for contacts on the local network</source>
        <translation>Servidor inaccesible — buscando contactos en la red local</translation>
    </message>
    <message>
        <source>Server unreachable — chatting on the local network with %1</source>
        <translation>Servidor inaccesible — chateando en la red local con %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ContactInfoDialog</name>
    <message>
        <source>Contact info</source>
        <translation>Información del contacto</translation>
    </message>
    <message>
        <source>Messages with %1 are end-to-end encrypted. To be sure nobody is in the middle, compare this security code with the one on their screen, in person or on a call you trust. If they match, mark the conversation as verified.</source>
        <translation>Los mensajes con %1 están cifrados de extremo a extremo. Para asegurarte de que nadie está en medio, compara este código de seguridad con el de su pantalla, en persona o en una llamada de confianza. Si coinciden, marca la conversación como verificada.</translation>
    </message>
    <message>
        <source>Security code</source>
        <translation>Código de seguridad</translation>
    </message>
    <message>
        <source>The security code appears once you have exchanged a message with %1.</source>
        <translation>El código de seguridad aparece cuando hayas intercambiado un mensaje con %1.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verificado</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Sin verificar</translation>
    </message>
    <message>
        <source>Clear verification</source>
        <translation>Quitar verificación</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>Marcar como verificado</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>No chat selected</source>
        <translation>Ningún chat seleccionado</translation>
    </message>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>Elige un chat para empezar a escribir</translation>
    </message>
    <message>
        <source>Press Ctrl+N to start a new chat</source>
        <translation>Pulsa Ctrl+N para empezar un chat nuevo</translation>
    </message>
    <message>
        <source>Contact picture</source>
        <translation>Foto del contacto</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <source>Contact status</source>
        <translation>Estado del contacto</translation>
    </message>
    <message>
        <source>Contact info and security code</source>
        <translation>Información del contacto y código de seguridad</translation>
    </message>
    <message>
        <source>Contact info</source>
        <translation>Información del contacto</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Typing indicator</source>
        <translation>Indicador de escritura</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>últ. vez hoy a las %1</translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation>últ. vez ayer a las %1</translation>
    </message>
    <message>
        <source>last seen %1 at %2</source>
        <translation>últ. vez el %1 a las %2</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Acciones del mensaje</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Abrir enlace</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copiar enlace</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Message info</source>
        <translation>Información del mensaje</translation>
    </message>
    <message>
        <source>%1 are typing…</source>
        <translation>%1 están escribiendo…</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Información del grupo</translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation>Información y miembros del grupo</translation>
    </message>
    <message>
        <source>%L1 / %L2</source>
        <translation>%L1 / %L2</translation>
    </message>
    <message>
        <source>Too long to send: shorten the message to %L1 characters or send it in parts</source>
        <translation>Demasiado largo para enviar: acorta el mensaje a %L1 caracteres o envíalo por partes</translation>
    </message>
    <message>
        <source>Message too long</source>
        <translation>Mensaje demasiado largo</translation>
    </message>
    <message>
        <source>Message length</source>
        <translation>Longitud del mensaje</translation>
    </message>
    <message>
        <source>The message is too long to send</source>
        <translation>El mensaje es demasiado largo para enviarlo</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Accept new security code</source>
        <translation>Aceptar el nuevo código de seguridad</translation>
    </message>
    <message>
        <source>The security code of %1 changed. Your messages to them wait until you accept the new one (compare it in Contact info).</source>
        <translation>El código de seguridad de %1 cambió. Tus mensajes para esta persona esperan hasta que aceptes el nuevo (compáralo en Información del contacto).</translation>
    </message>
    <message>
        <source>on the local network</source>
        <translation>en la red local</translation>
    </message>
    <message>
        <source>The message this replies to is not on this device.</source>
        <translation>El mensaje al que esto responde no está en este dispositivo.</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reaccionar</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Otro…</translation>
    </message>
    <message>
        <source>Emoji:</source>
        <translation>Emoji:</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Quitar mi reacción</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceNameDialog</name>
    <message>
        <source>Rename device</source>
        <translation>Cambiar el nombre del dispositivo</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nombre del dispositivo</translation>
    </message>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;Nombre nuevo:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceNoticeBanner</name>
    <message>
        <source>Device approval</source>
        <translation>Aprobación del dispositivo</translation>
    </message>
    <message>
        <source>Device approval message</source>
        <translation>Mensaje de aprobación del dispositivo</translation>
    </message>
    <message>
        <source>Close the device notice</source>
        <translation>Cerrar el aviso del dispositivo</translation>
    </message>
    <message>
        <source>A new device was linked to your account: %1. If it was not you, revoke it in Settings → Devices and change your password.</source>
        <translation>Se vinculó un dispositivo nuevo a tu cuenta: %1. Si no fuiste tú, revócalo en Ajustes → Dispositivos y cambia tu contraseña.</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>dispositivo %1</translation>
    </message>
    <message>
        <source>A device was removed from your account: %1.</source>
        <translation>Se quitó un dispositivo de tu cuenta: %1.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::DeviceRow</name>
    <message>
        <source>This device</source>
        <translation>Este dispositivo</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>Aún sin claves</translation>
    </message>
    <message>
        <source>Fingerprint of %1</source>
        <translation>Huella de %1</translation>
    </message>
    <message>
        <source>⚠ Not approved by your account key — nothing is encrypted to it. Revoke it if you do not know it.</source>
        <translation>⚠ No aprobado por tu clave de cuenta: no se cifra nada para él. Revócalo si no lo conoces.</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Cambiar nombre…</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Cambiar el nombre de %1</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revocar…</translation>
    </message>
    <message>
        <source>Revoke %1</source>
        <translation>Revocar %1</translation>
    </message>
    <message>
        <source>Linked %1</source>
        <translation>Vinculado el %1</translation>
    </message>
    <message>
        <source>Linked at an unknown time</source>
        <translation>Vinculado en un momento desconocido</translation>
    </message>
    <message>
        <source>active now</source>
        <translation>activo ahora</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>visto por última vez el %1</translation>
    </message>
    <message>
        <source>never seen</source>
        <translation>nunca visto</translation>
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
        <translation>Estos dispositivos pueden leer tus mensajes. Revoca cualquier dispositivo que no reconozcas o que ya no uses.</translation>
    </message>
    <message>
        <source>Asking the server for your devices…</source>
        <translation>Pidiendo tus dispositivos al servidor…</translation>
    </message>
    <message>
        <source>Renaming…</source>
        <translation>Cambiando el nombre…</translation>
    </message>
    <message>
        <source>Revoke device</source>
        <translation>Revocar dispositivo</translation>
    </message>
    <message>
        <source>Revoke “%1”?</source>
        <translation>¿Revocar «%1»?</translation>
    </message>
    <message>
        <source>It is signed out at once and gets no new messages; your contacts stop encrypting to it. If the device was lost or stolen, change your password too.</source>
        <translation>Se cierra su sesión al instante y no recibe mensajes nuevos; tus contactos dejan de cifrar para él. Si el dispositivo se perdió o te lo robaron, cambia también tu contraseña.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Revocando…</translation>
    </message>
    <message>
        <source>Renamed “%1”.</source>
        <translation>Se cambió el nombre de «%1».</translation>
    </message>
    <message>
        <source>“%1” was revoked: it is signed out and gets no new messages.</source>
        <translation>«%1» fue revocado: su sesión está cerrada y no recibe mensajes nuevos.</translation>
    </message>
    <message>
        <source>“%1” is no longer on your account. Nothing was changed.</source>
        <translation>«%1» ya no está en tu cuenta. No se cambió nada.</translation>
    </message>
    <message>
        <source>The connection to the server was lost before it answered. Check the list and try again.</source>
        <translation>Se perdió la conexión con el servidor antes de que respondiera. Revisa la lista y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The device list could not be loaded: %1</source>
        <translation>No se pudo cargar la lista de dispositivos: %1</translation>
    </message>
    <message>
        <source>The server refused this: %1</source>
        <translation>El servidor lo rechazó: %1</translation>
    </message>
    <message>
        <source>This device was removed from your account by one of your other devices: it is signed out and gets no new messages. Link it again to use it.</source>
        <translation>Uno de tus otros dispositivos quitó este dispositivo de tu cuenta: su sesión está cerrada y no recibe mensajes nuevos. Vuelve a vincularlo para usarlo.</translation>
    </message>
    <message>
        <source>Signed out: the server refused this device. Nothing was changed.</source>
        <translation>Sesión cerrada: el servidor rechazó este dispositivo. No se cambió nada.</translation>
    </message>
    <message>
        <source>You are offline: nothing was changed. Try again when Linnet is connected.</source>
        <translation>Estás sin conexión: no se cambió nada. Vuelve a intentarlo cuando Linnet esté conectado.</translation>
    </message>
    <message>
        <source>&amp;Link a device…</source>
        <translation>&amp;Vincular un dispositivo…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::EditMessageDialog</name>
    <message>
        <source>Edit message</source>
        <translation>Editar mensaje</translation>
    </message>
    <message>
        <source>Everyone in this chat sees the new text, marked as edited.</source>
        <translation>Todos en este chat ven el texto nuevo, marcado como editado.</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texto del mensaje</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ForwardDialog</name>
    <message>
        <source>Forward to</source>
        <translation>Reenviar a</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Reenviar</translation>
    </message>
</context>
<context>
    <name>linnet::ui::FreedesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>linnet::ui::GroupInfoDialog</name>
    <message>
        <source>&amp;Rename</source>
        <translation>Cambiar &amp;nombre</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Re&amp;move from group</source>
        <translation>&amp;Quitar del grupo</translation>
    </message>
    <message>
        <source>Make a&amp;dmin</source>
        <translation>Hacer a&amp;dministrador</translation>
    </message>
    <message>
        <source>&amp;Leave group</source>
        <translation>&amp;Salir del grupo</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Información del grupo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>M&amp;embers:</source>
        <translation>&amp;Miembros:</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Username to add</source>
        <translation>Usuario que añadir</translation>
    </message>
    <message>
        <source>username to add</source>
        <translation>usuario que añadir</translation>
    </message>
    <message>
        <source>Group error</source>
        <translation>Error del grupo</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <source>%1 — admin</source>
        <translation>%1 — administrador</translation>
    </message>
    <message>
        <source>Not connected: changing a group needs the server.</source>
        <translation>Sin conexión: para cambiar un grupo hace falta el servidor.</translation>
    </message>
    <message>
        <source>Revoke a&amp;dmin</source>
        <translation>Quitar a&amp;dministrador</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Salir del grupo</translation>
    </message>
    <message>
        <source>Leave this group? You will no longer receive its messages.</source>
        <translation>¿Salir de este grupo? Ya no recibirás sus mensajes.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::HistoryProgressBar</name>
    <message>
        <source>Chat history transfer</source>
        <translation>Transferencia del historial de chats</translation>
    </message>
    <message>
        <source>Chat history transfer progress</source>
        <translation>Progreso de la transferencia del historial de chats</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Receiving your chat history from your other device…</source>
        <translation>Recibiendo tu historial de chats desde tu otro dispositivo…</translation>
    </message>
    <message>
        <source>Your chat history was sent to your new device. It appears there once it has arrived.</source>
        <translation>Tu historial de chats se envió a tu dispositivo nuevo. Aparecerá allí en cuanto llegue.</translation>
    </message>
    <message>
        <source>Sending your chat history to your new device…</source>
        <translation>Enviando tu historial de chats a tu dispositivo nuevo…</translation>
    </message>
    <message numerus="yes">
        <source>Adding your chat history: %n message(s) so far…</source>
        <translation>
            <numerusform>Añadiendo tu historial de chats: %n mensaje hasta ahora…</numerusform>
            <numerusform>Añadiendo tu historial de chats: %n mensajes hasta ahora…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your chat history arrived: %n message(s) added.</source>
        <translation>
            <numerusform>Tu historial de chats llegó: se añadió %n mensaje.</numerusform>
            <numerusform>Tu historial de chats llegó: se añadieron %n mensajes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your chat history could not be transferred: %1</source>
        <translation>No se pudo transferir tu historial de chats: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ImageViewer</name>
    <message>
        <source>Picture viewer</source>
        <translation>Visor de imágenes</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Tamaño real</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>No se puede mostrar %1: %2</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 de %3)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>linnet::ui::LinkDeviceDialog</name>
    <message>
        <source>No new device is waiting under this code. A code lasts 10 minutes: check it, or start linking again on the new device.</source>
        <translation>Ningún dispositivo nuevo espera con este código. Un código dura 10 minutos: revísalo o vuelve a empezar la vinculación en el dispositivo nuevo.</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Try again when Linnet is connected.</source>
        <translation>Se perdió la conexión con el servidor. Vuelve a intentarlo cuando Linnet esté conectado.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>Demasiados intentos. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Linking failed: %1</source>
        <translation>La vinculación falló: %1</translation>
    </message>
    <message>
        <source>Link a device</source>
        <translation>Vincular un dispositivo</translation>
    </message>
    <message>
        <source>“%1” is linked, but your chat history could not be sent: %2</source>
        <translation>«%1» está vinculado, pero no se pudo enviar tu historial de chats: %2</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>Código de vinculación</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Fingerprint of the new device</source>
        <translation>Huella del dispositivo nuevo</translation>
    </message>
    <message>
        <source>Also send my chat &amp;history</source>
        <translation>Enviar también mi &amp;historial de chats</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Vincular</translation>
    </message>
    <message>
        <source>Linking progress</source>
        <translation>Progreso de la vinculación</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Type the code the new device shows.</source>
        <translation>Escribe el código que muestra el dispositivo nuevo.</translation>
    </message>
    <message>
        <source>You are offline. Try again when Linnet is connected.</source>
        <translation>Estás sin conexión. Vuelve a intentarlo cuando Linnet esté conectado.</translation>
    </message>
    <message>
        <source>Looking for the new device…</source>
        <translation>Buscando el dispositivo nuevo…</translation>
    </message>
    <message>
        <source>Link “%1” to your account?</source>
        <translation>¿Vincular «%1» a tu cuenta?</translation>
    </message>
    <message>
        <source>Linking “%1”…</source>
        <translation>Vinculando «%1»…</translation>
    </message>
    <message>
        <source>“%1” is linked. It gets every new message; your chat history stays on this device.</source>
        <translation>«%1» está vinculado. Recibe todos los mensajes nuevos; tu historial de chats se queda en este dispositivo.</translation>
    </message>
    <message>
        <source>“%1” is linked. Sending your chat history…</source>
        <translation>«%1» está vinculado. Enviando tu historial de chats…</translation>
    </message>
    <message>
        <source>“%1” is linked and your chat history was sent: it appears there once it has arrived.</source>
        <translation>«%1» está vinculado y tu historial de chats se envió: aparecerá allí en cuanto llegue.</translation>
    </message>
    <message>
        <source>On the new device, choose “Link this computer to an account I already use” when Linnet starts. It shows a code: type it here.</source>
        <translation>En el dispositivo nuevo, elige «Vincular este ordenador a una cuenta que ya uso» al iniciar Linnet. Mostrará un código: escríbelo aquí.</translation>
    </message>
    <message>
        <source>Check that the new device shows the same fingerprint, and only link a device you have in front of you. It gets your account key: it reads your new messages, and it can link and revoke devices like this one.</source>
        <translation>Comprueba que el dispositivo nuevo muestra la misma huella y vincula solo un dispositivo que tengas delante. Recibe tu clave de cuenta: lee tus mensajes nuevos y puede vincular y revocar dispositivos como este.</translation>
    </message>
    <message>
        <source>“%1” is linked. Waiting until it is ready for your chat history…</source>
        <translation>«%1» está vinculado. Esperando a que esté listo para tu historial de chats…</translation>
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
        <translation>Chats y conversación</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>No chats yet. Start one with the button above.</source>
        <translation>Aún no hay chats. Empieza uno con el botón de arriba.</translation>
    </message>
    <message>
        <source>No chats match your search.</source>
        <translation>Ningún chat coincide con tu búsqueda.</translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>Chat &amp;nuevo…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>(%1) Linnet</source>
        <translation>(%1) Linnet</translation>
    </message>
    <message>
        <source>New &amp;group…</source>
        <translation>Nuevo &amp;grupo…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>Not connected: creating a group needs the server. Try again when Linnet is online.</source>
        <translation>Sin conexión: para crear un grupo hace falta el servidor. Inténtalo de nuevo cuando Linnet esté en línea.</translation>
    </message>
    <message>
        <source>The group was not created: %1</source>
        <translation>El grupo no se creó: %1</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>Acciones del chat</translation>
    </message>
    <message>
        <source>&amp;Delete chat…</source>
        <translation>&amp;Eliminar chat…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Eliminar chat</translation>
    </message>
    <message>
        <source>Delete the chat with %1 and its messages from this computer? %1 keeps their copy.</source>
        <translation>¿Eliminar de este ordenador el chat con %1 y sus mensajes? %1 conserva su copia.</translation>
    </message>
    <message>
        <source>Search chats and messages</source>
        <translation>Buscar chats y mensajes</translation>
    </message>
    <message>
        <source>&amp;Search chats and messages</source>
        <translation>&amp;Buscar chats y mensajes</translation>
    </message>
    <message>
        <source>Search in &amp;this chat</source>
        <translation>Buscar en es&amp;te chat</translation>
    </message>
    <message>
        <source>← Back to chats</source>
        <translation>← Volver a los chats</translation>
    </message>
    <message>
        <source>Archived (%1) · %2 unread</source>
        <translation>Archivados (%1) · %2 sin leer</translation>
    </message>
    <message>
        <source>Archived (%1)</source>
        <translation>Archivados (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Not sent. Right-click to retry or delete.</source>
        <translation>No enviado. Haz clic derecho para reintentar o eliminar.</translation>
    </message>
    <message>
        <source>Not sent: %1. Right-click to retry or delete.</source>
        <translation>No enviado: %1. Haz clic derecho para reintentar o eliminar.</translation>
    </message>
    <message>
        <source>Not sent yet: %1</source>
        <translation>Aún no enviado: %1</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Este mensaje se eliminó</translation>
    </message>
    <message>
        <source>edited %1</source>
        <comment>the time under an edited message</comment>
        <translation>editado %1</translation>
    </message>
    <message>
        <source>Forwarded · %1</source>
        <comment>the time under a forwarded message</comment>
        <translation>Reenviado · %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageEditMenu</name>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Eliminar para todos</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Eliminar para mí</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Reenviar…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::MessageInfoDialog</name>
    <message>
        <source>Message info</source>
        <translation>Información del mensaje</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Read and delivered by</source>
        <translation>Leído y entregado por</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Leído por</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <translation>Entregado a</translation>
    </message>
    <message>
        <source>Not delivered yet</source>
        <translation>Aún no entregado</translation>
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
        <translation>Mensajes encontrados</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>No se encontraron mensajes</translation>
    </message>
    <message>
        <source>Messages (%1)</source>
        <translation>Mensajes (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <source>Username of the person to chat with:</source>
        <translation>Nombre de usuario de la persona con quien quieres chatear:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>e.g. ana.maria</source>
        <translation>p. ej. ana.maria</translation>
    </message>
    <message>
        <source>Username hint</source>
        <translation>Ayuda sobre el nombre de usuario</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Empezar chat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>That is your own username.</source>
        <translation>Ese es tu propio nombre de usuario.</translation>
    </message>
    <message>
        <source>3 to 32 characters: letters, digits, dot, underscore, hyphen.</source>
        <translation>De 3 a 32 caracteres: letras, dígitos, punto, guion bajo, guion.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewDeviceLinkPage</name>
    <message>
        <source>Link to an account you already use</source>
        <translation>Vincular a una cuenta que ya usas</translation>
    </message>
    <message>
        <source>One of your devices approves this one: it then gets your messages, and your chat history if you choose to send it.</source>
        <translation>Uno de tus dispositivos aprueba este: después recibe tus mensajes y, si decides enviarlo, tu historial de chats.</translation>
    </message>
    <message>
        <source>&amp;Show the code</source>
        <translation>&amp;Mostrar el código</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>Nombre de este dispositivo</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;This device’s name:</source>
        <translation>Nombre de &amp;este dispositivo:</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>Código de vinculación</translation>
    </message>
    <message>
        <source>Link code as a QR code</source>
        <translation>Código de vinculación como código QR</translation>
    </message>
    <message>
        <source>On a device where you already use Linnet, open Settings → Devices → Link a device and type this code. It works once, for 10 minutes.</source>
        <translation>En un dispositivo donde ya uses Linnet, abre Ajustes → Dispositivos → Vincular un dispositivo y escribe este código. Funciona una vez, durante 10 minutos.</translation>
    </message>
    <message>
        <source>Waiting for your other device</source>
        <translation>Esperando a tu otro dispositivo</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <source>Asking the server for a code…</source>
        <translation>Pidiendo un código al servidor…</translation>
    </message>
    <message>
        <source>Waiting for one of your devices to approve this one…</source>
        <translation>Esperando a que uno de tus dispositivos apruebe este…</translation>
    </message>
    <message>
        <source>The code expired before one of your devices approved it (a code lasts 10 minutes). Ask for a new one with “Show the code”.</source>
        <translation>El código caducó antes de que uno de tus dispositivos lo aprobara (un código dura 10 minutos). Pide uno nuevo con «Mostrar el código».</translation>
    </message>
    <message>
        <source>There is no account with this username on this server.</source>
        <translation>No hay ninguna cuenta con este nombre de usuario en este servidor.</translation>
    </message>
    <message>
        <source>Fingerprint of this device</source>
        <translation>Huella de este dispositivo</translation>
    </message>
    <message>
        <source>Your other device shows the fingerprint of this one:
%1</source>
        <translation>Tu otro dispositivo muestra la huella de este:
%1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>e.g. Climbing club</source>
        <translation>p. ej. Club de escalada</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>usernames, separated by commas</source>
        <translation>usuarios, separados por comas</translation>
    </message>
    <message>
        <source>Group hint</source>
        <translation>Indicación del grupo</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>&amp;Miembros:</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Crear grupo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Give the group a name.</source>
        <translation>Ponle un nombre al grupo.</translation>
    </message>
    <message>
        <source>“%1” is not a username: 3–32 letters, digits, dots, dashes or underscores.</source>
        <translation>«%1» no es un nombre de usuario: 3–32 letras, cifras, puntos, guiones o guiones bajos.</translation>
    </message>
    <message>
        <source>Just you for now: add members later from the group&apos;s info.</source>
        <translation>Por ahora solo tú: añade miembros más tarde desde la información del grupo.</translation>
    </message>
    <message>
        <source>Not connected: creating a group needs the server. Try again when Linnet is online.</source>
        <translation>Sin conexión: para crear un grupo hace falta el servidor. Inténtalo de nuevo cuando Linnet esté en línea.</translation>
    </message>
    <message>
        <source>Creating the group…</source>
        <translation>Creando el grupo…</translation>
    </message>
    <message>
        <source>The group was not created: %1</source>
        <translation>No se creó el grupo: %1</translation>
    </message>
    <message>
        <source>One member besides you.</source>
        <translation>Un miembro además de ti.</translation>
    </message>
    <message numerus="yes">
        <source>%n members besides you.</source>
        <translation>
            <numerusform>%n miembro además de ti.</numerusform>
            <numerusform>%n miembros además de ti.</numerusform>
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
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ReactionsPainter</name>
    <message>
        <source>you</source>
        <translation>tú</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ReplyBar</name>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>Cancelar la respuesta (Esc)</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Cancelar la respuesta</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Respuesta a %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SearchResultDelegate</name>
    <message>
        <source>You: </source>
        <translation>Tú: </translation>
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
        <translation>Conectarse a un servidor</translation>
    </message>
    <message>
        <source>Linnet messages travel through a server. Use one you were invited to, or host one on this computer for your family or team.</source>
        <translation>Los mensajes de Linnet pasan por un servidor. Usa uno al que te hayan invitado o aloja uno en este ordenador para tu familia o tu equipo.</translation>
    </message>
    <message>
        <source>&amp;Use a server I was given the address of</source>
        <translation>&amp;Usar un servidor cuya dirección me dieron</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>&amp;Host a server on this computer</source>
        <translation>Alo&amp;jar un servidor en este ordenador</translation>
    </message>
    <message>
        <source>Address to share</source>
        <translation>Dirección para compartir</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Iniciando el servidor…</translation>
    </message>
    <message>
        <source>The server could not be started: %1</source>
        <translation>No se pudo iniciar el servidor: %1</translation>
    </message>
    <message>
        <source>Also reachable at: %1</source>
        <translation>También accesible en: %1</translation>
    </message>
    <message>
        <source>Your server is running, but only this computer can reach it: it has no network address others could use (is it connected to a network?). Connect it, then start Linnet again to see the address to share.</source>
        <translation>Tu servidor está en marcha, pero solo este ordenador puede llegar a él: no tiene una dirección de red que otros puedan usar (¿está conectado a una red?). Conéctalo y vuelve a iniciar Linnet para ver la dirección que compartir.</translation>
    </message>
    <message>
        <source>an invite link (linnet://invite?…) or wss://host:7480/v1/ws</source>
        <translation>un enlace de invitación (linnet://invite?…) o wss://host:7480/v1/ws</translation>
    </message>
    <message>
        <source>Invite link or server &amp;address:</source>
        <translation>Enlace de invitación o &amp;dirección del servidor:</translation>
    </message>
    <message>
        <source>Invite link to share</source>
        <translation>Enlace de invitación para compartir</translation>
    </message>
    <message>
        <source>Invite link:</source>
        <translation>Enlace de invitación:</translation>
    </message>
    <message>
        <source>Your server is running, but no invite could be created: %1</source>
        <translation>Tu servidor está en marcha, pero no se pudo crear una invitación: %1</translation>
    </message>
    <message>
        <source>Your server is running. Give this invite link to someone you want to chat with on your network: it holds the address, an invite code and what their Linnet needs to trust your server&apos;s certificate. Each invite works once; your own account gets its own on the next page.</source>
        <translation>Tu servidor está en marcha. Da este enlace de invitación a alguien de tu red con quien quieras chatear: contiene la dirección, un código de invitación y lo que su Linnet necesita para confiar en el certificado de tu servidor. Cada invitación funciona una vez; tu propia cuenta recibe la suya en la página siguiente.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>My contacts</source>
        <translation>Mis contactos</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>Send &amp;read receipts</source>
        <translation>Enviar confirmaciones de &amp;lectura</translation>
    </message>
    <message>
        <source>Who can see when I was &amp;last online:</source>
        <translation>&amp;Quién puede ver mi última conexión:</translation>
    </message>
    <message>
        <source>Without read receipts, others do not see when you have read their messages.</source>
        <translation>Sin confirmaciones de lectura, los demás no ven cuándo has leído sus mensajes.</translation>
    </message>
    <message>
        <source>Show a &amp;notification for new messages</source>
        <translation>Mostrar una &amp;notificación para los mensajes nuevos</translation>
    </message>
    <message>
        <source>Notifications appear while the Linnet window is not in front.</source>
        <translation>Las notificaciones aparecen mientras la ventana de Linnet no está en primer plano.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>The new language is used after restarting Linnet.</source>
        <translation>El nuevo idioma se usará al reiniciar Linnet.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Multimedia</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Download images automatically up to</source>
        <translation>Descargar imágenes automáticamente hasta</translation>
    </message>
    <message>
        <source>Download &amp;images automatically up to:</source>
        <translation>Descargar &amp;imágenes automáticamente hasta:</translation>
    </message>
    <message>
        <source>Larger images, videos and other files wait until you click Download.</source>
        <translation>Las imágenes más grandes, los vídeos y los demás archivos esperan hasta que hagas clic en Descargar.</translation>
    </message>
    <message>
        <source>Local &amp;network</source>
        <translation>&amp;Red local</translation>
    </message>
    <message>
        <source>Keep chatting with contacts on this network when the server cannot be reached.</source>
        <translation>Sigue chateando con contactos de esta red cuando no se pueda acceder al servidor.</translation>
    </message>
    <message>
        <source>Play a &amp;sound with each notification</source>
        <translation>Reproducir un &amp;sonido con cada notificación</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SetupWizard</name>
    <message>
        <source>Welcome to Linnet</source>
        <translation>Bienvenido a Linnet</translation>
    </message>
    <message>
        <source>Sign in to Linnet</source>
        <translation>Iniciar sesión en Linnet</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>linnet::ui::Translations</name>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
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
        <translation>Mostrar Linnet</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message numerus="yes">
        <source>Linnet: %n unread message(s)</source>
        <translation>
            <numerusform>Linnet: %n mensaje sin leer</numerusform>
            <numerusform>Linnet: %n mensajes sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linnet::ui::VoiceNoteComposer</name>
    <message>
        <source>Record a voice message</source>
        <translation>Grabar un mensaje de voz</translation>
    </message>
    <message>
        <source>Recording a voice message</source>
        <translation>Grabando un mensaje de voz</translation>
    </message>
    <message>
        <source>Cancel: the recording is deleted</source>
        <translation>Cancelar: la grabación se borra</translation>
    </message>
    <message>
        <source>Cancel recording</source>
        <translation>Cancelar la grabación</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Grabando</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>Tiempo de grabación</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation>Enviar el mensaje de voz</translation>
    </message>
    <message>
        <source>Send voice message</source>
        <translation>Enviar mensaje de voz</translation>
    </message>
    <message>
        <source>No microphone found: connect one to record voice messages.</source>
        <translation>No se encontró ningún micrófono: conecta uno para grabar mensajes de voz.</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>No microphone found: connect one to record voice messages</source>
        <translation>No se encontró ningún micrófono: conecta uno para grabar mensajes de voz</translation>
    </message>
    <message>
        <source>No microphone found</source>
        <translation>No se encontró ningún micrófono</translation>
    </message>
</context>
<context>
    <name>linnet::ui::VoiceNotePlayback</name>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
</context>
</TS>
