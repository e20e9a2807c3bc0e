# Every C++ file of the project is formatted as .clang-format says. Run by CTest
# (code_is_formatted) and so by ./dev.sh test and CI; `./dev.sh format` fixes the tree.
#
#   cmake -DROOT=<source dir> -DCLANG_FORMAT=<clang-format-14> -P CheckFormat.cmake
# The version is pinned: another clang-format release formats some constructs differently.

if(NOT ROOT OR NOT CLANG_FORMAT)
    message(FATAL_ERROR "CheckFormat: pass -DROOT=<source directory> -DCLANG_FORMAT=<program>")
endif()
if(NOT EXISTS "${CLANG_FORMAT}")
    message(FATAL_ERROR "CheckFormat: ${CLANG_FORMAT} not found (./dev.sh deps installs clang-format-14)")
endif()

set(files "")
foreach(dir core sql client models report server ui app tests bench fuzz)
    file(GLOB_RECURSE found LIST_DIRECTORIES false "${ROOT}/${dir}/*.h" "${ROOT}/${dir}/*.cpp")
    list(FILTER found EXCLUDE REGEX "/node_modules/")
    list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "CheckFormat: no C++ files under ${ROOT}")
endif()

execute_process(
    COMMAND "${CLANG_FORMAT}" --dry-run --Werror --style=file ${files}
    WORKING_DIRECTORY "${ROOT}"
    RESULT_VARIABLE result
    ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
    # One line per file that differs is enough to act on; the whole diff is ./dev.sh format.
    string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted[^\n]*" lines "${diagnostics}")
    set(bad "")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error:.*" "" path "${line}")
        file(RELATIVE_PATH path "${ROOT}" "${path}")
        list(APPEND bad "${path}")
    endforeach()
    list(REMOVE_DUPLICATES bad)
    list(LENGTH bad nbad)
    list(JOIN bad "\n  " text)
    message(FATAL_ERROR "${nbad} of ${count} files are not formatted as .clang-format says (run ./dev.sh format):\n  ${text}")
endif()
message(STATUS "${count} files formatted as .clang-format says")
