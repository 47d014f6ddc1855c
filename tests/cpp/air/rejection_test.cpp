// Rejections whose position the other files leave unchecked: each lens error, the grammar's
// notable rejections (language.md 2.2), canon's source/target pairing, fail's code without a
// message, and the size limit. Each script gives exactly one diagnostic, at a known place.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

struct Rejection {
  const char* script;
  const char* message;  // the start of the diagnostic's message
  const char* where;    // its line:column
};

void check_rejections(const std::vector<Rejection>& cases) {
  for (const Rejection& c : cases) {
    INFO(c.script);
    CHECK_THAT(only_error(c.script), StartsWith(c.message));
    CHECK(position(c.script) == c.where);
  }
}

}  // namespace

TEST_CASE("each lens parse error is reported at the lens's first dot", "[rejection][lens]") {
  // `x` stands at column 19; its lens starts at column 20.
  check_rejections({
      {"(seq (ap 1 x) (ap x.$.a[0 y))", "invalid lens: '[' without a closing ']'", "1:20"},
      {"(seq (ap 1 x) (ap x.$.[] y))", "invalid lens: empty []", "1:20"},
      {"(seq (ap 1 x) (ap x.$.[0a] y))", "invalid lens: an array index must be a decimal number", "1:20"},
      {"(seq (ap 1 x) (ap x.$.[4294967296] y))", "invalid lens: array index does not fit in 32 bits", "1:20"},
      {"(seq (ap 1 x) (ap x.$.[$k] y))", "invalid lens: `[$k]` is neither an index nor a scalar name", "1:20"},
      {"(seq (ap 1 x) (ap x.$.0 y))", "invalid lens: expected a field name after '.'", "1:20"},
      {"(seq (ap 1 x) (ap x.$a y))", "invalid lens: expected '.field', '[index]' or '[scalar]'", "1:20"},
      {"(seq (ap 1 x) (ap x.foo y))", "invalid lens: a lens is '.length' or '.$' followed by accessors", "1:20"},
      {"(seq (ap 1 x) (ap x.length.[0] y))", "invalid lens: a lens is '.length' or '.$'", "1:20"},
      {"(seq (ap 1 x) (ap x.$.a+b y))", "invalid character in lambda", "1:20"},
  });
}

TEST_CASE("text after %last_error% or :error: that is not a lens is reported where it starts", "[rejection][lens]") {
  check_rejections({
      {"(ap %last_error%x y)", "invalid lens `x`", "1:17"},
      {"(ap :error:x y)", "invalid lens `x`", "1:12"},
  });
}

TEST_CASE("a lens error in a long token quotes it shortened", "[rejection][lens]") {
  const std::string script = "(ap %last_error%" + std::string(100, 'x') + " y)";
  const std::string message = only_error(script);
  CHECK(message == "invalid lens `" + std::string(40, 'x') + "...`");
  CHECK(position(script) == "1:17");
}

TEST_CASE("a stream or stream map with a lens is reported as an unexpected token", "[rejection][grammar]") {
  check_rejections({
      {R"((new $st (call "p" ("s" "f") [$st.$.a])))", "unexpected token `$st.$.a`", "1:31"},
      {"(new %mp (ap %mp.$.k x))", "unexpected token `%mp.$.k`", "1:14"},
  });
}

TEST_CASE("each notable rejection of the grammar is reported at the operand out of place", "[rejection][grammar]") {
  check_rejections({
      {R"((seq (ap 1 $s) (call "p" ("s" "f") [$s])))", "unexpected token `$s`", "1:37"},
      {R"((new #c (call #c ("s" "f") [])))", "unexpected token `#c`", "1:15"},
      {"(new #%m (ap #%m x))", "unexpected token `#%m`", "1:14"},
      {"(new #$c (fold #$c.$.[0] i (null)))", "unexpected token `#$c.$.[0]`", "1:16"},
      {"(fail %last_error%.$.message)", "unexpected token `%last_error%.$.message`", "1:7"},
      {"(fail 1 msg_var)", "unexpected token `msg_var`: expected a string literal", "1:9"},
      {R"((fail 1.5 "x"))", "unexpected token `1.5`", "1:7"},
      {R"((new x (call "p" ("s" "f") [] #c)))", "unexpected token `#c`: expected an output", "1:31"},
      {"(ap 1 %m)", "unexpected token `%m`: expected an output", "1:7"},
      {"(new k (new x (ap (k x) $s)))", "unexpected token `$s`: expected a %map", "1:25"},
  });
}

TEST_CASE("canon's target must suit its source", "[rejection][grammar]") {
  check_rejections({
      {R"((canon "p" $s scalar))", "unexpected token `scalar`: expected a #canon stream", "1:15"},
      {R"((canon "p" $s #%c))", "unexpected token `#%c`: expected a #canon stream", "1:15"},
      {R"((canon "p" %m #c))", "unexpected token `#c`: expected a #%canon map or a scalar", "1:15"},
  });
}

TEST_CASE("the size limit is reported at the start of the script", "[rejection][size]") {
  ParseOptions options;
  options.size_limit = 5;
  Diagnostic d = only_diagnostic("\n(null)", options);
  CHECK(d.message == "air size: 7 bytes is bigger than the limit allowed: 5 bytes");
  CHECK(d.line == 1);
  CHECK(d.column == 1);
  CHECK_THAT(render_diagnostics("\n(null)", {d}), Contains("--> 1:1\n"));
}

TEST_CASE("a lens error is rendered with the caret under the lens", "[rejection][lens]") {
  const std::string source = "(seq (ap 1 x) (ap x.$.[] y))";
  const std::string report = render_diagnostics(source, parse(source).errors);
  CHECK_THAT(report, Contains("error: invalid lens: empty []\n"));
  CHECK_THAT(report, Contains("| " + std::string(19, ' ') + "^^^^^\n"));
}

TEST_CASE("the caret of an entry on a long line sits under the token in the shortened line", "[rejection]") {
  // 200 defined names, then an undefined one far to the right on the same line.
  std::string source = "(new x (call \"p\" (\"s\" \"f\") [";
  for (int i = 0; i < 200; ++i) source += "x ";
  source += "\u00e9\u00e9]))";
  const std::string report = render_diagnostics(source, parse(source).errors);
  CHECK_THAT(report, Contains("error: variable '\u00e9\u00e9' wasn't defined\n"));
  CHECK_THAT(report, Contains("--> 1:429\n"));
  // The shown line is "..." and the 60 characters before the caret, then the rest of the line.
  CHECK_THAT(report, Contains("1 | ...x x x"));
  CHECK_THAT(report, Contains("x \u00e9\u00e9]))\n"));
  CHECK_THAT(report, Contains("  | " + std::string(63, ' ') + "^^\n"));
}
