"""Training pieces: the one-draw semantic noise has sam_noise's distribution; L_SC's relaxation behaves as
documented; Y-PSNR on a hand-computed case."""
import math
import unittest

import numpy as np
import torch

from srp_model import losses, metrics, samsr, space, trainset


class SemanticNoiseTest(unittest.TestCase):
    def test_same_distribution_as_sam_noise(self):
        # Pixel column 0 is covered by no mask (count 1 with the background), column 1 by one, columns 2-3 by
        # three masks. sam_noise's per-pixel variance before standardising is 1/count: 1, 1, 1/3.
        h, w = 64, 4
        masks = torch.zeros(1, 3, h, w)
        masks[0, 0, :, 1:] = 1
        masks[0, 1, :, 2:] = 1
        masks[0, 2, :, 2:] = 1
        count = masks.sum(1, keepdim=True) + (masks.sum(1, keepdim=True) == 0)
        g = torch.Generator().manual_seed(5)
        ref = torch.cat([samsr.sam_noise_drawn(masks, 48, g) for _ in range(40)])
        ours = torch.cat([trainset.semantic_noise(count, 48, g) for _ in range(40)])
        for col, ratio in ((0, 1.0), (1, 1.0), (2, 1.0 / 3.0)):
            # variance relative to column 0: 1, 1, 1/3 for both, within sampling error (n = 122880 per column)
            self.assertAlmostEqual(ref[..., col].var().item() / ref[..., 0].var().item(), ratio, delta=0.03)
            self.assertAlmostEqual(ours[..., col].var().item() / ours[..., 0].var().item(), ratio, delta=0.03)
        self.assertAlmostEqual(ours.mean().item(), 0.0, places=3)

    def test_gaussian_is_standardised(self):
        count = torch.ones(2, 1, 8, 8)
        x = trainset.gaussian_noise(count, 48, torch.Generator().manual_seed(1))
        self.assertAlmostEqual(x[0].mean().item(), 0.0, places=5)
        self.assertAlmostEqual(x[0].pow(2).mean().item(), 1.0, places=4)


class SemanticConsistencyLossTest(unittest.TestCase):
    def setUp(self):
        g = torch.Generator().manual_seed(3)
        self.masks = torch.zeros(1, 2, 6, 6)
        self.masks[0, 0, :, :3] = 1
        self.masks[0, 1, 2:5, 1:5] = 1
        self.x0 = torch.rand(1, 48, 6, 6, generator=g) * 2 - 1

    def test_zero_for_the_ground_truth(self):
        self.assertEqual(losses.l_sc(self.x0, self.x0, self.masks, 4).item(), 0.0)

    def test_positive_and_differentiable_for_a_wrong_estimate(self):
        est = (self.x0 * 0.2).requires_grad_(True)
        loss = losses.l_sc(est, self.x0, self.masks, 4)
        loss.backward()
        self.assertGreater(loss.item(), 0.0)
        self.assertGreater(est.grad.abs().sum().item(), 0.0)

    def test_large_tau_gives_the_hard_weight_map(self):
        n, k = 1, 16
        gt = self.x0.reshape(n, 3, k, 6, 6)
        area = self.masks.sum(dim=[2, 3])
        mu = torch.einsum("nckhw,nmhw->nmc", gt, self.masks) / (area.unsqueeze(2) * k)
        peak = self.masks.sum(1).amax().reshape(1, 1, 1, 1)
        soft = losses.soft_weight(gt, self.masks, mu, peak, tau=1e4)
        hard = samsr.weight_map(self.masks)  # [1,1,6,6], the same for every sub-pixel
        self.assertTrue(torch.allclose(soft, hard.expand_as(soft), atol=1e-6))

    def test_phase_subset_is_part_of_the_full_loss(self):
        est = self.x0 * 0.5
        full = losses.l_sc(est, self.x0, self.masks, 4)
        parts = torch.stack([losses.l_sc(est, self.x0, self.masks, 4, phases=torch.tensor([p])) for p in range(16)])
        self.assertAlmostEqual(parts.mean().item(), full.item(), places=6)


class StructureEncodingTest(unittest.TestCase):
    """SAM-DiffSR's structural position encoding and the training noise it modulates."""

    def test_rope_map_gives_distinct_positions(self):
        m = trainset.rope_map(8, 16)
        self.assertEqual(tuple(m.shape), (8, 16))
        self.assertTrue(torch.all(m.abs() <= math.sqrt(2) + 1e-6))
        self.assertEqual(len({tuple(col.tolist()) for col in m.T}), 16)
        self.assertAlmostEqual(float(m[0, 0]), 1.0, places=6)  # cos 0 - sin 0

    def test_each_area_gets_the_mean_of_the_map_over_it(self):
        masks = torch.zeros([1, 2, 8, 8])
        masks[0, 0, :, :3] = 1
        masks[0, 1, :, 3:] = 1
        e = trainset.structure_encoding(masks)[0, 0]
        rope = trainset.rope_map(8, 8)
        self.assertTrue(torch.allclose(e[:, :3], rope[:, :3].mean().expand(8, 3), atol=1e-6))
        self.assertTrue(torch.allclose(e[:, 3:], rope[:, 3:].mean().expand(8, 5), atol=1e-6))
        self.assertNotAlmostEqual(float(e[0, 0]), float(e[0, 7]), places=3)

    def test_overlaps_average_and_uncovered_pixels_are_zero(self):
        masks = torch.zeros([1, 2, 4, 4])
        masks[0, 0, :2, :] = 1
        masks[0, 1, :3, :] = 1
        e = trainset.structure_encoding(masks)[0, 0]
        rope = trainset.rope_map(4, 4)
        v0, v1 = rope[:2].mean(), rope[:3].mean()
        self.assertAlmostEqual(float(e[0, 0]), float((v0 + v1) / 2), places=5)
        self.assertAlmostEqual(float(e[2, 0]), float(v1), places=5)
        self.assertEqual(float(e[3].abs().sum()), 0.0)

    def test_a_crop_with_one_area_carries_no_structure(self):
        masks = torch.zeros([2, 3, 4, 4])
        masks[0, 0] = 1
        self.assertEqual(float(trainset.structure_encoding(masks).abs().sum()), 0.0)

    def test_noise_mean_follows_the_encoding(self):
        masks = torch.zeros([1, 2, 16, 16])
        masks[0, 0, :, :8] = 1
        masks[0, 1, :, 8:] = 1
        gen = torch.Generator().manual_seed(3)
        draws = torch.stack([trainset.structure_modulated_noise(masks, 12, gen) for _ in range(200)])
        mean = draws.mean(dim=(0, 2))[0]  # over draws and channels
        self.assertTrue(torch.allclose(mean, trainset.structure_encoding(masks)[0, 0], atol=0.08))


