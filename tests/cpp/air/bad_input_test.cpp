// Hostile and degenerate input: empty text, huge scripts, deep nesting, bytes that are not UTF-8.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "air/lexer.h"
#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// A script whose instructions nest `levels` deep: (seq (null) (seq (null) ... (null))).
std::string nested(size_t levels) {
  std::string s;
  s.reserve(levels * 13);
  for (size_t i = 1; i < levels; ++i) s += "(seq (null) ";
  s += "(null)";
  s.append(levels - 1, ')');
  return s;
}

// A valid script of about `bytes` bytes: a balanced tree of pars over many calls, so it is big
// without being deep.
std::string big_script(size_t bytes) {
  const std::string call = R"((call "12D3KooWPeer" ("service" "function") ["argument" 42 x] x))";
  std::vector<std::string> level(bytes / (call.size() + 6) + 1, call);
  while (level.size() > 1) {
    std::vector<std::string> up;
    up.reserve(level.size() / 2 + 1);
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back("(par " + level[i] + " " + level[i + 1] + ")");
    if (level.size() % 2 == 1) up.push_back(std::move(level.back()));
    level = std::move(up);
  }
  return "(new x " + level[0] + ")";
}

// Parses every script, with and without the after-next rule, in a child process, so that a
// crash fails the calling test instead of ending the run. Returns "" when every parse gave a
// diagnostic and no AST; otherwise what went wrong and with which script.
std::string each_is_diagnosed(const std::vector<std::string>& scripts) {
  int pipe_ends[2];
  REQUIRE(pipe(pipe_ends) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Catch's handlers would report the crash from the child as well: restore the defaults.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
    close(pipe_ends[0]);
    for (const std::string& script : scripts) {
      for (bool strict_next : {false, true}) {
        // Names the parse about to run, so that the parent knows which one crashed.
        std::string record = (strict_next ? "strict: " : "default: ") + script + '\0';
        if (write(pipe_ends[1], record.data(), record.size()) < 0) _exit(3);
        ParseOptions options;
        options.strict_next = strict_next;
        ParseResult result = parse(script, options);
        if (result.ast || result.errors.empty()) _exit(1);
      }
    }
    _exit(0);
  }
  close(pipe_ends[1]);
  std::string records;
  char buf[4096];
  for (ssize_t n; (n = read(pipe_ends[0], buf, sizeof buf)) > 0;) records.append(buf, static_cast<size_t>(n));
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  std::string last;  // the parse that was running when the child stopped
  if (!records.empty()) {
    records.pop_back();
    last = records.substr(records.rfind('\0') == std::string::npos ? 0 : records.rfind('\0') + 1);
  }
  if (WIFSIGNALED(status)) return "crash (signal " + std::to_string(WTERMSIG(status)) + ") on " + last;
  return "no diagnostic for " + last;
}

std::string utf8_error_at(std::string_view src) {
  INFO("bytes: " << src.size());
  return only_error(src);
}

}  // namespace

// --- empty input ------------------------------------------------------------------------------

TEST_CASE("an empty script is an unexpected end of input", "[bad-input]") {
  CHECK_THAT(only_error(""), StartsWith("unexpected end of input"));
  CHECK(position("") == "1:1");
}

TEST_CASE("a script of only whitespace is an unexpected end of input", "[bad-input]") {
  CHECK_THAT(only_error("  \n\t \r\n "), StartsWith("unexpected end of input"));
  CHECK(position("  \n\t \r\n ") == "3:2");
}

TEST_CASE("a script of only comments is an unexpected end of input", "[bad-input]") {
  CHECK_THAT(only_error("; nothing\n; here\n"), StartsWith("unexpected end of input"));
  CHECK(position("; nothing\n; here\n") == "3:1");
}

// --- size limit -------------------------------------------------------------------------------

TEST_CASE("a 50 MB script is refused before it is parsed", "[bad-input][size]") {
  std::string script(25u * 1024 * 1024, ' ');
  script += "(null)";
  script.append(25u * 1024 * 1024, ' ');
  CHECK(only_error(script) == "air size: 52428806 bytes is bigger than the limit allowed: 16777216 bytes");
}

TEST_CASE("the size limit is 16 MiB, inclusive", "[bad-input][size]") {
  CHECK(kDefaultAirSizeLimit == 16777216u);
  std::string at_limit(kDefaultAirSizeLimit - 6, ' ');
  at_limit += "(null)";
  CHECK(parses(at_limit));
  at_limit += ' ';
  CHECK(only_error(at_limit) == "air size: 16777217 bytes is bigger than the limit allowed: 16777216 bytes");
}

