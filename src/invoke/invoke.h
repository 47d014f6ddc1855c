// invoke(): the interpreter as a pure state-transition function, in the original's three
// phases: preparation, execution, farewell (execution.md 1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "air/parse.h"

namespace airvm {

// RunParameters (data-format.md 1.1).
struct RunParameters {
  std::string init_peer_id;
  std::string current_peer_id;
  uint64_t timestamp = 0;
  uint32_t ttl = 0;
  uint8_t key_format = 0;         // 0 = Ed25519 (data-format.md 5.1)
  std::string secret_key_bytes;   // the 32-byte seed for Ed25519
  std::string particle_id;
};

// InterpreterOutcome (data-format.md 1.1, 1.6).
struct InterpreterOutcome {
  int64_t ret_code = 0;
  std::string error_message;
  std::string data;                        // new data, or prev data on failure
  std::vector<std::string> next_peer_pks;  // ascending, no duplicates
  std::string call_requests;               // JSON object text, ids ascending
};

struct InvokeOptions {
  air::ParseOptions parse;
  // Refuse a current_peer_id that is not the key's peer id up front (ret 6); the original
  // does not check (data-format.md 5.4), so this is off by default.
  bool check_peer_id = false;
};

InterpreterOutcome invoke(std::string_view air, std::string_view prev_data, std::string_view current_data,
                          const RunParameters& params, std::string_view call_results, const InvokeOptions& options = {});

}  // namespace airvm
