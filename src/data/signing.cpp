// The Borsh message over a peer's CIDs and its Ed25519 signature (data-format.md 6.1, 6.2).
#include "signing.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace airvm::data {

namespace {

// Borsh writes lengths and counts as u32 little-endian.
void append_u32le(std::string* out, size_t value) {
  const auto v = static_cast<uint32_t>(value);
  for (int shift = 0; shift < 32; shift += 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

// A Borsh string: its byte length, then its bytes.
void append_borsh_string(std::string* out, std::string_view text) {
  append_u32le(out, text.size());
  out->append(text);
}

}  // namespace

std::string signing_message(std::vector<std::string_view> cids, std::string_view particle_id) {
  // string_view compares like memcmp, i.e. by unsigned bytes, as Rust sorts its Strings.
  std::sort(cids.begin(), cids.end());
  size_t size = 4 + 4 + particle_id.size();
  for (std::string_view cid : cids) size += 4 + cid.size();
  std::string message;
  message.reserve(size);
  append_u32le(&message, cids.size());
  for (std::string_view cid : cids) append_borsh_string(&message, cid);
  append_borsh_string(&message, particle_id);
  return message;
}

Bytes64 sign_cids(const Ed25519KeyPair& keys, std::vector<std::string_view> cids,
                  std::string_view particle_id) {
  return ed25519_sign(keys, signing_message(std::move(cids), particle_id));
}

bool verify_cids(const Bytes32& public_key, std::vector<std::string_view> cids,
                 std::string_view particle_id, const Bytes64& signature) {
  return ed25519_verify(public_key, signing_message(std::move(cids), particle_id), signature);
}

}  // namespace airvm::data
