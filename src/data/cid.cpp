// CIDv1 of JSON content hashed with BLAKE3, as the original writes them (data-format.md 4.1).
#include "cid.h"

#include "crypto.h"
#include "encoding.h"

namespace airvm::data {

namespace {

using namespace std::string_view_literals;

// CIDv1 (0x01), multicodec json 0x0200 as a varint (0x80 0x04), multihash BLAKE3 (0x1e) with a
// 32-byte digest (0x20): data-format.md 4.1.
constexpr std::string_view kCidPrefix = "\x01\x80\x04\x1e\x20"sv;
constexpr char kMultibaseBase32 = 'b';

}  // namespace

std::string cid_of(std::string_view canonical_json) {
  const Bytes32 digest = blake3_256(canonical_json);
  std::string binary(kCidPrefix);
  binary.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  return kMultibaseBase32 + base32_lower(binary);
}

}  // namespace airvm::data
