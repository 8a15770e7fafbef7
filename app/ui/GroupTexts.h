// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "groups/GroupTypes.h"

#include <QCoreApplication>
#include <QVariantMap>

namespace linnet::ui {

/**
 * How the UI words group events and member lists, in the user's language and
 * from the user's point of view ("You added Ben", "Ana, Ben and you").
 */
class GroupTexts {
    Q_DECLARE_TR_FUNCTIONS(GroupTexts)
public:
    /** A system message for @p event (MessageModel::GroupEventRole) as @p self reads it. */
    static QString event(const QVariantMap &event, const QString &self);
    /** The members for a conversation header, this user last as "you". */
    static QString members(const client::Group &group, const QString &self);

private:
    static QString person(const QString &user, const QString &self);
};

} // namespace linnet::ui
