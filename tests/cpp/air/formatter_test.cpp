// Formatter: canonical layout, comments, idempotence, and parse(format(x)) == x.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"

using namespace airvm::air;
using namespace airvm::air::test;

namespace {

// Scripts covering every instruction form and every operand kind, written untidily.
const std::vector<std::string> kScripts = {
    "(null)",
    "(never)",
    R"((call "p" ("s" "f") []))",
    R"((call %init_peer_id% ("s" "f") [1 -2 +3 -0 007 1.5 +1.5 1. -0.25 true false [ ] "" "l;x" %timestamp% %ttl% %last_error% :error:] $out))",
    R"((new x (call x.$.peer ("s" "f") [x.$.a[0].b x.length %last_error%.$.message :error:.$.error_code] out)))",
    R"((new #$c (new #%m (call #$c.$.[0] (#%m.$.k #$c.$.[1]) [#$c #%m #%m.$.k! #%m.length]))))",
    R"((seq (canon "p" $s #c) (canon %init_peer_id% $s #$c)))",
    R"((seq (canon "p" %m #%m) (canon "p" %m scalar)))",
    "(seq (ap 1 x) (ap x.$.a $s))",
    R"((new x (ap (x.$.k "v") %m)))",
    R"((seq (ap (42 %last_error%.$.msg) %m) (ap (-1 :error:) %m)))",
    "(par (xor (null) (never)) (seq (null) (null)))",
    R"((match 1 "1" (mismatch true false (null))))",
    "(seq (ap [] arr) (fold arr i (seq (next i) (null)) (never)))",
    "(seq (ap 1 $s) (fold $s i (par (ap i $t) (next i))))",
    R"((seq (ap ("k" 1) %m) (fold %m i (next i) (null))))",
    R"((new #c (fold #c i (null))))",
    R"((new #%m (fold #%m.$.k i (null))))",
    "(fold [] i (null))",
    "(new $s (new %m (new #c (new #$c (new #%m (null))))))",
    R"((xor (fail 1337 "error message") (fail %last_error%)))",
    "(xor (null) (fail :error:))",
    "(new x (fail x.$.a))",
    "(new #$c (fail #$c.$.[0]))",
    "(seq (null) ; a comment\n (null))",
    "(call \"multi\nline\" (\"s\" \"f\") [])",
    "(seq (call \"a\nb\" (\"s\" \"f\") []) ; after a literal that spans lines\n (null))",
    "(ap\u00A01\u2003x)",
};

}  // namespace

TEST_CASE("a leaf instruction is one line ending with a newline", "[formatter]") {
  CHECK(formatted("(null)") == "(null)\n");
  CHECK(formatted("  ( never )  ") == "(never)\n");
  CHECK(formatted("(call  \"p\"\n (  \"s\"  \"f\" )\n [ 1  %last_error%.$[0] ]  out)") == "(call \"p\" (\"s\" \"f\") [1 %last_error%.$.[0]] out)\n");
}

TEST_CASE("children are indented one space per level and ) closes on its own line", "[formatter]") {
  CHECK(formatted("(seq (null) (par (never) (xor (null) (null))))") ==
        "(seq\n"
        " (null)\n"
        " (par\n"
        "  (never)\n"
        "  (xor\n"
        "   (null)\n"
        "   (null)\n"
        "  )\n"
        " )\n"
        ")\n");
}

TEST_CASE("operands of an instruction with children stay on its opening line", "[formatter]") {
  CHECK(formatted("(new $s (match  %init_peer_id%\n\"x\" (seq (ap 1 $s) (fold $s i (next i) (null)))))") ==
        "(new $s\n"
        " (match %init_peer_id% \"x\"\n"
        "  (seq\n"
        "   (ap 1 $s)\n"
        "   (fold $s i\n"
        "    (next i)\n"
        "    (null)\n"
        "   )\n"
        "  )\n"
        " )\n"
        ")\n");
}

TEST_CASE("every leaf form prints in its canonical text", "[formatter]") {
  CHECK(formatted(R"((canon  "p"  $s   #c))") == "(canon \"p\" $s #c)\n");
  CHECK(formatted(R"((canon "p" %m sc))") == "(canon \"p\" %m sc)\n");
  CHECK(formatted(R"((ap ( "k"  1 ) %m))") == "(ap (\"k\" 1) %m)\n");
  CHECK(formatted(R"((fail 1337  "error message"))") == "(fail 1337 \"error message\")\n");
  CHECK(formatted("(fail %last_error%)") == "(fail %last_error%)\n");
  CHECK(formatted("(fail :error:)") == "(fail :error:)\n");
  CHECK(formatted(R"((call "p" ("s" "f") [[ ] true %ttl%]))") == "(call \"p\" (\"s\" \"f\") [[] true %ttl%])\n");
}

