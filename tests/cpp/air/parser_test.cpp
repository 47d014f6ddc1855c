// Syntax (language.md 2.1, 2.2): every instruction form, which operands each position accepts,
// the AST that comes out, and the conformance cases of 6.1.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// One row of an operand table: what stands at the position, and whether the grammar takes it.
struct Row {
  const char* operand;
  bool accepted;
};

// Checks every row of `rows` with the operand put in place of `@` in `form`; names are defined
// beforehand (with_names), so only the grammar decides. A rejection must be a parse error.
void check_position(const std::string& form, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    std::string script = form;
    script.replace(script.find('@'), 1, row.operand);
    script = with_names(script);
    INFO(script);
    ParseResult result = parse(script);
    if (row.accepted) {
      CHECK(result.errors.empty());
    } else {
      REQUIRE(result.errors.size() == 1);
      CHECK_THAT(result.errors[0].message, StartsWith("unexpected token"));
    }
  }
}

// The operation of the root instruction of a script that must parse.
Op root_op(const std::string& src) { return ast_of(src).root().op; }

// The operation of the last instruction in source order.
Op last_op(const std::string& src) {
  Ast ast = ast_of(src);
  return ast.nodes.back().op;
}

}  // namespace

// --- 2.1 instruction forms ----------------------------------------------------------------------

TEST_CASE("every instruction form of the instruction set parses to its own AST variant", "[parser]") {
  CHECK(root_op(R"((call "p" ("s" "f") []))") == Op::Call);
  CHECK(root_op(R"((call "p" ("s" "f") ["a" 1] out))") == Op::Call);
  CHECK(root_op(R"((call "p" ("s" "f") [] $out))") == Op::Call);
  CHECK(root_op(R"((canon "p" $s #c))") == Op::Canon);
  CHECK(root_op(R"((canon "p" %m #%m))") == Op::CanonMap);
  CHECK(root_op(R"((canon "p" %m scalar))") == Op::CanonStreamMapScalar);
  CHECK(root_op("(ap 1 x)") == Op::Ap);
  CHECK(root_op("(ap 1 $s)") == Op::Ap);
  CHECK(root_op(R"((ap ("k" 1) %m))") == Op::ApMap);
  CHECK(root_op("(seq (null) (null))") == Op::Seq);
  CHECK(root_op("(par (null) (null))") == Op::Par);
  CHECK(root_op("(xor (null) (null))") == Op::Xor);
  CHECK(root_op("(match 1 2 (null))") == Op::Match);
  CHECK(root_op("(mismatch 1 2 (null))") == Op::MisMatch);
  CHECK(root_op("(fold [] i (null))") == Op::FoldScalar);
  CHECK(root_op("(fold [] i (null) (null))") == Op::FoldScalar);
  CHECK(last_op("(seq (ap 1 $s) (fold $s i (next i)))") == Op::Next);
  CHECK(ast_of("(seq (ap 1 $s) (fold $s i (next i)))").nodes[2].op == Op::FoldStream);
  CHECK(ast_of(R"((seq (ap ("k" 1) %m) (fold %m i (next i))))").nodes[2].op == Op::FoldStreamMap);
  CHECK(root_op("(new x (null))") == Op::New);
  CHECK(root_op(R"((fail 1 "m"))") == Op::Fail);
  CHECK(root_op("(never)") == Op::Never);
  CHECK(root_op("(null)") == Op::Null);
}

TEST_CASE("a call's output is optional and its argument list may be empty", "[parser]") {
  Ast ast = ast_of(R"((call "p" ("s" "f") []))");
  CHECK(ast.root().args_count == 0);
  CHECK(ast.root().out == kNone);
  Ast with_out = ast_of(R"((call "p" ("s" "f") [1 2 3] $out))");
  CHECK(with_out.root().args_count == 3);
  CHECK(with_out.values[with_out.root().out].kind == ValueKind::Stream);
}

