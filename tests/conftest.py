import os

os.environ.setdefault("SCENEWRIGHT_SEMANTIC", "0")  # tests that want MiniLM turn it on themselves