TEST_CASE("the size limit can be raised or lowered", "[bad-input][size]") {
  std::string script(20u * 1024 * 1024, ' ');
  script += "(null)";
  ParseOptions options;
  options.size_limit = 32u * 1024 * 1024;
  CHECK(parses(script, options));
  options.size_limit = 5;
  CHECK(only_error("(null)", options) == "air size: 6 bytes is bigger than the limit allowed: 5 bytes");
}

TEST_CASE("a valid script of 15 MB parses", "[bad-input][size]") {
  const std::string script = big_script(15u * 1000 * 1000);
  REQUIRE(script.size() > 15u * 1000 * 1000);
  REQUIRE(script.size() < kDefaultAirSizeLimit);
  ParseResult result = parse(script);
  REQUIRE(result.errors.empty());
  REQUIRE(result.ast.has_value());
  CHECK(result.ast->max_depth < 30);
  CHECK(result.ast->nodes.size() > 300000);
}

// --- nesting ------------------------------------------------------------------------------------

TEST_CASE("5,000 levels of nesting parse", "[bad-input][nesting]") {
  Ast ast = ast_of(nested(5000));
  CHECK(ast.nodes.size() == 2 * 5000 - 1);
}

TEST_CASE("10,000 levels of nesting, the limit, parse", "[bad-input][nesting]") {
  CHECK(kMaxNesting == 10000u);
  Ast ast = ast_of(nested(10000));
  CHECK(ast.nodes.size() == 2 * 10000 - 1);
}

TEST_CASE("nesting beyond the limit is a diagnostic naming the limit", "[bad-input][nesting]") {
  CHECK_THAT(only_error(nested(10001)), Contains("10000"));
  CHECK_THAT(only_error(nested(100000)), Contains("10000"));
  CHECK(position(nested(100000)) == "1:119994");  // the (null) at depth 10,001
}

TEST_CASE("a long run of unclosed parentheses is a diagnostic, not a crash", "[bad-input][nesting]") {
  CHECK_FALSE(parses(std::string(100000, '(')));
  std::string seqs;
  for (int i = 0; i < 100000; ++i) seqs += "(seq ";
  CHECK_FALSE(parses(seqs));
  CHECK_FALSE(parses(std::string(100000, ')')));
  CHECK_FALSE(parses("(ap " + std::string(100000, '[') + " x)"));
}

TEST_CASE("the diagnostics of deep input render", "[bad-input][nesting]") {
  const std::string script = nested(100000);
  const std::string report = render_diagnostics(script, parse(script).errors);
  CHECK_THAT(report, StartsWith("air can't be parsed:\n"));
  CHECK(report.size() < 1000);  // a long line is cut around the caret
}

// --- bytes that are not UTF-8 -------------------------------------------------------------------

