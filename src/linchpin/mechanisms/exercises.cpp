#include "linchpin/mechanisms/exercises.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double next_readiness(double readiness, bool exercise_held, double gain, double decay) {
  return exercise_held ? readiness + gain * (1.0 - readiness) : readiness * (1.0 - decay);
}

double steady_state_readiness(const std::vector<int>& months, double gain, double decay) {
  double readiness = 0.0;
  for (int year = 0; year < 10000; ++year) {
    const double before = readiness;
    for (int month = 1; month <= 12; ++month)
      readiness = next_readiness(
          readiness, std::find(months.begin(), months.end(), month) != months.end(), gain, decay);
    if (std::fabs(readiness - before) < 1e-12) break;
  }
  return readiness;
}

std::vector<ParameterSchema> ExercisesMechanism::parameter_schema() {
  return {
      {"suspension_intercept", "Log monthly rate of suspension decisions at the record's mean engagement",
       "log(1/month)", -4.3263,
       "Penalised Poisson fit on data/episodes: 7 exercise_suspended 1988-02..2026-11 (466 "
       "months), covariate mean US/ROK engagement_with_dprk centred at 0.502; se 0.408 "
       "(docs/models/calibration.md)",
       -20, 0, false},
      {"suspension_slope", "Slope on the executives' mean engagement with the adversary",
       "log-rate", 2.5726, "Same fit; se 1.590", -10, 10, false},
      {"suspension_centre", "Centre of the suspension covariate (mean engagement)", "stance", 0.5018,
       "Exposure-weighted mean of the covariate over the fit window: the covariate is centred so the intercept is the log rate at the record's average (linchpin calibrate; docs/models/calibration.md)", 0, 1, false},
      {"mean_suspension_months", "Mean months a suspension lasts before resumption", "months", 22,
       "data/episodes: suspensions ending in resumption lasted 14 (1992-93), 3 (2018), 50 "
       "(2018-22), 41 (2019-22) months; with the 2026-03 one-month postponement, mean 22",
       1, 240, false},
      {"new_leader_resumption",
       "Probability a newly inaugurated executive with engagement below "
       "0.5 resumes suspended exercises at once",
       "probability", 0.5,
       "Assumption: Yoon resumed full-scale exercises within three months of taking office (2022, "
       "data/episodes); one precedent",
       0, 1, false},
      {"readiness_gain", "Share of the readiness gap an exercise closes", "share", 0.25,
       "Assumption (no published readiness index): two exercises a year sustain readiness near 0.8 "
       "with the default decay",
       0, 1, false},
      {"readiness_decay", "Monthly loss of readiness without exercises", "share/month", 0.02,
       "Assumption: without exercises readiness halves in about three years (0.98^34 = 0.50); USFK "
       "commanders reported degradation during the 2018-22 suspension (data/episodes)",
       0, 1, false},
      {"first_exercise_month", "Calendar month of the first theatre exercise of the year", "month",
       3, "Freedom Shield is held in March (cfc-exercises)", 1, 12, true},
      {"second_exercise_month", "Calendar month of the second theatre exercise", "month", 8,
       "Ulchi Freedom Shield is held in August (cfc-exercises)", 1, 12, true},
      {"opcon_transition_month",
       "Months after the start at which wartime OPCON passes to the host "
       "(0: no transition in the horizon)",
       "months", 0, "Definition: the transition is an optional scenario change", 0, 1200, true},
      {"opcon_readiness_cost", "Share of readiness lost at the OPCON transition", "share", 0.1,
       "Assumption: a new command structure costs readiness until exercised; critics' concern in "
       "the "
       "2006-14 OPCON debates (data/episodes, opcon_decision rows)",
       0, 1, false},
  };
}

ExercisesMechanism::ExercisesMechanism(const Scenario& scenario)
    : scenario_(scenario),
      engagement_dimension_(stance_dimension(scenario, "engagement_with_dprk")) {
  const auto& alliances = scenario.definition().alliances;
  for (const auto& roles : patron_host_alliances(scenario)) {
    const auto& alliance = alliances[roles.alliance];
    const auto* program = find_instrument(alliance, InstrumentKind::exercise_program);
    if (program == nullptr) continue;
    int per_year = 2;
    const auto count = program->parameters.find("theatre_exercises_per_year");
    if (count != program->parameters.end())
      per_year = std::clamp(int(count->second.nominal()), 0, 2);
    alliances_.push_back(roles);
    ids_.push_back(alliance.id);
    exercises_per_year_.push_back(per_year);
    metrics_.push_back({fmt::format("exercises.{}.readiness", alliance.id), "index",
                        "Combined-command readiness (0 none, 1 full)", 0.0, 1.0,
                        MetricKind::continuous});
    metrics_.push_back({fmt::format("exercises.{}.suspended", alliance.id), "flag",
                        "1 while combined exercises are suspended", 0.0, 1.0,
                        MetricKind::discrete});
    outcomes_.push_back(
        {fmt::format("exercises.{}.suspension", alliance.id), "Combined exercises are suspended"});
    outcomes_.push_back({fmt::format("exercises.{}.suspended_12_months", alliance.id),
                         "Combined exercises stay suspended for 12 months or more"});
  }
}

