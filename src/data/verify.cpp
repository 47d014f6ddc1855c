// Store and signature checks of preparation (data-format.md 6.2, 7.1, 7.2).
#include "data/verify.h"

#include <algorithm>

#include "data/cid.h"
#include "data/encoding.h"
#include "data/json_text.h"
#include "data/peer_id.h"
#include "data/semver.h"
#include "data/signing.h"

namespace airvm::data {

namespace {

DataCheck failure(int code, std::string message) { return DataCheck{code, std::move(message)}; }

DataCheck value_mismatch(int store, std::string_view cid) {
  return failure(7, "Value mismatch in the \"" + std::string(kStoreTypeNames[store]) + "\" store for CID \"" +
                        std::string(cid) + "\"");
}

DataCheck reference_missing(std::string_view cid, const char* from, const char* to) {
  return failure(7, "Reference CID \"" + std::string(cid) + "\" from type \"" + from + "\" to \"" + to +
                        "\" was not found");
}

template <typename T, typename Append>
DataCheck check_store(const CidMap<T>& store, int index, Append append_item) {
  std::string text;
  for (const auto& [cid, item] : store) {
    text.clear();
    append_item(item, &text);
    if (cid_of(text) != cid) return value_mismatch(index, cid);
  }
  return {};
}

// The type name the trace's own states go by in our "Reference CID" messages (7.4).
constexpr const char* kTraceType = "air_interpreter_data::executed_state::ExecutedState";

// `["a", "b"]`, Rust's Debug of a list of strings.
std::string debug_list(const std::vector<std::string_view>& cids) {
  std::string out = "[";
  for (size_t i = 0; i < cids.size(); ++i) {
    if (i) out += ", ";
    append_json_string(cids[i], &out);
  }
  return out + "]";
}

DataCheck no_public_key(std::string_view peer) {
  return failure(8, "peer_id doens't match any available public key: \"" + std::string(peer) + "\"");
}

// Whether `small` is contained in `large`, both sorted, counting multiplicity.
bool multiset_includes(const std::vector<std::string_view>& large, const std::vector<std::string_view>& small) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

}  // namespace

std::string canonical_value(const Json& v) { return to_json_text(v); }

DataCheck check_version(const InterpreterData& current) {
  if (semver_compare(current.interpreter_version, kMinInterpreterVersion) >= 0) return {};
  return failure(5, "supplied data was produced by `" + current.interpreter_version +
                        "` version of interpreter, but minimum `" + std::string(kMinInterpreterVersion) +
                        "` version is required");
}

DataCheck verify_stores(const InterpreterData& data) {
  const Stores& s = data.stores;
  DataCheck c = check_store(s.values, 0, [](const Json& v, std::string* out) { append_json(v, out); });
  if (c.ok()) c = check_store(s.tetraplets, 1, append_tetraplet);
  if (c.ok()) c = check_store(s.canon_elements, 2, append_canon_element);
  if (c.ok()) c = check_store(s.canon_results, 3, append_canon_result);
  if (c.ok()) c = check_store(s.service_results, 4, append_service_result);
  if (!c.ok()) return c;
  for (const auto& [cid, r] : s.canon_results) {
    for (const Cid& element : r.values) {
      if (!s.canon_elements.count(element)) return reference_missing(element, kStoreTypeNames[3], kStoreTypeNames[2]);
    }
    if (!s.tetraplets.count(r.tetraplet)) return reference_missing(r.tetraplet, kStoreTypeNames[3], kStoreTypeNames[1]);
  }
  for (const auto& [cid, e] : s.canon_elements) {
    if (!s.tetraplets.count(e.tetraplet)) return reference_missing(e.tetraplet, kStoreTypeNames[2], kStoreTypeNames[1]);
    if (!s.values.count(e.value)) return reference_missing(e.value, kStoreTypeNames[2], kStoreTypeNames[0]);
    if (e.provenance == ProvenanceKind::ServiceResult && !s.service_results.count(e.provenance_cid)) {
      return reference_missing(e.provenance_cid, kStoreTypeNames[2], kStoreTypeNames[4]);
    }
    if (e.provenance == ProvenanceKind::Canon && !s.canon_results.count(e.provenance_cid)) {
      return reference_missing(e.provenance_cid, kStoreTypeNames[2], kStoreTypeNames[3]);
    }
  }
  for (const auto& [cid, r] : s.service_results) {
    if (!s.tetraplets.count(r.tetraplet_cid)) return reference_missing(r.tetraplet_cid, kStoreTypeNames[4], kStoreTypeNames[1]);
    if (!s.values.count(r.value_cid)) return reference_missing(r.value_cid, kStoreTypeNames[4], kStoreTypeNames[0]);
  }
  return {};
}

DataCheck group_signers(const InterpreterData& data, SignerGroups* groups) {
  groups->clear();
  for (const auto& [key, entry] : data.signatures) {
    std::string peer = peer_id_of(entry.public_key);
    SignerGroup& g = (*groups)[peer];
    g.peer_id = peer;
    g.entry = &entry;
  }
  const Stores& s = data.stores;
  auto author = [&](std::string_view tetraplet_cid, const char* from, const std::string** peer) -> DataCheck {
    auto t = s.tetraplets.find(tetraplet_cid);
    if (t == s.tetraplets.end()) return reference_missing(tetraplet_cid, from, kStoreTypeNames[1]);
    *peer = &t->second.peer_pk;
    return {};
  };
  for (const State& st : data.trace) {
    const std::string* peer = nullptr;
    if (st.kind == StateKind::Call &&
        (st.call == CallKind::Scalar || st.call == CallKind::Stream || st.call == CallKind::Failed)) {
      auto r = s.service_results.find(st.text);
      if (r == s.service_results.end()) return reference_missing(st.text, kTraceType, kStoreTypeNames[4]);
      DataCheck c = author(r->second.tetraplet_cid, kStoreTypeNames[4], &peer);
      if (!c.ok()) return c;
    } else if (st.kind == StateKind::Canon && st.canon == CanonKind::Executed) {
      auto r = s.canon_results.find(st.text);
      if (r == s.canon_results.end()) return reference_missing(st.text, kTraceType, kStoreTypeNames[3]);
      DataCheck c = author(r->second.tetraplet, kStoreTypeNames[3], &peer);
      if (!c.ok()) return c;
    } else {
      continue;
    }
    auto g = groups->find(*peer);
    if (g == groups->end()) return no_public_key(*peer);
    g->second.cids.push_back(st.text);
  }
  for (auto& [peer, g] : *groups) std::sort(g.cids.begin(), g.cids.end());
  return {};
}

bool entry_verifies(const SignatureEntry& entry, const std::vector<std::string_view>& cids, std::string_view particle_id) {
  Bytes64 signature;
  if (entry.signature.size() != signature.size()) return false;
  std::copy(entry.signature.begin(), entry.signature.end(), reinterpret_cast<char*>(signature.data()));
  return verify_cids(entry.public_key, cids, particle_id, signature);
}

DataCheck verify_signers(const SignerGroups& groups, std::string_view particle_id) {
  for (const auto& [peer, g] : groups) {
    if (entry_verifies(*g.entry, g.cids, particle_id)) continue;
    // A signature of the wrong length fails before the equation is tried.
    const char* source = g.entry->signature.size() == 64 ? "Some(Verification equation was not satisfied)" : "None";
    std::string_view raw_key(reinterpret_cast<const char*>(g.entry->public_key.data()), g.entry->public_key.size());
    return failure(8, "signature mismatch for \"" + peer + "\": Ed25519(signature::Error { source: " + source +
                          " }, \"" + base58_encode(g.entry->signature) + "\", \"" + base58_encode(raw_key) +
                          "\"), values: CIDS: " + debug_list(g.cids));
  }
  return {};
}

DataCheck merge_signers(const SignerGroups& prev, const SignerGroups& current,
                        std::map<std::string, SignatureEntry, std::less<>>* out) {
  out->clear();
  for (const auto& [peer, p] : prev) {
    auto c = current.find(peer);
    const SignerGroup* winner = &p;
    if (c != current.end()) {
      const SignerGroup& cur = c->second;
      const SignerGroup& larger = cur.cids.size() > p.cids.size() ? cur : p;
      const SignerGroup& smaller = &larger == &p ? cur : p;
      if (!multiset_includes(larger.cids, smaller.cids)) {
        return failure(8, "inconsistent CID multisets on merge for peer \"" + peer + "\", prev: " +
                              debug_list(larger.cids) + ", current: " + debug_list(smaller.cids));
      }
      winner = &larger;
    }
    (*out)[winner->entry->key_text] = *winner->entry;
  }
  for (const auto& [peer, c] : current) {
    if (!prev.count(peer)) (*out)[c.entry->key_text] = *c.entry;
  }
  return {};
}

DataCheck prepare_data(std::string_view prev_bytes, std::string_view current_bytes, std::string_view particle_id,
                       PreparedData* out) {
  DataRead prev = read_data(prev_bytes);
  if (!prev.ok) return failure(prev.ret_code, std::move(prev.message));
  DataRead current = read_data(current_bytes);
  if (!current.ok) return failure(current.ret_code, std::move(current.message));
  out->prev = std::move(prev.data);
  out->current = std::move(current.data);
  DataCheck c = check_version(out->current);
  if (c.ok()) c = verify_stores(out->current);
  if (!c.ok()) return c;
  SignerGroups prev_groups, current_groups;
  c = group_signers(out->prev, &prev_groups);
  if (c.ok()) c = group_signers(out->current, &current_groups);
  if (c.ok()) c = verify_signers(current_groups, particle_id);
  if (c.ok()) c = merge_signers(prev_groups, current_groups, &out->signatures);
  return c;
}

}  // namespace airvm::data
