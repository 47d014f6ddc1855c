// Hashes and signatures: BLAKE3-256 for CIDs (data-format.md 4.1), Ed25519 with SHA-512 for the
// signature store (5.2, 6.1). Thin wrappers over the third-party C code (cmake/third_party.cmake).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace airvm::data {

using Bytes32 = std::array<uint8_t, 32>;
using Bytes64 = std::array<uint8_t, 64>;

// BLAKE3 with the default (unkeyed) mode and a 32-byte output.
Bytes32 blake3_256(std::string_view bytes);

// SHA-512 of the bytes; exposed mainly so its known-answer test checks the libsodium subset.
Bytes64 sha512(std::string_view bytes);

// An Ed25519 key pair as libsodium holds it.
struct Ed25519KeyPair {
  Bytes32 public_key{};  // RFC 8032 public key of the seed
  Bytes64 secret_key{};  // libsodium's layout: the 32-byte seed, then the public key
};

// The key pair of a 32-byte seed (RFC 8032 5.1.5; data-format.md 5.1 key_format 0).
Ed25519KeyPair ed25519_from_seed(const Bytes32& seed);

// The deterministic RFC 8032 signature of the message.
Bytes64 ed25519_sign(const Ed25519KeyPair& keys, std::string_view message);

// True when the signature is the key's over the message. libsodium rejects, as well as wrong
// signatures, small-order keys and R values and a non-canonical S.
bool ed25519_verify(const Bytes32& public_key, std::string_view message, const Bytes64& signature);

}  // namespace airvm::data
