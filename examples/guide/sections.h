// The guide's sections, one function each (examples/guide/*.cpp).
#pragma once

namespace guide {

void saving();

}  // namespace guide
