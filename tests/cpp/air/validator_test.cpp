// Static validation (language.md 2.4, 2.5) and how failures are reported (2.6).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

using Strings = std::vector<std::string>;

const std::string kAfterNext = "fold can not have instructions after next";

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

// --- rule 1: undefined variable ----------------------------------------------------------------

TEST_CASE("a variable used before any definition is undefined", "[validator]") {
  CHECK(only_error(R"((call "p" ("s" "f") [x]))") == "variable 'x' wasn't defined");
  CHECK(position(R"((call "p" ("s" "f") [x]))") == "1:22");
}

TEST_CASE("an instruction never defines a name for its own use", "[validator]") {
  CHECK(only_error(R"((call "p" ("s" "f") [x] x))") == "variable 'x' wasn't defined");
  CHECK(only_error("(ap x x)") == "variable 'x' wasn't defined");
  CHECK(position("(ap x x)") == "1:5");
}

TEST_CASE("every checked use of an undefined name is reported at the name", "[validator]") {
  struct Case {
    const char* script;
    const char* name;
    const char* where;
  };
  for (const Case& c : std::vector<Case>{
           {R"((call x ("s" "f") []))", "x", "1:7"},
           {R"((call "p" (x "f") []))", "x", "1:12"},
           {R"((call "p" ("s" x) []))", "x", "1:16"},
           {R"((call "p" ("s" "f") ["a" x]))", "x", "1:26"},
           {"(match x 1 (null))", "x", "1:8"},
           {"(match 1 x (null))", "x", "1:10"},
           {"(mismatch x 1 (null))", "x", "1:11"},
           {"(mismatch 1 x (null))", "x", "1:13"},
           {"(ap x y)", "x", "1:5"},
           {R"((ap (k "v") %m))", "k", "1:6"},
           {"(fold x i (null))", "x", "1:7"},
           {"(fold $s i (null))", "$s", "1:7"},
           {"(fold %m i (null))", "%m", "1:7"},
           {"(fold #c i (null))", "#c", "1:7"},
           {"(fold #%m i (null))", "#%m", "1:7"},
           {"(fold #%m.$.k i (null))", "#%m", "1:7"},
           {R"((call "p" ("s" "f") [#c]))", "#c", "1:22"},
           {R"((call "p" ("s" "f") [#$c.$.[0]]))", "#$c", "1:22"},
           {"(seq (ap 1 x) (ap x.$.[k] y))", "k", "1:19"},
       }) {
    INFO(c.script);
    CHECK(only_error(c.script) == "variable '" + std::string(c.name) + "' wasn't defined");
    CHECK(position(c.script) == c.where);
  }
}

TEST_CASE("each scalar inside a lens is checked", "[validator]") {
  CHECK(messages("(seq (ap 1 x) (ap x.$.a.[k].[j] y))") ==
        Strings{"variable 'k' wasn't defined", "variable 'j' wasn't defined"});
  CHECK(parses("(seq (ap 1 x) (ap x.$.[x] y))"));
  CHECK(parses("(seq (ap 1 x) (fold [] i (ap x.$.[i] y)))"));
}

TEST_CASE("every kind of definer defines its name for later instructions", "[validator]") {
  for (const char* script : {
           R"((seq (call "p" ("s" "f") [] x) (call x ("s" "f") [])))",
           R"((seq (call "p" ("s" "f") [] $s) (fold $s i (null))))",
           R"((seq (ap 1 x) (call "p" ("s" "f") [x])))",
           "(seq (ap 1 $s) (fold $s i (null)))",
           R"((seq (ap ("k" 1) %m) (fold %m i (null))))",
           R"((seq (canon "p" $s #c) (call "p" ("s" "f") [#c])))",
           R"((seq (canon "p" $s #$c) (call "p" ("s" "f") [#$c.$.[0]])))",
           R"((seq (canon "p" %m #%m) (call "p" ("s" "f") [#%m])))",
           R"((seq (canon "p" %m sc) (call "p" ("s" "f") [sc])))",
           "(new x (ap x y))",
           "(new $s (fold $s i (null)))",
           "(new %m (fold %m i (null)))",
           R"((new #c (call "p" ("s" "f") [#c])))",
           R"((new #%m (call "p" ("s" "f") [#%m])))",
           "(fold [] i (ap i x))",
       }) {
    INFO(script);
    CHECK(parses(script));
  }
}

