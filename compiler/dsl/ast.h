#pragma once
// The syntax tree of a .pipe file, as written: names, values and blocks with
// their spans, nothing resolved yet (constants, interpolation and references
// are resolved when the tree is lowered).

#include <optional>
#include <string>
#include <vector>

#include "source/span.h"

namespace pipec::dsl {

struct Name {
  std::string text;
  source::Span span;
};

/// A piece of a string: literal text, or a ${name} reference.
struct StringPart {
  bool reference = false;
  std::string text;   ///< the literal text (escapes decoded), or the referenced name
  source::Span span;  ///< of the text, or of "${name}"
};

struct Setting;

struct Value {
  enum class Kind {
    string,      ///< "…": parts
    reference,   ///< a bare name: a constant, or a keyword where one is expected
    number,      ///< text
    list,        ///< [ … ]: items
    operation,   ///< in patterns: an operator and its operands (prefix "v", numeric > 5 <= 9, …)
    block,       ///< in patterns: { field match … }, for nested fields
  };
  Kind kind = Kind::string;
  source::Span span;
  std::string text;              ///< reference, number, or operator name
  std::vector<StringPart> parts;  ///< string
  std::vector<Value> items;       ///< list items, operation operands (comparators as references "<", ">=" …)
  std::vector<Setting> settings;  ///< block: pattern fields, each `field match`
};

/// `key value…` in a block, or `key { … }`.
struct Setting {
  Name key;
  std::vector<Value> values;
  std::vector<Setting> block;  ///< a nested block (env { … }, pattern fields)
  bool has_block = false;
  source::Span span;
};

struct Action {
  Name provider;
  Name name;
  std::vector<Setting> settings;
  std::vector<Name> inputs;
  std::vector<Name> outputs;
  std::size_t group = 0;  ///< actions with the same group in a stage run in parallel
  source::Span span;
};

struct Stage {
  Name name;
  std::vector<Action> actions;
  std::vector<Setting> settings;  ///< on failure …
  source::Span span;
};

struct Pipeline {
  Name name;
  std::vector<Setting> settings;  ///< type, role, store, mode, variable, trigger
  std::vector<Stage> stages;
  source::Span span;
};

/// `on ecr push { … }`: an event shortcut.
struct Trigger {
  Name source;  ///< ecr
  Name event;   ///< push, replication, scan
  std::vector<Setting> filters;
  source::Span span;
};

struct Start {
  Name pipeline;
  std::vector<Setting> settings;  ///< revision, variable, role, id
  source::Span span;
};

struct Rule {
  Name name;
  std::optional<Trigger> trigger;
  std::optional<Value> pattern;       ///< an inline pattern block
  std::optional<Value> pattern_file;  ///< `pattern file "…"`: the path
  std::vector<Start> starts;
  std::vector<Setting> settings;  ///< description, state, bus
  source::Span span;
};

struct Let {
  Name name;
  Value value;
  source::Span span;
};

struct File {
  std::vector<Let> lets;
  /// `parameter NAME = default [description …] [allowed […]]` and
  /// `output NAME = value [description …]`: the key is NAME, the first value
  /// the default or value, the block the options.
  std::vector<Setting> parameters, outputs;
  std::vector<Pipeline> pipelines;
  std::vector<Rule> rules;
};

}  // namespace pipec::dsl
