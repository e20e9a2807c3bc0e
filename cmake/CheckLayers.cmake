# The layer rules of docs/architecture.md, checked over the sources: every #include of a project
# header names a layer the including layer may use, and no layer includes the Qt classes of a
# module it must not touch (SQL and sockets stay out of models/ and ui/; core/ has no I/O).
# The link graph enforces the same from the other side (PRIVATE links, an include root per
# layer); this check also covers headers, and says what is wrong in words.
#
#   cmake -DROOT=<source dir> [-DLAYERS=core;client;...] -P CheckLayers.cmake
# Fails (exit code 1) naming every file and line that breaks a rule.

if(NOT ROOT)
    message(FATAL_ERROR "CheckLayers: pass -DROOT=<source directory>")
endif()

# Which project layers each layer may include (itself included).
set(allowed_core    core)
set(allowed_sql     core sql)
set(allowed_client  core sql client)
set(allowed_models  core client models)
set(allowed_report  core report)
set(allowed_server  core sql server)
set(allowed_ui      core client models report ui)
# Folders inside a layer with rules of their own: atiended's sub-commands write reports.
set(subfolders server/cli)
set(allowed_server/cli core sql server report)
set(forbidden_server/cli QWidget QApplication QDialog QChart)
set(project_layers core sql client models report server ui app tests bench fuzz)

# Qt classes (by name prefix) each layer must not include.
set(qtcore_io QSql QWebSocket QTcp QUdp QSsl QNetwork QHostAddress QLocalSocket QLocalServer
              QFile QDir QSettings QProcess QThread QLockFile QSaveFile QWidget QApplication
              QGuiApplication QPainter QImage QPixmap)
set(forbidden_core    ${qtcore_io})
# sql/ is statements on a connection someone else opened: no sockets, no widgets, no painting.
set(forbidden_sql     QWebSocket QTcp QUdp QSsl QNetwork QHostAddress QLocalSocket QLocalServer
                      QProcess QWidget QApplication QGuiApplication QDialog QPainter QChart
                      QPdfWriter QImage QPixmap)
set(forbidden_client  QWidget QApplication QDialog QPainter QChart)
set(forbidden_models  QSql QWebSocket QTcp QUdp QSsl QNetwork QWidget QApplication QDialog QChart)
set(forbidden_report  QSql QWebSocket QTcp QSsl QNetwork QWidget QApplication QDialog)
set(forbidden_server  QWidget QApplication QGuiApplication QDialog QPainter QChart QPdfWriter)
# ui/ gets typed values from the Workspace: no wire JSON.
set(forbidden_ui      QSql QWebSocket QTcp QUdp QNetworkAccessManager QLocalSocket QLocalServer QJson)

if(NOT LAYERS)
    set(LAYERS core sql client models report server ui)
endif()

set(problems "")
set(checked 0)
foreach(layer IN LISTS LAYERS)
    file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${ROOT}"
         "${ROOT}/${layer}/*.h" "${ROOT}/${layer}/*.cpp")
    foreach(file IN LISTS files)
        math(EXPR checked "${checked} + 1")
        set(rules ${layer})
        foreach(sub IN LISTS subfolders)
            string(FIND "${file}" "${sub}/" at)
            if(at EQUAL 0)
                set(rules ${sub})
            endif()
        endforeach()
        file(STRINGS "${ROOT}/${file}" lines REGEX "^[ \t]*#[ \t]*include")
        foreach(line IN LISTS lines)
            if(line MATCHES "#[ \t]*include[ \t]*\"([a-z]+)/")
                set(target_layer "${CMAKE_MATCH_1}")
                list(FIND project_layers "${target_layer}" is_layer)
                list(FIND allowed_${rules} "${target_layer}" ok)
                if(is_layer GREATER_EQUAL 0 AND ok LESS 0)
                    string(STRIP "${line}" shown)
                    list(APPEND problems "${file}: ${layer}/ may not include ${target_layer}/ (${shown})")
                endif()
            elseif(line MATCHES "#[ \t]*include[ \t]*<(Qt[A-Za-z]*/)?(Q[A-Za-z0-9]+)>")
                set(class "${CMAKE_MATCH_2}")
                foreach(prefix IN LISTS forbidden_${rules})
                    string(FIND "${class}" "${prefix}" at)
                    if(at EQUAL 0)
                        list(APPEND problems "${file}: ${layer}/ may not use <${class}> (no ${prefix}... in ${layer}/)")
                    endif()
                endforeach()
            endif()
        endforeach()
    endforeach()
endforeach()

if(checked EQUAL 0)
    message(FATAL_ERROR "CheckLayers: no sources found under ${ROOT} for ${LAYERS}")
endif()
list(LENGTH problems count)
if(count GREATER 0)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Layer rules broken in ${count} place(s) (docs/architecture.md, \"Layers\"):\n  ${text}")
endif()
message(STATUS "Layer rules hold in ${checked} files")