TEST_CASE("definition order is textual, not execution order", "[validator]") {
  CHECK(only_error(R"((par (call "a" ("s" "f") [x]) (call "b" ("s" "f") [] x)))") == "variable 'x' wasn't defined");
  CHECK(parses(R"((par (call "b" ("s" "f") [] x) (call "a" ("s" "f") [x])))"));
  CHECK(parses(R"((xor (call "b" ("s" "f") [] x) (call "a" ("s" "f") [x])))"));
}

TEST_CASE("a fold iterator stays defined after the fold closes", "[validator]") {
  CHECK(parses(R"((seq (fold [] i (null)) (call "p" ("s" "f") [i])))"));
}

TEST_CASE("a canon stream must be defined before it is used", "[validator]") {
  const char* script = R"((seq (call "p" ("s" "f") [#c]) (canon "p" $s #c)))";
  CHECK(only_error(script) == "variable '#c' wasn't defined");
  CHECK(position(script) == "1:27");
}

TEST_CASE("the ap-map value is not checked (quirk kept)", "[validator]") {
  CHECK(parses(R"((ap ("k" v) %m))"));
  CHECK(parses(R"((ap ("k" v.$.[j]) %m))"));
}

TEST_CASE("canon peer and source, fail operands and special variables are not checked", "[validator]") {
  CHECK(parses("(canon p $s #c)"));
  CHECK(parses("(canon p.$.a %m sc)"));
  CHECK(parses("(fail x)"));
  CHECK(parses("(fail x.$.[k])"));
  CHECK(parses("(fail #$c.$.[0])"));
  CHECK(parses(R"((call %init_peer_id% ("s" "f") [%last_error% :error: %timestamp% %ttl%]))"));
}

// --- rule 2: undefined iterable ----------------------------------------------------------------

TEST_CASE("next outside a fold over its iterator is an undefined iterable", "[validator]") {
  CHECK(only_error("(next i)") == "iterable 'i' wasn't defined");
  CHECK(position("(next i)") == "1:7");
  CHECK(only_error("(seq (ap [] x) (fold x i (next j)))") == "iterable 'j' wasn't defined");
  CHECK(position("(seq (ap [] x) (fold x i (next j)))") == "1:32");
}

TEST_CASE("next after its fold has closed is an undefined iterable", "[validator]") {
  const char* script = "(seq (ap [] x) (seq (fold x i (null)) (next i)))";
  CHECK(only_error(script) == "iterable 'i' wasn't defined");
  CHECK(position(script) == "1:45");
}

TEST_CASE("the next of an outer fold may stand inside an inner fold", "[validator]") {
  CHECK(parses("(seq (ap [] a) (seq (ap [] b) (fold a i (fold b j (seq (next j) (next i))))))"));
}

// --- rule 3: multiple next ---------------------------------------------------------------------

TEST_CASE("two nexts for one fold are reported at the second", "[validator]") {
  const std::string two = "multiple next instructions for iterator 'i' found for one fold, that is prohibited";
  CHECK(only_error("(seq (ap [] a) (fold a i (seq (next i) (next i))))") == two);
  CHECK(position("(seq (ap [] a) (fold a i (seq (next i) (next i))))") == "1:40");
}

TEST_CASE("two nexts in the branches of an xor are still two nexts", "[validator]") {
  const char* script = "(seq (ap [] a) (fold a i (xor (next i) (next i))))";
  CHECK(only_error(script) == "multiple next instructions for iterator 'i' found for one fold, that is prohibited");
  CHECK(position(script) == "1:40");
}

