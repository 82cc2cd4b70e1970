#include "keras/utils/naming.h"

#include <cctype>
#include <map>
#include <mutex>

namespace keras::utils {

std::string to_snake_case(const std::string& name) {
  // Keras: drop non-word chars; "_" before each capitalised word that follows
  // any character; "_" between a lower-case/digit and an upper-case letter;
  // lower-case everything.
  std::string word;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') word += c;
  }
  std::string out;
  const auto is_upper = [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  };
  const auto is_lower = [](char c) {
    return std::islower(static_cast<unsigned char>(c)) != 0;
  };
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (i > 0 && is_upper(c)) {
      const bool starts_word = i + 1 < word.size() && is_lower(word[i + 1]);
      const bool after_lower = is_lower(word[i - 1]);
      if ((starts_word || after_lower) && out.back() != '_') out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

namespace {
std::mutex names_mutex;
std::map<std::string, int>& name_counts() {
  static std::map<std::string, int> counts;
  return counts;
}
}  // namespace

std::string uniquify(const std::string& base) {
  std::lock_guard<std::mutex> lock(names_mutex);
  int& count = name_counts()[base];
  const std::string name =
      count == 0 ? base : base + "_" + std::to_string(count);
  ++count;
  return name;
}

void clear_session() {
  std::lock_guard<std::mutex> lock(names_mutex);
  name_counts().clear();
}

}  // namespace keras::utils
