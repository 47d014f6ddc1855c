// Reading InterpreterData: JSON text -> Json tree -> typed data, refusing what the original
// refuses with serde's words (data-format.md 2.2-2.6, 7.3).
#include <cstdio>

#include "data/interpreter_data.h"
#include "data/json_number.h"
#include "data/json_text.h"
#include "data/encoding.h"
#include "data/peer_id.h"
#include "data/semver.h"

namespace airvm::data {

namespace {

// Messages quote the input as a Rust byte list; past this many bytes the list is cut short
// (the original quotes everything: 4 bytes of message per input byte).
constexpr size_t kQuotedBytesLimit = 1u << 20;

// How serde names an unexpected value in "invalid type" / "invalid value" messages.
std::string unexpected(const Json& v) {
  std::string out;
  switch (v.kind()) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return v.as_bool() ? "boolean `true`" : "boolean `false`";
    case JsonKind::U64:
    case JsonKind::I64:
      out = "integer `";
      append_json_number(v, &out);
      return out + "`";
    case JsonKind::F64:
      out = "floating point `";
      append_json_number(v, &out);
      return out + "`";
    case JsonKind::String:
      out = "string ";
      append_json_string(v.as_string(), &out);
      return out;
    case JsonKind::Array: return "sequence";
    case JsonKind::Object: return "map";
  }
  return "value";
}

// Typed reading of the Json tree; the first error wins and stops everything.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  const JsonError& error() const { return error_; }

  // serde reports a wrong container before its opening bracket and a wrong scalar after it.
  bool fail_at(const Json& v, std::string message) {
    bool container = v.is_array() || v.is_object();
    error_ = json_error_at(text_, container ? v.source_begin() : v.source_end(), false, std::move(message));
    return false;
  }
  // Errors about a key (a repeated field, an unknown variant, a bad signature key) are
  // reported just past the key.
  bool fail_after_key(const JsonMember& m, std::string message) {
    error_ = json_error_at(text_, m.key_end, false, std::move(message));
    return false;
  }
  bool fail_at_end(const Json& object, std::string message) {
    error_ = json_error_at(text_, object.source_end(), false, std::move(message));
    return false;
  }
  bool invalid_type(const Json& v, std::string_view expected) {
    return fail_at(v, "invalid type: " + unexpected(v) + ", expected " + std::string(expected));
  }
  bool missing_field(const Json& object, const char* field) {
    error_ = json_error_at(text_, object.source_end(), false, std::string("missing field `") + field + "`");
    return false;
  }

  bool read_u32(const Json& v, uint32_t* out) {
    if (v.kind() == JsonKind::U64 && v.as_u64() <= UINT32_MAX) {
      *out = static_cast<uint32_t>(v.as_u64());
      return true;
    }
    if (v.kind() == JsonKind::U64 || v.kind() == JsonKind::I64) {
      return fail_at(v, "invalid value: " + unexpected(v) + ", expected u32");
    }
    return invalid_type(v, "u32");
  }

  bool read_string(const Json& v, std::string* out) {
    if (!v.is_string()) return invalid_type(v, "a string");
    *out = v.as_string();
    return true;
  }

  // A struct-like object: visits known fields in written order, refuses repeated ones, and
  // names the first missing required field (in declaration order) at the closing brace.
  template <size_t N, typename Visit>
  bool read_struct(const Json& v, const char* expected, const char* const (&fields)[N], unsigned required,
                   Visit visit) {
    if (!v.is_object()) return invalid_type(v, expected);
    unsigned seen = 0;
    for (const JsonMember& m : v.members()) {
      for (size_t i = 0; i < N; ++i) {
        if (m.key != fields[i]) continue;
        if (seen & (1u << i)) return fail_after_key(m, std::string("duplicate field `") + fields[i] + "`");
        seen |= 1u << i;
        if (!visit(i, m.value)) return false;
        break;
      }
    }
    for (size_t i = 0; i < N; ++i) {
      if ((required & (1u << i)) && !(seen & (1u << i))) return missing_field(v, fields[i]);
    }
    return true;
  }

