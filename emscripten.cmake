# The wasm build: included by CMakeLists.txt when configured through Emscripten, e.g.
#   NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
#   NODE_PATH=/usr/share/nodejs cmake --build build/wasm
# Produces build/wasm/airvm.mjs (ES module factory) + build/wasm/airvm.wasm, which the npm build
# (scripts/build-wasm.sh) copies into js/dist/wasm/.
#
# Flag choices (Emscripten 3.1.6 as shipped by Debian 12):
#   -O3 -flto            measured on a 1.7 MB script (bench/bench.mjs): -O3 formats 4x and
#                        parses 2.3x faster than -Os for a .wasm of 97 KB instead of 82 KB
#                        (43 KB vs 39 KB gzipped), so speed wins; -O2 sits in between
#                        at the same size as -O3. With LTO the link's -O level decides.
#                        (Measured when the wasm held only the parser; with the data layer,
#                        the interpreter and the crypto it is 522 KB, 216 KB gzipped.)
#   -fno-exceptions      the core never throws; also selects the prebuilt libc++-noexcept
#   -fno-rtti            embind then needs EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0
#   FILESYSTEM=0         no FS emulation: sources go in and out as strings/bytes
#   MALLOC=emmalloc      small allocator, good enough for one parse at a time
#   MODULARIZE+EXPORT_ES6  an `export default` factory; no globals
#   ENVIRONMENT=web      node ESM chokes on the node environment glue; the package instead
#                        hands the instance over through instantiateWasm in Node and browsers
#   DYNAMIC_EXECUTION=0  no eval/new Function in embind (works under a strict CSP)
#   TEXTDECODER=2        strings out of wasm always through TextDecoder (no JS fallback)
#   TOTAL_STACK          this Emscripten's name for STACK_SIZE; the parser walks with explicit
#                        stacks, so 1 MiB is plenty
#   INITIAL_MEMORY + ALLOW_MEMORY_GROWTH  start small, grow for big scripts (16 MiB limit)

set(AIRVM_WASM_COMPILE_FLAGS
  -O3
  -flto
  -fno-exceptions
  -fno-rtti
  -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0
  -DNDEBUG)

set(AIRVM_WASM_LINK_FLAGS
  -O3
  -flto
  -fno-exceptions
  -fno-rtti
  -lembind
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sASSERTIONS=0
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createAirvmModule
  -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=4MB
  -sTOTAL_STACK=1MB
  -sTEXTDECODER=2
  -sINCOMING_MODULE_JS_API=[instantiateWasm,wasmBinary,print,printErr,onAbort]
  -sDISABLE_EXCEPTION_CATCHING=1)

target_compile_options(airvm_core PRIVATE ${AIRVM_WASM_COMPILE_FLAGS})

add_executable(airvm_wasm "${CMAKE_CURRENT_SOURCE_DIR}/bindings/airvm_bindings.cpp")
set_target_properties(airvm_wasm PROPERTIES OUTPUT_NAME airvm SUFFIX ".mjs")
target_compile_options(airvm_wasm PRIVATE ${AIRVM_WASM_COMPILE_FLAGS})
target_link_options(airvm_wasm PRIVATE ${AIRVM_WASM_LINK_FLAGS})
target_link_libraries(airvm_wasm PRIVATE airvm_core)
