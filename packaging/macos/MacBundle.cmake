# SPDX-License-Identifier: GPL-3.0-or-later
# macOS (a recipe: built by .github/workflows/macos.yml with Homebrew's Qt, not here).
# The app is a bundle, Linnet.app; configure with
# -DCMAKE_INSTALL_BINDIR=Linnet.app/Contents/MacOS so that linnet-cli and linnet-server
# go inside it (the app's "Host a server" finds linnet-server next to itself).
# macdeployqt then copies Qt's frameworks and plugins into the bundle and points all
# three executables at them; CPack's DragNDrop generator makes the DMG.

find_program(LINNET_MACDEPLOYQT NAMES macdeployqt macdeployqt6
             HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
find_program(LINNET_ICONUTIL iconutil REQUIRED)

# An .icns from the PNGs in packaging/icons (macOS names: NxN and NxN@2x).
set(iconset "${CMAKE_CURRENT_BINARY_DIR}/linnet.iconset")
file(MAKE_DIRECTORY "${iconset}")
foreach(pair "16;16x16" "32;16x16@2x" "32;32x32" "64;32x32@2x" "128;128x128"
        "256;128x128@2x" "256;256x256" "512;256x256@2x" "512;512x512")
    list(GET pair 0 px)
    list(GET pair 1 name)
    configure_file("${CMAKE_CURRENT_SOURCE_DIR}/icons/linnet-${px}.png"
                   "${iconset}/icon_${name}.png" COPYONLY)
endforeach()
execute_process(COMMAND "${LINNET_ICONUTIL}" -c icns -o "${CMAKE_CURRENT_BINARY_DIR}/linnet.icns"
                        "${iconset}" COMMAND_ERROR_IS_FATAL ANY)

if(TARGET linnet) # a MACOSX_BUNDLE (app/CMakeLists.txt)
    set_source_files_properties("${CMAKE_CURRENT_BINARY_DIR}/linnet.icns"
                                PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    target_sources(linnet PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/linnet.icns")
    set_target_properties(linnet PROPERTIES
        OUTPUT_NAME Linnet
        MACOSX_BUNDLE_BUNDLE_NAME Linnet
        MACOSX_BUNDLE_GUI_IDENTIFIER "${LINNET_APP_ID}"
        MACOSX_BUNDLE_ICON_FILE linnet.icns
        MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
        MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
        MACOSX_BUNDLE_COPYRIGHT "GPL-3.0-or-later")
endif()

install(FILES linnet-server.ini.sample DESTINATION Linnet.app/Contents/Resources COMPONENT server)
install(CODE "
    set(bundle \"\${CMAKE_INSTALL_PREFIX}/Linnet.app\")
    if(EXISTS \"\${bundle}/Contents/MacOS/Linnet\")
        set(extra)
        foreach(exe linnet-cli linnet-server)
            if(EXISTS \"\${bundle}/Contents/MacOS/\${exe}\")
                list(APPEND extra \"-executable=\${bundle}/Contents/MacOS/\${exe}\")
            endif()
        endforeach()
        execute_process(COMMAND \"${LINNET_MACDEPLOYQT}\" \"\${bundle}\" \${extra}
                        COMMAND_ERROR_IS_FATAL ANY)
    endif()" COMPONENT app)
