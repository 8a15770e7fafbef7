# SPDX-License-Identifier: GPL-3.0-or-later
# Linux: desktop integration (component "app"), the server's config, systemd unit and
# sysusers/tmpfiles entries (component "server"), man pages, and the copyright and
# changelog files Debian wants in each package's doc directory.

set(gen "${CMAKE_CURRENT_BINARY_DIR}/generated")

# --- The desktop app (component "app") ----------------------------------------------
configure_file(desktop/linnet.desktop.in "${gen}/${LINNET_APP_ID}.desktop" @ONLY)
configure_file(desktop/linnet.metainfo.xml.in "${gen}/${LINNET_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${gen}/${LINNET_APP_ID}.desktop"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT app)
install(FILES "${gen}/${LINNET_APP_ID}.metainfo.xml"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT app)
# PNGs rendered from resources/icons/linnet.svg (rsvg-convert -w N -h N), plus the SVG.
foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES icons/linnet-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME ${LINNET_APP_ID}.png COMPONENT app)
endforeach()
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/linnet.svg"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${LINNET_APP_ID}.svg COMPONENT app)

# --- The server (component "server") ------------------------------------------------
# The installed config is the sample with its data_dir set, so the service and the admin
# commands (`linnet-server --config /etc/linnet/linnet-server.ini invite create`) find
# the same database. The sample itself only states defaults (tst_serverconfig).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS linnet-server.ini.sample)
file(READ linnet-server.ini.sample sample)
set(sampleDataDir ";data_dir = /var/lib/linnet-server\n")
string(FIND "${sample}" "${sampleDataDir}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "linnet-server.ini.sample lost its line '${sampleDataDir}'")
endif()
string(REPLACE "${sampleDataDir}" "data_dir = /var/lib/linnet-server\n" installed "${sample}")
file(WRITE "${gen}/linnet-server.ini" "${installed}")
install(FILES "${gen}/linnet-server.ini"
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/linnet COMPONENT server)
install(FILES linnet-server.ini.sample
              systemd/linnet-server-backup.service systemd/linnet-server-backup.timer
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/linnet-server/examples COMPONENT server)
install(FILES "${PROJECT_SOURCE_DIR}/docs/self-hosting.md"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/linnet-server COMPONENT server)
install(FILES systemd/linnet-server.service DESTINATION lib/systemd/system COMPONENT server)
install(FILES systemd/linnet-server.sysusers DESTINATION lib/sysusers.d
        RENAME linnet-server.conf COMPONENT server)
install(FILES systemd/linnet-server.tmpfiles DESTINATION lib/tmpfiles.d
        RENAME linnet-server.conf COMPONENT server)

# --- Manual pages and each package's copyright and changelog -----------------------
find_program(GZIP_EXECUTABLE gzip REQUIRED)
function(linnet_install_gzipped source destination component)
    get_filename_component(name "${source}" NAME)
    execute_process(COMMAND "${GZIP_EXECUTABLE}" -n -9 -c "${source}"
                    OUTPUT_FILE "${gen}/${name}.gz" COMMAND_ERROR_IS_FATAL ANY)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
    install(FILES "${gen}/${name}.gz" DESTINATION "${destination}" COMPONENT ${component})
endfunction()
linnet_install_gzipped("${CMAKE_CURRENT_SOURCE_DIR}/man/linnet.1"
                       ${CMAKE_INSTALL_MANDIR}/man1 app)
linnet_install_gzipped("${CMAKE_CURRENT_SOURCE_DIR}/man/linnet-cli.1"
                       ${CMAKE_INSTALL_MANDIR}/man1 app)
linnet_install_gzipped("${CMAKE_CURRENT_SOURCE_DIR}/man/linnet-server.8"
                       ${CMAKE_INSTALL_MANDIR}/man8 server)

# Debian changelogs want the date as RFC 2822 (string(TIMESTAMP) cannot parse a date).
if(NOT LINNET_RELEASE_DATE MATCHES "^([0-9][0-9][0-9][0-9])-([01][0-9])-([0-3][0-9])$")
    message(FATAL_ERROR "LINNET_RELEASE_DATE must be YYYY-MM-DD, not ${LINNET_RELEASE_DATE}")
endif()
set(year ${CMAKE_MATCH_1})
set(day ${CMAKE_MATCH_3})
math(EXPR monthIndex "${CMAKE_MATCH_2} - 1")
set(months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
list(GET months ${monthIndex} month)
# Sakamoto's day of the week (0 = Sunday).
set(offsets 0 3 2 5 0 3 5 1 4 6 2 4)
list(GET offsets ${monthIndex} offset)
set(y ${year})
if(monthIndex LESS 2)
    math(EXPR y "${y} - 1")
endif()
math(EXPR weekdayIndex "(${y} + ${y} / 4 - ${y} / 100 + ${y} / 400 + ${offset} + ${day}) % 7")
set(weekdays Sun Mon Tue Wed Thu Fri Sat)
list(GET weekdays ${weekdayIndex} weekday)
set(LINNET_RELEASE_DATE_RFC2822 "${weekday}, ${day} ${month} ${year} 12:00:00 +0000")
set(CPACK_PACKAGE_CONTACT "${LINNET_CONTACT}")
foreach(pair "linnet;app" "linnet-server;server")
    list(GET pair 0 LINNET_PACKAGE_NAME)
    list(GET pair 1 component)
    set(LINNET_PACKAGE_VERSION "${PROJECT_VERSION}-${LINNET_PACKAGE_RELEASE}")
    set(docdir "${gen}/doc-${LINNET_PACKAGE_NAME}")
    configure_file(debian/changelog.in "${docdir}/changelog.Debian" @ONLY)
    execute_process(COMMAND "${GZIP_EXECUTABLE}" -n -9 -c "${docdir}/changelog.Debian"
                    OUTPUT_FILE "${docdir}/changelog.Debian.gz" COMMAND_ERROR_IS_FATAL ANY)
    install(FILES debian/copyright "${docdir}/changelog.Debian.gz"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${LINNET_PACKAGE_NAME}
            COMPONENT ${component})
endforeach()

