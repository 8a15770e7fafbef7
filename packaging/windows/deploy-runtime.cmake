# SPDX-License-Identifier: GPL-3.0-or-later
# Run at install time (WindowsDeploy.cmake sets LINNET_WINDEPLOYQT, LINNET_RUNTIME_DLL_DIRS,
# LINNET_DEPLOY_BIN and LINNET_DEPLOY_EXES): Qt's DLLs and plugins, then every other DLL
# the executables and those plugins load, next to the executables.
set(exes)
foreach(exe IN LISTS LINNET_DEPLOY_EXES)
    list(APPEND exes "${LINNET_DEPLOY_BIN}/${exe}")
endforeach()
execute_process(COMMAND "${LINNET_WINDEPLOYQT}" --no-translations --dir "${LINNET_DEPLOY_BIN}"
                        ${exes}
                COMMAND_ERROR_IS_FATAL ANY)
file(GLOB_RECURSE plugins "${LINNET_DEPLOY_BIN}/*/*.dll")
file(GET_RUNTIME_DEPENDENCIES
     EXECUTABLES ${exes}
     MODULES ${plugins}
     RESOLVED_DEPENDENCIES_VAR found
     UNRESOLVED_DEPENDENCIES_VAR missing
     DIRECTORIES ${LINNET_RUNTIME_DLL_DIRS}
     PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
     POST_EXCLUDE_REGEXES "[Ss][Yy][Ss][Tt][Ee][Mm]32/")
foreach(dll IN LISTS found)
    file(INSTALL "${dll}" DESTINATION "${LINNET_DEPLOY_BIN}")
endforeach()
if(missing)
    message(WARNING "DLLs not found in ${LINNET_RUNTIME_DLL_DIRS}: ${missing}")
endif()
