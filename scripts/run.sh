#!/usr/bin/env bash
# The main job: set up and build everything, then
#   1. play particles on an in-process network of airvm peers (`airvm run`): a greeting
#      A -> C -> B -> C -> A and a fan-out to three peers with a canon join (examples/network);
#   2. play the greeting by hand with `airvm invoke`, one invocation at a time: A -> relay R ->
#      B -> R -> A (examples/particle/greeting.air). Each peer keeps its own data
#      (build/run/<peer>.data), answers its local service calls, and passes the new data to the
#      next peer, as a Fluence host does. Also checks the canonical form of the script.
#   bash scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

airvm() { node js/dist/cli.js "$@"; }
dir=examples/particle
air=$dir/greeting.air
out=build/run
rm -rf "$out" && mkdir -p "$out"
for p in A B R; do : >"$out/$p.data"; done

echo "== airvm run examples/network/greeting.air (an in-process network of three peers)"
airvm run examples/network/greeting.air --services examples/network/services.mjs
echo "== airvm run examples/network/fanout.air"
airvm run examples/network/fanout.air

echo "== airvm fmt --check $air"
airvm fmt --check "$air" && echo "canonical"

# step PEER INCOMING: PEER merges INCOMING data with its own, runs the script, answers its
# call requests (getDataSrv.name -> "world", greeter.greet -> "Hello, <name>!", anything else
# -> null) and runs again until none is left. Prints what happened.
step() {
  local peer=$1 incoming=$2 results=$out/results.json
  echo '{}' >"$results"
  for round in 1 2 3; do
    airvm invoke --air "$air" --params "$dir/params-$peer.json" --prev "$out/$peer.data" \
      --current "$incoming" --call-results "$results" >"$out/outcome.json"
    node -e '
      const fs = require("fs");
      const [outcomeFile, dataFile, resultsFile, peer, round] = process.argv.slice(1);
      const o = JSON.parse(fs.readFileSync(outcomeFile, "utf8"));
      fs.writeFileSync(dataFile, o.data);
      const answers = {};
      for (const [id, r] of Object.entries(o.call_requests)) {
        const key = r.service_id + "." + r.function_name;
        const value = key === "getDataSrv.name" ? "world" : key === "greeter.greet" ? `Hello, ${r.arguments[0]}!` : null;
        if (key === "callbackSrv.response") console.log(`   ${peer}: the particle returned ${JSON.stringify(r.arguments[0])}`);
        answers[id] = { ret_code: 0, result: JSON.stringify(value) };
      }
      console.log(`   ${peer} run ${round}: ret_code ${o.ret_code}, ${Object.keys(o.call_requests).length} call requests, next peers [${o.next_peer_pks.map((p) => p.slice(0, 12) + "…").join(", ")}]`);
      fs.writeFileSync(resultsFile, JSON.stringify(answers));
    ' "$out/outcome.json" "$out/$peer.data" "$results" "$peer" "$round"
    incoming=/dev/null
    [[ "$(cat "$results")" == "{}" ]] && break
  done
}

echo "== a particle across A -> R -> B -> R -> A"
step A /dev/null
step R "$out/A.data"
step B "$out/R.data"
step R "$out/B.data"
step A "$out/R.data"

echo "== A's final data"
airvm inspect --particle-id greeting-1 "$out/A.data"
