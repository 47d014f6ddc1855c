// What a peer signs over the CIDs it produced in a run, and the check of it (data-format.md 6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto.h"

namespace airvm::data {

// The signed message (data-format.md 6.1): the Borsh encoding of (the CIDs sorted by bytes,
// duplicates kept, particle_id), i.e. u32le(n), then u32le(len) ‖ bytes for each CID, then
// u32le(len) ‖ particle_id. Lengths are below 4 GiB: CIDs have 61 characters, and particle
// ids come in through an interface whose buffers are smaller.
std::string signing_message(std::vector<std::string_view> cids, std::string_view particle_id);

// The peer's signature over its multiset of CIDs, salted with the particle id (6.1).
Bytes64 sign_cids(const Ed25519KeyPair& keys, std::vector<std::string_view> cids,
                  std::string_view particle_id);

// True when `signature` is the key's signature over those CIDs and particle id (6.2 step 4).
bool verify_cids(const Bytes32& public_key, std::vector<std::string_view> cids,
                 std::string_view particle_id, const Bytes64& signature);

}  // namespace airvm::data
