#include <fmt/core.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/rule.h"
#include "eventbridge/ecr_samples.h"
#include "eventbridge/match.h"
#include "eventbridge/model_pattern.h"
#include "model/sent_overrides.h"
#include "util/text.h"

namespace pipec::rules {

namespace rule_misses_pipeline_source {
namespace {

/// An ECR source of the target pipeline, and whether the target overrides
/// its revision with the pushed digest.
struct EcrSource : model::EcrSource {
  bool overridden = false;
};

// The pattern without its tests of the fields at `paths`.
eventbridge::CompiledPattern without(const eventbridge::CompiledPattern& pattern, std::initializer_list<std::string_view> paths) {
  eventbridge::CompiledPattern out = pattern;
  for (auto& b : out.branches) {
    std::erase_if(b.fields, [&](std::uint32_t index) {
      return std::find(paths.begin(), paths.end(), out.fields[index].path) != paths.end();
    });
  }
  return out;
}

// The pattern without its tests of where the event came from (the account
// and Region it was sent from, a replication's source account and Region):
// the sample events stand for any image, not for any account, so only the
// tests of which image decide whether the pipeline's images get through.
eventbridge::CompiledPattern about_the_image(const eventbridge::CompiledPattern& pattern) {
  return without(pattern, {"account", "region", "detail.source-account", "detail.source-region"});
}

struct Miss {
  const EcrSource* source;
  eventbridge::Decision decision;
};

class Checker {
 public:
  Checker(const check::Context& context, check::Reporter& out) : context_(context), ws_(context.workspace), out_(out) {}

  void run() {
    for (const auto& set : ws_.target_sets) {
      if (!set.event_rule) continue;
      const auto& rule = ws_.event_rules[*set.event_rule];
      if (!rule.pattern) continue;
      // The rule's pattern, the kinds of ECR event it takes, and the pattern
      // with any test of the tag set aside: worked out once per rule.
      std::optional<std::optional<eventbridge::ModelPattern>> pattern;
      // Its samples, each copied once and rewritten for one source after
      // another.
      std::vector<eventbridge::EcrSampleRewriter> samples;
      std::optional<eventbridge::CompiledPattern> any_tag, image_only;
      // Their matchers, made once per rule for every source of every target.
      std::optional<eventbridge::Explainer> any_tag_matcher, image_only_matcher;
      for (const auto& target : set.targets) {
        const auto targeted = ws_.targeted_pipeline(set, target);
        if (!targeted || targeted->pipeline->stages.empty() || !targeted->pipeline->first_stage_resolved()) continue;
        std::vector<EcrSource> sources;
        for (const auto& s : model::ecr_sources(*targeted->pipeline)) sources.push_back({s});
        if (sources.empty()) continue;
        if (!pattern) {
          pattern = eventbridge::compile_model_pattern(*rule.pattern, context_.patterns);
          if (*pattern) {
            for (const auto* s : kinds((*pattern)->pattern)) samples.emplace_back(*s);
            image_only = about_the_image((*pattern)->pattern);
            any_tag = without(*image_only, {"detail.image-tag"});
            image_only_matcher.emplace(*image_only);
            any_tag_matcher.emplace(*any_tag);
          }
        }
        if (!*pattern) break;  // EventBridge refuses it: CP0103 and friends
        if (samples.empty()) break;  // not a rule about ECR images
        mark_overrides(target, sources);
        check(rule, *image_only_matcher, *any_tag_matcher, samples, *targeted, sources);
      }
    }
  }

 private:
  void mark_overrides(const model::Target& target, std::vector<EcrSource>& sources) {
    if (!sent_) sent_ = model::sent_overrides(ws_);
    for (const auto& sent : *sent_) {
      if (sent.target != &target) continue;
      for (const auto& o : sent.overrides) {
        for (auto& s : sources) s.overridden = s.overridden || o.sends_digest_for(s.action->display_name());
      }
    }
  }

  // The samples of the kinds of ECR event the pattern takes that are about
  // one repository and tag (a push, a replication, …).
  std::vector<const eventbridge::EcrSample*> kinds(const eventbridge::CompiledPattern& pattern) {
    std::vector<const eventbridge::EcrSample*> out = eventbridge::samples_of_kinds(pattern);
    std::erase_if(out, [](const eventbridge::EcrSample* s) { return !eventbridge::ecr_sample_names_an_image(*s); });
    return out;
  }

  // Whether an event of `samples`' kinds about `source`'s image gets
  // through `pattern`; if not, why not (for the first). Nothing as well when
  // its repository or tag is not a name ECR allows (CP0102's to report).
  static std::optional<eventbridge::Decision> misses(eventbridge::Explainer& pattern, const EcrSource& source,
                                                     std::vector<eventbridge::EcrSampleRewriter>& samples) {
    for (auto& sample : samples) {
      const syntax::Document* event = sample.about(source.repository->value.value, source.tag_value());
      if (event == nullptr || pattern.accepts(*event)) return std::nullopt;
    }
    // None does: the reasons, which only a miss needs. Each sample is still
    // about this source.
    for (const auto& sample : samples) {
      auto result = pattern.match(sample.document());
      if (!result.decisions.empty()) return std::move(result.decisions.front());
    }
    return std::nullopt;
  }

