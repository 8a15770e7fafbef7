// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpsHttp.h"

#include "ServerConfig.h"
#include "ServerLog.h"
#include "media/HttpRequestHead.h"
#include "ops/MetricsText.h"
#include "transport/ByteStream.h"

#include <QMetaObject>
#include <QTimer>

#include <sodium.h>

namespace linnet::server {

namespace {

constexpr char kHealthPath[] = "/healthz";
constexpr char kMetricsPath[] = "/metrics";
/** A peer that does not close after its answer is dropped after this long. */
constexpr std::chrono::seconds kLingerLimit{10};

/** The request target's path: up to a '?' (Prometheus adds none, but others may). */
QByteArrayView pathOf(QByteArrayView target)
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.first(query);
}

/** The value of the first header @p name (lower case) in @p head, trimmed; empty if none. */
QByteArray headerValue(QByteArrayView head, QByteArrayView name)
{
    for (const QByteArray &line : head.toByteArray().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().toLower() == name)
            return line.sliced(colon + 1).trimmed();
    }
    return {};
}

/** Compares in time that does not depend on where they differ. */
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    unsigned char ha[crypto_generichash_BYTES];
    unsigned char hb[crypto_generichash_BYTES];
    crypto_generichash(ha, sizeof ha, reinterpret_cast<const unsigned char *>(a.constData()),
                       quint64(a.size()), nullptr, 0);
    crypto_generichash(hb, sizeof hb, reinterpret_cast<const unsigned char *>(b.constData()),
                       quint64(b.size()), nullptr, 0);
    return sodium_memcmp(ha, hb, sizeof ha) == 0;
}

QByteArray response(int status, const QByteArray &body, const QByteArray &contentType,
                    bool withBody, http::Headers headers = {})
{
    headers.emplaceBack("Content-Type", contentType);
    headers.emplaceBack("Cache-Control", "no-store");
    headers.emplaceBack("Connection", "close");
    return http::responseHead(status, headers, body.size()) + (withBody ? body : QByteArray());
}

QByteArray textResponse(int status, const QByteArray &text, bool withBody,
                        http::Headers headers = {})
{
    return response(status, text + '\n', "text/plain; charset=utf-8", withBody, std::move(headers));
}

} // namespace

/** One connection: the answer goes out, then the stream closes and this is deleted. */
class OpsHttp::Exchange final : public ByteStream::Listener {
public:
    Exchange(OpsHttp &owner, std::unique_ptr<ByteStream> stream)
        : m_owner(owner), m_stream(std::move(stream))
    {
        m_stream->setListener(this);
        QTimer::singleShot(kLingerLimit, m_stream->context(), [this] {
            m_stream->abort();
            streamClosed();
        });
    }
    ~Exchange() { m_stream->setListener(nullptr); }

    void answer(const QByteArray &bytes)
    {
        m_stream->write(bytes);
        m_stream->closeAfterWrites();
    }

    void streamData(const QByteArray &) override {} // one request per connection
    void streamClosed() override
    {
        if (!m_closed) {
            m_closed = true;
            m_owner.finished(this);
        }
    }
    void streamDrained() override {}

private:
    OpsHttp &m_owner;
    std::unique_ptr<ByteStream> m_stream;
    bool m_closed = false;
};

OpsHttp::OpsHttp(const ServerConfig &config, Health health, Metrics metrics, QObject *parent)
    : QObject(parent), m_config(config), m_health(std::move(health)), m_metrics(std::move(metrics))
{
}

OpsHttp::~OpsHttp() = default;

bool OpsHttp::isOpsRequest(QByteArrayView head)
{
    const qsizetype space = head.indexOf(' ');
    if (space <= 0)
        return false;
    const QByteArrayView rest = head.sliced(space + 1);
    const qsizetype end = rest.indexOf(' ');
    if (end <= 0)
        return false;
    const QByteArrayView path = pathOf(rest.first(end));
    return path == QByteArrayView(kHealthPath) || path == QByteArrayView(kMetricsPath);
}

