// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QString>

namespace linnet::server {

/**
 * The server's TLS certificate as invites name it: its pin (SHA-256 of its public key),
 * and for a server without a certificate from an authority (tls_self_signed, and the
 * server the app hosts) an EC P-256 key with a self-signed certificate, made once and
 * kept in the data dir, readable by the owner alone. Clients do not check such a
 * certificate against a CA: they pin its public key from the invite link
 * (docs/self-hosting.md, "Invite links and pinning").
 */
class ServerCertificate {
public:
    /** The pin of the first certificate in the PEM file @p certFile. */
    static protocol::Result<QByteArray> pinOfFile(const QString &certFile);

    /** The certificate's file in @p dataDir (PEM). */
    static QString certPath(const QString &dataDir);
    /** The private key's file in @p dataDir (PEM, mode 0600). */
    static QString keyPath(const QString &dataDir);

    /** Makes both files unless both exist already; a half-made pair (one file) is made
     *  again. Each is written beside its name with mode 0600 and then renamed. */
    static protocol::Status ensureSelfSigned(const QString &dataDir);
};

} // namespace linnet::server
