#pragma once
// What the configuration and the suppressions make of a run's findings,
// after the rules ran: each finding gets the severity its file's
// .pipec.yaml gives its rule, or goes when the rule is off there or a
// suppression covers it; a suppression that covers nothing, or cannot be
// used, becomes a finding of its own (CP0010, CP0011).

#include <string>

#include "config/finder.h"
#include "diag/report.h"
#include "model/workspace.h"
#include "syntax/document.h"

namespace pipec::driver {

/// The rule whose findings no comment, baseline or --add-suppressions
/// silences: a committed secret is removed and deactivated, not accepted.
inline constexpr std::string_view kCommittedSecretRule = "CP5001";

/// Whether a file can hold suppression comments: YAML and .pipe files.
[[nodiscard]] bool holds_comments(std::string_view path, std::string_view text);

/// Applies `finder`'s configurations and the files' suppression comments to
/// `report`, whose findings are about `workspace`.
void apply_policy(const model::Workspace& workspace, config::Finder& finder, diag::Report& report);

/// The line a suppression comment above covers `span` from: its own, or,
/// inside a string of several lines (a YAML block scalar, which cannot hold
/// a comment), the line of that string's key.
[[nodiscard]] std::uint32_t suppression_line(const model::Workspace& workspace, source::Span span);

/// Where a finding is, in words that survive edits elsewhere in its file:
/// the JSON Pointer of the value it is about ("/pipeline/stages/1/name"), or,
/// where the file has no tree of values (.pipe), "line:" and a hash of the
/// text of its line.
[[nodiscard]] std::string stable_location(const model::Workspace& workspace, source::Span span);

}  // namespace pipec::driver
