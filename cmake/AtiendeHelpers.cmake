# Small helpers so each folder's CMakeLists.txt stays short.

# CI builds with warnings as errors (.ci/run); a developer's build only shows them.
option(ATIENDE_WARNINGS_AS_ERRORS "Fail the build on any compiler warning" OFF)

function(atiende_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${ATIENDE_WARNINGS_AS_ERRORS}>:/WX>)
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                               $<$<BOOL:${ATIENDE_WARNINGS_AS_ERRORS}>:-Werror>)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH)
endfunction()

# Product code says which strings are Latin-1 and which are user text; tests may be terser.
function(atiende_strict_strings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING)
endfunction()

# The include root of a layer: a folder holding only that layer, as build/layers/<layer>/<layer>
# -> <source>/<layer>, so "<layer>/..." includes resolve for the layer itself and for what links
# it, and for nothing else: a models/ file including "server/..." does not compile. Where the
# file system refuses symbolic links (Windows without developer mode) the source root is used
# and only the layer check (tests/layers, cmake/CheckLayers.cmake) catches a wrong include.
# Libraries made in a layer's folder (server/demo, server/cli) share that layer's root.
function(atiende_layer_include_root out)
    get_filename_component(layer "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
    set(root "${CMAKE_BINARY_DIR}/layers/${layer}")
    set(link "${root}/${layer}")
    if(NOT IS_SYMLINK "${link}")
        file(MAKE_DIRECTORY "${root}")
        file(CREATE_LINK "${CMAKE_CURRENT_SOURCE_DIR}" "${link}" RESULT result SYMBOLIC)
        if(NOT result EQUAL 0)
            message(STATUS "No symbolic link for the ${layer}/ include root (${result}): using the source root")
            set(${out} "${PROJECT_SOURCE_DIR}" PARENT_SCOPE)
            return()
        endif()
    endif()
    set(${out} "${root}" PARENT_SCOPE)
endfunction()

# atiende_add_library(<layer> SOURCES ... [PUBLIC ...] [PRIVATE ...])
# Creates target atiende_<layer> with alias Atiende::<Layer>. PUBLIC: the libraries the layer's
# headers expose (whoever links the layer gets them); PRIVATE: what only its sources use, so it
# does not leak upwards (models/ must not compile with QtSql because client/ uses it).
function(atiende_add_library layer)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE;LINK" ${ARGN})
    if(ARG_LINK)
        message(FATAL_ERROR "atiende_add_library(${layer}): say PUBLIC or PRIVATE for each library, not LINK")
    endif()
    set(target atiende_${layer})
    add_library(${target} STATIC ${ARG_SOURCES})
    string(SUBSTRING ${layer} 0 1 first)
    string(TOUPPER ${first} first)
    string(SUBSTRING ${layer} 1 -1 rest)
    add_library(Atiende::${first}${rest} ALIAS ${target})
    atiende_layer_include_root(root)
    target_include_directories(${target} PUBLIC ${root})
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
    atiende_set_warnings(${target})
    atiende_strict_strings(${target})
endfunction()

# atiende_add_test(<name> SOURCES ... LINK ... [LABELS ...] [TIMEOUT s])
# One executable per behaviour, registered with CTest.
function(atiende_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LINK;LABELS" ${ARGN})
    set(target tst_${name})
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test ${ARG_LINK})
    # Tests may include any layer (each links the one it tests) and tests/support.
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
    atiende_set_warnings(${target})
    add_test(NAME ${name} COMMAND ${target})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ATIENDED_BIN=$<TARGET_FILE:atiended>;ATIENDE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
