// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "protocol/Frames.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace linnet::client {

/**
 * The new device's side of linking (docs/crypto.md, "Linking"): a fresh link code, the
 * link_request that files it with the server, and opening the approval that carries the
 * account identity key. ChatClient holds one while its connection waits for approval.
 */
class NewDeviceLink {
public:
    /** A new random code. */
    static NewDeviceLink create();

    /** As shown to the user: "7KQ2-…" (crypto::formatLinkCode). */
    QString code() const;
    /** What the QR code carries: linnet://link?user=USER&code=CODE. */
    QString qrText(const QString &username) const;
    /** The request that files this code for @p username's account, sealing who we are. */
    protocol::LinkRequest request(quint32 requestId, const QString &username,
                                  const QByteArray &identityKey, const QString &deviceName) const;
    /** The account key an approval holds; nullopt if it does not open under this code. */
    std::optional<crypto::IdentityKeyPair> open(const protocol::LinkSealed &sealed) const;

private:
    QByteArray m_secret;
};

/** The link code in @p typed: the code itself, or a linnet://link URL (a scanned QR code). */
QString linkCodeFrom(const QString &typed);

} // namespace linnet::client
