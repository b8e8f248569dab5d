"""Shared encoders of the image model family.

- efficientnet.py: the frozen ImageNet EfficientNet-Lite0 (features / logits / regions) for FID, IS and DAMSM.
- vocab.py: the word vocabulary of a caption set.
- damsm.py: AttnGAN's Deep Attentional Multimodal Similarity Model (text encoder, image encoders, losses).
"""