  // An externally tagged enum: an object with one key naming the variant.
  template <size_t N>
  bool read_variant(const Json& v, const char* expected, const char* const (&variants)[N], size_t* which,
                    const Json** body) {
    if (!v.is_object() || v.members().empty()) {
      if (v.is_object()) return fail_at(v, "invalid length 0, expected " + std::string(expected));
      return invalid_type(v, expected);
    }
    const JsonMember& m = v.members().front();
    for (size_t i = 0; i < N; ++i) {
      if (m.key == variants[i]) {
        if (v.members().size() > 1) {
          error_ = json_error_at(text_, m.value.source_end(), false, "expected value");
          return false;
        }
        *which = i;
        *body = &m.value;
        return true;
      }
    }
    std::string message = "unknown variant `" + m.key + "`, expected one of ";
    for (size_t i = 0; i < N; ++i) message += (i ? ", `" : "`") + std::string(variants[i]) + "`";
    return fail_after_key(m, message);
  }

  bool read_state(const Json& v, State* s);
  bool read_call(const Json& v, State* s);
  bool read_fold(const Json& v, State* s);
  bool read_provenance(const Json& v, CanonElement* e);
  bool read_stores(const Json& v, Stores* stores);
  bool read_signatures(const Json& v, InterpreterData* data);
  bool read_data(const Json& v, InterpreterData* data);

 private:
  std::string_view text_;
  JsonError error_;
};

bool Reader::read_call(const Json& v, State* s) {
  static const char* const kCall[] = {"executed", "sent_by", "failed"};
  size_t which = 0;
  const Json* body = nullptr;
  if (!read_variant(v, "enum CallResult", kCall, &which, &body)) return false;
  if (which == 2) {
    s->call = CallKind::Failed;
    return read_string(*body, &s->text);
  }
  if (which == 1) {
    static const char* const kSender[] = {"PeerId", "PeerIdWithCallId"};
    const Json* sender = nullptr;
    if (!read_variant(*body, "enum Sender", kSender, &which, &sender)) return false;
    if (which == 0) {
      s->call = CallKind::SentBy;
      return read_string(*sender, &s->text);
    }
    s->call = CallKind::SentByWithCallId;
    static const char* const kFields[] = {"peer_id", "call_id"};
    return read_struct(*sender, "struct variant Sender::PeerIdWithCallId", kFields, 3u,
                       [&](size_t i, const Json& f) { return i == 0 ? read_string(f, &s->text) : read_u32(f, &s->call_id); });
  }
  static const char* const kValue[] = {"scalar", "stream", "unused"};
  const Json* value = nullptr;
  if (!read_variant(*body, "enum ValueRef", kValue, &which, &value)) return false;
  if (which == 1) {
    s->call = CallKind::Stream;
    static const char* const kFields[] = {"cid", "generation"};
    return read_struct(*value, "struct variant ValueRef::Stream", kFields, 3u,
                       [&](size_t i, const Json& f) { return i == 0 ? read_string(f, &s->text) : read_u32(f, &s->generation); });
  }
  s->call = which == 0 ? CallKind::Scalar : CallKind::Unused;
  return read_string(*value, &s->text);
}

bool Reader::read_fold(const Json& v, State* s) {
  static const char* const kFold[] = {"lore"};
  return read_struct(v, "struct FoldResult", kFold, 1u, [&](size_t, const Json& lore) {
    if (!lore.is_array()) return invalid_type(lore, "a sequence");
    s->lore.reserve(lore.items().size());
    for (const Json& item : lore.items()) {
      FoldLore fl;
      static const char* const kLore[] = {"pos", "desc"};
      bool ok = read_struct(item, "struct FoldSubTraceLore", kLore, 3u, [&](size_t i, const Json& f) {
        if (i == 0) return read_u32(f, &fl.pos);
        if (!f.is_array()) return invalid_type(f, "a sequence");
        for (const Json& d : f.items()) {
          SubtraceDesc sd;
          static const char* const kDesc[] = {"pos", "len"};
          if (!read_struct(d, "struct SubTraceDesc", kDesc, 3u, [&](size_t j, const Json& g) {
                return read_u32(g, j == 0 ? &sd.pos : &sd.len);
              })) {
            return false;
          }
          fl.desc.push_back(sd);
        }
        return true;
      });
      if (!ok) return false;
      s->lore.push_back(std::move(fl));
    }
    return true;
  });
}

