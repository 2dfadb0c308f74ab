"""Hand-computed cases for the SAMSR math (srp_model.samsr). The expected numbers are worked out in the comments."""
import math
import unittest

import torch

from srp_model import samsr

# Two masks on a 2x2 LR frame:
#   mask 1 = [[1, 1],     mask 2 = [[1, 0],     count = [[2, 1],    uncovered: (1, 1)
#             [0, 0]]               [1, 0]]              [1, 0]]
MASKS = torch.tensor([[[[1., 1.], [0., 0.]],
                       [[1., 0.], [1., 0.]]]])


class ScheduleTest(unittest.TestCase):
    def test_constants(self):
        self.assertEqual(samsr.T, 15)
        self.assertEqual(samsr.KAPPA, 2.0)
        self.assertEqual(samsr.POWER, 0.3)
        self.assertAlmostEqual(samsr.ETA_T, 0.9801, places=12)
        self.assertAlmostEqual(samsr.KAPPA * math.sqrt(samsr.ETA_T), 1.98, places=12)

    def test_end_points_and_middle(self):
        eta = samsr.eta_schedule()
        self.assertEqual(tuple(eta.shape), (15,))
        self.assertAlmostEqual(eta[0].item(), 0.02 ** 2, places=12)   # eta_1 = 0.0004
        self.assertAlmostEqual(eta[-1].item(), 0.9801, places=12)     # eta_T
        # t = 8: ((8-1)/14)^0.3 = 0.5^0.3 = 0.81225; 49.5^0.81225 = 23.793; (0.02 * 23.793)^2 = 0.22644
        self.assertAlmostEqual(eta[7].item(), 0.22644058, places=7)
        self.assertTrue(bool((eta[1:] > eta[:-1]).all()))

    def test_rejects_one_step(self):
        with self.assertRaises(ValueError):
            samsr.eta_schedule(1)


class WeightMapTest(unittest.TestCase):
    def test_two_masks(self):
        # count / max(count) = [[2, 1], [1, 0]] / 2
        w = samsr.weight_map(MASKS)
        self.assertEqual(tuple(w.shape), (1, 1, 2, 2))
        torch.testing.assert_close(w, torch.tensor([[[[1.0, 0.5], [0.5, 0.0]]]]))

    def test_no_masks_gives_zero(self):
        self.assertEqual(samsr.weight_map(torch.zeros(1, 3, 2, 2)).abs().sum().item(), 0.0)
        self.assertEqual(tuple(samsr.weight_map(torch.zeros(2, 0, 2, 2)).shape), (2, 1, 2, 2))

    def test_max_is_per_sample(self):
        # sample 2 has one full mask: count 1 everywhere -> W = 1, independent of sample 1's max of 2
        masks = torch.cat([MASKS, torch.tensor([[[[1., 1.], [1., 1.]], [[0., 0.], [0., 0.]]]])])
        w = samsr.weight_map(masks)
        torch.testing.assert_close(w[1], torch.ones(1, 2, 2))
        torch.testing.assert_close(w[0], torch.tensor([[[1.0, 0.5], [0.5, 0.0]]]))


