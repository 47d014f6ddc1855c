// Known-answer tests of the third-party crypto: BLAKE3, SHA-512, Ed25519 (RFC 8032).
#include <catch2/catch.hpp>

#include <string>

#include "data/crypto.h"
#include "hex.h"

using namespace airvm::data;
using namespace airvm::data::test;

namespace {

// The input of BLAKE3's official test vectors: bytes 0, 1, ..., 250, 0, 1, ... (i mod 251).
std::string blake3_test_input(size_t length) {
  std::string input(length, '\0');
  for (size_t i = 0; i < length; ++i) input[i] = static_cast<char>(i % 251);
  return input;
}

struct Rfc8032Vector {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 7.1, TEST 1, 2 and 3.
const Rfc8032Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

}  // namespace

TEST_CASE("BLAKE3-256 matches the official test vectors", "[data][crypto]") {
  const auto [length, digest] = GENERATE(table<size_t, const char*>({
      {0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
      {1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
      {1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
      {1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
      {1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
  }));
  CAPTURE(length);
  CHECK(to_hex(blake3_256(blake3_test_input(length))) == digest);
}

TEST_CASE("SHA-512 of \"abc\" is the FIPS 180-2 digest", "[data][crypto]") {
  CHECK(to_hex(sha512("abc")) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST_CASE("Ed25519 derives the RFC 8032 keys and signatures from their seeds", "[data][crypto]") {
  for (const Rfc8032Vector& v : kRfc8032) {
    CAPTURE(v.seed);
    const Ed25519KeyPair keys = ed25519_from_seed(array_from_hex<32>(v.seed));
    CHECK(to_hex(keys.public_key) == v.public_key);
    CHECK(to_hex(keys.secret_key) == std::string(v.seed) + v.public_key);
    const std::string message = from_hex(v.message);
    const Bytes64 signature = ed25519_sign(keys, message);
    CHECK(to_hex(signature) == v.signature);
    CHECK(ed25519_verify(keys.public_key, message, signature));
  }
}

TEST_CASE("Ed25519 verification rejects any flipped bit", "[data][crypto]") {
  const Rfc8032Vector& v = kRfc8032[2];
  const Bytes32 public_key = array_from_hex<32>(v.public_key);
  const std::string message = from_hex(v.message);
  const Bytes64 signature = array_from_hex<64>(v.signature);
  REQUIRE(ed25519_verify(public_key, message, signature));

  SECTION("in the signature's R half") {
    Bytes64 bad = signature;
    bad[5] ^= 0x01;
    CHECK_FALSE(ed25519_verify(public_key, message, bad));
  }
  SECTION("in the signature's S half") {
    Bytes64 bad = signature;
    bad[40] ^= 0x80;
    CHECK_FALSE(ed25519_verify(public_key, message, bad));
  }
  SECTION("in the message") {
    std::string bad = message;
    bad[1] ^= 0x10;
    CHECK_FALSE(ed25519_verify(public_key, bad, signature));
  }
  SECTION("in the public key") {
    Bytes32 bad = public_key;
    bad[0] ^= 0x02;
    CHECK_FALSE(ed25519_verify(bad, message, signature));
  }
}

TEST_CASE("Ed25519 verification rejects a signature by another key", "[data][crypto]") {
  const Ed25519KeyPair one = ed25519_from_seed(array_from_hex<32>(kRfc8032[0].seed));
  const Ed25519KeyPair two = ed25519_from_seed(array_from_hex<32>(kRfc8032[1].seed));
  CHECK_FALSE(ed25519_verify(two.public_key, "hi", ed25519_sign(one, "hi")));
}