bool Reader::read_state(const Json& v, State* s) {
  static const char* const kKinds[] = {"par", "call", "fold", "ap", "canon"};
  size_t which = 0;
  const Json* body = nullptr;
  if (!read_variant(v, "enum ExecutedState", kKinds, &which, &body)) return false;
  s->kind = static_cast<StateKind>(which);
  switch (s->kind) {
    case StateKind::Par: {
      if (!body->is_array()) return invalid_type(*body, "[left_size, right_size]");
      const auto& items = body->items();
      if (items.size() < 2) {
        error_ = json_error_at(text_, body->source_end(), false,
                               "failed to deserialize ParResult, not enough elements in serialized array");
        return false;
      }
      if (items.size() > 2) {
        error_ = json_error_at(text_, items[2].source_end(), false, "trailing characters");
        return false;
      }
      return read_u32(items[0], &s->left) && read_u32(items[1], &s->right);
    }
    case StateKind::Call: return read_call(*body, s);
    case StateKind::Fold: return read_fold(*body, s);
    case StateKind::Ap: {
      static const char* const kAp[] = {"gens"};
      return read_struct(*body, "struct ApResult", kAp, 1u, [&](size_t, const Json& gens) {
        if (!gens.is_array()) return invalid_type(gens, "a sequence");
        for (const Json& g : gens.items()) {
          uint32_t n = 0;
          if (!read_u32(g, &n)) return false;
          s->gens.push_back(n);
        }
        return true;
      });
    }
    case StateKind::Canon: {
      static const char* const kCanon[] = {"sent_by", "executed"};
      const Json* inner = nullptr;
      if (!read_variant(*body, "enum CanonResult", kCanon, &which, &inner)) return false;
      s->canon = which == 0 ? CanonKind::SentBy : CanonKind::Executed;
      return read_string(*inner, &s->text);
    }
  }
  return true;
}

