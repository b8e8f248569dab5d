import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def test_two_cpu_processes_train_in_step_and_stay_in_sync(tiny_data, tmp_path):
    torchrun = shutil.which("torchrun") or str(Path(sys.executable).parent / "torchrun")
    if not Path(torchrun).exists():
        pytest.skip("torchrun is not installed")
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONWARNINGS="ignore")
    run = tmp_path / "run"
    done = subprocess.run([torchrun, "--standalone", "--nproc_per_node", "2", str(HERE / "_ddp_train.py"),
                           str(tiny_data), str(run)], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows if "loss_d" in r] == [1, 2, 3]
    assert rows[-1] == {"step": 3, "replicas": 2, "in_sync": True}
    assert (run / "last.pt").exists() and (run / "geneva_ema.safetensors").exists()