TEST_CASE("a fold over $s is a stream fold, over %m a stream-map fold, otherwise a scalar fold", "[parser]") {
  auto fold_op = [](const std::string& iterable) {
    Ast ast = ast_of(with_names("(fold " + iterable + " i (null))"));
    for (const Node& n : ast.nodes) {
      if (n.op == Op::FoldScalar || n.op == Op::FoldStream || n.op == Op::FoldStreamMap) return n.op;
    }
    FAIL("no fold");
    return Op::Null;
  };
  CHECK(fold_op("$s") == Op::FoldStream);
  CHECK(fold_op("%m") == Op::FoldStreamMap);
  CHECK(fold_op("x") == Op::FoldScalar);
  CHECK(fold_op("x.$.a") == Op::FoldScalar);
  CHECK(fold_op("#c") == Op::FoldScalar);
  CHECK(fold_op("#$c") == Op::FoldScalar);
  CHECK(fold_op("#%m") == Op::FoldScalar);
  CHECK(fold_op("#%m.$.k") == Op::FoldScalar);
  CHECK(fold_op("[]") == Op::FoldScalar);
}

TEST_CASE("a fold's optional second instruction is its last instruction", "[parser]") {
  Ast with_last = ast_of("(seq (ap 1 $s) (fold $s i (next i) (never)))");
  const Node& fold = with_last.nodes[2];
  REQUIRE(fold.op == Op::FoldStream);
  CHECK(with_last.nodes[fold.first].op == Op::Next);
  REQUIRE(fold.second != kNone);
  CHECK(with_last.nodes[fold.second].op == Op::Never);
  CHECK_THAT(shape("(seq (ap 1 $s) (fold $s i (next i) (never)))"), Contains(R"("last":{"instruction":"never"})"));

  Ast without_last = ast_of("(seq (ap 1 $s) (fold $s i (next i)))");
  CHECK(without_last.nodes[2].second == kNone);
  CHECK_THAT(shape("(seq (ap 1 $s) (fold $s i (next i)))"), Contains(R"("last":null)"));
}

