<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>KeychainSecretStore</name>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="103"/>
        <source>the application is quitting: the system keychain did not answer in time for &quot;%1&quot;</source>
        <translation>la aplicación se está cerrando: el llavero del sistema no respondió a tiempo para «%1»</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="119"/>
        <source>cannot read &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede leer «%1» (servicio «%2») del llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="123"/>
        <source>cannot store &quot;%1&quot; (service &quot;%2&quot;) in the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede guardar «%1» (servicio «%2») en el llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
    <message>
        <location filename="../app/core/KeychainSecretStore.cpp" line="127"/>
        <source>cannot remove &quot;%1&quot; (service &quot;%2&quot;) from the system keychain: it is unavailable or locked (%3)</source>
        <translation>no se puede eliminar «%1» (servicio «%2») del llavero del sistema: no está disponible o está bloqueado (%3)</translation>
    </message>
</context>
<context>
    <name>PassphraseSecretStore</name>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="60"/>
        <source>the secrets file %1 is corrupt or truncated (%2): restore it from a backup, or delete it and log in again on this device</source>
        <translation>el archivo de secretos %1 está dañado o truncado (%2): restáuralo desde una copia de seguridad, o bórralo y vuelve a iniciar sesión en este dispositivo</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="69"/>
        <source>wrong passphrase for %1</source>
        <translation>frase de contraseña incorrecta para %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="75"/>
        <source>cannot use the secrets file %1: %2</source>
        <translation>no se puede usar el archivo de secretos %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/PassphraseSecretStore.cpp" line="99"/>
        <source>only %n byte(s)</source>
        <translation>
            <numerusform>solo %n byte</numerusform>
            <numerusform>solo %n bytes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="103"/>
        <source>not a Linnet secrets file</source>
        <translation>no es un archivo de secretos de Linnet</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="107"/>
        <source>format version %1 is not supported by this version of Linnet</source>
        <translation>esta versión de Linnet no admite la versión de formato %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="127"/>
        <source>unknown key derivation algorithm %1</source>
        <translation>algoritmo de derivación de claves desconocido %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="130"/>
        <source>implausible key derivation parameters</source>
        <translation>parámetros de derivación de claves inverosímiles</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="157"/>
        <source>authentication failed: the file was truncated or modified</source>
        <translation>la autenticación falló: el archivo fue truncado o modificado</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="164"/>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="168"/>
        <source>unreadable content</source>
        <translation>contenido ilegible</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="192"/>
        <source>the file is empty</source>
        <translation>el archivo está vacío</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="224"/>
        <source>out of memory</source>
        <translation>sin memoria</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="229"/>
        <source>cannot derive the key from the passphrase (out of memory?)</source>
        <translation>no se puede derivar la clave de la frase de contraseña (¿sin memoria?)</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="247"/>
        <source>LINNET_PASSPHRASE is not set or empty: set it to the passphrase that encrypts this profile&apos;s secrets (a new profile keeps the first passphrase it is given)</source>
        <translation>LINNET_PASSPHRASE no está definida o está vacía: defínela con la frase de contraseña que cifra los secretos de este perfil (un perfil nuevo conserva la primera frase que recibe)</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="258"/>
        <source>the passphrase for %1 is empty</source>
        <translation>la frase de contraseña para %1 está vacía</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="260"/>
        <source>libsodium cannot start</source>
        <translation>libsodium no puede iniciarse</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="302"/>
        <source>it was replaced by another program while Linnet was running (new salt or parameters); restart Linnet</source>
        <translation>otro programa lo reemplazó mientras Linnet se ejecutaba (nueva sal o nuevos parámetros); reinicia Linnet</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="337"/>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="365"/>
        <source>cannot create the directory %1</source>
        <translation>no se puede crear el directorio %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="344"/>
        <source>cannot set permissions 0600: %1</source>
        <translation>no se pueden establecer los permisos 0600: %1</translation>
    </message>
    <message>
        <location filename="../app/core/PassphraseSecretStore.cpp" line="369"/>
        <source>another process keeps it locked (%1)</source>
        <translation>otro proceso lo mantiene bloqueado (%1)</translation>
    </message>
