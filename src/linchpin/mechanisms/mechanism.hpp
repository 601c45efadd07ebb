#pragma once
// The one seam every mechanism implements. A Mechanism is built once from the validated
// scenario and is immutable; each trial gets its own MechanismTrial holding per-trial state.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linchpin/core/calendar.hpp"
#include "linchpin/core/enum_names.hpp"
#include "linchpin/world/world.hpp"

namespace linchpin {

enum class MetricKind { continuous, discrete };
inline constexpr std::array<EnumName<MetricKind>, 2> kMetricKindNames = {
    {{MetricKind::continuous, "continuous"}, {MetricKind::discrete, "discrete"}}};

// A monthly series a mechanism tracks. Quantiles are computed over [lower, upper]; discrete
// metrics take whole-number values and get exact quantiles.
struct MetricSpec {
  std::string name;
  std::string unit;
  std::string description;
  double lower = 0.0;
  double upper = 1.0;
  MetricKind kind = MetricKind::continuous;
};

// Something that happens, or not, in a trial; its probability is estimated over trials.
struct OutcomeSpec {
  std::string name;
  std::string description;
};

struct Event {
  int month_index = 0;
  std::string kind;
  std::vector<std::string> actors;
  double magnitude = 0.0;
  std::string detail;
};

struct TrialContext {
  std::uint64_t seed = 0;
  std::uint64_t trial = 0;
  Month start;
  int horizon_months = 0;
};

// Where a mechanism writes its metric values, outcomes and events for the current month.
// Indices are the mechanism's own, in the order of its metrics() and outcomes().
class TrialSink {
 public:
  TrialSink(std::span<double> metrics, std::span<int> outcome_months, std::vector<Event>* events,
            std::uint64_t* event_count, int month_index)
      : metrics_(metrics),
        outcome_months_(outcome_months),
        events_(events),
        event_count_(event_count),
        month_index_(month_index) {}

  void set_metric(std::size_t metric, double value) { metrics_[metric] = value; }
  // Marks an outcome as occurred; the first month it occurs is kept.
  void occur(std::size_t outcome) {
    if (outcome_months_[outcome] < 0) outcome_months_[outcome] = month_index_;
  }
  // True when this trial's events are being kept, so detail text is worth building.
  bool tracing() const { return events_ != nullptr; }
  void emit(Event event) {
    ++*event_count_;
    if (events_ == nullptr) return;
    event.month_index = month_index_;
    events_->push_back(std::move(event));
  }
  int month_index() const { return month_index_; }

 private:
  std::span<double> metrics_;
  std::span<int> outcome_months_;
  std::vector<Event>* events_;
  std::uint64_t* event_count_;
  int month_index_;
};

// Emits an event of `kind` with `magnitude`; `detail()` builds its text only when the trial is
// traced, so untraced trials do not pay for formatting.
template <typename DetailFunction>
void emit_event(TrialSink& sink, std::string kind, double magnitude, DetailFunction&& detail) {
  Event event;
  event.kind = std::move(kind);
  event.magnitude = magnitude;
  if (sink.tracing()) event.detail = detail();
  sink.emit(std::move(event));
}

template <typename DetailFunction>
void emit_event(TrialSink& sink, std::string kind, DetailFunction&& detail) {
  emit_event(sink, std::move(kind), 0.0, std::forward<DetailFunction>(detail));
}

class MechanismTrial {
 public:
  virtual ~MechanismTrial() = default;
  // Advances this mechanism's part of the world by one month.
  virtual void step(World& world, TrialSink& sink) = 0;
};

class Mechanism {
 public:
  virtual ~Mechanism() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<MetricSpec> metrics() const = 0;
  virtual std::vector<OutcomeSpec> outcomes() const = 0;
  // Samples this trial's parameters, prepares the mechanism's part of the initial world and
  // sets every metric's starting value.
  virtual std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                                      TrialSink& sink) const = 0;
};

}  // namespace linchpin
