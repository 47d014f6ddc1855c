// The execution context of one invoke: variables, streams, errors, the trace handler and what
// the run produces (call requests, next peers, new store entries).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "air/ast.h"
#include "data/interpreter_data.h"
#include "data/json.h"
#include "trace/trace_handler.h"

namespace airvm::exec {

using data::Cid;
using data::Json;
using data::Tetraplet;

// Most frames the walk may hold at once (instruction nesting plus nested fold iterations):
// frames live on the heap, ~40 bytes each, so this bounds a hostile script to ~160 MiB.
inline constexpr uint32_t kMaxWalkDepth = 1u << 22;
// execution.md 4.6: a stream instance holds at most 1023 values.
inline constexpr size_t kStreamSizeLimit = 1024;

// Where a value came from, as canon elements record it (data-format.md 2.3).
struct Provenance {
  data::ProvenanceKind kind = data::ProvenanceKind::Literal;
  Cid cid;  // service-result or canon-result CID
};

// A resolved value: JSON, its tetraplet(s) and provenance (language.md 3.2, 4.7).
struct Resolved {
  Json value;
  std::vector<Tetraplet> tetraplets;  // one, or one per element for canon streams/maps
  Provenance provenance;
  bool empty_literal = false;  // the literal [] or a copy of it (its .length has no lens)
};

// One value of a stream (or stream map) instance.
struct StreamValue {
  Json value;
  Tetraplet tetraplet;
  Provenance provenance;
  uint32_t trace_pos = 0;  // result-trace position of its producing call/ap state
};

// A stream instance: values by source (previous, current, new) and generation (execution.md 4.1).
struct Stream {
  std::map<uint32_t, std::vector<StreamValue>> gens[3];  // sparse generations per source
  size_t size = 0;
  bool is_map = false;
  // Iteration order: previous, current, new; generations ascending; insertion order.
  template <typename F>
  void for_each(F f) const {
    for (const auto& source : gens) {
      for (const auto& [g, values] : source) {
        for (const StreamValue& v : values) f(v);
      }
    }
  }
};

// A canon stream or canon map value (immutable once made).
struct CanonElement {
  Json value;
  Tetraplet tetraplet;
  Provenance provenance;
};
struct Canon {
  Tetraplet tetraplet;  // {canon peer, "", "", ""}
  std::vector<CanonElement> values;
  Cid result_cid;
  bool is_map = false;
};
using CanonPtr = std::shared_ptr<const Canon>;

// A scalar binding: a value, a canon, or "declared by new, not set yet".
struct Binding {
  bool unset = false;         // cleared by `new` and not written since
  bool iterator = false;      // a fold iterator
  Resolved value;             // scalars and iterators
  CanonPtr canon;             // canon streams and maps (their own name space)
  uint32_t depth = 0;         // fold scope depth it was written at
  uint64_t scope_id = 0;      // the scope instance it belongs to
};

// A catchable or uncatchable execution error (language.md 5).
struct ExecError {
  int code = 0;
  std::string message;
  // For catchable errors: the error object fields of %last_error% / :error:.
  std::string instruction;  // canonical text of the failing instruction
  std::optional<std::string> peer_id;  // call target for call errors, else the current peer
  bool call_error = false;             // raised by call or canon: :error: carries peer_id
  std::optional<Tetraplet> tetraplet;
  std::optional<Json> thrown;          // fail: the object thrown
  std::shared_ptr<ExecError> original; // fail :error: re-throws this
  bool recorded = false;               // %last_error% / :error: already updated for it
  bool catchable() const { return code >= 10000 && code < 20000; }
};
using Error = std::unique_ptr<ExecError>;

// %last_error% and :error: (language.md 5.4, 5.5).
struct ErrorSlot {
  Json object;  // {"error_code":0,"message":""} initially
  std::optional<Tetraplet> tetraplet;
  bool can_set = true;
  std::shared_ptr<ExecError> original;
};

struct RunParams {
  std::string init_peer_id;
  std::string current_peer_id;
  uint64_t timestamp = 0;
  uint32_t ttl = 0;
  std::string particle_id;
};

struct CallRequest {
  std::string service_id;
  std::string function_name;
  std::string arguments;   // JSON text
  std::string tetraplets;  // JSON text
};

struct CallResult {
  int32_t ret_code = 0;
  std::string result;
};

class Context {
 public:
  Context(const air::Ast& ast, const RunParams& params, data::Stores stores, trace::TraceHandler* trace,
          uint32_t lcid, std::map<uint32_t, CallResult> call_results);