TEST_CASE("a byte that cannot start a UTF-8 sequence is rejected with its offset", "[bad-input][utf8]") {
  CHECK(utf8_error_at("\xff") == "invalid UTF-8 at byte 0");
  CHECK(utf8_error_at("(null)\xff") == "invalid UTF-8 at byte 6");
  CHECK(utf8_error_at("(null) \x80") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xf5\x80\x80\x80\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
}

TEST_CASE("a truncated UTF-8 sequence is rejected", "[bad-input][utf8]") {
  CHECK(utf8_error_at("(call \"\xc3\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xe2\x82\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xf0\x9f\x98\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(null)\xe2\x82") == "invalid UTF-8 at byte 6");
}

TEST_CASE("an overlong UTF-8 encoding is rejected", "[bad-input][utf8]") {
  CHECK(utf8_error_at("(call \"\xc0\xaf\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xc1\xbf\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xe0\x80\xaf\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xf0\x80\x80\xaf\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
}

TEST_CASE("an encoded surrogate or a code point above U+10FFFF is rejected", "[bad-input][utf8]") {
  CHECK(utf8_error_at("(call \"\xed\xa0\x80\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xed\xbf\xbf\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
  CHECK(utf8_error_at("(call \"\xf4\x90\x80\x80\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 7");
}

TEST_CASE("invalid UTF-8 in a comment is rejected too", "[bad-input][utf8]") {
  CHECK(utf8_error_at("(null) ; caf\xe9\n") == "invalid UTF-8 at byte 12");
}

TEST_CASE("the offset of invalid UTF-8 counts bytes of the valid text before it", "[bad-input][utf8]") {
  CHECK(utf8_error_at("(call \"\u00e9\u540d\xff\" (\"s\" \"f\") [])") == "invalid UTF-8 at byte 12");
  CHECK(position("(seq\n (call \"\u00e9\xff\" (\"s\" \"f\") []) (null))") == "2:10");
}

TEST_CASE("valid UTF-8 of every length is accepted", "[bad-input][utf8]") {
  CHECK(parses("(call \"a \u00e9 \u540d \U0001F600 \U0010FFFF \uD7FF \uE000\" (\"s\" \"f\") [])"));
}

TEST_CASE("a NUL byte is rejected wherever it stands", "[bad-input][utf8]") {
  using namespace std::string_literals;
  CHECK(only_error("(null)\0"s) == "a NUL byte is not allowed in AIR");
  CHECK(position("(null)\0"s) == "1:7");
  CHECK(only_error("(call \"a\0b\" (\"s\" \"f\") [])"s) == "a NUL byte is not allowed in AIR");
  CHECK(position("(call \"a\0b\" (\"s\" \"f\") [])"s) == "1:9");
  CHECK(only_error("\0"s) == "a NUL byte is not allowed in AIR");
  CHECK(only_error("(null) ;\0\n"s) == "a NUL byte is not allowed in AIR");
}

TEST_CASE("the diagnostics of bad bytes render", "[bad-input][utf8]") {
  for (std::string source : {std::string("(null)\xff"), std::string("(null)\0", 7), std::string("\xed\xa0\x80")}) {
    const std::string report = render_diagnostics(source, parse(source).errors);
    CHECK_THAT(report, StartsWith("air can't be parsed:\n"));
    CHECK_THAT(report, Contains("error: "));
  }
}

// --- malformed operands, diagnostics of many errors -------------------------------------------

TEST_CASE("no malformed operand in any position crashes the parser", "[bad-input][operands]") {
  const std::vector<std::string> forms = {
      R"((call @ ("s" "f") [] out))", R"((call "p" (@ "f") []))", R"((call "p" ("s" @) []))",
      R"((call "p" ("s" "f") [@]))", R"((call "p" ("s" "f") [] @))", R"((canon @ $s #c))",
      R"((canon "p" @ #c))", R"((canon "p" $s @))", R"((canon "p" %m @))", "(ap @ x)", "(ap 1 @)",
      "(ap (@ 1) %m)", R"((ap ("k" @) %m))", R"((ap ("k" 1) @))", "(match @ 1 (null))",
      "(mismatch 1 @ (null))", "(fold @ i (null))", "(fold x @ (null))", "(fold $s @ (next i))",
      "(next @)", "(new @ (null))", "(fail @)", "(fail 1 @)",
  };
  const std::vector<std::string> operands = {"$st.$.a", "%mp.$.k", "null", "(", ")", "]", "[1]", "\"i"};
  std::vector<std::string> scripts;
  for (const std::string& form : forms) {
    for (const std::string& operand : operands) {
      std::string instr = form;
      instr.replace(instr.find('@'), 1, operand);
      scripts.push_back(instr);
      scripts.push_back("(seq (ap 1 $s) (fold $s i (seq " + instr + " (next i))))");
      scripts.push_back("(seq (ap 1 $s) (fold $s i (seq (next i) " + instr + ")))");
    }
  }
  CHECK(each_is_diagnosed(scripts) == "");
}

TEST_CASE("a next whose iterator is rejected is a diagnostic under the after-next rule", "[bad-input][operands]") {
  CHECK(each_is_diagnosed({"(next $i)"}) == "");
  CHECK(each_is_diagnosed({"(seq (ap 1 $s) (fold $s i (next $i)))"}) == "");
  CHECK(each_is_diagnosed({"(seq (ap 1 $s) (fold $s i (seq (next \"i\") (null))))"}) == "");
}

TEST_CASE("a diagnostic quoting a long token is valid UTF-8", "[bad-input][utf8]") {
  // The quoted token is shortened; it must not be cut inside a character.
  std::vector<std::string> invalid;
  for (size_t ascii = 30; ascii < 45; ++ascii) {
    const std::string script =
        "(call \"p\" (\"s\" \"f\") [$" + std::string(ascii, 'a') + "\u00e9\u540d\u00e9\u540d])";
    const std::vector<Diagnostic> errors = parse(script).errors;
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, StartsWith("unexpected token"));
    if (find_bad_byte(errors[0].message) != UINT32_MAX || find_bad_byte(render_diagnostics(script, errors)) != UINT32_MAX) {
      invalid.push_back(script);
    }
  }
  CHECK(invalid == std::vector<std::string>{});
}

TEST_CASE("a script with 100,000 errors is diagnosed and rendered in linear time", "[bad-input][size]") {
  // One line holding 100,000 undefined names: each is an error (language.md 2.4), and the report
  // has an entry for each (2.6). Linear work takes milliseconds; the bound only catches work
  // that grows with errors x line length.
  std::string script = R"((call "p" ("s" "f") [)";
  for (int i = 0; i < 100000; ++i) script += "x ";
  script += "])";
  const auto start = std::chrono::steady_clock::now();
  ParseResult result = parse(script);
  REQUIRE(result.errors.size() == 100000);
  const std::string report = render_diagnostics(script, result.errors);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(report.find("--> 1:200020") != std::string::npos);
  CHECK(seconds < 2.0);
}

TEST_CASE("the report of a bad byte is valid UTF-8, with U+FFFD in its place", "[bad-input][utf8]") {
  using namespace std::string_literals;
  for (const std::string& source : {"(null) \xff (null)"s, "(null) \xe2\x82"s, "(null) \x80\x80"s}) {
    INFO(source);
    const std::string report = render_diagnostics(source, parse(source).errors);
    CHECK(find_bad_byte(report) == UINT32_MAX);
    CHECK_THAT(report, Contains("1 | (null) \xef\xbf\xbd"));
    CHECK_THAT(report, Contains("  |        ^\n"));
  }
  const std::string nul = "(null) \0 (null)"s;
  CHECK_THAT(render_diagnostics(nul, parse(nul).errors), Contains("1 | (null)   (null)\n"));
}

TEST_CASE("nexts inside thousands of nested folds are checked in linear time", "[bad-input][nesting]") {
  // 9,000 nested folds over distinct iterators around 200,000 `(next z)`: each next is an
  // undefined iterable (language.md 2.4 rule 2). Finding a next's fold must not walk every
  // open fold; that walk took seconds here. The bound only catches work of folds x nexts.
  constexpr int kFolds = 9000;
  constexpr int kNexts = 200000;
  std::vector<std::string> level(kNexts, "(next z)");
  while (level.size() > 1) {
    std::vector<std::string> up;
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back("(seq " + level[i] + " " + level[i + 1] + ")");
    if (level.size() % 2 == 1) up.push_back(std::move(level.back()));
    level = std::move(up);
  }
  std::string script = "(new a ";
  for (int i = 0; i < kFolds; ++i) script += "(fold a i" + std::to_string(i) + " ";
  script += level[0];
  script.append(kFolds + 1, ')');
  const auto start = std::chrono::steady_clock::now();
  ParseResult result = parse(script);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(result.errors.size() == kMaxErrors + 1);  // every next is checked, the first 100,000 reported
  CHECK(result.errors.front().message == "iterable 'z' wasn't defined");
  CHECK(result.errors[kMaxErrors - 1].message == "iterable 'z' wasn't defined");
  CHECK_THAT(result.errors.back().message, StartsWith("too many errors"));
  CHECK(seconds < 2.0);
}

TEST_CASE("past 100,000 errors one note says where reporting stopped", "[bad-input][size]") {
  // A 16 MiB script can hold 8 million undefined names; their report would not fit in a wasm
  // peer's memory. The first kMaxErrors are reported, then a note at the next one.
  CHECK(kMaxErrors == 100000u);
  std::string script = R"((call "p" ("s" "f") [)";
  for (int i = 0; i < 150000; ++i) script += "x ";
  script += "])";
  ParseResult result = parse(script);
  REQUIRE(result.errors.size() == kMaxErrors + 1);
  CHECK(result.errors[kMaxErrors - 1].message == "variable 'x' wasn't defined");
  CHECK(result.errors[kMaxErrors - 1].column == 200020);
  const Diagnostic& note = result.errors.back();
  CHECK_THAT(note.message, StartsWith("too many errors: only the first 100000"));
  CHECK(note.line == 1);
  CHECK(note.column == 200022);
  const std::string report = render_diagnostics(script, result.errors);
  CHECK_THAT(report, Contains("error: too many errors"));
  CHECK(report.size() < 100 * 1024 * 1024);
}

TEST_CASE("parse errors are capped like validator errors", "[bad-input][size]") {
  std::vector<std::string> level(150000, "(null x)");
  while (level.size() > 1) {
    std::vector<std::string> up;
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back("(seq " + level[i] + " " + level[i + 1] + ")");
    if (level.size() % 2 == 1) up.push_back(std::move(level.back()));
    level = std::move(up);
  }
  ParseResult result = parse(level[0]);
  REQUIRE(result.errors.size() == kMaxErrors + 1);
  CHECK_THAT(result.errors.front().message, StartsWith("unexpected token `x`"));
  CHECK_THAT(result.errors.back().message, StartsWith("too many errors"));
  // The kept errors are in source order, and the note comes after them.
  CHECK(result.errors[kMaxErrors - 1].span.begin < result.errors.back().span.begin);
}

TEST_CASE("the error limit leaves a script of exactly 100,000 errors whole", "[bad-input][size]") {
  std::string script = R"((call "p" ("s" "f") [)";
  for (int i = 0; i < 100000; ++i) script += "x ";
  script += "])";
  ParseResult result = parse(script);
  REQUIRE(result.errors.size() == kMaxErrors);
  CHECK(result.errors.back().message == "variable 'x' wasn't defined");
}
