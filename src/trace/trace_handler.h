// The trace handler: merges the prev and current traces state by state as the walk reaches
// each instruction, and builds the result trace (execution.md 2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/interpreter_data.h"

namespace airvm::trace {

using data::State;

// A trace-handler failure: uncatchable (family 20000), named in the original's words.
struct TraceError {
  std::string message;
};

// Which input a merged state (and so a replayed value) came from (execution.md 2.4).
enum class Source : uint8_t { Previous, Current, Both };

// A read window over one input trace (execution.md 2.2).
struct Slider {
  const std::vector<State>* trace = nullptr;
  uint64_t position = 0;  // next index to read
  uint64_t window = 0;    // length of the sub-trace that may be read
  uint64_t seen = 0;      // states read since the window was set

  const State* next();
  uint64_t remaining() const { return window - seen; }
  bool set_window(uint64_t len, TraceError* error);
  bool set_position_and_window(uint64_t pos, uint64_t len, TraceError* error);
};

// The result of pulling the next pair of states for one instruction (execution.md 2.3).
struct Pulled {
  const State* prev = nullptr;
  const State* current = nullptr;
  uint64_t prev_pos = 0;
  uint64_t current_pos = 0;
};

// A fold lore read from an input, with its windows resolved (execution.md 2.8.2).
struct ResolvedLore {
  uint64_t before_pos = 0, before_len = 0;
  uint64_t after_pos = 0, after_len = 0;
};

class TraceHandler {
 public:
  TraceHandler(const std::vector<State>& prev, const std::vector<State>& current);

  std::vector<State>& result() { return result_; }
  uint32_t result_len() const { return static_cast<uint32_t>(result_.size()); }

  // call / ap / canon: the merged state (nullopt: not met) and its source.
  bool call_merge(std::optional<State>* merged, Source* source, TraceError* error);
  bool ap_merge(std::optional<State>* merged, Source* source, TraceError* error);
  bool canon_merge(std::optional<State>* merged, TraceError* error);

  // par: start, the end of its left branch, the end of its right branch (execution.md 2.7).
  bool par_start(TraceError* error);
  void par_left_end();
  void par_right_end();

  // fold over a stream (execution.md 2.8.3); `id` comes from new_fold_id().
  uint32_t new_fold_id() { return ++last_fold_id_; }
  bool fold_start(uint32_t id, TraceError* error);
  bool iteration_start(uint32_t id, uint32_t value_pos, TraceError* error);
  void iteration_end(uint32_t id);
  bool back_iterator(uint32_t id, TraceError* error);
  void generation_end(uint32_t id);
  void fold_end(uint32_t id);

  // Appends a state to the result trace.
  void append(State s) { result_.push_back(std::move(s)); }

 private:
  struct ParFrame {
    size_t placeholder = 0;
    size_t base = 0;
    uint32_t left_count = 0;
    uint64_t left_restore[2][2] = {};   // [side][position, window]
    uint64_t right_restore[2][2] = {};
    uint64_t right_window[2] = {};
  };
  struct LoreBuilder {
    uint32_t value_pos = 0;
    uint64_t before_start = 0, before_end = 0, after_start = 0, after_end = 0;
    int state = 0;  // 0 BeforeStarted, 1 BeforeCompleted, 2 AfterStarted, 3 AfterCompleted
    std::optional<ResolvedLore> lore[2];  // taken from prev / current
  };
  struct FoldFrame {
    size_t placeholder = 0;
    std::unordered_map<uint64_t, ResolvedLore> lores[2];  // by the lore's `pos`
    uint64_t restore[2][2] = {};
    std::vector<data::FoldLore> result_lores;
    std::vector<LoreBuilder> queue;
    size_t cursor = 0;  // k of execution.md 2.8.3
    bool unwinding = false;
  };

  bool pull(data::StateKind kind, Pulled* pulled, TraceError* error);
  bool resolve_fold(const State& fold, const std::vector<State>& trace, std::unordered_map<uint64_t, ResolvedLore>* out,
                    uint64_t* count, TraceError* error);
  void apply_after_windows(LoreBuilder& b);

  Slider sliders_[2];  // prev, current
  std::vector<State> result_;
  std::vector<ParFrame> pars_;
  std::unordered_map<uint32_t, FoldFrame> folds_;
  uint32_t last_fold_id_ = 0;

 public:
  // Position maps new -> prev / current, filled by call and ap merges (execution.md 2.9).
  std::unordered_map<uint32_t, uint64_t> new_to_prev;
  std::unordered_map<uint32_t, uint64_t> new_to_current;
};

// Debug-style description of a state, as the original's trace errors print it.
std::string describe_state(const State& s);
// A call state's value part, e.g. Unused(CID("...")), as ValuesNotEqual prints it.
std::string describe_value(const State& s);

}  // namespace airvm::trace
