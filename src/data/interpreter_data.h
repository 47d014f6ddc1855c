// InterpreterData, the document peers exchange (data-format.md 2): the trace of executed
// states, the five CID stores and the signature store.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "data/crypto.h"
#include "data/json.h"

namespace airvm::data {

// Data format and interpreter versions the original 0.54 writes (data-format.md 2.1).
inline constexpr std::string_view kDataFormatVersion = "0.14.0";
inline constexpr std::string_view kInterpreterVersion = "0.54.0";

using Cid = std::string;  // "bagaaihra...", data-format.md 4.1

enum class StateKind : uint8_t { Par, Call, Fold, Ap, Canon };

enum class CallKind : uint8_t {
  Scalar,            // executed.scalar: CID of a service-result aggregate
  Stream,            // executed.stream: aggregate CID and generation
  Unused,            // executed.unused: CID of the value itself (not stored)
  Failed,            // failed: CID of an aggregate of {"message","ret_code"}
  SentBy,            // sent_by.PeerId
  SentByWithCallId,  // sent_by.PeerIdWithCallId
};

enum class CanonKind : uint8_t { Executed, SentBy };

// One sub-trace of a fold iteration: `len` states starting at trace position `pos`.
struct SubtraceDesc {
  uint32_t pos = 0;
  uint32_t len = 0;
};

// One iteration of a fold over a stream: the value's producing state and its sub-traces.
struct FoldLore {
  uint32_t pos = 0;
  std::vector<SubtraceDesc> desc;  // normally two (before and after `next`)
};

// One executed state; fields are read according to `kind` (and `call` / `canon`).
struct State {
  StateKind kind = StateKind::Par;
  CallKind call = CallKind::Scalar;     // kind == Call
  CanonKind canon = CanonKind::Executed;  // kind == Canon
  uint32_t left = 0;        // Par: size of the left sub-trace
  uint32_t right = 0;       // Par: size of the right sub-trace
  uint32_t generation = 0;  // Call Stream
  uint32_t call_id = 0;     // Call SentByWithCallId
  std::string text;         // the CID (executed, failed, canon executed) or the peer id (sent_by)
  std::vector<FoldLore> lore;   // Fold
  std::vector<uint32_t> gens;   // Ap (one element when well-formed)
};

struct Tetraplet {
  std::string peer_pk;
  std::string service_id;
  std::string function_name;
  std::string json_path;
};

struct ServiceResult {
  Cid value_cid;
  Cid argument_hash;
  Cid tetraplet_cid;
};

enum class ProvenanceKind : uint8_t { Literal, ServiceResult, Canon };

struct CanonElement {
  Cid value;
  Cid tetraplet;
  ProvenanceKind provenance = ProvenanceKind::Literal;
  Cid provenance_cid;  // ServiceResult and Canon provenance
};

struct CanonResult {
  Cid tetraplet;
  std::vector<Cid> values;  // canon element CIDs in canon order, duplicates kept
};

template <typename T>
using CidMap = std::map<Cid, T, std::less<>>;

// The five stores, in the order the data writes them.
struct Stores {
  CidMap<Json> values;
  CidMap<Tetraplet> tetraplets;
  CidMap<CanonElement> canon_elements;
  CidMap<CanonResult> canon_results;
  CidMap<ServiceResult> service_results;
};

// One signature-store entry, kept both as written and decoded (data-format.md 2.4, 5.2).
struct SignatureEntry {
  std::string key_text;        // base58(0x00 || public key)
  std::string signature_text;  // base58(0x00 || signature)
  Bytes32 public_key{};
  std::string signature;  // the raw signature bytes after the format byte; 64 when well-formed,
                          // other lengths are read and fail verification (data-format.md 7.3)
};

struct InterpreterData {
  std::string version = std::string(kDataFormatVersion);
  std::string interpreter_version = std::string(kInterpreterVersion);
  std::vector<State> trace;
  uint32_t lcid = 0;
  Stores stores;
  std::map<std::string, SignatureEntry, std::less<>> signatures;  // by key_text
};

// The store names as the data spells them, in written order.
inline constexpr const char* kStoreNames[5] = {"value_store", "tetraplet_store", "canon_element_store",
                                               "canon_result_store", "service_result_store"};

// The Rust type names the original's store errors quote (data-format.md 7.3).
inline constexpr const char* kStoreTypeNames[5] = {
    "serde_json::value::Value",
    "marine_call_parameters::SecurityTetraplet",
    "air_interpreter_data::executed_state::CanonCidAggregate",
    "air_interpreter_data::executed_state::CanonResultCidAggregate",
    "air_interpreter_data::executed_state::ServiceResultCidAggregate",
};

// ---- reading (data_read.cpp) ----------------------------------------------------------------

struct DataRead {
  bool ok = false;
  InterpreterData data;
  int ret_code = 0;       // 2 (DataDeFailed) or 3 (DataDeFailedWithVersions) on failure
  std::string message;    // the original's message template (data-format.md 7.3)
  std::string detail;     // the bare serde-style error, e.g. Error("missing field `trace`", line: 1, column: 2)
};

// Reads data bytes; zero bytes are the empty data (data-format.md 2.1).
DataRead read_data(std::string_view bytes);

// Bytes as the original's messages quote them: "[123, 34, ...]" (cut after 1 MiB).
std::string rust_byte_list(std::string_view bytes);

// ---- writing (data_write.cpp) ---------------------------------------------------------------

// The canonical text of store items: exactly what the original writes and hashes (4.2).
void append_tetraplet(const Tetraplet& t, std::string* out);
void append_service_result(const ServiceResult& r, std::string* out);
void append_canon_element(const CanonElement& e, std::string* out);
void append_canon_result(const CanonResult& r, std::string* out);
void append_state(const State& s, std::string* out);

// The whole document as the original writes it: fixed field order, no whitespace, map keys
// ascending (data-format.md 2.5).
std::string write_data(const InterpreterData& data);

}  // namespace airvm::data
