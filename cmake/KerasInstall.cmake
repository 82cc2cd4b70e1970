# Install rules, the CMake package (find_package(keras_cpp CONFIG) ->
# keras::keras), the pkg-config file and the CPack .deb.
#
#   cmake --install build --prefix /opt/keras-cpp
#   cpack --config build/CPackConfig.cmake -G DEB     # keras-cpp_<v>_amd64.deb
include(CMakePackageConfigHelpers)

set(KERAS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/keras_cpp)

# Headers: every header under keras/ except the test helpers (they need
# GoogleTest) and the *_impl.h bodies that a .cpp includes after defining
# their parameters (ops/internal/conv_direct_impl.h: one per instruction
# set). keras/keras.h is the umbrella.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/keras/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/keras
        FILES_MATCHING PATTERN "*.h"
        PATTERN "testing" EXCLUDE
        PATTERN "*test*.h" EXCLUDE
        PATTERN "*_impl.h" EXCLUDE
        PATTERN "gradient_check.h" EXCLUDE)

# Two export sets: the shared library needs only the public dependencies;
# the static one also the libraries it links (HDF5, libzip, libdeflate,
# OpenBLAS).
install(TARGETS keras_shared EXPORT keras_cppTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS keras EXPORT keras_cppStaticTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS keras-cpp RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT keras_cppTargets NAMESPACE keras:: DESTINATION ${KERAS_CMAKE_DIR})
install(EXPORT keras_cppStaticTargets NAMESPACE keras::
        DESTINATION ${KERAS_CMAKE_DIR})

list(GET HDF5_C_LIBRARIES 0 KERAS_HDF5_LIBRARY)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/keras_cppConfig.cmake.in
  ${PROJECT_BINARY_DIR}/keras_cppConfig.cmake
  INSTALL_DESTINATION ${KERAS_CMAKE_DIR})
# 0.x releases may break the API between minor versions (semver).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/keras_cppConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/keras_cppConfig.cmake
              ${PROJECT_BINARY_DIR}/keras_cppConfigVersion.cmake
        DESTINATION ${KERAS_CMAKE_DIR})

# pkg-config: paths relative to the .pc file, so the tree can be moved.
set(KERAS_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH KERAS_PC_TO_PREFIX /prefix/${KERAS_PC_DIR} /prefix)
string(REGEX REPLACE "/$" "" KERAS_PC_TO_PREFIX "${KERAS_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/keras-cpp.pc.in
               ${PROJECT_BINARY_DIR}/keras-cpp.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/keras-cpp.pc DESTINATION ${KERAS_PC_DIR})

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/keras-cpp)

# ---- the .deb ----
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME keras-cpp)
set(CPACK_PACKAGE_VENDOR "keras.cpp")
set(CPACK_PACKAGE_CONTACT "keras.cpp maintainers <keras-cpp@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Keras 3's model system in C++20 (library, headers, keras-cpp tool)")
set(CPACK_PACKAGE_DESCRIPTION
    "Build, train, save and load Keras models without Python, reading and writing the .keras files Python Keras 3 writes. Headers, shared and static library, CMake package (keras::keras), pkg-config file and the keras-cpp command-line tool.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
# Runtime libraries (libhdf5, libzip, libopenblas, libstdc++, ...) come from
# dpkg-shlibdeps; the headers include nlohmann/json.hpp.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.10)")
# keras::keras_static links these directly.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "libhdf5-dev, libzip-dev, libdeflate-dev, libopenblas-dev")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_STRIP_FILES OFF)
include(CPack)
