// Stream values by source and generation, the size limit, and compaction (execution.md 4).
#include "exec/instructions.h"

namespace airvm::exec {

Error add_to_stream(Context& ctx, Stream* stream, StreamValue value, StreamSource source, uint32_t generation) {
  auto& gens = stream->gens[static_cast<int>(source)];
  if (source == StreamSource::New) {
    generation = gens.empty() ? 0 : gens.rbegin()->first;
  }
  gens[generation].push_back(std::move(value));
  if (++stream->size >= kStreamSizeLimit) {
    return ctx.uncatchable(20013, "stream size goes over the allowed limit of " + std::to_string(kStreamSizeLimit));
  }
  return nullptr;
}

Error compact_stream(Context& ctx, const Stream& stream) {
  uint32_t k = 0;
  auto& result = ctx.trace->result();
  for (const auto& source : stream.gens) {
    for (const auto& [g, values] : source) {
      if (values.empty()) continue;
      for (const StreamValue& v : values) {
        if (v.trace_pos >= result.size()) {
          return ctx.uncatchable(20001, "compaction: trace position " + std::to_string(v.trace_pos) + " points to nowhere");
        }
        data::State& s = result[v.trace_pos];
        if (s.kind == data::StateKind::Ap) {
          s.gens = {k};
        } else if (s.kind == data::StateKind::Call && s.call == data::CallKind::Stream) {
          s.generation = k;
        } else {
          return ctx.uncatchable(20001, "compaction: trace position " + std::to_string(v.trace_pos) +
                                            " points to a state without a generation");
        }
      }
      ++k;
    }
  }
  return nullptr;
}

}  // namespace airvm::exec