TEST_CASE("every next after the first of a fold is reported", "[validator]") {
  const char* script = "(seq (ap [] a) (fold a i (seq (next i) (seq (next i) (next i)))))";
  CHECK(messages(script).size() == 2);
  CHECK(positions(script) == Strings{"1:45", "1:54"});
}

TEST_CASE("sequential folds with the same iterator each have their own next", "[validator]") {
  CHECK(parses("(seq (ap [] a) (seq (fold a i (next i)) (fold a i (next i))))"));
}

// --- rule 4: new on an iterator ----------------------------------------------------------------

TEST_CASE("new cannot be applied to an iterator inside its fold", "[validator]") {
  const char* script = "(seq (ap [] a) (fold a i (seq (null) (xor (new i (null)) (null)))))";
  CHECK(only_error(script) == "new can't be applied to a 'i' because it's an iterator");
  CHECK(position(script) == "1:48");
}

TEST_CASE("new may reuse an iterator name outside its fold", "[validator]") {
  CHECK(parses("(seq (ap [] a) (seq (fold a i (null)) (new i (null))))"));
  CHECK(parses("(seq (ap [] a) (fold a i (new $i (null))))"));
}

// --- rule 5: nested folds with the same iterator ------------------------------------------------

TEST_CASE("a fold nested at any depth in a fold with the same iterator is rejected", "[validator]") {
  const char* script = "(seq (ap [] a) (fold a i (seq (null) (new x (fold a i (null))))))";
  CHECK(only_error(script) == "multiple iterable values found for iterator name 'i'");
  CHECK(position(script) == "1:53");
}

TEST_CASE("sibling folds may reuse an iterator name", "[validator]") {
  CHECK(parses("(seq (ap [] a) (par (fold a i (null)) (fold a i (null))))"));
}

// --- rule 6: fail with code 0 ------------------------------------------------------------------

TEST_CASE("fail with error code 0 is unsupported", "[validator]") {
  CHECK(only_error(R"((fail 0 "x"))") == "error code 0 with fail is unsupported");
  CHECK(position(R"((fail 0 "x"))") == "1:7");
  CHECK(only_error(R"((seq (null) (fail -0 "x")))") == "error code 0 with fail is unsupported");
  CHECK(position(R"((seq (null) (fail -0 "x")))") == "1:19");
  CHECK(parses(R"((fail 1 "x"))"));
  CHECK(parses(R"((fail -1 "x"))"));
}

// --- rule 7: instruction after next (2.5) -------------------------------------------------------

TEST_CASE("the instruction-after-next rule is off by default", "[validator][after-next]") {
  const char* script = "(seq (ap 1 $s) (fold $s i (seq (next i) (ap 1 x))))";
  CHECK(parses(script));
  CHECK(only_error(script, strict()) == kAfterNext);
  CHECK(position(script, strict()) == "1:27");
}

TEST_CASE("the examples of 2.5 that 0.62 rejects", "[validator][after-next]") {
  struct Case {
    const char* script;
    const char* where;  // the seq or par that puts an instruction after next
  };
  for (const Case& c : std::vector<Case>{
           {"(seq (ap 1 $s) (fold $s i (seq (next i) (ap 1 x))))", "1:27"},
           {R"((seq (ap 1 $s) (fold $s i (seq (seq (call "p" ("s" "f") []) (next i)) (call "p" ("s" "f") [])))))",
            "1:27"},
           {"(seq (ap 1 $s) (fold $s i (xor (par (next i) (ap 1 x)) (null))))", "1:32"},
           {R"((seq (ap 1 $s) (seq (ap 1 $t) (fold $s i (seq (fold $t j (seq (call "p" ("s" "f") []) (next i))) (call "p" ("s" "f") []))))))",
            "1:42"},
       }) {
    INFO(c.script);
    CHECK(parses(c.script));
    CHECK(only_error(c.script, strict()) == kAfterNext);
    CHECK(position(c.script, strict()) == c.where);
  }
}

