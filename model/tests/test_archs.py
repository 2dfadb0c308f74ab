"""srp_model.archs: shapes, TorchScript, untrained = bicubic, compute budgets (printed)."""
import unittest

import torch
import torch.nn.functional as F

from srp_model import archs, samsr


def inputs(n, h, w, scale, seed=0):
    g = torch.Generator().manual_seed(seed)
    lr = torch.rand(n, 3, h, w, generator=g)
    masks = (torch.rand(n, 3, h, w, generator=g) > 0.5).float()
    noise = samsr.sam_noise_drawn(masks, 3 * scale * scale, g)
    return lr, samsr.weight_map(masks), noise


def randomise_tail(model, seed=3):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        model.net.tail.weight.copy_(torch.randn(model.net.tail.weight.shape, generator=g) * 0.01)


class ArchsTest(unittest.TestCase):
    def test_shapes_both_sizes_and_scales(self):
        for size in archs.SIZES:
            for scale in (2, 4):
                model = archs.build(size, scale).eval()
                with torch.no_grad():
                    hr = model(*inputs(2, 7, 9, scale))
                self.assertEqual(tuple(hr.shape), (2, 3, 7 * scale, 9 * scale), (size, scale))
                self.assertGreaterEqual(hr.min().item(), 0.0)
                self.assertLessEqual(hr.max().item(), 1.0)

    def test_untrained_is_bicubic(self):
        model = archs.build("fast", 4).eval()
        lr, w, noise = inputs(1, 6, 8, 4)
        with torch.no_grad():
            hr = model(lr, w, noise)
        ref = F.interpolate(lr, scale_factor=4, mode="bicubic", align_corners=False).clamp(0, 1)
        torch.testing.assert_close(hr, ref, atol=1e-5, rtol=0)

    def test_torchscript_matches_eager(self):
        for size in archs.SIZES:
            model = archs.build(size, 4).eval()
            randomise_tail(model)
            scripted = torch.jit.script(model)
            lr, w, noise = inputs(1, 10, 12, 4, seed=5)
            with torch.no_grad():
                torch.testing.assert_close(scripted(lr, w, noise), model(lr, w, noise))
                # a different frame size through the same script: no size is frozen in
                lr2, w2, n2 = inputs(2, 5, 3, 4, seed=6)
                self.assertEqual(tuple(scripted(lr2, w2, n2).shape), (2, 3, 20, 12))

    def test_noise_and_weight_matter_once_trained(self):
        model = archs.build("fast", 4).eval()
        randomise_tail(model)
        lr, w, noise = inputs(1, 6, 6, 4)
        with torch.no_grad():
            base = model(lr, w, noise)
            self.assertFalse(torch.equal(base, model(lr, w, -noise)))
            self.assertFalse(torch.equal(base, model(lr, torch.zeros_like(w), noise)))

    def test_gradients_flow(self):
        model = archs.build("fast", 4)
        lr, w, noise = inputs(2, 8, 8, 4)
        loss = model.predict_x0(lr, w, noise).pow(2).mean()
        loss.backward()
        self.assertGreater(model.net.tail.weight.grad.abs().sum().item(), 0.0)

    def test_grow_from_computes_the_parent(self):
        parent = archs.build("fast", 4).eval()
        randomise_tail(parent)
        with torch.no_grad():
            for p in parent.parameters():
                p.add_(torch.randn(p.shape, generator=torch.Generator().manual_seed(p.numel())) * 0.01)
        grown = archs.build("fast2", 4).eval()
        archs.grow_from(grown, parent.state_dict())
        lr, w, noise = inputs(1, 9, 11, 4, seed=7)
        with torch.no_grad():
            torch.testing.assert_close(grown(lr, w, noise), parent(lr, w, noise), atol=0, rtol=0)
        # the new block is an identity only until training moves it: its first convolution is not zeroed
        self.assertGreater(grown.net.body[1].conv1.weight.abs().sum().item(), 0.0)
        with self.assertRaises(ValueError):
            archs.grow_from(archs.build("fast2", 4), archs.build("quality", 4).state_dict())

    def test_size_of_state(self):
        for size in archs.SIZES:
            self.assertEqual(archs.size_of(archs.build(size, 2).state_dict()), size)

    def test_compute_budgets(self):
        budget_quality = archs.ESRGAN_THICK_MACS_PER_LR_PIXEL / 10
        for size in archs.SIZES:
            model = archs.build(size, 4)
            macs = archs.count_macs(model, 180, 320)
            per_px = macs / (180 * 320)
            print(f"\n  {size}: {archs.count_params(model):,} params, {per_px / 1e3:.1f} k MAC per LR pixel, "
                  f"{macs / 1e9:.2f} GMAC per 320x180 frame (ESRGAN-thick ~{archs.ESRGAN_THICK_MACS_PER_LR_PIXEL / 1e6:.2f} M/px)")
            if size.startswith("fast"):
                # the fast sizes' real limit is 15 fps through DJL on 2 cores, measured by ./srp bench
                self.assertLessEqual(macs, 4e9)
            else:
                self.assertLessEqual(per_px, budget_quality)


if __name__ == "__main__":
    unittest.main()
