# SPDX-License-Identifier: GPL-3.0-or-later
# Windows (a recipe: built by .github/workflows/windows.yml with MSYS2's UCRT64 Qt, not
# here). The installed bin/ gets what the executables need to run on a machine without
# Qt: windeployqt copies Qt's DLLs and plugins; the other DLLs (libsodium, QtKeychain,
# SQLite, the compiler's runtime, Qt's own dependencies) are found with
# file(GET_RUNTIME_DEPENDENCIES) in LINNET_RUNTIME_DLL_DIRS.

find_program(LINNET_WINDEPLOYQT NAMES windeployqt windeployqt6 windeployqt-qt6
             HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
get_filename_component(compilerDir "${CMAKE_CXX_COMPILER}" DIRECTORY)
set(LINNET_RUNTIME_DLL_DIRS "${compilerDir};${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}"
    CACHE STRING "Where the DLLs the executables need are (MSYS2: /ucrt64/bin)")

if(TARGET linnet)
    # A window, not a console; the icon in Explorer, the taskbar and the installer.
    set_target_properties(linnet PROPERTIES WIN32_EXECUTABLE ON)
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/linnet.rc"
         "IDI_ICON1 ICON \"${CMAKE_CURRENT_LIST_DIR}/linnet.ico\"\n")
    target_sources(linnet PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/linnet.rc")
endif()

install(FILES linnet-server.ini.sample DESTINATION . COMPONENT server)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION . COMPONENT app)

foreach(component app server)
    if(component STREQUAL "app")
        set(exes linnet.exe linnet-cli.exe)
    else()
        set(exes linnet-server.exe)
    endif()
    install(CODE "
        set(LINNET_WINDEPLOYQT \"${LINNET_WINDEPLOYQT}\")
        set(LINNET_RUNTIME_DLL_DIRS \"${LINNET_RUNTIME_DLL_DIRS}\")
        set(LINNET_DEPLOY_BIN \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
        set(LINNET_DEPLOY_EXES \"${exes}\")"
        COMPONENT ${component})
    install(SCRIPT "${CMAKE_CURRENT_LIST_DIR}/deploy-runtime.cmake" COMPONENT ${component})
endforeach()