TEST_CASE("the examples of 2.5 that 0.62 accepts", "[validator][after-next]") {
  for (const char* script : {
           R"((seq (ap 1 $s) (fold $s i (xor (next i) (call "p" ("s" "f") [])))))",
           "(seq (ap 1 $s) (fold $s i (par (ap 1 x) (next i))))",
           "(seq (ap 1 $s) (fold $s i (seq (ap 1 x) (xor (next i) (fold $s j (seq (ap 1 y) (next j)))))))",
       }) {
    INFO(script);
    CHECK(parses(script, strict()));
  }
}

TEST_CASE("par puts an instruction after next just as seq does", "[validator][after-next]") {
  CHECK(only_error("(seq (ap 1 $s) (fold $s i (par (next i) (ap 1 x))))", strict()) == kAfterNext);
}

TEST_CASE("new, match and mismatch are transparent to the after-next rule", "[validator][after-next]") {
  for (const char* script : {
           "(seq (ap 1 $s) (fold $s i (seq (new x (next i)) (ap 1 y))))",
           "(seq (ap 1 $s) (fold $s i (seq (match 1 1 (next i)) (ap 1 y))))",
           "(seq (ap 1 $s) (fold $s i (seq (mismatch 1 2 (next i)) (ap 1 y))))",
       }) {
    INFO(script);
    CHECK(only_error(script, strict()) == kAfterNext);
    CHECK(position(script, strict()) == "1:27");
  }
  CHECK(parses("(seq (ap 1 $s) (fold $s i (seq (ap 1 y) (new x (match 1 1 (next i))))))", strict()));
}

TEST_CASE("a fold over a stream map follows the after-next rule", "[validator][after-next]") {
  const char* script = R"((seq (ap ("k" 1) %m) (fold %m i (seq (next i) (ap 1 x)))))";
  CHECK(only_error(script, strict()) == kAfterNext);
  CHECK(position(script, strict()) == "1:33");
}

TEST_CASE("a fold with a last instruction follows the after-next rule", "[validator][after-next]") {
  CHECK(only_error("(seq (ap 1 $s) (fold $s i (seq (next i) (ap 1 x)) (null)))", strict()) == kAfterNext);
}

TEST_CASE("folds over scalars and canon streams may have instructions after next", "[validator][after-next]") {
  CHECK(parses("(seq (ap [] arr) (fold arr i (seq (next i) (ap 1 x))))", strict()));
  CHECK(parses(R"((seq (canon "p" $s #c) (fold #c i (seq (next i) (ap 1 x)))))", strict()));
  CHECK(parses("(fold [] i (seq (next i) (ap 1 x)))", strict()));
}

TEST_CASE("a scalar fold forgets the next of an outer stream fold", "[validator][after-next]") {
  CHECK(parses("(seq (ap 1 $s) (seq (ap [] a) (fold $s i (seq (fold a j (next i)) (ap 1 x)))))", strict()));
}

TEST_CASE("an xor with a next in both branches stops the after-next checks", "[validator][after-next]") {
  const char* late = "(fold $s k (seq (next k) (ap 1 x)))";
  std::string alone = "(seq (ap 1 $s) " + std::string(late) + ")";
  CHECK(only_error(alone, strict()) == kAfterNext);
  std::string after_xor = "(seq (ap 1 $s) (seq (ap 1 $t) (seq (fold $s i (fold $t j (xor (next j) (next i)))) " +
                          std::string(late) + ")))";
  CHECK(parses(after_xor, strict()));
}

TEST_CASE("the same malformed fold body may be reported twice (quirk kept)", "[validator][after-next]") {
  const char* script = "(seq (ap 1 $s) (seq (fold $s i (seq (next i) (ap 1 x))) (fold $s i (seq (ap 1 y) (next i)))))";
  CHECK(messages(script, strict()) == Strings{kAfterNext, kAfterNext});
  CHECK(positions(script, strict()) == Strings{"1:32", "1:32"});
  CHECK(parses(script));
}

