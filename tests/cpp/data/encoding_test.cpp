// base58btc and base32 (RFC 4648) encodings.
#include <catch2/catch.hpp>

#include <string>

#include "data/encoding.h"

using namespace airvm::data;
using namespace std::string_literals;

TEST_CASE("base32 lowercase matches the RFC 4648 test vectors without padding", "[data][encoding]") {
  const auto [bytes, text] = GENERATE(table<const char*, const char*>({
      {"", ""},
      {"f", "my"},
      {"fo", "mzxq"},
      {"foo", "mzxw6"},
      {"foob", "mzxw6yq"},
      {"fooba", "mzxw6ytb"},
      {"foobar", "mzxw6ytboi"},
  }));
  CHECK(base32_lower(bytes) == text);
}

TEST_CASE("base32 uses the whole alphabet a-z2-7 for high bytes", "[data][encoding]") {
  CHECK(base32_lower("\xff\xff\xff\xff\xff"s) == "77777777");
  CHECK(base32_lower("\x00\x00\x00\x00\x00"s) == "aaaaaaaa");
  CHECK(base32_lower("\x00\x44\x32\x14\xc7\x42\x54\xb6\x35\xcf\x84\x65\x3a\x56\xd7\xc6\x75\xbe\x77\xdf"s) ==
        "abcdefghijklmnopqrstuvwxyz234567");
}

TEST_CASE("base58 encodes with the Bitcoin alphabet", "[data][encoding]") {
  CHECK(base58_encode("") == "");
  CHECK(base58_encode("hello world") == "StV1DL6CwTryKyV");
  CHECK(base58_encode("\x39") == "z");
  CHECK(base58_encode("\x3a") == "21");
  CHECK(base58_encode("\xff\xff") == "LUv");
}

TEST_CASE("base58 writes each leading zero byte as a 1", "[data][encoding]") {
  CHECK(base58_encode("\x00"s) == "1");
  CHECK(base58_encode("\x00\x00\x00"s) == "111");
  CHECK(base58_encode("\x00\x00\x28\x7f\xb4\xcd"s) == "11233QC4");
  CHECK(base58_encode("\x00\x01"s) == "12");
}

TEST_CASE("base58 decoding inverts encoding, leading zeros included", "[data][encoding]") {
  const std::string bytes = GENERATE(""s, "\x00"s, "\x00\x00\x28\x7f\xb4\xcd"s, "hello world"s,
                                     "\x00\xff\x00\x01\x00"s, std::string(65, '\xff'));
  const auto decoded = base58_decode(base58_encode(bytes));
  REQUIRE(decoded);
  CHECK(*decoded == bytes);
}

TEST_CASE("base58 decoding refuses characters outside the alphabet", "[data][encoding]") {
  const std::string text = GENERATE("0"s, "O"s, "I"s, "l"s, "StV1DL6C+TryKyV"s, "abc "s,
                                    "1\x00"s, "\xc3\xa9"s);
  CAPTURE(text);
  CHECK_FALSE(base58_decode(text));
}

TEST_CASE("base58 decoding refuses texts longer than the limit instead of working on them",
          "[data][encoding]") {
  CHECK(base58_decode(std::string(kBase58MaxDecodeChars, 'z')));
  CHECK_FALSE(base58_decode(std::string(kBase58MaxDecodeChars + 1, 'z')));
  CHECK_FALSE(base58_decode(std::string(1'000'000, '1')));
}
