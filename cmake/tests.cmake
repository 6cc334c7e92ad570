# Unit tests (cmocka): tests/unit/test_NAME.c, one executable each, linked with the core.
# (cmocka is a test dependency: `make demo` builds the server without it)
pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
if(CMOCKA_FOUND)
  file(GLOB WY_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
else()
  message(STATUS "cmocka not found: unit tests are not built (make deps installs it)")
  set(WY_UNIT_TESTS "")
endif()
foreach(src ${WY_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE wenyun_core PkgConfig::CMOCKA)
  add_test(NAME unit.${name} COMMAND ${name})
  set_tests_properties(unit.${name} PROPERTIES
    ENVIRONMENT "WY_DATA_DIR=${CMAKE_SOURCE_DIR}/data;CMOCKA_MESSAGE_OUTPUT=stdout")
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
    add_test(NAME http.${name} COMMAND ${NODE} --test ${t})
    set_tests_properties(http.${name} PROPERTIES
      ENVIRONMENT "WY_BIN=$<TARGET_FILE:wenyun>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR}"
      TIMEOUT 300)
  endforeach()
  if(NOT WY_SANITIZE)
    file(GLOB WY_E2E_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/*.test.mjs)
    foreach(t ${WY_E2E_TESTS})
      get_filename_component(name ${t} NAME_WE)
      add_test(NAME e2e.${name} COMMAND ${NODE} --test ${t})
      set_tests_properties(e2e.${name} PROPERTIES
        ENVIRONMENT "WY_BIN=$<TARGET_FILE:wenyun>;WY_SOURCE_DIR=${CMAKE_SOURCE_DIR};WY_BUILD_DIR=${CMAKE_BINARY_DIR}"
        TIMEOUT 300)
    endforeach()
  endif()
endif()
