// JSON value handles: reference counting, object key order, equality.
#include "data/json.h"

#include <algorithm>

namespace airvm::data {

namespace {

struct JsonStringHeap : JsonHeap {
  std::string text;
};
struct JsonArrayHeap : JsonHeap {
  std::vector<Json> items;
};
struct JsonObjectHeap : JsonHeap {
  std::vector<JsonMember> members;
  std::vector<uint32_t> sorted;  // last member per key, keys in byte order
};

// Byte order of UTF-8 keys equals code point order (data-format.md 3.1).
bool key_less(std::string_view a, std::string_view b) {
  return a.compare(b) < 0;
}

const std::string& empty_string() {
  static const std::string kEmpty;
  return kEmpty;
}
const std::vector<Json>& empty_items() {
  static const std::vector<Json> kEmpty;
  return kEmpty;
}
const std::vector<JsonMember>& empty_members() {
  static const std::vector<JsonMember> kEmpty;
  return kEmpty;
}
const std::vector<uint32_t>& empty_sorted() {
  static const std::vector<uint32_t> kEmpty;
  return kEmpty;
}

}  // namespace

Json Json::boolean(bool b) {
  Json j;
  j.kind_ = JsonKind::Bool;
  j.u_ = 0;
  j.b_ = b;
  return j;
}

Json Json::u64(uint64_t v) {
  Json j;
  j.kind_ = JsonKind::U64;
  j.u_ = v;
  return j;
}

Json Json::i64(int64_t v) {
  Json j;
  j.kind_ = JsonKind::I64;
  j.i_ = v;
  return j;
}

Json Json::f64(double v) {
  Json j;
  j.kind_ = JsonKind::F64;
  j.f_ = v;
  return j;
}

Json Json::integer(int64_t v) {
  return v < 0 ? i64(v) : u64(static_cast<uint64_t>(v));
}

Json Json::string(std::string text) {
  auto* heap = new JsonStringHeap;
  heap->text = std::move(text);
  Json j;
  j.kind_ = JsonKind::String;
  j.heap_ = heap;
  return j;
}

Json Json::array(std::vector<Json> items) {
  auto* heap = new JsonArrayHeap;
  heap->items = std::move(items);
  Json j;
  j.kind_ = JsonKind::Array;
  j.heap_ = heap;
  return j;
}

Json Json::object(std::vector<JsonMember> members) {
  auto* heap = new JsonObjectHeap;
  heap->members = std::move(members);
  const auto& m = heap->members;
  std::vector<uint32_t>& order = heap->sorted;
  order.resize(m.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // Stable sort keeps written order among equal keys; the last of each run wins.
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return key_less(m[a].key, m[b].key); });
  size_t out = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && m[order[i]].key == m[order[i + 1]].key) continue;
    order[out++] = order[i];
  }
  order.resize(out);
  Json j;
  j.kind_ = JsonKind::Object;
  j.heap_ = heap;
  return j;
}

Json::Json(const Json& other) : kind_(other.kind_), end_(other.end_), u_(other.u_) {
  retain();
}

Json::Json(Json&& other) noexcept : kind_(other.kind_), end_(other.end_), u_(other.u_) {
  other.kind_ = JsonKind::Null;
}

Json& Json::operator=(const Json& other) {
  if (this == &other) return *this;
  other.retain();
  release();
  kind_ = other.kind_;
  end_ = other.end_;
  u_ = other.u_;
  return *this;
}

Json& Json::operator=(Json&& other) noexcept {
  if (this == &other) return *this;
  release();
  kind_ = other.kind_;
  end_ = other.end_;
  u_ = other.u_;
  other.kind_ = JsonKind::Null;
  return *this;
}

Json::~Json() { release(); }

void Json::retain() const {
  if (has_heap()) ++heap_->refs;
}

void Json::release() {
  if (!has_heap() || --heap_->refs != 0) return;
  switch (kind_) {
    case JsonKind::String: delete static_cast<JsonStringHeap*>(heap_); break;
    case JsonKind::Array: delete static_cast<JsonArrayHeap*>(heap_); break;
    case JsonKind::Object: delete static_cast<JsonObjectHeap*>(heap_); break;
    default: break;
  }
  kind_ = JsonKind::Null;
}

const std::string& Json::as_string() const {
  return kind_ == JsonKind::String ? static_cast<const JsonStringHeap*>(heap_)->text : empty_string();
}

const std::vector<Json>& Json::items() const {
  return kind_ == JsonKind::Array ? static_cast<const JsonArrayHeap*>(heap_)->items : empty_items();
}

const std::vector<JsonMember>& Json::members() const {
  return kind_ == JsonKind::Object ? static_cast<const JsonObjectHeap*>(heap_)->members : empty_members();
}

const std::vector<uint32_t>& Json::sorted() const {
  return kind_ == JsonKind::Object ? static_cast<const JsonObjectHeap*>(heap_)->sorted : empty_sorted();
}

const Json* Json::find(std::string_view key) const {
  const auto& m = members();
  const auto& order = sorted();
  auto it = std::lower_bound(order.begin(), order.end(), key,
                             [&](uint32_t i, std::string_view k) { return key_less(m[i].key, k); });
  if (it == order.end() || m[*it].key != key) return nullptr;
  return &m[*it].value;
}

uint32_t Json::source_begin() const { return has_heap() ? heap_->begin : end_; }

void Json::set_source_begin(uint32_t begin) {
  if (has_heap()) heap_->begin = begin;
}

bool operator==(const Json& a, const Json& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case JsonKind::Null: return true;
    case JsonKind::Bool: return a.b_ == b.b_;
    case JsonKind::U64: return a.u_ == b.u_;
    case JsonKind::I64: return a.i_ == b.i_;
    case JsonKind::F64: return a.f_ == b.f_;
    case JsonKind::String: return a.heap_ == b.heap_ || a.as_string() == b.as_string();
    case JsonKind::Array: return a.heap_ == b.heap_ || a.items() == b.items();
    case JsonKind::Object: {
      if (a.heap_ == b.heap_) return true;
      const auto& sa = a.sorted();
      const auto& sb = b.sorted();
      if (sa.size() != sb.size()) return false;
      for (size_t i = 0; i < sa.size(); ++i) {
        const JsonMember& ma = a.members()[sa[i]];
        const JsonMember& mb = b.members()[sb[i]];
        if (ma.key != mb.key || !(ma.value == mb.value)) return false;
      }
      return true;
    }
  }
  return false;
}

const char* json_kind_name(const Json& value) {
  switch (value.kind()) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "boolean";
    case JsonKind::U64:
    case JsonKind::I64: return "integer";
    case JsonKind::F64: return "floating point";
    case JsonKind::String: return "string";
    case JsonKind::Array: return "sequence";
    case JsonKind::Object: return "map";
  }
  return "value";
}

}  // namespace airvm::data
