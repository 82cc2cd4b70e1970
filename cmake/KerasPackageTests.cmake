# Tests of keras.cpp as a package and of its documentation (ctest):
#   layers_header_complete  keras/layers/layers.h includes every layer header
#   package_install         cmake --install, headers, pkg-config, examples/consumer
#   package_deb             the CPack .deb: name, Depends, contents
#   package_subproject      add_subdirectory() from another project
#   doc_<page>              every ```cpp / ```sh block of docs/api/<page>.md runs
#                           and prints the ```text block that follows it

add_test(NAME layers_header_complete
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_layers_header.cmake)

set(KERAS_CONSUMER_MODEL
    ${KERAS_SHARED_DIR}/fixtures/models/residual_cnn_block/model.keras)
set(KERAS_PACKAGE_CHECK ${CMAKE_CURRENT_LIST_DIR}/check_package.sh)
if(KERAS_INSTALL)
  add_test(NAME package_install
           COMMAND ${KERAS_PACKAGE_CHECK} install ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR} ${KERAS_CONSUMER_MODEL})
  add_test(NAME package_deb
           COMMAND ${KERAS_PACKAGE_CHECK} deb ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR})
  # The longest tests: started first so they overlap the unit tests.
  set_tests_properties(package_install package_deb PROPERTIES COST 10000)
endif()
add_test(NAME package_subproject
         COMMAND ${KERAS_PACKAGE_CHECK} subproject ${PROJECT_SOURCE_DIR}
                 ${PROJECT_BINARY_DIR})
set_tests_properties(package_subproject PROPERTIES COST 5000)

# ---- documentation: the .md pages are the source of their snippets ----
# doc_snippets_extract turns each page into a C++ file (one function per
# block, #line pointing back at the .md); keras_doc_snippets runs a page.
set(KERAS_DOC_DIR ${PROJECT_SOURCE_DIR}/docs/api)
file(GLOB KERAS_DOC_PAGES CONFIGURE_DEPENDS ${KERAS_DOC_DIR}/*.md)
add_executable(doc_snippets_extract
               ${PROJECT_SOURCE_DIR}/docs/test/extract_snippets.cpp)
set(KERAS_DOC_SOURCES)
foreach(page_md ${KERAS_DOC_PAGES})
  get_filename_component(page ${page_md} NAME_WE)
  set(page_cpp ${PROJECT_BINARY_DIR}/docs/doc_${page}.cpp)
  add_custom_command(OUTPUT ${page_cpp}
    COMMAND doc_snippets_extract ${page_md} ${page} ${page_cpp}
    DEPENDS doc_snippets_extract ${page_md}
    COMMENT "Extracting the snippets of docs/api/${page}.md")
  list(APPEND KERAS_DOC_SOURCES ${page_cpp})
  set(page_dir ${PROJECT_BINARY_DIR}/docs/run/${page})
  # Each page runs in a fresh directory (the runner empties it) with the
  # keras-cpp tool on PATH.
  add_test(NAME doc_${page}
           COMMAND keras_doc_snippets ${page} ${PROJECT_BINARY_DIR}/docs/run/${page})
  set_tests_properties(doc_${page} PROPERTIES ENVIRONMENT_MODIFICATION
    "PATH=path_list_prepend:$<TARGET_FILE_DIR:keras-cpp>")
endforeach()
add_executable(keras_doc_snippets ${PROJECT_SOURCE_DIR}/docs/test/snippet_runner.cpp
                                  ${KERAS_DOC_SOURCES})
target_include_directories(keras_doc_snippets PRIVATE ${PROJECT_SOURCE_DIR}/docs/test)
target_link_libraries(keras_doc_snippets PRIVATE keras)
add_dependencies(keras_doc_snippets keras-cpp)
