"""scenewright.data: dataset makers and importers."""
