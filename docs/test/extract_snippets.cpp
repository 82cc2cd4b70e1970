// File: docs/test/extract_snippets.cpp
// -----------------------------------------------------------------------------
// extract_snippets PAGE.md NAME OUT.cpp: writes the C++ file that holds the
// page's ```cpp blocks (one namespace each; blocks without `int main()` are
// wrapped in one) and registers them, with its ```sh blocks and expected
// ```text outputs, for snippet_runner.cpp. `#include` lines of the blocks move
// to the top of the file; `#line` keeps compiler errors pointing at the .md.
// -----------------------------------------------------------------------------
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Fence {
  std::string lang;
  int line = 0;  // first content line (1-based)
  std::vector<std::string> lines;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string raw(const std::string& text) {
  return "R\"KDOC(" + text + ")KDOC\"";
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: extract_snippets PAGE.md NAME OUT.cpp\n";
    return 2;
  }
  const std::string md_path = argv[1], name = argv[2], out_path = argv[3];
  std::ifstream in(md_path);
  if (!in) {
    std::cerr << "extract_snippets: cannot read " << md_path << "\n";
    return 1;
  }
  // Fenced blocks and, for each, whether only blank lines precede it since
  // the previous block ended (a ```text block right after code is its output).
  std::vector<Fence> fences;
  std::vector<bool> adjacent;
  std::string line;
  int number = 0;
  bool in_fence = false, only_blank = false;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (in_fence) {
      if (t == "```") {
        in_fence = false;
        only_blank = true;
      } else {
        fences.back().lines.push_back(line);
      }
    } else if (t.rfind("```", 0) == 0) {
      in_fence = true;
      fences.push_back({trim(t.substr(3)), number + 1, {}});
      adjacent.push_back(only_blank);
    } else if (!t.empty()) {
      only_blank = false;
    }
  }
  if (in_fence) {
    std::cerr << md_path << ": unterminated ``` block\n";
    return 1;
  }

  std::set<std::string> includes;
  std::ostringstream code, table;
  int blocks = 0;
  for (std::size_t i = 0; i < fences.size(); ++i) {
    const Fence& f = fences[i];
    if (f.lang != "cpp" && f.lang != "sh") continue;
    const bool has_output = i + 1 < fences.size() &&
                            fences[i + 1].lang == "text" && adjacent[i + 1];
    const std::string expected =
        has_output ? raw(joined(fences[i + 1].lines)) : "nullptr";
    ++blocks;
    if (f.lang == "sh") {
      table << "    {" << f.line << ", nullptr, " << raw(joined(f.lines))
            << ", " << expected << "},\n";
      continue;
    }
    // In a namespace, `main` is an ordinary function: falling off its end
    // would be undefined, so its closing "}" line gets a `return 0;`.
    bool has_main = false, main_open = false;
    std::ostringstream body;
    for (const auto& l : f.lines) {
      if (trim(l).rfind("#include", 0) == 0) {
        includes.insert(trim(l));
        body << "\n";  // keeps the line numbers
      } else if (main_open && l == "}") {
        body << "  return 0; }\n";
        main_open = false;
      } else {
        if (l.rfind("int main()", 0) == 0) has_main = main_open = true;
        body << l << "\n";
      }
    }
    if (main_open) {
      std::cerr << md_path << ":" << f.line
                << ": `int main()` must end with a line \"}\"\n";
      return 1;
    }
    const std::string ns = "block_" + std::to_string(f.line);
    code << "namespace " << ns << " {\n";
    if (!has_main) code << "int main() {\n";
    code << "#line " << f.line << " \"" << md_path << "\"\n" << body.str();
    if (!has_main) code << "  return 0;\n}\n";
    code << "}  // namespace " << ns << "\n";
    table << "    {" << f.line << ", &" << ns << "::main, nullptr, " << expected
          << "},\n";
  }

  const auto out_dir = std::filesystem::path(out_path).parent_path();
  if (!out_dir.empty()) std::filesystem::create_directories(out_dir);
  std::ofstream out(out_path);
  out << "// Generated from " << md_path
      << " by extract_snippets; edit the .md.\n"
      << "#include \"snippet_runner.h\"\n";
  for (const auto& inc : includes) out << inc << "\n";
  out << "#include <keras/keras.h>\n\nnamespace doc_" << name << " {\n"
      << code.str() << "\nconst keras_docs::Block kBlocks[] = {\n"
      << table.str()
      << "};\nconst bool kRegistered = keras_docs::register_page(\"" << name
      << "\", \"" << md_path << "\", kBlocks, " << blocks
      << ");\n}  // namespace doc_" << name << "\n";
  if (blocks == 0) {
    std::cerr << md_path << ": no ```cpp or ```sh block\n";
    return 1;
  }
  if (!out) {
    std::cerr << "extract_snippets: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}
