// (fail ...): raises a catchable error carrying an error object (language.md 5.6).
#include "data/json_text.h"
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

namespace {

// 10008 unless `o` is a valid error object: an object, error_code a non-zero integer,
// message a string, checked in that order.
Error check_error_object(Context& ctx, const air::Node& node, const Json& o) {
  const std::string text = data::to_json_text(o);
  auto bad = [&](std::string m) { return ctx.catchable(node, 10008, std::move(m)); };
  if (!o.is_object()) {
    return bad("scalar should have an object type to be converted into error object, but '" + text + "' doesn't have");
  }
  const Json* code = o.find("error_code");
  if (!code) return bad("scalar '" + text + "' must have field with name 'error_code'");
  if (code->kind() != data::JsonKind::U64 && code->kind() != data::JsonKind::I64) {
    return bad("error_code of scalar '" + text + "' must have integer type");
  }
  if (code->kind() == data::JsonKind::U64 && code->as_u64() == 0) return bad("error code must be non-zero, but it is zero");
  const Json* message = o.find("message");
  if (!message) return bad("scalar '" + text + "' must have field with name 'message'");
  if (!message->is_string()) return bad("message of scalar '" + text + "' must have string type");
  return nullptr;
}

Error user_error(Context& ctx, const air::Node& node, Json thrown, std::optional<Tetraplet> tetraplet) {
  Error e = ctx.catchable(node, 10006, "fail with '" + data::to_json_text(thrown) + "' is used without corresponding xor");
  e->thrown = std::move(thrown);
  e->tetraplet = std::move(tetraplet);
  return e;
}

}  // namespace

Error exec_fail(Context& ctx, const air::Node& node) {
  ctx.complete = false;
  switch (node.fail_kind) {
    case air::FailKind::Literal: {
      const air::Value& code = ctx.ast.values[node.a];
      const air::Value& message = ctx.ast.values[node.b];
      std::vector<data::JsonMember> m;
      m.push_back({"error_code", Json::integer(code.i), 0});
      m.push_back({"instruction", Json::string(ctx.instruction_text(node)), 0});
      m.push_back({"message", Json::string(std::string(ctx.ast.text(message.text))), 0});
      m.push_back({"peer_id", Json::string(ctx.params.init_peer_id), 0});
      return user_error(ctx, node, Json::object(std::move(m)), literal_tetraplet(ctx));
    }
    case air::FailKind::Value: {
      Resolved r;
      if (Error e = resolve_no_join(ctx, node, node.a, &r)) return e;
      if (Error e = check_error_object(ctx, node, r.value)) return e;
      std::optional<Tetraplet> t;
      if (!r.tetraplets.empty()) t = r.tetraplets[0];
      return user_error(ctx, node, r.value, t);
    }
    case air::FailKind::LastError: {
      if (Error e = check_error_object(ctx, node, ctx.last_error.object)) return e;
      return user_error(ctx, node, ctx.last_error.object, ctx.last_error.tetraplet);
    }
    case air::FailKind::Error: {
      if (Error e = check_error_object(ctx, node, ctx.error.object)) return e;
      if (!ctx.error.original) return user_error(ctx, node, ctx.error.object, ctx.error.tetraplet);
      // A re-throw: the caught error itself, as the enclosing xor caught it.
      Error e = std::make_unique<ExecError>(*ctx.error.original);
      e->recorded = false;
      e->thrown = ctx.error.object;
      e->tetraplet = ctx.error.tetraplet;
      e->original = ctx.error.original;
      return e;
    }
  }
  return nullptr;
}

}  // namespace airvm::exec
