#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>

#include "check/rule.h"
#include "util/regex_limit.h"
#include "util/spelling.h"
#include "util/text.h"
#include "util/utf8.h"

namespace pipec::rules {

namespace invalid_parameter_default {
namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

std::optional<std::string> scalar(const Document& doc, NodeId node) {
  if (doc.is(node, NodeKind::string) || doc.is(node, NodeKind::number)) return std::string(doc.node(node).text);
  if (doc.is(node, NodeKind::boolean)) return std::string(doc.node(node).boolean ? "true" : "false");
  return std::nullopt;
}

std::optional<double> number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> number_at(const Document& doc, NodeId parameter, std::string_view key) {
  const auto text = scalar(doc, doc.get(parameter, key));
  return text ? number(*text) : std::nullopt;
}

class ParameterChecker {
 public:
  ParameterChecker(const Document& doc, check::Reporter& out) : doc_(doc), out_(out) {}

  void check(const syntax::Member& parameter) {
    const NodeId p = parameter.value;
    const NodeId fallback = doc_.get(p, "Default");
    const auto type = scalar(doc_, doc_.get(p, "Type"));
    if (fallback == syntax::kNoNode || !type) return;
    const auto text = scalar(doc_, fallback);
    if (!text) return;
    name_ = parameter.key;
    constraint_ = scalar(doc_, doc_.get(p, "ConstraintDescription")).value_or("");
    // List types hold comma-separated values, each under the constraints.
    const bool list = type->starts_with("List<") || *type == "CommaDelimitedList";
    std::vector<std::string> values;
    if (list) {
      std::size_t start = 0;
      while (start <= text->size()) {
        const auto comma = text->find(',', start);
        const auto end = comma == std::string::npos ? text->size() : comma;
        std::string item = text->substr(start, end - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        values.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      values.push_back(*text);
    }
    const bool numeric = *type == "Number" || *type == "List<Number>";
    for (const auto& v : values) {
      if (!value(p, fallback, v, numeric)) return;  // one finding per default
    }
  }

 private:
  bool value(NodeId p, NodeId fallback, const std::string& v, bool numeric) {
    const source::Span span = doc_.node(fallback).span;
    if (numeric && !number(v)) {
      report(span, fmt::format("parameter {} is a Number, and its Default {} is not a number", util::quote(name_), util::quote(v)), "not a number");
      return false;
    }
    const NodeId allowed = doc_.get(p, "AllowedValues");
    if (doc_.is(allowed, NodeKind::array)) {
      std::vector<std::string> names;
      for (const NodeId item : doc_.items(allowed)) {
        if (const auto s = scalar(doc_, item)) names.push_back(*s);
      }
      const bool listed = std::any_of(names.begin(), names.end(), [&](const std::string& a) {
        return a == v || (numeric && number(a) && number(v) && *number(a) == *number(v));
      });
      if (!names.empty() && !listed) {
        auto& f = report(span, fmt::format("parameter {}'s Default {} is not one of its AllowedValues, {}", util::quote(name_), util::quote(v),
                                           util::quote_list(names, "and", 12)),
                         "not allowed");
        if (const auto guess = util::closest_match(v, names)) f.with_help(fmt::format("did you mean {}?", util::quote(*guess)));
        return false;
      }
    }
    if (!numeric) {
      const std::size_t length = util::count_code_points(v);
      if (const auto min = number_at(doc_, p, "MinLength"); min && static_cast<double>(length) < *min) {
        report(span, fmt::format("parameter {}'s Default is {} long, and its MinLength is {}", util::quote(name_), util::plural(length, "character"), *min),
               "too short");
        return false;
      }
      if (const auto max = number_at(doc_, p, "MaxLength"); max && static_cast<double>(length) > *max) {
        report(span, fmt::format("parameter {}'s Default is {} long, and its MaxLength is {}", util::quote(name_), util::plural(length, "character"), *max),
               "too long");
        return false;
      }
      if (const auto pattern = scalar(doc_, doc_.get(p, "AllowedPattern"))) {
        // CloudFormation matches the whole value (Java's regular expressions;
        // a pattern std::regex cannot read is not judged, nor a value so long
        // that libstdc++'s recursive matcher could run out of stack).
        const std::regex* re = compiled(*pattern);
        if (re != nullptr && v.size() <= util::kRegexSafeLength && !std::regex_match(v, *re)) {
          report(span, fmt::format("parameter {}'s Default {} does not match its AllowedPattern {}", util::quote(name_), util::quote(v),
                                   util::quote(*pattern)),
                 "does not match");
          return false;
        }
      }
    } else {
      const double n = *number(v);
      if (const auto min = number_at(doc_, p, "MinValue"); min && n < *min) {
        report(span, fmt::format("parameter {}'s Default {} is below its MinValue {}", util::quote(name_), v, *min), "too small");
        return false;
      }
      if (const auto max = number_at(doc_, p, "MaxValue"); max && n > *max) {
        report(span, fmt::format("parameter {}'s Default {} is above its MaxValue {}", util::quote(name_), v, *max), "too large");
        return false;
      }
    }
    return true;
  }

  // Each AllowedPattern compiled once, however many list items it judges.
  const std::regex* compiled(const std::string& pattern) {
    auto it = patterns_.find(pattern);
    if (it == patterns_.end()) {
      std::optional<std::regex> re;
      try {
        re.emplace(pattern);
      } catch (const std::regex_error&) {
      }
      it = patterns_.emplace(pattern, std::move(re)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  check::Finding& report(source::Span span, std::string message, std::string label) {
    auto& f = out_.report(span, std::move(message)).with_label(std::move(label));
    if (!constraint_.empty()) f.with_note(fmt::format("the parameter's ConstraintDescription: {}", constraint_));
    return f;
  }

  const Document& doc_;
  std::map<std::string, std::optional<std::regex>> patterns_;
  check::Reporter& out_;
  std::string name_, constraint_;
};

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    const Document& doc = *file.document;
    ParameterChecker checker(doc, out);
    for (const auto& m : doc.members(doc.get(doc.root(), "Parameters"))) checker.check(m);
  }
}

}  // namespace
}  // namespace invalid_parameter_default

extern const check::Rule kInvalidParameterDefault{
    {
        .id = "CP0118",
        .name = "invalid-parameter-default",
        .category = "cloudformation",
        .default_severity = diag::Severity::warning,
        .summary = "a CloudFormation parameter's Default breaks its own constraints: AllowedValues, AllowedPattern, lengths, bounds, Number",
        .rationale = R"md(## What it checks
Each parameter of a template that has a `Default`: a `Number` (or `List<Number>`) default is a number; the
default is one of `AllowedValues` (with the nearest one suggested), matches `AllowedPattern` as a whole, and
keeps within `MinLength`/`MaxLength` (strings) or `MinValue`/`MaxValue` (numbers). A list parameter's default is
checked item by item. The parameter's `ConstraintDescription`, when it has one, is shown.

## Why it matters
CloudFormation checks the value of each parameter before it does anything: a stack created or updated without
that parameter takes the default and fails at once (`Parameter 'Stage' must be one of AllowedValues`). pipec
checks the template with its defaults (CP0114), so a default that can never be deployed is also a value it
should not be judging. A warning, as every finding at a default is: a deployment that always passes the
parameter is not affected.

## References
- AWS CloudFormation User Guide: Parameters section syntax (AllowedValues, AllowedPattern, MinLength,
  MaxLength, MinValue, MaxValue, ConstraintDescription)
)md",
        .help_uri = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
    },
    invalid_parameter_default::check};

}  // namespace pipec::rules
