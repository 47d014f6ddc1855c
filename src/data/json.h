// JSON values as the original's serde_json sees them: u64 / i64 / f64 numbers kept apart,
// objects with keys in UTF-8 byte order. Strings, arrays and objects are immutable and shared
// by reference count, so a value read from data is never deep-copied afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airvm::data {

enum class JsonKind : uint8_t { Null, Bool, U64, I64, F64, String, Array, Object };

class Json;

// A member of an object in the order it was written (duplicates kept; see JsonObject).
struct JsonMember;

// Shared body of strings, arrays and objects. Not thread-safe: one invoke owns its values.
struct JsonHeap {
  mutable uint32_t refs = 1;
  uint32_t begin = 0;  // byte offset of the opening quote/bracket in the text it was read from
};

class Json {
 public:
  Json() : kind_(JsonKind::Null), u_(0) {}
  static Json boolean(bool b);
  static Json u64(uint64_t v);
  static Json i64(int64_t v);  // only for negatives, as serde_json does (3.3)
  static Json f64(double v);
  static Json integer(int64_t v);  // non-negative -> U64, negative -> I64
  static Json string(std::string text);
  static Json array(std::vector<Json> items);
  // Members in written order; a repeated key keeps its last value (data-format.md 3.1).
  static Json object(std::vector<JsonMember> members);

  Json(const Json& other);
  Json(Json&& other) noexcept;
  Json& operator=(const Json& other);
  Json& operator=(Json&& other) noexcept;
  ~Json();

  JsonKind kind() const { return kind_; }
  bool is_null() const { return kind_ == JsonKind::Null; }
  bool is_string() const { return kind_ == JsonKind::String; }
  bool is_array() const { return kind_ == JsonKind::Array; }
  bool is_object() const { return kind_ == JsonKind::Object; }
  bool is_number() const { return kind_ == JsonKind::U64 || kind_ == JsonKind::I64 || kind_ == JsonKind::F64; }

  bool as_bool() const { return b_; }
  uint64_t as_u64() const { return u_; }
  int64_t as_i64() const { return i_; }
  double as_f64() const { return f_; }
  const std::string& as_string() const;
  const std::vector<Json>& items() const;            // Array
  const std::vector<JsonMember>& members() const;    // Object, written order, duplicates kept
  const std::vector<uint32_t>& sorted() const;       // Object: indexes of the last member per key, keys ascending

  // Object lookup (last member with that key), or nullptr.
  const Json* find(std::string_view key) const;

  // Where this value ends / begins in the text it was read from (0 for built values).
  uint32_t source_end() const { return end_; }
  uint32_t source_begin() const;
  void set_source_end(uint32_t end) { end_ = end; }
  void set_source_begin(uint32_t begin);

  // Structural equality as serde_json::Value compares (kinds matter: 1 != 1.0).
  friend bool operator==(const Json& a, const Json& b);

 private:
  JsonKind kind_;
  uint32_t end_ = 0;
  union {
    bool b_;
    uint64_t u_;
    int64_t i_;
    double f_;
    JsonHeap* heap_;
  };
  bool has_heap() const { return kind_ >= JsonKind::String; }
  void release();
  void retain() const;
};

struct JsonMember {
  std::string key;
  Json value;
  uint32_t key_end = 0;  // byte offset just past the key's closing quote in the text read
};

// Name of a kind as serde_json's "invalid type" messages spell it.
const char* json_kind_name(const Json& value);

}  // namespace airvm::data
