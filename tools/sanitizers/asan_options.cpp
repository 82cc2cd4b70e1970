// AddressSanitizer defaults of the sanitizer builds (-DKERAS_FUZZ=ON or
// -DKERAS_SANITIZE=ON: `make sanitize`, `make fuzz`), compiled into every
// executable that links keras, so ctest, the CLI it spawns and the fuzz
// harnesses run with the same options without any environment.
//
// allocator_may_return_null=1: HDF5 1.10 allocates sizes read from the file
// before it can check them (H5C_protect loading a corrupt object header
// chunk asks for ~100 TB) and handles a NULL result as an error. glibc
// returns NULL for such a request; by default ASan aborts instead. This
// makes the sanitized build behave as the release build does. It does not
// hide over-allocation in our code: a throwing operator new that fails is
// still reported by ASan, and malloc's callers check for NULL.

extern "C" const char* __asan_default_options() {
  return "allocator_may_return_null=1";
}
