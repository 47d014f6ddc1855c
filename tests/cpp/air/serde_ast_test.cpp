// AquaVM's `ast` export (src/air/serde_ast.h): the expected texts are what the original 0.54
// returned for the same scripts (tests/fixtures/ast holds them all; tests/js/ast.test.mjs
// compares every one).
#include <catch2/catch.hpp>

#include <string>

#include "air/serde_ast.h"

using airvm::air::ast_text;
using airvm::air::Diagnostic;
using airvm::air::serde_parse_report;
using airvm::air::Span;

TEST_CASE("instructions without operands are externally tagged unit structs and tuples", "[serde_ast]") {
  CHECK(ast_text("(null)") == R"({"Null":null})");
  CHECK(ast_text("(never)") == R"({"Never":null})");
  CHECK(ast_text("(seq (null) (par (never) (xor (null) (null))))") ==
        R"({"Seq":[{"Null":null},{"Par":[{"Never":null},{"Xor":[{"Null":null},{"Null":null}]}]}]})");
}

TEST_CASE("a call writes its triplet, its arguments by kind and its output", "[serde_ast]") {
  CHECK(ast_text(R"((call %init_peer_id% ("s" "f") [1 1.5 "x" true [] %timestamp% %ttl% :error: %last_error%.$.msg] $r))") ==
        R"({"Call":{"triplet":{"peer_id":"InitPeerId","service_id":{"Literal":"s"},"function_name":{"Literal":"f"}},)"
        R"("args":[{"Number":{"Int":1}},{"Number":{"Float":1.5}},{"Literal":"x"},{"Boolean":true},"EmptyArray","Timestamp","TTL",)"
        R"({"Error":{"lens":null}},{"LastError":{"ValuePath":[{"FieldAccessByName":{"field_name":"msg"}}]}}],)"
        R"("output":{"Stream":{"name":"$r","position":96}}}})");
  CHECK(ast_text(R"((call "p" ("s" "f") []))") ==
        R"({"Call":{"triplet":{"peer_id":{"Literal":"p"},"service_id":{"Literal":"s"},"function_name":{"Literal":"f"}},"args":[],"output":"None"}})");
}

TEST_CASE("variables carry their byte position; call arguments wrap them once more", "[serde_ast]") {
  CHECK(ast_text(R"((seq (call "é" ("s" "f") [] x) (call x ("s" "f") [x.$.[0] x.length])))") ==
        R"({"Seq":[{"Call":{"triplet":{"peer_id":{"Literal":"é"},"service_id":{"Literal":"s"},"function_name":{"Literal":"f"}},)"
        R"("args":[],"output":{"Scalar":{"name":"x","position":29}}}},{"Call":{"triplet":{"peer_id":{"Scalar":{"name":"x","position":38}},)"
        R"("service_id":{"Literal":"s"},"function_name":{"Literal":"f"}},"args":[{"VariableWithLambda":{"Scalar":{"name":"x",)"
        R"("lambda":{"ValuePath":[{"ArrayAccess":{"idx":0}}]},"position":51}}},{"VariableWithLambda":{"Scalar":{"name":"x",)"
        R"("lambda":{"Functor":"Length"},"position":59}}}],"output":"None"}}]})");
}

TEST_CASE("fold and new carry their span; a fold's missing last instruction is null", "[serde_ast]") {
  CHECK(ast_text("(new $s (fold $s i (next i)))") ==
        R"({"New":{"argument":{"Stream":{"name":"$s","position":5}},"instruction":{"FoldStream":{"iterable":{"name":"$s","position":14},)"
        R"("iterator":{"name":"i","position":17},"instruction":{"Next":{"iterator":{"name":"i","position":25}}},)"
        R"("last_instruction":null,"span":{"left":8,"right":28}}},"span":{"left":0,"right":29}}})");
  CHECK(ast_text("(fold [] i (next i) (null))") ==
        R"({"FoldScalar":{"iterable":"EmptyArray","iterator":{"name":"i","position":9},"instruction":{"Next":{"iterator":{"name":"i","position":17}}},)"
        R"("last_instruction":{"Null":null},"span":{"left":0,"right":27}}})");
}

