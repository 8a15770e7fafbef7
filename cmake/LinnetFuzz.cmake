# SPDX-License-Identifier: GPL-3.0-or-later
# LINNET_FUZZ: everything is built with coverage feedback for libFuzzer plus ASan and
# UBSan, so that the fuzz targets in tests/fuzz see inside the parsers they call. Use a
# build dir of its own (tools/fuzz.sh uses build-fuzz) with CC=clang CXX=clang++.
if(NOT LINNET_FUZZ)
    return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "LINNET_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
endif()
if(LINNET_SANITIZE)
    message(FATAL_ERROR "LINNET_FUZZ already builds with ASan and UBSan: leave LINNET_SANITIZE off")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