TEST_CASE("canon picks its variant from its source and target", "[parser]") {
  CHECK(shape(R"((canon "p" $s #c))") ==
        R"({"instruction":"canon","peer":{"kind":"literal","value":"p"},"source":{"kind":"stream","name":"$s"},)"
        R"("target":{"kind":"canon_stream","name":"#c"}})");
  CHECK(shape(R"((canon "p" $s #$c))") ==
        R"({"instruction":"canon","peer":{"kind":"literal","value":"p"},"source":{"kind":"stream","name":"$s"},)"
        R"("target":{"kind":"canon_stream","name":"#$c"}})");
  CHECK(shape(R"((canon %init_peer_id% %m #%m))") ==
        R"({"instruction":"canon_map","peer":{"kind":"init_peer_id"},"source":{"kind":"stream_map","name":"%m"},)"
        R"("target":{"kind":"canon_stream_map","name":"#%m"}})");
  CHECK(shape(R"((canon "p" %m sc))") ==
        R"({"instruction":"canon_stream_map_scalar","peer":{"kind":"literal","value":"p"},)"
        R"("source":{"kind":"stream_map","name":"%m"},"target":{"kind":"scalar","name":"sc"}})");
}

TEST_CASE("ap with a parenthesised key and value writes to a stream map", "[parser]") {
  CHECK(shape(R"((ap ("k" 1) %m))") ==
        R"({"instruction":"ap_map","key":{"kind":"literal","value":"k"},"value":{"kind":"int","value":1},)"
        R"("map":{"kind":"stream_map","name":"%m"}})");
  CHECK(shape(R"((seq (ap 1 x) (ap (-42 x.$.a) %m)))") ==
        R"({"instruction":"seq","first":{"instruction":"ap","argument":{"kind":"int","value":1},)"
        R"("output":{"kind":"scalar","name":"x"}},"second":{"instruction":"ap_map","key":{"kind":"int","value":-42},)"
        R"("value":{"kind":"scalar","name":"x","lens":{"kind":"path","accessors":[{"field":"a"}],"flatten":false}},)"
        R"("map":{"kind":"stream_map","name":"%m"}}})");
}

TEST_CASE("fail has four forms", "[parser]") {
  CHECK(shape(R"((fail 1337 "error message"))") ==
        R"({"instruction":"fail","form":"literal","code":{"kind":"int","value":1337},)"
        R"("message":{"kind":"literal","value":"error message"}})");
  CHECK(shape("(fail %last_error%)") == R"({"instruction":"fail","form":"last_error"})");
  CHECK(shape("(fail :error:)") == R"({"instruction":"fail","form":"error"})");
  CHECK(shape("(new x (fail x))") ==
        R"({"instruction":"new","variable":{"kind":"scalar","name":"x"},)"
        R"("body":{"instruction":"fail","form":"value","value":{"kind":"scalar","name":"x"}}})");
  Ast lens = ast_of("(new #$c (fail #$c.$.[0]))");
  CHECK(lens.nodes[1].fail_kind == FailKind::Value);
  CHECK(ast_of("(fail -1 \"m\")").root().fail_kind == FailKind::Literal);
}

TEST_CASE("values keep their kind, their name and their parsed literal", "[parser]") {
  CHECK(shape(R"((call %init_peer_id% ("s" "f") [1 -2 1.5 true false [] "l" %timestamp% %ttl% %last_error% :error:]))") ==
        R"({"instruction":"call","peer":{"kind":"init_peer_id"},"service":{"kind":"literal","value":"s"},)"
        R"("function":{"kind":"literal","value":"f"},"arguments":[{"kind":"int","value":1},{"kind":"int","value":-2},)"
        R"({"kind":"float","value":1.5},{"kind":"bool","value":true},{"kind":"bool","value":false},)"
        R"({"kind":"empty_array"},{"kind":"literal","value":"l"},{"kind":"timestamp"},{"kind":"ttl"},)"
        R"({"kind":"last_error"},{"kind":"error"}],"output":null})");
}

TEST_CASE("lenses appear in the AST as accessors", "[parser]") {
  const std::string json = shape("(new k (new x (match x.$.a[0].[k]! x.length (null))))");
  CHECK_THAT(json, Contains(R"("left":{"kind":"scalar","name":"x","lens":{"kind":"path","accessors":[{"field":"a"},)"
                            R"({"index":0},{"scalar":"k"}],"flatten":true}})"));
  CHECK_THAT(json, Contains(R"("right":{"kind":"scalar","name":"x","lens":{"kind":"length"}})"));
}

TEST_CASE("spans run from an instruction's ( to its )", "[parser]") {
  Ast ast = ast_of("(seq  (null)\n (never) )");
  CHECK(ast.root().span.begin == 0);
  CHECK(ast.root().span.end == 23);
  CHECK(ast.nodes[1].span.begin == 6);
  CHECK(ast.nodes[1].span.end == 12);
  CHECK(ast.nodes[2].span.begin == 14);
  CHECK(ast.nodes[2].span.end == 21);
}

// --- 2.2 operands, position by position ----------------------------------------------------------

TEST_CASE("a call's peer is %init_peer_id%, a literal, a scalar, or a canon with a lens", "[parser][grammar]") {
  check_position(R"((call @ ("s" "f") []))", {
      {"%init_peer_id%", true}, {"\"p\"", true}, {"x", true}, {"x.$.a", true}, {"x.length", true},
      {"#cs.$.[0]", true}, {"#$c.$.[0]", true}, {"#%m.$.k", true},
      {"#c", false}, {"#$c", false}, {"#%m", false}, {"$s", false}, {"%m", false},
      {"%last_error%", false}, {"%last_error%.$.peer_id", false}, {":error:", false},
      {":error:.$.peer_id", false}, {"%timestamp%", false}, {"%ttl%", false}, {"42", false},
      {"1.5", false}, {"true", false}, {"[]", false}, {"$st.$.a", false},
  });
}

TEST_CASE("a call's service and function are a literal, a scalar, or a canon with a lens", "[parser][grammar]") {
  const std::vector<Row> rows = {
      {"\"s\"", true}, {"x", true}, {"x.$.a", true}, {"#$c.$.[0]", true}, {"#cs.$.[0]", true},
      {"#%m.$.k", true},
      {"%init_peer_id%", false}, {"#c", false}, {"#%m", false}, {"$s", false}, {"%m", false},
      {"%last_error%", false}, {":error:.$.message", false}, {"%timestamp%", false}, {"42", false},
      {"true", false}, {"[]", false},
  };
  check_position(R"((call "p" (@ "f") []))", rows);
  check_position(R"((call "p" ("s" @) []))", rows);
}

TEST_CASE("a call argument and a match operand are any value but a stream or a stream map", "[parser][grammar]") {
  const std::vector<Row> rows = {
      {"%init_peer_id%", true}, {"%last_error%", true}, {"%last_error%.$.message", true},
      {"%last_error%.length", true}, {":error:", true}, {":error:.$.error_code", true},
      {"\"lit\"", true}, {"\"\"", true}, {"%timestamp%", true}, {"%ttl%", true}, {"42", true},
      {"-1", true}, {"1.5", true}, {"true", true}, {"false", true}, {"[]", true}, {"x", true},
      {"x.$.a", true}, {"x.length", true}, {"#c", true}, {"#$c", true}, {"#$c.$.[0]", true},
      {"#%m", true}, {"#%m.$.k", true}, {"#%m.length", true},
      {"$s", false}, {"%m", false}, {"$st.$.a", false}, {"%mp.$.k", false},
  };
  check_position(R"((call "p" ("s" "f") [@]))", rows);
  check_position("(match @ 1 (null))", rows);
  check_position("(match 1 @ (null))", rows);
  check_position("(mismatch @ 1 (null))", rows);
  check_position("(mismatch 1 @ (null))", rows);
}

TEST_CASE("an ap argument is a value but not a bare canon map", "[parser][grammar]") {
  const std::vector<Row> rows = {
      {"%init_peer_id%", true}, {"%last_error%", true}, {"%last_error%.$.message", true},
      {":error:", true}, {":error:.$.message", true}, {"\"lit\"", true}, {"%timestamp%", true},
      {"%ttl%", true}, {"42", true}, {"1.5", true}, {"true", true}, {"[]", true}, {"x", true},
      {"x.$.a", true}, {"x.length", true}, {"#c", true}, {"#$c.$.[0]", true}, {"#%m.$.k", true},
      {"#%m.length", true},
      {"#%m", false}, {"$s", false}, {"%m", false}, {"$st.$.a", false},
  };
  check_position("(ap @ out)", rows);
  check_position(R"((ap ("k" @) %m))", rows);  // an ap-map value is an ap argument
}

TEST_CASE("a call or ap output is a scalar or a stream", "[parser][grammar]") {
  const std::vector<Row> rows = {
      {"out", true}, {"$out", true},
      {"#c", false}, {"#$c", false}, {"#%m", false}, {"%m", false}, {"x.$.a", false},
      {"\"lit\"", false}, {"42", false}, {"%last_error%", false}, {"%init_peer_id%", false},
  };
  check_position(R"((call "p" ("s" "f") [] @))", rows);
  check_position("(ap 1 @)", rows);
}

TEST_CASE("an ap-map key is a literal, an integer, a scalar, or a canon stream with a lens", "[parser][grammar]") {
  check_position(R"((ap (@ "v") %m))", {
      {"\"k\"", true}, {"42", true}, {"-42", true}, {"x", true}, {"x.$.a", true},
      {"#$c.$.[0]", true}, {"#cs.$.[0]", true},
      {"1.5", false}, {"true", false}, {"[]", false}, {"#c", false}, {"#%m", false},
      {"#%m.$.k", false}, {"%init_peer_id%", false}, {"%last_error%", false}, {":error:", false},
      {"%timestamp%", false}, {"$s", false}, {"%m", false},
  });
}

TEST_CASE("an ap-map target is a stream map", "[parser][grammar]") {
  check_position(R"((ap ("k" 1) @))", {
      {"%m", true},
      {"$s", false}, {"x", false}, {"#%m", false}, {"#c", false},
  });
}

TEST_CASE("a canon peer is a peer id", "[parser][grammar]") {
  check_position("(canon @ $s #c)", {
      {"%init_peer_id%", true}, {"\"p\"", true}, {"x", true}, {"x.$.a", true}, {"#$c.$.[0]", true},
      {"#%m.$.k", true},
      {"#c", false}, {"$s", false}, {"42", false}, {"%last_error%", false},
  });
}

TEST_CASE("canon turns a stream into a canon stream and a map into a canon map or a scalar", "[parser][grammar]") {
  check_position(R"((canon "p" $s @))", {
      {"#c", true}, {"#$c", true},
      {"#%m", false}, {"x", false}, {"$s", false}, {"%m", false}, {"#$c.$.[0]", false},
  });
  check_position(R"((canon "p" %m @))", {
      {"#%m", true}, {"sc", true},
      {"#c", false}, {"#$c", false}, {"$s", false}, {"%m", false}, {"x.$.a", false},
  });
  check_position(R"((canon "p" @ #c))", {
      {"$s", true},
      {"x", false}, {"#c", false}, {"\"s\"", false}, {"$st.$.a", false},
  });
}

TEST_CASE("a fold iterates over a scalar, [], a canon, a canon map, a stream or a stream map", "[parser][grammar]") {
  check_position("(fold @ i (null))", {
      {"x", true}, {"x.$.a", true}, {"x.length", true}, {"[]", true}, {"#c", true}, {"#$c", true},
      {"#%m", true}, {"#%m.$.k", true}, {"$s", true}, {"%m", true},
      {"#$c.$.[0]", false}, {"#cs.$.[0]", false}, {"\"lit\"", false}, {"42", false},
      {"%last_error%", false}, {":error:", false}, {"%init_peer_id%", false}, {"true", false},
      {"$st.$.a", false}, {"%mp.$.k", false},
  });
}

TEST_CASE("an iterator is a scalar name without a lens", "[parser][grammar]") {
  const std::vector<Row> rows = {
      {"i", true},
      {"$i", false}, {"i.$.a", false}, {"\"i\"", false}, {"#i", false}, {"%i", false}, {"1", false},
  };
  check_position("(fold x @ (null))", rows);
  check_position("(fold x i (next @))", {{"i", true}, {"$i", false}, {"i.$.a", false}, {"\"i\"", false}});
}

TEST_CASE("new takes a variable of any kind without a lens", "[parser][grammar]") {
  check_position("(new @ (null))", {
      {"y", true}, {"$t", true}, {"%n", true}, {"#d", true}, {"#$d", true}, {"#%n", true},
      {"x.$.a", false}, {"#$c.$.[0]", false}, {"\"lit\"", false}, {"42", false},
      {"%last_error%", false}, {":error:", false}, {"%init_peer_id%", false}, {"[]", false},
  });
}

TEST_CASE("fail takes a scalar, a canon stream with a lens, a code and a literal, or an error", "[parser][grammar]") {
  check_position("(fail @)", {
      {"x", true}, {"x.$.a", true}, {"#$c.$.[0]", true}, {"#cs.$.[0]", true},
      {"%last_error%", true}, {":error:", true}, {"1337 \"m\"", true}, {"-1 \"m\"", true},
      {"%last_error%.$.message", false}, {":error:.$.message", false}, {"1 x", false},
      {"1.5 \"x\"", false}, {"1", false}, {"\"m\"", false}, {"#c", false}, {"#$c", false},
      {"#%m", false}, {"#%m.$.k", false}, {"$s", false}, {"%m", false}, {"%init_peer_id%", false},
      {"true", false}, {"[]", false},
  });
}

TEST_CASE("the notable rejections of the grammar are parse errors", "[parser][grammar]") {
  for (const char* script : {
           R"((call "p" ("s" "f") [$s]))",
           R"((call #c ("s" "f") []))",
           "(ap #%m x)",
           "(fold #$c.$.[0] i (null))",
           "(fail %last_error%.$.message)",
           "(fail 1 msg_var)",
           R"((fail 1.5 "x"))",
           R"((canon "p" $s scalar))",
           R"((call "p" ("s" "f") [] #c))",
           R"((call "p" ("s" "f") [] #%m))",
           R"((call "p" ("s" "f") [] %m))",
           "(ap 1 #c)",
           "(ap 1 #%m)",
           "(ap 1 %m)",
           "(ap (k v) $s)",
       }) {
    std::string wrapped = with_names(script);
    INFO(wrapped);
    CHECK_THAT(only_error(wrapped), StartsWith("unexpected token"));
  }
}

// --- parser errors ------------------------------------------------------------------------------

TEST_CASE("an unexpected token is reported where it stands", "[parser]") {
  CHECK_THAT(only_error("(null x)"), StartsWith("unexpected token `x`"));
  CHECK(position("(null x)") == "1:7");
  CHECK_THAT(only_error("(foo)"), StartsWith("unexpected token `foo`"));
  CHECK(position("(foo)") == "1:2");
  CHECK_THAT(only_error("()"), StartsWith("unexpected token `)`"));
  CHECK(position("(seq\n  (null)\n  x)") == "3:3");
}

TEST_CASE("an instruction missing its ) is an unexpected end of input", "[parser]") {
  CHECK_THAT(only_error("(seq (null) (null)"), StartsWith("unexpected end of input"));
  CHECK_THAT(only_error("(seq (null) (null)"), Contains("')'"));
  CHECK(position("(seq (null) (null)") == "1:19");
  CHECK(position("(null") == "1:6");
  CHECK(position("(seq\n (null)\n (null)\n") == "4:1");
}

TEST_CASE("an instruction with too many or too few children is rejected", "[parser]") {
  CHECK_THAT(only_error("(seq (null) (null) (null))"), StartsWith("unexpected token `(`"));
  CHECK(position("(seq (null) (null) (null))") == "1:20");
  CHECK_THAT(only_error("(seq (null))"), StartsWith("unexpected token `)`"));
  CHECK(position("(seq (null))") == "1:12");
  CHECK(position("(fold [] i (null) (null) (null))") == "1:26");
  CHECK(position("(new x)") == "1:7");
  CHECK(position("(match 1 2)") == "1:11");
  CHECK(position("(never (null))") == "1:8");
}

TEST_CASE("a script is exactly one instruction", "[parser]") {
  CHECK_THAT(only_error("(null) (null)"), Contains("a script is exactly one instruction"));
  CHECK(position("(null) (null)") == "1:8");
  CHECK_THAT(only_error("(null))"), Contains("a script is exactly one instruction"));
  CHECK(position("(null)\n\n  x") == "3:3");
}

TEST_CASE("a script must start with an instruction", "[parser]") {
  CHECK_THAT(only_error("null"), StartsWith("unexpected token `null`"));
  CHECK_THAT(only_error("x"), StartsWith("unexpected token"));
  CHECK_THAT(only_error("\"x\""), StartsWith("unexpected token"));
  CHECK(position("  )") == "1:3");
}

TEST_CASE("empty input is an unexpected end of input", "[parser]") {
  CHECK_THAT(only_error(""), StartsWith("unexpected end of input"));
  CHECK(position("") == "1:1");
}

TEST_CASE("an instruction cut off in its operands is an unexpected end of input", "[parser]") {
  CHECK_THAT(only_error("(call \"p\" (\"s\""), StartsWith("unexpected end of input"));
  CHECK_THAT(only_error("(fold"), StartsWith("unexpected end of input"));
  CHECK_THAT(only_error("(ap"), StartsWith("unexpected end of input"));
  CHECK(position("(ap 1") == "1:6");
}

TEST_CASE("a malformed call reports the first token out of place", "[parser]") {
  CHECK(position(R"((call "p" "s" "f" []))") == "1:11");
  CHECK(position(R"((call "p" ("s") []))") == "1:15");
  CHECK(position(R"((call "p" ("s" "f")))") == "1:20");
  CHECK(position(R"((call "p" ("s" "f") [] x y))") == "1:26");
  CHECK(position(R"((fail 1))") == "1:8");
}

// --- 6.1 conformance cases ----------------------------------------------------------------------

TEST_CASE("6.1.1 a string literal has no escapes, so the rest of it is an invalid name", "[parser][conformance]") {
  const char* script = R"((call "I" ("s" "f") ["a\"b"]))";
  CHECK(only_error(script) == "only alphanumeric, '_', and '-' characters are allowed in this position");
  CHECK(position(script) == "1:26");
}

