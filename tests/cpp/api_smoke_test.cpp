// Build-level smoke tests of the public API (src/air/parse.h) over examples/*.air: every
// example parses, is already canonical, and bad input yields the diagnostic header.
// Behavioural coverage of the language lives in the corpus tests beside this file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "air/parse.h"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("examples parse, format to themselves and have spans in JSON", "[api][examples]") {
  const std::filesystem::path dir = std::filesystem::path(AIRVM_SOURCE_DIR) / "examples";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".air") continue;
    ++seen;
    INFO(entry.path().string());
    const std::string source = read_file(entry.path());
    auto result = airvm::air::parse(source);
    REQUIRE(result.errors.empty());
    REQUIRE(result.ast.has_value());
    CHECK(airvm::air::format(*result.ast) == source);
    CHECK(airvm::air::to_json(*result.ast).find("\"span\"") != std::string::npos);
  }
  CHECK(seen >= 1);
}

TEST_CASE("a broken script is reported with the diagnostic header", "[api]") {
  const std::string source = "(seq (null)";
  auto result = airvm::air::parse(source);
  REQUIRE_FALSE(result.ast.has_value());
  REQUIRE_FALSE(result.errors.empty());
  const std::string text = airvm::air::render_diagnostics(source, result.errors);
  CHECK(text.rfind("air can't be parsed:\n", 0) == 0);
}

TEST_CASE("size limit option is honoured", "[api]") {
  airvm::air::ParseOptions options;
  options.size_limit = 3;
  auto result = airvm::air::parse("(null)", options);
  CHECK_FALSE(result.ast.has_value());
  CHECK_FALSE(result.errors.empty());
}
