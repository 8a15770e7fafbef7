# SPDX-License-Identifier: GPL-3.0-or-later
# CPack settings. Linux: one package per install component ("app" -> linnet, "server" ->
# linnet-server), as .deb and .rpm; the server alone as .tar.gz (CPackProjectConfig.cmake
# narrows TGZ to it). Windows: an NSIS installer with both components (and a .zip);
# macOS: a DMG. Runtime dependencies on libraries are generated (dpkg-shlibdeps,
# rpm's find-requires); Qt plugins are loaded at run time, so those are named here.

set(CPACK_PACKAGE_NAME linnet)
set(CPACK_PACKAGE_VENDOR "The Linnet developers")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# Each package has its own summary (the first line of its description); an empty global
# one keeps CPack from putting the project's in front of both.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGE_HOMEPAGE_URL "${LINNET_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "") # source tarballs come from git archive
set(CPACK_COMPONENTS_ALL app server)
set(CPACK_COMPONENT_APP_DISPLAY_NAME "Linnet (the app and linnet-cli)")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Linnet server (linnet-server)")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "The server a team runs; the app's \"Host a server on this computer\" needs it too.")

if(WIN32)
    # An NSIS installer; the server is an optional component, off by default.
    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_PACKAGE_INSTALL_DIRECTORY Linnet)
    set(CPACK_PACKAGE_FILE_NAME "Linnet-${PROJECT_VERSION}-win64")
    set(CPACK_PACKAGE_EXECUTABLES linnet Linnet)
    set(CPACK_NSIS_DISPLAY_NAME Linnet)
    set(CPACK_NSIS_PACKAGE_NAME Linnet)
    set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/windows/linnet.ico")
    set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_LIST_DIR}/windows/linnet.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\linnet.exe")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_URL_INFO_ABOUT "${LINNET_HOMEPAGE_URL}")
    set(CPACK_COMPONENT_APP_REQUIRED ON)
    set(CPACK_COMPONENT_SERVER_DISABLED ON)
    set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
elseif(APPLE)
    # One DMG holding Linnet.app with linnet-cli and linnet-server inside; everything is
    # installed in one go, so macdeployqt (last) sees all three executables.
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_MONOLITHIC_INSTALL ON)
    set(CPACK_DMG_VOLUME_NAME Linnet)
    set(CPACK_PACKAGE_FILE_NAME "Linnet-${PROJECT_VERSION}-macOS-${CMAKE_SYSTEM_PROCESSOR}")
else()
    set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
    set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake")
    set(CPACK_GENERATOR DEB TGZ)
    find_program(LINNET_RPMBUILD rpmbuild)
    if(LINNET_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()
    if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
        message(STATUS "Packages: configure with -DCMAKE_INSTALL_PREFIX=/usr to build .deb/.rpm "
                       "(now ${CMAKE_INSTALL_PREFIX}; the config would go to "
                       "${CMAKE_INSTALL_FULL_SYSCONFDIR})")
    endif()
    set(CPACK_COMPONENTS_GROUPING IGNORE)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_RPM_COMPONENT_INSTALL ON)
    set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
endif()

set(appSummary "end-to-end encrypted messenger for self-hosted teams (desktop app)")
set(appDescription
    "Linnet is a messenger for a team that runs its own server. One-to-one chats
and groups of up to 1,024 members are end-to-end encrypted (X3DH and the Double
Ratchet over libsodium; sender keys for groups): the server relays only
ciphertext. Photos and files up to 2 GiB travel encrypted like messages.

This package holds the Qt desktop app (linnet) and the command-line client
(linnet-cli) for scripts and bots. The server is in linnet-server.")
set(serverSummary "end-to-end encrypted messenger for self-hosted teams (server)")
set(serverDescription
    "linnet-server relays the end-to-end encrypted messages of Linnet clients. It
keeps a per-device inbox in SQLite for devices that are offline, acknowledges a
message only once it is on disk, and deletes it once delivered. Accounts are
created by invite; TLS is built in or left to a reverse proxy.

The package creates the system user linnet-server and /var/lib/linnet-server
and installs a systemd unit, which it neither enables nor starts. The data is
kept when the package is removed and deleted when it is purged.")

# --- .deb ---------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${LINNET_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_APP_PACKAGE_NAME linnet)
set(CPACK_DEBIAN_APP_DESCRIPTION "${appSummary}\n${appDescription}")
# Plugins: the SQLite driver (the local message store). xcb, SVG icons and Qt's
# multimedia backends come with libraries shlibdeps finds; Qt 6.4 records and plays
# through GStreamer, whose codecs (Opus/Ogg for voice notes, video frames for
# thumbnails) are plugin packages. The keychain needs a Secret Service provider (without
# one the app cannot keep a device signed in).
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS
    "gnome-keyring | kwalletmanager | keepassxc, qt6-wayland, linnet-server, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good, gstreamer1.0-libav")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME linnet-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_DESCRIPTION "${serverSummary}\n${serverDescription}")
# passwd: useradd in postinst.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, passwd")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/conffiles"
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/postinst"
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/prerm"
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/postrm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

# --- .rpm ---------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE ${LINNET_PACKAGE_RELEASE})
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_RPM_PACKAGE_URL "${LINNET_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_PACKAGE_RELOCATABLE OFF)
set(CPACK_RPM_SPEC_MORE_DEFINE "%define packager ${LINNET_CONTACT}")
set(CPACK_RPM_CHANGELOG_FILE "${CMAKE_CURRENT_LIST_DIR}/rpm/changelog")
set(CPACK_RPM_APP_PACKAGE_NAME linnet)
# RPM summaries start with a capital letter, Debian's do not.
set(CPACK_RPM_APP_PACKAGE_SUMMARY
    "End-to-end encrypted messenger for self-hosted teams (desktop app)")
set(CPACK_RPM_APP_PACKAGE_DESCRIPTION "${appDescription}")
set(CPACK_RPM_SERVER_PACKAGE_NAME linnet-server)
set(CPACK_RPM_SERVER_PACKAGE_SUMMARY
    "End-to-end encrypted messenger for self-hosted teams (server)")
set(CPACK_RPM_SERVER_PACKAGE_DESCRIPTION "${serverDescription}")
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES_PRE "shadow-utils")
# %post creates /var/lib/linnet-server with systemd-tmpfiles (as Fedora's %tmpfiles_create).
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES_POST "systemd")
set(CPACK_RPM_SERVER_PRE_INSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/rpm/server-pre")
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/rpm/server-post")
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/rpm/server-preun")
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE "${CMAKE_CURRENT_LIST_DIR}/rpm/server-postun")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/linnet/linnet-server.ini")
# Directories other packages (filesystem, systemd, hicolor-icon-theme) own.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc /usr/lib/systemd /usr/lib/systemd/system /usr/lib/sysusers.d /usr/lib/tmpfiles.d
    /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps
    /usr/share/man /usr/share/man/man1 /usr/share/man/man8 /usr/share/doc)
foreach(size 16 22 24 32 48 64 128 256 512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
         /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()

# --- .tar.gz of the server ----------------------------------------------------------
set(CPACK_ARCHIVE_SERVER_FILE_NAME
    "linnet-server-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")

include(CPack)
