// Peer identity of Ed25519 keys and the signature store's texts (data-format.md 5.2, 5.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crypto.h"

namespace airvm::data {

// The libp2p peer id of an Ed25519 public key, "12D3KooW..." (data-format.md 5.3).
std::string peer_id_of(const Bytes32& public_key);

// The signature store's key for a public key: base58(0x00 ‖ key), 0x00 = key format Ed25519
// (data-format.md 5.1, 5.2).
std::string public_key_text(const Bytes32& public_key);

// The signature store's value for a signature: base58(0x00 ‖ signature) (data-format.md 5.2).
std::string signature_text(const Bytes64& signature);

// The key of a signature-store key; nullopt unless it decodes to exactly 33 bytes starting with
// the Ed25519 format byte 0x00.
std::optional<Bytes32> parse_public_key_text(std::string_view text);

// The signature of a signature-store value; nullopt unless it decodes to exactly 65 bytes
// starting with 0x00.
std::optional<Bytes64> parse_signature_text(std::string_view text);

}  // namespace airvm::data