</context>
<context>
    <name>linnet::client::BundledServer</name>
    <message>
        <location filename="../app/core/BundledServer.cpp" line="37"/>
        <source>the server stopped at once (exit code %1): %2</source>
        <translation>el servidor se detuvo enseguida (código de salida %1): %2</translation>
    </message>
    <message>
        <location filename="../app/core/BundledServer.cpp" line="44"/>
        <source>cannot start %1: %2</source>
        <translation>no se puede iniciar %1: %2</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatClient</name>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="74"/>
        <source>cannot reach the server at %1: %2</source>
        <translation>no se puede conectar con el servidor en %1: %2</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="143"/>
        <source>this profile has no account yet: register or log in first</source>
        <translation>este perfil aún no tiene cuenta: primero regístrate o inicia sesión</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="148"/>
        <source>cannot read this device&apos;s secrets: %1</source>
        <translation>no se pueden leer los secretos de este dispositivo: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="165"/>
        <source>cannot load this device&apos;s encryption keys: %1</source>
        <translation>no se pueden cargar las claves de cifrado de este dispositivo: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="271"/>
        <source>cannot store the device token: %1</source>
        <translation>no se puede guardar el token del dispositivo: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="337"/>
        <source>no keys on this device</source>
        <translation>no hay claves en este dispositivo</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="349"/>
        <source>⚠ This message could not be decrypted (%1).</source>
        <translation>⚠ No se pudo descifrar este mensaje (%1).</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClient.cpp" line="357"/>
        <source>cannot store an incoming message: %1</source>
        <translation>no se puede guardar un mensaje entrante: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClientOutgoing.cpp" line="41"/>
        <source>cannot save the message: %1</source>
        <translation>no se puede guardar el mensaje: %1</translation>
    </message>
    <message>
        <location filename="../app/core/ChatClientOutgoing.cpp" line="144"/>
        <source>The security code of %1 changed. Compare it again to be sure you talk to them.</source>
        <translation>El código de seguridad de %1 cambió. Compáralo de nuevo para asegurarte de que hablas con esa persona.</translation>
    </message>
</context>
<context>
    <name>linnet::client::ChatSession</name>
    <message>
        <location filename="../app/core/ChatSession.cpp" line="35"/>
        <source>cannot create the profile directory %1</source>
        <translation>no se puede crear la carpeta del perfil %1</translation>
    </message>
</context>
<context>
    <name>linnet::client::E2eSessions</name>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="65"/>
        <source>%1 has no device that can receive encrypted messages yet</source>
        <translation>%1 todavía no tiene ningún dispositivo que pueda recibir mensajes cifrados</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="77"/>
        <source>cannot start a secure session with a device of %1</source>
        <translation>no se puede iniciar una sesión segura con un dispositivo de %1</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="101"/>
        <source>cannot encrypt for a device of %1: %2</source>
        <translation>no se puede cifrar para un dispositivo de %1: %2</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="102"/>
        <source>storage failed</source>
        <translation>falló el almacenamiento</translation>
    </message>
    <message>
        <location filename="../app/core/E2eSessions.cpp" line="169"/>
        <source>cannot store the session state</source>
        <translation>no se puede guardar el estado de la sesión</translation>
    </message>
