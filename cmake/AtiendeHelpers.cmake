# Small helpers so each folder's CMakeLists.txt stays short.

function(atiende_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4)
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH)
endfunction()

# Product code says which strings are Latin-1 and which are user text; tests may be terser.
function(atiende_strict_strings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING)
endfunction()

# atiende_add_library(<layer> SOURCES ... LINK ...)
# Creates target atiende_<layer> with alias Atiende::<Layer>.
function(atiende_add_library layer)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
    set(target atiende_${layer})
    add_library(${target} STATIC ${ARG_SOURCES})
    string(SUBSTRING ${layer} 0 1 first)
    string(TOUPPER ${first} first)
    string(SUBSTRING ${layer} 1 -1 rest)
    add_library(Atiende::${first}${rest} ALIAS ${target})
    target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
    target_link_libraries(${target} PUBLIC ${ARG_LINK})
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
