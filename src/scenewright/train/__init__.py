"""scenewright.train: training loops."""
