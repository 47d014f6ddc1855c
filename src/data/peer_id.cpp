// Peer ids and the base58 texts of keys and signatures (data-format.md 5).
#include "peer_id.h"

#include <algorithm>
#include <cstdint>

#include "encoding.h"

namespace airvm::data {

namespace {

using namespace std::string_view_literals;

// Key format byte of Ed25519 in the signature store's texts (data-format.md 5.1).
constexpr char kEd25519Format = '\x00';

// Identity multihash (0x00) of 36 bytes (0x24) holding the protobuf public key
// {type (0x08) = Ed25519 (0x01), data (0x12) of 32 bytes (0x20)}: data-format.md 5.3.
constexpr std::string_view kPeerIdPrefix = "\x00\x24\x08\x01\x12\x20"sv;  // sv: keeps the NUL

template <size_t N>
std::string prefixed(std::string_view prefix, const std::array<uint8_t, N>& bytes) {
  std::string out(prefix);
  out.append(reinterpret_cast<const char*>(bytes.data()), N);
  return out;
}

// The N bytes after the format byte of a signature-store text, if it has exactly that shape.
template <size_t N>
std::optional<std::array<uint8_t, N>> parse_formatted(std::string_view text) {
  const std::optional<std::string> bytes = base58_decode(text);
  if (!bytes || bytes->size() != N + 1 || (*bytes)[0] != kEd25519Format) return std::nullopt;
  std::array<uint8_t, N> out;
  std::copy(bytes->begin() + 1, bytes->end(), out.begin());
  return out;
}

}  // namespace

std::string peer_id_of(const Bytes32& public_key) {
  return base58_encode(prefixed(kPeerIdPrefix, public_key));
}

std::string public_key_text(const Bytes32& public_key) {
  return base58_encode(prefixed(std::string_view(&kEd25519Format, 1), public_key));
}

std::string signature_text(const Bytes64& signature) {
  return base58_encode(prefixed(std::string_view(&kEd25519Format, 1), signature));
}

std::optional<Bytes32> parse_public_key_text(std::string_view text) {
  return parse_formatted<32>(text);
}

std::optional<Bytes64> parse_signature_text(std::string_view text) {
  return parse_formatted<64>(text);
}

}  // namespace airvm::data
