"""srp_model.space: exact round trips, channel order and shapes."""
import unittest

import torch
import torch.nn.functional as F

from srp_model import space


class SpaceTest(unittest.TestCase):
    def test_round_trip_exact(self):
        for s in (2, 3, 4):
            hr = torch.rand(2, 3, 5 * s, 7 * s)
            z = space.to_space(hr, s)
            self.assertEqual(tuple(z.shape), (2, 3 * s * s, 5, 7))
            self.assertTrue(torch.equal(space.from_space(z, s), hr))
            self.assertTrue(torch.equal(space.to_space(space.from_space(z, s), s), z))

    def test_channel_order(self):
        # channel c*s*s + i*s + j holds HR pixel (s*y + i, s*x + j) of colour c
        hr = torch.arange(2 * 4 * 6, dtype=torch.float32).view(1, 2, 4, 6)
        z = space.to_space(hr, 2)
        self.assertEqual(z[0, 1 * 4 + 1 * 2 + 0, 1, 2].item(), hr[0, 1, 2 * 1 + 1, 2 * 2 + 0].item())

    def test_lr_to_y_shapes_and_values(self):
        lr = torch.rand(2, 3, 9, 16)
        for s in (2, 4):
            y = space.lr_to_y(lr, s)
            self.assertEqual(tuple(y.shape), (2, 3 * s * s, 9, 16))
            ref = F.interpolate(lr, scale_factor=s, mode="bicubic", align_corners=False)
            # a convolution at LR instead of interpolation at HR: equal up to float rounding
            torch.testing.assert_close(space.from_space(y, s), ref, atol=1e-5, rtol=0)

    def test_lr_to_y_at_borders_and_tiny_frames(self):
        for s in (2, 3, 4):
            for h, w in ((1, 1), (2, 3), (5, 2)):
                lr = torch.rand(1, 3, h, w)
                ref = space.to_space(space.bicubic_up(lr, s), s)
                torch.testing.assert_close(space.lr_to_y(lr, s), ref, atol=1e-5, rtol=0)

    def test_constant_frame_stays_constant(self):
        y = space.lr_to_y(torch.full((1, 3, 4, 4), 0.25), 4)
        torch.testing.assert_close(y, torch.full((1, 48, 4, 4), 0.25))

    def test_scriptable(self):
        # the model scripts lr_to_y_with; the kernel is built once, in Python, as a module buffer
        f = torch.jit.script(space.lr_to_y_with)
        lr = torch.rand(1, 3, 6, 8)
        self.assertTrue(torch.equal(f(lr, space.bicubic_phase_kernel(4)), space.lr_to_y(lr, 4)))


if __name__ == "__main__":
    unittest.main()
