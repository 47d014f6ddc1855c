// Content identifiers of stored items (data-format.md 4).
#pragma once

#include <string>
#include <string_view>

namespace airvm::data {

// The CID of an item's canonical JSON text (data-format.md 3, 4.2): "b" + base32 of
// 0x01 0x80 0x04 0x1e 0x20 ‖ BLAKE3-256(text) (4.1). 61 characters (1 + ceil(37 * 8 / 5), as
// the vectors of 4.3 have; 4.1's "59" is a slip), always starting "bagaaihra".
std::string cid_of(std::string_view canonical_json);

}  // namespace airvm::data
