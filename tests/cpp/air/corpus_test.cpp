// The corpus of scripts compiled by Aqua (shared/corpus/aqua-air): every one parses, and the
// formatter keeps each one's AST and is idempotent on it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;

namespace {

namespace fs = std::filesystem;

// The shared directory: AIRVM_SHARED_DIR if the build defines it, else ../shared beside the
// repository root (this file is <root>/tests/cpp/air/corpus_test.cpp).
fs::path shared_dir() {
#if defined(AIRVM_SHARED_DIR)
  return fs::path(AIRVM_SHARED_DIR);
#elif defined(AIRVM_SOURCE_DIR)
  return fs::path(AIRVM_SOURCE_DIR) / ".." / "shared";
#else
  return fs::path(__FILE__).parent_path() / ".." / ".." / ".." / ".." / "shared";
#endif
}

struct Script {
  std::string name;
  std::string text;
};

// Every *.air file of the corpus, sorted by name; read once.
const std::vector<Script>& corpus() {
  static const std::vector<Script> scripts = [] {
    std::vector<Script> out;
    const fs::path dir = shared_dir() / "corpus" / "aqua-air";
    if (!fs::is_directory(dir)) return out;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".air") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      out.push_back({entry.path().filename().string(),
                     std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
    }
    std::sort(out.begin(), out.end(), [](const Script& a, const Script& b) { return a.name < b.name; });
    return out;
  }();
  return scripts;
}

// Names of the scripts for which `bad` says what is wrong (an empty string means nothing).
template <typename Check>
std::vector<std::string> failures(Check bad) {
  std::vector<std::string> out;
  for (const Script& s : corpus()) {
    std::string why = bad(s.text);
    if (!why.empty()) out.push_back(s.name + ": " + why);
  }
  return out;
}

// `text` with every run of blanks after the indentation of a line squeezed to one blank and
// trailing blanks dropped: the compiler sometimes writes two blanks between operands.
std::string squeeze_blanks(const std::string& text) {
  std::string out;
  bool indent = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      indent = true;
    } else if (c != ' ') {
      indent = false;
    } else if (!indent && !out.empty() && out.back() == ' ') {
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string first_error(const ParseResult& r) {
  if (r.errors.empty()) return r.ast ? "" : "no AST and no diagnostic";
  const Diagnostic& d = r.errors[0];
  return std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message;
}

}  // namespace

TEST_CASE("the corpus is where the tests expect it", "[corpus]") {
  INFO("shared directory: " << shared_dir().string());
  REQUIRE(fs::is_directory(shared_dir() / "corpus" / "aqua-air"));
  CHECK(corpus().size() >= 771);
}

TEST_CASE("every corpus script parses", "[corpus]") {
  REQUIRE_FALSE(corpus().empty());
  CHECK(failures([](const std::string& text) { return first_error(parse(text)); }) == std::vector<std::string>{});
}

TEST_CASE("every corpus script passes the 0.62 instruction-after-next rule", "[corpus]") {
  REQUIRE_FALSE(corpus().empty());
  CHECK(failures([](const std::string& text) { return first_error(parse(text, strict())); }) ==
        std::vector<std::string>{});
}

TEST_CASE("formatting a corpus script keeps its AST", "[corpus]") {
  REQUIRE_FALSE(corpus().empty());
  CHECK(failures([](const std::string& text) -> std::string {
          ParseResult original = parse(text);
          if (!original.ast) return "does not parse";
          const std::string canonical = format(*original.ast);
          ParseResult again = parse(canonical);
          if (!again.ast) return "formatted text does not parse: " + first_error(again);
          if (without_spans(to_json(*again.ast)) != without_spans(to_json(*original.ast))) return "AST differs";
          return "";
        }) == std::vector<std::string>{});
}

TEST_CASE("formatting a corpus script is idempotent", "[corpus]") {
  REQUIRE_FALSE(corpus().empty());
  CHECK(failures([](const std::string& text) -> std::string {
          ParseResult original = parse(text);
          if (!original.ast) return "does not parse";
          const std::string once = format(*original.ast);
          ParseResult again = parse(once);
          if (!again.ast) return "formatted text does not parse: " + first_error(again);
          return format(*again.ast) == once ? "" : "second format differs";
        }) == std::vector<std::string>{});
}

TEST_CASE("the formatter lays out every corpus script as the Aqua compiler does, up to doubled blanks",
          "[corpus]") {
  REQUIRE_FALSE(corpus().empty());
  CHECK(failures([](const std::string& text) -> std::string {
          ParseResult original = parse(text);
          if (!original.ast) return "does not parse";
          return squeeze_blanks(format(*original.ast)) == squeeze_blanks(text) ? "" : "layout differs";
        }) == std::vector<std::string>{});
}
