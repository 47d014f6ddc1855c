// Tests of src/data/json*.{h,cpp}: serde_json's number parse, canonical writing, reading rules.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "data/cid.h"
#include "data/json_number.h"
#include "data/json_text.h"

using namespace airvm::data;

namespace {

// The canonical text of a JSON text, or "error: <serde display>".
std::string canonical(std::string_view text) {
  JsonRead r = read_json(text);
  if (!r.ok) return "error: " + r.error.display();
  return to_json_text(r.value);
}

}  // namespace

TEST_CASE("numbers are written as the original writes them (data-format.md 3.3)") {
  CHECK(canonical("1e5") == "100000.0");
  CHECK(canonical("1e15") == "1000000000000000.0");
  CHECK(canonical("3.0e2") == "300.0");
  CHECK(canonical("-1.0") == "-1.0");
  CHECK(canonical("2.5") == "2.5");
  CHECK(canonical("12345678.9") == "12345678.9");
  CHECK(canonical("4.35") == "4.35");
  CHECK(canonical("1.23e-5") == "0.0000123");
  CHECK(canonical("0.1") == "0.1");
  CHECK(canonical("0.30000000000000004") == "0.30000000000000004");
  CHECK(canonical("1e16") == "1e16");
  CHECK(canonical("1e100") == "1e100");
  CHECK(canonical("0.000001") == "1e-6");
  CHECK(canonical("5e-324") == "5e-324");
  CHECK(canonical("1.5e-7") == "1.5e-7");
  CHECK(canonical("18446744073709551616") == "1.8446744073709552e19");
  CHECK(canonical("-0") == "-0.0");
  CHECK(canonical("0") == "0");
  CHECK(canonical("0.0") == "0.0");
  CHECK(canonical("1E5") == "100000.0");
  CHECK(canonical("1e+5") == "100000.0");
  CHECK(canonical("18446744073709551615") == "18446744073709551615");
  CHECK(canonical("-9223372036854775808") == "-9223372036854775808");
  CHECK(canonical("-9223372036854775809") == "-9.223372036854776e18");
  CHECK(canonical("123456789012345678901234567890") == "1.2345678901234568e29");
  CHECK(canonical("1.7976931348623157e308") == "1.7976931348623157e308");
  CHECK(canonical("1e-400") == "0.0");
  CHECK(canonical("[1.10, 2.000]") == "[1.1,2.0]");
}

TEST_CASE("number parsing is serde_json's, not correctly rounded") {
  CHECK(canonical("1.08e-27") == "1.0800000000000001e-27");
  CHECK(canonical("6.19960823e-28") == "6.199608229999999e-28");
  CHECK(canonical("2.8987563526923902e-7") == "2.8987563526923905e-7");
}

TEST_CASE("numbers out of range are errors with serde_json's position") {
  CHECK(canonical("1e400") == "error: number out of range at line 1 column 5");
  CHECK(canonical("-1e400") == "error: number out of range at line 1 column 6");
}

TEST_CASE("object keys are sorted by UTF-8 bytes and the last duplicate wins") {
  CHECK(canonical(R"({"b":1,"a":2,"B":3,"é":4,"z":5,"aa":6,"":7,"😀":8,"\uffff":9})") ==
        "{\"\":7,\"B\":3,\"a\":2,\"aa\":6,\"b\":1,\"z\":5,\"é\":4,\"\xef\xbf\xbf\":9,\"😀\":8}");
  CHECK(canonical(R"({"a":1,"a":2})") == R"({"a":2})");
}

TEST_CASE("strings are escaped as serde_json escapes them") {
  CHECK(canonical(R"("\u0000\u000b\u001f\b\t\n\f\r\"\\\/")") == R"("\u0000\u000b\u001f\b\t\n\f\r\"\\/")");
  CHECK(canonical("\"\x7f\xe2\x80\xa8\"") == "\"\x7f\xe2\x80\xa8\"");
  CHECK(canonical(R"("\ud83d\ude00")") == "\"😀\"");
}

TEST_CASE("malformed JSON is refused in serde_json's words") {
  CHECK(canonical("") == "error: EOF while parsing a value at line 1 column 0");
  CHECK(canonical(" ") == "error: EOF while parsing a value at line 1 column 1");
  CHECK(canonical("x") == "error: expected value at line 1 column 1");
  CHECK(canonical("[1] x") == "error: trailing characters at line 1 column 5");
  CHECK(canonical("{\"ab") == "error: EOF while parsing a string at line 1 column 4");
  CHECK(canonical("[1,") == "error: EOF while parsing a value at line 1 column 3");
  CHECK(canonical("[1") == "error: EOF while parsing a list at line 1 column 2");
  CHECK(canonical("{\"a\":1") == "error: EOF while parsing an object at line 1 column 6");
  CHECK(canonical("[1,]") == "error: trailing comma at line 1 column 4");
  CHECK(canonical("01") == "error: invalid number at line 1 column 2");
  CHECK(canonical("\"\x01\"") == "error: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 2");
}

TEST_CASE("nesting beyond 127 levels is a recursion limit error") {
  CHECK(canonical(std::string(127, '[') + std::string(127, ']')).size() == 254);
  CHECK(canonical(std::string(128, '[') + std::string(128, ']')) ==
        "error: recursion limit exceeded at line 1 column 128");
  CHECK(canonical(std::string(100000, '[')) == "error: recursion limit exceeded at line 1 column 128");
}

TEST_CASE("values remember where they stand in the text") {
  JsonRead r = read_json(R"( {"a": [1, "x"]} )");
  REQUIRE(r.ok);
  CHECK(r.value.source_begin() == 1);
  CHECK(r.value.source_end() == 16);
  const Json* a = r.value.find("a");
  REQUIRE(a);
  CHECK(a->source_begin() == 7);
  CHECK(a->source_end() == 15);
  CHECK(a->items()[0].source_end() == 9);
}

TEST_CASE("lone surrogate escapes are refused as serde_json refuses them") {
  CHECK(canonical(R"("\ud800")") == "error: unexpected end of hex escape at line 1 column 8");
  CHECK(canonical(R"("\ud800\u0041")") == "error: lone leading surrogate in hex escape at line 1 column 13");
  CHECK(canonical(R"("\udc00")").rfind("error: lone leading surrogate in hex escape", 0) == 0);
}

TEST_CASE("6,000 random numbers read and write as the original reads and writes them, with its CIDs") {
  std::ifstream in(std::string(AIRVM_SOURCE_DIR) + "/tests/fixtures/numbers/numbers.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  JsonRead cases = read_json(text.str());
  REQUIRE(cases.ok);
  REQUIRE(cases.value.items().size() >= 60);
  size_t numbers = 0;
  for (const Json& c : cases.value.items()) {
    const std::string& input = c.find("input")->as_string();
    INFO(input);
    REQUIRE(c.find("stored")->is_string());
    std::string stored = canonical(input);
    CHECK(stored == c.find("stored")->as_string());
    CHECK(cid_of(stored) == c.find("cid")->as_string());
    numbers += read_json(input).value.items().size();
  }
  CHECK(numbers >= 6000);
}
