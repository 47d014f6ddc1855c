// The state a fold over a stream keeps between the generations it runs (execution.md 4.8).
#pragma once

#include <vector>

#include "exec/context.h"

namespace airvm::exec {

struct StreamFoldState {
  Stream* stream = nullptr;
  uint32_t id = 0;                                 // the trace handler's fold id
  size_t cursor[3] = {0, 0, 0};                    // generation slots seen, per source
  bool observer = false;                           // some generation's chain ended complete
  std::vector<std::vector<StreamValue>> batch;     // the generations of the current batch
  size_t generation = 0;                           // the one running
};

}  // namespace airvm::exec
