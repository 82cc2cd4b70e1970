// The guide's sections, one function each (examples/guide/*.cpp), in the
// guide's order.
#pragma once

namespace guide {

void saving();               // saving.cpp
void custom_objects();       // custom_objects.cpp
void model_serialization();  // model_serialization.cpp
void weights_saving();       // weights.cpp
void appendix();             // appendix.cpp

}  // namespace guide
