"""Run by test_distributed.py under torchrun: the unchanged training loop, a few tiny steps."""

import sys

from scenewright.train.geneva import TrainConfig, train

train(TrainConfig(data=sys.argv[1], run=sys.argv[2], steps=3, batch=2, log_every=1, sample_every=1000,
                  ckpt_every=3, snapshot_every=0, model={"ngf": 8, "ndf": 8}), progress=False)
