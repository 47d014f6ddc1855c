// One function per instruction (one file each); execute() dispatches on the node's op.
#pragma once

#include "exec/context.h"

namespace airvm::exec {

// Runs one instruction. nullptr is success (check ctx.complete); an error is catchable or not.
Error execute(Context& ctx, air::NodeId id);

Error exec_call(Context& ctx, const air::Node& node);
Error exec_seq(Context& ctx, const air::Node& node);
Error exec_par(Context& ctx, const air::Node& node);
Error exec_xor(Context& ctx, const air::Node& node);
Error exec_match(Context& ctx, const air::Node& node);  // match and mismatch
Error exec_ap(Context& ctx, const air::Node& node);     // ap and ap-map
Error exec_canon(Context& ctx, const air::Node& node);  // all three forms
Error exec_fold(Context& ctx, const air::Node& node);   // over scalars, canons, streams, maps
Error exec_next(Context& ctx, const air::Node& node);
Error exec_new(Context& ctx, const air::Node& node);
Error exec_fail(Context& ctx, const air::Node& node);

// Shared by call and ap: puts a value into a stream with the merged generation (or as new)
// and checks the size limit (execution.md 4.1, 4.6).
enum class StreamSource : uint8_t { Previous, Current, New };
Error add_to_stream(Context& ctx, Stream* stream, StreamValue value, StreamSource source, uint32_t generation);

// Renumbers one stream instance's generations and writes them into the result trace (4.4).
Error compact_stream(Context& ctx, const Stream& stream);

// The trace handler's failure as the uncatchable 20000 naming the instruction.
Error trace_error(Context& ctx, const air::Node& node, const trace::TraceError& e);

}  // namespace airvm::exec