bool Reader::read_stores(const Json& v, Stores* stores) {
  auto read_map = [&](const Json& m, auto&& read_item) {
    if (!m.is_object()) return invalid_type(m, "a map");
    // A repeated key keeps its last entry (data-format.md 2.6).
    for (uint32_t i : m.sorted()) {
      const JsonMember& e = m.members()[i];
      if (!read_item(e.key, e.value)) return false;
    }
    return true;
  };
  static const char* const kTetraplet[] = {"peer_pk", "service_id", "function_name", "json_path"};
  static const char* const kServiceResult[] = {"value_cid", "argument_hash", "tetraplet_cid"};
  static const char* const kElement[] = {"value", "tetraplet", "provenance"};
  static const char* const kResult[] = {"tetraplet", "values"};
  return read_struct(v, "struct CidInfo", kStoreNames, 31u, [&](size_t store, const Json& m) {
    switch (store) {
      case 0:
        return read_map(m, [&](const std::string& cid, const Json& item) {
          stores->values.emplace_hint(stores->values.end(), cid, item);
          return true;
        });
      case 1:
        return read_map(m, [&](const std::string& cid, const Json& item) {
          Tetraplet t;
          std::string* fields[] = {&t.peer_pk, &t.service_id, &t.function_name, &t.json_path};
          if (!read_struct(item, "struct SecurityTetraplet", kTetraplet, 15u,
                           [&](size_t i, const Json& f) { return read_string(f, fields[i]); })) {
            return false;
          }
          stores->tetraplets.emplace_hint(stores->tetraplets.end(), cid, std::move(t));
          return true;
        });
      case 2:
        return read_map(m, [&](const std::string& cid, const Json& item) {
          CanonElement e;
          bool ok = read_struct(item, "struct CanonCidAggregate", kElement, 7u, [&](size_t i, const Json& f) {
            if (i == 0) return read_string(f, &e.value);
            if (i == 1) return read_string(f, &e.tetraplet);
            return read_provenance(f, &e);
          });
          if (!ok) return false;
          stores->canon_elements.emplace_hint(stores->canon_elements.end(), cid, std::move(e));
          return true;
        });
      case 3:
        return read_map(m, [&](const std::string& cid, const Json& item) {
          CanonResult r;
          bool ok = read_struct(item, "struct CanonResultCidAggregate", kResult, 3u, [&](size_t i, const Json& f) {
            if (i == 0) return read_string(f, &r.tetraplet);
            if (!f.is_array()) return invalid_type(f, "a sequence");
            r.values.reserve(f.items().size());
            for (const Json& c : f.items()) {
              r.values.emplace_back();
              if (!read_string(c, &r.values.back())) return false;
            }
            return true;
          });
          if (!ok) return false;
          stores->canon_results.emplace_hint(stores->canon_results.end(), cid, std::move(r));
          return true;
        });
      default:
        return read_map(m, [&](const std::string& cid, const Json& item) {
          ServiceResult r;
          std::string* fields[] = {&r.value_cid, &r.argument_hash, &r.tetraplet_cid};
          if (!read_struct(item, "struct ServiceResultCidAggregate", kServiceResult, 7u,
                           [&](size_t i, const Json& f) { return read_string(f, fields[i]); })) {
            return false;
          }
          stores->service_results.emplace_hint(stores->service_results.end(), cid, std::move(r));
          return true;
        });
    }
  });
}

bool Reader::read_provenance(const Json& v, CanonElement* e) {
  // Internally tagged by "type" (data-format.md 2.3); the tag may stand anywhere.
  if (!v.is_object()) return invalid_type(v, "internally tagged enum Provenance");
  const Json* type = v.find("type");
  if (!type) return missing_field(v, "type");
  static const char* const kTypes[] = {"literal", "service_result", "canon"};
  size_t which = 3;
  if (type->is_string()) {
    for (size_t i = 0; i < 3; ++i) {
      if (type->as_string() == kTypes[i]) which = i;
    }
  }
  if (which == 3) {
    if (!type->is_string()) return invalid_type(*type, "variant identifier");
    return fail_at(*type, "unknown variant `" + type->as_string() +
                              "`, expected one of `literal`, `service_result`, `canon`");
  }
  e->provenance = static_cast<ProvenanceKind>(which);
  if (e->provenance == ProvenanceKind::Literal) return true;
  static const char* const kFields[] = {"cid"};
  return read_struct(v, "struct variant Provenance", kFields, 1u,
                     [&](size_t, const Json& f) { return read_string(f, &e->provenance_cid); });
}

bool Reader::read_signatures(const Json& v, InterpreterData* data) {
  if (!v.is_object()) return invalid_type(v, "a map");
  for (uint32_t i : v.sorted()) {
    const JsonMember& m = v.members()[i];
    SignatureEntry entry;
    entry.key_text = m.key;
    auto key = parse_public_key_text(m.key);
    if (!key) {
      std::string quoted;
      append_json_string(m.key, &quoted);
      // serde checks the key when it has read it, before its value.
      return fail_after_key(m, "invalid value: string " + quoted + ", expected expecting a base58-encoded public key string");
    }
    entry.public_key = *key;
    if (!read_string(m.value, &entry.signature_text)) return false;
    // Only the encoding and the format byte are checked here; a wrong length fails verification.
    auto sig = base58_decode(entry.signature_text);
    if (!sig || sig->empty() || (*sig)[0] != 0) {
      return fail_at(m.value, "invalid value: " + unexpected(m.value) + ", expected expecting a base58-encoded signature string");
    }
    entry.signature = sig->substr(1);
    data->signatures[entry.key_text] = std::move(entry);
  }
  return true;
}

