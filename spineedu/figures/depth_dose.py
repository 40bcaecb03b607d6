"""Depth-dose physics for the radiation lesson: why protons spare what lies beyond the tumour.

Protons follow Bortfeld's analytic model (Med Phys 1997): the Bragg-Kleeman range-energy rule,
a linear loss of fluence to nuclear interactions, and Gaussian range straggling. The photon curve
is a simple build-up-then-attenuation model matched to a 6 MV beam's published depth of maximum
dose and dose at 10 cm. Parameters live in content/physics/depth_dose.yaml.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field

from spineedu.content_model import Reference
from spineedu.figures.chart import OKABE_ITO, Chart, new_figure
from spineedu.knowledge_base import content_directory

DEPTH_STEP_CM = 0.01


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProtonModel(_Strict):
    alpha_cm_per_mev_p: float = Field(gt=0)
    p: float = Field(gt=1)
    straggling_coefficient: float = Field(gt=0)
    straggling_exponent: float = Field(gt=0)
    nuclear_beta_per_cm: float = Field(ge=0)
    nuclear_gamma: float = Field(ge=0, le=1)
    energy_spread_fraction: float = Field(ge=0, lt=0.1)
    energy_min_mev: float = Field(gt=0)
    energy_max_mev: float = Field(gt=0)
    references: tuple[str, ...]

    def range_cm(self, energy_mev: float) -> float:
        return self.alpha_cm_per_mev_p * energy_mev**self.p


class PhotonModel(_Strict):
    label: str
    depth_of_maximum_cm: float = Field(gt=0)
    percent_depth_dose_at_10_cm: float = Field(gt=0, lt=100)
    references: tuple[str, ...]


class DepthDoseParameters(_Strict):
    proton: ProtonModel
    photon: PhotonModel
    references: tuple[Reference, ...]


@functools.cache
def load_parameters(path: Path | None = None) -> DepthDoseParameters:
    path = path or content_directory() / "physics" / "depth_dose.yaml"
    parameters = DepthDoseParameters.model_validate(yaml.safe_load(path.read_text()))
    known = {reference.id for reference in parameters.references}
    cited = set(parameters.proton.references) | set(parameters.photon.references)
    if cited - known:
        raise ValueError(f"{path}: unknown reference(s) {sorted(cited - known)}")
    return parameters


def proton_depth_dose(model: ProtonModel, energy_mev: float, depth_cm: np.ndarray) -> np.ndarray:
    """Relative dose (max 100) of a monoenergetic proton beam in water at each depth."""
    r0 = model.range_cm(energy_mev)
    p, alpha = model.p, model.alpha_cm_per_mev_p
    beta, gamma = model.nuclear_beta_per_cm, model.nuclear_gamma
    edges = np.append(depth_cm, depth_cm[-1] + DEPTH_STEP_CM)

    def cell_integral(exponent: float) -> np.ndarray:
        residual = np.clip(r0 - edges, 0.0, None) ** (exponent + 1) / (exponent + 1)
        return residual[:-1] - residual[1:]

    # cell averages of Bortfeld's unstraggled dose, integrable singularity at the end of range
    dose = (cell_integral(1 / p - 1) + (beta + gamma * beta * p) * cell_integral(1 / p))
    dose /= p * alpha ** (1 / p) * (1 + beta * r0) * DEPTH_STEP_CM
    straggling = model.straggling_coefficient * r0**model.straggling_exponent
    spread = alpha * p * energy_mev ** (p - 1) * model.energy_spread_fraction * energy_mev
    sigma = math.hypot(straggling, spread)
    half = math.ceil(4 * sigma / DEPTH_STEP_CM)
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) * DEPTH_STEP_CM / sigma) ** 2)
    padded = np.concatenate([np.full(half, dose[0]), dose, np.zeros(half)])
    dose = np.convolve(padded, kernel / kernel.sum(), mode="valid")
    return 100 * dose / dose.max()


def _photon_coefficients(model: PhotonModel) -> tuple[float, float]:
    """(build-up k, attenuation mu) of D = (1 - e^-kz) e^-mu z matching dmax and PDD(10 cm)."""
    dmax, target = model.depth_of_maximum_cm, model.percent_depth_dose_at_10_cm / 100

    def build_up(mu: float) -> float:  # k that puts the maximum at dmax, by bisection
        low, high = 1e-3, 100.0
        for _ in range(80):
            k = (low + high) / 2
            slope = k * math.exp(-k * dmax) - mu * (1 - math.exp(-k * dmax))
            low, high = (k, high) if slope > 0 else (low, k)
        return (low + high) / 2

    def pdd10(mu: float) -> float:
        k = build_up(mu)
        dose = lambda z: (1 - math.exp(-k * z)) * math.exp(-mu * z)  # noqa: E731
        return dose(10) / dose(dmax)

    low, high = 1e-4, 1.0
    for _ in range(80):
        mu = (low + high) / 2
        low, high = (mu, high) if pdd10(mu) > target else (low, mu)
    mu = (low + high) / 2
    return build_up(mu), mu


def photon_depth_dose(model: PhotonModel, depth_cm: np.ndarray) -> np.ndarray:
    k, mu = _photon_coefficients(model)
    dose = (1 - np.exp(-k * depth_cm)) * np.exp(-mu * depth_cm)
    return 100 * dose / dose.max()


@functools.lru_cache(maxsize=64)
def depth_dose_chart(energy_mev: float) -> Chart:
    """Photon depth dose against a proton Bragg peak of the given energy."""
    parameters = load_parameters()
    proton, photon = parameters.proton, parameters.photon
    if not proton.energy_min_mev <= energy_mev <= proton.energy_max_mev:
        raise ValueError(f"proton energy {energy_mev} MeV is outside "
                         f"{proton.energy_min_mev:g}-{proton.energy_max_mev:g} MeV")
    depth = np.arange(0, 35, DEPTH_STEP_CM)
    proton_dose = proton_depth_dose(proton, energy_mev, depth)
    photon_dose = photon_depth_dose(photon, depth)
    peak = float(depth[np.argmax(proton_dose)])
    beyond = depth > peak + 1.0
    photon_beyond = float(photon_dose[np.argmin(np.abs(depth - (peak + 1.0)))])

    figure = new_figure(6.4, 3.6)
    axes = figure.add_subplot()
    axes.plot(depth, photon_dose, color=OKABE_ITO["blue"], linewidth=2, label=photon.label)
    axes.plot(depth, proton_dose, color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--",
              label=f"{energy_mev:g} MeV protons (Bragg peak at {peak:.1f} cm)")
    axes.fill_between(depth, 0, photon_dose, where=beyond, color=OKABE_ITO["blue"], alpha=0.15,
                      label="photon dose beyond the peak (exit dose)")
    axes.set_xlabel("depth in water (cm)")
    axes.set_ylabel("relative dose (%)")
    axes.set_xlim(0, 35)
    axes.set_ylim(0, 105)
    axes.legend(fontsize=8, loc="upper right")
    axes.set_title("Depth dose: photons against a proton Bragg peak", fontsize=10, loc="left")
    description = (
        f"Chart: {photon.label} reach their maximum at {photon.depth_of_maximum_cm:g} cm and "
        f"still give {photon_beyond:.0f}% of it 1 cm beyond the proton peak, while "
        f"{energy_mev:g} MeV protons (range {proton.range_cm(energy_mev):.1f} cm) peak at "
        f"{peak:.1f} cm and give almost no dose beyond it."
    )
    return Chart.from_figure(figure, description)
