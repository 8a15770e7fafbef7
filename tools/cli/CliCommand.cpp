// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommand.h"

#include "CliLanSettings.h"
#include "CliOutput.h"
#include "store/LocalStore.h"
#include "e2e/PassphraseSecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

namespace linnet::cli {

using protocol::ErrorCode;

namespace {
/** How long send waits for the server before leaving the message queued. */
constexpr int kSendTimeoutSeconds = 30;

} // namespace

CliCommand::CliCommand(CliRequest request, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_out(stdout), m_err(stderr)
{
    m_timeout.setSingleShot(true);
}

CliCommand::~CliCommand() = default;

bool CliCommand::openProfile()
{
    // The passphrase first: without it nothing in the profile is touched.
    const auto passphrase = client::PassphraseSecretStore::passphraseFromEnvironment();
    if (!passphrase) {
        fail(ExitSecrets, passphrase.error().reason);
        return false;
    }
    if (!QDir().mkpath(m_request.profile)) {
        fail(ExitFailure, tr("cannot create the profile directory %1").arg(m_request.profile));
        return false;
    }
    QFile::setPermissions(m_request.profile,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QDir dir(m_request.profile);
    auto secrets = client::PassphraseSecretStore::open(dir.filePath(QStringLiteral("secrets.bin")),
                                                       passphrase.value());
    if (!secrets) {
        fail(ExitSecrets, secrets.error().reason);
        return false;
    }
    m_secrets = std::move(secrets).value();
    m_store = std::make_unique<client::LocalStore>(dir.filePath(QStringLiteral("linnet.db")));
    if (const auto opened = m_store->open(); !opened) {
        fail(ExitFailure, tr("cannot open the local database in %1: %2")
                              .arg(m_request.profile, opened.error().reason));
        return false;
    }
    client::ChatClient::Options options;
    options.deviceName = QStringLiteral("linnet-cli");
    if (!m_request.downloadDir.isEmpty())
        options.downloadDirectory = QDir(m_request.downloadDir).absolutePath();
    // LAN fallback only where it can help: a send or listen (not a one-off like history).
    const bool lanCommand =
        m_request.command == QLatin1String("send") || m_request.command == QLatin1String("listen");
    QString lanError;
    if (lanCommand && !readLanOptions(m_request.profile, m_request.lan, &options.lan, &lanError)) {
        fail(ExitUsage, lanError);
        return false;
    }
    m_lanEnabled = options.lan.enabled;
    m_client = std::make_unique<client::ChatClient>(*m_store, *m_secrets, options);
    // Said before the state changes (ChatClient::onRevoked), so it is the line printed.
    connect(m_client.get(), &client::ChatClient::errorOccurred, this,
            [this](ErrorCode code, const QString &reason) {
                if (code == ErrorCode::DeviceRevoked)
                    fail(ExitAuth, reason);
            });
    connect(m_client.get(), &client::ChatClient::stateChanged, this,
            [this](client::ConnectionState s) {
                if (s == client::ConnectionState::AuthFailed)
                    fail(ExitAuth, tr("the server refused this device; log in again"));
            });
    reportDeviceTrust();
    return true;
}

void CliCommand::run()
{
    if (!openProfile())
        return;
    if (m_request.timeoutSeconds > 0) {
        connect(&m_timeout, &QTimer::timeout, this, [this] {
            if (m_request.command == QLatin1String("listen") && m_request.count == 0)
                finish(ExitOk);
            else if (m_request.command == QLatin1String("listen"))
                fail(ExitFailure,
                     tr("timed out after %1 of %2 messages").arg(m_received).arg(m_request.count));
            else
                fail(ExitFailure, tr("timed out"));
        });
        m_timeout.start(m_request.timeoutSeconds * 1000);
    }
    const QString &c = m_request.command;
    if (c == QLatin1String("register"))
        runAccount(true);
    else if (c == QLatin1String("login"))
        runAccount(false);
    else if (c == QLatin1String("link"))
        runLink();
    else if (c == QLatin1String("approve"))
        runApprove();
    else if (c == QLatin1String("send"))
        runSend();
    else if (c == QLatin1String("listen"))
        runListen();
    else if (c == QLatin1String("history"))
        runHistory();
    else if (c == QLatin1String("fetch"))
        runFetch();
    else if (c == QLatin1String("search"))
        runSearch();
    else if (c == QLatin1String("reply"))
        runReply();
    else if (c == QLatin1String("react"))
        runReact();
    else if (c == QLatin1String("edit"))
        runEdit();
    else if (c == QLatin1String("delete"))
        runDelete();
    else if (c == QLatin1String("forward"))
        runForward();
    else if (c == QLatin1String("group"))
        runGroup();
    else if (c == QLatin1String("devices") || c == QLatin1String("rename-device") ||
             c == QLatin1String("revoke"))
        runDevices();
    else
        fail(ExitUsage, tr("unknown command \"%1\"").arg(c));
}

void CliCommand::runAccount(bool registering)
{
    if (!m_request.server.isValid() || m_request.server.scheme().isEmpty()) {
        fail(ExitUsage, tr("give the server with --server ws://HOST:PORT/v1/ws"));
        return;
    }
    const QString user = m_request.args.value(0);
    // Done once the server has this device's keys: before that nobody could write to it.
    connect(m_client.get(), &client::ChatClient::keysPublished, this, [this] {
        m_out << tr("%1 as %2 on %3")
                     .arg(m_request.command == QLatin1String("register") ? tr("registered")
                          : m_request.startOver                          ? tr("started over")
                                                                         : tr("logged in"),
                          m_client->username(), m_request.server.toString())
              << Qt::endl;
        if (m_request.startOver)
            m_out << tr("every other device of the account was removed; your contacts see a new "
                        "security code")
                  << Qt::endl;
        finish(ExitOk);
    });
    connect(m_client.get(), &client::ChatClient::accountFailed, this,
            [this](ErrorCode code, const QString &reason) {
                if (code == ErrorCode::InternalError && reason.startsWith(tr("cannot reach")))
                    fail(ExitUnreachable, tr("server unreachable: %1").arg(reason));
                else if (code == ErrorCode::LinkRequired)
                    fail(ExitAuth, tr("%1 (this account already has devices; having lost all "
                                      "of them, start over: login --start-over)")
                                       .arg(reason));
                else
                    fail(exitCodeFor(code), reason);
            });
    if (registering)
        m_client->registerAccount(m_request.server, user, m_request.password, m_request.invite,
                                  m_request.pin);
    else
        m_client->login(m_request.server, user, m_request.password, m_request.pin,
                        m_request.startOver ? client::ChatClient::LoginMode::StartOver
                                            : client::ChatClient::LoginMode::AddDevice);
}

void CliCommand::runSend()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    const QString peer = conversationFor(m_request.args.value(0));
    if (!m_request.file.isEmpty()) {
        runSendFile(peer);
        return;
    }
    const QString text = m_request.args.mid(1).join(QLatin1Char(' '));
    startSend([&] { return m_client->sendText(peer, text); });
}

void CliCommand::startSend(const std::function<protocol::MessageId()> &send)
{
    // A message the engine refuses at once (too long, not in that group, the disk) is
    // never stored: say why and stop.
    ErrorCode refusedCode = ErrorCode::InternalError;
    QString refused;
    const auto refusal =
        connect(m_client.get(), &client::ChatClient::errorOccurred, this,
                [&](ErrorCode code, const QString &reason, const protocol::MessageId &) {
                    refusedCode = code;
                    refused = reason;
                });
    m_sending = send();
    disconnect(refusal);
    if (m_sending.isNull()) {
        fail(refusedCode == ErrorCode::InvalidField    ? ExitUsage
             : refusedCode == ErrorCode::InternalError ? ExitFailure
                                                       : exitCodeFor(refusedCode),
             refused.isEmpty() ? tr("cannot store the message locally") : refused);
        return;
    }
    if (m_request.timeoutSeconds == 0)
        m_timeout.start(kSendTimeoutSeconds * 1000);
    awaitSent();
}

void CliCommand::runSendFile(const QString &peer)
{
    // Refused before anything is stored (no such file, too large, not in that group).
    QString refused;
    const auto refusal =
        connect(&m_client->media(), &client::MediaClient::errorOccurred, this,
                [&](const QString &reason, const protocol::MessageId &) { refused = reason; });
    m_sending = m_client->media().sendFile(peer, m_request.file, m_request.caption);
    disconnect(refusal);
    if (m_sending.isNull()) {
        fail(ExitUsage, refused.isEmpty() ? tr("cannot store the message locally") : refused);
        return;
    }
    connect(&m_client->media(), &client::MediaClient::transferProgress, this,
            [this](const protocol::MessageId &id, const QString &, quint64 done, quint64 total) {
                if (id == m_sending)
                    showProgress(done, total);
            });
    // A large file takes its time: only --timeout bounds it.
    awaitSent();
}

void CliCommand::showProgress(quint64 done, quint64 total)
{
    if (!isatty(fileno(stderr)) || total == 0)
        return;
    m_progressShown = true;
    m_err << '\r'
          << tr("uploading %1% (%2 of %3)")
                 .arg(done * 100 / total)
                 .arg(QLocale().formattedDataSize(qint64(done)),
                      QLocale().formattedDataSize(qint64(total)))
          << Qt::flush;
}

void CliCommand::awaitSent()
{
    connect(m_client.get(), &client::ChatClient::messageSent, this,
            [this](const protocol::MessageId &id, quint64) {
                if (id != m_sending)
                    return;
                if (m_progressShown)
                    m_err << Qt::endl;
                m_out << id.toHex() << Qt::endl;
                finish(ExitOk);
            });
    // Whatever the server answers about this message is said: a refusal fails the
    // command with its reason, a temporary one is told while the engine tries again.
    connect(m_client.get(), &client::ChatClient::errorOccurred, this,
            [this](ErrorCode code, const QString &reason, const protocol::MessageId &id) {
                if (id != m_sending)
                    return;
                const auto m = m_store->message(id);
                if (m && m->state == client::DeliveryState::Failed) {
                    fail(exitCodeFor(code),
                         tr("message %1 was not sent: %2")
                             .arg(id.toHex(),
                                  reason.isEmpty() ? protocol::errorCodeName(code) : reason));
                    return;
                }
                m_sendProblem = m_client->sendProblem(id);
                m_err << tr("not sent yet: %1").arg(m_sendProblem) << Qt::endl;
            });
    connect(m_client.get(), &client::ChatClient::stateChanged, this,
            [this](client::ConnectionState s) {
                if (s == client::ConnectionState::Online)
                    m_wasOnline = true;
            });
    const auto unreachable = [this](const QString &reason) {
        fail(ExitUnreachable,
             tr("server unreachable (%1): message %2 is queued and will be sent by the next "
                "send or listen")
                 .arg(reason, m_sending.toHex()));
    };
    awaitOnLan(unreachable);
    connect(m_client.get(), &client::ChatClient::connectionFailed, this,
            [this, unreachable](const QString &reason) {
                // A text waits for its ack through a short outage (the timeout bounds it);
                // a file's upload has no such bound, so a lost server ends the command:
                // the upload resumes where it stopped with the next send or listen.
                // With LAN fallback a text waits for a peer on the local network instead.
                if (!lanTakesOver(reason) && (!m_wasOnline || !m_request.file.isEmpty()))
                    unreachable(reason);
            });
    const auto timedOut = [this, unreachable] {
        if (!m_wasOnline) {
            unreachable(tr("no answer in time"));
            return;
        }
        const QString why =
            m_sendProblem.isEmpty() ? tr("the server did not confirm it in time") : m_sendProblem;
        fail(ExitFailure, tr("message %1 is not sent yet (%2); it stays queued and will be sent "
                             "by the next send or listen")
                              .arg(m_sending.toHex(), why));
    };
    disconnect(&m_timeout, &QTimer::timeout, this, nullptr);
    connect(&m_timeout, &QTimer::timeout, this, timedOut);
    // approve sends the history on a connection that is up: starting again would drop it.
    if (m_client->state() == client::ConnectionState::Online)
        m_wasOnline = true;
    else
        m_client->start();
}

void CliCommand::runListen()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    connect(m_client.get(), &client::ChatClient::messageAdded, this, &CliCommand::received);
    reportHistory();
    // Reactions are listed as they come, like messages.
    connect(m_client.get(), &client::ChatClient::actionAdded, this, &CliCommand::received);
    connect(&m_client->media(), &client::MediaClient::attachmentChanged, this,
            [this](const protocol::MessageId &id, const QString &) { attachmentChanged(id); });
    connect(m_client.get(), &client::ChatClient::connectionFailed, this,
            [this](const QString &reason) {
                m_err << tr("server unreachable (%1); retrying").arg(reason) << Qt::endl;
            });
    // Files whose download an earlier listen began are printed when they are complete.
    for (const auto &a :
         m_client->media().attachments().inState(client::TransferState::Downloading))
        m_waitingFiles << a.message;
    m_client->start();
}

void CliCommand::received(const client::ChatMessage &m)
{
    if (m.kind == client::MessageKind::File) {
        const auto a = m_client->media().attachment(m.id);
        // A history transfer for another device of this account is not fetched here.
        const bool settled =
            !a || a->state == client::TransferState::Done ||
            a->state == client::TransferState::Failed ||
            (a->file.mime == protocol::kHistoryMime && !m_client->history().isForThisDevice(m.id));
        if (!settled &&
            (m_client->media().download(m.id) || a->state == client::TransferState::Downloading)) {
            m_waitingFiles << m.id;
            return;
        }
    }
    printMessage(m);
    counted();
}

void CliCommand::attachmentChanged(const protocol::MessageId &id)
{
    if (!m_waitingFiles.contains(id))
        return;
    const auto a = m_client->media().attachment(id);
    if (a && a->state != client::TransferState::Done && a->state != client::TransferState::Failed)
        return;
    m_waitingFiles.removeAll(id);
    if (a && a->state == client::TransferState::Failed)
        m_err << tr("file of message %1 not saved: %2").arg(id.toHex(), a->error) << Qt::endl;
    if (const auto m = m_store->message(id)) {
        printMessage(*m);
        counted();
    }
}

void CliCommand::counted()
{
    ++m_received;
    if (m_request.count > 0 && m_received >= m_request.count)
        finish(ExitOk);
}

void CliCommand::runFetch()
{
    const auto id = protocol::MessageId::fromHex(m_request.args.value(0));
    const auto a = id ? m_client->media().attachment(*id) : std::nullopt;
    if (!a) {
        fail(ExitUsage,
             tr("no message %1 with a file in this profile").arg(m_request.args.value(0)));
        return;
    }
    const QString out = QFileInfo(m_request.out).absoluteFilePath();
    if (QFileInfo::exists(out)) {
        fail(ExitUsage, tr("%1 exists; give a new path").arg(out));
        return;
    }
    // Here already (own, or fetched and checked before): a copy will do.
    if (!a->localPath.isEmpty() && QFileInfo::exists(a->localPath) &&
        a->state != client::TransferState::Failed) {
        if (!QFile::copy(a->localPath, out)) {
            fail(ExitFailure, tr("cannot write %1").arg(out));
            return;
        }
        m_out << out << Qt::endl;
        finish(ExitOk);
        return;
    }
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    connect(&m_client->media(), &client::MediaClient::attachmentChanged, this,
            [this, target = *id, out](const protocol::MessageId &changed, const QString &) {
                if (changed != target)
                    return;
                const auto now = m_client->media().attachment(target);
                if (now && now->state == client::TransferState::Done) {
                    m_out << now->localPath << Qt::endl;
                    finish(ExitOk);
                }
            });
    connect(&m_client->media(), &client::MediaClient::errorOccurred, this,
            [this, target = *id](const QString &reason, const protocol::MessageId &failed) {
                if (failed == target)
                    fail(ExitFailure, tr("cannot fetch the file: %1").arg(reason));
            });
    connect(m_client.get(), &client::ChatClient::connectionFailed, this,
            [this](const QString &reason) {
                fail(ExitUnreachable, tr("server unreachable: %1").arg(reason));
            });
    // A failed or cancelled fetch starts again (what was fetched before is kept).
    if (a->state == client::TransferState::Failed || a->state == client::TransferState::Cancelled)
        m_client->media().retry(*id);
    if (!m_client->media().downloadTo(*id, out)) {
        fail(ExitFailure, tr("the file of message %1 cannot be fetched").arg(id->toHex()));
        return;
    }
    m_client->start();
}

void CliCommand::runHistory()
{
    const QString peer = conversationFor(m_request.args.value(0), true);
    for (const auto &m : m_store->messages(peer, std::numeric_limits<int>::max(), 0))
        printMessage(m);
    finish(ExitOk);
}

void CliCommand::printMessage(const client::ChatMessage &m)
{
    QString groupName;
    if (client::isGroupKey(m.conversation)) {
        const auto g = m_client->groups().group(m.conversation);
        groupName = g ? g->name : QString();
    }
    const auto file =
        m.kind == client::MessageKind::File ? m_client->media().attachment(m.id) : std::nullopt;
    const client::Attachment *a = file ? &*file : nullptr;
    // What listen receives from the server has its seq; a LAN peer's copy has none until
    // the server numbers it (protocol.md 12.6).
    const QString via = m_request.command != QLatin1String("listen") ? QString()
                        : m.seq == 0                                 ? QStringLiteral("lan")
                                                                     : QStringLiteral("server");
    const auto reactions = client::ReactionStore(*m_store).reactionsTo(m.id);
    m_out << (m_request.json ? messageJson(m, groupName, a, via, reactions)
                             : messageText(m, groupName, a, reactions))
          << Qt::endl;
}

QString CliCommand::resolveGroup(const QString &name, QString *error)
{
    QStringList keys;
    if (client::isGroupKey(name))
        keys << name;
    else
        keys = m_client->groups().keysNamed(name);
    QStringList mine;
    for (const QString &key : std::as_const(keys))
        if (const auto g = m_client->groups().group(key); g && g->member)
            mine << key;
    if (mine.size() == 1)
        return mine.first();
    *error = mine.isEmpty()
                 ? tr("this profile is in no group called \"%1\" (it learns of new groups when "
                      "it connects: run listen)")
                       .arg(name)
                 : tr("several groups are called \"%1\": name one as %2")
                       .arg(name, mine.join(QStringLiteral(" or ")));
    return {};
}

QString CliCommand::conversationFor(const QString &name, bool includeLeft)
{
    QString error;
    const QString key = resolveGroup(name, &error);
    if (!key.isEmpty() || !includeLeft)
        return key.isEmpty() ? name : key;
    // history: also a group this profile has left, if the name is unambiguous.
    const QStringList any =
        client::isGroupKey(name) ? QStringList{name} : m_client->groups().keysNamed(name);
    return any.size() == 1 && m_client->groups().group(any.first()) ? any.first() : name;
}

void CliCommand::runGroup()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    auto &groups = m_client->groups();
    connect(&groups, &client::GroupClient::requestFinished, this,
            [this](quint32 id, const QString &key) {
                if (id != m_groupRequest || id == 0)
                    return;
                const auto g = m_client->groups().group(key);
                m_out << key << ' ' << (g ? g->name : QString()) << Qt::endl;
                finish(ExitOk);
            });
    connect(&groups, &client::GroupClient::requestFailed, this,
            [this](quint32 id, ErrorCode code, const QString &reason) {
                if (id == m_groupRequest && id != 0)
                    fail(exitCodeFor(code), reason);
            });
    connect(m_client.get(), &client::ChatClient::connectionFailed, this,
            [this](const QString &reason) {
                fail(ExitUnreachable, tr("server unreachable: %1").arg(reason));
            });
    if (m_request.timeoutSeconds == 0) {
        connect(&m_timeout, &QTimer::timeout, this, [this] { fail(ExitFailure, tr("timed out")); });
        m_timeout.start(kSendTimeoutSeconds * 1000);
    }
    // After the inbox drain, so that the groups this profile was added to are known.
    connect(m_client.get(), &client::ChatClient::synced, this, [this] {
        if (m_groupRequest != 0 || m_finished)
            return;
        const QString sub = m_request.args.value(0);
        const QString name = m_request.args.value(1);
        auto &controller = m_client->groups();
        if (sub == QLatin1String("create")) {
            m_groupRequest = controller.createGroup(name, m_request.members);
        } else {
            QString error;
            const QString key = resolveGroup(name, &error);
            if (key.isEmpty()) {
                fail(ExitRefused, error);
                return;
            }
            const QString user = m_request.args.value(2);
            if (sub == QLatin1String("add"))
                m_groupRequest = controller.addMember(key, user);
            else if (sub == QLatin1String("remove"))
                m_groupRequest = controller.removeMember(key, user);
            else
                m_groupRequest = controller.leave(key);
        }
        if (m_groupRequest == 0)
            fail(ExitFailure, tr("could not send the request to the server"));
    });
    m_client->start();
}

void CliCommand::fail(int code, const QString &message)
{
    if (m_finished)
        return;
    m_err << "error: " << message << Qt::endl;
    finish(code);
}

void CliCommand::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    if (m_client) {
        // Delivery acks must reach the server before we go, or it sends again.
        m_client->stop();
        const QDeadlineTimer deadline(2000);
        while (m_client->pendingBytes() > 0 && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    Q_EMIT done(code);
}

} // namespace linnet::cli
