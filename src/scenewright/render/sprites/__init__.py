"""One module per world: `background(pen, name, world)` and `draw(pen, obj, category, world)`."""