TEST_CASE("6.1.2 a keyword glued to ( is not a keyword", "[parser][conformance]") {
  CHECK_THAT(only_error("(seq(null) (null))"), StartsWith("unexpected token `seq(null)`"));
  CHECK(position("(seq(null) (null))") == "1:2");
}

TEST_CASE("6.1.3 a float may be written with at most 11 characters", "[parser][conformance]") {
  CHECK(parses("(ap 3.141592653 x)"));
  CHECK(only_error("(ap 3.1415926535 x)") == "this float is too big, a float could contain less than 12 digits");
  CHECK(position("(ap 3.1415926535 x)") == "1:5");
  CHECK(only_error("(ap -3.141592653 x)") == "this float is too big, a float could contain less than 12 digits");
}

TEST_CASE("6.1.4 a leading dot and a bad digit after the dot are lexer errors", "[parser][conformance]") {
  const std::string leading =
      "leading dot without any symbols before - please write 0 if it's float or variable name if it's a lambda";
  CHECK(only_error("(ap .5 x)") == leading);
  CHECK(position("(ap .5 x)") == "1:5");
  CHECK(only_error("(ap +.5 x)") == leading);
  CHECK(only_error("(ap 1.5a x)") == "a digit could contain only digits or one dot");
  CHECK(only_error("(ap 12.$x x)") == "a digit could contain only digits or one dot");
  CHECK(position("(ap 12.$x x)") == "1:5");
}

