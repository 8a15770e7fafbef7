// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupTexts.h"

#include <QLocale>

namespace linnet::ui {

QString GroupTexts::person(const QString &user, const QString &self)
{
    return user == self ? tr("you") : user;
}

QString GroupTexts::event(const QVariantMap &e, const QString &self)
{
    const QString op = e.value(QStringLiteral("op")).toString();
    const QString by = e.value(QStringLiteral("by")).toString();
    const QString user = e.value(QStringLiteral("user")).toString();
    const QString name = e.value(QStringLiteral("name")).toString();
    const bool mine = by == self;
    const bool aboutMe = user == self;
    if (op == QLatin1String("create"))
        return mine ? tr("You created the group “%1”").arg(name)
                    : tr("%1 created the group “%2”").arg(by, name);
    if (op == QLatin1String("add")) {
        if (mine)
            return tr("You added %1").arg(user);
        return aboutMe ? tr("%1 added you").arg(by) : tr("%1 added %2").arg(by, user);
    }
    if (op == QLatin1String("remove")) {
        if (mine)
            return tr("You removed %1").arg(user);
        return aboutMe ? tr("%1 removed you").arg(by) : tr("%1 removed %2").arg(by, user);
    }
    if (op == QLatin1String("leave")) {
        const QString who = user.isEmpty() ? by : user;
        return who == self ? tr("You left") : tr("%1 left").arg(who);
    }
    if (op == QLatin1String("rename"))
        return mine ? tr("You renamed the group to “%1”").arg(name)
                    : tr("%1 renamed the group to “%2”").arg(by, name);
    if (op == QLatin1String("admin")) {
        if (aboutMe)
            return tr("%1 made you an admin").arg(person(by, self));
        return mine ? tr("You made %1 an admin").arg(user)
                    : tr("%1 made %2 an admin").arg(by, user);
    }
    if (op == QLatin1String("unadmin")) {
        if (aboutMe)
            return tr("%1 removed you as an admin").arg(person(by, self));
        return mine ? tr("You removed %1 as an admin").arg(user)
                    : tr("%1 removed %2 as an admin").arg(by, user);
    }
    return tr("The group changed");
}

QString GroupTexts::members(const client::Group &group, const QString &self)
{
    QStringList names;
    bool includesSelf = false;
    for (const auto &m : group.members) {
        if (m.user == self)
            includesSelf = true;
        else
            names.append(m.user);
    }
    if (includesSelf)
        names.append(tr("you"));
    if (names.isEmpty())
        return {};
    return QLocale().createSeparatedList(names);
}

} // namespace linnet::ui
