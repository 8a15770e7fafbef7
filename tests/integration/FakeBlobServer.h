// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <functional>

namespace linnet::test {

/**
 * A stand-in for the server's HTTP media endpoint (docs/protocol.md 10) in one test
 * process, with knobs for the faults a real server cannot be made to show on cue: a
 * connection cut after N bytes, an answer held back, a range ignored, a status forced.
 * It keeps one blob: `held` (what PUTs have stored) and `served` (what GETs return).
 */
class FakeBlobServer : public QTcpServer {
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; ///< names lower-cased
        QByteArray header(const QByteArray &name) const { return headers.value(name); }
    };

    // Knobs; they apply to every request until changed.
    int forcedStatus = 0; ///< answer this at once, with forcedReason as the body
    QByteArray forcedReason = "no";
    bool sendContinue = true; ///< answer Expect: 100-continue
    qint64 cutAfter = -1;     ///< cut the connection after this many body bytes (in or out)
    bool holdAnswer = false;  ///< PUT: never answer; GET: stop after cutAfter bytes, stay open
    bool ignoreRange = false; ///< GET: 200 with the whole blob whatever the Range
    QByteArray extraBytes;    ///< GET: sent after the blob (a server sending too much)
    int dribbleBytes = 0;     ///< GET: send in pieces of this size...
    int dribbleMs = 0;        ///< ...this far apart

    quint64 declaredSize = 0; ///< PUT: the blob's size
    QByteArray held;          ///< PUT: the bytes stored so far
    QByteArray served;        ///< GET: the blob
    QList<Request> requests;

