// The trace handler's merge rules (execution.md 2), state by state.
#include <catch2/catch.hpp>

#include "trace/trace_handler.h"

using namespace airvm;
using data::CallKind;
using data::State;
using data::StateKind;

namespace {

State call(CallKind k, std::string text, uint32_t extra = 0) {
  State s;
  s.kind = StateKind::Call;
  s.call = k;
  s.text = std::move(text);
  s.generation = extra;
  s.call_id = extra;
  return s;
}

State par(uint32_t l, uint32_t r) {
  State s;
  s.kind = StateKind::Par;
  s.left = l;
  s.right = r;
  return s;
}

State ap(uint32_t g) {
  State s;
  s.kind = StateKind::Ap;
  s.gens = {g};
  return s;
}

}  // namespace

TEST_CASE("a slider reads only inside its window and refuses windows past the trace") {
  std::vector<State> t = {par(0, 0), par(0, 0), par(0, 0)};
  trace::Slider s{&t, 0, t.size(), 0};
  trace::TraceError e;
  REQUIRE(s.set_window(2, &e));
  CHECK(s.next());
  CHECK(s.next());
  CHECK_FALSE(s.next());
  CHECK_FALSE(s.set_window(2, &e));
  CHECK(s.set_position_and_window(7, 0, &e));  // an empty window may point anywhere
  CHECK_FALSE(s.set_position_and_window(2, 2, &e));
}

TEST_CASE("call merge follows the table of execution.md 2.4") {
  const std::vector<State> sent = {call(CallKind::SentBy, "X")};
  const std::vector<State> executed = {call(CallKind::Scalar, "cid-a")};
  const std::vector<State> other = {call(CallKind::Scalar, "cid-b")};
  const std::vector<State> failed = {call(CallKind::Failed, "cid-f")};
  const std::vector<State> none;
  std::optional<State> merged;
  trace::Source source;
  trace::TraceError e;

  SECTION("nothing recorded: not met") {
    trace::TraceHandler h(none, none);
    REQUIRE(h.call_merge(&merged, &source, &e));
    CHECK_FALSE(merged);
  }
  SECTION("a sent state gives way to an executed one, from either side") {
    trace::TraceHandler h(sent, executed);
    REQUIRE(h.call_merge(&merged, &source, &e));
    CHECK(merged->call == CallKind::Scalar);
    CHECK(source == trace::Source::Current);
    trace::TraceHandler g(executed, sent);
    REQUIRE(g.call_merge(&merged, &source, &e));
    CHECK(source == trace::Source::Previous);
  }
  SECTION("equal executed values merge as Both, different ones are an error") {
    trace::TraceHandler h(executed, executed);
    REQUIRE(h.call_merge(&merged, &source, &e));
    CHECK(source == trace::Source::Both);
    trace::TraceHandler g(executed, other);
    CHECK_FALSE(g.call_merge(&merged, &source, &e));
    CHECK(e.message.rfind("values in call results are not equal: Scalar(CID(\"cid-a\")) != Scalar(CID(\"cid-b\"))", 0) == 0);
  }
  SECTION("executed against failed is incompatible") {
    trace::TraceHandler h(executed, failed);
    CHECK_FALSE(h.call_merge(&merged, &source, &e));
  }
  SECTION("a state of another kind is an error naming both states") {
    const std::vector<State> p = {par(0, 0)};
    trace::TraceHandler h(sent, p);
    CHECK_FALSE(h.call_merge(&merged, &source, &e));
    CHECK(e.message == "previous and current data have incompatible states: 'Call(RequestSentBy(PeerId(\"X\")))' "
                       "'Par(ParResult { left_size: 0, right_size: 0 })'");
  }
}

TEST_CASE("par windows are merged side by side and the output sizes recomputed (execution.md 2.7, E4)") {
  // prev: par(1,0) call; current: par(0,1) call — different windows, one state each.
  const std::vector<State> prev = {par(1, 0), call(CallKind::Scalar, "left")};
  const std::vector<State> current = {par(0, 1), call(CallKind::Scalar, "right")};
  trace::TraceHandler h(prev, current);
  trace::TraceError e;
  std::optional<State> merged;
  trace::Source source;
  REQUIRE(h.par_start(&e));
  REQUIRE(h.call_merge(&merged, &source, &e));
  CHECK(merged->text == "left");
  h.append(*merged);
  h.par_left_end();
  REQUIRE(h.call_merge(&merged, &source, &e));
  CHECK(merged->text == "right");
  h.append(*merged);
  h.par_right_end();
  REQUIRE(h.result().size() == 3);
  CHECK(h.result()[0].left == 1);
  CHECK(h.result()[0].right == 1);
}

TEST_CASE("a par larger than its enclosing window is an underflow error") {
  const std::vector<State> prev = {par(42, 1)};
  trace::TraceHandler h(prev, {});
  trace::TraceError e;
  CHECK_FALSE(h.par_start(&e));
  CHECK(e.message.find("underflow is occurred") == 0);
}

TEST_CASE("ap merge takes prev's generation and refuses several generations") {
  const std::vector<State> prev = {ap(3)};
  const std::vector<State> current = {ap(5)};
  trace::TraceHandler h(prev, current);
  std::optional<State> merged;
  trace::Source source;
  trace::TraceError e;
  REQUIRE(h.ap_merge(&merged, &source, &e));
  CHECK(merged->gens[0] == 3);
  CHECK(source == trace::Source::Both);
  State two = ap(0);
  two.gens.push_back(1);
  const std::vector<State> bad = {two};
  trace::TraceHandler g(bad, {});
  CHECK_FALSE(g.ap_merge(&merged, &source, &e));
  CHECK(e.message == "ApResult { res_generations: [0, 1] } ap result contains inappropriate generation count in destination");
}

TEST_CASE("fold lores of one generation resolve to windows reaching the end of the generation (execution.md 2.8.2)") {
  // The example of 2.8.2: lores (7:[15,2|23,1]) (9:[17,2|22,1]) (12:[19,2|21,1]), one generation.
  std::vector<State> t(24, call(CallKind::Scalar, "x"));
  for (uint32_t p : {7u, 9u, 12u}) t[p] = call(CallKind::Stream, "v", 0);
  State fold;
  fold.kind = StateKind::Fold;
  fold.lore = {{7, {{15, 2}, {23, 1}}}, {9, {{17, 2}, {22, 1}}}, {12, {{19, 2}, {21, 1}}}};
  t[14] = fold;
  // A handler whose prev slider stands at the fold state: read it through fold_start.
  std::vector<State> prev(t.begin() + 14, t.end());
  // Positions inside lores refer to the whole trace, so resolve against t itself.
  trace::TraceHandler h(t, {});
  trace::TraceError e;
  for (int i = 0; i < 14; ++i) {
    std::optional<State> merged;
    trace::Source source;
    REQUIRE(h.call_merge(&merged, &source, &e));
    h.append(*merged);
  }
  const uint32_t id = h.new_fold_id();
  REQUIRE(h.fold_start(id, &e));
  // The value at result position 7 was merged from prev position 7 (both maps filled by merges).
  REQUIRE(h.iteration_start(id, 7, &e));
  std::optional<State> merged;
  trace::Source source;
  REQUIRE(h.call_merge(&merged, &source, &e));  // reads prev position 15: inside before(15, 9)
}
