// Writing InterpreterData exactly as the original writes it (data-format.md 2, 3).
#include <cstdio>

#include "data/interpreter_data.h"
#include "data/json_text.h"

namespace airvm::data {

namespace {

void append_u32(uint32_t n, std::string* out) {
  char text[12];
  int len = std::snprintf(text, sizeof text, "%u", n);
  out->append(text, static_cast<size_t>(len));
}

// "key":"string value"
void append_field(const char* key, std::string_view value, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
  append_json_string(value, out);
}

void append_u32_field(const char* key, uint32_t value, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
  append_u32(value, out);
}

void append_call(const State& s, std::string* out) {
  out->append("{\"call\":");
  switch (s.call) {
    case CallKind::Scalar:
      out->append("{\"executed\":{");
      append_field("scalar", s.text, out);
      out->append("}}");
      break;
    case CallKind::Stream:
      out->append("{\"executed\":{\"stream\":{");
      append_field("cid", s.text, out);
      out->push_back(',');
      append_u32_field("generation", s.generation, out);
      out->append("}}}");
      break;
    case CallKind::Unused:
      out->append("{\"executed\":{");
      append_field("unused", s.text, out);
      out->append("}}");
      break;
    case CallKind::Failed:
      out->push_back('{');
      append_field("failed", s.text, out);
      out->push_back('}');
      break;
    case CallKind::SentBy:
      out->append("{\"sent_by\":{");
      append_field("PeerId", s.text, out);
      out->append("}}");
      break;
    case CallKind::SentByWithCallId:
      out->append("{\"sent_by\":{\"PeerIdWithCallId\":{");
      append_field("peer_id", s.text, out);
      out->push_back(',');
      append_u32_field("call_id", s.call_id, out);
      out->append("}}}");
      break;
  }
  out->push_back('}');
}

void append_fold(const State& s, std::string* out) {
  out->append("{\"fold\":{\"lore\":[");
  for (size_t i = 0; i < s.lore.size(); ++i) {
    if (i) out->push_back(',');
    out->push_back('{');
    append_u32_field("pos", s.lore[i].pos, out);
    out->append(",\"desc\":[");
    const auto& desc = s.lore[i].desc;
    for (size_t j = 0; j < desc.size(); ++j) {
      if (j) out->push_back(',');
      out->push_back('{');
      append_u32_field("pos", desc[j].pos, out);
      out->push_back(',');
      append_u32_field("len", desc[j].len, out);
      out->push_back('}');
    }
    out->append("]}");
  }
  out->append("]}}");
}

template <typename T, typename Append>
void append_store(const CidMap<T>& store, Append append_item, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [cid, item] : store) {
    if (!first) out->push_back(',');
    first = false;
    append_json_string(cid, out);
    out->push_back(':');
    append_item(item, out);
  }
  out->push_back('}');
}

}  // namespace

void append_tetraplet(const Tetraplet& t, std::string* out) {
  out->push_back('{');
  append_field("peer_pk", t.peer_pk, out);
  out->push_back(',');
  append_field("service_id", t.service_id, out);
  out->push_back(',');
  append_field("function_name", t.function_name, out);
  out->push_back(',');
  append_field("json_path", t.json_path, out);
  out->push_back('}');
}

void append_service_result(const ServiceResult& r, std::string* out) {
  out->push_back('{');
  append_field("value_cid", r.value_cid, out);
  out->push_back(',');
  append_field("argument_hash", r.argument_hash, out);
  out->push_back(',');
  append_field("tetraplet_cid", r.tetraplet_cid, out);
  out->push_back('}');
}

void append_canon_element(const CanonElement& e, std::string* out) {
  out->push_back('{');
  append_field("value", e.value, out);
  out->push_back(',');
  append_field("tetraplet", e.tetraplet, out);
  out->append(",\"provenance\":{");
  switch (e.provenance) {
    case ProvenanceKind::Literal: out->append("\"type\":\"literal\""); break;
    case ProvenanceKind::ServiceResult:
      out->append("\"type\":\"service_result\",");
      append_field("cid", e.provenance_cid, out);
      break;
    case ProvenanceKind::Canon:
      out->append("\"type\":\"canon\",");
      append_field("cid", e.provenance_cid, out);
      break;
  }
  out->append("}}");
}

void append_canon_result(const CanonResult& r, std::string* out) {
  out->push_back('{');
  append_field("tetraplet", r.tetraplet, out);
  out->append(",\"values\":[");
  for (size_t i = 0; i < r.values.size(); ++i) {
    if (i) out->push_back(',');
    append_json_string(r.values[i], out);
  }
  out->append("]}");
}

void append_state(const State& s, std::string* out) {
  switch (s.kind) {
    case StateKind::Par:
      out->append("{\"par\":[");
      append_u32(s.left, out);
      out->push_back(',');
      append_u32(s.right, out);
      out->append("]}");
      break;
    case StateKind::Call: append_call(s, out); break;
    case StateKind::Fold: append_fold(s, out); break;
    case StateKind::Ap:
      out->append("{\"ap\":{\"gens\":[");
      for (size_t i = 0; i < s.gens.size(); ++i) {
        if (i) out->push_back(',');
        append_u32(s.gens[i], out);
      }
      out->append("]}}");
      break;
    case StateKind::Canon:
      out->append("{\"canon\":{");
      append_field(s.canon == CanonKind::Executed ? "executed" : "sent_by", s.text, out);
      out->append("}}");
      break;
  }
}

std::string write_data(const InterpreterData& data) {
  std::string out;
  out.reserve(256 + data.trace.size() * 96 + data.stores.values.size() * 128);
  out.push_back('{');
  append_field("version", data.version, &out);
  out.push_back(',');
  append_field("interpreter_version", data.interpreter_version, &out);
  out.append(",\"trace\":[");
  for (size_t i = 0; i < data.trace.size(); ++i) {
    if (i) out.push_back(',');
    append_state(data.trace[i], &out);
  }
  out.append("],");
  append_u32_field("lcid", data.lcid, &out);
  const Stores& s = data.stores;
  out.append(",\"cid_info\":{\"value_store\":");
  append_store(s.values, [](const Json& v, std::string* o) { append_json(v, o); }, &out);
  out.append(",\"tetraplet_store\":");
  append_store(s.tetraplets, append_tetraplet, &out);
  out.append(",\"canon_element_store\":");
  append_store(s.canon_elements, append_canon_element, &out);
  out.append(",\"canon_result_store\":");
  append_store(s.canon_results, append_canon_result, &out);
  out.append(",\"service_result_store\":");
  append_store(s.service_results, append_service_result, &out);
  out.append("},\"signatures\":{");
  bool first = true;
  for (const auto& [key, entry] : data.signatures) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(key, &out);
    out.push_back(':');
    append_json_string(entry.signature_text, &out);
  }
  out.append("}}");
  return out;
}

}  // namespace airvm::data
