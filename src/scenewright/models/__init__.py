"""scenewright.models: neural models, one file per method."""
