// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the device list frames (devices_get, devices,
// device_rename, device_revoke), one function per frame as in FrameCodec.cpp.

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

namespace linnet::protocol {

template <typename S> void fields(S &, const DevicesGet &) {}

template <typename S> void fields(S &s, const DeviceInfo &f)
{
    s("dev", f.device);
    s("name", f.name);
    s("linked", f.linkedAt);
    s("last_seen", f.lastSeen);
    if (!f.identity.isEmpty())
        s("identity", f.identity);
    if (!f.deviceSignature.isEmpty())
        s("device_sig", f.deviceSignature);
}

template <typename S> void fields(S &s, const DeviceList &f)
{
    s("devices", f.devices, [](auto &w, const DeviceInfo &d) { fields(w, d); });
}

template <typename S> void fields(S &s, const DeviceRename &f)
{
    s("dev", f.device);
    s("name", f.name);
}

template <typename S> void fields(S &s, const DeviceRevoke &f)
{
    s("dev", f.device);
}

inline void read(detail::FieldReader &, DevicesGet &) {}

inline void read(detail::FieldReader &in, DeviceList &f)
{
    auto devices = in.mapList("devices", 1, kMaxCopies);
    for (qsizetype i = 0; i < qsizetype(devices.size()) && !in.failed(); ++i) {
        detail::FieldReader &d = devices[size_t(i)];
        DeviceInfo info;
        info.device = d.positiveId("dev");
        info.name = d.text("name", 0, kMaxDeviceNameLength);
        info.linkedAt = d.timestamp("linked");
        info.lastSeen = d.timestamp("last_seen");
        info.identity = d.bytes("identity", kKeyBytes, kKeyBytes, detail::Need::Optional);
        info.deviceSignature =
            d.bytes("device_sig", kSignatureBytes, kSignatureBytes, detail::Need::Optional);
        in.absorb(d, "devices", i);
        f.devices.append(std::move(info));
    }
}

inline void read(detail::FieldReader &in, DeviceRename &f)
{
    f.device = in.positiveId("dev");
    f.name = in.text("name", 1, kMaxDeviceNameLength);
    if (!in.failed() && f.name.trimmed().isEmpty())
        in.fail(ErrorCode::InvalidField, QStringLiteral("field \"name\" is only spaces"));
}

inline void read(detail::FieldReader &in, DeviceRevoke &f)
{
    f.device = in.positiveId("dev");
}

} // namespace linnet::protocol
