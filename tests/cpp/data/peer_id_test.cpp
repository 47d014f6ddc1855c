// Peer ids and the signature store's key and signature texts (data-format.md 5).
#include <catch2/catch.hpp>

#include <string>

#include "data/encoding.h"
#include "data/peer_id.h"
#include "hex.h"

using namespace airvm::data;
using namespace airvm::data::test;
using namespace std::string_literals;

namespace {

// The test identities of data-format.md: seed byte 0 = index + 1, byte 31 = 7, the rest zero.
Ed25519KeyPair identity(uint8_t first_byte) {
  Bytes32 seed{};
  seed[0] = first_byte;
  seed[31] = 7;
  return ed25519_from_seed(seed);
}

}  // namespace

TEST_CASE("identities A and B have the peer ids and store keys of data-format.md", "[data][peer_id]") {
  const Ed25519KeyPair a = identity(1);
  const Ed25519KeyPair b = identity(2);
  CHECK(peer_id_of(a.public_key) == "12D3KooWMkm3xnUxCoQeixDBsKBExUXVHrbgVAhxvjwYqTRxuBWg");
  CHECK(peer_id_of(b.public_key) == "12D3KooWE6qppT5nCqu6Ric8QZhPFL4MVtz5aBTZE4QBGY2H1fCy");
  CHECK(public_key_text(a.public_key) == "1CwPtDeuF1u9AK4hmEiRuBgSeoXZ3TUdUy9aXTUH51Enk");
  CHECK(public_key_text(b.public_key) == "15HUf5KW51wdc1q6hmxx3UXyX1ZwSYVP5GU39tYsP7iV3");
}

TEST_CASE("every Ed25519 peer id starts with 12D3KooW", "[data][peer_id]") {
  for (uint8_t first = 0; first < 20; ++first) {
    CHECK(peer_id_of(identity(first).public_key).rfind("12D3KooW", 0) == 0);
  }
}

TEST_CASE("a public key text parses back to its key", "[data][peer_id]") {
  const Ed25519KeyPair a = identity(1);
  const auto parsed = parse_public_key_text(public_key_text(a.public_key));
  REQUIRE(parsed);
  CHECK(*parsed == a.public_key);
}

TEST_CASE("a signature text parses back to its signature", "[data][peer_id]") {
  Bytes64 signature{};
  for (size_t i = 0; i < signature.size(); ++i) signature[i] = static_cast<uint8_t>(255 - i);
  const std::string text = signature_text(signature);
  CHECK(text[0] == '1');
  const auto parsed = parse_signature_text(text);
  REQUIRE(parsed);
  CHECK(*parsed == signature);

  Bytes64 zeros{};
  CHECK(signature_text(zeros) == std::string(65, '1'));
  CHECK(parse_signature_text(std::string(65, '1')) == zeros);
}

TEST_CASE("a key or signature text of the wrong length or format byte is refused", "[data][peer_id]") {
  const std::string key33 = "\x00"s + std::string(32, '\x05');
  REQUIRE(parse_public_key_text(base58_encode(key33)));
  CHECK_FALSE(parse_public_key_text(base58_encode(key33.substr(0, 32))));        // 32 bytes
  CHECK_FALSE(parse_public_key_text(base58_encode(key33 + "\x05")));             // 34 bytes
  CHECK_FALSE(parse_public_key_text(base58_encode("\x02" + key33.substr(1))));   // secp256k1
  CHECK_FALSE(parse_public_key_text(base58_encode("\x01" + key33.substr(1))));   // RSA
  CHECK_FALSE(parse_public_key_text(""));
  CHECK_FALSE(parse_public_key_text("1CwPtDeuF1u9AK4hmEiRuBgSeoXZ3TUdUy9aXTUH51En0"));  // not base58

  const std::string sig65 = "\x00"s + std::string(64, '\x09');
  REQUIRE(parse_signature_text(base58_encode(sig65)));
  CHECK_FALSE(parse_signature_text(base58_encode(sig65.substr(0, 64))));
  CHECK_FALSE(parse_signature_text(base58_encode(sig65 + "\x09")));
  CHECK_FALSE(parse_signature_text(base58_encode("\x02" + sig65.substr(1))));
  CHECK_FALSE(parse_signature_text(public_key_text(identity(1).public_key)));
}
