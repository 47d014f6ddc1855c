// Operands to values: literals, special variables, scalars, iterators, canon streams, lenses.
#include "exec/values.h"

#include "air/text.h"
#include "data/json_text.h"

namespace airvm::exec {

using air::AccessorKind;
using air::ValueKind;

Tetraplet literal_tetraplet(const Context& ctx) { return Tetraplet{ctx.params.init_peer_id, "", "", ""}; }

std::string value_name(const Context& ctx, air::ValueId id) {
  std::string out;
  air::append_value(ctx.ast, id, &out);
  return out;
}

std::string debug_tetraplet(const Tetraplet& t) {
  return "SecurityTetraplet { peer_pk: \"" + t.peer_pk + "\", service_id: \"" + t.service_id + "\", function_name: \"" +
         t.function_name + "\", json_path: \"" + t.json_path + "\" }";
}

bool same_tetraplet(const Tetraplet& a, const Tetraplet& b) {
  return a.peer_pk == b.peer_pk && a.service_id == b.service_id && a.function_name == b.function_name &&
         a.json_path == b.json_path;
}

Error value_not_found(Context& ctx, const char* what, const Cid& cid) {
  return ctx.uncatchable(20010, std::string(what) + " for CID \"" + cid + "\" not found");
}

Error variable_not_found(Context& ctx, const air::Node& node, air::NameId name) {
  return ctx.catchable(node, 10003, "variable with name '" + std::string(ctx.ast.name(name)) +
                                        "' wasn't defined during script execution");
}

namespace {

std::string text_of(const Json& v) { return data::to_json_text(v); }

Error lens_error(Context& ctx, const air::Node& node, std::string message) {
  return ctx.catchable(node, 10007, std::move(message));
}

// An accessor `[name]`: the variable's value, or a join.
Error accessor_value(Context& ctx, const air::Node& node, air::NameId name, Json* out, bool* iterator, bool* join) {
  bool unset = false;
  const Binding* b = ctx.find_scalar(name, &unset);
  if (!b) {
    if (unset) {
      return ctx.catchable(node, 10009, "variable with name '" + std::string(ctx.ast.name(name)) +
                                            "' was cleared by new and then wasn't set");
    }
    *join = true;
    return nullptr;
  }
  *out = b->value.value;
  *iterator = b->iterator;
  return nullptr;
}

// Applies accessors [from, lens.count) of a `.$` lens to a JSON value.
Error apply_accessors(Context& ctx, const air::Node& node, const air::Lens& lens, uint32_t from, Json* v, bool* join) {
  for (uint32_t i = from; i < lens.count; ++i) {
    const air::Accessor& a = ctx.ast.accessors[lens.first + i];
    std::string field;
    bool by_index = a.kind == AccessorKind::Index;
    uint64_t index = a.index;
    if (a.kind == AccessorKind::Field) field = std::string(ctx.ast.text(a.field));
    if (a.kind == AccessorKind::Scalar) {
      Json key;
      bool iterator = false;
      if (Error e = accessor_value(ctx, node, a.scalar, &key, &iterator, join)) return e;
      if (*join) return nullptr;
      if (key.is_string()) {
        field = key.as_string();
      } else if (key.kind() == data::JsonKind::U64 && key.as_u64() <= UINT32_MAX) {
        by_index = true;
        index = key.as_u64();
      } else if (key.is_number()) {
        return lens_error(ctx, node, "index accessor `" + text_of(key) + " can't be converted to u32`");
      } else {
        return lens_error(ctx, node, "scalar accessor `" + text_of(key) + "` should has number or string type");
      }
    }
    if (by_index) {
      if (!v->is_array()) {
        return lens_error(ctx, node, "value '" + text_of(*v) + "' is not an array-type to match array accessor with idx = '" +
                                         std::to_string(index) + "'");
      }
      if (index >= v->items().size()) {
        return lens_error(ctx, node, "value '" + text_of(*v) + "' does not contain element for idx = '" +
                                         std::to_string(index) + "'");
      }
      Json next = v->items()[index];
      *v = std::move(next);
    } else {
      if (!v->is_object()) {
        return lens_error(ctx, node, "value '" + text_of(*v) +
                                         "' is not an map-type to match field accessor with field_name = '" + field + "'");
      }
      const Json* f = v->find(field);
      if (!f) {
        return lens_error(ctx, node, "value '" + text_of(*v) + "' does not contain element with field name = '" + field + "'");
      }
      Json next = *f;
      *v = std::move(next);
    }
  }
  return nullptr;
}

// The accessors of a lens from index `from` on, as `.field` / `.[n]` / `.[name]`.
std::string accessors_text(const Context& ctx, const air::Lens& lens, uint32_t from) {
  std::string out;
  for (uint32_t i = from; i < lens.count; ++i) {
    const air::Accessor& a = ctx.ast.accessors[lens.first + i];
    switch (a.kind) {
      case AccessorKind::Field: out += "." + std::string(ctx.ast.text(a.field)); break;
      case AccessorKind::Index: out += ".[" + std::to_string(a.index) + "]"; break;
      case AccessorKind::Scalar: out += ".[" + std::string(ctx.ast.name(a.scalar)) + "]"; break;
    }
  }
  return out;
}

// A lens as tetraplets record it: normalised, without the `!` (it has no effect).
std::string lens_text(const Context& ctx, air::LensId lens) {
  std::string out;
  air::append_lens(ctx.ast, lens, &out);
  if (!out.empty() && out.back() == '!') out.pop_back();
  return out;
}

Error length_of(Context& ctx, const air::Node& node, const Json& v, Json* out) {
  if (!v.is_array()) {
    return ctx.catchable(node, 10010, "the length functor could applied only to an array-like value, but it's applied to '" +
                                          text_of(v) + "'");
  }
  *out = Json::u64(v.items().size());
  return nullptr;
}

// A scalar (or iterator, or error object) with an optional lens.
Error resolve_scalar_like(Context& ctx, const air::Node& node, const Resolved& base, air::LensId lens_id, bool append_lens,
                          Resolved* out, bool* join) {
  *out = base;
  if (lens_id == air::kNone) return nullptr;
  const air::Lens& lens = ctx.ast.lenses[lens_id];
  if (lens.is_length) {
    if (Error e = length_of(ctx, node, base.value, &out->value)) return e;
    // ("", "", "", ".length") per language.md 4.7; observed on the original (corpus runs): the
    // lens is left out when the value is (a copy of) the literal [].
    out->tetraplets = {Tetraplet{"", "", "", base.empty_literal ? "" : ".length"}};
    out->empty_literal = false;
    return nullptr;
  }
  if (Error e = apply_accessors(ctx, node, lens, 0, &out->value, join)) return e;
  if (append_lens && !out->tetraplets.empty()) out->tetraplets[0].json_path += lens_text(ctx, lens_id);
  return nullptr;
}

Json canon_array(const Canon& c) {
  std::vector<Json> items;
  items.reserve(c.values.size());
  for (const CanonElement& e : c.values) items.push_back(e.value);
  return Json::array(std::move(items));
}

// The key a canon map accessor names (language.md 4.4); *key is a string or an integer.
Error map_key(Context& ctx, const air::Node& node, const air::Accessor& a, Json* key, bool* join) {
  if (a.kind == AccessorKind::Field) {
    *key = Json::string(std::string(ctx.ast.text(a.field)));
    return nullptr;
  }
  if (a.kind == AccessorKind::Index) {
    *key = Json::u64(a.index);
    return nullptr;
  }
  bool iterator = false;
  if (Error e = accessor_value(ctx, node, a.scalar, key, &iterator, join)) return e;
  if (*join) return nullptr;
  if (iterator) return lens_error(ctx, node, "canon stream map accessor must not be iterable");
  if (!key->is_string() && key->kind() != data::JsonKind::U64 && key->kind() != data::JsonKind::I64) {
    return lens_error(ctx, node, "canon stream map accessor `" + text_of(*key) + "` should be either string or number");
  }
  return nullptr;
}

bool same_key(const Json& a, const Json& b) { return a == b; }

Error resolve_canon_map(Context& ctx, const air::Node& node, const air::Value& v, const Canon& c, Resolved* out,
                        bool* join) {
  if (v.lens == air::kNone) {
    // An object from the string form of every key to the array of its values.
    std::vector<std::string> keys;
    std::vector<std::vector<Json>> values;
    out->tetraplets.clear();
    for (const CanonElement& e : c.values) {
      const Json* k = e.value.find("key");
      const Json* val = e.value.find("value");
      if (!k || !val) continue;
      std::string name = k->is_string() ? k->as_string() : text_of(*k);
      size_t i = 0;
      while (i < keys.size() && keys[i] != name) ++i;
      if (i == keys.size()) {
        keys.push_back(name);
        values.emplace_back();
      }
      values[i].push_back(*val);
      out->tetraplets.push_back(e.tetraplet);
    }
    std::vector<data::JsonMember> members;
    for (size_t i = 0; i < keys.size(); ++i) members.push_back({keys[i], Json::array(std::move(values[i])), 0});
    out->value = Json::object(std::move(members));
    out->provenance = Provenance{data::ProvenanceKind::Canon, c.result_cid};
    return nullptr;
  }
  const air::Lens& lens = ctx.ast.lenses[v.lens];
  if (lens.is_length) {
    out->value = Json::u64(c.values.size());
    out->tetraplets = {Tetraplet{ctx.params.current_peer_id, "", "", "length"}};
    out->provenance = Provenance{};
    return nullptr;
  }
  Json key;
  if (Error e = map_key(ctx, node, ctx.ast.accessors[lens.first], &key, join)) return e;
  if (*join) return nullptr;
  std::vector<const CanonElement*> selected;
  for (const CanonElement& e : c.values) {
    const Json* k = e.value.find("key");
    if (k && same_key(*k, key)) selected.push_back(&e);
  }
  std::vector<Json> items;
  for (const CanonElement* e : selected) items.push_back(*e->value.find("value"));
  Tetraplet map_tetraplet{c.tetraplet.peer_pk, "", "", lens_text(ctx, v.lens)};
  out->provenance = Provenance{data::ProvenanceKind::Canon, c.result_cid};
  if (selected.empty() || lens.count == 1) {  // a missing key is [] whatever follows
    out->value = Json::array(std::move(items));
    out->tetraplets = {map_tetraplet};
    return nullptr;
  }
  const air::Accessor& second = ctx.ast.accessors[lens.first + 1];
  uint64_t index = second.index;
  if (second.kind == AccessorKind::Field) {
    return lens_error(ctx, node, "field accessor (with field name = '" + std::string(ctx.ast.text(second.field)) +
                                     "') can't be applied to a stream");
  }
  if (second.kind == AccessorKind::Scalar) {
    Json n;
    bool iterator = false;
    if (Error e = accessor_value(ctx, node, second.scalar, &n, &iterator, join)) return e;
    if (*join) return nullptr;
    if (n.kind() != data::JsonKind::U64 || n.as_u64() > UINT32_MAX) {
      return lens_error(ctx, node, "stream accessor `" + text_of(n) + "` should has number (u32) type");
    }
    index = n.as_u64();
  }
  if (index >= selected.size()) {
    return lens_error(ctx, node, "lambda is applied to a stream that have only '" + std::to_string(selected.size()) +
                                     "' elements, but '" + std::to_string(index) + "' requested");
  }
  const CanonElement& e = *selected[index];
  out->value = items[index];
  out->tetraplets = {e.tetraplet};
  out->provenance = e.provenance;
  if (lens.count > 2) {
    // The pair's tetraplet with the rest of the path, without `.$` (language.md 4.7).
    out->tetraplets[0].json_path += accessors_text(ctx, lens, 2);
    return apply_accessors(ctx, node, lens, 2, &out->value, join);
  }
  return nullptr;
}

Error resolve_canon(Context& ctx, const air::Node& node, const air::Value& v, Resolved* out, bool* join) {
  bool unset = false;
  const Binding* b = ctx.find_canon(v.name, &unset);
  if (!b) {
    if (unset) {
      return ctx.catchable(node, 10009, "variable with name '" + std::string(ctx.ast.name(v.name)) +
                                            "' was cleared by new and then wasn't set");
    }
    *join = true;
    return nullptr;
  }
  const Canon& c = *b->canon;
  if (c.is_map) return resolve_canon_map(ctx, node, v, c, out, join);
  if (v.lens == air::kNone) {
    out->value = canon_array(c);
    out->tetraplets.clear();
    for (const CanonElement& e : c.values) out->tetraplets.push_back(e.tetraplet);
    out->provenance = Provenance{data::ProvenanceKind::Canon, c.result_cid};
    return nullptr;
  }
  const air::Lens& lens = ctx.ast.lenses[v.lens];
  if (lens.is_length) {
    out->value = Json::u64(c.values.size());
    out->tetraplets = {Tetraplet{ctx.params.current_peer_id, ".length", "", ""}};
    out->provenance = Provenance{};
    return nullptr;
  }
  // The first accessor picks an element (language.md 5.2).
  const air::Accessor& first = ctx.ast.accessors[lens.first];
  uint64_t index = first.index;
  if (first.kind == AccessorKind::Field) {
    return lens_error(ctx, node, "field accessor (with field name = '" + std::string(ctx.ast.text(first.field)) +
                                     "') can't be applied to a stream");
  }
  if (first.kind == AccessorKind::Scalar) {
    Json key;
    bool iterator = false;
    if (Error e = accessor_value(ctx, node, first.scalar, &key, &iterator, join)) return e;
    if (*join) return nullptr;
    if (key.kind() != data::JsonKind::U64 || key.as_u64() > UINT32_MAX) {
      return lens_error(ctx, node, "stream accessor `" + text_of(key) + "` should has number (u32) type");
    }
    index = key.as_u64();
  }
  if (index >= c.values.size()) {
    return lens_error(ctx, node, "lambda is applied to a stream that have only '" + std::to_string(c.values.size()) +
                                     "' elements, but '" + std::to_string(index) + "' requested");
  }
  const CanonElement& e = c.values[index];
  out->value = e.value;
  out->tetraplets = {e.tetraplet};
  out->provenance = e.provenance;
  return apply_accessors(ctx, node, lens, 1, &out->value, join);
}

Resolved literal(const Context& ctx, Json value) {
  Resolved r;
  r.value = std::move(value);
  r.tetraplets = {literal_tetraplet(ctx)};
  return r;
}

Resolved error_slot_value(const Context& ctx, const ErrorSlot& slot) {
  Resolved r;
  r.value = slot.object;
  r.tetraplets = {slot.tetraplet ? *slot.tetraplet : literal_tetraplet(ctx)};
  return r;
}

}  // namespace

Error resolve(Context& ctx, const air::Node& node, air::ValueId id, Resolved* out, bool* join) {
  *join = false;
  const air::Value& v = ctx.ast.values[id];
  switch (v.kind) {
    case ValueKind::InitPeerId: *out = literal(ctx, Json::string(ctx.params.init_peer_id)); return nullptr;
    case ValueKind::Timestamp: *out = literal(ctx, Json::u64(ctx.params.timestamp)); return nullptr;
    case ValueKind::Ttl: *out = literal(ctx, Json::u64(ctx.params.ttl)); return nullptr;
    case ValueKind::Literal: *out = literal(ctx, Json::string(std::string(ctx.ast.text(v.text)))); return nullptr;
    case ValueKind::Int: *out = literal(ctx, Json::integer(v.i)); return nullptr;
    case ValueKind::Float: *out = literal(ctx, Json::f64(v.f)); return nullptr;
    case ValueKind::Bool: *out = literal(ctx, Json::boolean(v.b)); return nullptr;
    case ValueKind::EmptyArray:
      *out = literal(ctx, Json::array({}));
      out->empty_literal = true;
      return nullptr;
    case ValueKind::LastError:
    case ValueKind::Error: {
      Resolved base = error_slot_value(ctx, v.kind == ValueKind::LastError ? ctx.last_error : ctx.error);
      // The lens is not appended to an error's tetraplet (language.md 4.6).
      return resolve_scalar_like(ctx, node, base, v.lens, false, out, join);
    }
    case ValueKind::Scalar: {
      bool unset = false;
      const Binding* b = ctx.find_scalar(v.name, &unset);
      if (!b) {
        if (unset) {
          return ctx.catchable(node, 10009, "variable with name '" + std::string(ctx.ast.name(v.name)) +
                                                "' was cleared by new and then wasn't set");
        }
        *join = true;
        return nullptr;
      }
      Resolved base = b->value;
      return resolve_scalar_like(ctx, node, base, v.lens, true, out, join);
    }
    case ValueKind::CanonStream:
    case ValueKind::CanonStreamMap: return resolve_canon(ctx, node, v, out, join);
    case ValueKind::Stream:
    case ValueKind::StreamMap: break;
  }
  return ctx.uncatchable(20015, "a stream can't be used as a value here");
}

Error resolve_no_join(Context& ctx, const air::Node& node, air::ValueId id, Resolved* out) {
  bool join = false;
  if (Error e = resolve(ctx, node, id, out, &join)) return e;
  if (join) {
    const air::Value& v = ctx.ast.values[id];
    return variable_not_found(ctx, node, v.name);
  }
  return nullptr;
}

}  // namespace airvm::exec
