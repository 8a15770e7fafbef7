// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the end-to-end key frames (keys_upload,
// prekeys, keys_get, keys), in the same one-function-per-frame style (found there by
// argument-dependent lookup), and the key field readers the codec shares.

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

namespace linnet::protocol {

namespace keyfields {
inline quint32 registrationId(detail::FieldReader &in)
{
    return quint32(in.integer("reg", 1, kMaxRegistrationId));
}

inline quint32 keyId(detail::FieldReader &in, const char *key,
                     detail::Need need = detail::Need::Required)
{
    return quint32(in.integer(key, 1, UINT32_MAX, need));
}

inline QByteArray publicKey(detail::FieldReader &in, const char *key,
                            detail::Need need = detail::Need::Required)
{
    return in.bytes(key, kKeyBytes, kKeyBytes, need);
}
} // namespace keyfields

template <typename S> void fields(S &s, const PreKeyPublic &f)
{
    s("id", quint64(f.id));
    s("key", f.key);
}

template <typename S> void fields(S &s, const KeysUpload &f)
{
    s("identity", f.identity);
    s("reg", quint64(f.registrationId));
    s("spk_id", quint64(f.signedPreKeyId));
    s("spk", f.signedPreKey);
    s("spk_sig", f.signature);
    if (!f.preKeys.isEmpty())
        s("prekeys", f.preKeys, [](auto &w, const PreKeyPublic &k) { fields(w, k); });
    if (!f.accountKey.isEmpty()) {
        s("account", f.accountKey);
        s("device_sig", f.deviceSignature);
    }
}

template <typename S> void fields(S &s, const PreKeyCount &f)
{
    s("count", f.count);
}

template <typename S> void fields(S &s, const KeysRequest &f)
{
    s("user", f.user);
    if (!f.claim.isEmpty())
        s("claim", f.claim);
}

template <typename S> void fields(S &s, const DeviceKeys &f)
{
    s("dev", f.device);
    s("reg", quint64(f.registrationId));
    s("identity", f.identity);
    if (f.signedPreKeyId != 0) {
        s("spk_id", quint64(f.signedPreKeyId));
        s("spk", f.signedPreKey);
        s("spk_sig", f.signature);
    }
    if (f.preKeyId != 0) {
        s("opk_id", quint64(f.preKeyId));
        s("opk", f.preKey);
    }
    if (!f.deviceSignature.isEmpty())
        s("device_sig", f.deviceSignature);
    if (!f.name.isEmpty())
        s("name", f.name);
}

template <typename S> void fields(S &s, const KeysReply &f)
{
    s("user", f.user);
    s("devices", f.devices, [](auto &w, const DeviceKeys &d) { fields(w, d); });
    if (!f.accountKey.isEmpty())
        s("account", f.accountKey);
}

inline void read(detail::FieldReader &in, KeysUpload &f)
{
    f.identity = keyfields::publicKey(in, "identity");
    f.registrationId = keyfields::registrationId(in);
    f.signedPreKeyId = keyfields::keyId(in, "spk_id");
    f.signedPreKey = keyfields::publicKey(in, "spk");
    f.signature = in.bytes("spk_sig", kSignatureBytes, kSignatureBytes);
    auto keys = in.mapList("prekeys", 0, kMaxPreKeysPerUpload, detail::Need::Optional);
    for (qsizetype i = 0; i < qsizetype(keys.size()) && !in.failed(); ++i) {
        detail::FieldReader &k = keys[size_t(i)];
        PreKeyPublic key{keyfields::keyId(k, "id"), keyfields::publicKey(k, "key")};
        in.absorb(k, "prekeys", i);
        f.preKeys.append(std::move(key));
    }
    // The certificate comes with the key that made it, or not at all.
    f.accountKey = keyfields::publicKey(in, "account", detail::Need::Optional);
    if (!f.accountKey.isEmpty())
        f.deviceSignature = in.bytes("device_sig", kSignatureBytes, kSignatureBytes);
}

inline void read(detail::FieldReader &in, PreKeyCount &f)
{
    f.count = in.unsignedInt("count");
}

inline void read(detail::FieldReader &in, KeysRequest &f)
{
    f.user = in.username("user");
    f.claim = in.unsignedList("claim", 0, kMaxCopies, detail::Need::Optional);
}

inline void read(detail::FieldReader &in, KeysReply &f)
{
    f.user = in.username("user");
    auto devices = in.mapList("devices", 0, kMaxCopies);
    for (qsizetype i = 0; i < qsizetype(devices.size()) && !in.failed(); ++i) {
        detail::FieldReader &d = devices[size_t(i)];
        DeviceKeys keys;
        keys.device = d.positiveId("dev");
        keys.registrationId = keyfields::registrationId(d);
        keys.identity = keyfields::publicKey(d, "identity");
        // The bundle is all or nothing; keys without their id are ignored like unknown keys.
        keys.signedPreKeyId = keyfields::keyId(d, "spk_id", detail::Need::Optional);
        if (keys.signedPreKeyId != 0) {
            keys.signedPreKey = keyfields::publicKey(d, "spk");
            keys.signature = d.bytes("spk_sig", kSignatureBytes, kSignatureBytes);
        }
        keys.preKeyId = keyfields::keyId(d, "opk_id", detail::Need::Optional);
        if (keys.preKeyId != 0)
            keys.preKey = keyfields::publicKey(d, "opk");
        keys.deviceSignature =
            d.bytes("device_sig", kSignatureBytes, kSignatureBytes, detail::Need::Optional);
        keys.name = d.text("name", 0, kMaxDeviceNameLength, detail::Need::Optional);
        in.absorb(d, "devices", i);
        f.devices.append(std::move(keys));
    }
    f.accountKey = keyfields::publicKey(in, "account", detail::Need::Optional);
}

} // namespace linnet::protocol
