#include "linchpin/analytics/poisson_rate_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "linchpin/core/error.hpp"

namespace linchpin::analytics {

namespace {
using Matrix = std::vector<std::vector<double>>;

// Solves A x = b for a small symmetric positive-definite A by Gauss-Jordan with partial pivoting.
std::vector<double> solve(Matrix a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < n; ++row)
      if (std::fabs(a[row][col]) > std::fabs(a[pivot][col])) pivot = row;
    if (std::fabs(a[pivot][col]) < 1e-300)
      throw Error("Poisson rate model: singular information matrix");
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (std::size_t row = 0; row < n; ++row) {
      if (row == col) continue;
      const double factor = a[row][col] / a[col][col];
      for (std::size_t k = col; k < n; ++k) a[row][k] -= factor * a[col][k];
      b[row] -= factor * b[col];
    }
  }
  for (std::size_t i = 0; i < n; ++i) b[i] /= a[i][i];
  return b;
}

Matrix inverse(const Matrix& a) {
  const std::size_t n = a.size();
  Matrix result(n, std::vector<double>(n, 0.0));
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> unit(n, 0.0);
    unit[j] = 1.0;
    const auto column = solve(a, unit);
    for (std::size_t i = 0; i < n; ++i) result[i][j] = column[i];
  }
  return result;
}

double linear_predictor(const std::vector<double>& beta, const std::vector<double>& x) {
  double eta = beta[0];
  for (std::size_t j = 0; j < x.size(); ++j) eta += beta[j + 1] * x[j];
  return eta;
}
}  // namespace

PoissonRateFit fit_poisson_rate(const std::vector<ExposureCell>& cells, double slope_prior_sd) {
  if (cells.empty()) throw Error("Poisson rate model: no exposure cells");
  const std::size_t covariates = cells.front().covariates.size();
  const std::size_t p = covariates + 1;
  PoissonRateFit fit;
  for (const auto& cell : cells) {
    if (cell.covariates.size() != covariates)
      throw Error("Poisson rate model: cells have different numbers of covariates");
    if (!(cell.exposure_months > 0.0) || !std::isfinite(cell.exposure_months))
      throw Error("Poisson rate model: exposure must be positive and finite");
    if (!(cell.events >= 0.0) || !std::isfinite(cell.events))
      throw Error("Poisson rate model: event counts must be non-negative and finite");
    fit.events += cell.events;
    fit.exposure_months += cell.exposure_months;
  }
  if (fit.events <= 0.0)
    throw Error("Poisson rate model: no events, so the rate's maximum-likelihood estimate is zero");
  const bool has_prior = slope_prior_sd > 0.0 && std::isfinite(slope_prior_sd);
  const double precision = has_prior ? 1.0 / (slope_prior_sd * slope_prior_sd) : 0.0;

  std::vector<double> beta(p, 0.0);
  beta[0] = std::log(fit.events / fit.exposure_months);  // exact when there are no covariates
  Matrix information;
  for (fit.iterations = 1; fit.iterations <= 200; ++fit.iterations) {
    std::vector<double> gradient(p, 0.0);
    information.assign(p, std::vector<double>(p, 0.0));
    for (const auto& cell : cells) {
      const double mu = cell.exposure_months * std::exp(linear_predictor(beta, cell.covariates));
      std::vector<double> x(p, 1.0);
      for (std::size_t j = 0; j < covariates; ++j) x[j + 1] = cell.covariates[j];
      for (std::size_t i = 0; i < p; ++i) {
        gradient[i] += (cell.events - mu) * x[i];
        for (std::size_t k = 0; k < p; ++k) information[i][k] += mu * x[i] * x[k];
      }
    }
    for (std::size_t j = 1; j < p; ++j) {
      gradient[j] -= precision * beta[j];
      information[j][j] += precision;
    }
    const auto step = solve(information, gradient);
    double largest = 0.0;
    for (std::size_t i = 0; i < p; ++i) {
      // Damped so a separating covariate cannot throw the iteration into overflow.
      const double bounded = std::clamp(step[i], -5.0, 5.0);
      beta[i] += bounded;
      largest = std::max(largest, std::fabs(bounded));
    }
    if (largest < 1e-10) break;
  }
  if (fit.iterations > 200)
    throw Error(
        fmt::format("Poisson rate model: no convergence after 200 Newton steps{}",
                    has_prior ? "" : " (a covariate may separate the events; use a prior)"));
  const auto covariance = inverse(information);
  fit.coefficients = beta;
  for (std::size_t i = 0; i < p; ++i) fit.standard_errors.push_back(std::sqrt(covariance[i][i]));
  fit.covariance = covariance;
  for (const auto& cell : cells) {
    const double mu = cell.exposure_months * std::exp(linear_predictor(beta, cell.covariates));
    fit.log_likelihood += cell.events * std::log(mu) - mu - std::lgamma(cell.events + 1.0);
  }
  return fit;
}

double coefficient_correlation(const PoissonRateFit& fit, std::size_t i, std::size_t j) {
  if (i >= fit.covariance.size() || j >= fit.covariance.size()) return 0.0;
  const double scale = std::sqrt(fit.covariance[i][i] * fit.covariance[j][j]);
  return scale > 0.0 ? fit.covariance[i][j] / scale : 0.0;
}

double predicted_rate(const PoissonRateFit& fit, const std::vector<double>& x) {
  return std::exp(linear_predictor(fit.coefficients, x));
}

}  // namespace linchpin::analytics
