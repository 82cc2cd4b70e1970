// File: docs/test/snippet_runner.h
// -----------------------------------------------------------------------------
// The documentation test. Each docs/api/<page>.md is the source of its code:
// extract_snippets.cpp turns every ```cpp block into a function and every
// ```sh block into a script, in page order, each with the ```text block that
// follows it (if any) as its expected output. `keras_doc_snippets PAGE DIR`
// runs a page's blocks in order in DIR (so later blocks can load the files
// earlier ones saved) and fails on the first block that throws, exits
// non-zero or prints something else than its ```text block ("..." on a line
// of its own there matches any number of lines).
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>

namespace keras_docs {

struct Block {
  int line;              // first line of the block in the .md
  int (*run)();          // a ```cpp block; nullptr for ```sh
  const char* script;    // a ```sh block's text
  const char* expected;  // the following ```text block, or nullptr
};

bool register_page(const char* name, const char* md_path, const Block* blocks,
                   std::size_t count);

}  // namespace keras_docs
