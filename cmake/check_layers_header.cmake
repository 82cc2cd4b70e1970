# keras/layers/layers.h (included by keras/keras.h) must include every layer
# header, so `#include <keras/keras.h>` gives every built-in layer.
#   cmake -DSOURCE_DIR=<keras.cpp> -P check_layers_header.cmake
file(READ ${SOURCE_DIR}/keras/layers/layers.h umbrella)
file(GLOB headers RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/keras/layers/*/*.h)
set(missing)
foreach(h ${headers})
  if(h MATCHES "_test" )
    continue()
  endif()
  string(FIND "${umbrella}" "#include \"${h}\"" at)
  if(at EQUAL -1)
    list(APPEND missing ${h})
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "keras/layers/layers.h does not include:\n  ${missing}\n"
          "Add them there, so that keras/keras.h provides every layer.")
endif()
list(LENGTH headers n)
message(STATUS "keras/layers/layers.h includes all ${n} layer headers")