TEST_CASE("numbers print as integers in decimal and floats as written", "[formatter]") {
  CHECK(formatted(R"((call "p" ("s" "f") [+5 -0 007 -12]))") == "(call \"p\" (\"s\" \"f\") [5 0 7 -12])\n");
  CHECK(formatted(R"((call "p" ("s" "f") [1.5 +1.5 1. -0.25 3.141592653]))") ==
        "(call \"p\" (\"s\" \"f\") [1.5 1.5 1. -0.25 3.141592653])\n");
}

TEST_CASE("two spellings of one float give one AST", "[formatter]") {
  CHECK(shape("(ap 1. x)") == shape("(ap 1.0 x)"));
  CHECK(shape("(ap +1.5 x)") == shape("(ap 1.50 x)"));
}

TEST_CASE("lenses print in normalised form", "[formatter]") {
  CHECK(formatted("(new x (ap x.$.a[0][x].b y))") ==
        "(new x\n"
        " (ap x.$.a.[0].[x].b y)\n"
        ")\n");
}

TEST_CASE("a comment on its own line is kept on its own line", "[formatter]") {
  CHECK(formatted("; header\n(seq\n  ; first\n  (null)\n     ; second\n  (null)\n  ; end of seq\n)\n; footer\n") ==
        "; header\n"
        "(seq\n"
        " ; first\n"
        " (null)\n"
        " ; second\n"
        " (null)\n"
        " ; end of seq\n"
        ")\n"
        "; footer\n");
}

TEST_CASE("a comment after code stays at the end of that line", "[formatter]") {
  CHECK(formatted("(seq ; the seq\n (null)   ; first\n (xor (null) (null)) ; the xor\n) ; done") ==
        "(seq ; the seq\n"
        " (null) ; first\n"
        " (xor\n"
        "  (null)\n"
        "  (null)\n"
        " ) ; the xor\n"
        ") ; done\n");
}

TEST_CASE("a comment inside a leaf instruction moves after it", "[formatter]") {
  CHECK(formatted("(seq\n (call \"p\" ; the peer\n   (\"s\" \"f\") [])\n (null))") ==
        "(seq\n"
        " (call \"p\" (\"s\" \"f\") []) ; the peer\n"
        " (null)\n"
        ")\n");
}

TEST_CASE("trailing blanks and carriage returns of a comment are dropped", "[formatter]") {
  CHECK(formatted("(seq ; c  \r\n (null)\r\n (null))\r\n") ==
        "(seq ; c\n"
        " (null)\n"
        " (null)\n"
        ")\n");
}

TEST_CASE("formatting keeps the AST", "[formatter]") {
  for (const std::string& script : kScripts) {
    INFO(script);
    const std::string text = formatted(script);
    INFO("formatted:\n" << text);
    CHECK(shape(text) == shape(script));
  }
}

TEST_CASE("formatting is idempotent", "[formatter]") {
  for (const std::string& script : kScripts) {
    INFO(script);
    const std::string once = formatted(script);
    CHECK(formatted(once) == once);
  }
}

TEST_CASE("formatting keeps every comment", "[formatter]") {
  const std::string script =
      "; a\n(seq ; b\n (call \"p\" ; c\n  (\"s\" \"f\") []) ; d\n ; e\n (fold [] i ; f\n  (null) ; g\n  ; h\n )) ; i\n; j";
  const std::string text = formatted(script);
  for (const char* comment : {"; a", "; b", "; c", "; d", "; e", "; f", "; g", "; h", "; i", "; j"}) {
    INFO(text);
    CHECK(text.find(comment) != std::string::npos);
  }
  CHECK(ast_of(text).comments.size() == 10);
  CHECK(formatted(text) == text);
  CHECK(shape(text) == shape(script));
}

TEST_CASE("without_spans leaves two layouts of one script equal", "[formatter]") {
  CHECK(without_spans(R"({"a":1,"span":{"begin":0,"end":3},"b":{"span":{"begin":1,"end":2}}})") ==
        R"({"a":1,"b":{}})");
  CHECK(shape("(seq (null) (null))") == shape("(seq\n  (null)\n  (null)\n)"));
  CHECK(to_json(ast_of("(seq (null) (null))")) != to_json(ast_of("(seq\n  (null)\n  (null)\n)")));
}
