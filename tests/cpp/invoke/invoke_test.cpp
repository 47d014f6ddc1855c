// invoke() natively: the phases, the trace shapes of the worked examples, errors as values.
#include <catch2/catch.hpp>

#include <string>

#include "data/interpreter_data.h"
#include "data/json_text.h"
#include "invoke/invoke.h"

using namespace airvm;

namespace {

const std::string kA = "12D3KooWMkm3xnUxCoQeixDBsKBExUXVHrbgVAhxvjwYqTRxuBWg";
const std::string kB = "12D3KooWE6qppT5nCqu6Ric8QZhPFL4MVtz5aBTZE4QBGY2H1fCy";

RunParameters params(const std::string& peer, int index) {
  RunParameters p;
  p.init_peer_id = kA;
  p.current_peer_id = peer;
  p.timestamp = 1;
  p.ttl = 2;
  p.secret_key_bytes = std::string(32, '\0');
  p.secret_key_bytes[0] = static_cast<char>(index + 1);
  p.secret_key_bytes[31] = 7;
  p.particle_id = "p-native";
  return p;
}

data::InterpreterData read(const std::string& bytes) {
  data::DataRead r = data::read_data(bytes);
  REQUIRE(r.ok);
  return r.data;
}

}  // namespace

TEST_CASE("E1: a call forwarded to B, executed there, and its result back at A") {
  const std::string air = "(seq (call \"" + kB + "\" (\"s\" \"f\") [] x) (call %init_peer_id% (\"s\" \"g\") [x]))";
  InterpreterOutcome a1 = invoke(air, "", "", params(kA, 0), "{}");
  REQUIRE(a1.ret_code == 0);
  CHECK(a1.next_peer_pks == std::vector<std::string>{kB});
  CHECK(read(a1.data).trace[0].call == data::CallKind::SentBy);
  InterpreterOutcome b1 = invoke(air, "", a1.data, params(kB, 1), "{}");
  REQUIRE(b1.ret_code == 0);
  CHECK(b1.call_requests.find("\"1\":{\"service_id\":\"s\",\"function_name\":\"f\",\"arguments\":\"[]\"") != std::string::npos);
  InterpreterOutcome b2 = invoke(air, b1.data, "", params(kB, 1), R"({"1":{"ret_code":0,"result":"[1,2]"}})");
  REQUIRE(b2.ret_code == 0);
  CHECK(b2.next_peer_pks == std::vector<std::string>{kA});
  InterpreterOutcome a2 = invoke(air, a1.data, b2.data, params(kA, 0), "{}");
  REQUIRE(a2.ret_code == 0);
  CHECK(a2.call_requests.find("\"arguments\":\"[[1,2]]\"") != std::string::npos);
  data::InterpreterData d = read(a2.data);
  CHECK(d.trace[0].call == data::CallKind::Scalar);
  CHECK(d.signatures.size() == 2);
}

TEST_CASE("a fold over a stream records a fold state with one lore per value and compacted generations") {
  // A (seq call next) body would stop at the pending call: the second value waits (4.8.3).
  const std::string air =
      "(seq (seq (ap 1 $s) (ap 2 $s)) (fold $s v (par (call %init_peer_id% (\"s\" \"f\") [v] $out) (next v))))";
  InterpreterOutcome o = invoke(air, "", "", params(kA, 0), "{}");
  REQUIRE(o.ret_code == 0);
  data::InterpreterData d = read(o.data);
  // ap ap fold par call par call: both values iterated, each iteration's call pending.
  REQUIRE(d.trace.size() == 7);
  CHECK(d.trace[0].kind == data::StateKind::Ap);
  CHECK(d.trace[0].gens[0] == 0);
  CHECK(d.trace[2].kind == data::StateKind::Fold);
  REQUIRE(d.trace[2].lore.size() == 2);
  CHECK(d.trace[2].lore[0].pos == 0);
  CHECK(d.trace[2].lore[1].pos == 1);
  CHECK(d.lcid == 2);
}

TEST_CASE("canon fixes a stream's values into the trace (execution.md 4.7)") {
  const std::string air = "(seq (seq (ap 1 $s) (ap \"two\" $s)) (seq (canon %init_peer_id% $s #c) (call %init_peer_id% (\"s\" \"f\") [#c])))";
  InterpreterOutcome o = invoke(air, "", "", params(kA, 0), "{}");
  REQUIRE(o.ret_code == 0);
  data::InterpreterData d = read(o.data);
  REQUIRE(d.trace.size() == 4);
  CHECK(d.trace[2].kind == data::StateKind::Canon);
  CHECK(d.stores.canon_results.size() == 1);
  CHECK(d.stores.canon_elements.size() == 2);
  CHECK(o.call_requests.find(R"(\"arguments\":\"[[1,\\\"two\\\"]]\")") == std::string::npos);
  CHECK(o.call_requests.find(R"([[1,\"two\"]])") != std::string::npos);
}

TEST_CASE("errors are values: preparation, uncatchable and catchable outcomes") {
  InterpreterOutcome bad_data = invoke("(null)", "", "{", params(kA, 0), "{}");
  CHECK(bad_data.ret_code == 2);
  CHECK(bad_data.data.empty());
  CHECK(bad_data.call_requests == "{}");
  InterpreterOutcome bad_results = invoke("(null)", "", "", params(kA, 0), "");
  CHECK(bad_results.ret_code == 4);
  RunParameters rsa = params(kA, 0);
  rsa.key_format = 1;
  CHECK(invoke("(null)", "", "", rsa, "{}").ret_code == 6);
  InterpreterOutcome prev = invoke("(ap 1 x)", "", "", params(kA, 0), "{}");
  InterpreterOutcome shadow = invoke("(seq (ap 1 x) (ap 2 x))", prev.data, "", params(kA, 0), "{}");
  CHECK(shadow.ret_code == 20007);
  CHECK(shadow.data == prev.data);
  InterpreterOutcome caught = invoke("(xor (match 1 2 (null)) (call %init_peer_id% (\"s\" \"log\") [:error:]))", "", "",
                                     params(kA, 0), "{}");
  CHECK(caught.ret_code == 0);
  CHECK(caught.call_requests.find("compared values do not match") != std::string::npos);
  InterpreterOutcome top = invoke("(fail 7 \"boom\")", "", "", params(kA, 0), "{}");
  CHECK(top.ret_code == 10006);
  CHECK_FALSE(top.data.empty());
}

TEST_CASE("the same data twice merges to itself (execution.md 5, idempotence)") {
  const std::string air = "(par (call \"" + kB + "\" (\"s\" \"f\") [] x) (ap 1 $s))";
  InterpreterOutcome a = invoke(air, "", "", params(kA, 0), "{}");
  REQUIRE(a.ret_code == 0);
  InterpreterOutcome again = invoke(air, a.data, a.data, params(kA, 0), "{}");
  REQUIRE(again.ret_code == 0);
  CHECK(again.data == a.data);
}

TEST_CASE("a finished fold over a stream leaves a fresh generation open for later values (execution.md 4.8.2)") {
  // The original writes ap(1) for the second value: it lands in the generation the fold opened.
  InterpreterOutcome o = invoke("(par (seq (ap 1 $s) (fold $s i (next i))) (ap 2 $s))", "", "", params(kA, 0), "{}");
  REQUIRE(o.ret_code == 0);
  data::InterpreterData d = read(o.data);
  REQUIRE(d.trace.size() == 4);
  CHECK(d.trace[3].gens[0] == 1);
}
