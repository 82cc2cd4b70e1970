#!/usr/bin/env bash
# Checks keras.cpp as its users get it, from an already-built tree (ctest runs
# this; see KerasPackageTests.cmake):
#
#   check_package.sh install    SOURCE BUILD MODEL.keras  # cmake --install, headers, pkg-config, examples/consumer
#   check_package.sh deb        SOURCE BUILD              # cpack .deb: name, control fields, contents
#   check_package.sh subproject SOURCE BUILD              # add_subdirectory: targets, defaults
set -euo pipefail
mode=$1 src=$2 build=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/keras-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
version=$(sed -n 's/^#define KERAS_CPP_VERSION_STRING "\(.*\)"/\1/p' "$src/keras/version.h")
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== [$SECONDS s] $*"; }
# `need FILE PATTERN...`: every pattern matches a line of FILE.
need() {
  local file=$1; shift
  for pattern; do grep -Eq -- "$pattern" "$file" || fail "no line matching '$pattern' in $file"; done
}

check_install() {
  local model=$4 prefix=$tmp/prefix
  step "cmake --install into $prefix"
  cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
  (cd "$prefix" && find . -type f -o -type l | sort) > "$tmp/files"
  echo "$(wc -l < "$tmp/files") files, $(du -sh "$prefix" | cut -f1)"
  local config libdir
  config=$(grep -m1 '/cmake/keras_cpp/keras_cppConfig.cmake$' "$tmp/files") ||
    fail "no keras_cppConfig.cmake installed"
  libdir=${config%/cmake/keras_cpp/keras_cppConfig.cmake}; libdir=$prefix/${libdir#./}
  need "$tmp/files" '^\./include/keras/keras\.h$' '^\./include/keras/version\.h$' \
    '^\./include/keras/layers/layers\.h$' '/libkeras-cpp\.a$' \
    "/libkeras-cpp\.so\.${version//./\\.}\$" '/libkeras-cpp\.so$' '^\./bin/keras-cpp$' \
    '/keras_cppConfigVersion\.cmake$' '/keras_cppTargets\.cmake$' \
    '/keras_cppStaticTargets\.cmake$' '/pkgconfig/keras-cpp\.pc$' 'CHANGELOG\.md$'
  ! grep -E '/testing/|test|gradient_check' "$tmp/files" || fail "test helpers installed"

  step "installed headers: only the standard library and nlohmann/json"
  # A header including anything else would need a package the consumer may
  # not have (HDF5, libzip, GoogleTest, ...).
  if grep -rhoE '^#include <[^>]*[./][^>]*>' "$prefix/include/keras" | sort -u |
      grep -v '^#include <nlohmann/json'; then
    fail "installed headers include the non-standard headers above"
  fi
  if grep -rhoE '^#include "[^"]*"' "$prefix/include/keras" | sort -u |
      grep -v '^#include "keras/' ; then
    fail "installed headers include the quoted headers above"
  fi
  step "every installed header compiles from the prefix alone"
  (cd "$prefix/include" && find keras -name '*.h' | sort | sed 's/.*/#include <&>/') \
    > "$tmp/all_headers.cpp"
  c++ -std=c++20 -fsyntax-only -I "$prefix/include" "$tmp/all_headers.cpp"
  echo "$(wc -l < "$tmp/all_headers.cpp") headers"

  step "the installed keras-cpp tool"
  "$prefix/bin/keras-cpp" --version | tee "$tmp/tool_version"
  need "$tmp/tool_version" "^keras-cpp $version "

  step "pkg-config keras-cpp"
  export PKG_CONFIG_PATH=$libdir/pkgconfig
  [ "$(pkg-config --modversion keras-cpp)" = "$version" ] || fail "pkg-config version"
  printf '#include <keras/version.h>\n#include <cstdio>\nint main() { std::puts(keras::version()); }\n' \
    > "$tmp/pc.cpp"
  # shellcheck disable=SC2046
  c++ -std=c++20 $(pkg-config --cflags keras-cpp) "$tmp/pc.cpp" -o "$tmp/pc" \
    $(pkg-config --libs keras-cpp) -Wl,-rpath,"$libdir"
  [ "$("$tmp/pc")" = "$version" ] || fail "pkg-config program"

  step "examples/consumer against the installed package"
  local launcher=()
  command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$src/examples/consumer" -B "$tmp/consumer" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" > "$tmp/consumer.log"
  cmake --build "$tmp/consumer" > "$tmp/consumer-build.log" || {
    cat "$tmp/consumer-build.log"; fail "consumer build"; }
  "$tmp/consumer/consumer" "$model" | tee "$tmp/consumer.out"
  need "$tmp/consumer.out" "^keras\.cpp $version " 'Total params: '
  # Through a file: `ldd | grep -q` fails under pipefail whenever grep exits
  # before ldd has written its last line (SIGPIPE), as on a loaded machine.
  ldd "$tmp/consumer/consumer" > "$tmp/consumer.ldd"
  grep -q "$libdir/libkeras-cpp\.so" "$tmp/consumer.ldd" ||
    fail "consumer does not use the installed libkeras-cpp.so"
}

check_deb() {
  step "cpack -G DEB"
  cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb" > "$tmp/cpack.log" || {
    cat "$tmp/cpack.log"; fail cpack; }
  local deb=$tmp/deb/keras-cpp_${version}_amd64.deb
  [ -f "$deb" ] || fail "no $deb: $(ls "$tmp/deb")"
  echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"
  dpkg-deb -I "$deb" | tee "$tmp/info"
  need "$tmp/info" '^ Package: keras-cpp$' "^ Version: $version\$" '^ Architecture: amd64$' \
    '^ Depends: .*libhdf5' '^ Depends: .*libzip' '^ Depends: .*libopenblas' \
    '^ Depends: .*libstdc\+\+' '^ Depends: .*nlohmann-json3-dev'
  dpkg-deb -c "$deb" | awk '{print $NF}' > "$tmp/contents"
  echo "$(wc -l < "$tmp/contents") entries"
  need "$tmp/contents" '^\./usr/include/keras/keras\.h$' '^\./usr/include/keras/layers/layers\.h$' \
    '^\./usr/lib/.*libkeras-cpp\.a$' "^\./usr/lib/.*libkeras-cpp\.so\.${version//./\\.}\$" \
    '^\./usr/bin/keras-cpp$' '^\./usr/lib/.*cmake/keras_cpp/keras_cppConfig\.cmake$' \
    '^\./usr/lib/.*pkgconfig/keras-cpp\.pc$'
  ! grep -E '/testing/|test' "$tmp/contents" || fail "test helpers packaged"
}

check_subproject() {
  step "add_subdirectory(keras.cpp) from another project (configure)"
  mkdir -p "$tmp/app"
  cat > "$tmp/app/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(app LANGUAGES CXX)
add_subdirectory("$src" keras-cpp)
foreach(t keras::keras keras::keras_static keras-cpp)
  if(NOT TARGET \${t})
    message(FATAL_ERROR "missing target \${t}")
  endif()
endforeach()
foreach(t keras_tests keras_bench guide keras_doc_snippets)
  if(TARGET \${t})
    message(FATAL_ERROR "\${t} is built in a subproject")
  endif()
endforeach()
add_executable(app main.cpp)
target_link_libraries(app PRIVATE keras::keras)
CMAKE
  echo 'int main() {}' > "$tmp/app/main.cpp"
  cmake -S "$tmp/app" -B "$tmp/app/build" > "$tmp/app.log" || { cat "$tmp/app.log"; fail configure; }
  echo "configured"
}

case $mode in
  install) check_install "$@" ;;
  deb) check_deb ;;
  subproject) check_subproject ;;
  *) fail "unknown mode $mode" ;;
esac
echo "== [$SECONDS s] $mode: OK"
