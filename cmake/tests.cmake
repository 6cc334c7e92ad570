# The suite runs on both backends: every unit, HTTP and browser test that touches a database
# is registered a second time as NAME-pg, with WY_TEST_PG_HOST pointing at a throwaway
# PostgreSQL server that the fixture tests pg.start / pg.stop run (tests/pg/pgctl.sh).
file(GLOB WY_PG_BIN_DIRS /usr/lib/postgresql/*/bin)
find_program(WY_INITDB initdb PATHS ${WY_PG_BIN_DIRS} NO_DEFAULT_PATH)
if(WY_INITDB)
  set(WY_PG_DIR ${CMAKE_BINARY_DIR}/pg)
  add_test(NAME pg.start COMMAND ${CMAKE_SOURCE_DIR}/tests/pg/pgctl.sh start ${WY_PG_DIR})
  add_test(NAME pg.stop COMMAND ${CMAKE_SOURCE_DIR}/tests/pg/pgctl.sh stop ${WY_PG_DIR})
  set_tests_properties(pg.start PROPERTIES FIXTURES_SETUP pg)
  set_tests_properties(pg.stop PROPERTIES FIXTURES_CLEANUP pg)
  # the same from a checkout the postgres user cannot enter (a clone in root's home)
  add_test(NAME pg.private-checkout COMMAND ${CMAKE_SOURCE_DIR}/tests/pg/private_checkout.sh
           ${CMAKE_BINARY_DIR})
  set_tests_properties(pg.private-checkout PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
else()
  message(STATUS "PostgreSQL server not found: the -pg tests are not registered (make deps installs it)")
endif()

# The layering (docs/architecture.md, "Layers"): the tree keeps it, and the check catches a
# wrong include of each kind in a small fixture tree.
add_test(NAME layers.tree COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/check-layers.sh src
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME layers.catches COMMAND sh ${CMAKE_SOURCE_DIR}/tests/layers/catches.sh)
set_tests_properties(layers.tree layers.catches PROPERTIES TIMEOUT 10)

# Translations: every message has one home, po/LANG.po or one module's src/mod/<m>/po/LANG.po
# (scripts/update-po.sh decides which); the build joins them with msgcat --use-first, so a
# message in two of them would lose one translation silently.
add_test(NAME po.one-home WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} COMMAND sh -c
  "for po in po/*.po; do d=$(msgcomm --more-than=1 --no-location --no-wrap $po src/mod/*/po/$(basename $po)); [ -z \"$d\" ] || { echo \"in $po and a module's po/ (run scripts/update-po.sh):\"; echo \"$d\" | grep ^msgid; exit 1; }; done")
set_tests_properties(po.one-home PROPERTIES TIMEOUT 30)

# wy_add_test(NAME ENV COMMAND...): the test, and its -pg twin when PostgreSQL is here.
function(wy_add_test name env)
  add_test(NAME ${name} COMMAND ${ARGN})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 300)
  if(WY_INITDB)
    add_test(NAME ${name}-pg COMMAND ${ARGN})
    set_tests_properties(${name}-pg PROPERTIES ENVIRONMENT "${env};WY_TEST_PG_HOST=${WY_PG_DIR}"
                         FIXTURES_REQUIRED pg TIMEOUT 300)
  endif()
endfunction()

