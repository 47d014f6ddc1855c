// The inspect report: states with positions and resolved values, store sizes, signers.
#include "data/inspect.h"

#include <vector>

#include "data/interpreter_data.h"
#include "data/json_text.h"
#include "data/signing.h"
#include "data/verify.h"

namespace airvm::data {

namespace {

// Values longer than this are cut in the human report.
constexpr size_t kShownValueLength = 120;

std::string shorten(std::string text) {
  if (text.size() <= kShownValueLength) return text;
  size_t cut = kShownValueLength;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
}

struct Signer {
  std::string public_key;
  std::string peer_id;
  std::vector<std::string_view> cids;
  int valid = -1;  // -1 unchecked, 0 invalid, 1 valid
};

class Report {
 public:
  Report(const InterpreterData& data, const InspectOptions& options) : data_(data), options_(options) {}

  void check(InspectResult* r) {
    DataCheck c = verify_stores(data_);
    SignerGroups groups;
    DataCheck g = group_signers(data_, &groups);
    for (const auto& [peer, group] : groups) {
      Signer s{group.entry->key_text, peer, group.cids, -1};
      if (options_.particle_id) {
        s.valid = entry_verifies(*group.entry, group.cids, *options_.particle_id);
      }
      signers_.push_back(std::move(s));
    }
    r->verified = c.ok() && g.ok() && options_.particle_id.has_value();
    if (!c.ok()) r->first_bad = c.message;
    if (r->first_bad.empty() && !g.ok()) r->first_bad = g.message;
    for (const Signer& s : signers_) {
      if (s.valid == 1) continue;
      r->verified = false;
      if (r->first_bad.empty() && s.valid == 0) r->first_bad = "signature of " + s.peer_id + " (" + s.public_key + ") is invalid";
    }
    if (r->first_bad.empty() && !options_.particle_id) r->first_bad = "signatures not checked: no particle id";
    stores_ok_ = c.ok() && g.ok();
  }

  std::string json(const InspectResult& r) const {
    std::string out = "{\"version\":";
    append_json_string(data_.version, &out);
    out += ",\"interpreter_version\":";
    append_json_string(data_.interpreter_version, &out);
    out += ",\"trace\":[";
    for (size_t i = 0; i < data_.trace.size(); ++i) {
      if (i) out += ',';
      append_state(data_.trace[i], &out);
    }
    out += "],\"lcid\":" + std::to_string(data_.lcid) + ",\"stores\":{";
    const size_t sizes[5] = {data_.stores.values.size(), data_.stores.tetraplets.size(),
                             data_.stores.canon_elements.size(), data_.stores.canon_results.size(),
                             data_.stores.service_results.size()};
    for (int i = 0; i < 5; ++i) {
      if (i) out += ',';
      append_json_string(kStoreNames[i], &out);
      out += ':' + std::to_string(sizes[i]);
    }
    out += "},\"signatures\":[";
    for (size_t i = 0; i < signers_.size(); ++i) {
      const Signer& s = signers_[i];
      if (i) out += ',';
      out += "{\"public_key\":";
      append_json_string(s.public_key, &out);
      out += ",\"peer_id\":";
      append_json_string(s.peer_id, &out);
      out += ",\"valid\":";
      out += s.valid < 0 ? "null" : s.valid ? "true" : "false";
      out += ",\"cids\":[";
      for (size_t k = 0; k < s.cids.size(); ++k) {
        if (k) out += ',';
        append_json_string(s.cids[k], &out);
      }
      out += "]}";
    }
    out += "],\"cids_ok\":";
    out += stores_ok_ ? "true" : "false";
    out += ",\"first_bad\":";
    if (r.first_bad.empty()) {
      out += "null";
    } else {
      append_json_string(r.first_bad, &out);
    }
    out += "}";
    return out;
  }

  std::string text(const InspectResult& r) const {
    std::string out = "data " + data_.version + " written by interpreter " + data_.interpreter_version +
                      ", lcid " + std::to_string(data_.lcid) + "\n";
    out += "trace: " + std::to_string(data_.trace.size()) + " states\n";
    append_trace(&out);
    out += "stores:";
    const size_t sizes[5] = {data_.stores.values.size(), data_.stores.tetraplets.size(),
                             data_.stores.canon_elements.size(), data_.stores.canon_results.size(),
                             data_.stores.service_results.size()};
    for (int i = 0; i < 5; ++i) out += std::string(i ? ", " : " ") + kStoreNames[i] + " " + std::to_string(sizes[i]);
    out += "\nsignatures: " + std::to_string(signers_.size()) + "\n";
    for (const Signer& s : signers_) {
      out += "  " + s.peer_id + " key " + s.public_key + ": " +
             (s.valid < 0 ? "not checked (no particle id)" : s.valid ? "valid" : "INVALID") + " over " +
             std::to_string(s.cids.size()) + " CIDs\n";
    }
    out += r.verified ? "verified: every store CID recomputes and every signature verifies\n"
                      : "not verified: " + r.first_bad + "\n";
    return out;
  }