class ExercisesTrial final : public MechanismTrial {
 public:
  ExercisesTrial(const ExercisesMechanism& mechanism, World& world, const TrialContext& context,
                 TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "exercises", ExercisesMechanism::parameter_schema(),
                    context),
        stream_(context.seed, context.trial, purpose_id("exercises:decisions")) {
    const int n = int(mechanism.alliances_.size());
    suspended_months_.assign(n, 0);
    us_serial_.resize(n);
    host_serial_.resize(n);
    for (int i = 0; i < n; ++i) {
      const auto& roles = mechanism.alliances_[i];
      calendars_.push_back(calendar(std::size_t(i)));
      world.alliances[roles.alliance].readiness = steady_state_readiness(
          calendars_.back(), parameters_["readiness_gain"], parameters_["readiness_decay"]);
      us_serial_[i] = world.offices[roles.patron_executive].leader_serial;
      host_serial_[i] = world.offices[roles.host_executive].leader_serial;
    }
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& scenario = mechanism_.scenario_;
    for (std::size_t i = 0; i < mechanism_.alliances_.size(); ++i) {
      const double u_suspend = stream_.uniform();
      const double u_resume = stream_.uniform();
      const auto& roles = mechanism_.alliances_[i];
      auto& state = world.alliances[roles.alliance];
      // Peacetime exercise politics only: in wartime or after the treaty has ended there are no
      // suspension or resumption decisions (readiness holds at its last value).
      if (world.at_war() || !state.in_force) continue;
      const auto& patron = world.offices[roles.patron_executive];
      const auto& host = world.offices[roles.host_executive];
      const double engagement =
          0.5 * (unit_stance(scenario, patron, mechanism_.engagement_dimension_, 0.5) +
                 unit_stance(scenario, host, mechanism_.engagement_dimension_, 0.5));
      const bool new_leader =
          patron.leader_serial != us_serial_[i] || host.leader_serial != host_serial_[i];
      us_serial_[i] = patron.leader_serial;
      host_serial_[i] = host.leader_serial;
      if (!state.exercises_suspended) {
        const double hazard = std::min(
            1.0, std::exp(parameters_["suspension_intercept"] +
                          parameters_["suspension_slope"] *
                              (engagement - parameters_["suspension_centre"])));
        if (u_suspend < hazard) {
          state.exercises_suspended = true;
          suspended_months_[i] = 0;
          sink.occur(2 * i);
          emit(sink, "exercises.suspended", i,
               fmt::format("combined exercises suspended (engagement {:.2f})", engagement));
        }
      } else {
        const double resume = new_leader && engagement < 0.5
                                  ? parameters_["new_leader_resumption"]
                                  : 1.0 / parameters_["mean_suspension_months"];
        if (u_resume < resume) {
          state.exercises_suspended = false;
          emit(sink, "exercises.resumed", i,
               fmt::format("combined exercises resume after {} months", suspended_months_[i]));
        }
      }
      if (state.exercises_suspended && ++suspended_months_[i] >= 12) sink.occur(2 * i + 1);
      const auto& months = calendars_[i];
      const bool held =
          !state.exercises_suspended &&
          std::find(months.begin(), months.end(), world.month.month_of_year()) != months.end();
      state.readiness = next_readiness(state.readiness, held, parameters_["readiness_gain"],
                                       parameters_["readiness_decay"]);
      const int transition = int(parameters_["opcon_transition_month"]);
      if (transition > 0 && world.month_index == transition) {
        state.readiness *= 1.0 - parameters_["opcon_readiness_cost"];
        emit(sink, "exercises.opcon_transition", i,
             "wartime operational control passes to the host");
      }
    }
    publish(world, sink);
  }

 private:
  std::vector<int> calendar(std::size_t i) const {
    std::vector<int> months;
    if (mechanism_.exercises_per_year_[i] >= 1)
      months.push_back(int(parameters_["first_exercise_month"]));
    if (mechanism_.exercises_per_year_[i] >= 2)
      months.push_back(int(parameters_["second_exercise_month"]));
    return months;
  }

  void emit(TrialSink& sink, const char* kind, std::size_t i, const std::string& detail) {
    emit_event(sink, kind, [&] { return fmt::format("{}: {}", mechanism_.ids_[i], detail); });
  }

  void publish(const World& world, TrialSink& sink) {
    for (std::size_t i = 0; i < mechanism_.alliances_.size(); ++i) {
      const auto& state = world.alliances[mechanism_.alliances_[i].alliance];
      sink.set_metric(2 * i, state.readiness);
      sink.set_metric(2 * i + 1, state.exercises_suspended ? 1.0 : 0.0);
    }
  }

  const ExercisesMechanism& mechanism_;
  MechanismParameters parameters_;
  RandomStream stream_;
  std::vector<int> suspended_months_;
  std::vector<std::vector<int>> calendars_;  // exercise months of each alliance, this trial
  std::vector<int> us_serial_;
  std::vector<int> host_serial_;
};

std::unique_ptr<MechanismTrial> ExercisesMechanism::start_trial(World& world,
                                                                const TrialContext& context,
                                                                TrialSink& sink) const {
  return std::make_unique<ExercisesTrial>(*this, world, context, sink);
}

}  // namespace linchpin