TEST_CASE("6.1.5 names that look like numbers are scalars", "[parser][conformance]") {
  Ast ast = ast_of(R"((call "I" ("s" "f") [] 1st-result))");
  CHECK(ast.name(ast.values[ast.root().out].name) == "1st-result");
  CHECK(parses(R"((seq (call "I" ("s" "f") [] -relay-) (call -relay- ("s" "f") [])))"));
}

TEST_CASE("6.1.6 #c and #$c are different canon streams", "[parser][conformance]") {
  const char* script = R"((seq (canon "P" $s #c) (call "P" ("s" "f") [#$c])))";
  CHECK(only_error(script) == "variable '#$c' wasn't defined");
  CHECK(position(script) == "1:45");
}

TEST_CASE("6.1.7 streams are not values", "[parser][conformance]") {
  const char* script = R"((seq (ap 1 $s) (call "P" ("s" "f") [$s])))";
  CHECK_THAT(only_error(script), StartsWith("unexpected token `$s`"));
  CHECK(position(script) == "1:37");
  CHECK(parses(R"((seq (ap 1 $s) (seq (canon "P" $s #s) (call "P" ("s" "f") [#s]))))"));
}

TEST_CASE("6.1.8 a canon stream without a lens is not a peer", "[parser][conformance]") {
  CHECK_THAT(only_error(R"((call #c ("s" "f") []))"), StartsWith("unexpected token `#c`"));
  CHECK(position(R"((call #c ("s" "f") []))") == "1:7");
  CHECK(parses(R"((seq (canon "P" $s #$c) (call #$c.$.[0] ("s" "f") [])))"));
}

