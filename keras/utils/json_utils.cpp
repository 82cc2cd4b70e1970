// File: keras/utils/json_utils.cpp
// -----------------------------------------------------------------------------
// Design notes.
//
// Parser: a hand-written, iterative JSON reader that builds keras::Json
// directly. Why not nlohmann's parser (+ a pre-scan that rewrites NaN /
// Infinity)? Rewriting the tokens needs a full tokenizer anyway (to know
// what is inside a string), the rewritten text loses the user's byte offsets
// for error messages, and the depth limit, Python's number rules (1e400 ->
// inf, big integers) and Python's duplicate-key rule are each easier to get
// exactly right in one small state machine. Containers live on an explicit
// heap stack (std::vector<Frame>), so nesting depth never touches the C++
// call stack; the depth limit is checked before a container is opened.
//
// Object members are appended to nlohmann's ordered_map directly (it is a
// std::vector of pairs) because ordered_map::operator[] searches linearly,
// which would make a hostile object with millions of keys quadratic. A hash
// index is built once an object exceeds a few keys, so duplicate keys are
// found in O(1).
//
// Printer: the rules of Python's json encoder (c_make_encoder /
// encode_basestring_ascii) and of float.__repr__ (format 'r'), written from
// their documented behaviour; also iterative, so depth is unlimited.
// -----------------------------------------------------------------------------
#include "keras/utils/json_utils.h"

#include <locale.h>

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keras/core/error.h"
#include "keras/utils/utf8.h"

namespace keras {
namespace {

using ObjectVector = std::vector<std::pair<const std::string, Json>>;
static_assert(std::is_base_of_v<ObjectVector, Json::object_t>,
              "nlohmann::ordered_map is expected to be a std::vector");

// Objects up to this size find duplicate keys by a linear scan.
constexpr std::size_t kLinearKeyLimit = 16;

// Printable form of the byte at an error position, for messages.
std::string describe_byte(unsigned char c) {
  if (c >= 0x20 && c < 0x7f) return str("'", static_cast<char>(c), "'");
  static const char* hex = "0123456789abcdef";
  return str("byte 0x", hex[c >> 4], hex[c & 15]);
}

// strtod in the "C" locale: correctly rounded, overflows to +-inf and
// underflows to 0 like Python's float(), independent of the global locale.
double parse_double(const std::string& token) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
  return strtod_l(token.c_str(), nullptr, c_locale);
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view what, const JsonLimits& limits)
      : text_(text), what_(what), limits_(limits) {}

  Json run() {
    if (text_.size() > limits_.max_bytes) {
      throw FormatError(str("Invalid JSON", where(), ": the input is ",
                            text_.size(), " bytes, more than the limit of ",
                            limits_.max_bytes, " bytes"));
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
      fail(0, "unexpected UTF-8 byte order mark (BOM)");
    }
    std::vector<Frame> stack;
    Json value;
    for (;;) {
      // ---- read one value; containers are pushed and we loop ----
      skip_whitespace();
      if (at_end()) fail(pos_, "unexpected end of input, expecting a value");
      const char c = text_[pos_];
      if (c == '[' || c == '{') {
        if (stack.size() >= limits_.max_depth) {
          fail(pos_, str("nesting deeper than ", limits_.max_depth,
                         " levels (arrays/objects inside each other)"));
        }
        const bool is_object = c == '{';
        ++pos_;
        skip_whitespace();
        if (!at_end() && text_[pos_] == (is_object ? '}' : ']')) {
          ++pos_;
          value = is_object ? Json::object() : Json::array();
        } else {
          stack.push_back(Frame{
              is_object ? Json::object() : Json::array(), is_object, {}, {}});
          if (is_object) read_key(stack.back());
          continue;
        }
      } else {
        value = read_scalar();
      }
      // ---- attach the value to its parent; close finished containers ----
      for (;;) {
        if (stack.empty()) {
          skip_whitespace();
          if (!at_end()) fail(pos_, "extra data after the JSON value");
          return value;
        }
        Frame& frame = stack.back();
        frame.add(std::move(value));
        skip_whitespace();
        if (at_end()) fail(pos_, "unexpected end of input");
        const char next = text_[pos_];
        if (next == ',') {
          ++pos_;
          if (frame.is_object) read_key(frame);
          break;  // read the next value
        }
        if (next == (frame.is_object ? '}' : ']')) {
          ++pos_;
          value = std::move(frame.value);
          stack.pop_back();
          continue;
        }
        fail(pos_, frame.is_object
                       ? str("expecting ',' or '}' after an object member, "
                             "found ",
                             describe_byte(next))
                       : str("expecting ',' or ']' after an array element, "
                             "found ",
                             describe_byte(next)));
      }
    }
  }

 private:
  // An array or object being filled.
  struct Frame {
    Json value;
    bool is_object;
    std::string key;  // key of the member whose value is being read
    std::unordered_map<std::string, std::size_t> index;  // for big objects

