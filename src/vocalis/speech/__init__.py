"""The synthesis service: text -> chunks -> engine -> audio stream, with word timestamps."""