void OpsHttp::accept(std::unique_ptr<ByteStream> stream, const QByteArray &received,
                     ConnectionAdmission::HandOver verdict)
{
    const QHostAddress peer = stream->peerAddress();
    auto exchange = std::make_unique<Exchange>(*this, std::move(stream));
    Exchange *raw = exchange.get();
    m_open.emplace(raw, std::move(exchange));
    using HandOver = ConnectionAdmission::HandOver;
    if (verdict == HandOver::AddressBusy)
        raw->answer(textResponse(429, "too many connections from your address", true));
    else if (verdict == HandOver::ServerFull)
        raw->answer(textResponse(503, "the server has too many connections", true));
    else {
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        raw->answer(respond(
            QByteArrayView(received).first(headEnd < 0 ? received.size() : headEnd + 4), peer));
    }
}

QByteArray OpsHttp::respond(QByteArrayView head, const QHostAddress &peer)
{
    const auto parsed = http::parseRequestHead(head);
    if (const auto *refusal = std::get_if<http::Refusal>(&parsed))
        return textResponse(refusal->status, refusal->reason, true);
    const auto &request = std::get<http::RequestHead>(parsed);
    const bool get = request.method == http::Method::Get;
    if (!get && request.method != http::Method::Head)
        return textResponse(405, "only GET and HEAD", true, {{"Allow", "GET, HEAD"}});
    if (pathOf(request.target) == QByteArrayView(kHealthPath)) {
        const auto health = m_health();
        if (!health)
            qCWarning(lcServer) << "/healthz: unavailable:" << health.error().reason;
        return health ? textResponse(200, "ok", get)
                      : textResponse(503, "unavailable: " + health.error().reason.toUtf8(), get);
    }
    if (pathOf(request.target) != QByteArrayView(kMetricsPath))
        return textResponse(404, "not found: this address serves /healthz and /metrics", get);
    if (!m_metrics)
        return textResponse(404, "/metrics is served on the admin address (admin_listen)", get);
    if (const int refused = refuseMetrics(head, peer)) {
        if (refused == 401)
            return textResponse(401,
                                "/metrics needs the metrics_token: Authorization: Bearer "
                                "<token>",
                                get, {{"WWW-Authenticate", "Bearer realm=\"linnet-metrics\""}});
        return textResponse(403,
                            "/metrics answers only this machine; set metrics_token to "
                            "scrape it from elsewhere",
                            get);
    }
    return response(200, m_metrics(), MetricsText::kContentType, get);
}

int OpsHttp::refuseMetrics(QByteArrayView head, const QHostAddress &peer) const
{
    if (!m_config.metricsToken.isEmpty()) {
        const QByteArray authorization = headerValue(head, "authorization");
        const bool bearer = authorization.startsWith("Bearer ");
        if (!bearer ||
            !sameSecret(authorization.sliced(7).trimmed(), m_config.metricsToken.toUtf8())) {
            qCInfo(lcServer) << "/metrics refused to" << peer.toString()
                             << (bearer ? "(a wrong token)" : "(no token)");
            return 401;
        }
        return 0;
    }
    const bool proxied = !headerValue(head, "x-forwarded-for").isEmpty() ||
                         !headerValue(head, "forwarded").isEmpty();
    if (!peer.isLoopback() || proxied) {
        qCInfo(lcServer) << "/metrics refused to" << peer.toString()
                         << (proxied ? "(through a proxy)" : "") << "without metrics_token";
        return 403;
    }
    return 0;
}

void OpsHttp::finished(Exchange *exchange)
{
    // Not now: we may be inside one of its calls.
    QMetaObject::invokeMethod(
        this, [this, exchange] { m_open.erase(exchange); }, Qt::QueuedConnection);
}

} // namespace linnet::server