TEST_CASE("a scalar fold's next followed by an instruction is blamed on a later stream fold (quirk kept)",
          "[validator][after-next]") {
  const char* script =
      "(seq (ap [] arr) (seq (fold arr i (seq (next i) (ap 1 x))) (seq (ap 1 $s) (fold $s i (seq (ap 1 y) (next i))))))";
  CHECK(only_error(script, strict()) == kAfterNext);
  CHECK(position(script, strict()) == "1:35");
}

TEST_CASE("an offending seq is reported once however many seqs share the pending iterator",
          "[validator][after-next]") {
  const char* script = "(seq (ap 1 $s) (fold $s i (xor (seq (next i) (null)) (seq (next i) (null)))))";
  CHECK(messages(script, strict()) ==
        Strings{kAfterNext, "multiple next instructions for iterator 'i' found for one fold, that is prohibited"});
  CHECK(positions(script, strict()) == Strings{"1:32", "1:59"});
}

// --- several errors, and how they are rendered (2.6) -------------------------------------------

TEST_CASE("every validator error is reported, in source order", "[validator]") {
  CHECK(messages(R"((call "p" ("s" "f") [x y]))") ==
        Strings{"variable 'x' wasn't defined", "variable 'y' wasn't defined"});
  CHECK(positions(R"((call "p" ("s" "f") [x y]))") == Strings{"1:22", "1:24"});
  CHECK(messages(R"((call "p" ("s" "f") [x y x]))").size() == 3);
}

TEST_CASE("errors of different rules come out together in source order", "[validator]") {
  const char* script = R"((seq (new a (fold a i (next j))) (seq (fail 0 "m") (call "p" ("s" "f") [y]))))";
  CHECK(messages(script) == Strings{"iterable 'j' wasn't defined", "error code 0 with fail is unsupported",
                                    "variable 'y' wasn't defined"});
  CHECK(positions(script) == Strings{"1:29", "1:45", "1:73"});
}

TEST_CASE("columns count characters, not bytes", "[validator]") {
  CHECK(position("(call \"\u00e9\u00e9\" (\"s\" \"f\") [x])") == "1:23");
  CHECK(position("(seq\n (call \"\u540d\" (\"s\" \"f\") [x])\n (null))") == "2:23");
}

TEST_CASE("the report starts with the header and shows message, position, line and caret", "[validator]") {
  const std::string source = "(seq\n (call \"p\" (\"s\" \"f\") [#$c])\n (null))";
  ParseResult result = parse(source);
  REQUIRE(result.errors.size() == 1);
  const std::string report = render_diagnostics(source, result.errors);
  CHECK_THAT(report, StartsWith("air can't be parsed:\n"));
  CHECK_THAT(report, Contains("error: variable '#$c' wasn't defined\n"));
  CHECK_THAT(report, Contains("--> 2:23\n"));
  CHECK_THAT(report, Contains(" (call \"p\" (\"s\" \"f\") [#$c])\n"));
  CHECK_THAT(report, Contains("| " + std::string(22, ' ') + "^^^\n"));
}

TEST_CASE("the report has one entry per error", "[validator]") {
  const std::string source = R"((call "p" ("s" "f") [x y]))";
  const std::string report = render_diagnostics(source, parse(source).errors);
  CHECK(count(report, "error: ") == 2);
  CHECK(report.find("variable 'x'") < report.find("variable 'y'"));
  CHECK_THAT(report, Contains("--> 1:22\n"));
  CHECK_THAT(report, Contains("--> 1:24\n"));
}

TEST_CASE("a lexer error is rendered the same way", "[validator]") {
  const std::string source = "(ap 3.1415926535 x)";
  const std::string report = render_diagnostics(source, parse(source).errors);
  CHECK_THAT(report, StartsWith("air can't be parsed:\n"));
  CHECK_THAT(report, Contains("error: this float is too big, a float could contain less than 12 digits\n"));
  CHECK_THAT(report, Contains("--> 1:5\n"));
  CHECK_THAT(report, Contains("(ap 3.1415926535 x)\n"));
  CHECK_THAT(report, Contains("|     ^^^^^^^^^^^^\n"));
}
