"""The radiation lesson's physics: Bortfeld's proton model and the 6 MV photon model."""

from __future__ import annotations

import numpy as np
import pytest

from spineedu.figures.depth_dose import (
    depth_dose_chart,
    load_parameters,
    photon_depth_dose,
    proton_depth_dose,
)

DEPTH = np.arange(0, 35, 0.01)


@pytest.mark.parametrize(("energy", "range_cm"), [(100, 7.7), (150, 15.6), (200, 26.0)])
def test_proton_peak_sits_just_before_the_bragg_kleeman_range(energy, range_cm):
    model = load_parameters().proton
    assert model.range_cm(energy) == pytest.approx(range_cm, abs=0.1)  # alpha E^p in water
    dose = proton_depth_dose(model, energy, DEPTH)
    peak = DEPTH[np.argmax(dose)]
    assert range_cm - 1.0 < peak < range_cm
    assert dose[range_cm + 2.0 < DEPTH].max() < 1  # nothing beyond the end of range
    assert 15 < dose[0] < 50  # entrance plateau well below the peak


def test_photon_curve_matches_6_mv_data():
    model = load_parameters().photon
    dose = photon_depth_dose(model, DEPTH)
    assert DEPTH[np.argmax(dose)] == pytest.approx(1.5, abs=0.05)
    assert dose[np.searchsorted(DEPTH, 10.0)] == pytest.approx(67, abs=0.5)


def test_chart_describes_itself_and_rejects_impossible_energies():
    chart = depth_dose_chart(150)
    assert chart.png.startswith(b"\x89PNG")
    assert "150 MeV protons (range 15.6 cm)" in repr(chart)
    with pytest.raises(ValueError, match="outside"):
        depth_dose_chart(1000)
