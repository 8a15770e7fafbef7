# SPDX-License-Identifier: GPL-3.0-or-later
# The test tst_translations: runs lupdate over app/ui and app/core into copies of
# translations/*.ts, as CONTRIBUTING.md says to, and fails if that changes a copy:
# a tr() string with no translation (a new string, or one whose context moved
# with a renamed class) or a translation whose string is gone.
# Usage: cmake -DLUPDATE=... -DSOURCE_DIR=... -DWORK_DIR=... -P CheckTranslations.cmake
foreach(var LUPDATE SOURCE_DIR WORK_DIR)
    if(NOT ${var})
        message(FATAL_ERROR "CheckTranslations.cmake needs -D${var}=...")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(GLOB originals "${SOURCE_DIR}/translations/*.ts")
if(NOT originals)
    message(FATAL_ERROR "no .ts files in ${SOURCE_DIR}/translations")
endif()
set(copies "")
foreach(ts IN LISTS originals)
    get_filename_component(name "${ts}" NAME)
    file(COPY "${ts}" DESTINATION "${WORK_DIR}")
    list(APPEND copies "${WORK_DIR}/${name}")
endforeach()

execute_process(
    COMMAND "${LUPDATE}" -no-obsolete -locations none "${SOURCE_DIR}/app/ui"
            "${SOURCE_DIR}/app/core" -ts ${copies}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}):\n${out}${err}")
endif()

set(stale "")
foreach(ts IN LISTS originals)
    get_filename_component(name "${ts}" NAME)
    file(READ "${ts}" before)
    file(READ "${WORK_DIR}/${name}" after)
    if(NOT before STREQUAL after)
        string(REGEX MATCHALL "<source>[^<]*</source>\n *<translation type=\"unfinished\">"
                              unfinished "${after}")
        list(LENGTH unfinished count)
        string(REGEX REPLACE "<source>([^<]*)</source>\n *<translation type=\"unfinished\">"
                             "    \\1" unfinished "${unfinished}")
        string(REPLACE ";" "\n" unfinished "${unfinished}")
        string(APPEND stale "translations/${name}: ${count} string(s) without a translation"
                            " (or translations of strings that are gone):\n${unfinished}\n")
    endif()
endforeach()
if(stale)
    message(FATAL_ERROR "${stale}Run, from the source directory:\n"
                        "  lupdate -no-obsolete -locations none app/ui app/core -ts translations/*.ts\n"
                        "and translate what it marks unfinished (CONTRIBUTING.md, \"Add a translation\").")
endif()
message(STATUS "translations: every string of app/ui and app/core is translated in ${originals}")