 private:
  // The value a service-result CID stands for, with where it came from.
  std::string describe_result(std::string_view cid) const {
    auto r = data_.stores.service_results.find(cid);
    if (r == data_.stores.service_results.end()) return std::string(cid) + " (missing from the store)";
    std::string out;
    auto v = data_.stores.values.find(r->second.value_cid);
    out += v == data_.stores.values.end() ? "(value missing)" : shorten(to_json_text(v->second));
    auto t = data_.stores.tetraplets.find(r->second.tetraplet_cid);
    if (t != data_.stores.tetraplets.end()) {
      out += "  from " + t->second.peer_pk + " " + t->second.service_id + "." + t->second.function_name;
      if (!t->second.json_path.empty()) out += " " + t->second.json_path;
    }
    return out;
  }

  std::string describe_canon(std::string_view cid) const {
    auto r = data_.stores.canon_results.find(cid);
    if (r == data_.stores.canon_results.end()) return std::string(cid) + " (missing from the store)";
    std::string out = "[";
    for (size_t i = 0; i < r->second.values.size(); ++i) {
      if (i) out += ",";
      auto e = data_.stores.canon_elements.find(r->second.values[i]);
      auto v = e == data_.stores.canon_elements.end() ? data_.stores.values.end() : data_.stores.values.find(e->second.value);
      out += v == data_.stores.values.end() ? "?" : to_json_text(v->second);
    }
    out = shorten(out + "]");
    auto t = data_.stores.tetraplets.find(r->second.tetraplet);
    if (t != data_.stores.tetraplets.end()) out += "  by " + t->second.peer_pk;
    return out;
  }

  std::string describe(const State& s) const {
    switch (s.kind) {
      case StateKind::Par: return "par [" + std::to_string(s.left) + ", " + std::to_string(s.right) + "]";
      case StateKind::Ap: {
        std::string out = "ap gens [";
        for (size_t i = 0; i < s.gens.size(); ++i) out += (i ? ", " : "") + std::to_string(s.gens[i]);
        return out + "]";
      }
      case StateKind::Canon:
        if (s.canon == CanonKind::SentBy) return "canon sent by " + s.text;
        return "canon " + describe_canon(s.text);
      case StateKind::Fold: return "fold over a stream, " + std::to_string(s.lore.size()) + " iterations";
      case StateKind::Call: break;
    }
    switch (s.call) {
      case CallKind::Scalar: return "call scalar = " + describe_result(s.text);
      case CallKind::Stream:
        return "call stream gen " + std::to_string(s.generation) + " = " + describe_result(s.text);
      case CallKind::Unused: return "call unused value " + s.text;
      case CallKind::Failed: return "call failed = " + describe_result(s.text);
      case CallKind::SentBy: return "call sent by " + s.text;
      case CallKind::SentByWithCallId:
        return "call sent by " + s.text + ", request " + std::to_string(s.call_id) + " pending";
    }
    return "";
  }

  // One line per state, indented inside the par and fold sub-traces that hold it.
  void append_trace(std::string* out) const {
    std::vector<uint64_t> open_ends;  // trace positions where enclosing sub-traces end
    for (size_t i = 0; i < data_.trace.size(); ++i) {
      while (!open_ends.empty() && open_ends.back() <= i) open_ends.pop_back();
      const State& s = data_.trace[i];
      *out += std::string(2 + 2 * open_ends.size(), ' ') + std::to_string(i) + "  " + describe(s) + "\n";
      if (s.kind == StateKind::Fold) {
        for (size_t k = 0; k < s.lore.size(); ++k) {
          *out += std::string(4 + 2 * open_ends.size(), ' ') + "iteration " + std::to_string(k) + ": value of state " +
                  std::to_string(s.lore[k].pos);
          for (const SubtraceDesc& d : s.lore[k].desc) {
            *out += ", states " + std::to_string(d.pos) + "+" + std::to_string(d.len);
          }
          *out += "\n";
        }
      }
      uint64_t span = 0;
      if (s.kind == StateKind::Par) span = uint64_t{s.left} + s.right;
      if (s.kind == StateKind::Fold) {
        for (const FoldLore& l : s.lore) {
          for (const SubtraceDesc& d : l.desc) span += d.len;
        }
      }
      if (span) open_ends.push_back(i + 1 + span);
    }
  }

  const InterpreterData& data_;
  const InspectOptions& options_;
  std::vector<Signer> signers_;
  bool stores_ok_ = false;
};

}  // namespace

InspectResult inspect_data(std::string_view bytes, const InspectOptions& options) {
  InspectResult r;
  DataRead read = read_data(bytes);
  if (!read.ok) {
    r.ret_code = read.ret_code;
    r.error_message = read.message;
    r.first_bad = read.detail;
    return r;
  }
  Report report(read.data, options);
  report.check(&r);
  r.text = options.json ? report.json(r) : report.text(r);
  return r;
}

}  // namespace airvm::data
