// js-client 0.5.5's own tests (shipped compiled in its npm package) and ours, run by
// tests/js/js-client.test.mjs with `vitest run --threads false`.
//   AIRVM_JS_CLIENT_AVM=airvm (default)  every MarineBackgroundRunner js-client builds is
//                                        wrapped in AirvmMarineHost (swap-avm.mjs)
//   AIRVM_JS_CLIENT_AVM=original         js-client as shipped, on the original AquaVM
import { defineConfig } from 'vitest/config';

const dist = 'node_modules/@fluencelabs/js-client/dist';

export default defineConfig({
  test: {
    include: [`${dist}/**/__test__/*.spec.js`, `${dist}/*.spec.js`, 'test/*.test.mjs'],
    // Needs a real Fluence relay on the network.
    exclude: [`${dist}/clientPeer/__test__/client.spec.js`],
    setupFiles: ['./swap-avm.mjs'],
    // js-client runs through vite-node (not Node's loader), so that vi.mock reaches the
    // imports inside it.
    server: { deps: { inline: [/@fluencelabs\/js-client\//] } },
  },
});