    void add(Json item) {
      if (!is_object) {
        value.get_ref<Json::array_t&>().push_back(std::move(item));
        return;
      }
      auto& members =
          static_cast<ObjectVector&>(value.get_ref<Json::object_t&>());
      // Python keeps a repeated key at its first position with the last value.
      if (members.size() < kLinearKeyLimit) {
        for (auto& member : members) {
          if (member.first == key) {
            member.second = std::move(item);
            return;
          }
        }
      } else {
        if (index.empty()) {
          for (std::size_t i = 0; i < members.size(); ++i) {
            index.emplace(members[i].first, i);
          }
        }
        const auto [it, inserted] = index.emplace(key, members.size());
        if (!inserted) {
          members[it->second].second = std::move(item);
          return;
        }
      }
      members.emplace_back(std::move(key), std::move(item));
      key.clear();
    }
  };

  [[noreturn]] void fail(std::size_t pos, const std::string& message) const {
    throw FormatError(
        str("Invalid JSON", where(), " at byte ", pos, ": ", message));
  }
  // " in config.json", or nothing for the default name "JSON".
  std::string where() const {
    return what_ == "JSON" ? std::string() : str(" in ", what_);
  }

  bool at_end() const { return pos_ >= text_.size(); }

  // Python's json whitespace: space, tab, newline, carriage return.
  void skip_whitespace() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // Reads `"key" :` into frame.key.
  void read_key(Frame& frame) {
    skip_whitespace();
    if (at_end()) fail(pos_, "unexpected end of input, expecting a key");
    if (text_[pos_] != '"') {
      fail(pos_, str("expecting a property name enclosed in double quotes, "
                     "found ",
                     describe_byte(text_[pos_])));
    }
    frame.key = read_string();
    skip_whitespace();
    if (at_end()) fail(pos_, "unexpected end of input, expecting ':'");
    if (text_[pos_] != ':') {
      fail(pos_, str("expecting ':' after an object key, found ",
                     describe_byte(text_[pos_])));
    }
    ++pos_;
  }

  Json read_scalar() {
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (c == '"') return read_string();
    if (consume("null")) return nullptr;
    if (consume("true")) return true;
    if (consume("false")) return false;
    if (consume("NaN")) return std::nan("");
    if (consume("Infinity")) return HUGE_VAL;
    if (consume("-Infinity")) return -HUGE_VAL;
    if (c == '-' || (c >= '0' && c <= '9')) return read_number();
    fail(start, str("expecting a value, found ", describe_byte(c)));
  }

  // Python's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?. What
  // follows the longest match is left to the caller (so "01" fails as
  // "extra data"/"expecting ','", as in Python).
  Json read_number() {
    const std::size_t start = pos_;
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (text_[pos_] == '-') ++pos_;
    if (!at_end() && text_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail(start, "expecting a value, found '-'");
    }
    bool is_float = false;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' &&
        text_[pos_ + 1] >= '0' && text_[pos_ + 1] <= '9') {
      ++pos_;
      digits();
      is_float = true;
    }
    if (!at_end() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t p = pos_ + 1;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (p < text_.size() && text_[p] >= '0' && text_[p] <= '9') {
        pos_ = p;
        digits();
        is_float = true;
      }
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (!is_float) {
      std::int64_t i;
      if (std::from_chars(first, last, i).ec == std::errc()) return i;
      std::uint64_t u;
      if (*first != '-' && std::from_chars(first, last, u).ec == std::errc()) {
        return u;
      }
      // Beyond 64 bits: Python keeps an exact int; we fall back to double.
    }
    return parse_double(std::string(first, last));
  }

  // Reads a string starting at the opening quote; returns its UTF-8 bytes.
  std::string read_string() {
    const std::size_t start = pos_;
    ++pos_;
    std::string out;
    for (;;) {
      // Copy a run of plain characters in one go.
      std::size_t run = pos_;
      while (run < text_.size()) {
        const auto b = static_cast<unsigned char>(text_[run]);
        if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
        ++run;
      }
      out.append(text_.data() + pos_, run - pos_);
      pos_ = run;
      if (at_end()) fail(start, "unterminated string");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail(pos_, "invalid control character in a string");
      if (c >= 0x80) {
        std::uint32_t cp;
        const std::size_t len = decode_utf8(text_, pos_, cp, false);
        if (len == 0) fail(pos_, "invalid UTF-8 in a string");
        out.append(text_.data() + pos_, len);
        pos_ += len;
        continue;
      }
      read_escape(out);
    }
  }

  // Reads a backslash escape at pos_ and appends its UTF-8 bytes.
  void read_escape(std::string& out) {
    const std::size_t start = pos_;
    if (pos_ + 1 >= text_.size()) fail(start, "unterminated string");
    const char e = text_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case '"':
        out += '"';
        return;
      case '\\':
        out += '\\';
        return;
      case '/':
        out += '/';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 't':
        out += '\t';
        return;
      case 'u':
        break;
      default:
        fail(start, "invalid \\escape in a string");
    }
    std::uint32_t cp = read_hex4(start);
    // A high surrogate followed by an escaped low surrogate is one character;
    // anything else stays a lone surrogate, as in Python.
    if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
      const std::size_t save = pos_;
      pos_ += 2;
      const std::uint32_t low = read_hex4(save);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      } else {
        pos_ = save;
      }
    }
    append_utf8(out, cp);
  }

  std::uint32_t read_hex4(std::size_t escape_start) {
    if (text_.size() - pos_ < 4) fail(escape_start, "invalid \\uXXXX escape");
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = text_[pos_ + k];
      int d;
      if (h >= '0' && h <= '9') {
        d = h - '0';
      } else if (h >= 'a' && h <= 'f') {
        d = h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        d = h - 'A' + 10;
      } else {
        fail(escape_start, "invalid \\uXXXX escape");
      }
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    pos_ += 4;
    return v;
  }

  std::string_view text_;
  std::string_view what_;
  const JsonLimits& limits_;
  std::size_t pos_ = 0;
};