bool Reader::read_data(const Json& v, InterpreterData* data) {
  static const char* const kFields[] = {"version", "interpreter_version", "trace", "lcid", "cid_info", "signatures"};
  // The two versions are a flattened struct in the original: they are read after every other
  // field, and their errors carry the position of the document's end.
  const Json* versions[2] = {nullptr, nullptr};
  bool ok = read_struct(v, "struct InterpreterData", kFields, 0x34u, [&](size_t i, const Json& f) {
    switch (i) {
      case 0:
      case 1:
        versions[i] = &f;
        return true;
      case 2: {
        if (!f.is_array()) return invalid_type(f, "a sequence");
        data->trace.resize(f.items().size());
        for (size_t k = 0; k < f.items().size(); ++k) {
          if (!read_state(f.items()[k], &data->trace[k])) return false;
        }
        return true;
      }
      case 3: return read_u32(f, &data->lcid);
      case 4: return read_stores(f, &data->stores);
      default: return read_signatures(f, data);
    }
  });
  if (!ok) return false;
  for (int i = 0; i < 2; ++i) {
    if (!versions[i]) return fail_at_end(v, std::string("missing field `") + kFields[i] + "`");
    if (!versions[i]->is_string()) {
      return fail_at_end(v, "invalid type: " + unexpected(*versions[i]) + ", expected a string");
    }
    std::string why = semver_error(versions[i]->as_string());
    if (!why.empty()) return fail_at_end(v, why);
    (i == 0 ? data->version : data->interpreter_version) = versions[i]->as_string();
  }
  return true;
}

// Skims JSON the way serde skips the values of fields it ignores: syntax checked, but no depth
// limit, no surrogate pairing and no UTF-8 check. Keeps only the two version strings of the
// top-level object: this is how the original gets the versions of data it can't read.
class VersionSkimmer {
 public:
  explicit VersionSkimmer(std::string_view text) : t_(text) {}

  bool skim(std::string* version, std::string* interpreter_version) {
    space();
    if (!eat('{')) return false;
    space();
    if (eat('}')) return false;
    bool have[2] = {false, false};
    for (;;) {
      space();
      std::string key;
      if (!string(&key)) return false;
      space();
      if (!eat(':')) return false;
      space();
      int slot = key == "version" ? 0 : key == "interpreter_version" ? 1 : -1;
      if (slot >= 0) {
        if (have[slot]) return false;  // duplicate field
        std::string* out = slot == 0 ? version : interpreter_version;
        if (!string(out) || !semver_error(*out).empty()) return false;
        have[slot] = true;
      } else if (!value()) {
        return false;
      }
      space();
      if (eat(',')) continue;
      if (eat('}')) break;
      return false;
    }
    space();
    return p_ == t_.size() && have[0] && have[1];  // and nothing after the document
  }

