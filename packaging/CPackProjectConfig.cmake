# SPDX-License-Identifier: GPL-3.0-or-later
# Read by cpack once per generator: the .tar.gz holds the server alone, laid out as the
# packages install it (usr/bin, usr/lib/systemd, etc/linnet) so `tar -C /` works.
if(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_COMPONENTS_ALL server)
    set(CPACK_SET_DESTDIR ON)
    set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
