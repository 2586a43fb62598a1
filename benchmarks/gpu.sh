#!/usr/bin/env bash
# One-shot GPU benchmark for a machine with an NVIDIA GPU (run from the repo root, ../shared present).
# Installs the CUDA build of the pinned torch into .venv, checks the device, then runs the benchmark
# with the relation classifier on the GPU (torch, bf16/fp16 autocast; ONNX fp32 on the CUDA provider
# only if onnxruntime-gpu is installed) and spaCy on the CPU. Writes build/bench/bench-gpu.json.
set -euo pipefail
ARTICLES="${ARTICLES:-300}"
make venv
TORCH_VERSION="$(.venv/bin/python -c 'import torch; print(torch.__version__.split("+")[0])')"
.venv/bin/python -m pip install -q --force-reinstall --no-deps "torch==${TORCH_VERSION}" \
  --index-url "${TORCH_INDEX:-https://download.pytorch.org/whl/cu128}"
.venv/bin/python -c 'import torch; assert torch.cuda.is_available(), "no CUDA device"; print(torch.cuda.get_device_name(0), "bf16:", torch.cuda.is_bf16_supported())'
BACKENDS=torch
if .venv/bin/python -c 'import onnxruntime as o, sys; sys.exit("CUDAExecutionProvider" not in o.get_available_providers())'; then
  BACKENDS=torch,onnx
fi
.venv/bin/python benchmarks/bench.py --articles "$ARTICLES" --device cuda --backends "$BACKENDS" --workers 1 \
  --out build/bench/bench-gpu.json
