"""Peer super-resolution models (UpscalerJS ESRGAN, from npm) loaded into PyTorch for comparison with srp."""
