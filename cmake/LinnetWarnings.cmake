# SPDX-License-Identifier: GPL-3.0-or-later
# linnet_warnings: the warning flags every Linnet target builds with.
add_library(linnet_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(linnet_warnings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wimplicit-fallthrough)
    if(LINNET_WERROR)
        target_compile_options(linnet_warnings INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(linnet_warnings INTERFACE /W4 /permissive-)
    if(LINNET_WERROR)
        target_compile_options(linnet_warnings INTERFACE /WX)
    endif()
endif()
target_compile_definitions(linnet_warnings INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS)

if(LINNET_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
