#include "keras/callbacks/callback.h"

namespace keras::callbacks {

Callback::~Callback() = default;

}  // namespace keras::callbacks
