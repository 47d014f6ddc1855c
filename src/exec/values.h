// Resolving operands to values with tetraplets, and applying lenses (language.md 1.9, 3.2, 4).
#pragma once

#include "exec/context.h"

namespace airvm::exec {

// The literal tetraplet {init_peer_id, "", "", ""} (language.md 4.7).
Tetraplet literal_tetraplet(const Context& ctx);

// Resolves operand `value` of `node`. Returns an error (catchable or not), or nullptr with
// *join set when a variable is not set yet (the caller decides whether that waits).
Error resolve(Context& ctx, const air::Node& node, air::ValueId value, Resolved* out, bool* join);

// Like resolve, but a missing variable is the catchable 10003 (no join: fail operands).
Error resolve_no_join(Context& ctx, const air::Node& node, air::ValueId value, Resolved* out);

// The error raised for a missing variable, 10003.
Error variable_not_found(Context& ctx, const air::Node& node, air::NameId name);

// A tetraplet as the original's 20017 messages print it (Rust's Debug of SecurityTetraplet).
std::string debug_tetraplet(const Tetraplet& t);
bool same_tetraplet(const Tetraplet& a, const Tetraplet& b);

// The uncatchable 20010 for a CID missing from its store, `what` naming the store's item.
Error value_not_found(Context& ctx, const char* what, const Cid& cid);

// A value's name as error texts quote it.
std::string value_name(const Context& ctx, air::ValueId value);

}  // namespace airvm::exec