</context>
<context>
    <name>linnet::ui::AccountPage</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="235"/>
        <source>Your account</source>
        <translation>Tu cuenta</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="237"/>
        <source>Create an account on the server, or log in to one you already have.</source>
        <translation>Crea una cuenta en el servidor o inicia sesión con una que ya tengas.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="238"/>
        <source>The server asks you to sign in again on this computer.</source>
        <translation>El servidor te pide que vuelvas a iniciar sesión en este ordenador.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="242"/>
        <source>&amp;Create a new account</source>
        <translation>Crear una cuenta &amp;nueva</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="244"/>
        <source>&amp;Log in to an existing account</source>
        <translation>Iniciar sesión con una cuenta e&amp;xistente</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="259"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="260"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="261"/>
        <source>Repeat password</source>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="262"/>
        <source>Invite code</source>
        <translation>Código de invitación</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="263"/>
        <source>letters, digits, dot, dash</source>
        <translation>letras, dígitos, punto, guion</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="264"/>
        <source>only needed if the server asks for one</source>
        <translation>solo si el servidor lo pide</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="272"/>
        <source>&amp;Username:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="273"/>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="274"/>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repetir contraseña:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="276"/>
        <source>&amp;Invite code:</source>
        <translation>Código de &amp;invitación:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="285"/>
        <source>Waiting for the server</source>
        <translation>Esperando al servidor</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="316"/>
        <source>Done.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="330"/>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="370"/>
        <source>The two passwords are not the same.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="379"/>
        <source>Creating your account…</source>
        <translation>Creando tu cuenta…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="382"/>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="414"/>
        <source>Wrong username or password.</source>
        <translation>Nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="416"/>
        <source>This username is already taken. Please choose another one.</source>
        <translation>Este nombre de usuario ya está en uso. Elige otro, por favor.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="418"/>
        <source>The invite code is missing or not valid. Ask the person who runs the server for a new invite code.</source>
        <translation>Falta el código de invitación o no es válido. Pide uno nuevo a la persona que administra el servidor.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="421"/>
        <source>This server does not accept new accounts right now.</source>
        <translation>Este servidor no acepta cuentas nuevas en este momento.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="423"/>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Demasiados intentos. Espera un minuto y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="425"/>
        <source>The server did not accept these details: %1</source>
        <translation>El servidor no aceptó estos datos: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="427"/>
        <source>This server speaks a different version of the protocol. Update Linnet or the server.</source>
        <translation>Este servidor usa otra versión del protocolo. Actualiza Linnet o el servidor.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="431"/>
        <source>The server cannot be reached. Check the address and that the server is running. (%1)</source>
        <translation>No se puede conectar con el servidor. Comprueba la dirección y que el servidor esté en marcha. (%1)</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="437"/>
        <source>The server refused: %1</source>
        <translation>El servidor lo rechazó: %1</translation>
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
        <translation>No se pudo abrir tu perfil: %1</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ChatListDelegate</name>
    <message>
        <location filename="../app/ui/ChatListDelegate.cpp" line="51"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <location filename="../app/ui/ChatListDelegate.cpp" line="185"/>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ComposeEdit</name>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="16"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="17"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Intro envía, Mayús+Intro empieza una línea nueva</translation>
    </message>
    <message>
        <location filename="../app/ui/ComposeEdit.cpp" line="18"/>
        <source>Type a message</source>
        <translation>Escribe un mensaje</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConnectionBanner</name>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="24"/>
        <location filename="../app/ui/ConnectionBanner.cpp" line="38"/>
        <source>Log in again</source>
        <translation>Volver a iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="28"/>
        <source>Connection status</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="34"/>
        <source>Connection status icon</source>
        <translation>Icono del estado de la conexión</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="36"/>
        <source>Connection status message</source>
        <translation>Mensaje del estado de la conexión</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="70"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="74"/>
        <source>Offline — messages will be sent when you are back online</source>
        <translation>Sin conexión: los mensajes se enviarán cuando vuelvas a estar en línea</translation>
    </message>
    <message>
        <location filename="../app/ui/ConnectionBanner.cpp" line="78"/>
        <source>Signed out: the server refused this device</source>
        <translation>Sesión cerrada: el servidor rechazó este dispositivo</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ContactInfoDialog</name>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="18"/>
        <source>Contact info</source>
        <translation>Información del contacto</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="28"/>
        <source>Messages with %1 are end-to-end encrypted. To be sure nobody is in the middle, compare this security code with the one on their screen, in person or on a call you trust. If they match, mark the conversation as verified.</source>
        <translation>Los mensajes con %1 están cifrados de extremo a extremo. Para asegurarte de que nadie está en medio, compara este código de seguridad con el de su pantalla, en persona o en una llamada de confianza. Si coinciden, marca la conversación como verificada.</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="40"/>
        <source>Security code</source>
        <translation>Código de seguridad</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="80"/>
        <source>The security code appears once you have exchanged a message with %1.</source>
        <translation>El código de seguridad aparece cuando hayas intercambiado un mensaje con %1.</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="90"/>
        <source>✓ Verified</source>
        <translation>✓ Verificado</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="90"/>
        <source>Not verified</source>
        <translation>Sin verificar</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="92"/>
        <source>Clear verification</source>
        <translation>Quitar verificación</translation>
    </message>
    <message>
        <location filename="../app/ui/ContactInfoDialog.cpp" line="92"/>
        <source>Mark as verified</source>
        <translation>Marcar como verificado</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ConversationView</name>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="59"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="63"/>
        <source>No chat selected</source>
        <translation>Ningún chat seleccionado</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="68"/>
        <source>Select a chat to start messaging</source>
        <translation>Elige un chat para empezar a escribir</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="73"/>
        <source>Press Ctrl+N to start a new chat</source>
        <translation>Pulsa Ctrl+N para empezar un chat nuevo</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="91"/>
        <source>Contact picture</source>
        <translation>Foto del contacto</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="97"/>
        <source>Contact name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="100"/>
        <source>Contact status</source>
        <translation>Estado del contacto</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="116"/>
        <source>Contact info and security code</source>
        <translation>Información del contacto y código de seguridad</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="117"/>
        <source>Contact info</source>
        <translation>Información del contacto</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="123"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="140"/>
        <location filename="../app/ui/ConversationView.cpp" line="393"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="155"/>
        <source>Typing indicator</source>
        <translation>Indicador de escritura</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="170"/>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="171"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="251"/>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="253"/>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="261"/>
        <source>last seen today at %1</source>
        <translation>últ. vez hoy a las %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="263"/>
        <source>last seen yesterday at %1</source>
        <translation>últ. vez ayer a las %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="264"/>
        <source>last seen %1 at %2</source>
        <translation>últ. vez el %1 a las %2</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="286"/>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="392"/>
        <source>Message actions</source>
        <translation>Acciones del mensaje</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="398"/>
        <source>Open link</source>
        <translation>Abrir enlace</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="398"/>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="400"/>
        <source>Copy link</source>
        <translation>Copiar enlace</translation>
    </message>
    <message>
        <location filename="../app/ui/ConversationView.cpp" line="400"/>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
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
        <translation>Chats y conversación</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="136"/>
        <location filename="../app/ui/MainWindow.cpp" line="137"/>
        <source>Search chats</source>
        <translation>Buscar chats</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="142"/>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="145"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
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
        <translation>Aún no hay chats. Empieza uno con el botón de arriba.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="182"/>
        <source>No chats match your search.</source>
        <translation>Ningún chat coincide con tu búsqueda.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="204"/>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="206"/>
        <source>&amp;New chat…</source>
        <translation>Chat &amp;nuevo…</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="209"/>
        <source>&amp;Search chats</source>
        <translation>&amp;Buscar chats</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="213"/>
        <source>S&amp;ettings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="217"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
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
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../app/ui/MessageDelegate.cpp" line="89"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>linnet::ui::NewChatDialog</name>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="26"/>
        <location filename="../app/ui/NewChatDialog.cpp" line="27"/>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="29"/>
        <source>Username of the person to chat with:</source>
        <translation>Nombre de usuario de la persona con quien quieres chatear:</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="31"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="32"/>
        <source>e.g. ana.maria</source>
        <translation>p. ej. ana.maria</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="38"/>
        <source>Username hint</source>
        <translation>Ayuda sobre el nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="45"/>
        <location filename="../app/ui/NewChatDialog.cpp" line="46"/>
        <source>Start chat</source>
        <translation>Empezar chat</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="47"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="80"/>
        <source>That is your own username.</source>
        <translation>Ese es tu propio nombre de usuario.</translation>
    </message>
    <message>
        <location filename="../app/ui/NewChatDialog.cpp" line="82"/>
        <source>3 to 32 characters: letters, digits, dot, underscore, hyphen.</source>
        <translation>De 3 a 32 caracteres: letras, dígitos, punto, guion bajo, guion.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::ServerPage</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="87"/>
        <source>Connect to a server</source>
        <translation>Conectarse a un servidor</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="88"/>
        <source>Linnet messages travel through a server. Use one you were invited to, or host one on this computer for your family or team.</source>
        <translation>Los mensajes de Linnet pasan por un servidor. Usa uno al que te hayan invitado o aloja uno en este ordenador para tu familia o tu equipo.</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="91"/>
        <source>&amp;Use a server I was given the address of</source>
        <translation>&amp;Usar un servidor cuya dirección me dieron</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="95"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="96"/>
        <source>ws://host:7480/v1/ws</source>
        <translation>ws://host:7480/v1/ws</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="97"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Dirección del servidor:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="100"/>
        <source>&amp;Host a server on this computer</source>
        <translation>Alo&amp;jar un servidor en este ordenador</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="108"/>
        <source>Address to share</source>
        <translation>Dirección para compartir</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="110"/>
        <source>Invite code to share</source>
        <translation>Código de invitación para compartir</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="114"/>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="115"/>
        <source>Invite code:</source>
        <translation>Código de invitación:</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="150"/>
        <source>Starting the server…</source>
        <translation>Iniciando el servidor…</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="177"/>
        <source>Your server is running, but no invite code could be created: %1</source>
        <translation>Tu servidor está en marcha, pero no se pudo crear un código de invitación: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="190"/>
        <source>The server could not be started: %1</source>
        <translation>No se pudo iniciar el servidor: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="179"/>
        <source>Your server is running. Give this address and invite code to someone you want to chat with. Each invite code works once; your own account gets its own code on the next page.</source>
        <translation>Tu servidor está en marcha. Da esta dirección y este código de invitación a alguien con quien quieras chatear. Cada código de invitación sirve una sola vez; tu propia cuenta recibe su propio código en la página siguiente.</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SettingsDialog</name>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="42"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="44"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="45"/>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="46"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="47"/>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="48"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="51"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="72"/>
        <source>&amp;Username:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="74"/>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="86"/>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="87"/>
        <source>My contacts</source>
        <translation>Mis contactos</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="88"/>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="96"/>
        <source>Send &amp;read receipts</source>
        <translation>Enviar confirmaciones de &amp;lectura</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="103"/>
        <source>Who can see when I was &amp;last online:</source>
        <translation>&amp;Quién puede ver mi última conexión:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="107"/>
        <source>Without read receipts, others do not see when you have read their messages.</source>
        <translation>Sin confirmaciones de lectura, los demás no ven cuándo has leído sus mensajes.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="116"/>
        <source>Show a &amp;notification for new messages</source>
        <translation>Mostrar una &amp;notificación para los mensajes nuevos</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="124"/>
        <source>Notifications appear while the Linnet window is not in front.</source>
        <translation>Las notificaciones aparecen mientras la ventana de Linnet no está en primer plano.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="134"/>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="135"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="136"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="144"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="158"/>
        <source>The new language is used after restarting Linnet.</source>
        <translation>El nuevo idioma se usará al reiniciar Linnet.</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="163"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
</context>
<context>
    <name>linnet::ui::SetupWizard</name>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="52"/>
        <source>Welcome to Linnet</source>
        <translation>Bienvenido a Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="52"/>
        <source>Sign in to Linnet</source>
        <translation>Iniciar sesión en Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="56"/>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="57"/>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="58"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <location filename="../app/ui/SetupWizard.cpp" line="59"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>linnet::ui::Translations</name>
    <message>
        <location filename="../app/ui/Translations.cpp" line="54"/>
        <source>System</source>
        <translation>Sistema</translation>
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
        <translation>Mostrar Linnet</translation>
    </message>
    <message>
        <location filename="../app/ui/TrayNotifier.cpp" line="25"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/TrayNotifier.cpp" line="68"/>
        <source>Linnet: %n unread message(s)</source>
        <translation>
            <numerusform>Linnet: %n mensaje sin leer</numerusform>
            <numerusform>Linnet: %n mensajes sin leer</numerusform>
        </translation>
    </message>
</context>
</TS>