TEST_CASE("6.1.9 a variable must be defined earlier in the text", "[parser][conformance]") {
  const char* script = R"((par (call "a" ("s" "f") [x]) (call "b" ("s" "f") [] x)))";
  CHECK(only_error(script) == "variable 'x' wasn't defined");
  CHECK(position(script) == "1:27");
  CHECK(parses(R"((par (call "b" ("s" "f") [] x) (call "a" ("s" "f") [x])))"));
}

TEST_CASE("6.1.10 a scalar inside a lens must be defined", "[parser][conformance]") {
  const char* script = R"((seq (call "" ("" "") [] v) (call "" ("" "") [v.$.[k]])))";
  CHECK(only_error(script) == "variable 'k' wasn't defined");
  CHECK(position(script) == "1:47");
}

TEST_CASE("6.1.11 next must stand inside a fold over its iterator", "[parser][conformance]") {
  const char* script = "(seq (ap [] arr) (fold arr i (next j)))";
  CHECK(only_error(script) == "iterable 'j' wasn't defined");
  CHECK(position(script) == "1:36");
}

TEST_CASE("6.1.12 nested folds may not share an iterator, sequential ones may", "[parser][conformance]") {
  const char* script = "(seq (ap [] a) (seq (ap [] b) (fold a i (seq (fold b i (next i)) (next i)))))";
  CHECK(only_error(script) == "multiple iterable values found for iterator name 'i'");
  CHECK(position(script) == "1:54");
  CHECK(parses("(seq (ap [] a) (seq (ap [] b) (seq (fold a i (next i)) (fold b i (next i)))))"));
}