  const air::Ast& ast;
  RunParams params;
  data::Stores stores;  // union of prev and current plus what this run creates
  trace::TraceHandler* trace;
  uint32_t lcid;
  std::map<uint32_t, CallResult> call_results;  // not yet consumed

  bool complete = true;  // the subgraph completeness flag (execution.md 1.3.2)
  std::set<std::string> next_peers;
  std::map<uint32_t, CallRequest> call_requests;
  std::vector<Cid> signed_cids;  // what P signs at farewell (multiset)
  ErrorSlot last_error;
  ErrorSlot error;  // :error:
  uint32_t depth = 0;

  // Open folds, innermost last: `next` finds its fold here by the iterator's name.
  struct FoldFrame {
    air::NameId iterator = air::kNone;
    air::NodeId body = air::kNone;
    air::NodeId last = air::kNone;
    std::vector<Resolved> values;
    size_t index = 0;
    uint32_t stream_fold_id = 0;  // 0 for folds over scalars
    std::vector<uint32_t> positions;  // stream folds: the trace positions of the values
    bool exhausted_once = false;  // stream folds: the implicit never ran in this generation
  };
  std::vector<FoldFrame> folds;

  // ---- stores -------------------------------------------------------------------------------
  Cid store_value(const Json& value);
  Cid store_tetraplet(const Tetraplet& t);
  Cid store_service_result(const Cid& value_cid, const Cid& argument_hash, const Cid& tetraplet_cid);

  // ---- scalars and canons (language.md 4.2) ---------------------------------------------------
  // nullptr: not found (join). Sets *unset when the name was cleared by `new`.
  const Binding* find_scalar(air::NameId name, bool* unset) const;
  const Binding* find_canon(air::NameId name, bool* unset) const;
  Error set_scalar(air::NameId name, Resolved value);
  Error set_canon(air::NameId name, CanonPtr canon);
  bool is_iterator(air::NameId name) const;
  // 20004 / 20007 when `name` may not be written now (language.md 4.2).
  Error check_writable(air::NameId name, bool canon);
  void push_iterator(air::NameId name, Resolved value);
  void set_iterator(air::NameId name, Resolved value);
  void pop_iterator(air::NameId name);
  void declare_unset(air::NameId name, bool canon);
  void undeclare(air::NameId name, bool canon);

  // Fold scopes: entering a fold or a nested iteration opens a scope; leaving closes it.
  void open_scope();
  void close_scope();
  void hide_scope();    // `next` moves to the nested iteration: the current one turns invisible
  void unhide_scope();  // ... and back

  // ---- streams (execution.md 4) ----------------------------------------------------------------
  Stream* find_stream(air::NameId name, uint32_t pos);
  Stream* stream_for_write(air::NameId name, uint32_t pos, bool is_map);
  void push_restricted_stream(air::NameId name, air::Span span, bool is_map);
  std::unique_ptr<Stream> pop_restricted_stream(air::NameId name);
  std::vector<std::unique_ptr<Stream>>& global_streams() { return all_global_; }

  // ---- errors ---------------------------------------------------------------------------------
  Error uncatchable(int code, std::string message);
  Error catchable(const air::Node& node, int code, std::string message);
  void record_error(const ExecError& e);  // %last_error% / :error: update for a failure

  std::string instruction_text(const air::Node& node) const;

 private:
  struct NameBindings {
    std::vector<Binding> stack;
  };
  std::unordered_map<air::NameId, NameBindings> scalars_;
  std::unordered_map<air::NameId, NameBindings> canons_;
  struct ScopeInfo {
    uint64_t id;
    bool visible = true;
  };
  std::vector<ScopeInfo> scopes_;  // scopes_[0] is global
  uint64_t next_scope_id_ = 1;
  bool visible(const Binding& b) const;

  struct RestrictedStream {
    air::Span span;
    std::unique_ptr<Stream> stream;
  };
  std::unordered_map<air::NameId, std::vector<RestrictedStream>> restricted_;
  std::unordered_map<air::NameId, Stream*> global_;
  std::unordered_map<std::string, Cid> tetraplet_cids_;  // canonical text -> CID, hashed once
  std::vector<std::unique_ptr<Stream>> all_global_;

  friend Error set_binding(Context& ctx, std::unordered_map<air::NameId, NameBindings>& space, air::NameId name,
                           Binding b);
};

// The initial error object {"error_code":0,"message":""}.
Json no_error_object();

}  // namespace airvm::exec