// ---- printing ----

void dump_string(std::string_view s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  const auto u_escape = [&](std::uint32_t unit) {
    out += "\\u";
    out += hex[(unit >> 12) & 15];
    out += hex[(unit >> 8) & 15];
    out += hex[(unit >> 4) & 15];
    out += hex[unit & 15];
  };
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::uint32_t cp;
      const std::size_t len = decode_utf8(s, i, cp, true);
      if (len == 0) {
        throw ValueError(str("dump_json: string is not valid UTF-8 (byte ", i,
                             " of a ", s.size(), "-byte string)"));
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        u_escape(0xD800 | (cp >> 10));
        u_escape(0xDC00 | (cp & 0x3FF));
      } else {
        u_escape(cp);
      }
      i += len;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        // Python escapes everything outside ' '..'~', DEL included.
        if (c < 0x20 || c == 0x7f) {
          u_escape(c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

template <class Int>
void dump_integer(Int v, std::string& out) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Writes a scalar, or the opening bracket of a non-empty container (which
// the caller then fills). Returns true for the latter.
bool dump_scalar_or_open(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      return false;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return false;
    case Json::value_t::number_integer:
      dump_integer(v.get<std::int64_t>(), out);
      return false;
    case Json::value_t::number_unsigned:
      dump_integer(v.get<std::uint64_t>(), out);
      return false;
    case Json::value_t::number_float:
      out += python_float_repr(v.get<double>());
      return false;
    case Json::value_t::string:
      dump_string(v.get_ref<const std::string&>(), out);
      return false;
    case Json::value_t::array:
    case Json::value_t::object:
      if (v.empty()) {
        out += v.is_object() ? "{}" : "[]";
        return false;
      }
      out += v.is_object() ? '{' : '[';
      return true;
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  throw ValueError(
      str("dump_json: a ", v.type_name(), " value cannot be written as JSON"));
}

// Iterative, like the parser, so that any value that exists can be written
// (Python's json.dumps itself stops near depth 1000 with RecursionError).
void dump_value(const Json& root, int indent, std::string& out) {
  struct Open {
    const Json* value;
    std::size_t next;  // index of the next member / element to write
  };
  std::vector<Open> stack;
  const auto newline = [&](std::size_t level) {
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * level, ' ');
  };
  if (dump_scalar_or_open(root, out)) stack.push_back({&root, 0});
  while (!stack.empty()) {
    Open& top = stack.back();
    const bool is_object = top.value->is_object();
    if (top.next == top.value->size()) {
      if (indent >= 0) newline(stack.size() - 1);
      out += is_object ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (top.next > 0) out += indent >= 0 ? "," : ", ";
    if (indent >= 0) newline(stack.size());
    const Json* child;
    if (is_object) {
      const auto& members = static_cast<const ObjectVector&>(
          top.value->get_ref<const Json::object_t&>());
      const auto& member = members[top.next];
      dump_string(member.first, out);
      out += ": ";
      child = &member.second;
    } else {
      child = &top.value->get_ref<const Json::array_t&>()[top.next];
    }
    ++top.next;  // before push_back invalidates `top`
    if (dump_scalar_or_open(*child, out)) stack.push_back({child, 0});
  }
}

}  // namespace

Json parse_json(std::string_view text, std::string_view what,
                const JsonLimits& limits) {
  return Parser(text, what, limits).run();
}

std::string dump_json(const Json& value, int indent) {
  std::string out;
  dump_value(value, indent, out);
  return out;
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest round-trip digits, e.g. "-1.2345e-07".
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value,
                               std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  const std::size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+'),
                  sci.data() + sci.size(), exponent);
  std::string out;
  if (mantissa.front() == '-') {
    out += '-';
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (const char c : mantissa) {
    if (c != '.') digits += c;
  }
  const int n = static_cast<int>(digits.size());
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (n > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exponent < 0 ? "e-" : "e+";
    const int a = exponent < 0 ? -exponent : exponent;
    if (a < 10) out += '0';
    out += std::to_string(a);
  } else if (exponent >= 0) {
    // Integer part: the first exponent+1 digits, zero padded.
    if (n > exponent + 1) {
      out.append(digits, 0, exponent + 1);
      out += '.';
      out.append(digits, exponent + 1);
    } else {
      out += digits;
      out.append(static_cast<std::size_t>(exponent + 1 - n), '0');
      out += ".0";
    }
  } else {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
  }
  return out;
}

}  // namespace keras
