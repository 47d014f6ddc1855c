// BLAKE3 and Ed25519/SHA-512 through the reference C code and the libsodium subset.
#include "crypto.h"

#include <blake3.h>
#include <sodium/crypto_hash_sha512.h>
#include <sodium/crypto_sign_ed25519.h>

namespace airvm::data {

namespace {

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

Bytes32 blake3_256(std::string_view bytes) {
  blake3_hasher hasher;
  blake3_hasher_init(&hasher);
  blake3_hasher_update(&hasher, bytes.data(), bytes.size());
  Bytes32 digest;
  blake3_hasher_finalize(&hasher, digest.data(), digest.size());
  return digest;
}

Bytes64 sha512(std::string_view bytes) {
  static_assert(crypto_hash_sha512_BYTES == 64);
  Bytes64 digest;
  crypto_hash_sha512(digest.data(), bytes_of(bytes), bytes.size());
  return digest;
}

Ed25519KeyPair ed25519_from_seed(const Bytes32& seed) {
  static_assert(crypto_sign_ed25519_SEEDBYTES == 32 && crypto_sign_ed25519_PUBLICKEYBYTES == 32 &&
                crypto_sign_ed25519_SECRETKEYBYTES == 64);
  Ed25519KeyPair keys;
  // Cannot fail: every 32-byte string is a valid seed.
  crypto_sign_ed25519_seed_keypair(keys.public_key.data(), keys.secret_key.data(), seed.data());
  return keys;
}

Bytes64 ed25519_sign(const Ed25519KeyPair& keys, std::string_view message) {
  static_assert(crypto_sign_ed25519_BYTES == 64);
  Bytes64 signature;
  // Cannot fail; libsodium takes the public key from the second half of secret_key.
  crypto_sign_ed25519_detached(signature.data(), nullptr, bytes_of(message), message.size(),
                               keys.secret_key.data());
  return signature;
}

bool ed25519_verify(const Bytes32& public_key, std::string_view message, const Bytes64& signature) {
  return crypto_sign_ed25519_verify_detached(signature.data(), bytes_of(message), message.size(),
                                             public_key.data()) == 0;
}

}  // namespace airvm::data
