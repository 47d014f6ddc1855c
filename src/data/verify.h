// Checks of incoming data before execution: the version gate, the current data's CID stores,
// and the signatures of every peer that authored CIDs (data-format.md 6.2, 7).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "data/interpreter_data.h"

namespace airvm::data {

// The lowest interpreter_version accepted on current data (data-format.md 2.1).
inline constexpr std::string_view kMinInterpreterVersion = "0.54.0";

// A preparation failure: ret_code 2..8 with the original's message; ret_code 0 = passed.
struct DataCheck {
  int ret_code = 0;
  std::string message;
  bool ok() const { return ret_code == 0; }
};

// The CIDs that the trace of one data attributes to one signer (6.2 step 2).
struct SignerGroup {
  std::string peer_id;
  const SignatureEntry* entry = nullptr;  // the signature-store entry whose key names this peer
  std::vector<std::string_view> cids;     // sorted by bytes, duplicates kept (a multiset)
};
using SignerGroups = std::map<std::string, SignerGroup, std::less<>>;  // by peer id

// data-format.md 7.1 step 3: current interpreter_version >= 0.54.0, else ret 5.
DataCheck check_version(const InterpreterData& current);

// data-format.md 7.2: every store item re-hashes to its key, every reference resolves (ret 7).
DataCheck verify_stores(const InterpreterData& data);

// data-format.md 6.2 steps 2-3: one group per signature entry, each trace CID added to the
// group of its author (ret 8 for an author without a signature). A trace CID missing from the
// stores is ret 7 (the original traps there; data-format.md 7.4).
DataCheck group_signers(const InterpreterData& data, SignerGroups* groups);

// Whether the entry's signature is its key's over these CIDs and particle id (false for a
// signature of the wrong length).
bool entry_verifies(const SignatureEntry& entry, const std::vector<std::string_view>& cids, std::string_view particle_id);

// data-format.md 6.2 step 4: each group's signature over its CIDs and the particle id (ret 8).
DataCheck verify_signers(const SignerGroups& groups, std::string_view particle_id);

// data-format.md 6.2 step 5: per peer the larger multiset wins (ties: prev) and must contain
// the smaller one (ret 8). `out` gets the winning entries of every peer.
DataCheck merge_signers(const SignerGroups& prev, const SignerGroups& current,
                        std::map<std::string, SignatureEntry, std::less<>>* out);

// Preparation steps 1-5 (data-format.md 7.1) over raw bytes; on success `prev`, `current` and
// `signatures` (the merged signature store) are filled.
struct PreparedData {
  InterpreterData prev;
  InterpreterData current;
  std::map<std::string, SignatureEntry, std::less<>> signatures;
};
DataCheck prepare_data(std::string_view prev_bytes, std::string_view current_bytes, std::string_view particle_id,
                       PreparedData* out);

// The canonical text of each kind of store item (what its CID is computed over).
std::string canonical_value(const Json& v);

}  // namespace airvm::data