    /** A self-signed certificate for 127.0.0.1 (valid until 2126), made for these tests. */
    static QSslCertificate testCertificate()
    {
        return QSslCertificate(
            QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n"
                              "MIIBkDCCATagAwIBAgIUH5QKpmumbYrLPlm4lYpGpp0deVYwCgYIKoZIzj0EAwIw\n"
                              "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNzA5MjkwNFoYDzIxMjYxMTEz\n"
                              "MDkyOTA0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
                              "PQMBBwNCAATBAWdPzPwXnM4WTGaS/WI5rgyT9yZI3NcD28GE7/BcatE/omCFtkcJ\n"
                              "g6FeMke45v5vf+RbvhSOCUey1gFz+Z9/o2QwYjAdBgNVHQ4EFgQUgN3sdzFSauIf\n"
                              "5Hxe0jiV67N+uFEwHwYDVR0jBBgwFoAUgN3sdzFSauIf5Hxe0jiV67N+uFEwDwYD\n"
                              "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
                              "IEKzDOLBvIr2z5cZ4lL/l1XAmXej3s5UpSz+Y60dWty2AiEArHb/GG/5Wr5ID1ZJ\n"
                              "nQEEIA/rLQr3HhXWjVAuTZeTK+4=\n"
                              "-----END CERTIFICATE-----\n"));
    }

    /** testCertificate()'s private key. */
    static QSslKey testKey()
    {
        return QSslKey(
            QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n"
                              "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfGE9rJN1EkC2KYD0\n"
                              "YDFpeVnHdiLyZn/h99NyT45/0c6hRANCAATBAWdPzPwXnM4WTGaS/WI5rgyT9yZI\n"
                              "3NcD28GE7/BcatE/omCFtkcJg6FeMke45v5vf+RbvhSOCUey1gFz+Z9/\n"
                              "-----END PRIVATE KEY-----\n"),
            QSsl::Ec);
    }

    /** Serves HTTPS with testCertificate() (call before listen). */
    void useTls()
    {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setLocalCertificate(testCertificate());
        m_tls.setPrivateKey(testKey());
        m_useTls = true;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = nullptr;
        if (m_useTls) {
            auto *ssl = new QSslSocket(this);
            ssl->setSslConfiguration(m_tls);
            ssl->setSocketDescriptor(descriptor);
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
        }
        auto *session = new Session(this, socket); // a child of the socket: goes with it
        connect(socket, &QTcpSocket::readyRead, session, [session] { session->onRead(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    struct Session : QObject {
        Session(FakeBlobServer *owner, QTcpSocket *connection)
            : QObject(connection), server(owner), socket(connection)
        {
        }
        FakeBlobServer *server;
        QTcpSocket *socket;
        QByteArray head;
        bool headDone = false;
        bool putting = false;
        qint64 bodyLeft = 0;
        qint64 bodyIn = 0;

        void answer(int status, const QByteArray &reason, const QByteArray &extraHeaders = {})
        {
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          " X\r\nContent-Length: " + QByteArray::number(reason.size()) + "\r\n" +
                          extraHeaders + "\r\n" + reason);
            socket->disconnectFromHost();
        }
        QByteArray offsetHeader() const
        {
            return "Upload-Offset: " + QByteArray::number(server->held.size()) + "\r\n";
        }

        void onRead()
        {
            if (!headDone) {
                head += socket->readAll();
                const qsizetype end = head.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray rest = head.sliced(end + 4);
                headDone = true;
                onHead(head.first(end));
                if (putting && !rest.isEmpty())
                    onBody(rest);
                return;
            }
            if (putting)
                onBody(socket->readAll());
            else
                socket->readAll();
        }

        void onHead(const QByteArray &raw)
        {
            Request request;
            const QList<QByteArray> lines = raw.split('\n');
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].first(colon).trimmed().toLower(),
                                           lines[i].sliced(colon + 1).trimmed());
            }
            server->requests.append(request);
            if (server->forcedStatus) {
                answer(server->forcedStatus, server->forcedReason, offsetHeader());
                return;
            }
            if (request.method == "HEAD") {
                socket->write("HTTP/1.1 200 OK\r\n" + offsetHeader() + "Content-Length: " +
                              QByteArray::number(server->declaredSize) + "\r\n\r\n");
                socket->disconnectFromHost();
            } else if (request.method == "PUT") {
                startPut(request);
            } else {
                startGet(request);
            }
        }

        void startPut(const Request &request)
        {
            qint64 start = 0;
            const QByteArray range = request.header("content-range");
            if (range.startsWith("bytes "))
                start = range.sliced(6).split('-').value(0).toLongLong();
            if (start != server->held.size()) {
                answer(409, "wrong offset", offsetHeader());
                return;
            }
            putting = true;
            bodyLeft = request.header("content-length").toLongLong();
            if (server->sendContinue && request.header("expect") == "100-continue")
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }

        void onBody(QByteArray bytes)
        {
            if (server->cutAfter >= 0 && bodyIn + bytes.size() >= server->cutAfter) {
                server->held += bytes.first(server->cutAfter - bodyIn);
                socket->abort();
                return;
            }
            bodyIn += bytes.size();
            bodyLeft -= bytes.size();
            server->held += bytes;
            if (quint64(server->held.size()) > server->declaredSize) {
                server->held.truncate(qsizetype(server->declaredSize));
                answer(413, "too large");
                return;
            }
            if (bodyLeft == 0 && !server->holdAnswer) {
                if (quint64(server->held.size()) == server->declaredSize)
                    answer(201, {});
                else
                    answer(200, {}, offsetHeader());
            }
        }

        void startGet(const Request &request)
        {
            qint64 start = 0;
            const QByteArray range = request.header("range");
            if (range.startsWith("bytes="))
                start = range.sliced(6).split('-').value(0).toLongLong();
            QByteArray body;
            if (server->ignoreRange || range.isEmpty()) {
                body = server->served + server->extraBytes;
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n");
            } else if (start >= server->served.size()) {
                answer(416, "unsatisfiable");
                return;
            } else {
                body = server->served.sliced(start) + server->extraBytes;
                socket->write("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " +
                              QByteArray::number(start) + '-' +
                              QByteArray::number(server->served.size() - 1) + '/' +
                              QByteArray::number(server->served.size()) + "\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n");
            }
            if (server->cutAfter >= 0) {
                socket->write(body.first(qMin<qsizetype>(body.size(), server->cutAfter)));
                if (!server->holdAnswer)
                    socket->disconnectFromHost();
                return;
            }
            if (server->dribbleBytes > 0) {
                dribble(body, 0);
                return;
            }
            socket->write(body);
            socket->disconnectFromHost();
        }

        void dribble(const QByteArray &body, qsizetype from)
        {
            socket->write(
                body.sliced(from, qMin<qsizetype>(server->dribbleBytes, body.size() - from)));
            from += server->dribbleBytes;
            if (from >= body.size()) {
                socket->disconnectFromHost();
                return;
            }
            QTimer::singleShot(server->dribbleMs, this,
                               [this, body, from] { dribble(body, from); });
        }
    };

    bool m_useTls = false;
    QSslConfiguration m_tls;
};

} // namespace linnet::test
