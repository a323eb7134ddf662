#!/usr/bin/env bash
# GPU benchmark, unattended (< 8 minutes): on a Linux x64 machine with an NVIDIA GPU, installs
# onnxruntime-node's CUDA 12 provider, runs the engine bench and the real-size stand-in bench on
# cuda:0 (and the real weights when CHATTERBOX_REAL_MODEL_DIR points at them), and prints one
# table: per-token cost, real-time factor, first-audio time, GPU memory, engine share.
# Without a GPU it stops at once with a message and exit status 2.
#
# Usage: bash bench/gpu.sh            (from the repository root; needs Node 20.19+ and npm)
#   REAL_SIZE_TOKENS=64  tokens per real-size run          CHATTERBOX_REAL_MODEL_DIR=/path  real weights
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bench/gpu.sh: $*" >&2; exit 2; }
command -v nvidia-smi >/dev/null 2>&1 || fail "no NVIDIA GPU here (nvidia-smi not found); this benchmark needs one."
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader >/dev/null 2>&1 || fail "nvidia-smi found no usable GPU."
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "onnxruntime-node ships its CUDA provider for Linux x64 only."
GPU_NAME=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
OUT=$(mktemp -d)
CACHE="${BENCH_CACHE_DIR:-$OUT/models}"
TOKENS="${REAL_SIZE_TOKENS:-64}"

step() { echo "== $* ($(date +%T))"; }
step "installing dependencies and the CUDA provider"
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
ls node_modules/onnxruntime-node/bin/napi-v*/linux/x64/libonnxruntime_providers_cuda.so >/dev/null 2>&1 \
  || ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node >/dev/null
ls node_modules/onnxruntime-node/bin/napi-v*/linux/x64/libonnxruntime_providers_cuda.so >/dev/null 2>&1 \
  || fail "the CUDA provider did not install (network? CUDA 12 + cuDNN 9 on the host?)."

# Peak GPU memory used while a command runs (MiB), sampled every 200 ms.
with_gpu_memory() {
  local log="$1"; shift
  ( while true; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits | head -1; sleep 0.2; done ) >"$log.mem" &
  local sampler=$!
  "$@" >"$log" 2>&1 || { kill "$sampler"; cat "$log" >&2; fail "failed: $*"; }
  kill "$sampler"
  sort -n "$log.mem" | tail -1
}
json() { grep '^{' "$1" | tail -1; }

step "engine bench on the tiny model (cuda:0)"
MEM_ENGINE=$(with_gpu_memory "$OUT/engine.log" timeout 120 node --import tsx bench/engine.bench.ts --device cuda:0 --runs 3 --cache-dir "$CACHE")
step "real-size stand-in (cuda:0, $TOKENS tokens)"
MEM_REAL=$(with_gpu_memory "$OUT/real.log" timeout 240 node --import tsx bench/real-size.bench.ts --device cuda:0 --tokens "$TOKENS" --cache-dir "$CACHE")
REAL_WEIGHTS=""
if [ -n "${CHATTERBOX_REAL_MODEL_DIR:-}" ]; then
  step "engine bench on the real weights in $CHATTERBOX_REAL_MODEL_DIR"
  MEM_WEIGHTS=$(with_gpu_memory "$OUT/weights.log" timeout 150 node --import tsx bench/engine.bench.ts --device cuda:0 --runs 2 --model "$CHATTERBOX_REAL_MODEL_DIR")
  REAL_WEIGHTS=1
fi
step "first audio over HTTP (tiny, 12 sentences, pcm, cuda:0)"
timeout 120 node --import tsx bench/streaming.bench.ts --model tiny --devices cuda:0 --runs 2 --cache-dir "$CACHE" >"$OUT/streaming.log" 2>&1 \
  || { cat "$OUT/streaming.log" >&2; fail "streaming bench failed"; }

node - "$GPU_NAME" "$(json "$OUT/engine.log")" "$MEM_ENGINE" "$(json "$OUT/real.log")" "$MEM_REAL" \
  "$( [ -n "$REAL_WEIGHTS" ] && json "$OUT/weights.log" || echo null)" "${MEM_WEIGHTS:-}" "$(json "$OUT/streaming.log")" <<'NODE'
const [gpu, engine, memEngine, real, memReal, weights, memWeights, streaming] = process.argv.slice(2);
const e = JSON.parse(engine), r = JSON.parse(real), w = JSON.parse(weights), s = JSON.parse(streaming);
const rows = [
  ['tiny (engine bench)', e.loopMsPerToken, e.realTimeFactor, s.openaiAudio.firstMs, memEngine, e.engineShare],
  ['real-size stand-in', r.msPerToken, r.realTimeFactor, null, memReal, r.engineShare],
  ...(w ? [['real weights', w.loopMsPerToken, w.realTimeFactor, null, memWeights, w.engineShare]] : []),
];
const cell = (v, d = 2) => (v === null || v === undefined || v === '' ? '-' : typeof v === 'number' ? v.toFixed(d) : String(v));
console.log(`\nGPU benchmark on ${gpu}, ${new Date().toISOString()}, Node ${process.version}`);
console.log('model                  ms/token     RTF   first audio ms  GPU MiB (peak)  engine share');
for (const [name, ms, rtf, first, mem, share] of rows) {
  console.log(`${name.padEnd(22)} ${cell(ms).padStart(8)} ${cell(rtf, 3).padStart(7)} ${cell(first, 0).padStart(16)} ${cell(mem, 0).padStart(15)} ${share == null ? '-' : (100 * share).toFixed(1) + ' %'}`);
}
console.log(JSON.stringify({ gpu, rows: rows.map(([model, msPerToken, realTimeFactor, firstAudioMs, gpuMemoryMiB, engineShare]) => ({ model, msPerToken, realTimeFactor, firstAudioMs, gpuMemoryMiB: Number(gpuMemoryMiB) || null, engineShare })) }));
NODE
