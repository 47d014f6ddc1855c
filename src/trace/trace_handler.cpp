// Sliders, pair pulling and the merge rules of call, ap, canon, par and fold states.
#include "trace/trace_handler.h"

#include <algorithm>

namespace airvm::trace {

using data::CallKind;
using data::CanonKind;
using data::StateKind;

namespace {

constexpr int kPrev = 0;
constexpr int kCurrent = 1;

const char* kind_name(StateKind k) {
  switch (k) {
    case StateKind::Par: return "par";
    case StateKind::Call: return "call";
    case StateKind::Fold: return "fold";
    case StateKind::Ap: return "ap";
    case StateKind::Canon: return "canon";
  }
  return "";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

bool fail(TraceError* error, std::string message) {
  error->message = std::move(message);
  return false;
}

}  // namespace

std::string describe_value(const State& s) {
  std::string text = describe_state(s);
  const std::string prefix = "Call(Executed(";
  if (text.rfind(prefix, 0) == 0) return text.substr(prefix.size(), text.size() - prefix.size() - 2);
  return text;
}

std::string describe_state(const State& s) {
  switch (s.kind) {
    case StateKind::Par:
      return "Par(ParResult { left_size: " + std::to_string(s.left) + ", right_size: " + std::to_string(s.right) + " })";
    case StateKind::Ap: {
      std::string out = "Ap(ApResult { res_generations: [";
      for (size_t i = 0; i < s.gens.size(); ++i) out += (i ? ", " : "") + std::to_string(s.gens[i]);
      return out + "] })";
    }
    case StateKind::Canon:
      if (s.canon == CanonKind::SentBy) return "Canon(RequestSentBy(" + quoted(s.text) + "))";
      return "Canon(Executed(CID(" + quoted(s.text) + ")))";
    case StateKind::Fold: return "Fold(FoldResult { lore: [" + std::to_string(s.lore.size()) + " lores] })";
    case StateKind::Call: break;
  }
  switch (s.call) {
    case CallKind::Scalar: return "Call(Executed(Scalar(CID(" + quoted(s.text) + "))))";
    case CallKind::Stream:
      return "Call(Executed(Stream { cid: CID(" + quoted(s.text) + "), generation: " + std::to_string(s.generation) + " }))";
    case CallKind::Unused: return "Call(Executed(Unused(CID(" + quoted(s.text) + "))))";
    case CallKind::Failed: return "Call(Failed(CID(" + quoted(s.text) + ")))";
    case CallKind::SentBy: return "Call(RequestSentBy(PeerId(" + quoted(s.text) + ")))";
    case CallKind::SentByWithCallId:
      return "Call(RequestSentBy(PeerIdWithCallId { peer_id: " + quoted(s.text) + ", call_id: " + std::to_string(s.call_id) + " }))";
  }
  return "";
}

const State* Slider::next() {
  if (seen >= window || position >= trace->size()) return nullptr;
  const State* s = &(*trace)[position];
  ++position;
  ++seen;
  return s;
}

bool Slider::set_window(uint64_t len, TraceError* error) {
  if (len > trace->size() - std::min<uint64_t>(position, trace->size())) {
    return fail(error, "set subtrace len " + std::to_string(len) + " failed: position " + std::to_string(position) +
                           ", trace length " + std::to_string(trace->size()));
  }
  window = len;
  seen = 0;
  return true;
}

bool Slider::set_position_and_window(uint64_t pos, uint64_t len, TraceError* error) {
  if (len != 0 && pos + len > trace->size()) {
    return fail(error, "set subtrace position " + std::to_string(pos) + " and length " + std::to_string(len) +
                           " failed: trace length " + std::to_string(trace->size()));
  }
  position = pos;
  window = len;
  seen = 0;
  return true;
}

TraceHandler::TraceHandler(const std::vector<State>& prev, const std::vector<State>& current) {
  sliders_[kPrev] = Slider{&prev, 0, prev.size(), 0};
  sliders_[kCurrent] = Slider{&current, 0, current.size(), 0};
}

bool TraceHandler::pull(StateKind kind, Pulled* pulled, TraceError* error) {
  pulled->prev_pos = sliders_[kPrev].position;
  pulled->prev = sliders_[kPrev].next();
  pulled->current_pos = sliders_[kCurrent].position;
  pulled->current = sliders_[kCurrent].next();
  const State* p = pulled->prev;
  const State* c = pulled->current;
  bool p_ok = !p || p->kind == kind;
  bool c_ok = !c || c->kind == kind;
  if (p_ok && c_ok) return true;
  if (p && c) {
    return fail(error, "previous and current data have incompatible states: '" + describe_state(*p) + "' '" +
                           describe_state(*c) + "'");
  }
  const State* s = p ? p : c;
  return fail(error, std::string("state from ") + (p ? "previous" : "current") + " `" + describe_state(*s) +
                         "` is incompatible with expected " + kind_name(kind));
}

namespace {

bool is_sent(const State& s) { return s.call == CallKind::SentBy || s.call == CallKind::SentByWithCallId; }
bool is_executed(const State& s) {
  return s.call == CallKind::Scalar || s.call == CallKind::Stream || s.call == CallKind::Unused;
}

}  // namespace

bool TraceHandler::call_merge(std::optional<State>* merged, Source* source, TraceError* error) {
  Pulled pl;
  if (!pull(StateKind::Call, &pl, error)) return false;
  const State* p = pl.prev;
  const State* c = pl.current;
  const uint32_t n = result_len();
  merged->reset();
  if (!p && !c) return true;
  if (p && !c) {
    *merged = *p;
    *source = Source::Previous;
  } else if (!p && c) {
    *merged = *c;
    *source = Source::Current;
  } else if (is_sent(*p)) {
    *merged = is_sent(*c) ? *p : *c;
    *source = is_sent(*c) ? Source::Previous : Source::Current;
  } else if (is_sent(*c)) {
    *merged = *p;
    *source = Source::Previous;
  } else if (p->call == CallKind::Failed || c->call == CallKind::Failed) {
    if (p->call != c->call || p->text != c->text) {
      return fail(error, "previous and current call results are incompatible: '" + describe_state(*p) + "' '" +
                             describe_state(*c) + "'");
    }
    *merged = *p;
    *source = Source::Previous;
  } else {
    if (p->call != c->call || p->text != c->text) {
      return fail(error, "values in call results are not equal: " + describe_value(*p) + " != " + describe_value(*c));
    }
    *merged = *p;
    *source = Source::Both;
  }
  if (*source != Source::Current) new_to_prev[n] = pl.prev_pos;
  if (*source != Source::Previous) new_to_current[n] = pl.current_pos;
  (void)is_executed;
  return true;
}

bool TraceHandler::ap_merge(std::optional<State>* merged, Source* source, TraceError* error) {
  Pulled pl;
  if (!pull(StateKind::Ap, &pl, error)) return false;
  merged->reset();
  if (!pl.prev && !pl.current) return true;
  const uint32_t n = result_len();
  if (pl.prev) {
    *merged = *pl.prev;
    *source = pl.current ? Source::Both : Source::Previous;
  } else {
    *merged = *pl.current;
    *source = Source::Current;
  }
  if ((*merged)->gens.size() != 1) {
    std::string text = describe_state(**merged);  // "Ap(ApResult { ... })"
    return fail(error, text.substr(3, text.size() - 4) + " ap result contains inappropriate generation count in destination");
  }
  if (*source != Source::Current) new_to_prev[n] = pl.prev_pos;
  if (*source != Source::Previous) new_to_current[n] = pl.current_pos;
  return true;
}

bool TraceHandler::canon_merge(std::optional<State>* merged, TraceError* error) {
  Pulled pl;
  if (!pull(StateKind::Canon, &pl, error)) return false;
  const State* p = pl.prev;
  const State* c = pl.current;
  merged->reset();
  if (!p && !c) return true;
  if (!c || (p && (c->canon == CanonKind::SentBy || p->canon == CanonKind::Executed))) {
    if (p && c && p->canon == CanonKind::Executed && c->canon == CanonKind::Executed && p->text != c->text) {
      return fail(error, "previous and current canon states are incompatible: '" + describe_state(*p) + "' '" +
                             describe_state(*c) + "'");
    }
    *merged = p ? *p : *c;
    return true;
  }
  *merged = *c;
  return true;
}

bool TraceHandler::par_start(TraceError* error) {
  Pulled pl;
  if (!pull(StateKind::Par, &pl, error)) return false;
  ParFrame f;
  f.placeholder = result_.size();
  State placeholder;
  placeholder.kind = StateKind::Par;
  result_.push_back(placeholder);
  f.base = result_.size();
  const State* sides[2] = {pl.prev, pl.current};
  uint64_t l[2], r[2];
  for (int s = 0; s < 2; ++s) {
    l[s] = sides[s] ? sides[s]->left : 0;
    r[s] = sides[s] ? sides[s]->right : 0;
  }
  for (int s = 0; s < 2; ++s) {
    const Slider& sl = sliders_[s];
    f.left_restore[s][0] = sl.position + l[s];
    f.left_restore[s][1] = l[s];
  }
  for (int s = 0; s < 2; ++s) {
    const Slider& sl = sliders_[s];
    uint64_t rem = sl.remaining();
    if (l[s] + r[s] > rem) {
      std::string par = describe_state(*sides[s]);  // "Par(ParResult { ... })"
      return fail(error, "underflow is occurred while calculating the new position of a current slider for resolved par " +
                             par.substr(4, par.size() - 5) + " and current subtrace len " + std::to_string(rem) + "'");
    }
    f.right_restore[s][0] = sl.position + l[s] + r[s];
    f.right_restore[s][1] = rem - (l[s] + r[s]);
    f.right_window[s] = r[s];
  }
  for (int s = 0; s < 2; ++s) {
    if (!sliders_[s].set_window(l[s], error)) return false;
  }
  pars_.push_back(f);
  return true;
}

void TraceHandler::par_left_end() {
  ParFrame& f = pars_.back();
  f.left_count = static_cast<uint32_t>(result_.size() - f.base);
  f.base = result_.size();
  TraceError ignored;
  for (int s = 0; s < 2; ++s) {
    sliders_[s].set_position_and_window(f.left_restore[s][0], f.right_window[s], &ignored);
  }
}

void TraceHandler::par_right_end() {
  ParFrame f = pars_.back();
  pars_.pop_back();
  State& st = result_[f.placeholder];
  st.left = f.left_count;
  st.right = static_cast<uint32_t>(result_.size() - f.base);
  TraceError ignored;
  for (int s = 0; s < 2; ++s) {
    sliders_[s].set_position_and_window(f.right_restore[s][0], f.right_restore[s][1], &ignored);
  }
}

bool TraceHandler::resolve_fold(const State& fold, const std::vector<State>& trace,
                                std::unordered_map<uint64_t, ResolvedLore>* out, uint64_t* count, TraceError* error) {
  *count = 0;
  struct Raw {
    uint64_t pos, bpos, blen, apos, alen;
    uint32_t gen;
  };
  std::vector<Raw> raws;
  for (size_t i = 0; i < fold.lore.size(); ++i) {
    const data::FoldLore& l = fold.lore[i];
    if (l.desc.size() != 2) {
      return fail(error, "fold contains " + std::to_string(l.desc.size()) + " sublore descriptors, but 2 is expected");
    }
    if (l.pos >= trace.size()) {
      return fail(error, "requested an element at position '" + std::to_string(l.pos) +
                             "', but executed trace contains only '" + std::to_string(trace.size()) + "' elements");
    }
    const State& v = trace[l.pos];
    uint32_t gen = 0;
    if (v.kind == StateKind::Call && v.call == CallKind::Stream) {
      gen = v.generation;
    } else if (v.kind == StateKind::Ap && !v.gens.empty()) {
      gen = v.gens[0];
    } else {
      return fail(error, "state " + describe_state(v) + " at position " + std::to_string(l.pos) +
                             " doesn't have a stream generation");
    }
    uint64_t sum = uint64_t{l.desc[0].len} + l.desc[1].len;
    if (*count + sum > UINT32_MAX) return fail(error, "overflow while summing the fold subtrace lengths");
    *count += sum;
    raws.push_back({l.pos, l.desc[0].pos, l.desc[0].len, l.desc[1].pos, l.desc[1].len, gen});
  }
  // Groups of consecutive lores of one generation (execution.md 2.8.2 step 5).
  for (size_t begin = 0; begin < raws.size();) {
    size_t end = begin + 1;
    while (end < raws.size() && raws[end].gen == raws[begin].gen) ++end;
    uint64_t after_total = 0;
    for (size_t i = begin; i < end; ++i) after_total += raws[i].alen;
    uint64_t before_suffix = 0;
    for (size_t i = end; i-- > begin;) {
      before_suffix += raws[i].blen;
      (void)i;
    }
    uint64_t before_rest = before_suffix;
    uint64_t after_prefix = 0;
    for (size_t i = begin; i < end; ++i) {
      after_prefix += raws[i].alen;
      ResolvedLore r{raws[i].bpos, before_rest + after_total, raws[i].apos, after_prefix};
      before_rest -= raws[i].blen;
      if (!out->emplace(raws[i].pos, r).second) {
        return fail(error, "fold contains several records with the same position " + std::to_string(raws[i].pos));
      }
    }
    begin = end;
  }
  return true;
}

bool TraceHandler::fold_start(uint32_t id, TraceError* error) {
  Pulled pl;
  if (!pull(StateKind::Fold, &pl, error)) return false;
  FoldFrame f;
  const State* sides[2] = {pl.prev, pl.current};
  for (int s = 0; s < 2; ++s) {
    uint64_t count = 0;
    if (sides[s] && !resolve_fold(*sides[s], *sliders_[s].trace, &f.lores[s], &count, error)) return false;
    uint64_t rem = sliders_[s].remaining();
    if (count > rem) return fail(error, "underflow while calculating the length of the fold subtrace");
    f.restore[s][0] = sliders_[s].position + count;
    f.restore[s][1] = rem - count;
  }
  f.placeholder = result_.size();
  State placeholder;
  placeholder.kind = StateKind::Fold;
  result_.push_back(placeholder);
  folds_[id] = std::move(f);
  return true;
}

bool TraceHandler::iteration_start(uint32_t id, uint32_t value_pos, TraceError* error) {
  FoldFrame& f = folds_[id];
  LoreBuilder b;
  b.value_pos = value_pos;
  const std::unordered_map<uint32_t, uint64_t>* maps[2] = {&new_to_prev, &new_to_current};
  for (int s = 0; s < 2; ++s) {
    auto m = maps[s]->find(value_pos);
    if (m != maps[s]->end()) {
      auto l = f.lores[s].find(m->second);
      if (l != f.lores[s].end()) {
        b.lore[s] = l->second;
        f.lores[s].erase(l);
      }
    }
    bool ok = b.lore[s] ? sliders_[s].set_position_and_window(b.lore[s]->before_pos, b.lore[s]->before_len, error)
                        : sliders_[s].set_window(0, error);
    if (!ok) return false;
  }
  b.before_start = result_.size();
  f.queue.push_back(std::move(b));
  f.cursor = f.queue.size();
  return true;
}

void TraceHandler::iteration_end(uint32_t id) {
  FoldFrame& f = folds_[id];
  if (f.cursor == 0) return;
  LoreBuilder& b = f.queue[f.cursor - 1];
  if (b.state == 0) {
    b.before_end = result_.size();
    b.state = 1;
  }
}

void TraceHandler::apply_after_windows(LoreBuilder& b) {
  TraceError ignored;
  for (int s = 0; s < 2; ++s) {
    if (b.lore[s]) {
      sliders_[s].set_position_and_window(b.lore[s]->after_pos, b.lore[s]->after_len, &ignored);
    } else {
      sliders_[s].set_window(0, &ignored);
    }
  }
}

bool TraceHandler::back_iterator(uint32_t id, TraceError* error) {
  (void)error;
  FoldFrame& f = folds_[id];
  if (f.cursor == 0) return true;
  if (!f.unwinding) {
    LoreBuilder& b = f.queue[f.cursor - 1];
    if (b.state == 0) b.before_end = result_.size();
    b.after_start = result_.size();
    b.state = 2;
    apply_after_windows(b);
    f.unwinding = true;
    return true;
  }
  LoreBuilder& done = f.queue[f.cursor - 1];
  done.after_end = result_.size();
  done.state = 3;
  if (f.cursor > 1) {
    --f.cursor;
    LoreBuilder& b = f.queue[f.cursor - 1];
    b.after_start = result_.size();
    b.state = 2;
    apply_after_windows(b);
  }
  return true;
}

void TraceHandler::generation_end(uint32_t id) {
  FoldFrame& f = folds_[id];
  const uint64_t n = result_.size();
  for (LoreBuilder& b : f.queue) {
    if (b.state == 0) b.before_end = n;
    if (b.state <= 1) b.after_start = n;
    if (b.state <= 2) b.after_end = n;
    data::FoldLore lore;
    lore.pos = b.value_pos;
    lore.desc.push_back({static_cast<uint32_t>(b.before_start), static_cast<uint32_t>(b.before_end - b.before_start)});
    lore.desc.push_back({static_cast<uint32_t>(b.after_start), static_cast<uint32_t>(b.after_end - b.after_start)});
    f.result_lores.push_back(std::move(lore));
  }
  f.queue.clear();
  f.cursor = 0;
  f.unwinding = false;
}

void TraceHandler::fold_end(uint32_t id) {
  auto it = folds_.find(id);
  FoldFrame& f = it->second;
  result_[f.placeholder].lore = std::move(f.result_lores);
  TraceError ignored;
  for (int s = 0; s < 2; ++s) sliders_[s].set_position_and_window(f.restore[s][0], f.restore[s][1], &ignored);
  folds_.erase(it);
}

}  // namespace airvm::trace
