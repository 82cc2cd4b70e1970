// File: keras/utils/utf8.h
// -----------------------------------------------------------------------------
// UTF-8 encoding and decoding of single code points, shared by the JSON
// reader and the .npy string reader/writer.
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace keras {

// Appends code point `cp` as UTF-8 (lone surrogates as WTF-8 bytes).
void append_utf8(std::string& out, std::uint32_t cp);

// Decodes one UTF-8 sequence at s[i]; returns its length (0 if invalid:
// overlong, truncated, out of range) and stores the code point. Surrogate
// code points (ED A0..BF xx) are accepted only when `allow_surrogates`.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp,
                        bool allow_surrogates = false);

}  // namespace keras