class SamNoiseTest(unittest.TestCase):
    # C = 1; Z_1 = [[1,2],[3,4]], Z_2 = [[5,6],[7,8]], Z_background = [[9,10],[11,12]]
    Z = torch.tensor([[[[1., 2.], [3., 4.]]], [[[5., 6.], [7., 8.]]], [[[9., 10.], [11., 12.]]]]).unsqueeze(0)

    def test_two_masks_with_background(self):
        # N_sum: (0,0) both masks (1+5)/2 = 3; (0,1) mask 1: 2; (1,0) mask 2: 7; (1,1) background: 12
        # mean 6, deviations [-3,-4,1,6], population variance (9+16+1+36)/4 = 15.5
        eps = samsr.sam_noise(MASKS, self.Z)
        s = 1.0 / math.sqrt(15.5)
        self.assertEqual(tuple(eps.shape), (1, 1, 2, 2))
        torch.testing.assert_close(eps, torch.tensor([[[[-3 * s, -4 * s], [1 * s, 6 * s]]]]))

    def test_standardised_per_sample_and_channels(self):
        g = torch.Generator().manual_seed(1)
        masks = (torch.rand(2, 4, 6, 5, generator=g) > 0.6).float()
        z = torch.randn(2, 5, 3, 6, 5, generator=g) * 3 + 2
        eps = samsr.sam_noise(masks, z)
        self.assertEqual(tuple(eps.shape), (2, 3, 6, 5))
        for i in range(2):
            self.assertAlmostEqual(eps[i].mean().item(), 0.0, places=5)
            self.assertAlmostEqual(eps[i].std(unbiased=False).item(), 1.0, places=5)

    def test_needs_background_draw(self):
        with self.assertRaises(ValueError):
            samsr.sam_noise(MASKS, self.Z[:, :2])

    def test_drawn_equals_stacked(self):
        masks = (torch.rand(2, 3, 4, 5, generator=torch.Generator().manual_seed(2)) > 0.5).float()
        g = torch.Generator().manual_seed(7)
        z = torch.stack([torch.randn(2, 12, 4, 5, generator=g) for _ in range(4)], dim=1)
        drawn = samsr.sam_noise_drawn(masks, 12, torch.Generator().manual_seed(7))
        torch.testing.assert_close(drawn, samsr.sam_noise(masks, z))

    def test_scriptable(self):
        scripted = torch.jit.script(samsr.sam_noise)
        torch.testing.assert_close(scripted(MASKS, self.Z), samsr.sam_noise(MASKS, self.Z))


class ModulationTest(unittest.TestCase):
    W = torch.tensor([1.0, 0.5, 0.0])

    def test_paper_eq9(self):
        # eta_T_new = 0.9801 * (1 + 0.2 W) = [1.17612, 1.07811, 0.9801]; kappa_new = 2 (1 - 0.2 W) = [1.6, 1.8, 2]
        eta, kappa = samsr.modulated(0.9801, 2.0, self.W, 0.2)
        torch.testing.assert_close(eta, torch.tensor([1.17612, 1.07811, 0.9801]))
        torch.testing.assert_close(kappa, torch.tensor([1.6, 1.8, 2.0]))

    def test_reference_variant_on_sqrt_eta(self):
        # eta_T * (1 + 0.2 W)^2 = 0.9801 * [1.44, 1.21, 1]
        eta, kappa = samsr.modulated(0.9801, 2.0, self.W, 0.2, on_sqrt_eta=True)
        torch.testing.assert_close(eta, torch.tensor([1.411344, 1.185921, 0.9801]))
        torch.testing.assert_close(kappa, torch.tensor([1.6, 1.8, 2.0]))

    def test_x_T(self):
        # y = 0.5 everywhere; eps = [1, -1, 1]; W = [1, 0.5, 0]
        # W=1:   0.5 + 1.6 * sqrt(1.17612) = 0.5 + 1.6 * 0.99 * sqrt(1.2) = 2.2351851
        # W=0.5: 0.5 - 1.8 * 0.99 * sqrt(1.1) = -1.3689774
        # W=0:   0.5 + 2 * 0.99 = 2.48
        y = torch.full((1, 1, 1, 3), 0.5)
        eps = torch.tensor([[[[1.0, -1.0, 1.0]]]])
        x = samsr.x_T(y, eps, self.W.view(1, 1, 1, 3))
        torch.testing.assert_close(x, torch.tensor([[[[2.2351851, -1.3689774, 2.48]]]]))

    def test_x_T_broadcasts_W_over_channels(self):
        y = torch.zeros(1, 48, 2, 2)
        eps = torch.ones(1, 48, 2, 2)
        x = samsr.x_T(y, eps, torch.zeros(1, 1, 2, 2))
        torch.testing.assert_close(x, torch.full((1, 48, 2, 2), 1.98))

    def test_input_scale(self):
        # W=1: 1/sqrt(1.17612 * 1.6^2 + 1) = 1/sqrt(4.0108672) = 0.4993222
        # W=0.5: 1/sqrt(1.07811 * 1.8^2 + 1) = 1/sqrt(4.4930764) = 0.4717676
        # W=0: 1/sqrt(0.9801 * 4 + 1) = 1/sqrt(4.9204) = 0.4508165 (SinSR's constant)
        eta, kappa = samsr.modulated(samsr.ETA_T, samsr.KAPPA, self.W)
        torch.testing.assert_close(samsr.input_scale(eta, kappa), torch.tensor([0.4993222, 0.4717676, 0.4508165]))


if __name__ == "__main__":
    unittest.main()
