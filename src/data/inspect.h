// A readable view of InterpreterData for people (`airvm inspect`) and machines (`--json`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace airvm::data {

struct InspectOptions {
  std::optional<std::string> particle_id;  // signatures are checked only when it is given
  bool json = false;                       // machine-readable output
};

struct InspectResult {
  int ret_code = 0;       // 0, or the read error's code (2, 3) when the data can't be read
  std::string error_message;
  std::string text;       // the report (JSON text with options.json)
  bool verified = false;  // every store CID recomputes, every reference resolves, every
                          // signature verifies over options.particle_id
  std::string first_bad;  // why not, naming the first bad entry
};

InspectResult inspect_data(std::string_view bytes, const InspectOptions& options);

}  // namespace airvm::data
