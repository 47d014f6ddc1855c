// The signed message over a peer's CIDs and its signature (data-format.md 6.1).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "data/peer_id.h"
#include "data/signing.h"
#include "hex.h"

using namespace airvm::data;
using namespace airvm::data::test;

namespace {

Ed25519KeyPair identity_a() {
  Bytes32 seed{};
  seed[0] = 1;
  seed[31] = 7;
  return ed25519_from_seed(seed);
}

const char* const kCid1 = "bagaaihra2y55tkbgv6i4d7vdoglfuzhbd3ra6e7ennpvfrmzaejwmbntusdq";
const char* const kCid2 = "bagaaihra2u6rrqrsclvhwyyalff3rg6omaqy63x7foowfc4myqwt46n32wvq";
const char* const kCid3 = "bagaaihrairzqzovkysmfdnnv3whrzwtooaghggixjcypmciea5acs6k2garq";

}  // namespace

TEST_CASE("the signing message of data-format.md 6.1 is the Borsh pair", "[data][signing]") {
  CHECK(to_hex(signing_message({"bagaaihra"}, "p-1")) ==
        "01000000" "09000000" "626167616169687261" "03000000" "702d31");
}

TEST_CASE("with no CIDs the signing message is a zero count and the salt", "[data][signing]") {
  CHECK(to_hex(signing_message({}, "particle-1")) ==
        "00000000" "0a000000" + to_hex("particle-1"));
  CHECK(to_hex(signing_message({}, "")) == "0000000000000000");
}

TEST_CASE("the signing message sorts the CIDs by bytes and keeps duplicates", "[data][signing]") {
  // Each CID is 61 (0x3d) bytes; kCid2 < kCid1 < kCid3 by bytes ('2u' < '2y' < 'ir').
  const std::string sorted = signing_message({kCid2, kCid1, kCid1, kCid3}, "p");
  CHECK(sorted == signing_message({kCid1, kCid3, kCid1, kCid2}, "p"));
  std::string expected("\x04\x00\x00\x00", 4);
  for (const char* cid : {kCid2, kCid1, kCid1, kCid3}) {
    expected += std::string("\x3d\x00\x00\x00", 4) + cid;
  }
  expected += std::string("\x01\x00\x00\x00", 4) + "p";
  CHECK(to_hex(sorted) == to_hex(expected));
  CHECK(sorted != signing_message({kCid2, kCid1, kCid3}, "p"));
}

TEST_CASE("peer A signs an empty CID list of particle-1 as data-format.md 2.1 shows",
          "[data][signing]") {
  const Ed25519KeyPair a = identity_a();
  const Bytes64 signature = sign_cids(a, {}, "particle-1");
  CHECK(signature_text(signature) ==
        "1yuPTcPrE2ekfpXAM1TinaAaSQ3Htfz2BC8ppikHjhrnMDSV9sN4kjGbvZZxgYaCwySwHC92JzjNcWXY5ohFebr1");
  CHECK(verify_cids(a.public_key, {}, "particle-1", signature));
}

TEST_CASE("verify_cids accepts the signer's CIDs in any order and nothing else", "[data][signing]") {
  const Ed25519KeyPair a = identity_a();
  const Bytes64 signature = sign_cids(a, {kCid1, kCid2, kCid2}, "p-1");
  CHECK(verify_cids(a.public_key, {kCid2, kCid1, kCid2}, "p-1", signature));
  CHECK_FALSE(verify_cids(a.public_key, {kCid1, kCid2}, "p-1", signature));          // one duplicate lost
  CHECK_FALSE(verify_cids(a.public_key, {kCid1, kCid2, kCid2}, "p-2", signature));   // other particle
  CHECK_FALSE(verify_cids(a.public_key, {kCid1, kCid2, kCid3}, "p-1", signature));   // other CID

  Bytes64 flipped = signature;
  flipped[17] ^= 0x04;
  CHECK_FALSE(verify_cids(a.public_key, {kCid1, kCid2, kCid2}, "p-1", flipped));
}
