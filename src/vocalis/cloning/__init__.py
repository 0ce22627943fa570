"""Voice cloning by search in Kokoro's own voice space.

No installable package ships the weights of a zero-shot cloning model, so a cloned voice is a new
(510, 256) Kokoro style table built from the stock English voice packs: a blend of the voices nearest
to the sample plus a few principal directions of the packs, chosen by a seeded CMA-ES so that speech
rendered with it sounds like the sample to one speaker encoder, and then scored by a different one on
sentences the search never heard. The feature is named for what it is: the closest match built from
the built-in voices, always reported next to the nearest stock voice.
"""