 private:
  bool eat(char c) {
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void space() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  static bool hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
  // A string; its text is kept only when `out` is given (escapes other than \uXXXX decoded).
  bool string(std::string* out) {
    if (!eat('"')) return false;
    if (out) out->clear();
    while (p_ < t_.size()) {
      unsigned char c = static_cast<unsigned char>(t_[p_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') {
        if (out) out->push_back(static_cast<char>(c));
        continue;
      }
      if (p_ >= t_.size()) return false;
      char e = t_[p_++];
      if (e == 'u') {
        for (int i = 0; i < 4; ++i) {
          if (p_ >= t_.size() || !hex(t_[p_++])) return false;
        }
        if (out) out->push_back('?');  // a version with an escape is not semver anyway
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      } else if (out) {
        out->push_back(e);
      }
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }
  bool number() {
    size_t start = p_;
    while (p_ < t_.size() && (is_digit(t_[p_]) || std::string_view("+-.eE").find(t_[p_]) != std::string_view::npos)) ++p_;
    return p_ > start && !parse_json_number(t_.substr(start, p_ - start)).error;
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  // One value, nested ones included, with an explicit stack of open brackets.
  bool value() {
    std::vector<char> open;
    for (;;) {
      space();
      if (p_ >= t_.size()) return false;
      char c = t_[p_];
      bool done_scalar = true;
      if (c == '[' || c == '{') {
        ++p_;
        open.push_back(c);
        space();
        if (eat(c == '[' ? ']' : '}')) {
          open.pop_back();
        } else {
          if (c == '{') {
            if (!string(nullptr)) return false;
            space();
            if (!eat(':')) return false;
          }
          continue;
        }
      } else if (c == '"') {
        if (!string(nullptr)) return false;
      } else if (c == 't') {
        if (!literal("true")) return false;
      } else if (c == 'f') {
        if (!literal("false")) return false;
      } else if (c == 'n') {
        if (!literal("null")) return false;
      } else if (!number()) {
        return false;
      }
      (void)done_scalar;
      // After a value: close brackets or move to the next element.
      for (;;) {
        if (open.empty()) return true;
        space();
        if (eat(',')) {
          if (open.back() == '{') {
            space();
            if (!string(nullptr)) return false;
            space();
            if (!eat(':')) return false;
          }
          break;
        }
        if (!eat(open.back() == '[' ? ']' : '}')) return false;
        open.pop_back();
      }
    }
  }

  std::string_view t_;
  size_t p_ = 0;
};

}  // namespace

std::string rust_byte_list(std::string_view bytes) {
  std::string out = "[";
  size_t n = bytes.size() < kQuotedBytesLimit ? bytes.size() : kQuotedBytesLimit;
  out.reserve(n * 4 + 32);
  char num[8];
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    std::snprintf(num, sizeof num, "%u", static_cast<unsigned>(static_cast<unsigned char>(bytes[i])));
    out += num;
  }
  if (n < bytes.size()) out += ", ... (" + std::to_string(bytes.size() - n) + " more bytes)";
  out += "]";
  return out;
}

DataRead read_data(std::string_view bytes) {
  DataRead out;
  if (bytes.empty()) {
    out.ok = true;
    return out;
  }
  JsonRead json = read_json(bytes);
  Reader reader(bytes);
  JsonError error;
  size_t first = bytes.find_first_not_of(" \t\n\r");
  if (json.ok) {
    if (reader.read_data(json.value, &out.data)) {
      out.ok = true;
      return out;
    }
    error = reader.error();
  } else if (first != std::string_view::npos && bytes[first] == '[') {
    // serde refuses a sequence at its first bracket, before reading any further.
    error = json_error_at(bytes, first, false, "invalid type: sequence, expected struct InterpreterData");
  } else {
    error = json.error;
  }
  out.data = InterpreterData{};
  out.detail = error.debug();
  std::string version, interpreter_version;
  if (VersionSkimmer(bytes).skim(&version, &interpreter_version)) {
    out.ret_code = 3;
    out.message = "an error occurred while data deserialization: " + out.detail + ".\nAquaVM's version is " +
                  std::string(kInterpreterVersion) + " and it expects data of " + std::string(kDataFormatVersion) +
                  " version.\nSupplied data version is " + version + ", it's produced by AquaVM of " +
                  interpreter_version + " version.\nData: " + rust_byte_list(bytes);
  } else {
    out.ret_code = 2;
    out.message = "an error occurred while data deserialization: " + out.detail + ".\nAquaVM version is " +
                  std::string(kInterpreterVersion) + " and it expect data of " + std::string(kDataFormatVersion) +
                  " version,it's failed to get version of AquaVM produced this data.\ndata: " + rust_byte_list(bytes);
  }
  return out;
}

}  // namespace airvm::data