# Unit tests (cmocka): tests/unit/<layer or module>/test_NAME.c, mirroring src/ (a module's
# own in tests/unit/mod/<module>/), one executable each, linked with the core, registered as
# unit.test_NAME (the folder is not part of the name, so two files may not share a NAME).
# (cmocka is a test dependency: `make demo` builds the server without it)
pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
if(CMOCKA_FOUND)
  file(GLOB_RECURSE WY_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
else()
  message(STATUS "cmocka not found: unit tests are not built (make deps installs it)")
  set(WY_UNIT_TESTS "")
endif()
# (the ones in WY_UNIT_TESTS_NO_DB never open a database: they run once, without a -pg twin)
set(WY_UNIT_TESTS_NO_DB test_openapi test_lottery test_svgmap test_taskimport
    test_linkage_rubric_lines test_survey_lines)
set(WY_UNIT_NAMES "")
foreach(src ${WY_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  if(name IN_LIST WY_UNIT_NAMES)
    message(FATAL_ERROR "two unit tests are named ${name} (tests/unit/**/${name}.c): rename one")
  endif()
  list(APPEND WY_UNIT_NAMES ${name})
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit)
  target_link_libraries(${name} PRIVATE wenyun_core PkgConfig::CMOCKA)
  if(name IN_LIST WY_UNIT_TESTS_NO_DB)
    add_test(NAME unit.${name} COMMAND ${name})
    set_tests_properties(unit.${name} PROPERTIES ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=stdout"
                         TIMEOUT 300)
  else()
    wy_add_test(unit.${name} "WY_DATA_DIR=${CMAKE_SOURCE_DIR}/data;CMOCKA_MESSAGE_OUTPUT=stdout"
                ${name})
  endif()
endforeach()

# Fuzz targets: fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput. In every build each one is
# linked with a replay driver and run over its corpus fuzz/corpus/NAME/ as a test; with
# WY_FUZZ=ON (clang) a libFuzzer binary is built as well.
file(GLOB WY_FUZZERS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.c)
foreach(src ${WY_FUZZERS})
  get_filename_component(name ${src} NAME_WE)
  string(REPLACE "fuzz_" "" corpus ${name})
  add_executable(replay_${corpus} ${src} ${CMAKE_SOURCE_DIR}/fuzz/replay_main.c)
  target_link_libraries(replay_${corpus} PRIVATE wenyun_core)
  add_test(NAME fuzz-replay.${corpus}
           COMMAND replay_${corpus} ${CMAKE_SOURCE_DIR}/fuzz/corpus/${corpus})
  if(WY_FUZZ)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE wenyun_core)
  endif()
endforeach()

# HTTP and browser tests: node's test runner drives the real binary on a loopback port.
find_program(NODE node)
if(NODE)
  file(GLOB WY_HTTP_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/http/*.test.mjs)
  foreach(t ${WY_HTTP_TESTS})
    get_filename_component(name ${t} NAME_WE)
    wy_add_test(http.${name}
      "WY_BIN=$<TARGET_FILE:wenyun>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR}"
      ${NODE} --test ${t})
  endforeach()
  if(NOT WY_SANITIZE)
    file(GLOB WY_E2E_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/*.test.mjs)
    foreach(t ${WY_E2E_TESTS})
      get_filename_component(name ${t} NAME_WE)
      wy_add_test(e2e.${name}
        "WY_BIN=$<TARGET_FILE:wenyun>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR}"
        ${NODE} --test ${t})
    endforeach()
  endif()
endif()

# The lottery on the command line (tests/lottery/): `wenyun lottery` draws and verifies, and an
# independent verifier written from docs/lottery.md alone (verify.mjs) recomputes its files
# byte for byte. No database: registered once.
if(NODE)
  add_test(NAME lottery.cli
           COMMAND ${NODE} --test ${CMAKE_SOURCE_DIR}/tests/lottery/lottery.test.mjs)
  set_tests_properties(lottery.cli PROPERTIES ENVIRONMENT "WY_BIN=$<TARGET_FILE:wenyun>"
                       TIMEOUT 300)
endif()

# Scaling tests (tests/scaling/*.test.mjs), PostgreSQL only: two app servers on one database
# behind nginx, and a streaming replica made with pg_basebackup (tests/pg/pgctl.sh replica).
# They run on the fixture cluster pg; nginx (WY_NGINX) is found here and passed in.
if(WY_INITDB AND NODE)
  find_program(WY_NGINX nginx PATHS /usr/sbin)
  if(NOT WY_NGINX)
    message(STATUS "nginx not found: scaling.two-apps runs without it and fails (make deps installs it)")
    set(WY_NGINX nginx)
  endif()
  file(GLOB WY_SCALING_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/scaling/*.test.mjs)
  foreach(t ${WY_SCALING_TESTS})
    get_filename_component(name ${t} NAME_WE)
    add_test(NAME scaling.${name} COMMAND ${NODE} --test ${t})
    set_tests_properties(scaling.${name} PROPERTIES
      ENVIRONMENT "WY_BIN=$<TARGET_FILE:wenyun>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR};WY_TEST_PG_HOST=${WY_PG_DIR};WY_NGINX=${WY_NGINX}"
      FIXTURES_REQUIRED pg TIMEOUT 300)
  endforeach()
endif()

# Circle engine vs an independent engine (tests/geo/): export_graph writes the walking graph
# exactly as the engine builds it (nodes, edges with the engine's geodesic lengths, snapped
# venues, the engine's own per-venue Dijkstra distances); geo.pgrouting loads it into the
# fixture PostgreSQL, checks the lengths with PostGIS and a pure-SQL Vincenty, runs
# pgr_drivingDistance from every venue and compares distances and the per-point verdicts of
# `wenyun circle --json` (Monaco and Andorra). bench/circle.sh times the same against pgRouting.
add_executable(geo_export_graph ${CMAKE_SOURCE_DIR}/tests/geo/export_graph.c)
target_link_libraries(geo_export_graph PRIVATE wenyun_core)
if(WY_INITDB AND NODE)
  file(GLOB WY_PGROUTING_CONTROL /usr/share/postgresql/*/extension/pgrouting.control)
  if(NOT WY_PGROUTING_CONTROL)
    message(STATUS "pgRouting not found: geo.pgrouting runs and fails (make deps installs it)")
  endif()
  add_test(NAME geo.pgrouting COMMAND ${NODE} --test ${CMAKE_SOURCE_DIR}/tests/geo/pgrouting.test.mjs)
  set_tests_properties(geo.pgrouting PROPERTIES
    ENVIRONMENT "WY_BIN=$<TARGET_FILE:wenyun>;WY_EXPORT_GRAPH=$<TARGET_FILE:geo_export_graph>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR};WY_TEST_PG_HOST=${WY_PG_DIR}"
    FIXTURES_REQUIRED pg TIMEOUT 600)
endif()