class MetricsTest(unittest.TestCase):
    def test_y_psnr_hand_computed(self):
        # a grey step of 1/255 in R only: Y differs by 65.481/255 everywhere -> PSNR = 20 log10(255 / 0.25679)
        hr = torch.full((1, 3, 12, 12), 100 / 255)
        sr = hr.clone()
        sr[:, 0] += 1 / 255
        expected = 20 * math.log10(255 / (65.481 / 255))
        self.assertAlmostEqual(metrics.y_psnr(sr, hr, 4), expected, places=3)

    def test_y_ssim_identical_is_one(self):
        hr = torch.rand(1, 3, 32, 32, generator=torch.Generator().manual_seed(2))
        self.assertAlmostEqual(metrics.y_ssim(hr, hr, 4), 1.0, places=6)


class TrainSetTest(unittest.TestCase):
    def test_batch_shapes_and_reproducibility(self):
        rng = np.random.default_rng(0)
        hr = rng.random((64, 80, 3), dtype=np.float32)
        masks = np.zeros((2, 16, 20), dtype=np.uint8)
        masks[0, :8] = 1
        masks[1, 4:12, 5:15] = 1
        count = masks.sum(0).astype(np.float32)
        photo = trainset.Photo("p", hr, masks, count / count.max())
        ts = trainset.TrainSet([photo], 4, 8, clean_prob=0.5)
        a = ts.sample(np.random.default_rng(7), 3)
        b = ts.sample(np.random.default_rng(7), 3)
        self.assertEqual(tuple(a.lr.shape), (3, 3, 8, 8))
        self.assertEqual(tuple(a.hr.shape), (3, 3, 32, 32))
        self.assertEqual(tuple(a.weight.shape), (3, 1, 8, 8))
        self.assertTrue(torch.equal(a.lr, b.lr) and torch.equal(a.masks, b.masks))
        self.assertGreaterEqual(a.count.min().item(), 1.0)
        # the LR frame matches its HR crop: a clean bicubic LR is close to the HR's box average
        hr_avg = torch.nn.functional.avg_pool2d(a.hr, 4)
        self.assertLess((a.lr - hr_avg).abs().mean().item(), 0.15)
        # masks and W travel with the crop: W is zero exactly where no mask is present
        self.assertTrue(torch.equal(a.weight > 0, a.masks.sum(1, keepdim=True) > 0))


class NoiseModesTest(unittest.TestCase):
    """What train.draw_noise feeds the model in each ablation mode, at training time and as inference does."""

    @classmethod
    def setUpClass(cls):
        import importlib
        import os
        import sys
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        cls.train = importlib.import_module("train")
        masks = torch.zeros([2, 2, 8, 8])
        masks[:, 0, :, :4] = 1
        masks[:, 1, :, 4:] = 1
        count = masks.sum(1, keepdim=True) + (masks.sum(1, keepdim=True) == 0)
        cls.batch = trainset.Batch(torch.rand([2, 3, 8, 8]), torch.rand([2, 3, 32, 32]),
                                   torch.full([2, 1, 8, 8], 0.5), count, masks)

    def draw(self, mode, training):
        return self.train.draw_noise({"noise": mode}, self.batch, 48, torch.Generator().manual_seed(1), training)

    def test_semantic_feeds_w_both_times(self):
        for training in (True, False):
            eps, w = self.draw("semantic", training)
            self.assertEqual(float(w.mean()), 0.5)
            self.assertEqual(tuple(eps.shape), (2, 48, 8, 8))

    def test_structure_shifts_the_mean_only_in_training(self):
        eps_train, w_train = self.draw("structure", True)
        eps_infer, w_infer = self.draw("structure", False)
        self.assertEqual(float(w_train.abs().sum() + w_infer.abs().sum()), 0.0)
        shift = trainset.structure_encoding(self.batch.masks)
        self.assertTrue(torch.allclose(eps_train - shift, eps_infer, atol=1e-6))  # same draw, mean shifted
        self.assertGreater(float(shift.abs().mean()), 0.05)

    def test_none_is_zero_noise_and_zero_w(self):
        eps, w = self.draw("none", True)
        self.assertEqual(float(eps.abs().sum() + w.abs().sum()), 0.0)

    def test_unknown_mode_is_refused(self):
        import json
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"noise": "uniform"}, f)
        with self.assertRaisesRegex(ValueError, "noise must be one of"):
            self.train.load_config(f.name)


if __name__ == "__main__":
    unittest.main()