TEST_CASE("ap to a map, canon and fail keep their field names", "[serde_ast]") {
  CHECK(ast_text(R"((ap (-7 "v") %m))") ==
        R"({"ApMap":{"key":{"Int":-7},"value":{"Literal":"v"},"map":{"name":"%m","position":13}}})");
  CHECK(ast_text(R"((canon "p" %m #%c))") ==
        R"({"CanonMap":{"peer_id":{"Literal":"p"},"stream_map":{"name":"%m","position":11},"canon_stream_map":{"name":"#%c","position":14}}})");
  CHECK(ast_text(R"((fail 5 "no"))") == R"({"Fail":{"Literal":{"ret_code":5,"error_message":"no"}}})");
  CHECK(ast_text("(fail %last_error%)") == R"({"Fail":"LastError"})");
  CHECK(ast_text("(fail :error:)") == R"({"Fail":"Error"})");
}

TEST_CASE("floats are printed as serde_json prints an f64", "[serde_ast]") {
  CHECK(ast_text("(ap 1. x)") == R"({"Ap":{"argument":{"Number":{"Float":1.0}},"result":{"Scalar":{"name":"x","position":7}}}})");
  CHECK(ast_text("(ap -0.0 x)") == R"({"Ap":{"argument":{"Number":{"Float":-0.0}},"result":{"Scalar":{"name":"x","position":9}}}})");
  CHECK(ast_text("(ap 0.000001 x)") == R"({"Ap":{"argument":{"Number":{"Float":1e-6}},"result":{"Scalar":{"name":"x","position":13}}}})");
  CHECK(ast_text("(ap 0.00001 x)") == R"({"Ap":{"argument":{"Number":{"Float":0.00001}},"result":{"Scalar":{"name":"x","position":12}}}})");
}

TEST_CASE("literals are escaped as serde_json escapes a string", "[serde_ast]") {
  CHECK(ast_text("(ap \"a\\b\n\t\x01\x7f\" x)") ==
        "{\"Ap\":{\"argument\":{\"Literal\":\"a\\\\b\\n\\t\\u0001\x7f\"},\"result\":{\"Scalar\":{\"name\":\"x\",\"position\":14}}}}");
}

TEST_CASE("a script that can't be parsed gives the original's report frame", "[serde_ast]") {
  // The label's text is airvm's own (language.md 2.6); the frame around it is the original's.
  CHECK_THAT(ast_text("(seq (null))"), Catch::Matchers::StartsWith("error: \n"
                                                                  "  ┌─ script.air:1:12\n"
                                                                  "  │\n"
                                                                  "1 │ (seq (null))\n"
                                                                  "  │            ^ "));
  CHECK_THAT(ast_text("(seq (null))"), Catch::Matchers::EndsWith("\n\n"));
}

TEST_CASE("a validator error labels the whole instruction, as the original does", "[serde_ast]") {
  CHECK(ast_text("(seq\n  (null)\n  (call x (\"s\" \"f\") [x]))") ==
        "error: \n"
        "  ┌─ script.air:3:3\n"
        "  │\n"
        "3 │   (call x (\"s\" \"f\") [x]))\n"
        "  │   ^^^^^^^^^^^^^^^^^^^^^^ variable 'x' wasn't defined\n"
        "\n");
}

// The original's reports for these scripts, rendered here from the same labels.
TEST_CASE("labels on one line hang below the carets, the last one beside them", "[serde_ast]") {
  const std::string script = R"((seq (ap 1 $s) (call "p" ("s" "f") [$s])))";
  CHECK(serde_parse_report(script, {Diagnostic{"expected A or B", Span{36, 38}}, Diagnostic{"expected <nothing>", Span{40, 41}}}) ==
        "error: \n"
        "  ┌─ script.air:1:37\n"
        "  │\n"
        "1 │ (seq (ap 1 $s) (call \"p\" (\"s\" \"f\") [$s]))\n"
        "  │                                     ^^  ^ expected <nothing>\n"
        "  │                                     │    \n"
        "  │                                     expected A or B\n"
        "\n");
}

TEST_CASE("labels on several lines: consecutive lines, then a hanging pair", "[serde_ast]") {
  const std::string script = "(seq\n(null)\n(null)\n(null)\n(null)\n(nul))";
  CHECK(serde_parse_report(script, {Diagnostic{"expected \")\"", Span{19, 20}}, Diagnostic{"expected \")\"", Span{26, 27}},
                                    Diagnostic{"expected \")\"", Span{33, 34}}, Diagnostic{"expected ap", Span{34, 37}},
                                    Diagnostic{"expected <nothing>", Span{38, 39}}}) ==
        "error: \n"
        "  ┌─ script.air:4:1\n"
        "  │\n"
        "4 │ (null)\n"
        "  │ ^ expected \")\"\n"
        "5 │ (null)\n"
        "  │ ^ expected \")\"\n"
        "6 │ (nul))\n"
        "  │ ^^^^ ^ expected <nothing>\n"
        "  │ ││    \n"
        "  │ │expected ap\n"
        "  │ expected \")\"\n"
        "\n");
}

TEST_CASE("a label over several lines is drawn down the gutter, long runs elided", "[serde_ast]") {
  const std::string after_call = "(call \"p\" (\"s\" \"f\") [] x) \"ab\ncd\nef";
  CHECK(serde_parse_report(after_call, {Diagnostic{"this string literal has unclosed quote", Span{26, 36}}}) ==
        "error: \n"
        "  ┌─ script.air:1:27\n"
        "  │  \n"
        "1 │   (call \"p\" (\"s\" \"f\") [] x) \"ab\n"
        "  │ ╭───────────────────────────^\n"
        "2 │ │ cd\n"
        "3 │ │ ef\n"
        "  │ ╰──^ this string literal has unclosed quote\n"
        "\n");
  const std::string long_literal = "\"ab\ncd\n\n\n\n\nef\n";
  CHECK(serde_parse_report(long_literal, {Diagnostic{"this string literal has unclosed quote", Span{0, 14}}}) ==
        "error: \n"
        "  ┌─ script.air:1:1\n"
        "  │  \n"
        "1 │ ╭ \"ab\n"
        "2 │ │ cd\n"
        "3 │ │ \n"
        "4 │ │ \n"
        "  · │\n"
        "7 │ │ ef\n"
        "8 │ │ \n"
        "  │ ╰^ this string literal has unclosed quote\n"
        "\n");
}
