#pragma once
// Log-linear Poisson rate model for rare political events: rate = exp(b0 + b . x) per month of
// exposure. Fitted by penalised maximum likelihood (a normal prior on the slopes keeps the fit
// finite when a covariate separates the few events, as it does for the alliance record).
// Used to calibrate the alliance mechanisms' hazards on data/episodes; see
// docs/models/calibration.md.
#include <vector>

namespace linchpin::analytics {

// A group of months with the same covariates: total exposure, events seen, covariate values.
struct ExposureCell {
  double exposure_months = 0.0;
  double events = 0.0;
  std::vector<double> covariates;
};

struct PoissonRateFit {
  std::vector<double> coefficients;     // b0 (log rate per month at x = 0), then one per covariate
  std::vector<double> standard_errors;  // from the inverse of the penalised information matrix
  std::vector<std::vector<double>> covariance;  // that inverse: the estimates' joint covariance
  double log_likelihood = 0.0;          // unpenalised, at the estimate
  double events = 0.0;
  double exposure_months = 0.0;
  int iterations = 0;
};

// Penalised MLE by Newton's method. `slope_prior_sd` is the standard deviation of the zero-mean
// normal prior on each slope (not on the intercept); 0 or infinity means no prior. Throws
// linchpin::Error when the cells are empty, a covariate count differs, exposure is not
// positive, or the fit does not converge.
PoissonRateFit fit_poisson_rate(const std::vector<ExposureCell>& cells, double slope_prior_sd);

// Correlation of coefficients i and j from the fit's covariance (0 when either variance is 0).
double coefficient_correlation(const PoissonRateFit& fit, std::size_t i, std::size_t j);

// Monthly rate the fitted model predicts at covariates x.
double predicted_rate(const PoissonRateFit& fit, const std::vector<double>& x);

}  // namespace linchpin::analytics
