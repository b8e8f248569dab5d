"""scenewright.eval: metrics, detectors and evaluation tables."""