  void check(const model::EventRule& rule, eventbridge::Explainer& pattern, eventbridge::Explainer& any_tag,
             std::vector<eventbridge::EcrSampleRewriter>& samples, const model::Workspace::TargetedPipeline& targeted,
             const std::vector<EcrSource>& sources) {
    const std::string rule_name = rule.name ? rule.name->value : rule.logical_id ? rule.logical_id->value : "the rule";
    const std::string pipeline(targeted.pipeline->display_name());
    // Which repository: any pattern on the tag set aside, a push to none of
    // the sources' repositories gets through.
    std::optional<Miss> repository_miss;
    for (const auto& s : sources) {
      const auto miss = misses(any_tag, s, samples);
      if (!miss) {
        repository_miss.reset();
        break;
      }
      if (!repository_miss) repository_miss = Miss{&s, *miss};
    }
    if (repository_miss) {
      const auto& s = *repository_miss->source;
      report(repository_miss->decision,
             fmt::format("rule {} never starts pipeline {} for an image it deploys: {}", util::quote(rule_name),
                         util::quote(pipeline), repository_miss->decision.message))
          .with_related(s.repository->value.span, "the pipeline's source repository")
          .with_related(targeted.at, "the target pipeline")
          .with_help("match the repository the pipeline's source action reads, or point the target at the pipeline of this repository");
      return;
    }
    // Which tag: a source the target does not override deploys its ImageTag,
    // whatever image the event was about.
    for (const auto& s : sources) {
      if (s.overridden) continue;
      const auto miss = misses(pattern, s, samples);
      if (!miss) continue;
      auto& f = report(*miss, fmt::format("rule {} starts pipeline {} for images it does not deploy: {}, and source action {} deploys {}",
                                          util::quote(rule_name), util::quote(pipeline), miss->message,
                                          util::quote(s.action->display_name()),
                                          util::quote(s.repository->value.value + ":" + std::string(s.tag_value()))))
                    .with_related(s.tag ? s.tag->value.span : s.action->anchor(), s.tag ? "the tag it deploys" : "deploys \"latest\": no ImageTag")
                    .with_related(targeted.at, "the target pipeline")
                    .with_help(fmt::format("send the event's digest: an input transformer with a sourceRevisions override, "
                                           "{{\"actionName\": {}, \"revisionType\": \"IMAGE_DIGEST\", \"revisionValue\": <digest>}} "
                                           "with digest from $.detail.image-digest",
                                           util::quote(s.action->display_name())));
      f.severity = diag::Severity::warning;
    }
  }

  check::Finding& report(const eventbridge::Decision& d, std::string message) {
    const source::Span at = d.pattern_value.valid() ? d.pattern_value : d.pattern_key;
    return out_.report(at, std::move(message)).with_label("no image of the pipeline's source gets through");
  }

  const check::Context& context_;
  const model::Workspace& ws_;
  check::Reporter& out_;
  std::optional<std::vector<model::SentOverrides>> sent_;
};

void check(const check::Context& context, check::Reporter& out) { Checker(context, out).run(); }

}  // namespace
}  // namespace rule_misses_pipeline_source

extern const check::Rule kRuleMissesPipelineSource{
    {
        .id = "CP3009",
        .name = "rule-misses-pipeline-source",
        .category = "eventbridge",
        .default_severity = diag::Severity::error,
        .summary = "a rule that starts a pipeline does not match the ECR images the pipeline deploys",
        .rationale = R"md(## What it checks
Across files, and within one template: for each EventBridge rule about ECR images (pushes, replications) with a
target that starts a pipeline pipec also read, pipec builds the event ECR would send for the image each of the
pipeline's ECR source actions reads (its `RepositoryName`, and its `ImageTag`, `latest` when not set) and runs
the rule's pattern on it, with EventBridge's matching semantics.
- An error when no push to any of the pipeline's source repositories matches: the rule watches another
  repository, so the pipeline never starts for its own images.
- A warning when the repository matches but the tag does not, and the target does not override that source
  with the event's digest: the rule fires for `v1.2` while the source action deploys `latest`, so the pipeline
  runs again on an image that did not change.

## Why it matters
Neither shows until an image is pushed and nothing deploys, or the wrong image does. A rule copied from another
service keeps that service's repository name.

## How to fix
Match the repository (and tag) the source action reads, or send the event's digest to the pipeline with a
`sourceRevisions` override (`IMAGE_DIGEST`, from `$.detail.image-digest`), so that it deploys the image that
started it.

## References
- Amazon ECR User Guide: Amazon ECR events and EventBridge
- CodePipeline User Guide: Amazon ECR source action reference; Start a pipeline with a source revision override
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html",
    },
    rule_misses_pipeline_source::check,
    check::Cost::heavy};

}  // namespace pipec::rules
