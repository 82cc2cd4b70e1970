// File: docs/test/snippet_runner.cpp
// keras_doc_snippets PAGE DIR: runs the blocks of docs/api/PAGE.md in DIR (see
// snippet_runner.h).
#include "snippet_runner.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace keras_docs {
namespace {

struct Page {
  const char* md_path;
  const Block* blocks;
  std::size_t count;
};

std::map<std::string, Page>& pages() {
  static std::map<std::string, Page> all;
  return all;
}

// Lines without trailing blanks, without leading and trailing empty lines.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line.erase(line.find_last_not_of(" \t\r") + 1);
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  return {lines.begin() + static_cast<std::ptrdiff_t>(first), lines.end()};
}

// `expected` matches `actual`; a "..." line matches any number of lines.
bool matches(const std::vector<std::string>& expected, std::size_t e,
             const std::vector<std::string>& actual, std::size_t a) {
  if (e == expected.size()) return a == actual.size();
  if (expected[e] == "...") {
    for (std::size_t skip = a; skip <= actual.size(); ++skip) {
      if (matches(expected, e + 1, actual, skip)) return true;
    }
    return false;
  }
  return a < actual.size() && expected[e] == actual[a] &&
         matches(expected, e + 1, actual, a + 1);
}

// Runs a ```cpp block, returning its exit code and what it printed on
// std::cout.
int run_cpp(const Block& block, std::string& output) {
  std::ostringstream captured;
  std::streambuf* saved = std::cout.rdbuf(captured.rdbuf());
  int code = 0;
  try {
    code = block.run();
  } catch (const std::exception& e) {
    std::cout.rdbuf(saved);
    output = captured.str();
    std::cerr << "threw: " << e.what() << "\n";
    return 1;
  }
  std::cout.rdbuf(saved);
  output = captured.str();
  return code;
}

// Runs a ```sh block with bash -e (stderr joins stdout).
int run_sh(const Block& block, std::string& output) {
  const std::string script = "snippet_" + std::to_string(block.line) + ".sh";
  std::ofstream(script) << block.script;
  FILE* pipe = ::popen(("bash -e " + script + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return 127;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output.append(buffer, n);
  const int status = ::pclose(pipe);
  return status == 0 ? 0 : 1;
}

}  // namespace

bool register_page(const char* name, const char* md_path, const Block* blocks,
                   std::size_t count) {
  pages()[name] = {md_path, blocks, count};
  return true;
}

}  // namespace keras_docs

int main(int argc, char** argv) {
  using namespace keras_docs;
  if (argc != 3 || !pages().contains(argv[1])) {
    std::cerr << "usage: keras_doc_snippets PAGE DIR; pages:";
    for (const auto& [name, page] : pages()) std::cerr << " " << name;
    std::cerr << "\n";
    return 2;
  }
  const Page& page = pages().at(argv[1]);
  const std::filesystem::path dir = argv[2];
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::current_path(dir);
  int failures = 0;
  for (std::size_t i = 0; i < page.count; ++i) {
    const Block& block = page.blocks[i];
    const std::string where =
        std::string(page.md_path) + ":" + std::to_string(block.line);
    std::cout << "---- " << where << (block.run ? " (cpp)" : " (sh)")
              << std::endl;
    std::string output;
    const int code = block.run ? run_cpp(block, output) : run_sh(block, output);
    std::cout << output << std::flush;
    if (code != 0) {
      std::cerr << where << ": the block failed (exit " << code << ")\n";
      return 1;  // later blocks may need this one's files
    }
    if (block.expected != nullptr &&
        !matches(lines_of(block.expected), 0, lines_of(output), 0)) {
      std::cerr << where
                << ": the output differs from the ```text block after it:\n"
                << block.expected;
      ++failures;
    }
  }
  std::cout << page.count << " blocks of " << page.md_path << " run, "
            << failures << " outputs differ\n";
  return failures == 0 ? 0 : 1;
}
