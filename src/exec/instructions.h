// One file per instruction; execute() walks the script with an explicit stack of frames so
// that neither deep nesting nor long folds use the (small, host-owned) native stack.
#pragma once

#include "exec/context.h"

namespace airvm::exec {

// Runs the instruction `id` and everything under it. nullptr is success (check
// ctx.complete); an error is catchable or not.
Error execute(Context& ctx, air::NodeId id);

// Leaf instructions run to completion in one call.
Error exec_call(Context& ctx, const air::Node& node);
Error exec_ap(Context& ctx, const air::Node& node);     // ap and ap-map
Error exec_canon(Context& ctx, const air::Node& node);  // all three forms
Error exec_fail(Context& ctx, const air::Node& node);

struct StreamFoldState;  // fold.cpp

// One running instruction with children. Its step function is called first with phase 0,
// then again with the result of each child it asked for.
struct Frame {
  air::NodeId node = air::kNone;
  uint32_t phase = 0;
  bool flag = false;         // par: the left branch was complete
  size_t fold = 0;           // folds and next: index into ctx.folds
  Error saved;               // par: the left branch's error
  std::unique_ptr<StreamFoldState> stream_fold;
  Frame();
  explicit Frame(air::NodeId n);
  Frame(Frame&&) noexcept;
  Frame& operator=(Frame&&) noexcept;
  ~Frame();
};

// What a step asks the walk to do next: run a child (then call the step again) or finish.
struct Step {
  air::NodeId child = air::kNone;  // push this node
  Error result;                    // when child == kNone: the instruction's result
  static Step run(air::NodeId child) { return Step{child, nullptr}; }
  static Step done(Error e = nullptr) { return Step{air::kNone, std::move(e)}; }
};

Step step_seq(Context& ctx, Frame& f, Error child);
Step step_par(Context& ctx, Frame& f, Error child);
Step step_xor(Context& ctx, Frame& f, Error child);
Step step_match(Context& ctx, Frame& f, Error child);  // match and mismatch
Step step_new(Context& ctx, Frame& f, Error child);
Step step_fold(Context& ctx, Frame& f, Error child);   // over scalars, canons, streams, maps
Step step_next(Context& ctx, Frame& f, Error child);

// Shared by call and ap: puts a value into a stream with the merged generation (or as new)
// and checks the size limit (execution.md 4.1, 4.6).
enum class StreamSource : uint8_t { Previous, Current, New };
Error add_to_stream(Context& ctx, Stream* stream, StreamValue value, StreamSource source, uint32_t generation);

// Renumbers one stream instance's generations and writes them into the result trace (4.4).
Error compact_stream(Context& ctx, const Stream& stream);

// The trace handler's failure as the uncatchable 20000 naming the instruction.
Error trace_error(Context& ctx, const air::Node& node, const trace::TraceError& e);

}  // namespace airvm::exec