TEST_CASE("6.1.13 a fold may have only one next", "[parser][conformance]") {
  const std::string two_nexts = "multiple next instructions for iterator 'i' found for one fold, that is prohibited";
  CHECK(only_error("(seq (ap [] a) (fold a i (seq (next i) (next i))))") == two_nexts);
  CHECK(position("(seq (ap [] a) (fold a i (seq (next i) (next i))))") == "1:40");
  CHECK(only_error("(seq (ap 1 $s) (fold $s i (seq (next i) (next i))))") == two_nexts);
  CHECK(position("(seq (ap 1 $s) (fold $s i (seq (next i) (next i))))") == "1:41");
}

TEST_CASE("6.1.14 new cannot be applied to an iterator", "[parser][conformance]") {
  const char* script = "(seq (ap [] a) (fold a i (new i (null))))";
  CHECK(only_error(script) == "new can't be applied to a 'i' because it's an iterator");
  CHECK(position(script) == "1:31");
}

TEST_CASE("6.1.15 fail with code 0 is rejected", "[parser][conformance]") {
  CHECK(only_error(R"((fail 0 "x"))") == "error code 0 with fail is unsupported");
  CHECK(position(R"((fail 0 "x"))") == "1:7");
}

TEST_CASE("6.1.16 an instruction after next in a stream fold is rejected only by the 0.62 rule", "[parser][conformance]") {
  const char* script = R"((seq (call "" ("" "") [] $s) (fold $s i (seq (next i) (call "" ("" "") ["x"] $v)))))";
  CHECK(only_error(script, strict()) == "fold can not have instructions after next");
  CHECK(position(script, strict()) == "1:41");
  CHECK(parses(script));  // 0.54
  const char* scalar = R"((seq (call "" ("" "") [] s) (fold s i (seq (next i) (call "" ("" "") ["x"] $v)))))";
  CHECK(parses(scalar, strict()));
  CHECK(parses(scalar));
  const char* in_xor = R"((seq (call "" ("" "") [] $s) (fold $s i (xor (next i) (call "" ("" "") ["x"] $v)))))";
  CHECK(parses(in_xor, strict()));
  CHECK(parses(in_xor));
}
